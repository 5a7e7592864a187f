//! Patient journeys: the seven stages from first awareness to follow-up care at home,
//! the transitions between them, the patient's needs per stage and every touchpoint.
//!
//! # JSON shape
//!
//! ```json
//! {
//!   "id": "J-0042", "patient": "PT-0042", "procedure": "knee_replacement",
//!   "status": "active",
//!   "stages": [
//!     {"stage": "awareness", "entered": "2026-09-02T10:00:00Z", "left": "2026-09-10T09:00:00Z"},
//!     {"stage": "research",  "entered": "2026-09-10T09:00:00Z"}
//!   ],
//!   "statusHistory": [{"status": "on_hold", "at": "..."}],
//!   "needs": [{"stage": "research", "need": "reliable_information", "met": true}],
//!   "touchpoints": [{
//!     "id": "tp-1", "stage": "research", "at": "2026-09-11T14:00:00Z",
//!     "channel": "whatsapp", "initiator": "patient", "participants": ["facilitator"],
//!     "kind": "inquiry", "durationMinutes": 12, "outcome": "resolved",
//!     "sentiment": 1, "needsAddressed": ["reliable_information"], "note": "free text"
//!   }]
//! }
//! ```
//! A stage visit entered by going back carries `"backReason"`. `statusHistory`, `needs`
//! and `touchpoints` may be left out; so may every optional touchpoint field.
//!
//! # Integer codes
//!
//! The batch entry points of [`crate::analytics`] take plain integer columns. Every enum
//! here has a stable `code()` (its position in the lists below) and `from_code()`:
//! - [`Stage`]: 0 awareness, 1 research, 2 selection, 3 preparation, 4 treatment,
//!   5 post_treatment, 6 follow_up.
//! - [`Status`]: 0 active, 1 completed, 2 abandoned, 3 on_hold.
//! - [`Channel`]: 0 phone, 1 whatsapp, 2 email, 3 sms, 4 video_call, 5 telemedicine,
//!   6 portal, 7 social_media, 8 in_person, 9 chat.
//! - [`Party`]: 0 patient, 1 facilitator, 2 provider, 3 insurer, 4 family, 5 travel_vendor.
//! - [`TouchpointKind`]: 0 inquiry, 1 consultation, 2 quote_sent, 3 records_transfer,
//!   4 booking, 5 visa_support, 6 admission, 7 treatment_update, 8 follow_up_call,
//!   9 review, 10 complaint, 11 other.
//! - [`Need`]: 0 reliable_information, 1 cost_transparency, 2 visa_support, 3 interpreter,
//!   4 dietary, 5 accessibility, 6 emotional_support, 7 care_coordination,
//!   8 travel_logistics, 9 medical_records, 10 aftercare.
//! - [`Outcome`]: 0 resolved, 1 follow_up_needed, 2 escalated, 3 no_response.
//! - [`BackReason`]: 0 clinic_declined, 1 quote_expired, 2 visa_refused.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::dates::check_instant;
use crate::error::{Error, Result};
use crate::named::named_enum;

/// Lowest and highest sentiment on the journey-mapping emotion scale.
pub const SENTIMENT_RANGE: (f64, f64) = (-2.0, 2.0);

/// The stable integer code of each value (its position), for the columnar batch entry
/// points, and back.
macro_rules! coded {
    ($($name:ident),+) => {$(
        impl $name {
            /// The stable integer code used by the columnar batch entry points.
            pub fn code(self) -> u8 {
                self as u8
            }

            /// The value with this integer code, if there is one.
            pub fn from_code(code: u8) -> Option<Self> {
                $name::ALL.get(usize::from(code)).copied()
            }
        }
    )+};
}

coded!(
    Stage,
    Status,
    Channel,
    Party,
    TouchpointKind,
    Need,
    Outcome,
    BackReason
);

