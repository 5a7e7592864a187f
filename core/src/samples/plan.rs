//! PT-0042's trip-planning request, with the top-ranked clinic of the sample ranking.

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
    let mut value: serde_json::Value = serde_json::from_str(PLAN_REQUEST_JSON)
        .map_err(|e| fail(Error::json("plan request", &e)))?;
    let provider = value
        .get("providerId")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    let quote = super::quotes()?
        .into_iter()
        .find(|q| q.provider_id == provider);
    let parts = [
        ("catalog", serde_json::to_value(super::catalog()?)),
        ("quote", serde_json::to_value(quote)),
        ("fx", serde_json::to_value(super::fx()?)),
        ("convert", serde_json::to_value(super::convert_options()?)),
    ];
    let object = value
        .as_object_mut()
        .ok_or_else(|| fail(Error::invalid("plan request", "is not an object")))?;
    for (key, part) in parts {
        let part = part.map_err(|e| fail(Error::json(key, &e)))?;
        object.insert(key.to_string(), part);
    }
    serde_json::from_value(value).map_err(|e| fail(Error::json("plan request", &e)))
}
