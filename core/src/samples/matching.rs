//! The sample provider catalog and PT-0042's request for a knee replacement.

use crate::error::{Error, Result};
use crate::matching::{Catalog, RankOptions, Request};

/// The sample catalog (JSON text): 22 fictional providers in 16 countries.
pub const CATALOG_JSON: &str = include_str!("catalog.json");

/// PT-0042's matching request (JSON text).
pub const REQUEST_JSON: &str = include_str!("request.json");

/// The sample catalog: 22 providers, 18 offering `knee_replacement`, with the gaps real
/// data has (missing review counts and outcomes, lapsed accreditations, eleven currencies).
pub fn catalog() -> Result<Catalog> {
    Catalog::from_json(CATALOG_JSON).map_err(|e| Error::invalid("samples::catalog", e.to_string()))
}

/// PT-0042's request: knee replacement, 12000.00 GBP, travelling 2027-02-15, English,
/// an internationally accredited hospital, wheelchair access, at most 60 days' wait.
pub fn request() -> Result<Request> {
    crate::json::from_str(REQUEST_JSON).map_err(|e| Error::json("samples::request", &e))
}

/// Options for ranking the sample: the sample exchange rates, top 5.
pub fn rank_options() -> Result<RankOptions> {
    Ok(RankOptions {
        fx: super::fx()?,
        top_k: Some(5),
        ..RankOptions::default()
    })
}
