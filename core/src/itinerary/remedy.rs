//! The fix for a finding, when there is one clear change that makes it go away.
//!
//! A [`Remedy`] says the change in words (`text`) and as data (`kind` and its fields), so a
//! front end can offer a button ("move the flight to 2027-02-27") as well as a sentence.
//! JSON, inside a finding:
//!
//! ```json
//! {"code": "fit_to_fly", "severity": "error", "message": "...", "items": ["procedure", "flight-home"],
//!  "remedy": {"kind": "fly_on_or_after", "item": "flight-home", "date": "2027-02-27",
//!             "text": "Move flight-home to 2027-02-27 or later: ..."}}
//! ```
//!
//! Dates are local calendar dates of the place the rule counts in (a flight's departure
//! airport, the destination on arrival); instants are RFC 3339. Findings without a clear
//! single fix (an overlap: which item should move?) carry no remedy.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::Person;

/// What to change so a finding goes away: in words and as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Remedy {
    /// The change in plain words, naming the item and the date or time.
    pub text: String,
    /// The same change as data; `kind` in JSON.
    #[serde(flatten)]
    // A written type makes the declaration `{…} & RemedyAction` (an interface cannot extend a union).
    #[cfg_attr(feature = "typescript", tsify(type = "RemedyAction"))]
    pub action: RemedyAction,
}

/// The change a [`Remedy`] asks for, by kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RemedyAction {
    /// Fit to fly: the flight may leave on this local date (of its departure airport) or
    /// later.
    #[serde(rename_all = "camelCase")]
    FlyOnOrAfter {
        /// The flight to move.
        item: String,
        /// The earliest allowed local departure date.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        date: NaiveDate,
    },
    /// Visa: file the application between `opens` and `by` (local dates where it is filed),
    /// or keep the filing date and arrive on `arriveOnOrAfter` or later.
    #[serde(rename_all = "camelCase")]
    ApplyForVisa {
        /// The application to move, when one is planned.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        /// Whose visa it is.
        person: Person,
        /// ISO alpha-2 destination.
        country: String,
        /// First day the application is accepted, when the rule has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        opens: Option<NaiveDate>,
        /// Last day to file it (the apply-by date), when the rule has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        by: Option<NaiveDate>,
        /// The earliest arrival date that keeps the planned filing date valid.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
        arrive_on_or_after: Option<NaiveDate>,
    },
    /// Nights without a bed: book these nights (each the local date the night starts).
    #[serde(rename_all = "camelCase")]
    BookNights {
        /// ISO alpha-2 country of the stop.
        country: String,
        /// The nights to cover, in order.
        #[cfg_attr(feature = "typescript", tsify(type = "string[]"))]
        nights: Vec<NaiveDate>,
    },
    /// Tight connection: the connecting flight must leave at least `minutes` after the
    /// landing, at `departAtOrAfter` or later.
    #[serde(rename_all = "camelCase")]
    ConnectAfter {
        /// The connecting flight to move.
        item: String,
        /// The minimum layover, in minutes (airport minimum plus any ground transfer).
        minutes: i64,
        /// The earliest departure that respects it.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        depart_at_or_after: DateTime<Utc>,
    },
    /// An appointment too soon after a landing: start it at `at` or later.
    #[serde(rename_all = "camelCase")]
    StartAtOrAfter {
        /// The appointment to move.
        item: String,
        /// The earliest start.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        at: DateTime<Utc>,
    },
    /// Passport validity: the passport must be valid until this date (renew it first).
    #[serde(rename_all = "camelCase")]
    RenewPassport {
        /// Whose passport.
        person: Person,
        /// The date it must still be valid on.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        valid_until: NaiveDate,
    },
    /// A stay longer than the visa allows: leave on this local date or earlier.
    #[serde(rename_all = "camelCase")]
    LeaveBy {
        /// The departing flight to move.
        item: String,
        /// The last allowed local departure date.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        date: NaiveDate,
    },
    /// No post-operative check: add one between these instants.
    #[serde(rename_all = "camelCase")]
    AddPostOpCheck {
        /// The end of the procedure.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        after: DateTime<Utc>,
        /// The start of the next flight.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        before: DateTime<Utc>,
    },
    /// No follow-up after return: add a follow-up or telehealth appointment after this
    /// instant (the landing at home).
    #[serde(rename_all = "camelCase")]
    AddFollowUp {
        /// The landing at home.
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        after: DateTime<Utc>,
    },
}

impl RemedyAction {
    /// The snake_case kind used in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            RemedyAction::FlyOnOrAfter { .. } => "fly_on_or_after",
            RemedyAction::ApplyForVisa { .. } => "apply_for_visa",
            RemedyAction::BookNights { .. } => "book_nights",
            RemedyAction::ConnectAfter { .. } => "connect_after",
            RemedyAction::StartAtOrAfter { .. } => "start_at_or_after",
            RemedyAction::RenewPassport { .. } => "renew_passport",
            RemedyAction::LeaveBy { .. } => "leave_by",
            RemedyAction::AddPostOpCheck { .. } => "add_post_op_check",
            RemedyAction::AddFollowUp { .. } => "add_follow_up",
        }
    }
}
