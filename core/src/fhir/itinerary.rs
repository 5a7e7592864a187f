//! An itinerary's appointments as `Appointment`s (compiled with the `itinerary` feature).
//!
//! Every item of type `appointment` (consultation, pre-op tests, the procedure, post-op
//! check, follow-up, telehealth) becomes an Appointment; flights, transfers, stays, leisure
//! and paperwork have no FHIR counterpart here and are left out.
//! - `status` is `booked` (an itinerary lists what has been arranged, at set times), or
//!   `proposed` for an item whose `status` is `proposed` or `to_book` (a planned trip's
//!   times the clinic has not confirmed).
//! - `start` and `end` are instants with the offset of the item's own zones
//!   (`2027-02-17T08:00:00+03:00`); `minutesDuration` when the item lasts a minute or more.
//! - Participants (all `accepted`): the patient (the companion, as a RelatedPerson, for a
//!   companion-only item), the Location named by the item's `location` text (one entry per
//!   distinct text, managed by the item's provider) and the provider's HealthcareService.
//! - `appointmentType` has medjourney's type and, where one fits, HL7 v2 table 0276
//!   (`ROUTINE`, `FOLLOWUP`); `serviceType` has the procedure code.

use chrono::SecondsFormat;

use super::bundle::{Builder, Bundle, EntryRef};
use super::codes;
use super::datatypes::{CodeableConcept, Coding, Identifier};
use super::entries;
use super::resources::{Appointment, AppointmentParticipant, Location, RelatedPerson};
use crate::error::Result;
use crate::itinerary::{AppointmentType, Details, ItemStatus, Itinerary};

fn v2_reason(t: AppointmentType) -> Option<(&'static str, &'static str)> {
    match t {
        AppointmentType::Consultation
        | AppointmentType::PreOpTests
        | AppointmentType::Procedure => Some(("ROUTINE", "Routine appointment")),
        AppointmentType::PostOpCheck | AppointmentType::FollowUp => {
            Some(("FOLLOWUP", "A follow up visit from a previous appointment"))
        }
        AppointmentType::Telehealth => None,
    }
}

fn accepted(actor: super::datatypes::Reference) -> AppointmentParticipant {
    AppointmentParticipant {
        actor: Some(actor),
        required: Some("required".into()),
        status: "accepted".into(),
    }
}

impl Itinerary {
    /// The itinerary's appointments as a FHIR R4 Bundle of `Appointment`s with their
    /// Patient, Locations and providers (see [`crate::fhir`]). The itinerary is validated
    /// first (zones, ids, times).
    pub fn to_fhir(&self) -> Result<Bundle> {
        let zones = self.zones()?;
        let mut b = Builder::new(&format!("itinerary:{}", self.id));
        let patient = entries::patient(
            &mut b,
            Some(&self.traveller.patient_id),
            &format!("itinerary:{}", self.id),
        )?;
        for (item, (start_zone, end_zone)) in self.items.iter().zip(zones) {
            let Details::Appointment {
                appointment_type,
                provider_id,
                procedure,
                ..
            } = &item.details
            else {
                continue;
            };
            let field = format!("items[{}]", item.id.chars().take(60).collect::<String>());
            let mut participant = Vec::with_capacity(3);
            if item.companion_only {
                let r = EntryRef::new("RelatedPerson", &format!("companion:{}", self.id));
                if !b.has(&r) {
                    let relation = self
                        .traveller
                        .companion
                        .as_ref()
                        .map(|c| c.relation.as_str())
                        .filter(|r| !r.is_empty())
                        .unwrap_or("companion");
                    let person = RelatedPerson {
                        id: r.id(),
                        patient: patient.reference(),
                        relationship: vec![CodeableConcept::text(relation)],
                    };
                    b.push(&r, person, &field)?;
                }
                participant.push(accepted(r.reference()));
            } else {
                participant.push(accepted(patient.reference()));
            }
            let provider = match provider_id.as_deref().filter(|p| !p.is_empty()) {
                Some(p) => Some((
                    entries::provider(&mut b, p)?,
                    entries::provider_service(&mut b, p)?,
                )),
                None => None,
            };
            if let Some(place) = item.location.as_deref().filter(|l| !l.trim().is_empty()) {
                let r = EntryRef::new("Location", &format!("place:{place}"));
                if !b.has(&r) {
                    let location = Location {
                        id: r.id(),
                        status: Some("active".into()),
                        name: Some(place.to_string()),
                        managing_organization: provider.as_ref().map(|(org, _)| org.reference()),
                        ..Location::default()
                    };
                    b.push(&r, location, &format!("{field}.location"))?;
                }
                participant.push(accepted(r.reference()));
            }
            if let Some((_, service)) = &provider {
                participant.push(accepted(service.reference()));
            }
            let mut coding = Vec::with_capacity(2);
            if let Some((code, display)) = v2_reason(*appointment_type) {
                coding.push(Coding::with_display(
                    codes::V2_APPOINTMENT_REASON,
                    code,
                    display,
                ));
            }
            coding.push(Coding::new(
                codes::CS_APPOINTMENT_TYPE,
                appointment_type.as_str(),
            ));
            let minutes = (item.end - item.start).num_minutes();
            let r = EntryRef::new("Appointment", &format!("{}/{}", self.id, item.id));
            let appointment = Appointment {
                id: r.id(),
                identifier: vec![Identifier::new(
                    codes::SID_ITINERARY_ITEM,
                    &format!("{}/{}", self.id, item.id),
                )],
                status: match item.status {
                    Some(ItemStatus::Proposed | ItemStatus::ToBook) => "proposed",
                    Some(ItemStatus::Booked) | None => "booked",
                }
                .into(),
                service_type: procedure
                    .iter()
                    .filter(|p| !p.is_empty())
                    .map(|p| CodeableConcept::coded(Coding::new(codes::CS_PROCEDURE, p)))
                    .collect(),
                appointment_type: Some(CodeableConcept { coding, text: None }),
                description: (!item.title.is_empty()).then(|| item.title.clone()),
                start: Some(
                    item.start
                        .with_timezone(&start_zone)
                        .to_rfc3339_opts(SecondsFormat::AutoSi, false),
                ),
                end: Some(
                    item.end
                        .with_timezone(&end_zone)
                        .to_rfc3339_opts(SecondsFormat::AutoSi, false),
                ),
                minutes_duration: u32::try_from(minutes).ok().filter(|m| *m > 0),
                comment: item.notes.clone().filter(|n| !n.is_empty()),
                participant,
            };
            b.push(&r, appointment, &format!("{field}.id"))?;
        }
        Ok(b.finish())
    }
}
