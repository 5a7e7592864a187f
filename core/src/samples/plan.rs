//! PT-0042's trip-planning request, with the top-ranked clinic of the sample ranking.

use std::collections::BTreeMap;

use serde_json::value::{to_raw_value, RawValue};

use crate::error::{Error, Result};
use crate::planning::PlanRequest;

/// The request's own fields (JSON text); [`plan_request`] adds the sample catalog, the
/// clinic's quote, the exchange rates and the conversion options.
pub const PLAN_REQUEST_JSON: &str = include_str!("plan_request.json");

/// PT-0042's request: a knee replacement at bosphorus-ortho (first in the sample ranking),
/// planned on 2026-11-23, leaving Manchester from 2027-02-15 and home by 2027-03-15, with
/// the spouse, an accessible room, two leisure days and a nightly budget of 95.00 GBP; the
/// clinic's sample quote (20 % deposit, fully refundable until 30 days before the
/// operation, half until 14 days) and the sample exchange rates.
pub fn plan_request() -> Result<PlanRequest> {
    let fail = |e: Error| Error::invalid("samples::plan_request", e.to_string());
    // Assembled as JSON text (each part written by serde_json, kept raw) and read once,
    // so the request is read by the same deserializer as a caller's request: going
    // through `serde_json::Value` gave the request's types a second reader and their
    // parts a second writer in the npm module.
    let mut fields: BTreeMap<String, Box<RawValue>> = serde_json::from_str(PLAN_REQUEST_JSON)
        .map_err(|e| fail(Error::json("plan request", &e)))?;
    let provider = match fields.get("providerId") {
        Some(id) => serde_json::from_str::<String>(id.get())
            .map_err(|e| fail(Error::json("plan request providerId", &e)))?,
        None => String::new(),
    };
    let quote = super::quotes()?
        .into_iter()
        .find(|q| q.provider_id == provider);
    let parts = [
        ("catalog", to_raw_value(&super::catalog()?)),
        ("quote", to_raw_value(&quote)),
        ("fx", to_raw_value(&super::fx()?)),
        ("convert", to_raw_value(&super::convert_options()?)),
    ];
    for (key, part) in parts {
        let part = part.map_err(|e| fail(Error::json(key, &e)))?;
        fields.insert(key.to_string(), part);
    }
    let text = serde_json::to_string(&fields).map_err(|e| fail(Error::json("plan request", &e)))?;
    serde_json::from_str(&text).map_err(|e| fail(Error::json("plan request", &e)))
}
