//! A provider catalog as a directory: per provider an `Organization`, a `Location`, a
//! `HealthcareService` and, per doctor, a `Practitioner` and a `PractitionerRole`.
//!
//! Where each provider field goes (the README has the full table):
//! - `id` → Organization.identifier (system `sid/provider`); `name` → Organization.name;
//!   `country`, `city` → Organization.address and Location.address; `coordinates` →
//!   Location.position; `airportDistanceKm` → the Location's `airport-distance` extension;
//!   `timeZone` → the Location's FHIR `timezone` extension; `airport` → its `airport`
//!   extension;
//!   `accreditations`, `reviews` → Organization extensions.
//! - `procedures` → HealthcareService.type (code and name), with the price, volume,
//!   outcomes and wait in one `procedure-offer` extension per procedure; `languages` →
//!   HealthcareService.communication (BCP 47); `amenities` → HealthcareService.characteristic.
//! - `doctors` → Practitioner (name, `qualification` per board certification, the
//!   `years-experience` extension) and PractitionerRole (organization, specialty).

use super::bundle::{Builder, Bundle};
use super::codes;
use super::datatypes::{
    date, Address, CodeableConcept, Coding, Extension, FhirDecimal, HumanName, Identifier, Period,
    Quantity,
};
use super::entries::{provider_organization, provider_ref};
use super::resources::{
    HealthcareService, Location, Position, Practitioner, PractitionerRole, Qualification,
};
use crate::error::Result;
use crate::matching::catalog::{Accreditation, Outcome, ProcedureOffer, Provider, Reviews};
use crate::matching::Catalog;

/// A provider's field path in errors (`provider bosphorus-ortho procedures[0].annualVolume`).
fn field(p: &Provider, path: &str) -> String {
    format!("provider {} {path}", p.id)
}

fn address(p: &Provider) -> Address {
    Address {
        text: None,
        city: (!p.city.is_empty()).then(|| p.city.clone()),
        country: Some(p.country.clone()),
    }
}

fn accreditation(a: &Accreditation) -> Extension {
    let mut parts = vec![Extension::coding(
        "body",
        codes::CS_ACCREDITATION_BODY,
        a.body.as_str(),
    )];
    if !a.scope.is_empty() {
        parts.push(Extension::string("scope", &a.scope));
    }
    if a.issued.is_some() || a.expires.is_some() {
        parts.push(Extension::period(
            "period",
            Period {
                start: a.issued.map(date),
                end: a.expires.map(date),
            },
        ));
    }
    Extension::complex(codes::EXT_ACCREDITATION, parts)
}

fn reviews(p: &Provider, r: &Reviews) -> Result<Extension> {
    let mut parts = Vec::new();
    if let Some(stars) = &r.stars {
        for (i, count) in stars.iter().enumerate() {
            let name = format!("star{}", i + 1);
            parts.push(Extension::unsigned(
                &name,
                *count,
                &field(p, "reviews.stars"),
            )?);
        }
    }
    if let Some(mean) = r.mean {
        parts.push(Extension::decimal(
            "mean",
            FhirDecimal::from_f64(mean, &field(p, "reviews.mean"))?,
        ));
    }
    if let Some(count) = r.count {
        parts.push(Extension::unsigned(
            "count",
            count,
            &field(p, "reviews.count"),
        )?);
    }
    Ok(Extension::complex(codes::EXT_REVIEWS, parts))
}

fn outcome(name: &str, o: &Outcome, path: &str) -> Result<Extension> {
    let mut parts = vec![Extension::unsigned("cases", o.cases.into(), path)?];
    if let Some(c) = o.count {
        parts.push(Extension::unsigned("count", c.into(), path)?);
    }
    if let Some(r) = o.rate {
        parts.push(Extension::decimal("rate", FhirDecimal::from_f64(r, path)?));
    }
    Ok(Extension::complex(name, parts))
}

fn offer(p: &Provider, i: usize, o: &ProcedureOffer) -> Result<Extension> {
    let path = |name: &str| field(p, &format!("procedures[{i}].{name}"));
    let mut parts = vec![Extension::code("code", &o.code)];
    if let Some(price) = &o.price {
        parts.push(Extension::money("price", price)?);
    }
    if let Some(max) = &o.price_max {
        parts.push(Extension::money("priceMax", max)?);
    }
    if let Some(v) = o.annual_volume {
        parts.push(Extension::unsigned(
            "annualVolume",
            v.into(),
            &path("annualVolume"),
        )?);
    }
    if let Some(s) = &o.success {
        parts.push(outcome("success", s, &path("success"))?);
    }
    if let Some(c) = &o.complications {
        parts.push(outcome("complications", c, &path("complications"))?);
    }
    if let Some(w) = o.median_wait_days {
        parts.push(Extension::unsigned(
            "medianWaitDays",
            w.into(),
            &path("medianWaitDays"),
        )?);
    }
    Ok(Extension::complex(codes::EXT_PROCEDURE_OFFER, parts))
}

