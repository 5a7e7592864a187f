//! A facilitator's case to try the library on: embedded data, no network.
//!
//! The same JSON files are served by the Python (`mj.samples`) and JS (`samples`)
//! wrappers, so all three languages see identical data.

use crate::error::{Error, Result};
use crate::money::FxTable;

#[cfg(feature = "itinerary")]
mod itinerary;
#[cfg(feature = "itinerary")]
pub use itinerary::{itinerary, itinerary_rules, ITINERARY_JSON};

#[cfg(all(feature = "itinerary", feature = "knowledge"))]
mod plan;
#[cfg(all(feature = "itinerary", feature = "knowledge"))]
pub use plan::{plan_request, PLAN_REQUEST_JSON};

/// The sample exchange-rate table (JSON text), as of 2026-11-20.
pub const FX_JSON: &str = include_str!("fx.json");

/// The sample exchange-rate table: euro-based reference rates, as of 2026-11-20.
pub fn fx() -> Result<FxTable> {
    FxTable::from_json(FX_JSON).map_err(|e| Error::invalid("samples::fx", e.to_string()))
}

mod cost;
pub use self::cost::{
    adjudication, budget, budget_fit, compare_options, comparison, convert_options, estimate,
    payment_plan, policy, quotes, travel, POLICY_JSON, QUOTES_JSON, TRAVEL_JSON,
};

mod journey;

pub use journey::{
    journey_map_sample, journey_table, journeys, journeys_as_of, journeys_json, pt0042,
    MAX_TABLE_JOURNEYS, MAX_TABLE_TOUCHPOINTS, TABLE_SEED,
};
mod matching;
pub use matching::{catalog, rank_options, request, CATALOG_JSON, REQUEST_JSON};
