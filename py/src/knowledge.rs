//! Procedure guides and the jargon decoder: the shipped guides and glossary, their
//! overrides and extensions, and trip estimates that take hospital nights from a guide.

use medjourney::knowledge::{
    Benchmark, BenchmarkKind, Companion, DayRange, FitToFly, FollowUp, FollowUpKind, Glossary,
    GlossaryEntry, GuideBook, Milestone, ProcedureGuide, Source, TermCategory, TermMatch, WordRoot,
    WordSuffix,
};
use medjourney::{HospitalNights, LineItem, NightsSource, Quote};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::convert::{extract_or_parse, from_py, list_of, options, to_dict, ToPy};
use crate::cost::{PyLineItem, PyQuote, PyTripEstimate};
use crate::errors::IntoPy;
use crate::matching::PyCatalog;
use crate::money::{currency_from_py, PyFxTable};

to_py_as_str!(FollowUpKind, BenchmarkKind, TermCategory, NightsSource);

record!(
    /// A public page a guide, benchmark or glossary entry is written from (linked, not copied).
    PySource, Source, "Source",
    [title, url, publisher],
    repr [title, url]
);

record!(
    /// An inclusive range of days or nights.
    PyDayRange, DayRange, "DayRange",
    [min, max],
    repr [min, max]
);

record!(
    /// Nights in hospital: what the quote states, or the procedure guide's range.
    PyHospitalNights, HospitalNights, "HospitalNights",
    [min, max, source],
    repr [min, max, source]
);

record!(
    /// One follow-up after the procedure: when, who sees the patient, and what for.
    PyFollowUp, FollowUp, "FollowUp",
    [after_days, kind, purpose],
    repr [after_days, kind]
);

record!(
    /// Whether someone should travel with the patient, and why.
    PyCompanionAdvice, Companion, "CompanionAdvice",
    [advised, why],
    repr [advised]
);

record!(
    /// A point on the way back to normal life, in days after the procedure.
    PyMilestone, Milestone, "Milestone",
    [after_days, milestone],
    repr [after_days, milestone]
);

record!(
    /// A published outcome rate for a procedure, with its case count and source.
    PyBenchmark, Benchmark, "Benchmark",
    [kind, measure, rate, cases, horizon_days, source],
    repr [kind, rate, cases]
);

record!(
    /// The fit-to-fly row a guide is tied to (the itinerary table's figures).
    PyFitToFly, FitToFly, "FitToFly",
    [category, min_days, advised_days, source],
    repr [category, min_days, advised_days]
);

record!(
    /// Everything a coordinator tells a patient about one procedure, in plain words.
    PyProcedureGuide, ProcedureGuide, "ProcedureGuide",
    [code, plain_name, aliases, explanation, anesthesia, days_before_procedure, hospital_nights,
     fit_to_fly_category, fit_to_fly, days_near_clinic, follow_up, documents, companion,
     milestones, warning_signs, sources, benchmarks],
    repr [code, plain_name, fit_to_fly_category]
);

#[pymethods]
impl PyProcedureGuide {
    /// The follow-ups at the clinic that fall after the stay near it (each a second trip).
    fn return_visits(&self) -> Vec<PyFollowUp> {
        self.0
            .return_visits()
            .into_iter()
            .cloned()
            .map(PyFollowUp)
            .collect()
    }
}

record!(
    /// The procedure guides in force: the shipped ones, the caller's overrides and the
    /// fit-to-fly table they are tied to; `GuideBook()` is the shipped book.
    PyGuideBook, GuideBook, "GuideBook",
    [guides, fit_to_fly, overrides, fit_to_fly_overrides],
    repr [overrides, fit_to_fly_overrides]
);

#[pymethods]
impl PyGuideBook {
    /// The shipped guides and fit-to-fly table.
    #[new]
    fn new() -> PyResult<Self> {
        GuideBook::standard().py().map(PyGuideBook)
    }

