//! Entries several exports share: the patient, a provider's Organization and
//! HealthcareService, and the self-pay Coverage. Their keys are the same in every bundle,
//! so the same patient or provider has the same fullUrl everywhere.

use super::bundle::{Builder, EntryRef};
use super::codes;
use super::datatypes::{CodeableConcept, Coding, Identifier, Reference};
use super::resources::{Coverage, Organization, Patient};
use crate::error::Result;

/// Adds the Patient entry: identified by the pseudonymous `id` when there is one, else an
/// unidentified patient scoped to `scope` (the quote, estimate or policy it belongs to).
pub(crate) fn patient(b: &mut Builder, id: Option<&str>, scope: &str) -> Result<EntryRef> {
    let id = id.filter(|p| !p.trim().is_empty());
    let r = match id {
        Some(p) => EntryRef::new("Patient", p),
        None => EntryRef::new("Patient", &format!("unidentified:{scope}")),
    };
    if !b.has(&r) {
        let patient = Patient {
            id: r.id(),
            identifier: id
                .map(|p| vec![Identifier::new(codes::SID_PATIENT, p)])
                .unwrap_or_default(),
        };
        b.push(&r, patient, "patient")?;
    }
    Ok(r)
}

/// The key of a provider's entries of one resource type (`Organization/provider:{id}`).
pub(crate) fn provider_ref(resource_type: &str, provider_id: &str) -> EntryRef {
    EntryRef::new(resource_type, &format!("provider:{provider_id}"))
}

/// A provider's Organization as the exports that know only its id write it.
pub(crate) fn provider_organization(id: &str, r: &EntryRef) -> Organization {
    Organization {
        id: r.id(),
        identifier: vec![Identifier::new(codes::SID_PROVIDER, id)],
        type_: vec![CodeableConcept::coded(Coding::with_display(
            codes::ORGANIZATION_TYPE,
            "prov",
            "Healthcare Provider",
        ))],
        ..Organization::default()
    }
}

/// Adds a provider's Organization (known by its id only) once; returns its entry.
pub(crate) fn provider(b: &mut Builder, id: &str) -> Result<EntryRef> {
    let r = provider_ref("Organization", id);
    if !b.has(&r) {
        b.push(&r, provider_organization(id, &r), "providerId")?;
    }
    Ok(r)
}

/// Adds a provider's HealthcareService (with its Organization) once; returns its entry.
#[cfg(feature = "itinerary")]
pub(crate) fn provider_service(b: &mut Builder, id: &str) -> Result<EntryRef> {
    let org = provider(b, id)?;
    let r = provider_ref("HealthcareService", id);
    if !b.has(&r) {
        let service = super::resources::HealthcareService {
            id: r.id(),
            active: Some(true),
            provided_by: Some(org.reference()),
            ..super::resources::HealthcareService::default()
        };
        b.push(&r, service, "providerId")?;
    }
    Ok(r)
}

/// Adds the self-pay Coverage of `patient` (who pays for themselves); returns its entry.
pub(crate) fn self_pay(b: &mut Builder, patient: &EntryRef) -> Result<EntryRef> {
    let r = EntryRef::new("Coverage", &format!("self-pay:{}", patient.id));
    if !b.has(&r) {
        let coverage = Coverage {
            id: r.id(),
            status: "active".into(),
            type_: Some(CodeableConcept::coded(Coding::with_display(
                codes::COVERAGE_SELFPAY,
                "pay",
                "Pay",
            ))),
            beneficiary: patient.reference(),
            payor: vec![patient.reference()],
            ..Coverage::default()
        };
        b.push(&r, coverage, "coverage")?;
    }
    Ok(r)
}

/// A reference to an entry with text for people.
pub(crate) fn labelled(r: &EntryRef, display: &str) -> Reference {
    Reference {
        display: Some(display.to_string()),
        ..r.reference()
    }
}
