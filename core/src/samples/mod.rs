//! A facilitator's case to try the library on: embedded data, no network.
//!
//! The same JSON files are served by the Python (`mj.samples`) and JS (`samples`)
//! wrappers, so all three languages see identical data.

use crate::error::{Error, Result};
use crate::money::FxTable;

/// The sample exchange-rate table (JSON text), as of 2026-11-20.
pub const FX_JSON: &str = include_str!("fx.json");

/// The sample exchange-rate table: euro-based reference rates, as of 2026-11-20.
pub fn fx() -> Result<FxTable> {
    FxTable::from_json(FX_JSON).map_err(|e| Error::invalid("samples::fx", e.to_string()))
}

mod matching;
pub use matching::{catalog, rank_options, request, CATALOG_JSON, REQUEST_JSON};