named_enum! {
    /// The seven stages of a medical tourist's journey, in their fixed order.
    pub enum Stage in "stage" {
        /// The patient learns that treatment abroad is an option.
        Awareness = 0 => "awareness",
        /// The patient gathers information on destinations, clinics and costs.
        Research = 1 => "research",
        /// Quotes are compared and a provider is chosen.
        Selection = 2 => "selection",
        /// Records, visas, travel and bookings are arranged.
        Preparation = 3 => "preparation",
        /// Admission, the procedure and the hospital stay.
        Treatment = 4 => "treatment",
        /// Recovery (and leisure) at the destination before flying home.
        PostTreatment = 5 => "post_treatment",
        /// Follow-up care at home, with the overseas provider or a local doctor.
        FollowUp = 6 => "follow_up",
    }
}

named_enum! {
    /// Where a journey stands as a whole.
    pub enum Status in "status" {
        /// Moving through the stages.
        Active = 0 => "active",
        /// Finished after follow-up.
        Completed = 1 => "completed",
        /// Given up by the patient or the facilitator.
        Abandoned = 2 => "abandoned",
        /// Paused (medical, financial or personal reasons); may resume.
        OnHold = 3 => "on_hold",
    }
}

named_enum! {
    /// The medium a touchpoint happened on.
    pub enum Channel in "channel" {
        /// A voice call.
        Phone = 0 => "phone",
        /// WhatsApp messages or calls.
        Whatsapp = 1 => "whatsapp",
        /// Email.
        Email = 2 => "email",
        /// Text messages.
        Sms = 3 => "sms",
        /// A video call that is not a clinical consultation.
        VideoCall = 4 => "video_call",
        /// A remote clinical consultation.
        Telemedicine = 5 => "telemedicine",
        /// The facilitator's or provider's patient portal.
        Portal = 6 => "portal",
        /// Social media posts or messages.
        SocialMedia = 7 => "social_media",
        /// Face to face.
        InPerson = 8 => "in_person",
        /// Web chat.
        Chat = 9 => "chat",
    }
}

named_enum! {
    /// Who takes part in (or starts) a touchpoint.
    pub enum Party in "party" {
        /// The patient.
        Patient = 0 => "patient",
        /// The medical-tourism facilitator or coordinator.
        Facilitator = 1 => "facilitator",
        /// The clinic, hospital or doctor.
        Provider = 2 => "provider",
        /// The patient's insurer.
        Insurer = 3 => "insurer",
        /// Family members or companions.
        Family = 4 => "family",
        /// Airlines, hotels, transfer and visa agents.
        TravelVendor = 5 => "travel_vendor",
    }
}

named_enum! {
    /// What a touchpoint was about.
    pub enum TouchpointKind in "kind" {
        /// A question or first contact.
        Inquiry = 0 => "inquiry",
        /// A (tele)consultation with a clinician.
        Consultation = 1 => "consultation",
        /// A quote sent to the patient.
        QuoteSent = 2 => "quote_sent",
        /// Medical records sent or received.
        RecordsTransfer = 3 => "records_transfer",
        /// A booking of travel, stay or procedure.
        Booking = 4 => "booking",
        /// Help with a visa or invitation letter.
        VisaSupport = 5 => "visa_support",
        /// Admission to hospital.
        Admission = 6 => "admission",
        /// News on the treatment to the patient or family.
        TreatmentUpdate = 7 => "treatment_update",
        /// A follow-up call after the procedure.
        FollowUpCall = 8 => "follow_up_call",
        /// A review or testimonial.
        Review = 9 => "review",
        /// A complaint.
        Complaint = 10 => "complaint",
        /// Anything else.
        Other = 11 => "other",
    }
}

named_enum! {
    /// A need a patient has at a stage; the journey records whether it was met.
    pub enum Need in "need" {
        /// Trustworthy information on procedures, risks and providers.
        ReliableInformation = 0 => "reliable_information",
        /// An itemized, honest cost picture.
        CostTransparency = 1 => "cost_transparency",
        /// Visa and invitation-letter help.
        VisaSupport = 2 => "visa_support",
        /// An interpreter or a clinician who speaks the patient's language.
        Interpreter = 3 => "interpreter",
        /// Food the patient can eat (medical, religious, cultural).
        Dietary = 4 => "dietary",
        /// Step-free travel and rooms, wheelchairs, assistance.
        Accessibility = 5 => "accessibility",
        /// Reassurance and someone to talk to.
        EmotionalSupport = 6 => "emotional_support",
        /// Appointments and providers working together.
        CareCoordination = 7 => "care_coordination",
        /// Flights, transfers and accommodation arranged.
        TravelLogistics = 8 => "travel_logistics",
        /// Records gathered, translated and transferred.
        MedicalRecords = 9 => "medical_records",
        /// Care plan and local support after coming home.
        Aftercare = 10 => "aftercare",
    }
}

