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
//!   schedule, the refund stretches, [`KeyDates`], assumptions and [`PlanNote`]s. See
//!   `timeline` for how each date is chosen and `build` for the times of day.
//! - [`telehealth_slots`] finds calls inside both parties' working hours and days, in
//!   any two IANA zones, across daylight-saving changes; [`working_week`] gives a
//!   country's weekend from a small sourced table.
//!
//! What the planner never does: invent flight numbers or prices. Flights, transfers and
//! hotel nights are placeholders (`status: "to_book"`); appointment times are `proposed`;
//! a cost it was not given is left out of the estimate and named in the notes.
//!
//! `plan_trip` needs the `knowledge` feature (procedure guides) as well as `itinerary`.

#[cfg(feature = "knowledge")]
mod build;
#[cfg(feature = "knowledge")]
mod context;
#[cfg(feature = "knowledge")]
pub mod costing;
#[cfg(feature = "knowledge")]
mod plan;
#[cfg(feature = "knowledge")]
mod request;
pub mod telehealth;
#[cfg(feature = "knowledge")]
pub mod timeline;
#[cfg(feature = "knowledge")]
mod trip;
pub mod week;

#[cfg(feature = "knowledge")]
pub use costing::BALANCE_DAYS_BEFORE_DEPARTURE;
#[cfg(feature = "knowledge")]
pub use plan::{KeyDates, Plan, PlanNote, PlanNoteCode, Reason};
#[cfg(feature = "knowledge")]
pub use request::{
    Patient, PlanRequest, Preferences, MAX_COMPANIONS, MAX_LEAD_DAYS, MAX_LEISURE_DAYS,
};
pub use telehealth::{
    telehealth_slots, TelehealthOptions, TelehealthSlot, MAX_SLOTS, MAX_WINDOW_DAYS,
};
#[cfg(feature = "knowledge")]
pub use trip::plan_trip;
pub use week::{
    working_week, working_weeks, DayOfWeek, WorkingHours, WorkingWeek, WORKING_WEEK_JSON,
};
