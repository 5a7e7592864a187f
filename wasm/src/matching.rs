//! Provider matching: the catalog, hard filters and ranking, raw TOPSIS on typed arrays.

use medjourney::matching::{
    dirichlet_star_score, weighted_rating, wilson_lower_bound, Normalization,
};
use medjourney::{RankOptions, Request};
use wasm_bindgen::prelude::*;

use crate::convert::{
    from_js, json_text, opt_arg, opt_name, throw, to_js, JsResult, NormalizationArg, RankOptionsArg,
};

/// A validated provider catalog (clinics and hospitals), held in wasm memory for ranking.
#[wasm_bindgen]
pub struct Catalog {
    inner: medjourney::Catalog,
}

#[wasm_bindgen]
impl Catalog {
    /// A catalog from `{providers: [...]}` or a bare array of providers; ids must be unique.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "{ providers: Provider[] } | Provider[]")]
        providers: JsValue,
    ) -> JsResult<Catalog> {
        let text = json_text(providers, "catalog")?;
        Catalog::from_json_text(&text)
    }

    /// A catalog from JSON text; a bad record is reported by its position and id.
    #[wasm_bindgen(js_name = fromJSONText)]
    pub fn from_json_text(text: &str) -> JsResult<Catalog> {
        Ok(Catalog {
            inner: medjourney::Catalog::from_json(text).map_err(throw)?,
        })
    }

    /// Number of providers.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.inner.len()
    }

    /// The providers, in the order given.
    #[wasm_bindgen(unchecked_return_type = "Provider[]")]
    pub fn providers(&self) -> JsResult<JsValue> {
        to_js(self.inner.providers())
    }

    /// The provider with this id, or undefined.
    #[wasm_bindgen(unchecked_return_type = "Provider | undefined")]
    pub fn get(&self, id: &str) -> JsResult<JsValue> {
        match self.inner.get(id) {
            Some(p) => to_js(p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Procedure codes offered by at least one provider, sorted.
    pub fn procedures(&self) -> Vec<String> {
        self.inner
            .procedures()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The catalog as `{providers: [...]}`.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ providers: Provider[] }")]
    pub fn to_json(&self) -> JsResult<JsValue> {
        to_js(&self.inner)
    }
}

impl Catalog {
    /// Wraps a core catalog (samples).
    pub(crate) fn from_core(inner: medjourney::Catalog) -> Catalog {
        Catalog { inner }
    }

    /// The core catalog, for the other modules' functions that take one.
    pub(crate) fn core(&self) -> &medjourney::Catalog {
        &self.inner
    }
}

/// Ranks the catalog for a patient's request: `matches` (each with per-criterion
/// contributions) and `excluded` (each with reasons). One call for the whole catalog.
#[wasm_bindgen(unchecked_return_type = "Ranking")]
pub fn rank(
    catalog: &Catalog,
    #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    options: Option<RankOptionsArg>,
) -> JsResult<JsValue> {
    let request: Request = from_js(request, "request")?;
    let options: RankOptions = opt_arg(options, "options")?;
    to_js(&medjourney::rank(catalog.core(), &request, &options).map_err(throw)?)
}

/// TOPSIS closeness of each row of a row-major `rows × cols` matrix (types: 1 benefit,
/// -1 cost; `normalization` defaults to the core's).
#[wasm_bindgen]
pub fn topsis(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Option<NormalizationArg>,
) -> JsResult<Vec<f64>> {
    let n: Normalization = opt_name(normalization, "normalization")?;
    medjourney::topsis(matrix, rows, cols, weights, types, n).map_err(throw)
}

/// Weighted sum of each row of a row-major matrix (same arguments as `topsis`).
#[wasm_bindgen(js_name = weightedSum)]
pub fn weighted_sum(
    matrix: &[f64],
    rows: usize,
    cols: usize,
    weights: &[f64],
    types: &[i8],
    normalization: Option<NormalizationArg>,
) -> JsResult<Vec<f64>> {
    let n: Normalization = opt_name(normalization, "normalization")?;
    medjourney::weighted_sum(matrix, rows, cols, weights, types, n).map_err(throw)
}

/// IMDb-style weighted rating `v/(v+m)·R + m/(v+m)·C`.
#[wasm_bindgen(js_name = weightedRating)]
pub fn weighted_rating_js(
    mean: f64,
    votes: f64,
    prior_votes: f64,
    prior_mean: f64,
) -> JsResult<f64> {
    weighted_rating(mean, votes, prior_votes, prior_mean).map_err(throw)
}

/// Wilson lower bound of a proportion (`z` defaults to the core's two-sided 95 %).
#[wasm_bindgen(js_name = wilsonLowerBound)]
pub fn wilson_lower_bound_js(successes: f64, n: f64, z: Option<f64>) -> JsResult<f64> {
    let whole = |x: f64, field: &str| -> JsResult<u64> {
        if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_991.0 {
            Ok(x as u64)
        } else {
            Err(throw(medjourney::Error::invalid(
                field,
                format!("{x} is not a whole count"),
            )))
        }
    };
    wilson_lower_bound(
        whole(successes, "successes")?,
        whole(n, "n")?,
        z.unwrap_or(medjourney::matching::ratings::Z_95_TWO_SIDED),
    )
    .map_err(throw)
}

/// Star-rating score with a Dirichlet prior; `counts` are the 5…1-star counts (`z`
/// defaults to the core's one-sided 95 %).
#[wasm_bindgen(js_name = dirichletStarScore)]
pub fn dirichlet_star_score_js(counts: &[u32], z: Option<f64>) -> JsResult<f64> {
    let counts: [u64; 5] = match counts {
        [a, b, c, d, e] => [*a, *b, *c, *d, *e].map(u64::from),
        _ => {
            return Err(throw(medjourney::Error::invalid(
                "counts",
                format!(
                    "{} counts given, 5 needed (5 stars down to 1)",
                    counts.len()
                ),
            )))
        }
    };
    dirichlet_star_score(
        &counts,
        z.unwrap_or(medjourney::matching::ratings::Z_95_ONE_SIDED),
    )
    .map_err(throw)
}
