//! medjourney: the engine behind medical-tourism facilitators' software.
//!
//! Four things are modelled, one module each: exact [`money`] and [`cost`] breakdowns,
//! provider [`matching`] scores, patient [`journey`]s with their journey map
//! ([`analytics`]), and [`itinerary`] planning. [`samples`] holds a facilitator's case
//! to try everything on. Every fallible call returns [`Error`], whose `code()` is stable.

pub mod error;
pub mod matching;
pub mod money;
pub mod samples;

pub use error::{Error, ErrorKind, Result};
pub use matching::{
    rank, topsis, weighted_sum, Catalog, Method, Normalization, Provider, RankOptions, Ranking,
    Request,
};
pub use money::{
    Conversion, ConvertOptions, Currency, FxTable, Money, Rate, RoundingMode, StalePolicy,
};
pub use rust_decimal::Decimal;
