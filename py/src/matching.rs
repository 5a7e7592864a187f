//! Provider catalog, ranking with explanations, raw TOPSIS / weighted sum, rating formulas.

use medjourney::matching::{
    ratings, Accreditation, Amenity, Catalog, Coordinates, Criterion, CriterionScore, Doctor,
    Exclusion, ExclusionReason, Match, Method, Normalization, Outcome as ProcedureOutcome,
    ProcedureOffer, Provider, RankOptions, Ranking, Request, Reviews, Weights,
};
use numpy::{PyArray1, PyArrayMethods, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use medjourney::Error;

use crate::convert::{
    column, extract_or_parse, from_py, name_or_default, options, to_dict, Real, Text, ToPy, Whole,
};
use crate::errors::{IntoPy, ToPyErr};

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
    PyAccreditation, Accreditation, "Accreditation",
    [body, scope, issued, expires],
    repr [body, expires]
);

record!(
    /// A place on the map, in degrees.
    PyCoordinates, Coordinates, "Coordinates",
    [lat, lon],
    repr [lat, lon]
);

record!(
    /// A doctor on a provider's staff.
    PyDoctor, Doctor, "Doctor",
    [name, specialty, board_certifications, years_experience],
    repr [name, specialty]
);

record!(
    /// Published outcomes of a procedure: cases, count and rate.
    PyProcedureOutcome, ProcedureOutcome, "ProcedureOutcome",
    [cases, count, rate],
    repr [cases, count, rate]
);

record!(
    /// A procedure a provider offers: price range, volume, outcomes and wait.
    PyProcedureOffer, ProcedureOffer, "ProcedureOffer",
    [code, name, price, price_max, annual_volume, success, complications, median_wait_days],
    repr [code, price, price_max]
);

record!(
    /// A provider's reviews: star counts (one-star first) or a published mean.
    PyReviews, Reviews, "Reviews",
    [stars, mean, count],
    repr [stars, mean, count]
);

record!(
    /// The weight of each ranking criterion.
    PyWeights, Weights, "Weights",
    [price, quality, reviews, accreditation, wait, language, amenities, travel],
    repr [price, quality, reviews, accreditation, wait, language, amenities, travel]
);

record!(
    /// A clinic or hospital: procedures with prices and outcomes, accreditations, languages.
    PyProvider, Provider, "Provider",
    [id, name, country, city, coordinates, accreditations, procedures, doctors, languages,
     reviews, amenities, airport_distance_km, time_zone, airport],
    repr [id, name, country, city]
);

record!(
    /// A patient's request: procedure, budget, languages, countries, needs, weights.
    PyRequest, Request, "Request",
    [patient, procedure, budget, currency, travel_date, languages, allowed_countries,
     excluded_countries, required_accreditations, needs, preferences, max_wait_days,
     travel_hours, weights],
    repr [patient, procedure, budget, travel_date]
);

record!(
    /// One criterion's share of a match's score: raw value, normalized, weight, contribution.
    PyCriterionScore, CriterionScore, "CriterionScore",
    [criterion, raw, normalized, weight, contribution, cases],
    repr [criterion, raw, normalized, contribution]
);

record!(
    /// A ranked provider with its score and per-criterion explanation.
    PyMatch, Match, "Match",
    [provider_id, name, country, city, rank, score, price, price_max, criteria],
    repr [rank, provider_id, score, price]
);

record!(
    /// A provider the hard filters excluded, with every reason.
    PyExclusion, Exclusion, "Exclusion",
    [provider_id, name, reasons],
    repr [provider_id, reasons]
);

record!(
    /// The ranking of a catalog for a request: matches best first, and the excluded.
    PyRanking, Ranking, "Ranking",
    [procedure, method, currency, weights, candidates, matches, excluded_total, excluded],
    repr [procedure, method, candidates, excluded_total]
);
table!(PyRanking, |s| s.0.matches);

/// A validated set of providers, laid out in columns for fast ranking.
#[pyclass(module = "medjourney", name = "Catalog", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq)]
pub struct PyCatalog(pub Catalog);

crate::export!(class PyCatalog);

impl From<PyCatalog> for Catalog {
    fn from(c: PyCatalog) -> Catalog {
        c.0
    }
}

#[pymethods]
impl PyCatalog {
    /// A catalog from provider dicts (or `Provider` objects), validated.
    #[staticmethod]
    fn from_dicts(providers: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py(providers, "catalog").map(PyCatalog)
    }

    /// Reads `{"providers": [...]}` (or a bare list of providers), validated.
    #[staticmethod]
    fn from_dict(d: &Bound<'_, PyAny>) -> PyResult<Self> {
        from_py(d, "catalog").map(PyCatalog)
    }

    /// Reads the catalog's JSON text, validated.
    #[staticmethod]
    fn from_json(text: Text) -> PyResult<Self> {
        Catalog::from_json(&text).py().map(PyCatalog)
    }

    /// `{"providers": [...]}` as Python built-ins.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_dict(py, &self.0)
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
    fn get(&self, id: Text) -> Option<PyProvider> {
        self.0.get(&id).cloned().map(PyProvider)
    }