    /// The guide for a procedure code or one of its aliases (`unknown_procedure` if none).
    fn guide(&self, code: &str) -> PyResult<PyProcedureGuide> {
        self.0.guide(code).py().map(PyProcedureGuide)
    }

    /// Every guide in force (overrides replacing shipped guides), by code.
    fn guides_in_force(&self) -> PyResult<Vec<PyProcedureGuide>> {
        Ok(self
            .0
            .guides_in_force()
            .py()?
            .into_iter()
            .map(PyProcedureGuide)
            .collect())
    }

    /// The fit-to-fly row in force for a category, if any.
    fn fit_to_fly_rule(&self, category: &str) -> Option<PyFitToFly> {
        self.0.fit_to_fly_rule(category).cloned().map(PyFitToFly)
    }

    /// Replaces (or adds) the guide of its code (a `ProcedureGuide` or its dict).
    fn override_guide(&mut self, guide: &Bound<'_, PyAny>) -> PyResult<()> {
        let guide = extract_or_parse::<ProcedureGuide, PyProcedureGuide>(guide, "guide")?;
        self.0.override_guide(guide).py()
    }

    /// Replaces (or adds) the fit-to-fly row of its category (a `FitToFly` or its dict).
    fn override_fit_to_fly(&mut self, rule: &Bound<'_, PyAny>) -> PyResult<()> {
        let rule = extract_or_parse::<FitToFly, PyFitToFly>(rule, "fit-to-fly rule")?;
        self.0.override_fit_to_fly(rule).py()
    }

    /// The procedure codes a catalog offers that have no guide in this book, sorted.
    fn missing_for(&self, catalog: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
        let catalog = extract_or_parse::<medjourney::Catalog, PyCatalog>(catalog, "catalog")?;
        Ok(self.0.missing_for(&catalog))
    }
}

record!(
    /// One glossary term with its plain meaning and source.
    PyGlossaryEntry, GlossaryEntry, "GlossaryEntry",
    [term, spellings, category, meaning, source],
    repr [term, category]
);

record!(
    /// A word root (`cholecyst` = the gallbladder) unknown words are worked out from.
    PyWordRoot, WordRoot, "WordRoot",
    [part, meaning, source],
    repr [part, meaning]
);

record!(
    /// A word ending (`ectomy` = removal) and the sentence it makes with its roots.
    PyWordSuffix, WordSuffix, "WordSuffix",
    [part, meaning, template, source],
    repr [part, meaning]
);

record!(
    /// A medical term found in a text: its span, its plain meaning and where that comes from.
    PyTermMatch, TermMatch, "TermMatch",
    [term, text, start, end, meaning, composed, category, sources],
    repr [term, start, end, composed]
);

/// Terms and word parts the jargon decoder reads; `Glossary()` is the shipped glossary.
#[pyclass(module = "medjourney", name = "Glossary", eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct PyGlossary(pub Glossary);

crate::export!(class PyGlossary);

impl From<PyGlossary> for Glossary {
    fn from(g: PyGlossary) -> Glossary {
        g.0
    }
}

#[pymethods]
impl PyGlossary {
    /// The shipped glossary.
    #[new]
    fn new() -> PyResult<Self> {
        Glossary::standard().py().map(PyGlossary)
    }