named_enum! {
    /// How a touchpoint ended.
    pub enum Outcome in "outcome" {
        /// The matter was settled.
        Resolved = 0 => "resolved",
        /// Something is still to be done.
        FollowUpNeeded = 1 => "follow_up_needed",
        /// Handed to someone with more authority.
        Escalated = 2 => "escalated",
        /// Nobody answered.
        NoResponse = 3 => "no_response",
    }
}

named_enum! {
    /// Why a journey went back a stage: the only backward moves the rules allow.
    pub enum BackReason in "reason" {
        /// selection → research: the chosen clinic declined the patient.
        ClinicDeclined = 0 => "clinic_declined",
        /// preparation → selection: the accepted quote expired.
        QuoteExpired = 1 => "quote_expired",
        /// preparation → selection: the visa was refused.
        VisaRefused = 2 => "visa_refused",
    }
}

impl Stage {
    /// The next stage, or `None` after follow_up.
    pub fn next(self) -> Option<Stage> {
        Stage::from_code(self.code().checked_add(1)?)
    }

    /// The stage a back move for `reason` leaves from, and the one it returns to.
    pub fn back_move(reason: BackReason) -> (Stage, Stage) {
        match reason {
            BackReason::ClinicDeclined => (Stage::Selection, Stage::Research),
            BackReason::QuoteExpired | BackReason::VisaRefused => {
                (Stage::Preparation, Stage::Selection)
            }
        }
    }

    /// A short title for tables and pictures ("Post-treatment").
    pub fn title(self) -> &'static str {
        match self {
            Stage::Awareness => "Awareness",
            Stage::Research => "Research",
            Stage::Selection => "Selection",
            Stage::Preparation => "Preparation",
            Stage::Treatment => "Treatment",
            Stage::PostTreatment => "Post-treatment",
            Stage::FollowUp => "Follow-up",
        }
    }
}

impl Status {
    /// True for completed and abandoned journeys, which take no more moves or touchpoints.
    pub fn is_finished(self) -> bool {
        matches!(self, Status::Completed | Status::Abandoned)
    }
}

/// One stay in a stage: when the journey entered it, and left it (absent while there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StageVisit {
    /// The stage.
    pub stage: Stage,
    /// When the journey entered the stage.
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub entered: DateTime<Utc>,
    /// When it left (moved on, went back, completed or was abandoned); absent while there.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::dates::option_instant"
    )]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub left: Option<DateTime<Utc>>,
    /// Set when the stage was entered by going back, with the reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_reason: Option<BackReason>,
}

/// A change of a journey's status (hold, resume, abandon, complete) and when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// The new status.
    pub status: Status,
    /// When it took effect.
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub at: DateTime<Utc>,
}

/// Whether a need the patient has at a stage was met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct StageNeed {
    /// The stage the need belongs to.
    pub stage: Stage,
    /// The need.
    pub need: Need,
    /// True once the need is met.
    pub met: bool,
}

/// One interaction on a journey: who, when, on which channel, about what, and how it felt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Touchpoint {
    /// Identifier, unique within the journey.
    pub id: String,
    /// The stage it belongs to (one the journey has reached).
    pub stage: Stage,
    /// When it happened.
    #[serde(with = "crate::dates::instant")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub at: DateTime<Utc>,
    /// The medium.
    pub channel: Channel,
    /// Who started it.
    pub initiator: Party,
    /// Who else took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Party>,
    /// What it was about.
    pub kind: TouchpointKind,
    /// How long it lasted, in minutes, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_minutes: Option<u32>,
    /// How it ended, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The patient's emotion on the −2…+2 journey-mapping scale, when rated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment: Option<f64>,
    /// Needs this touchpoint addressed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_addressed: Vec<Need>,
    /// Free text from the facilitator (escaped in every output).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Touchpoint {
    /// A touchpoint with the required fields; set the optional ones on the result.
    pub fn new(
        id: impl Into<String>,
        stage: Stage,
        at: DateTime<Utc>,
        channel: Channel,
        initiator: Party,
        kind: TouchpointKind,
    ) -> Touchpoint {
        Touchpoint {
            id: id.into(),
            stage,
            at,
            channel,
            initiator,
            participants: Vec::new(),
            kind,
            duration_minutes: None,
            outcome: None,
            sentiment: None,
            needs_addressed: Vec::new(),
            note: String::new(),
        }
    }
}

