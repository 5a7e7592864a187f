//! medjourney: the engine behind medical-tourism facilitators' software.
//!
//! Five things are modelled, one module each: exact [`money`] and [`cost`] breakdowns,
//! provider [`matching`] scores, patient [`journey`]s with their journey map
//! ([`analytics`]), [`itinerary`] checks and trip [`planning`], and healthcare
//! [`knowledge`] (procedure guides and the jargon decoder); [`fhir`] exchanges them with
//! hospital systems as HL7 FHIR R4. [`samples`] holds a facilitator's case to try
//! everything on. Every fallible call returns [`Error`], whose `code()` is stable.
//!
//! Cargo features, all on by default: `itinerary` (itineraries, iCalendar and telehealth
//! times; pulls in the time-zone database; the trip planner needs it and `knowledge`),
//! `csv` (`FxTable::from_csv`, `JourneyMap::to_csv`), `knowledge` (procedure guides and
//! the glossary, embedded JSON data) and `fhir` (HL7 FHIR R4 bundles out, a catalog in;
//! the itinerary export needs `itinerary` too).
//! Turning one off removes its items at compile time; nothing fails at run time instead.

pub mod analytics;
pub mod cost;
pub mod dates;
mod display;
pub mod error;
#[cfg(feature = "fhir")]
pub mod fhir;
#[cfg(feature = "itinerary")]
pub mod itinerary;
pub mod journey;
pub mod json;
#[cfg(feature = "knowledge")]
pub mod knowledge;
pub mod limits;
pub mod matching;
pub mod money;
mod named;
pub mod options;
mod order;
#[cfg(feature = "itinerary")]
pub mod planning;
pub mod samples;
mod svg;
#[cfg(feature = "itinerary")]
pub mod zone;

pub use analytics::{
    journey_map, journey_map_columns, JourneyColumns, JourneyMap, JourneyTable, MapAccumulator,
    MapOptions, QuantileMode,
};
#[cfg(feature = "knowledge")]
pub use cost::estimate_trip_with_guides;
pub use cost::{
    adjudicate, budget_fit, compare_quotes, estimate_trip, refund_due, Adjudication, BudgetFit,
    Category, CompareOptions, Comparison, Deposit, DepositTerms, HospitalNights, Inclusion,
    InsurancePolicy, Interval, LineItem, NightsSource, PaymentPlan, Quote, QuoteTotals, Refund,
    RefundWindow, Schedule, TripEstimate,
};
pub use error::{Error, ErrorKind, Result};
#[cfg(feature = "fhir")]
pub use fhir::{Bundle, FhirOptions};
#[cfg(feature = "itinerary")]
pub use itinerary::{check, to_ics, Finding, FindingCode, Itinerary, ItineraryRules, Severity};
pub use journey::{Journey, Stage, Touchpoint, Transition};
#[cfg(feature = "knowledge")]
pub use knowledge::{
    explain, explain_with, procedure_guide, procedure_guides, procedures_without_guide, Glossary,
    GuideBook, ProcedureGuide, TermMatch,
};
pub use matching::{
    rank, topsis, weighted_sum, Catalog, Method, Normalization, Provider, RankOptions, Ranking,
    Request,
};
pub use money::{
    BatchConversion, Conversion, ConvertOptions, Currency, FxTable, Money, Rate, RoundingMode,
    StalePolicy,
};
pub use options::Options;
#[cfg(all(feature = "itinerary", feature = "knowledge"))]
pub use planning::{plan_trip, Plan, PlanRequest};
#[cfg(feature = "itinerary")]
pub use planning::{telehealth_slots, TelehealthOptions, TelehealthSlot};
pub use rust_decimal::Decimal;

/// The README's Rust example, compiled and run as a doctest so it cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
