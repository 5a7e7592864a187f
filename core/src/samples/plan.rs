//! PT-0042's trip-planning request, with the top-ranked clinic of the sample ranking.

use std::collections::BTreeMap;

use serde_json::value::RawValue;

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
    // The request's JSON with the sample catalog's JSON spliced in as raw text, read once
    // by the same deserializer as a caller's request; the quote, the rates and the options
    // are values already read, so they are set, not written out and read back (their
    // serde_json writers would be in the npm module only for this sample).
    let mut fields: BTreeMap<String, Box<RawValue>> = crate::json::from_str(PLAN_REQUEST_JSON)
        .map_err(|e| fail(Error::json("plan request", &e)))?;
    let catalog = RawValue::from_string(super::CATALOG_JSON.to_string())
        .map_err(|e| fail(Error::json("catalog", &e)))?;
    fields.insert("catalog".to_string(), catalog);
    let text = serde_json::to_string(&fields).map_err(|e| fail(Error::json("plan request", &e)))?;
    let mut request: PlanRequest =
        crate::json::from_str(&text).map_err(|e| fail(Error::json("plan request", &e)))?;
    request.quote = super::quotes()?
        .into_iter()
        .find(|q| q.provider_id == request.provider_id);
    request.fx = super::fx()?;
    request.convert = super::convert_options()?;
    Ok(request)
}