/// Checks a sentiment against the −2…+2 scale (finite, inclusive).
pub fn check_sentiment(value: f64, field: &str) -> Result<()> {
    if value.is_finite() && (SENTIMENT_RANGE.0..=SENTIMENT_RANGE.1).contains(&value) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            format!("sentiment {value} is outside -2..+2"),
        ))
    }
}

/// One move of a journey, as data: what the vectors and the wrappers send.
///
/// JSON: `{"action": "move", "to": "research", "reason": "clinic_declined", "at": "…"}`,
/// `{"action": "hold", "at": "…"}`, likewise `resume`, `abandon`, `complete`.
/// A forward `move` takes no reason; a backward one needs the reason that allows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(
    tag = "action",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum Transition {
    /// To the next stage, or back with a reason.
    Move {
        /// The stage to go to.
        to: Stage,
        /// Why, for a backward move.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<BackReason>,
        /// When.
        #[serde(with = "crate::dates::instant")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Pause an active journey.
    Hold {
        /// When.
        #[serde(with = "crate::dates::instant")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Resume a journey on hold.
    Resume {
        /// When.
        #[serde(with = "crate::dates::instant")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Give up an active or held journey.
    Abandon {
        /// When.
        #[serde(with = "crate::dates::instant")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Finish a journey that is in follow_up.
    Complete {
        /// When.
        #[serde(with = "crate::dates::instant")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
}

/// Read flat, field by field, as `ExclusionReason` is (serde's derived reader of an
/// internally tagged enum buffers the object and reads it again with a second reader of
/// each field type). Accepts what the derived reader accepted: `action` and its fields,
/// names no action has ignored; a field of another action must still have its type.
impl<'de> Deserialize<'de> for Transition {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Action {
            Move,
            Hold,
            Resume,
            Abandon,
            Complete,
        }
        #[derive(Deserialize)]
        struct Fields {
            action: Action,
            to: Option<Stage>,
            reason: Option<BackReason>,
            #[serde(default, with = "crate::dates::option_instant")]
            at: Option<DateTime<Utc>>,
        }
        let f = Fields::deserialize(d)?;
        let missing = serde::de::Error::missing_field;
        let at = || f.at.ok_or_else(|| missing("at"));
        Ok(match f.action {
            // `to` before `at`: the fields in declaration order, as the derived reader named them.
            Action::Move => Transition::Move {
                to: f.to.ok_or_else(|| missing("to"))?,
                reason: f.reason,
                at: at()?,
            },
            Action::Hold => Transition::Hold { at: at()? },
            Action::Resume => Transition::Resume { at: at()? },
            Action::Abandon => Transition::Abandon { at: at()? },
            Action::Complete => Transition::Complete { at: at()? },
        })
    }
}

impl Transition {
    /// The instant the transition happens.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Transition::Move { at, .. }
            | Transition::Hold { at }
            | Transition::Resume { at }
            | Transition::Abandon { at }
            | Transition::Complete { at } => *at,
        }
    }
}

/// A patient's journey: stage history, status, needs and touchpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object, rename = "JourneyJson")
)]
#[serde(rename_all = "camelCase")]
pub struct Journey {
    /// The journey's identifier.
    pub id: String,
    /// A pseudonymous patient reference (no personal details).
    pub patient: String,
    /// The procedure code, e.g. "knee_replacement".
    pub procedure: String,
    /// Where the journey stands.
    pub status: Status,
    /// Every stage visit, oldest first; only the last may still be open.
    pub stages: Vec<StageVisit>,
    /// Hold, resume, abandon and complete, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_history: Vec<StatusChange>,
    /// The patient's needs per stage, met or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<StageNeed>,
    /// Every touchpoint, in the order recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
    /// What `record` and `apply` look up on every call; not part of the JSON shape.
    #[serde(skip)]
    index: JourneyIndex,
}