fn provider_entries(b: &mut Builder, p: &Provider) -> Result<()> {
    let org = provider_ref("Organization", &p.id);
    let loc = provider_ref("Location", &p.id);
    let service = provider_ref("HealthcareService", &p.id);

    let mut organization = provider_organization(&p.id, &org);
    organization.active = Some(true);
    organization.name = Some(p.name.clone());
    organization.address = vec![address(p)];
    organization.extension = p.accreditations.iter().map(accreditation).collect();
    if let Some(r) = &p.reviews {
        organization.extension.push(reviews(p, r)?);
    }
    b.push(&org, organization, &field(p, "id"))?;

    let position = match p.coordinates {
        Some(c) => Some(Position {
            longitude: Some(FhirDecimal::from_f64(c.lon, &field(p, "coordinates.lon"))?),
            latitude: Some(FhirDecimal::from_f64(c.lat, &field(p, "coordinates.lat"))?),
        }),
        None => None,
    };
    let mut extension = Vec::new();
    if let Some(km) = p.airport_distance_km {
        let value = FhirDecimal::from_f64(km, &field(p, "airportDistanceKm"))?;
        extension.push(Extension::quantity(
            codes::EXT_AIRPORT_DISTANCE,
            Quantity::ucum(value, "km"),
        ));
    }
    if let Some(zone) = &p.time_zone {
        extension.push(Extension::code(codes::TIMEZONE, zone));
    }
    if let Some(code) = &p.airport {
        extension.push(Extension::code(codes::EXT_AIRPORT, code));
    }
    let location = Location {
        id: loc.id(),
        extension,
        status: Some("active".into()),
        name: Some(p.name.clone()),
        address: Some(address(p)),
        position,
        managing_organization: Some(org.reference()),
        ..Location::default()
    };
    b.push(&loc, location, &field(p, "id"))?;

    let mut figures = Vec::with_capacity(p.procedures.len());
    for (i, o) in p.procedures.iter().enumerate() {
        figures.push(offer(p, i, o)?);
    }
    let mut characteristic = Vec::with_capacity(p.amenities.len());
    for a in &p.amenities {
        characteristic.push(CodeableConcept::coded(Coding::new(
            codes::CS_AMENITY,
            a.as_str(),
        )));
    }
    let healthcare_service = HealthcareService {
        id: service.id(),
        extension: figures,
        identifier: vec![Identifier::new(codes::SID_PROVIDER, &p.id)],
        active: Some(true),
        provided_by: Some(org.reference()),
        type_: p
            .procedures
            .iter()
            .map(|o| {
                CodeableConcept::coded(Coding::with_display(codes::CS_PROCEDURE, &o.code, &o.name))
            })
            .collect(),
        location: vec![loc.reference()],
        name: Some(p.name.clone()),
        characteristic,
        communication: p
            .languages
            .iter()
            .map(|l| CodeableConcept::coded(Coding::new(codes::BCP47, l)))
            .collect(),
        eligibility: Vec::new(),
    };
    b.push(&service, healthcare_service, &field(p, "id"))?;

    for (i, d) in p.doctors.iter().enumerate() {
        let key = format!("provider:{}/doctor:{i}", p.id);
        let doctor = super::bundle::EntryRef::new("Practitioner", &key);
        let role = super::bundle::EntryRef::new("PractitionerRole", &key);
        let mut extension = Vec::new();
        if let Some(y) = d.years_experience {
            let path = field(p, &format!("doctors[{i}].yearsExperience"));
            extension.push(Extension::unsigned(
                codes::EXT_YEARS_EXPERIENCE,
                y.into(),
                &path,
            )?);
        }
        let practitioner = Practitioner {
            id: doctor.id(),
            extension,
            name: vec![HumanName {
                text: Some(d.name.clone()),
                ..HumanName::default()
            }],
            qualification: d
                .board_certifications
                .iter()
                .map(|c| Qualification {
                    code: CodeableConcept::text(c),
                })
                .collect(),
        };
        b.push(&doctor, practitioner, &field(p, &format!("doctors[{i}]")))?;
        let practitioner_role = PractitionerRole {
            id: role.id(),
            practitioner: Some(doctor.reference()),
            organization: Some(org.reference()),
            specialty: if d.specialty.is_empty() {
                Vec::new()
            } else {
                vec![CodeableConcept::text(&d.specialty)]
            },
        };
        b.push(
            &role,
            practitioner_role,
            &field(p, &format!("doctors[{i}]")),
        )?;
    }
    Ok(())
}

impl Catalog {
    /// The catalog as a FHIR R4 directory Bundle (see [`crate::fhir`]);
    /// [`Catalog::from_fhir`] reads it back into an equal catalog.
    pub fn to_fhir(&self) -> Result<Bundle> {
        let mut b = Builder::from_entries();
        for p in self.providers() {
            provider_entries(&mut b, p)?;
        }
        Ok(b.finish())
    }
}
