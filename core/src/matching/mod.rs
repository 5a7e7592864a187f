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

pub mod catalog;
pub mod mcdm;
pub mod rank;
pub mod ratings;
pub mod request;

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
