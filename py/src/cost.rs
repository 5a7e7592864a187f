//! Quotes, comparison, trip estimates, insurance, payment plans and the budget check.

use std::str::FromStr;

use medjourney::cost::{
    AdjudicatedLine, CategoryTotal, ComparisonCell, ComparisonRow, DepositTerms, EstimateLine,
    Finding, Payment, QuoteColumn,
};
use medjourney::{
    Adjudication, BudgetFit, Category, CompareOptions, Comparison, ConvertOptions, Deposit,
    InsurancePolicy, Interval, LineItem, PaymentPlan, Quote, QuoteTotals, RoundingMode, Schedule,
    StalePolicy, TripEstimate,
};
use pyo3::prelude::*;

use crate::convert::{extract_or_parse, from_py, keyed, ToPy};
use crate::errors::IntoPy;
use crate::money::{currency_from_py, PyFxTable, PyMoney};

to_py_as_str!(
    Category,
    medjourney::Inclusion,
    medjourney::cost::CellStatus,
    medjourney::cost::FindingKind,
    medjourney::cost::LineSource,
    medjourney::cost::CoverageStatus,
    medjourney::cost::PaymentKind,
);

impl ToPy for Deposit {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Deposit::Percent(p) => keyed(py, "percent", p),
            Deposit::Fixed(m) => keyed(py, "fixed", m),
        }
    }
}

impl ToPy for Interval {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Interval::Days(n) => keyed(py, "days", n),
            Interval::Months(n) => keyed(py, "months", n),
        }
    }
}

record!(
    /// A quote's deposit: how much, whether it is refundable, and when it is due.
    PyDepositTerms, DepositTerms, "DepositTerms", "deposit terms",
    [deposit, refundable, due_days_after_booking],
    repr [deposit, refundable, due_days_after_booking],
);

record!(
    /// One priced line of a quote or a trip: category, quantity × unit price, inclusion.
    PyLineItem, LineItem, "LineItem", "line item",
    [category, description, quantity, unit_price, inclusion, brand, model, notes],
    repr [category, description, quantity, unit_price, inclusion],
    {
        /// `quantity × unit_price`, rounded half-even to the currency's minor units.
        fn total(&self) -> PyResult<PyMoney> {
            self.0.total().py().map(PyMoney)
        }
    }
);

record!(
    /// A provider's itemized quote for a procedure.
    PyQuote, Quote, "Quote", "quote",
    [id, provider_id, procedure, currency, items, package_price, valid_from, valid_until, deposit],
    repr [id, provider_id, procedure, currency, package_price],
    check Quote::validate,
    {
        /// Package, extras, optional items and per-category totals.
        fn totals(&self) -> PyResult<PyQuoteTotals> {
            self.0.totals().py().map(PyQuoteTotals)
        }

        /// Raises if the quote's fields contradict each other.
        fn validate(&self) -> PyResult<()> {
            self.0.validate().py()
        }

        /// Reads a JSON array of quotes.
        #[staticmethod]
        fn list_from_json(text: &str) -> PyResult<Vec<PyQuote>> {
            Ok(Quote::list_from_json(text).py()?.into_iter().map(PyQuote).collect())
        }
    }
);

record!(
    /// The totals of one category in a quote, split by inclusion.
    PyCategoryTotal, CategoryTotal, "CategoryTotal", "category total",
    [category, included, extra, optional],
    repr [category, included, extra, optional],
);

record!(
    /// A quote's totals: package, extras, what the patient pays, optional items.
    PyQuoteTotals, QuoteTotals, "QuoteTotals", "quote totals",
    [package, included_items, extras, total, optional, package_mismatch, by_category],
    repr [package, extras, total, optional],
    table [0.by_category] "Quote totals",
    {    }
);

record!(
    /// One cell of the comparison grid: the amount a quote charges for a category.
    PyComparisonCell, ComparisonCell, "ComparisonCell", "comparison cell",
    [amount, status],
    repr [amount, status],
);

record!(
    /// One category across every quote.
    PyComparisonRow, ComparisonRow, "ComparisonRow", "comparison row",
    [category, cells],
    repr [category, cells],
);

record!(
    /// One quote's column: totals in the comparison currency and its flags.
    PyQuoteColumn, QuoteColumn, "QuoteColumn", "quote column",
    [quote_id, provider_id, original_total, total, optional_total, difference_to_cheapest,
     expired, not_yet_valid, package_mismatch, rates_used, stale],
    repr [quote_id, provider_id, total, difference_to_cheapest],
);

record!(
    /// Something the coordinator should tell the patient about a comparison.
    PyCostFinding, Finding, "CostFinding", "cost finding",
    [kind, quote_id, category, other_quote_ids, message],
    repr [kind, quote_id, category, message],
);

record!(
    /// Quotes side by side in one currency: columns per quote, rows per category.
    PyComparison, Comparison, "Comparison", "comparison",
    [currency, as_of, columns, rows, cheapest, findings],
    repr [currency, as_of, cheapest],
    table [0.columns] "Quote comparison",
    {    }
);

