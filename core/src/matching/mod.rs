//! Provider matching: match a patient with the clinics that suit their medical needs and
//! preferences, and explain why.
//!
//! - [`catalog`]: the provider model, its validation and the columnar layout for ranking.
//! - [`request`]: the patient's request, criteria, weights, options and results.
//! - [`rank()`]: hard filters that exclude with every reason, soft criteria normalized to
//!   [0, 1], weighted sum or TOPSIS, top-k with per-criterion explanations.
//! - [`mcdm`]: raw [`topsis`] and [`weighted_sum`] on a flat row-major matrix (pymcdm's
//!   numbers to 1e-9).
//! - [`ratings`]: weighted rating, Wilson lower bound, Dirichlet-prior star score.
//!
//! Rules of [`rank()`], each guarded by a test:
//! - Hard filters exclude with every reason that applies (see [`ExclusionReason`]); the
//!   budget compares the lowest price converted to the request's currency, exactly.
//! - Criteria are normalized over the candidates (those that pass every filter): min–max
//!   by default, constant column = all ones; a missing value (no price, no wait, no
//!   outcome figures, no airport distance) normalizes to 0, the worst, and shows as
//!   `raw: null`. Pooled success/complication rates and the review mean are taken over
//!   the candidates too, so removing an excluded provider never changes the ranking.
//! - Quality is the pessimistic bound of a shrunk Beta posterior
//!   ([`ratings::shrunk_rate_bounds`]); reviews are the Bayesian average
//!   `(Σstars + m·C)/(n + m)` with `m = priorReviews` (a mean without a count has n = 0).
//! - Weighted sum: `Σ w·n`, contributions add up to the score. TOPSIS: pymcdm's closeness;
//!   1.0 when ideal and anti-ideal coincide (one candidate, or all identical).
//! - Ties break by provider id, ascending; ranks are ordinal. Top-k uses a bounded
//!   buffer (k ≤ 256) or `select_nth_unstable`, never a full sort; only the returned
//!   matches get explanations.

pub mod catalog;
pub mod mcdm;
pub mod rank;
pub mod ratings;
pub mod request;
mod svg;

pub use catalog::{
    Accreditation, AccreditationBody, Amenity, Catalog, Coordinates, Doctor, Outcome,
    ProcedureOffer, Provider, Reviews,
};
pub use mcdm::{normalize_weights, topsis, weighted_sum, Normalization};
pub use rank::rank;
pub use ratings::{
    dirichlet_star_score, shrunk_rate, shrunk_rate_bounds, weighted_rating, wilson_lower_bound,
};
pub use request::{
    Criterion, CriterionScore, Exclusion, ExclusionReason, Match, Method, RankOptions, Ranking,
    Request, Weights,
};
