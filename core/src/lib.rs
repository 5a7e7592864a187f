//! medjourney: the engine behind medical-tourism facilitators' software.
//!
//! Four things are modelled, one module each: exact [`money`] and [`cost`] breakdowns,
//! provider [`matching`] scores, patient [`journey`]s with their journey map
//! ([`analytics`]), and [`itinerary`] planning. [`samples`] holds a facilitator's case
//! to try everything on. Every fallible call returns [`Error`], whose `code()` is stable.
//!
//! Cargo features, both on by default: `itinerary` (itineraries and iCalendar; pulls in
//! the time-zone database) and `csv` (`FxTable::from_csv`, `JourneyMap::to_csv`).
//! Turning one off removes its items at compile time; nothing fails at run time instead.

pub mod analytics;
pub mod cost;
pub mod dates;
pub mod error;
#[cfg(feature = "itinerary")]
pub mod itinerary;
pub mod journey;
pub mod limits;
pub mod matching;
pub mod money;
mod named;
pub mod options;
pub mod samples;
mod svg;

pub use analytics::{
    journey_map, journey_map_columns, JourneyColumns, JourneyMap, JourneyTable, MapAccumulator,
    MapOptions,
};
pub use cost::{
    adjudicate, budget_fit, compare_quotes, estimate_trip, Adjudication, BudgetFit, Category,
    CompareOptions, Comparison, Deposit, Inclusion, InsurancePolicy, Interval, LineItem,
    PaymentPlan, Quote, QuoteTotals, Schedule, TripEstimate,
};
pub use error::{Error, ErrorKind, Result};
#[cfg(feature = "itinerary")]
pub use itinerary::{check, to_ics, Finding, FindingCode, Itinerary, ItineraryRules, Severity};
pub use journey::{Journey, Stage, Touchpoint, Transition};
pub use matching::{
    rank, topsis, weighted_sum, Catalog, Method, Normalization, Provider, RankOptions, Ranking,
    Request,
};
pub use money::{
    BatchConversion, Conversion, ConvertOptions, Currency, FxTable, Money, Rate, RoundingMode,
    StalePolicy,
};
pub use options::Options;
pub use rust_decimal::Decimal;

/// The README's Rust example, compiled and run as a doctest so it cannot rot.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
