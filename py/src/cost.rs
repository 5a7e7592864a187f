//! Quotes, comparison, trip estimates, insurance, payment plans and the budget check.

use medjourney::cost::{
    AdjudicatedLine, CategoryAmount, CategoryTotal, ComparisonCell, ComparisonRow, DepositTerms,
    EstimateLine, Finding, Payment, QuoteColumn, YearToDate,
};
use medjourney::{
    Adjudication, BudgetFit, Category, Comparison, Deposit, InsurancePolicy, Interval, LineItem,
    PaymentPlan, Quote, QuoteTotals, Schedule, TripEstimate,
};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{extract_or_parse, from_py, keyed, list_of, options, Text, ToPy, Whole};
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
    /// A quote's deposit: how much, whether it is refundable, when it is due, and how much
    /// comes back on a cancellation.
    PyDepositTerms, DepositTerms, "DepositTerms",
    [deposit, refundable, due_days_after_booking, refund_windows],
    repr [deposit, refundable, due_days_after_booking]
);

record!(
    /// One priced line of a quote or a trip: category, quantity × unit price, inclusion.
    PyLineItem, LineItem, "LineItem",
    [category, description, quantity, unit_price, inclusion, brand, model, notes],
    repr [category, description, quantity, unit_price, inclusion]
);

#[pymethods]
impl PyLineItem {
    /// `quantity × unit_price`, rounded half-even to the currency's minor units.
    fn total(&self) -> PyResult<PyMoney> {
        self.0.total().py().map(PyMoney)
    }
}

record!(
    /// A provider's itemized quote for a procedure.
    PyQuote, Quote, "Quote",
    [id, provider_id, procedure, currency, items, package_price, valid_from, valid_until, deposit],
    repr [id, provider_id, procedure, currency, package_price],
    check Quote::validate
);

#[pymethods]
impl PyQuote {
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
    fn list_from_json(text: Text) -> PyResult<Vec<PyQuote>> {
        Ok(Quote::list_from_json(&text)
            .py()?
            .into_iter()
            .map(PyQuote)
            .collect())
    }
}

record!(
    /// The totals of one category in a quote, split by inclusion.
    PyCategoryTotal, CategoryTotal, "CategoryTotal",
    [category, included, extra, optional],
    repr [category, included, extra, optional]
);

record!(
    /// A quote's totals: package, extras, what the patient pays, optional items.
    PyQuoteTotals, QuoteTotals, "QuoteTotals",
    [package, included_items, extras, total, optional, package_mismatch, by_category],
    repr [package, extras, total, optional]
);
table!(PyQuoteTotals, |s| s.0.by_category);

record!(
    /// One cell of the comparison grid: the amount a quote charges for a category.
    PyComparisonCell, ComparisonCell, "ComparisonCell",
    [amount, status],
    repr [amount, status]
);

record!(
    /// One category across every quote.
    PyComparisonRow, ComparisonRow, "ComparisonRow",
    [category, cells],
    repr [category, cells]
);

record!(
    /// One quote's column: totals in the comparison currency and its flags.
    PyQuoteColumn, QuoteColumn, "QuoteColumn",
    [quote_id, provider_id, original_total, total, optional_total, difference_to_cheapest,
     expired, not_yet_valid, package_mismatch, rates_used, stale],
    repr [quote_id, provider_id, total, difference_to_cheapest]
);

record!(
    /// Something the coordinator should tell the patient about a comparison.
    PyCostFinding, Finding, "CostFinding",
    [kind, quote_id, category, other_quote_ids, message],
    repr [kind, quote_id, category, message]
);

record!(
    /// Quotes side by side in one currency: columns per quote, rows per category.
    PyComparison, Comparison, "Comparison",
    [currency, as_of, columns, rows, cheapest, findings],
    repr [currency, as_of, cheapest]
);
table!(PyComparison, |s| s.0.columns);

record!(
    /// One line of a trip estimate, converted to the patient's currency.
    PyEstimateLine, EstimateLine, "EstimateLine",
    [source, category, description, inclusion, quantity, original, amount],
    repr [source, category, description, amount]
);

record!(
    /// The whole trip (quote and travel) in the patient's currency.
    PyTripEstimate, TripEstimate, "TripEstimate",
    [quote_id, provider_id, currency, lines, optional, medical_total, travel_total, total,
     optional_total, package_mismatch, rates_used, stale, hospital_nights],
    repr [quote_id, currency, medical_total, travel_total, total]
);
table!(PyTripEstimate, |s| s.0.lines);

record!(
    /// Whether a total fits the patient's budget, and by how much.
    PyBudgetFit, BudgetFit, "BudgetFit",
    [budget, total, fits, difference, over_by, under_by, rates_used, stale],
    repr [budget, total, fits, difference]
);

record!(
    /// An amount for one cost category (a copay per visit, a sub-limit, what a year used).
    PyCategoryAmount, CategoryAmount, "CategoryAmount",
    [category, amount],
    repr [category, amount]
);

record!(
    /// What a policy year has used so far: deductible, out of pocket, limits.
    PyYearToDate, YearToDate, "YearToDate",
    [deductible_met, out_of_pocket_spent, annual_limit_used, sub_limits_used],
    repr [deductible_met, out_of_pocket_spent, annual_limit_used]
);

