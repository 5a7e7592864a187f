//! The core's embedded sample case as the submodule `medjourney.samples`.

use medjourney::samples;
use pyo3::prelude::*;

use crate::convert::{ToPy, Whole};
use crate::errors::IntoPy;
use crate::journey::table_to_py;
use crate::matching::PyCatalog;
use crate::money::PyFxTable;

impl ToPy for medjourney::FxTable {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyFxTable(self.clone()))?.into_any())
    }
}

impl ToPy for medjourney::Catalog {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, PyCatalog(self.clone()))?.into_any())
    }
}

/// `name => core call;` for each sample: a function of the submodule returning the value.
macro_rules! samples {
    ($($(#[$doc:meta])* $name:ident => $value:expr;)+) => {
        $(
            $(#[$doc])*
            #[pyfunction]
            fn $name(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
                ToPy::to_py(&$value.py()?, py)
            }
        )+

        /// Adds the submodule `samples` to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            let sub = PyModule::new(m.py(), "samples")?;
            $(sub.add_function(wrap_pyfunction!($name, &sub)?)?;)+
            sub.add_function(wrap_pyfunction!(journey_table, &sub)?)?;
            m.add_submodule(&sub)
        }
    };
}

samples! {
    /// The sample exchange-rate table (EUR base, as of 2026-11-20).
    fx => samples::fx();
    /// Three knee-replacement quotes (Istanbul, Budapest, Chennai).
    quotes => samples::quotes();
    /// The travel lines around the chosen quote (flights, hotel, transfers…).
    travel => samples::travel();
    /// PT-0042's health insurance policy.
    policy => samples::policy();
    /// The three quotes side by side in GBP.
    comparison => samples::comparison();
    /// The Istanbul quote plus the trip around it, in GBP.
    estimate => samples::estimate();
    /// The sample policy applied to the sample estimate.
    adjudication => samples::adjudication();
    /// The patient's budget.
    budget => samples::budget();
    /// Whether the sample estimate fits the budget.
    budget_fit => samples::budget_fit();
    /// The sample payment plan (deposit and installments).
    payment_plan => samples::payment_plan();
    /// The sample journeys of many patients.
    journeys => samples::journeys();
    /// PT-0042's own journey.
    pt0042 => samples::pt0042();
    /// The instant the sample journeys were observed at.
    journeys_as_of => medjourney::Result::Ok(samples::journeys_as_of());
    /// The journey map of the sample journeys.
    journey_map => samples::journey_map_sample();
    /// PT-0042's itinerary to Istanbul.
    itinerary => samples::itinerary();
    /// The rules the sample itinerary is checked with.
    itinerary_rules => medjourney::Result::Ok(samples::itinerary_rules());
    /// The sample provider catalog.
    catalog => samples::catalog();
    /// PT-0042's matching request (knee replacement, budget, languages, weights).
    request => samples::request();
    /// PT-0042's trip-planning request with the top-ranked clinic.
    plan_request => samples::plan_request();
}

/// A deterministic synthetic column table for `mj.journey_map_columns(**table)`.
#[pyfunction]
#[pyo3(signature = (journeys, touchpoints, seed = None))]
fn journey_table(
    py: Python<'_>,
    journeys: Whole<usize>,
    touchpoints: Whole<usize>,
    seed: Option<Whole<u64>>,
) -> PyResult<Bound<'_, pyo3::types::PyDict>> {
    let seed = seed.map_or(samples::TABLE_SEED, |s| s.0);
    let (journeys, touchpoints) = (journeys.0, touchpoints.0);
    let table = py
        .detach(|| samples::journey_table(journeys, touchpoints, seed))
        .py()?;
    table_to_py(py, table)
}