record!(
    /// One line of a trip estimate, converted to the patient's currency.
    PyEstimateLine, EstimateLine, "EstimateLine", "estimate line",
    [source, category, description, inclusion, original, amount],
    repr [source, category, description, amount],
);

record!(
    /// The whole trip (quote and travel) in the patient's currency.
    PyTripEstimate, TripEstimate, "TripEstimate", "trip estimate",
    [quote_id, provider_id, currency, lines, optional, medical_total, travel_total, total,
     optional_total, package_mismatch, rates_used, stale],
    repr [quote_id, currency, medical_total, travel_total, total],
    table [0.lines] "Trip estimate",
    {    }
);

record!(
    /// Whether a total fits the patient's budget, and by how much.
    PyBudgetFit, BudgetFit, "BudgetFit", "budget fit",
    [budget, total, fits, difference, over_by, under_by, rates_used, stale],
    repr [budget, total, fits, difference],
);

record!(
    /// A health or travel insurance policy: deductible, coinsurance, limits, exclusions.
    PyInsurancePolicy, InsurancePolicy, "InsurancePolicy", "insurance policy",
    [id, name, currency, deductible, coinsurance_percent, out_of_pocket_max, annual_limit,
     covered_categories, excluded_categories, covers_treatment_abroad, pre_authorization_required],
    repr [id, name, currency, deductible, coinsurance_percent],
    check InsurancePolicy::validate,
);

record!(
    /// One estimate line split between insurer and patient.
    PyAdjudicatedLine, AdjudicatedLine, "AdjudicatedLine", "adjudicated line",
    [category, description, total, insurer, patient, deductible, coinsurance, status],
    repr [category, total, insurer, patient, status],
);

record!(
    /// Who pays what: the policy applied to a trip estimate, line by line.
    PyAdjudication, Adjudication, "Adjudication", "adjudication",
    [policy_id, currency, lines, total, insurer_total, patient_total, deductible_applied,
     coinsurance_applied, out_of_pocket_max_reached, annual_limit_reached,
     pre_authorization_required, notes],
    repr [policy_id, total, insurer_total, patient_total],
    table [0.lines] "Insurance adjudication",
    {    }
);

record!(
    /// A deposit and equal installments; `schedule()` dates them to the cent.
    PyPaymentPlan, PaymentPlan, "PaymentPlan", "payment plan",
    [total, deposit, installments, interval, start],
    repr [total, deposit, installments, interval, start],
    {
        /// A plan: `interval` is `{"months": 1}` or `{"days": 28}`; `deposit` is a `Money`
        /// or `{"percent": "20"}`; `start` is the first installment's date.
        #[new]
        #[pyo3(signature = (total, installments, interval, start, deposit = None))]
        fn new(
            total: PyMoney,
            installments: u32,
            interval: &Bound<'_, PyAny>,
            start: chrono::NaiveDate,
            deposit: Option<&Bound<'_, PyAny>>,
        ) -> PyResult<Self> {
            let deposit = match deposit {
                None => None,
                Some(d) => Some(match d.extract::<PyMoney>() {
                    Ok(m) => medjourney::Deposit::Fixed(m.0),
                    Err(_) => from_py(d, "deposit")?,
                }),
            };
            let interval = from_py(interval, "interval")?;
            Ok(PyPaymentPlan(PaymentPlan::new(total.0, deposit, installments, interval, start)))
        }

        /// The dated payments, summing exactly to the total.
        fn schedule(&self) -> PyResult<PySchedule> {
            self.0.schedule().py().map(PySchedule)
        }
    }
);

record!(
    /// One dated payment of a schedule.
    PyPayment, Payment, "Payment", "payment",
    [number, kind, due, amount],
    repr [number, kind, due, amount],
);

record!(
    /// The dated payments of a plan.
    PySchedule, Schedule, "Schedule", "schedule",
    [total, deposit, payments],
    repr [total, deposit, payments],
    table [0.payments] "Payment schedule",
    {    }
);

/// Conversion options from keyword arguments.
pub fn convert_options(
    rounding: &str,
    now: Option<chrono::DateTime<chrono::Utc>>,
    max_age_hours: Option<i64>,
    stale: &str,
) -> PyResult<ConvertOptions> {
    Ok(ConvertOptions {
        rounding: RoundingMode::from_str(rounding).py()?,
        now,
        max_age_hours,
        stale: StalePolicy::from_str(stale).py()?,
    })
}

fn quote_arg(obj: &Bound<'_, PyAny>) -> PyResult<Quote> {
    extract_or_parse::<Quote, PyQuote>(obj, "quote")
}

fn quotes_arg(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Quote>> {
    let mut out = Vec::new();
    for item in obj.try_iter()? {
        out.push(quote_arg(&item?)?);
    }
    Ok(out)
}

fn items_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<LineItem>> {
    let mut out = Vec::new();
    if let Some(obj) = obj {
        for item in obj.try_iter()? {
            let item = item?;
            out.push(extract_or_parse::<LineItem, PyLineItem>(&item, "travel")?);
        }
    }
    Ok(out)
}

/// Quotes side by side in `currency`, with the findings to tell the patient.
#[pyfunction]
#[pyo3(signature = (quotes, fx, currency, *, as_of = None, include_optional = false,
                    rounding = "half_even", now = None, max_age_hours = None, stale = "error"))]
