//! Provider matching: the catalog, hard filters and ranking, raw TOPSIS on typed arrays.

use js_sys::Float64Array;
use medjourney::matching::{
    dirichlet_star_score, weighted_rating, wilson_lower_bound, ColumnPasses, Method, Normalization,
};
use medjourney::{RankOptions, Request};
use wasm_bindgen::prelude::*;

use crate::convert::{
    float64_array, from_js, instance, json_text, numbers, opt_arg, opt_name, opt_real, real, text,
    throw, to_js, too_large, whole, write_f64, Bulk, Class, JsResult, NormalizationArg, NumberArg,
    RankOptionsArg,
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
        Catalog::from_text(&json_text(providers, "catalog")?)
    }

    /// A catalog from JSON text; a bad record is reported by its position and id.
    #[wasm_bindgen(js_name = fromJSONText)]
    pub fn from_json_text(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> JsResult<Catalog> {
        Catalog::from_text(&crate::convert::text(&text, "text")?)
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
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> JsResult<JsValue> {
        match self.inner.get(&text(&id, "id")?) {
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

    fn from_text(text: &str) -> JsResult<Catalog> {
        Ok(Catalog {
            inner: medjourney::Catalog::from_json(text).map_err(throw)?,
        })
    }

    /// The core catalog, for the other modules' functions that take one.
    pub(crate) fn core(&self) -> &medjourney::Catalog {
        &self.inner
    }
}

impl Class for Catalog {
    const NAME: &'static str = "Catalog";
    fn probe() -> Option<Self> {
        medjourney::Catalog::new(Vec::new())
            .ok()
            .map(Catalog::from_core)
    }
}

/// Ranks the catalog for a patient's request: `matches` (each with per-criterion
/// contributions) and `excluded` (each with reasons). One call for the whole catalog.
#[wasm_bindgen(unchecked_return_type = "Ranking")]
pub fn rank(
    #[wasm_bindgen(unchecked_param_type = "Catalog")] catalog: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Request")] request: JsValue,
    options: Option<RankOptionsArg>,
) -> JsResult<JsValue> {
    let catalog = instance::<Catalog>(&catalog, "catalog")?;
    let request: Request = from_js(request, "request")?;
    let options: RankOptions = opt_arg(options, "options")?;
    to_js(&medjourney::rank(catalog.core(), &request, &options).map_err(throw)?)
}

/// TOPSIS closeness of each row of a row-major `rows × cols` matrix (types: 1 benefit,
/// -1 cost; `normalization` defaults to the core's).
#[wasm_bindgen]
pub fn topsis(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] matrix: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] cols: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Int8Array | number[]")] types: JsValue,
    normalization: Option<NormalizationArg>,
) -> JsResult<Float64Array> {
    score(
        Method::Topsis,
        [matrix, rows, cols, weights, types],
        normalization,
    )
}

/// Weighted sum of each row of a row-major matrix (same arguments as `topsis`).
#[wasm_bindgen(js_name = weightedSum)]
pub fn weighted_sum(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] matrix: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] cols: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] weights: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Int8Array | number[]")] types: JsValue,
    normalization: Option<NormalizationArg>,
) -> JsResult<Float64Array> {
    score(
        Method::WeightedSum,
        [matrix, rows, cols, weights, types],
        normalization,
    )
}

/// Values of the matrix read into wasm memory at a time: 256 KiB, which stays in the CPU's
/// cache while the kernels pass over it (the matrix, tens of MB, is never copied whole).
const CHUNK_VALUES: usize = 1 << 15;

/// Reads the arguments `topsis` and `weightedSum` share and scores, reading the matrix a
/// chunk of rows at a time for each of the core's passes and writing the scores straight
/// into the `Float64Array` returned.
fn score(
    method: Method,
    [matrix, rows, cols, weights, types]: [JsValue; 5],
    normalization: Option<NormalizationArg>,
) -> JsResult<Float64Array> {
    let mut matrix: Bulk<f64> = Bulk::new(matrix, "matrix")?;
    let (rows, cols): (usize, usize) = (whole(&rows, "rows")?, whole(&cols, "cols")?);
    let weights: Vec<f64> = numbers(weights, "weights")?;
    let types: Vec<i8> = numbers(types, "types")?;
    let n: Normalization = opt_name(normalization, "normalization")?;
    let mut passes =
        ColumnPasses::new(matrix.len(), rows, cols, &weights, &types, n).map_err(throw)?;
    // The core has checked rows × cols == matrix.len(), so no product below overflows.
    let chunk_rows = (CHUNK_VALUES / cols.max(1)).max(1);
    while passes.wants_rows() {
        let start = passes.next_row();
        let count = chunk_rows.min(rows - start);
        let chunk = matrix.read(start * cols, count * cols, "matrix")?;
        passes.add_rows(chunk).map_err(throw)?;
    }
    let plan = passes.plan().map_err(throw)?;
    let out = float64_array(rows, "scores")?;
    let mut scores: Vec<f64> = Vec::new();
    scores
        .try_reserve_exact(chunk_rows.min(rows))
        .map_err(|_| too_large("scores", rows))?;
    for start in (0..rows).step_by(chunk_rows) {
        let count = chunk_rows.min(rows - start);
        let chunk = matrix.read(start * cols, count * cols, "matrix")?;
        scores.clear();
        plan.score(method, chunk, &mut scores);
        write_f64(&out, start, &scores, "scores")?;
    }
    Ok(out)
}

/// IMDb-style weighted rating `v/(v+m)·R + m/(v+m)·C`.
#[wasm_bindgen(js_name = weightedRating)]
pub fn weighted_rating_js(
    #[wasm_bindgen(unchecked_param_type = "number")] mean: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] votes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] prior_votes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] prior_mean: JsValue,
) -> JsResult<f64> {
    weighted_rating(
        real(&mean, "mean")?,
        real(&votes, "votes")?,
        real(&prior_votes, "priorVotes")?,
        real(&prior_mean, "priorMean")?,
    )
    .map_err(throw)
}

/// Wilson lower bound of a proportion (`z` defaults to the core's two-sided 95 %).
#[wasm_bindgen(js_name = wilsonLowerBound)]
pub fn wilson_lower_bound_js(
    #[wasm_bindgen(unchecked_param_type = "number")] successes: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] n: JsValue,
    z: Option<NumberArg>,
) -> JsResult<f64> {
    wilson_lower_bound(
        whole(&successes, "successes")?,
        whole(&n, "n")?,
        opt_real(z, "z")?.unwrap_or(medjourney::matching::ratings::Z_95_TWO_SIDED),
    )
    .map_err(throw)
}

/// Star-rating score with a Dirichlet prior; `counts` are the 5…1-star counts (`z`
/// defaults to the core's one-sided 95 %).
#[wasm_bindgen(js_name = dirichletStarScore)]
pub fn dirichlet_star_score_js(
    #[wasm_bindgen(unchecked_param_type = "Uint32Array | number[]")] counts: JsValue,
    z: Option<NumberArg>,
) -> JsResult<f64> {
    let counts: Vec<u32> = numbers(counts, "counts")?;
    let counts: [u64; 5] = match counts[..] {
        [a, b, c, d, e] => [a, b, c, d, e].map(u64::from),
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
        opt_real(z, "z")?.unwrap_or(medjourney::matching::ratings::Z_95_ONE_SIDED),
    )
    .map_err(throw)
}