/// The lookups of [`Journey::record`] and [`Journey::apply`], kept so each call costs
/// O(1) amortized instead of a scan of the whole journey: the touchpoint ids, the first
/// entry into each stage and the latest instant recorded.
///
/// It covers the first `visits`, `statuses` and `touchpoints` entries of the journey's
/// lists and catches up with entries appended since (by these methods or by hand). A list
/// that got shorter, or whose last indexed entry changed, is indexed again from scratch;
/// an entry edited in place in the middle of a list is not noticed: call
/// [`Journey::validate`], which never uses the index, after such edits.
#[derive(Debug, Clone, Default)]
struct JourneyIndex {
    visits: usize,
    statuses: usize,
    touchpoints: usize,
    /// The last indexed visit's entry and touchpoint's id: a replaced list shows here.
    last_visit: Option<(Stage, DateTime<Utc>)>,
    last_touchpoint: Option<String>,
    first_entered: [Option<DateTime<Utc>>; Stage::COUNT],
    latest: Option<DateTime<Utc>>,
    ids: HashSet<String>,
}

/// Journeys are equal by their data; the index is derived from it.
impl PartialEq for JourneyIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl JourneyIndex {
    fn later(&mut self, t: DateTime<Utc>) {
        self.latest = Some(self.latest.map_or(t, |l| l.max(t)));
    }

    /// Brings the index up to date with the journey's lists.
    fn sync(
        &mut self,
        stages: &[StageVisit],
        statuses: &[StatusChange],
        touchpoints: &[Touchpoint],
    ) {
        let visit_key = |k: usize| {
            k.checked_sub(1)
                .and_then(|i| stages.get(i))
                .map(|v| (v.stage, v.entered))
        };
        let touch_key = |k: usize| {
            k.checked_sub(1)
                .and_then(|i| touchpoints.get(i))
                .map(|t| t.id.clone())
        };
        let stale = self.visits > stages.len()
            || self.statuses > statuses.len()
            || self.touchpoints > touchpoints.len()
            || visit_key(self.visits) != self.last_visit
            || touch_key(self.touchpoints).as_deref() != self.last_touchpoint.as_deref();
        if stale {
            *self = JourneyIndex::default();
        }
        for v in stages.get(self.visits..).unwrap_or_default() {
            let first = self.first_entered.get_mut(usize::from(v.stage.code()));
            if let Some(slot) = first.filter(|s| s.is_none()) {
                *slot = Some(v.entered);
            }
            self.later(v.entered);
            if let Some(left) = v.left {
                self.later(left);
            }
        }
        // The last visit may have been closed since it was indexed.
        if let Some(left) = stages.last().and_then(|v| v.left) {
            self.later(left);
        }
        for s in statuses.get(self.statuses..).unwrap_or_default() {
            self.later(s.at);
        }
        for t in touchpoints.get(self.touchpoints..).unwrap_or_default() {
            self.ids.insert(t.id.clone());
            self.later(t.at);
        }
        self.visits = stages.len();
        self.statuses = statuses.len();
        self.touchpoints = touchpoints.len();
        self.last_visit = visit_key(self.visits);
        self.last_touchpoint = touch_key(self.touchpoints);
    }
}

fn refuse(from: impl fmt::Display, to: impl fmt::Display, reason: impl Into<String>) -> Error {
    Error::InvalidTransition {
        from: from.to_string(),
        to: to.to_string(),
        reason: reason.into(),
    }
}

impl Journey {
    /// Opens an active journey in `stage` (usually awareness; referrals may start later).
    pub fn new(
        id: impl Into<String>,
        patient: impl Into<String>,
        procedure: impl Into<String>,
        stage: Stage,
        at: DateTime<Utc>,
    ) -> Result<Journey> {
        let id = id.into();
        if id.trim().is_empty() {
            return Err(Error::invalid("journey.id", "the id is empty"));
        }
        check_instant("journey.at", at)?;
        Ok(Journey {
            id,
            patient: patient.into(),
            procedure: procedure.into(),
            status: Status::Active,
            stages: vec![StageVisit {
                stage,
                entered: at,
                left: None,
                back_reason: None,
            }],
            status_history: Vec::new(),
            needs: Vec::new(),
            touchpoints: Vec::new(),
            index: JourneyIndex::default(),
        })
    }