record!(
    /// A health or travel insurance policy: deductible, coinsurance, limits, exclusions.
    PyInsurancePolicy, InsurancePolicy, "InsurancePolicy",
    [id, name, currency, deductible, coinsurance_percent, out_of_pocket_max, annual_limit,
     covered_categories, excluded_categories, covers_treatment_abroad, pre_authorization_required,
     excess_per_claim, copays, sub_limits, year_to_date],
    repr [id, name, currency, deductible, coinsurance_percent],
    check InsurancePolicy::validate
);

record!(
    /// One estimate line split between insurer and patient.
    PyAdjudicatedLine, AdjudicatedLine, "AdjudicatedLine",
    [category, description, total, insurer, patient, deductible, coinsurance, excess, copay,
     status],
    repr [category, total, insurer, patient, status]
);

record!(
    /// Who pays what: the policy applied to a trip estimate, line by line.
    PyAdjudication, Adjudication, "Adjudication",
    [policy_id, currency, lines, total, insurer_total, patient_total, deductible_applied,
     coinsurance_applied, excess_applied, copays_applied, out_of_pocket_max_reached,
     annual_limit_reached, sub_limits_reached, year_to_date, pre_authorization_required, notes],
    repr [policy_id, total, insurer_total, patient_total]
);
table!(PyAdjudication, |s| s.0.lines);

record!(
    /// A deposit and equal installments; `schedule()` dates them to the cent.
    PyPaymentPlan, PaymentPlan, "PaymentPlan",
    [total, deposit, installments, interval, start],
    repr [total, deposit, installments, interval, start]
);

#[pymethods]
impl PyPaymentPlan {
    /// A plan: `interval` is `{"months": 1}` or `{"days": 28}`; `deposit` is a `Money`
    /// or `{"percent": "20"}`; `start` is the first installment's date.
    #[new]
    #[pyo3(signature = (total, installments, interval, start, deposit = None))]
    fn new(
        total: PyMoney,
        installments: Whole<u32>,
        interval: &Bound<'_, PyAny>,
        start: chrono::NaiveDate,
        deposit: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let deposit = match deposit.map(|d| (d.extract::<PyMoney>(), d)) {
            None => None,
            Some((Ok(m), _)) => Some(Deposit::Fixed(m.0)),
            Some((Err(_), d)) => Some(from_py(d, "deposit")?),
        };
        let interval = from_py(interval, "interval")?;
        Ok(PyPaymentPlan(PaymentPlan::new(
            total.0,
            deposit,
            installments.0,
            interval,
            start,
        )))
    }

    /// The dated payments, summing exactly to the total.
    fn schedule(&self) -> PyResult<PySchedule> {
        self.0.schedule().py().map(PySchedule)
    }
}

record!(
    /// One dated payment of a schedule.
    PyPayment, Payment, "Payment",
    [number, kind, due, amount],
    repr [number, kind, due, amount]
);

record!(
    /// The dated payments of a plan.
    PySchedule, Schedule, "Schedule",
    [total, deposit, payments],
    repr [total, deposit, payments]
);
table!(PySchedule, |s| s.0.payments);

/// Quotes side by side in `currency`, with the findings to tell the patient. Options as
/// keywords (`as_of`, `include_optional`, and the conversion's `rounding`, `now`,
/// `max_age_hours`, `stale`).
#[pyfunction]
#[pyo3(signature = (quotes, fx, currency, **options))]
fn compare_quotes(
    py: Python<'_>,
    quotes: &Bound<'_, PyAny>,
    fx: &PyFxTable,
    currency: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyComparison> {
    let quotes = list_of::<Quote, PyQuote>(quotes, "quote")?;
    let (currency, options) = (
        currency_from_py(currency, "currency")?,
        self::options(options)?,
    );
    let fx = &fx.0;
    py.detach(|| medjourney::compare_quotes(&quotes, fx, currency, &options))
        .py()
        .map(PyComparison)
}

/// The whole trip (quote plus travel lines) in `currency`; conversion options as keywords.
#[pyfunction]
#[pyo3(signature = (quote, travel, fx, currency, **options))]
fn estimate_trip(
    quote: &Bound<'_, PyAny>,
    travel: Option<&Bound<'_, PyAny>>,
    fx: &PyFxTable,
    currency: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTripEstimate> {
    let quote = extract_or_parse::<Quote, PyQuote>(quote, "quote")?;
    let travel = match travel {
        Some(t) => list_of::<LineItem, PyLineItem>(t, "travel")?,
        None => Vec::new(),
    };
    let (currency, options) = (
        currency_from_py(currency, "currency")?,
        self::options(options)?,
    );
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

/// Whether `total` fits `budget` (converted to the budget's currency); conversion options
/// as keywords.
#[pyfunction]
#[pyo3(signature = (total, budget, fx, **options))]
fn budget_fit(
    total: PyMoney,
    budget: PyMoney,
    fx: &PyFxTable,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyBudgetFit> {
    medjourney::budget_fit(&total.0, &budget.0, &fx.0, &self::options(options)?)
        .py()
        .map(PyBudgetFit)
}

/// Every cost category, in comparison order.
#[pyfunction]
fn categories() -> Vec<&'static str> {
    Category::NAMES.to_vec()
}

crate::export!(fn compare_quotes, estimate_trip, adjudicate, budget_fit, categories);