    /// Reads `{"entries": [...], "roots": [...], "suffixes": [...]}` (each list optional).
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py(d, "glossary").map(PyGlossary)
    }

    /// Reads the glossary's JSON text.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: &str) -> PyResult<Self> {
        Glossary::from_json(text).py().map(PyGlossary)
    }

    /// The documented JSON shape as Python built-ins.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
    }

    /// The documented JSON text.
    fn to_json(&self) -> PyResult<String> {
        crate::convert::to_json(&self.0, "glossary")
    }

    /// The entries, in order.
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.entries().to_py(py)
    }

    /// The word roots, in order.
    #[getter]
    fn roots<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.roots().to_py(py)
    }

    /// The word endings, in order.
    #[getter]
    fn suffixes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.suffixes().to_py(py)
    }

    /// Adds another glossary's entries and word parts (a `Glossary` or its dict); on the
    /// same spelling, theirs win.
    fn extend(&mut self, other: &Bound<'_, PyAny>) -> PyResult<()> {
        let other = extract_or_parse::<Glossary, PyGlossary>(other, "glossary")?;
        self.0.extend(other).py()
    }

    /// The entry for a term written any way the decoder accepts, if there is one.
    fn lookup(&self, term: &str) -> Option<PyGlossaryEntry> {
        self.0.lookup(term).cloned().map(PyGlossaryEntry)
    }

    fn __repr__(&self) -> String {
        format!(
            "Glossary(entries={}, roots={}, suffixes={})",
            self.0.entries().len(),
            self.0.roots().len(),
            self.0.suffixes().len()
        )
    }
}

/// The shipped guide for a procedure code or alias (`"TKR"`); `unknown_procedure` if none.
#[pyfunction]
fn procedure_guide(code: &str) -> PyResult<PyProcedureGuide> {
    medjourney::procedure_guide(code).py().map(PyProcedureGuide)
}

/// Every shipped procedure guide, by code.
#[pyfunction]
fn procedure_guides() -> PyResult<Vec<PyProcedureGuide>> {
    Ok(medjourney::procedure_guides()
        .py()?
        .into_iter()
        .map(PyProcedureGuide)
        .collect())
}

/// The procedure codes of a catalog with no shipped guide, sorted (a gap, not an error).
#[pyfunction]
fn procedures_without_guide(catalog: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    let catalog = extract_or_parse::<medjourney::Catalog, PyCatalog>(catalog, "catalog")?;
    medjourney::procedures_without_guide(&catalog).py()
}

/// The medical terms in `text`, each with its span (`text[m.start:m.end] == m.text`) and
/// plain meaning, from the shipped glossary or the one given.
#[pyfunction]
#[pyo3(signature = (text, glossary = None))]
fn explain(
    py: Python<'_>,
    text: &str,
    glossary: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<PyTermMatch>> {
    let given = match glossary.filter(|g| !g.is_none()) {
        Some(g) => Some(extract_or_parse::<Glossary, PyGlossary>(g, "glossary")?),
        None => None,
    };
    let found = py.detach(|| {
        Glossary::or_shipped(given.as_ref()).and_then(|g| medjourney::explain_with(text, g))
    });
    Ok(found.py()?.into_iter().map(PyTermMatch).collect())
}

/// `estimate_trip`, with the hospital nights taken from the procedure guide (of `guides`,
/// else the shipped book) when the quote does not state them.
#[pyfunction]
#[pyo3(signature = (quote, travel, fx, currency, guides = None, **options))]
fn estimate_trip_with_guides(
    quote: &Bound<'_, PyAny>,
    travel: Option<&Bound<'_, PyAny>>,
    fx: &PyFxTable,
    currency: &Bound<'_, PyAny>,
    guides: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyTripEstimate> {
    let quote = extract_or_parse::<Quote, PyQuote>(quote, "quote")?;
    let travel = match travel {
        Some(t) => list_of::<LineItem, PyLineItem>(t, "travel")?,
        None => Vec::new(),
    };
    let given = match guides.filter(|g| !g.is_none()) {
        Some(g) => Some(extract_or_parse::<GuideBook, PyGuideBook>(g, "guides")?),
        None => None,
    };
    let guides = GuideBook::or_shipped(given.as_ref()).py()?;
    let (currency, options) = (
        currency_from_py(currency, "currency")?,
        self::options(options)?,
    );
    medjourney::estimate_trip_with_guides(&quote, &travel, &fx.0, currency, &options, guides)
        .py()
        .map(PyTripEstimate)
}

crate::export!(
    fn procedure_guide,
    procedure_guides,
    procedures_without_guide,
    explain,
    estimate_trip_with_guides
);
