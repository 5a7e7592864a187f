//! Provider catalog, ranking with explanations, raw TOPSIS / weighted sum, rating formulas.

use std::str::FromStr;

use medjourney::matching::{
    Accreditation, Amenity, Catalog, Coordinates, Criterion, CriterionScore, Doctor, Exclusion,
    ExclusionReason, Match, Method, Normalization, Outcome as ProcedureOutcome, ProcedureOffer,
    Provider, RankOptions, Ranking, Request, Reviews, Weights,
};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{column, extract_or_parse, from_py, ToPy};
use crate::errors::{validation, IntoPy};
use crate::money::PyFxTable;

to_py_as_str!(
    medjourney::matching::AccreditationBody,
    Amenity,
    Criterion,
    Method,
);

impl ToPy for ExclusionReason {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        tagged_match!(py, self, "code", {
            ExclusionReason::ProcedureNotOffered { procedure },
            ExclusionReason::AccreditationMissing { required },
            ExclusionReason::AccreditationExpired { body, expires, travel_date },
            ExclusionReason::NoSharedLanguage { requested, spoken },
            ExclusionReason::OverBudget { price, budget },
            ExclusionReason::CountryNotAllowed { country },
            ExclusionReason::CountryExcluded { country },
            ExclusionReason::WaitTooLong { wait_days, max_wait_days },
            ExclusionReason::NeedNotMet { need },
        })
    }
}

record!(
    /// An accreditation a provider holds, with its validity.
    PyAccreditation, Accreditation, "Accreditation", "accreditation",
    [body, scope, issued, expires],
    repr [body, expires],
);

record!(
    /// A place on the map, in degrees.
    PyCoordinates, Coordinates, "Coordinates", "coordinates",
    [lat, lon],
    repr [lat, lon],
);

record!(
    /// A doctor on a provider's staff.
    PyDoctor, Doctor, "Doctor", "doctor",
    [name, specialty, board_certifications, years_experience],
    repr [name, specialty],
);

record!(
    /// Published outcomes of a procedure: cases, count and rate.
    PyProcedureOutcome, ProcedureOutcome, "ProcedureOutcome", "procedure outcome",
    [cases, count, rate],
    repr [cases, count, rate],
);

record!(
    /// A procedure a provider offers: price range, volume, outcomes and wait.
    PyProcedureOffer, ProcedureOffer, "ProcedureOffer", "procedure offer",
    [code, name, price, price_max, annual_volume, success, complications, median_wait_days],
    repr [code, price, price_max],
);

record!(
    /// A provider's reviews: star counts (one-star first) or a published mean.
    PyReviews, Reviews, "Reviews", "reviews",
    [stars, mean, count],
    repr [stars, mean, count],
);

record!(
    /// The weight of each ranking criterion.
    PyWeights, Weights, "Weights", "weights",
    [price, quality, reviews, accreditation, wait, language, amenities, travel],
    repr [price, quality, reviews, accreditation, wait, language, amenities, travel],
);

record!(
    /// A clinic or hospital: procedures with prices and outcomes, accreditations, languages.
    PyProvider, Provider, "Provider", "provider",
    [id, name, country, city, coordinates, accreditations, procedures, doctors, languages,
     reviews, amenities, airport_distance_km],
    repr [id, name, country, city],
);

record!(
    /// A patient's request: procedure, budget, languages, countries, needs, weights.
    PyRequest, Request, "Request", "request",
    [patient, procedure, budget, currency, travel_date, languages, allowed_countries,
     excluded_countries, required_accreditations, needs, preferences, max_wait_days,
     travel_hours, weights],
    repr [patient, procedure, budget, travel_date],
);

record!(
    /// One criterion's share of a match's score: raw value, normalized, weight, contribution.
    PyCriterionScore, CriterionScore, "CriterionScore", "criterion score",
    [criterion, raw, normalized, weight, contribution, cases],
    repr [criterion, raw, normalized, contribution],
);

record!(
    /// A ranked provider with its score and per-criterion explanation.
    PyMatch, Match, "Match", "match",
    [provider_id, name, country, city, rank, score, price, price_max, criteria],
    repr [rank, provider_id, score, price],
);

record!(
    /// A provider the hard filters excluded, with every reason.
    PyExclusion, Exclusion, "Exclusion", "exclusion",
    [provider_id, name, reasons],
    repr [provider_id, reasons],
);

record!(
    /// The ranking of a catalog for a request: matches best first, and the excluded.
    PyRanking, Ranking, "Ranking", "ranking",
    [procedure, method, currency, weights, candidates, matches, excluded_total, excluded],
    repr [procedure, method, candidates, excluded_total],
    table [0.matches] "Provider ranking",
);

