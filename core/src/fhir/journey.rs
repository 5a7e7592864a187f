//! A journey as an `EpisodeOfCare` and one `Communication` per touchpoint.
//!
//! - `EpisodeOfCare.status`: active → `active`, on_hold → `onhold`, completed →
//!   `finished`, abandoned → `cancelled` (services ended outside the planned course).
//! - `statusHistory`: one entry per stage visit with its period and the stage in the
//!   `journey-stage` extension (plus `back-reason` for a visit entered by going back); a
//!   visit during which the journey was put on hold or resumed is split at those instants,
//!   so each entry's status held for its whole period.
//! - A touchpoint's parties other than the patient become entries of their own: an
//!   `Organization` per role (facilitator, provider, insurer, travel vendor; identified as
//!   `{journey id}/{party}` and typed with the party code) and a `RelatedPerson` for family.
//!   The initiator is the `sender`, the other participants the `recipient`s.

use chrono::{DateTime, Utc};

use super::bundle::{Builder, Bundle, EntryRef};
use super::codes;
use super::datatypes::{
    instant, Annotation, CodeableConcept, Coding, Extension, FhirDecimal, Identifier, Period,
    Quantity, Reference,
};
use super::entries;
use super::resources::{Communication, EpisodeOfCare, Organization, RelatedPerson, StatusHistory};
use crate::error::Result;
use crate::journey::{
    Channel, Journey, Party, Stage, StageVisit, Status, StatusChange, Touchpoint,
};

/// The EpisodeOfCare status of a journey status.
pub(crate) fn episode_status(status: Status) -> &'static str {
    match status {
        Status::Active => "active",
        Status::OnHold => "onhold",
        Status::Completed => "finished",
        Status::Abandoned => "cancelled",
    }
}

fn party_title(p: Party) -> &'static str {
    match p {
        Party::Patient => "Patient",
        Party::Facilitator => "Facilitator",
        Party::Provider => "Provider",
        Party::Insurer => "Insurer",
        Party::Family => "Family",
        Party::TravelVendor => "Travel vendor",
    }
}

/// HL7 v3 ParticipationMode of a channel, where one fits (SMS has none in R4's list).
fn participation_mode(c: Channel) -> Option<(&'static str, &'static str)> {
    match c {
        Channel::Phone => Some(("PHONE", "telephone")),
        Channel::Email => Some(("EMAILWRIT", "email")),
        Channel::VideoCall | Channel::Telemedicine => Some(("VIDEOCONF", "videoconferencing")),
        Channel::InPerson => Some(("FACE", "face-to-face")),
        Channel::Whatsapp | Channel::Portal | Channel::SocialMedia | Channel::Chat => {
            Some(("ONLINEWRIT", "online written"))
        }
        Channel::Sms => None,
    }
}

fn medium(c: Channel) -> CodeableConcept {
    let mut coding = Vec::with_capacity(2);
    if let Some((code, display)) = participation_mode(c) {
        coding.push(Coding::with_display(
            codes::V3_PARTICIPATION_MODE,
            code,
            display,
        ));
    }
    coding.push(Coding::new(codes::CS_CHANNEL, c.as_str()));
    CodeableConcept { coding, text: None }
}

fn stage_ext(stage: Stage) -> Extension {
    Extension::coding(codes::EXT_STAGE, codes::CS_STAGE, stage.as_str())
}

/// The statusHistory entries: one per stage visit, split where the status changed inside
/// it. Visits and changes are both in time order (validated), so one pass over each.
fn status_history(stages: &[StageVisit], changes: &[StatusChange]) -> Vec<StatusHistory> {
    let mut out = Vec::with_capacity(stages.len() + changes.len());
    let mut next = 0;
    let mut status = Status::Active;
    for visit in stages {
        // The status in force when the visit began: the last change at or before it.
        while let Some(c) = changes.get(next).filter(|c| c.at <= visit.entered) {
            status = c.status;
            next += 1;
        }
        let inside = changes
            .get(next..)
            .unwrap_or_default()
            .iter()
            .take_while(|c| visit.left.is_none_or(|l| c.at < l));
        let segment = |status: Status, start, end: Option<DateTime<Utc>>, first: bool| {
            let mut extension = vec![stage_ext(visit.stage)];
            if let (true, Some(r)) = (first, visit.back_reason) {
                extension.push(Extension::coding(
                    codes::EXT_BACK_REASON,
                    codes::CS_BACK_REASON,
                    r.as_str(),
                ));
            }
            StatusHistory {
                extension,
                status: episode_status(status).into(),
                period: Period {
                    start: Some(instant(start)),
                    end: end.map(instant),
                },
            }
        };
        let (mut seg_status, mut start, mut first) = (status, visit.entered, true);
        for c in inside {
            out.push(segment(seg_status, start, Some(c.at), first));
            (seg_status, start, first) = (c.status, c.at, false);
        }
        out.push(segment(seg_status, start, visit.left, first));
    }
    out
}

