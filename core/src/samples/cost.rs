//! The sample case's costs: three knee-replacement quotes, PT-0042's trip to Istanbul,
//! an insurance policy, a payment plan and a budget.
//!
//! The story: Bosphorus Orthopaedic (EUR) has the higher procedure fee but an
//! all-inclusive package, so it is cheaper all-in than Siam Joint & Spine (THB), whose
//! implant, pre-op tests, extra nights and physiotherapy are extras; Chennai Orthopaedic
//! (INR) is cheapest but its quote expired on 2026-10-31.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use crate::cost::{
    adjudicate, budget_fit as fit, compare_quotes, estimate_trip, Adjudication, BudgetFit,
    CompareOptions, Comparison, Deposit, InsurancePolicy, Interval, LineItem, PaymentPlan, Quote,
    TripEstimate,
};
use crate::error::{Error, Result};
use crate::money::{ConvertOptions, Currency, Money, StalePolicy};

/// The three quotes (JSON text).
pub const QUOTES_JSON: &str = include_str!("quotes.json");
/// The patient's insurance policy (JSON text).
pub const POLICY_JSON: &str = include_str!("policy.json");
/// The travel and stay around the Istanbul procedure (JSON text, a list of line items).
pub const TRAVEL_JSON: &str = include_str!("travel.json");

fn sample<T>(what: &str, r: Result<T>) -> Result<T> {
    r.map_err(|e| Error::invalid(format!("samples::{what}"), e.to_string()))
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| Error::invalid("samples", "bad date"))
}

/// The sample's "now": 2026-11-22T09:00:00Z (the core never reads the clock).
fn now() -> Result<DateTime<Utc>> {
    "2026-11-22T09:00:00Z"
        .parse()
        .map_err(|_| Error::invalid("samples::now", "bad instant"))
}

/// The patient's currency, GBP.
fn patient_currency() -> Result<Currency> {
    Currency::from_code("GBP")
}

/// Three clinics quoting the knee replacement in EUR, THB and INR.
pub fn quotes() -> Result<Vec<Quote>> {
    sample("quotes", Quote::list_from_json(QUOTES_JSON))
}

/// The travel and stay lines of PT-0042's trip to Istanbul (GBP and TRY).
pub fn travel() -> Result<Vec<LineItem>> {
    sample(
        "travel",
        crate::json::from_str(TRAVEL_JSON).map_err(|e| Error::json("travel", &e)),
    )
}

/// PT-0042's health insurance: GBP, 500 deductible, 20 % coinsurance, 1,500 out-of-pocket
/// maximum, treatment abroad covered with pre-authorization.
pub fn policy() -> Result<InsurancePolicy> {
    sample("policy", InsurancePolicy::from_json(POLICY_JSON))
}

/// Conversion options as of the sample's "now": rates older than 72 h are flagged.
pub fn convert_options() -> Result<ConvertOptions> {
    Ok(ConvertOptions {
        now: Some(now()?),
        max_age_hours: Some(72),
        stale: StalePolicy::Flag,
        ..ConvertOptions::default()
    })
}

/// Comparison options as of 2026-11-22 (so the Chennai quote shows as expired).
pub fn compare_options() -> Result<CompareOptions> {
    Ok(CompareOptions {
        as_of: Some(date(2026, 11, 22)?),
        include_optional: false,
        convert: convert_options()?,
    })
}

/// The three quotes side by side in GBP.
pub fn comparison() -> Result<Comparison> {
    compare_quotes(
        &quotes()?,
        &super::fx()?,
        patient_currency()?,
        &compare_options()?,
    )
}

/// The Bosphorus quote plus the trip around it, in GBP.
pub fn estimate() -> Result<TripEstimate> {
    let quotes = quotes()?;
    let quote = quotes
        .iter()
        .find(|q| q.provider_id == "bosphorus-ortho")
        .ok_or_else(|| Error::invalid("samples::estimate", "no bosphorus-ortho quote"))?;
    estimate_trip(
        quote,
        &travel()?,
        &super::fx()?,
        patient_currency()?,
        &convert_options()?,
    )
}

/// The sample policy applied to the sample estimate.
pub fn adjudication() -> Result<Adjudication> {
    adjudicate(&estimate()?, &policy()?)
}

/// The patient's budget: 12,000.00 GBP.
pub fn budget() -> Result<Money> {
    Money::from_parts("12000.00", "GBP")
}

/// Whether the sample estimate fits the budget.
pub fn budget_fit() -> Result<BudgetFit> {
    fit(
        &estimate()?.total,
        &budget()?,
        &super::fx()?,
        &convert_options()?,
    )
}

/// Paying the sample trip: 20 % deposit on 2026-11-23 (the clinic's terms), then three
/// installments every 28 days, the last on the day of the outbound flight.
pub fn payment_plan() -> Result<PaymentPlan> {
    Ok(PaymentPlan::new(
        estimate()?.total,
        Some(Deposit::Percent(Decimal::from(20))),
        3,
        Interval::Days(28),
        date(2026, 11, 23)?,
    ))
}