/// A validated set of providers, laid out in columns for fast ranking.
#[pyclass(module = "medjourney", name = "Catalog", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct PyCatalog(pub Catalog);

fn providers_arg(providers: &Bound<'_, PyAny>) -> PyResult<Vec<Provider>> {
    let mut out = Vec::new();
    for p in providers.try_iter()? {
        out.push(extract_or_parse::<Provider, PyProvider>(&p?, "provider")?);
    }
    Ok(out)
}

fn catalog_arg(obj: &Bound<'_, PyAny>) -> PyResult<Catalog> {
    if let Ok(c) = obj.extract::<PyCatalog>() {
        return Ok(c.0);
    }
    PyCatalog::from_dict(obj).map(|c| c.0)
}

#[pymethods]
impl PyCatalog {
    /// A catalog from provider dicts (or `Provider` objects), validated.
    #[staticmethod]
    fn from_dicts(providers: &Bound<'_, PyAny>) -> PyResult<Self> {
        Catalog::new(providers_arg(providers)?).py().map(PyCatalog)
    }

    /// Reads `{"providers": [...]}` (or a bare list of providers), validated.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyAny>) -> PyResult<Self> {
        match d.cast::<PyDict>() {
            Ok(d) => {
                let providers = d.get_item("providers")?.ok_or_else(|| {
                    crate::errors::to_py(medjourney::Error::invalid(
                        "catalog",
                        "missing key \"providers\"",
                    ))
                })?;
                Self::from_dicts(&providers)
            }
            Err(_) => Self::from_dicts(d),
        }
    }

    /// Reads the catalog's JSON text, validated.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        Catalog::from_json(text).py().map(PyCatalog)
    }

    /// `{"providers": [...]}` as Python built-ins.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::to_dict(py, &self.0)
    }

    /// `{"providers": [...]}` as JSON text.
    fn to_json(&self) -> PyResult<String> {
        self.0.to_json().py()
    }

    /// The providers, in catalog order.
    #[getter]
    fn providers(&self) -> Vec<PyProvider> {
        self.0.providers().iter().cloned().map(PyProvider).collect()
    }

    /// The provider with this id, if any.
    fn get(&self, id: &str) -> Option<PyProvider> {
        self.0.get(id).cloned().map(PyProvider)
    }

    /// Every procedure code offered somewhere in the catalog.
    fn procedures(&self) -> Vec<String> {
        self.0
            .procedures()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("Catalog(providers={})", self.0.len())
    }
}

/// snake_case keyword → the camelCase key of the JSON shape.
fn camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Ranks the catalog for the request. Options as keywords: `method` ("weighted_sum" or
/// "topsis"), `top_k`, `max_exclusions`, `fx` (an `FxTable`), `prior_reviews`,
/// `prior_cases`, `normalization` ("min_max" or "vector").
#[pyfunction]
#[pyo3(signature = (catalog, request, **options))]
fn rank(
    py: Python<'_>,
    catalog: &Bound<'_, PyAny>,
    request: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyRanking> {
    let catalog = catalog_arg(catalog)?;
    let request = extract_or_parse::<Request, PyRequest>(request, "request")?;
    let shaped = PyDict::new(py);
    let mut fx = None;
    if let Some(options) = options {
        for (k, v) in options.iter() {
            let key: String = k.extract()?;
            if let Ok(table) = v.extract::<PyFxTable>() {
                fx = Some(table.0);
            } else {
                shaped.set_item(camel(&key), v)?;
            }
        }
    }
    let mut opts: RankOptions = from_py(&shaped, "rank options")?;
    if let Some(fx) = fx {
        opts.fx = fx;
    }
    py.detach(|| medjourney::matching::rank(&catalog, &request, &opts))
        .py()
        .map(PyRanking)
}

/// A 2-D float64 matrix: zero-copy when already C-contiguous float64, else converted once.
fn matrix<'py>(obj: &Bound<'py, PyAny>) -> PyResult<PyReadonlyArray2<'py, f64>> {
    if let Ok(a) = obj.cast::<numpy::PyArray2<f64>>() {
        if a.is_c_contiguous() {
            return Ok(a.readonly());
        }
    }
    let np = obj.py().import("numpy")?;
    let arr = np
        .call_method1("ascontiguousarray", (obj, "float64"))
        .map_err(|e| validation("invalid_matrix", format!("matrix: {e}")))?;
    let arr = arr
        .cast_into::<numpy::PyArray2<f64>>()
        .map_err(|_| validation("invalid_matrix", "matrix must be two-dimensional".into()))?;
    Ok(arr.readonly())
}

