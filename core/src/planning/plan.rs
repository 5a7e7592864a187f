//! What the trip planner answers: the itinerary, its cost and payments, and why each date.
//!
//! JSON shape of a [`Plan`] (camelCase):
//!
//! ```json
//! {"itinerary": {...}, "estimate": {...}, "paymentPlan": {...}, "payments": {...},
//!  "refunds": [{"from": "2026-11-30", "until": "2027-01-18", "percent": "100", "amount": {...}}, ...],
//!  "keyDates": {"recordsBy": "2026-11-23", "consultation": "2026-11-26", "depart": "2027-02-15",
//!               "arrive": "2027-02-15", "procedure": "2027-02-17", "fitToFly": "2027-02-27",
//!               "flyHome": "2027-03-01", "home": "2027-03-01", ...},
//!  "reasons": [{"itemId": "flight-home", "date": "2027-03-01", "text": "..."}],
//!  "assumptions": ["..."], "notes": [{"code": "flights_not_priced", "message": "..."}],
//!  "findings": [...]}
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cost::{PaymentPlan, RefundStep, Schedule, TripEstimate};
use crate::itinerary::{Finding, Itinerary};
use crate::named::named_enum;

/// A proposed trip: every item, what it costs, when it is paid, and why each date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The trip door to door: flights, transfers and stays marked `to_book` (placeholders
    /// with no invented flight numbers), appointments `proposed`.
    #[cfg_attr(feature = "typescript", tsify(type = "ItineraryJson"))]
    pub itinerary: Itinerary,
    /// The whole trip in the patient's currency.
    pub estimate: TripEstimate,
    /// Deposit and balance, dated to fit the trip.
    pub payment_plan: PaymentPlan,
    /// The dated payments of `paymentPlan`.
    pub payments: Schedule,
    /// What a cancellation gets back, stretch by stretch from the deposit's due date; the
    /// `from` of each stretch after the first is a day the refund changes. Empty without
    /// deposit terms.
    pub refunds: Vec<RefundStep>,
    /// The dates that shape the trip.
    pub key_dates: KeyDates,
    /// One plain sentence per item: why that day.
    pub reasons: Vec<Reason>,
    /// What the planner assumed without being told (times of day, durations, prices).
    pub assumptions: Vec<String>,
    /// Points for the coordinator to act on or confirm.
    pub notes: Vec<PlanNote>,
    /// The plan's own check: warnings and notes only (a plan never has an error).
    pub findings: Vec<Finding>,
}

/// The dates that shape the trip. Home dates are on the patient's clock, the others on
/// the clinic's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct KeyDates {
    /// The day the records go to the clinic (home).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub records_sent: NaiveDate,
    /// The last day they may go and still be reviewed before the consultation (home).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub records_by: NaiveDate,
    /// The video consultation with the surgeon before travel (home).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub consultation: NaiveDate,
    /// The first day the visa application is accepted, when one is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub visa_opens: Option<NaiveDate>,
    /// The planned filing day of the visa application, when one is needed (home).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub visa_apply: Option<NaiveDate>,
    /// The last day to file it, when one is needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub visa_apply_by: Option<NaiveDate>,
    /// The deposit's due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub deposit_due: Option<NaiveDate>,
    /// The balance's due date.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub balance_due: NaiveDate,
    /// Leaving home (home).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub depart: NaiveDate,
    /// Landing at the destination.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub arrive: NaiveDate,
    /// The pre-operative visit.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub pre_op: NaiveDate,
    /// The procedure (day 0 of the guide's counts).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub procedure: NaiveDate,
    /// Leaving hospital (the procedure day for a day procedure).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub discharge: NaiveDate,
    /// The earliest day the fit-to-fly rule allows a flight.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub fit_to_fly: NaiveDate,
    /// The day the rule and the guide advise flying home from (the plan keeps to it when
    /// the patient's dates allow).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub advised_return: NaiveDate,
    /// The flight home.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub fly_home: NaiveDate,
    /// Landing at home (home).
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub home: NaiveDate,
}

/// Why an item is on its day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Reason {
    /// The item.
    pub item_id: String,
    /// Its local start date.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub date: NaiveDate,
    /// Why that day, in one or two plain sentences.
    pub text: String,
    /// The last day it can happen, for paperwork with a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub deadline: Option<NaiveDate>,
}

/// A point the coordinator should act on or confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct PlanNote {
    /// Stable code.
    pub code: PlanNoteCode,
    /// What to do, in plain words.
    pub message: String,
}

named_enum! {
    /// The stable code of a [`PlanNote`].
    pub enum PlanNoteCode in "plan_note_code" {
        /// The departure is later than the earliest asked for (records, consultation, visa,
        /// deposit lead times).
        DepartureLater => "departure_later",
        /// Fewer leisure days than asked (visa stay limit or latest return).
        LeisureShortened => "leisure_shortened",
        /// The flight home is earlier than advised (latest return or visa stay limit); the
        /// in-clinic checks after it were moved to its morning.
        ReturnBeforeAdvised => "return_before_advised",
        /// No call time inside both parties' hours was found; the call sits in the patient's
        /// hours and the clinic must agree to it.
        NoCommonCallTime => "no_common_call_time",
        /// A follow-up the guide places at the clinic after the stay: another trip, not planned.
        ReturnVisit => "return_visit",
        /// The guide advises a companion and none travels.
        CompanionAdvised => "companion_advised",
        /// The quote is not valid on the day the plan is made.
        QuoteNotValid => "quote_not_valid",
        /// No quote: the medical cost is the catalog's price (the low end of its range).
        CatalogPrice => "catalog_price",
        /// No fares among the travel lines: flights are not in the estimate.
        FlightsNotPriced => "flights_not_priced",
        /// No nightly budget: the hotel nights are not in the estimate.
        AccommodationNotPriced => "accommodation_not_priced",
        /// Something the patient needs that the provider does not list among its amenities.
        NeedNotOffered => "need_not_offered",
    }
}
