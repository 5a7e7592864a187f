//! Trip planning: from "this patient, this procedure, this clinic, from this date" to a
//! whole proposed itinerary that passes the itinerary checks, with its cost, payment
//! dates and refund windows; and the telehealth times both parties can take.
//!
//! - [`plan_trip`] takes a [`PlanRequest`] (the patient, a catalog and the chosen
//!   provider's id, the procedure, the earliest departure and an optional latest return,
//!   preferences) and returns a [`Plan`]: an [`crate::Itinerary`] of proposed items
//!   (records and visa paperwork with their deadlines, the video consultation, flights and
//!   transfers, the hotel covering every night, the pre-operative visit, the procedure,
//!   hospital nights, discharge, in-clinic checks, rest and leisure, the flight home on
//!   the advised fit-to-fly day when the dates allow, follow-ups after return), a
//!   [`Reason`] per item, the [`crate::TripEstimate`], the [`crate::PaymentPlan`] and its
//!   schedule, the refund stretches, [`KeyDates`], assumptions and [`PlanNote`]s.
//! - [`telehealth_slots`] finds calls inside both parties' working hours and days, in
//!   any two IANA zones, across daylight-saving changes; [`working_week`] gives a
//!   country's weekend from a small sourced table.
//!
//! How the dates are chosen (calendar days on the clinic's clock after the procedure, day 0
//! being the procedure, as the guides and fit-to-fly rules count them):
//!
//! 1. Records go on `asOf`; the video consultation is the first call both sides can take
//!    three days later or after (the surgeon reads the records first).
//! 2. The departure is the earliest day from the one asked for that leaves after the
//!    consultation and the deposit's due date and lets every visa application be filed
//!    after the consultation (the hospital letter comes from it) and inside the visa rule's
//!    window before arrival.
//! 3. The procedure is two days after arrival (one when the guide allows no more; never
//!    fewer than the guide's fewest); the pre-operative visit the day before (the same
//!    morning when the patient lands the day before); hospital nights from the quote, else
//!    the guide's most.
//! 4. The flight home is on the advised day (the fit-to-fly rule's advised days, the guide's
//!    shortest stay near the clinic), not before the guide's in-clinic checks during the
//!    stay nor the day after discharge, plus the leisure days asked for: those come once the
//!    patient is fit to fly, which is when gentle outings are allowed.
//! 5. A visa stay limit or the latest return first takes leisure days away, then brings the
//!    return forward, never before the fit-to-fly minimum or the discharge; in-clinic checks
//!    after the new day move to its morning. Past that: `no_feasible_plan`.
//! 6. Follow-ups from the guide come after the return: video calls at the first time inside
//!    both parties' hours, visits to the patient's own doctor on working days at home;
//!    in-clinic visits after the stay are named as another trip, not planned.
//!
//! Times of day (records at 10:00, leave home four hours before a 10:00 flight, admission at
//! 07:00, the operation from 09:00, checks at 10:00, leisure 14:00–17:00, the flight home at
//! 15:00 or later) are proposals, listed in every plan's `assumptions`.
//!
//! What the planner never does: invent flight numbers or prices. Flights, transfers and
//! hotel nights are placeholders (`status: "to_book"`); appointment times are `proposed`;
//! a cost it was not given is left out of the estimate and named in the notes.
//!
//! `plan_trip` needs the `knowledge` feature (procedure guides) as well as `itinerary`.

/// Makes a planner input struct strict, like the option structs: a field it does not have
/// is `unknown_field`, naming it, from JSON, a Python dict or a JS object. The struct
/// derives serde with `#[serde(remote = "Self")]`; this implements both traits through
/// [`crate::options::Strict`]. For structs with required fields (no `Default`, so not
/// `strict_options!`).
macro_rules! strict_struct {
    ($name:ty) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                d: D,
            ) -> std::result::Result<Self, D::Error> {
                <$name>::deserialize($crate::options::Strict(d))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                <$name>::serialize(self, s)
            }
        }
    };
}

#[cfg(feature = "knowledge")]
mod build;
#[cfg(feature = "knowledge")]
mod context;
#[cfg(feature = "knowledge")]
mod costing;
#[cfg(feature = "knowledge")]
mod plan;
#[cfg(feature = "knowledge")]
mod request;
pub mod telehealth;
#[cfg(feature = "knowledge")]
mod timeline;
#[cfg(feature = "knowledge")]
mod trip;
pub mod week;

#[cfg(feature = "knowledge")]
pub use costing::BALANCE_DAYS_BEFORE_DEPARTURE;
#[cfg(feature = "knowledge")]
pub use plan::{KeyDates, Plan, PlanNote, PlanNoteCode, Reason};
#[cfg(feature = "knowledge")]
pub use request::{
    Patient, PlanRequest, Preferences, MAX_COMPANIONS, MAX_FOLLOW_UPS, MAX_LEAD_DAYS,
    MAX_LEISURE_DAYS,
};
pub use telehealth::{
    telehealth_slots, TelehealthOptions, TelehealthSlot, MAX_SLOTS, MAX_WINDOW_DAYS,
};
#[cfg(feature = "knowledge")]
pub use trip::plan_trip;
pub use week::{
    working_week, working_weeks, DayOfWeek, WorkingHours, WorkingWeek, WORKING_WEEK_JSON,
};