type Scorer =
    fn(&[f64], usize, usize, &[f64], &[i8], Normalization) -> medjourney::Result<Vec<f64>>;

fn score<'py>(
    py: Python<'py>,
    f: Scorer,
    m: &Bound<'py, PyAny>,
    weights: &Bound<'py, PyAny>,
    types: &Bound<'py, PyAny>,
    normalization: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let m = matrix(m)?;
    let shape = m.shape();
    let (rows, cols) = (shape[0], shape[1]);
    let w = column::<f64>(weights, "weights")?;
    let t = column::<i8>(types, "types")?;
    let norm = Normalization::from_str(normalization).py()?;
    let (ms, ws, ts) = (m.as_slice()?, w.as_slice()?, t.as_slice()?);
    let out = py.detach(|| f(ms, rows, cols, ws, ts, norm)).py()?;
    Ok(PyArray1::from_vec(py, out))
}

/// TOPSIS closeness per row (pymcdm's numbers): `types` +1 benefit, -1 cost.
#[pyfunction]
#[pyo3(signature = (matrix, weights, types, normalization = "min_max"))]
fn topsis<'py>(
    py: Python<'py>,
    matrix: &Bound<'py, PyAny>,
    weights: &Bound<'py, PyAny>,
    types: &Bound<'py, PyAny>,
    normalization: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    score(
        py,
        medjourney::matching::topsis,
        matrix,
        weights,
        types,
        normalization,
    )
}

/// Weighted sum of normalized criteria per row: `types` +1 benefit, -1 cost.
#[pyfunction]
#[pyo3(signature = (matrix, weights, types, normalization = "min_max"))]
fn weighted_sum<'py>(
    py: Python<'py>,
    matrix: &Bound<'py, PyAny>,
    weights: &Bound<'py, PyAny>,
    types: &Bound<'py, PyAny>,
    normalization: &str,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    score(
        py,
        medjourney::matching::weighted_sum,
        matrix,
        weights,
        types,
        normalization,
    )
}

/// IMDb-style weighted rating `v/(v+m)·R + m/(v+m)·C`.
#[pyfunction]
fn weighted_rating(mean: f64, votes: f64, prior_votes: f64, prior_mean: f64) -> PyResult<f64> {
    medjourney::matching::weighted_rating(mean, votes, prior_votes, prior_mean).py()
}

/// Wilson lower bound of a proportion.
#[pyfunction]
#[pyo3(signature = (successes, n, z = 1.96))]
fn wilson_lower_bound(successes: u64, n: u64, z: f64) -> PyResult<f64> {
    medjourney::matching::wilson_lower_bound(successes, n, z).py()
}

/// Star score with a Dirichlet prior; `counts` are the 5…1-star counts.
#[pyfunction]
#[pyo3(signature = (counts, z = 1.65))]
fn dirichlet_star_score(counts: [u64; 5], z: f64) -> PyResult<f64> {
    medjourney::matching::dirichlet_star_score(&counts, z).py()
}

/// The criteria a request weighs, in order.
#[pyfunction]
fn criteria() -> Vec<&'static str> {
    Criterion::ALL.iter().map(|c| c.as_str()).collect()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyAccreditation>()?;
    m.add_class::<PyCoordinates>()?;
    m.add_class::<PyDoctor>()?;
    m.add_class::<PyProcedureOutcome>()?;
    m.add_class::<PyProcedureOffer>()?;
    m.add_class::<PyReviews>()?;
    m.add_class::<PyWeights>()?;
    m.add_class::<PyProvider>()?;
    m.add_class::<PyRequest>()?;
    m.add_class::<PyCriterionScore>()?;
    m.add_class::<PyMatch>()?;
    m.add_class::<PyExclusion>()?;
    m.add_class::<PyRanking>()?;
    m.add_class::<PyCatalog>()?;
    m.add_function(wrap_pyfunction!(rank, m)?)?;
    m.add_function(wrap_pyfunction!(topsis, m)?)?;
    m.add_function(wrap_pyfunction!(weighted_sum, m)?)?;
    m.add_function(wrap_pyfunction!(weighted_rating, m)?)?;
    m.add_function(wrap_pyfunction!(wilson_lower_bound, m)?)?;
    m.add_function(wrap_pyfunction!(dirichlet_star_score, m)?)?;
    m.add_function(wrap_pyfunction!(criteria, m)?)?;
    Ok(())
}
