//! FHIR R4: `.to_fhir()` on journeys, itineraries, quotes, estimates, adjudications,
//! policies and catalogs, and `Catalog.from_fhir`.
//!
//! A bundle crosses as the core's JSON text (its decimals are exact only there) and
//! becomes Python values through [`crate::convert::exact`]: numbers with a fraction are
//! `Decimal` with their exact digits, whole numbers `int`. `to_fhir_json()` gives the text
//! itself, ready to send.

use medjourney::{Bundle, Catalog, FhirOptions};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{exact, options};
use crate::cost::{PyAdjudication, PyInsurancePolicy, PyQuote, PyTripEstimate};
use crate::errors::IntoPy;
use crate::itinerary::PyItinerary;
use crate::journey::PyJourney;
use crate::matching::PyCatalog;

/// A bundle as Python values (exact numbers).
fn bundle_to_py<'py>(
    py: Python<'py>,
    bundle: medjourney::Result<Bundle>,
) -> PyResult<Bound<'py, PyAny>> {
    exact::loads(py, &bundle.py()?.to_json().py()?)
}

/// Declares `to_fhir()` and `to_fhir_json()` on a class whose core value has
/// `to_fhir_with(&FhirOptions)` (`with options`, read from keywords) or only `to_fhir()`.
macro_rules! to_fhir {
    ($py:ident, $doc:literal, with options) => {
        #[pymethods]
        impl $py {
            #[doc = $doc]
            #[doc = ""]
            #[doc = "Keywords: `patient` (the patient's id), `created` (an aware datetime)."]
            #[doc = "The Bundle is a dict; decimals are `Decimal` with their exact digits."]
            #[pyo3(signature = (**options))]
            fn to_fhir<'py>(
                &self,
                py: Python<'py>,
                options: Option<&Bound<'py, PyDict>>,
            ) -> PyResult<Bound<'py, PyAny>> {
                let options: FhirOptions = self::options(options)?;
                bundle_to_py(py, self.0.to_fhir_with(&options))
            }

            /// The same Bundle as JSON text (exact decimals), ready to send.
            #[pyo3(signature = (**options))]
            fn to_fhir_json(&self, options: Option<&Bound<'_, PyDict>>) -> PyResult<String> {
                let options: FhirOptions = self::options(options)?;
                self.0.to_fhir_with(&options).py()?.to_json().py()
            }
        }
    };
    ($py:ident, $doc:literal) => {
        #[pymethods]
        impl $py {
            #[doc = $doc]
            #[doc = ""]
            #[doc = "The Bundle is a dict; decimals are `Decimal` with their exact digits."]
            fn to_fhir<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                bundle_to_py(py, self.0.to_fhir())
            }

            /// The same Bundle as JSON text (exact decimals), ready to send.
            fn to_fhir_json(&self) -> PyResult<String> {
                self.0.to_fhir().py()?.to_json().py()
            }
        }
    };
}

to_fhir!(
    PyJourney,
    "The journey as a FHIR R4 Bundle: an EpisodeOfCare and a Communication per touchpoint."
);
to_fhir!(
    PyItinerary,
    "The itinerary's appointments as a FHIR R4 Bundle of Appointments and Locations."
);
to_fhir!(
    PyCatalog,
    "The catalog as a FHIR R4 directory Bundle (Organization, Location, HealthcareService, Practitioner)."
);
to_fhir!(
    PyQuote,
    "The quote as a FHIR R4 Bundle holding a predetermination Claim.",
    with options
);
to_fhir!(
    PyTripEstimate,
    "The estimate as a FHIR R4 Bundle holding a predetermination Claim.",
    with options
);
to_fhir!(
    PyAdjudication,
    "The adjudication as a FHIR R4 Bundle holding an ExplanationOfBenefit and the Coverage.",
    with options
);
to_fhir!(
    PyInsurancePolicy,
    "The policy as a FHIR R4 Bundle holding a Coverage.",
    with options
);

#[pymethods]
impl PyCatalog {
    /// Reads a catalog from a FHIR Bundle: a dict (numbers as `Decimal`, `int` or `float`;
    /// a `Decimal` keeps its digits, a `float` is read as the decimal it prints as) or its
    /// JSON text.
    #[staticmethod]
    fn from_fhir(bundle: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = match bundle.cast::<PyString>() {
            Ok(s) => s.to_cow()?.into_owned(),
            Err(_) => exact::dumps(bundle, "FHIR bundle")?,
        };
        Catalog::from_fhir_json(&text).py().map(PyCatalog)
    }
}