#[allow(clippy::too_many_arguments)]
fn compare_quotes(
    py: Python<'_>,
    quotes: &Bound<'_, PyAny>,
    fx: &PyFxTable,
    currency: &Bound<'_, PyAny>,
    as_of: Option<chrono::NaiveDate>,
    include_optional: bool,
    rounding: &str,
    now: Option<chrono::DateTime<chrono::Utc>>,
    max_age_hours: Option<i64>,
    stale: &str,
) -> PyResult<PyComparison> {
    let quotes = quotes_arg(quotes)?;
    let currency = currency_from_py(currency, "currency")?;
    let options = CompareOptions {
        as_of,
        include_optional,
        convert: convert_options(rounding, now, max_age_hours, stale)?,
    };
    let fx = &fx.0;
    py.detach(|| medjourney::compare_quotes(&quotes, fx, currency, &options))
        .py()
        .map(PyComparison)
}

/// The whole trip (quote plus travel lines) in `currency`.
#[pyfunction]
#[pyo3(signature = (quote, travel, fx, currency, *, rounding = "half_even", now = None,
                    max_age_hours = None, stale = "error"))]
#[allow(clippy::too_many_arguments)]
fn estimate_trip(
    quote: &Bound<'_, PyAny>,
    travel: Option<&Bound<'_, PyAny>>,
    fx: &PyFxTable,
    currency: &Bound<'_, PyAny>,
    rounding: &str,
    now: Option<chrono::DateTime<chrono::Utc>>,
    max_age_hours: Option<i64>,
    stale: &str,
) -> PyResult<PyTripEstimate> {
    let quote = quote_arg(quote)?;
    let travel = items_arg(travel)?;
    let currency = currency_from_py(currency, "currency")?;
    let options = convert_options(rounding, now, max_age_hours, stale)?;
    medjourney::estimate_trip(&quote, &travel, &fx.0, currency, &options)
        .py()
        .map(PyTripEstimate)
}

/// Applies an insurance policy to a trip estimate: who pays what.
#[pyfunction]
fn adjudicate(estimate: &Bound<'_, PyAny>, policy: &Bound<'_, PyAny>) -> PyResult<PyAdjudication> {
    let estimate = extract_or_parse::<TripEstimate, PyTripEstimate>(estimate, "estimate")?;
    let policy = extract_or_parse::<InsurancePolicy, PyInsurancePolicy>(policy, "policy")?;
    medjourney::adjudicate(&estimate, &policy)
        .py()
        .map(PyAdjudication)
}

/// Whether `total` fits `budget` (converted to the budget's currency).
#[pyfunction]
#[pyo3(signature = (total, budget, fx, *, rounding = "half_even", now = None,
                    max_age_hours = None, stale = "error"))]
fn budget_fit(
    total: PyMoney,
    budget: PyMoney,
    fx: &PyFxTable,
    rounding: &str,
    now: Option<chrono::DateTime<chrono::Utc>>,
    max_age_hours: Option<i64>,
    stale: &str,
) -> PyResult<PyBudgetFit> {
    let options = convert_options(rounding, now, max_age_hours, stale)?;
    medjourney::budget_fit(&total.0, &budget.0, &fx.0, &options)
        .py()
        .map(PyBudgetFit)
}

/// Every cost category, in comparison order.
#[pyfunction]
fn categories() -> Vec<&'static str> {
    Category::ALL.iter().map(|c| c.as_str()).collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyDepositTerms>()?;
    m.add_class::<PyLineItem>()?;
    m.add_class::<PyQuote>()?;
    m.add_class::<PyCategoryTotal>()?;
    m.add_class::<PyQuoteTotals>()?;
    m.add_class::<PyComparisonCell>()?;
    m.add_class::<PyComparisonRow>()?;
    m.add_class::<PyQuoteColumn>()?;
    m.add_class::<PyCostFinding>()?;
    m.add_class::<PyComparison>()?;
    m.add_class::<PyEstimateLine>()?;
    m.add_class::<PyTripEstimate>()?;
    m.add_class::<PyBudgetFit>()?;
    m.add_class::<PyInsurancePolicy>()?;
    m.add_class::<PyAdjudicatedLine>()?;
    m.add_class::<PyAdjudication>()?;
    m.add_class::<PyPaymentPlan>()?;
    m.add_class::<PyPayment>()?;
    m.add_class::<PySchedule>()?;
    m.add_function(wrap_pyfunction!(compare_quotes, m)?)?;
    m.add_function(wrap_pyfunction!(estimate_trip, m)?)?;
    m.add_function(wrap_pyfunction!(adjudicate, m)?)?;
    m.add_function(wrap_pyfunction!(budget_fit, m)?)?;
    m.add_function(wrap_pyfunction!(categories, m)?)?;
    Ok(())
}
