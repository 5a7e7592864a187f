//! Provider matching: match a patient with the clinics that suit their medical needs and
//! preferences, and explain why.
//!
//! - [`catalog`]: the provider model, its validation and the columnar layout for ranking.
//! - [`request`]: the patient's request, criteria, weights, options and results.
//! - [`rank()`]: hard filters that exclude with every reason, soft criteria normalized to
//!   [0, 1], weighted sum or TOPSIS, top-k with per-criterion explanations.
//! - [`mcdm`]: raw [`topsis`] and [`weighted_sum`] on a flat row-major matrix (pymcdm's
//!   numbers to 1e-9), whole or a chunk of rows at a time ([`ColumnPasses`], [`ScorePlan`]).
//! - [`ratings`]: weighted rating, Wilson lower bound, Dirichlet-prior star score.
//!
//! - [`prior`]: the fixed priors quality and reviews are shrunk toward.
//!
//! Rules of [`rank()`], each guarded by a test:
//! - Hard filters exclude with every reason that applies (see [`ExclusionReason`]); the
//!   budget compares the lowest price converted to the request's currency, exactly.
//! - Every raw criterion value comes from the provider's own record and the request:
//!   priors are fixed, never pooled over the candidates. Improving one criterion of one
//!   provider (a lower price or wait, more successes or fewer complications, a review
//!   moved up a star or a new 5★ review, a stronger accreditation, more languages or
//!   amenities, a shorter trip) therefore never lowers its own weighted-sum score (under
//!   min–max or vector normalization), and removing an excluded provider never changes
//!   the ranking.
//! - Quality is `s × (1 − c)`: the success rate at the lower and the complication rate at
//!   the upper one-sided 95 % bound (z = 1.65) of a Beta posterior shrunk toward the
//!   procedure's [`OutcomePrior`] with the weight of `priorCases` cases
//!   ([`ratings::shrunk_rate_bounds`]). Without a benchmark the prior is uniform (rates
//!   1/2, weight 2). A figure not published counts as zero cases and scores exactly the
//!   prior's pessimistic bound; publishing a success rate at least the prior's and a
//!   complication rate at most the prior's never scores below publishing nothing.
//! - Reviews are the Bayesian average `(Σstars + m·C)/(n + m)`, `m = priorReviews`
//!   (default 50) and the fixed `C = priorReviewMean` (default 3 stars); no reviews, or a
//!   mean without a count, give exactly `C`.
//! - Criteria are normalized over the candidates (those that pass every filter): min–max
//!   by default. A column whose spread is at most [`CONSTANT_COLUMN_TOLERANCE`] (1e-9)
//!   times its largest magnitude is constant and becomes all ones, so values equal in
//!   exact arithmetic tie even when rounding split their floats. A missing value (no
//!   price, no wait, no airport distance) normalizes to 0, the worst, and shows as
//!   `raw: null`.
//! - Weighted sum: `Σ w·n`, contributions add up to the score. TOPSIS: pymcdm's closeness;
//!   1.0 when ideal and anti-ideal coincide (one candidate, or all identical).
//! - Ties break by provider id, ascending; ranks are ordinal. Top-k uses a bounded
//!   buffer (k ≤ 256) or `select_nth_unstable`, never a full sort; only the returned
//!   matches get explanations.

pub mod catalog;
pub mod mcdm;
pub mod prior;
pub mod rank;
pub mod ratings;
pub mod request;
mod svg;

pub use catalog::{
    Accreditation, AccreditationBody, Amenity, Catalog, Coordinates, Doctor, Outcome,
    ProcedureOffer, Provider, Reviews,
};
pub use mcdm::{normalize_weights, topsis, weighted_sum, ColumnPasses, Normalization, ScorePlan};
pub use prior::OutcomePrior;
pub use rank::{rank, CONSTANT_COLUMN_TOLERANCE};
pub use ratings::{
    dirichlet_star_score, shrunk_rate, shrunk_rate_bounds, weighted_rating, wilson_lower_bound,
};
pub use request::{
    Criterion, CriterionScore, Exclusion, ExclusionReason, Match, Method, RankOptions, Ranking,
    Request, Weights,
};