fn party_entry(
    b: &mut Builder,
    journey: &Journey,
    party: Party,
    patient: &EntryRef,
) -> Result<Reference> {
    if party == Party::Patient {
        return Ok(entries::labelled(patient, party_title(party)));
    }
    let key = format!("party:{}:{}", journey.id, party.as_str());
    let coding = Coding::with_display(codes::CS_PARTY, party.as_str(), party_title(party));
    let r = if party == Party::Family {
        let r = EntryRef::new("RelatedPerson", &key);
        if !b.has(&r) {
            let person = RelatedPerson {
                id: r.id(),
                patient: patient.reference(),
                relationship: vec![CodeableConcept {
                    coding: vec![
                        Coding::with_display(codes::V3_ROLE_CODE, "FAMMEMB", "family member"),
                        coding,
                    ],
                    text: None,
                }],
            };
            b.push(&r, person, "touchpoints.participants")?;
        }
        r
    } else {
        let r = EntryRef::new("Organization", &key);
        if !b.has(&r) {
            let mut type_ = vec![CodeableConcept::coded(coding)];
            let hl7 = match party {
                Party::Provider => Some(("prov", "Healthcare Provider")),
                Party::Insurer => Some(("ins", "Insurance Company")),
                _ => None,
            };
            if let Some((code, display)) = hl7 {
                type_.push(CodeableConcept::coded(Coding::with_display(
                    codes::ORGANIZATION_TYPE,
                    code,
                    display,
                )));
            }
            let org = Organization {
                id: r.id(),
                identifier: vec![Identifier::new(
                    codes::SID_PARTY,
                    &format!("{}/{}", journey.id, party.as_str()),
                )],
                type_,
                ..Organization::default()
            };
            b.push(&r, org, "touchpoints.participants")?;
        }
        r
    };
    Ok(entries::labelled(&r, party_title(party)))
}

fn communication(
    b: &mut Builder,
    journey: &Journey,
    index: usize,
    t: &Touchpoint,
    patient: &EntryRef,
    episode: &EntryRef,
) -> Result<()> {
    let r = EntryRef::new("Communication", &format!("{}/{}", journey.id, t.id));
    let mut extension = vec![stage_ext(t.stage)];
    if let Some(o) = t.outcome {
        extension.push(Extension::coding(
            codes::EXT_OUTCOME,
            codes::CS_OUTCOME,
            o.as_str(),
        ));
    }
    if let Some(s) = t.sentiment {
        let field = format!("touchpoints[{index}].sentiment");
        extension.push(Extension::decimal(
            codes::EXT_SENTIMENT,
            FhirDecimal::from_f64(s, &field)?,
        ));
    }
    if let Some(m) = t.duration_minutes {
        extension.push(Extension::duration(
            codes::EXT_DURATION,
            Quantity::ucum(FhirDecimal::from_decimal(m.into())?, "min"),
        ));
    }
    let sender = party_entry(b, journey, t.initiator, patient)?;
    let mut recipient: Vec<Reference> = Vec::with_capacity(t.participants.len());
    for p in &t.participants {
        let reference = party_entry(b, journey, *p, patient)?;
        if *p != t.initiator && !recipient.contains(&reference) {
            recipient.push(reference);
        }
    }
    let c = Communication {
        id: r.id(),
        extension,
        identifier: vec![Identifier::new(
            codes::SID_TOUCHPOINT,
            &format!("{}/{}", journey.id, t.id),
        )],
        status: "completed".into(),
        category: vec![CodeableConcept::coded(Coding::new(
            codes::CS_TOUCHPOINT_KIND,
            t.kind.as_str(),
        ))],
        medium: vec![medium(t.channel)],
        subject: Some(patient.reference()),
        about: vec![episode.reference()],
        sent: Some(instant(t.at)),
        recipient,
        sender: Some(sender),
        reason_code: t
            .needs_addressed
            .iter()
            .map(|n| CodeableConcept::coded(Coding::new(codes::CS_NEED, n.as_str())))
            .collect(),
        note: if t.note.is_empty() {
            Vec::new()
        } else {
            vec![Annotation {
                text: t.note.clone(),
            }]
        },
    };
    b.push(&r, c, &format!("touchpoints[{index}].id"))
}

impl Journey {
    /// The journey as a FHIR R4 `collection` Bundle: its Patient, an EpisodeOfCare, the
    /// parties its touchpoints name and one Communication per touchpoint (see
    /// [`crate::fhir`] for the mapping). The journey is validated first.
    pub fn to_fhir(&self) -> Result<Bundle> {
        self.validate()?;
        let mut b = Builder::new(&format!("journey:{}", self.id));
        let patient =
            entries::patient(&mut b, Some(&self.patient), &format!("journey:{}", self.id))?;
        let episode = EntryRef::new("EpisodeOfCare", &self.id);

        let history = status_history(&self.stages, &self.status_history);
        let mut extension = Vec::with_capacity(1 + self.needs.len());
        if let Some(stage) = self.current_stage() {
            extension.push(stage_ext(stage));
        }
        for n in &self.needs {
            extension.push(Extension::complex(
                codes::EXT_NEED,
                vec![
                    Extension::coding("stage", codes::CS_STAGE, n.stage.as_str()),
                    Extension::coding("need", codes::CS_NEED, n.need.as_str()),
                    Extension::boolean("met", n.met),
                ],
            ));
        }
        let period = self.stages.first().map(|first| Period {
            start: Some(instant(first.entered)),
            end: if self.status.is_finished() {
                self.stages.last().and_then(|v| v.left).map(instant)
            } else {
                None
            },
        });
        let type_ = if self.procedure.is_empty() {
            Vec::new()
        } else {
            vec![CodeableConcept::coded(Coding::new(
                codes::CS_PROCEDURE,
                &self.procedure,
            ))]
        };
        let episode_of_care = EpisodeOfCare {
            id: episode.id(),
            extension,
            identifier: vec![Identifier::new(codes::SID_JOURNEY, &self.id)],
            status: episode_status(self.status).into(),
            status_history: history,
            type_,
            patient: patient.reference(),
            period,
        };
        b.push(&episode, episode_of_care, "journey.id")?;
        for (i, t) in self.touchpoints.iter().enumerate() {
            communication(&mut b, self, i, t, &patient, &episode)?;
        }
        Ok(b.finish())
    }
}