    /// Parses a journey from its JSON shape and checks it with [`Journey::validate`].
    pub fn from_json(text: &str) -> Result<Journey> {
        let journey: Journey =
            crate::json::from_str(text).map_err(|e| Error::json("journey", &e))?;
        journey.validate()?;
        Ok(journey)
    }

    /// The journey as JSON text.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json("journey", &e))
    }

    /// The stage the journey is in now (the last visit's stage).
    pub fn current_stage(&self) -> Option<Stage> {
        self.stages.last().map(|v| v.stage)
    }

    /// The furthest stage the journey ever reached.
    pub fn furthest_stage(&self) -> Option<Stage> {
        self.stages.iter().map(|v| v.stage).max()
    }

    /// True when the journey has entered `stage` at least once.
    pub fn has_reached(&self, stage: Stage) -> bool {
        self.stages.iter().any(|v| v.stage == stage)
    }

    /// The latest instant recorded anywhere on the journey; moves may not precede it.
    pub fn last_instant(&self) -> Option<DateTime<Utc>> {
        let visits = self
            .stages
            .iter()
            .flat_map(|v| std::iter::once(v.entered).chain(v.left));
        let statuses = self.status_history.iter().map(|s| s.at);
        let touches = self.touchpoints.iter().map(|t| t.at);
        visits.chain(statuses).chain(touches).max()
    }

    /// The index, brought up to date.
    fn index(&mut self) -> &JourneyIndex {
        self.index
            .sync(&self.stages, &self.status_history, &self.touchpoints);
        &self.index
    }

    fn check_time(&mut self, at: DateTime<Utc>, field: &str) -> Result<()> {
        check_instant(&format!("{field} of journey {}", self.id), at)?;
        match self.index().latest {
            Some(previous) if at < previous => Err(Error::TimeOrder {
                field: format!("{field} of journey {}", self.id),
                value: at.to_rfc3339(),
                previous: previous.to_rfc3339(),
            }),
            _ => Ok(()),
        }
    }

    fn current(&self) -> Result<Stage> {
        self.current_stage().ok_or_else(|| {
            Error::invalid(
                "journey.stages",
                format!("journey {} has no stage", self.id),
            )
        })
    }

    fn close_visit(&mut self, at: DateTime<Utc>) {
        if let Some(last) = self.stages.last_mut() {
            last.left = Some(at);
        }
    }

    /// Applies one transition, or refuses it with `invalid_transition` / `time_order`.
    pub fn apply(&mut self, transition: &Transition) -> Result<()> {
        let from = self.current()?;
        let at = transition.at();
        match *transition {
            Transition::Move { to, reason, .. } => {
                if self.status != Status::Active {
                    return Err(refuse(
                        from,
                        to,
                        format!("journey {} is {}, not active", self.id, self.status),
                    ));
                }
                let allowed = match reason {
                    None => from.next() == Some(to),
                    Some(r) => Stage::back_move(r) == (from, to),
                };
                if !allowed {
                    let why = match reason {
                        None if to < from => {
                            format!("going back from {from} to {to} needs a reason that allows it")
                        }
                        None => "journeys move forward one stage at a time".to_string(),
                        Some(r) => {
                            let (f, t) = Stage::back_move(r);
                            format!("{r} only allows {f} -> {t}")
                        }
                    };
                    return Err(refuse(from, to, why));
                }
                self.check_time(at, "transition.at")?;
                self.close_visit(at);
                self.stages.push(StageVisit {
                    stage: to,
                    entered: at,
                    left: None,
                    back_reason: reason,
                });
            }
            Transition::Hold { .. } => {
                if self.status != Status::Active {
                    return Err(refuse(
                        format!("{from} ({})", self.status),
                        Status::OnHold,
                        "only an active journey can be put on hold",
                    ));
                }
                self.check_time(at, "transition.at")?;
                self.set_status(Status::OnHold, at);
            }
            Transition::Resume { .. } => {
                if self.status != Status::OnHold {
                    return Err(refuse(
                        format!("{from} ({})", self.status),
                        Status::Active,
                        "only a journey on hold can resume",
                    ));
                }
                self.check_time(at, "transition.at")?;
                self.set_status(Status::Active, at);
            }
            Transition::Abandon { .. } => {
                if self.status.is_finished() {
                    return Err(refuse(
                        format!("{from} ({})", self.status),
                        Status::Abandoned,
                        "the journey is already finished",
                    ));
                }
                self.check_time(at, "transition.at")?;
                self.close_visit(at);
                self.set_status(Status::Abandoned, at);
            }
            Transition::Complete { .. } => {
                if self.status != Status::Active || from != Stage::FollowUp {
                    return Err(refuse(
                        format!("{from} ({})", self.status),
                        Status::Completed,
                        "only an active journey in follow_up can be completed",
                    ));
                }
                self.check_time(at, "transition.at")?;
                self.close_visit(at);
                self.set_status(Status::Completed, at);
            }
        }
        Ok(())
    }

    fn set_status(&mut self, status: Status, at: DateTime<Utc>) {
        self.status = status;
        self.status_history.push(StatusChange { status, at });
    }

    /// Moves forward one stage at `at`; returns the new stage.
    pub fn advance(&mut self, at: DateTime<Utc>) -> Result<Stage> {
        let from = self.current()?;
        let to = from.next().ok_or_else(|| {
            refuse(
                from,
                "beyond follow_up",
                "follow_up is the last stage; complete the journey instead",
            )
        })?;
        self.apply(&Transition::Move {
            to,
            reason: None,
            at,
        })?;
        Ok(to)
    }

    /// Goes back the one stage `reason` allows (see [`Stage::back_move`]); returns it.
    pub fn go_back(&mut self, reason: BackReason, at: DateTime<Utc>) -> Result<Stage> {
        let to = Stage::back_move(reason).1;
        self.apply(&Transition::Move {
            to,
            reason: Some(reason),
            at,
        })?;
        Ok(to)
    }

    /// Records a touchpoint into a stage the journey has reached, while it is not finished.
    ///
    /// Costs O(1) amortized (an index of ids and stage entries), so recording n
    /// touchpoints costs O(n).
    pub fn record(&mut self, touchpoint: Touchpoint) -> Result<()> {
        self.check_touchpoint(&touchpoint)?;
        if self.index().ids.contains(&touchpoint.id) {
            return Err(Error::InvalidTouchpoint {
                id: touchpoint.id,
                reason: format!("journey {} already has a touchpoint with this id", self.id),
            });
        }
        self.touchpoints.push(touchpoint);
        Ok(())
    }

    fn check_touchpoint(&mut self, t: &Touchpoint) -> Result<()> {
        if self.status.is_finished() {
            return Err(Error::InvalidTouchpoint {
                id: t.id.clone(),
                reason: format!("journey {} is {}", self.id, self.status),
            });
        }
        check_instant(&format!("touchpoint {}.at", t.id), t.at)?;
        let first = self
            .index()
            .first_entered
            .get(usize::from(t.stage.code()))
            .copied()
            .flatten();
        let Some(first) = first else {
            return Err(Error::InvalidTouchpoint {
                id: t.id.clone(),
                reason: format!(
                    "journey {} has not reached {} (it is in {})",
                    self.id,
                    t.stage,
                    self.current_stage().map_or("no stage", Stage::as_str)
                ),
            });
        };
        if t.at < first {
            return Err(Error::TimeOrder {
                field: format!("touchpoint {}.at", t.id),
                value: t.at.to_rfc3339(),
                previous: first.to_rfc3339(),
            });
        }
        if let Some(s) = t.sentiment {
            check_sentiment(s, &format!("touchpoint {}.sentiment", t.id))?;
        }
        Ok(())
    }

    /// Records whether a need at a stage is met (replacing an earlier record of it).
    pub fn set_need(&mut self, stage: Stage, need: Need, met: bool) {
        match self
            .needs
            .iter_mut()
            .find(|n| n.stage == stage && n.need == need)
        {
            Some(n) => n.met = met,
            None => self.needs.push(StageNeed { stage, need, met }),
        }
    }

    /// Checks a journey built elsewhere (JSON, a database): stage moves, time order,
    /// status against the last visit, touchpoints (unique ids) and sentiments, every
    /// instant in the supported years 1–9999. One pass over each list: O(n).
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid("journey.id", "the id is empty"));
        }
        let last = self.current()?;
        let mut previous: Option<&StageVisit> = None;
        let mut first_entered: [Option<DateTime<Utc>>; Stage::COUNT] = [None; Stage::COUNT];
        for visit in &self.stages {
            check_instant(
                &format!("journey {} stages.entered", self.id),
                visit.entered,
            )?;
            if let Some(left) = visit.left {
                check_instant(&format!("journey {} stages.left", self.id), left)?;
            }
            if let Some(slot) = first_entered
                .get_mut(usize::from(visit.stage.code()))
                .filter(|s| s.is_none())
            {
                *slot = Some(visit.entered);
            }
            if let Some(p) = previous {
                let Some(left) = p.left else {
                    return Err(Error::invalid(
                        "journey.stages",
                        format!(
                            "journey {}: the {} visit before {} has no left instant",
                            self.id, p.stage, visit.stage
                        ),
                    ));
                };
                let allowed = match visit.back_reason {
                    None => p.stage.next() == Some(visit.stage),
                    Some(r) => Stage::back_move(r) == (p.stage, visit.stage),
                };
                if !allowed {
                    return Err(refuse(
                        p.stage,
                        visit.stage,
                        format!("journey {} records a move the rules do not allow", self.id),
                    ));
                }
                if visit.entered < left {
                    return Err(Error::TimeOrder {
                        field: format!("journey {} stages.entered", self.id),
                        value: visit.entered.to_rfc3339(),
                        previous: left.to_rfc3339(),
                    });
                }
            }
            if let Some(left) = visit.left {
                if left < visit.entered {
                    return Err(Error::TimeOrder {
                        field: format!("journey {} stages.left", self.id),
                        value: left.to_rfc3339(),
                        previous: visit.entered.to_rfc3339(),
                    });
                }
            }
            previous = Some(visit);
        }
        let open = self.stages.last().is_some_and(|v| v.left.is_none());
        if open == self.status.is_finished() {
            return Err(Error::invalid(
                "journey.status",
                format!(
                    "journey {} is {} but its last visit is {}",
                    self.id,
                    self.status,
                    if open { "open" } else { "closed" }
                ),
            ));
        }
        if self.status == Status::Completed && last != Stage::FollowUp {
            return Err(refuse(
                last,
                Status::Completed,
                format!("journey {} is completed outside follow_up", self.id),
            ));
        }
        for s in &self.status_history {
            check_instant(&format!("journey {} statusHistory.at", self.id), s.at)?;
        }
        for pair in self.status_history.windows(2) {
            if let [a, b] = pair {
                if b.at < a.at {
                    return Err(Error::TimeOrder {
                        field: format!("journey {} statusHistory.at", self.id),
                        value: b.at.to_rfc3339(),
                        previous: a.at.to_rfc3339(),
                    });
                }
            }
        }
        let mut ids = HashSet::with_capacity(self.touchpoints.len());
        for t in &self.touchpoints {
            check_instant(&format!("touchpoint {}.at", t.id), t.at)?;
            let first = first_entered
                .get(usize::from(t.stage.code()))
                .copied()
                .flatten();
            let Some(first) = first else {
                return Err(Error::InvalidTouchpoint {
                    id: t.id.clone(),
                    reason: format!("journey {} never reached {}", self.id, t.stage),
                });
            };
            if t.at < first {
                return Err(Error::TimeOrder {
                    field: format!("touchpoint {}.at", t.id),
                    value: t.at.to_rfc3339(),
                    previous: first.to_rfc3339(),
                });
            }
            if !ids.insert(t.id.as_str()) {
                return Err(Error::InvalidTouchpoint {
                    id: t.id.clone(),
                    reason: format!("journey {} has two touchpoints with this id", self.id),
                });
            }
            if let Some(s) = t.sentiment {
                check_sentiment(s, &format!("touchpoint {}.sentiment", t.id))?;
            }
        }
        Ok(())
    }
}
