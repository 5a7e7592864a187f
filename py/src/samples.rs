//! The core's embedded sample data as Python objects (wrapped by `medjourney.samples`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::cost::{
    PyAdjudication, PyBudgetFit, PyComparison, PyInsurancePolicy, PyLineItem, PyPaymentPlan,
    PyQuote, PyTripEstimate,
};
use crate::errors::IntoPy;
use crate::itinerary::{PyItinerary, PyItineraryRules};
use crate::journey::{table_to_py, PyJourney, PyJourneyMap};
use crate::matching::{PyCatalog, PyRequest};
use crate::money::{PyFxTable, PyMoney};

/// The sample exchange-rate table.
#[pyfunction]
fn sample_fx() -> PyResult<PyFxTable> {
    medjourney::samples::fx().py().map(PyFxTable)
}

/// The three sample quotes for PT-0042's knee replacement.
#[pyfunction]
fn sample_quotes() -> PyResult<Vec<PyQuote>> {
    Ok(medjourney::samples::quotes()
        .py()?
        .into_iter()
        .map(PyQuote)
        .collect())
}

/// The travel lines around the sample quote.
#[pyfunction]
fn sample_travel() -> PyResult<Vec<PyLineItem>> {
    Ok(medjourney::samples::travel()
        .py()?
        .into_iter()
        .map(PyLineItem)
        .collect())
}

/// PT-0042's insurance policy.
#[pyfunction]
fn sample_policy() -> PyResult<PyInsurancePolicy> {
    medjourney::samples::policy().py().map(PyInsurancePolicy)
}

/// The sample quotes compared in GBP.
#[pyfunction]
fn sample_comparison() -> PyResult<PyComparison> {
    medjourney::samples::comparison().py().map(PyComparison)
}

/// The sample trip estimate in GBP.
#[pyfunction]
fn sample_estimate() -> PyResult<PyTripEstimate> {
    medjourney::samples::estimate().py().map(PyTripEstimate)
}

/// The sample policy applied to the sample estimate.
#[pyfunction]
fn sample_adjudication() -> PyResult<PyAdjudication> {
    medjourney::samples::adjudication().py().map(PyAdjudication)
}

/// The patient's budget.
#[pyfunction]
fn sample_budget() -> PyResult<PyMoney> {
    medjourney::samples::budget().py().map(PyMoney)
}

/// Whether the sample estimate fits the budget.
#[pyfunction]
fn sample_budget_fit() -> PyResult<PyBudgetFit> {
    medjourney::samples::budget_fit().py().map(PyBudgetFit)
}

/// The sample payment plan.
#[pyfunction]
fn sample_payment_plan() -> PyResult<PyPaymentPlan> {
    medjourney::samples::payment_plan().py().map(PyPaymentPlan)
}

/// The sample journeys.
#[pyfunction]
fn sample_journeys() -> PyResult<Vec<PyJourney>> {
    Ok(medjourney::samples::journeys()
        .py()?
        .into_iter()
        .map(PyJourney)
        .collect())
}

/// PT-0042's own journey.
#[pyfunction]
fn sample_pt0042() -> PyResult<PyJourney> {
    medjourney::samples::pt0042().py().map(PyJourney)
}

/// The instant the sample journeys were observed at.
#[pyfunction]
fn sample_journeys_as_of() -> chrono::DateTime<chrono::Utc> {
    medjourney::samples::journeys_as_of()
}

/// The journey map of the sample journeys.
#[pyfunction]
fn sample_journey_map() -> PyResult<PyJourneyMap> {
    medjourney::samples::journey_map_sample()
        .py()
        .map(PyJourneyMap)
}

/// A deterministic synthetic column table (numpy arrays) for `journey_map_columns`.
#[pyfunction]
fn sample_journey_table<'py>(
    py: Python<'py>,
    journeys: usize,
    touchpoints: usize,
    seed: u64,
) -> PyResult<Bound<'py, PyDict>> {
    let table = py
        .detach(|| medjourney::samples::journey_table(journeys, touchpoints, seed))
        .py()?;
    table_to_py(py, table)
}

/// PT-0042's itinerary.
#[pyfunction]
fn sample_itinerary() -> PyResult<PyItinerary> {
    medjourney::samples::itinerary().py().map(PyItinerary)
}

/// The rules the sample itinerary is checked with.
#[pyfunction]
fn sample_itinerary_rules() -> PyItineraryRules {
    PyItineraryRules(medjourney::samples::itinerary_rules())
}

/// The sample provider catalog.
#[pyfunction]
fn sample_catalog() -> PyResult<PyCatalog> {
    medjourney::samples::catalog().py().map(PyCatalog)
}

/// PT-0042's matching request.
#[pyfunction]
fn sample_request() -> PyResult<PyRequest> {
    medjourney::samples::request().py().map(PyRequest)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(sample_fx, m)?)?;
    m.add_function(wrap_pyfunction!(sample_quotes, m)?)?;
    m.add_function(wrap_pyfunction!(sample_travel, m)?)?;
    m.add_function(wrap_pyfunction!(sample_policy, m)?)?;
    m.add_function(wrap_pyfunction!(sample_comparison, m)?)?;
    m.add_function(wrap_pyfunction!(sample_estimate, m)?)?;
    m.add_function(wrap_pyfunction!(sample_adjudication, m)?)?;
    m.add_function(wrap_pyfunction!(sample_budget, m)?)?;
    m.add_function(wrap_pyfunction!(sample_budget_fit, m)?)?;
    m.add_function(wrap_pyfunction!(sample_payment_plan, m)?)?;
    m.add_function(wrap_pyfunction!(sample_journeys, m)?)?;
    m.add_function(wrap_pyfunction!(sample_pt0042, m)?)?;
    m.add_function(wrap_pyfunction!(sample_journeys_as_of, m)?)?;
    m.add_function(wrap_pyfunction!(sample_journey_map, m)?)?;
    m.add_function(wrap_pyfunction!(sample_journey_table, m)?)?;
    m.add_function(wrap_pyfunction!(sample_itinerary, m)?)?;
    m.add_function(wrap_pyfunction!(sample_itinerary_rules, m)?)?;
    m.add_function(wrap_pyfunction!(sample_catalog, m)?)?;
    m.add_function(wrap_pyfunction!(sample_request, m)?)?;
    Ok(())
}