    /// Every procedure code offered somewhere in the catalog.
    fn procedures(&self) -> Vec<&str> {
        self.0.procedures()
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __repr__(&self) -> String {
        format!("Catalog(providers={})", self.0.len())
    }
}

/// Ranks the catalog for the request; `RankOptions` as keywords (`method`, `top_k`,
/// `max_exclusions`, `fx`, `prior_reviews`, `prior_cases`, `normalization`).
#[pyfunction]
#[pyo3(signature = (catalog, request, **options))]
fn rank(
    py: Python<'_>,
    catalog: &Bound<'_, PyAny>,
    request: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyRanking> {
    let catalog = extract_or_parse::<Catalog, PyCatalog>(catalog, "catalog")?;
    let request = extract_or_parse::<Request, PyRequest>(request, "request")?;
    let options: RankOptions = self::options(options)?;
    py.detach(|| medjourney::matching::rank(&catalog, &request, &options))
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
    let bad = |reason: String| Error::InvalidMatrix { reason }.to_py_err();
    let arr = obj
        .py()
        .import("numpy")?
        .call_method1("ascontiguousarray", (obj, "float64"))
        .map_err(|e| bad(e.to_string()))?;
    let arr = arr
        .cast_into::<numpy::PyArray2<f64>>()
        .map_err(|_| bad("the matrix must be two-dimensional".into()))?;
    Ok(arr.readonly())
}

type Scorer =
    fn(&[f64], usize, usize, &[f64], &[i8], Normalization) -> medjourney::Result<Vec<f64>>;

fn score<'py>(
    py: Python<'py>,
    f: Scorer,
    args: (&Bound<'py, PyAny>, &Bound<'py, PyAny>, &Bound<'py, PyAny>),
    normalization: Option<Text>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    let m = matrix(args.0)?;
    let (rows, cols) = (m.shape()[0], m.shape()[1]);
    let (w, t) = (
        column::<f64>(args.1, "weights")?,
        column::<i8>(args.2, "types")?,
    );
    let norm = name_or_default(normalization.as_deref())?;
    let (ms, ws, ts) = (m.as_slice()?, w.as_slice()?, t.as_slice()?);
    let out = py.detach(|| f(ms, rows, cols, ws, ts, norm)).py()?;
    Ok(PyArray1::from_vec(py, out))
}

/// TOPSIS closeness per row (pymcdm's numbers): `types` +1 benefit, -1 cost.
#[pyfunction]
#[pyo3(signature = (matrix, weights, types, normalization = None))]
fn topsis<'py>(
    py: Python<'py>,
    matrix: &Bound<'py, PyAny>,
    weights: &Bound<'py, PyAny>,
    types: &Bound<'py, PyAny>,
    normalization: Option<Text>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    score(
        py,
        medjourney::topsis,
        (matrix, weights, types),
        normalization,
    )
}

/// Weighted sum of normalized criteria per row: `types` +1 benefit, -1 cost.
#[pyfunction]
#[pyo3(signature = (matrix, weights, types, normalization = None))]
fn weighted_sum<'py>(
    py: Python<'py>,
    matrix: &Bound<'py, PyAny>,
    weights: &Bound<'py, PyAny>,
    types: &Bound<'py, PyAny>,
    normalization: Option<Text>,
) -> PyResult<Bound<'py, PyArray1<f64>>> {
    score(
        py,
        medjourney::weighted_sum,
        (matrix, weights, types),
        normalization,
    )
}

/// IMDb-style weighted rating `v/(v+m)·R + m/(v+m)·C`.
#[pyfunction]
fn weighted_rating(mean: Real, votes: Real, prior_votes: Real, prior_mean: Real) -> PyResult<f64> {
    medjourney::matching::weighted_rating(mean.0, votes.0, prior_votes.0, prior_mean.0).py()
}

/// Wilson lower bound of a proportion (`z` defaults to the core's two-sided 95 %).
#[pyfunction]
#[pyo3(signature = (successes, n, z = None))]
fn wilson_lower_bound(successes: Whole<u64>, n: Whole<u64>, z: Option<Real>) -> PyResult<f64> {
    let z = z.map_or(ratings::Z_95_TWO_SIDED, |z| z.0);
    medjourney::matching::wilson_lower_bound(successes.0, n.0, z).py()
}

/// Star score with a Dirichlet prior; `counts` are the 5…1-star counts (`z` defaults to
/// the core's one-sided 95 %).
#[pyfunction]
#[pyo3(signature = (counts, z = None))]
fn dirichlet_star_score(counts: &Bound<'_, PyAny>, z: Option<Real>) -> PyResult<f64> {
    let counts: Vec<u64> = from_py(counts, "counts")?;
    let counts: [u64; 5] = counts.try_into().map_err(|c: Vec<u64>| {
        Error::invalid(
            "counts",
            format!("{} counts given, 5 needed (5 stars down to 1)", c.len()),
        )
        .to_py_err()
    })?;
    let z = z.map_or(ratings::Z_95_ONE_SIDED, |z| z.0);
    medjourney::matching::dirichlet_star_score(&counts, z).py()
}

/// The criteria a request weighs, in order.
#[pyfunction]
fn criteria() -> Vec<&'static str> {
    Criterion::NAMES.to_vec()
}

crate::export!(
    fn rank,
    topsis,
    weighted_sum,
    weighted_rating,
    wilson_lower_bound,
    dirichlet_star_score,
    criteria
);
