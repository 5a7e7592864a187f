//! Pictures and notebook displays: each method is one call into the core, which draws
//! the SVG and writes the HTML (picture first, then a compact, formatted table).
//!
//! `_repr_html_` is what Jupyter shows; `to_html()` is the same fragment for pages and
//! e-mails. Itinerary pictures take the same optional `rules` as `Itinerary.check()`.

use pyo3::prelude::*;

use crate::cost::{PyAdjudication, PyComparison, PyQuoteTotals, PySchedule, PyTripEstimate};
use crate::errors::IntoPy;
use crate::itinerary::{rules_arg, PyFindings, PyItinerary};
use crate::journey::PyJourneyMap;
use crate::matching::PyRanking;

/// `to_html()` and `_repr_html_()` from the core's `to_html` of the wrapped value.
macro_rules! display {
    ($($py:ident),+ $(,)?) => {$(
        #[pymethods]
        impl $py {
            /// The picture (if any) and a compact, formatted table, as one HTML fragment.
            fn to_html(&self) -> String {
                self.0.to_html()
            }

            fn _repr_html_(&self) -> String {
                self.0.to_html()
            }
        }
    )+};
}

display!(
    PyRanking,
    PyComparison,
    PyJourneyMap,
    PyQuoteTotals,
    PyTripEstimate,
    PyAdjudication,
    PySchedule
);

#[pymethods]
impl PyRanking {
    /// The ranking as an SVG picture: a bar per provider split into each criterion's
    /// contribution, the score, and the excluded providers with their reasons.
    fn to_svg(&self) -> String {
        self.0.to_svg()
    }
}

#[pymethods]
impl PyComparison {
    /// The comparison as an SVG picture: categories × quotes with each cell's amount and
    /// status, the totals, the difference to the cheapest and the findings.
    fn to_svg(&self) -> String {
        self.0.to_svg()
    }
}

#[pymethods]
impl PyItinerary {
    /// The trip as an SVG timeline in the traveller's local time, with the checks'
    /// findings (under `rules`, the shipped ones by default) and the fit-to-fly window.
    #[pyo3(signature = (rules = None))]
    fn to_svg(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let (rules, it) = (rules_arg(rules)?, &self.0);
        py.detach(|| it.to_svg(&rules)).py()
    }

    /// The timeline, then every item in local time, as one HTML fragment.
    #[pyo3(signature = (rules = None))]
    fn to_html(&self, py: Python<'_>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let (rules, it) = (rules_arg(rules)?, &self.0);
        py.detach(|| it.to_html(&rules)).py()
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_html(py, None)
    }
}

#[pymethods]
impl PyFindings {
    /// The timeline with the findings marked, then the findings numbered as in the
    /// picture, as one HTML fragment (the itinerary and rules they came from).
    fn to_html(&self, py: Python<'_>) -> PyResult<String> {
        let (it, rules) = (&self.itinerary, &self.rules);
        py.detach(|| it.findings_to_html(rules)).py()
    }

    fn _repr_html_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_html(py)
    }
}
