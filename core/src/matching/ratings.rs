//! Rating formulas that keep a handful of votes or cases from outranking a long record.
//!
//! All three take counts, never percentages, so a caller cannot lose the sample size
//! on the way in. Every function returns a finite number for every input it accepts.

use crate::error::{Error, Result};

/// The z value of a one-sided 95 % bound, used by the Dirichlet star score by default.
pub const Z_95_ONE_SIDED: f64 = 1.65;
/// The z value of a two-sided 95 % interval, used by the Wilson bound by default.
pub const Z_95_TWO_SIDED: f64 = 1.96;

fn check_z(z: f64) -> Result<()> {
    if z.is_finite() && z >= 0.0 {
        Ok(())
    } else {
        Err(Error::invalid("z", format!("{z} must be finite and >= 0")))
    }
}

/// IMDb-style weighted rating `v/(v+m)·R + m/(v+m)·C`: the item mean `R` over `v` votes,
/// pulled toward the catalog mean `C` as if it had `m` extra votes at `C`.
///
/// With `v + m = 0` there is nothing to weigh and the answer is `C`.
pub fn weighted_rating(mean: f64, votes: f64, prior_votes: f64, prior_mean: f64) -> Result<f64> {
    for (field, x) in [
        ("mean", mean),
        ("votes", votes),
        ("priorVotes", prior_votes),
        ("priorMean", prior_mean),
    ] {
        if !x.is_finite() {
            return Err(Error::invalid(field, format!("{x} is not finite")));
        }
    }
    if votes < 0.0 || prior_votes < 0.0 {
        return Err(Error::invalid(
            "votes",
            format!("votes {votes} and priorVotes {prior_votes} must be >= 0"),
        ));
    }
    let total = votes + prior_votes;
    if total == 0.0 || !total.is_finite() {
        return Ok(if total == 0.0 { prior_mean } else { mean });
    }
    Ok(votes / total * mean + prior_votes / total * prior_mean)
}

/// Wilson score lower bound of a proportion `successes / n` at `z` (1.96 for 95 %):
/// `[p + z²/2n − z·√(p(1−p)/n + z²/4n²)] / (1 + z²/n)`, and 0 when `n = 0`.
pub fn wilson_lower_bound(successes: u64, n: u64, z: f64) -> Result<f64> {
    check_z(z)?;
    if successes > n {
        return Err(Error::invalid(
            "successes",
            format!("{successes} is more than the {n} cases"),
        ));
    }
    if n == 0 {
        return Ok(0.0);
    }
    let nf = n as f64;
    let p = successes as f64 / nf;
    let z2 = z * z;
    let centre = p + z2 / (2.0 * nf);
    let spread = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
    Ok(((centre - spread) / (1.0 + z2 / nf)).max(0.0))
}

/// Evan Miller's star score: a lower bound of the mean rating under a Dirichlet prior
/// that adds one vote to each of the five stars.
///
/// `counts` holds the number of 1★, 2★, 3★, 4★ and 5★ reviews, in that order; with
/// `N = Σn` and `K = 5`: `S = Σ s(n_s+1)/(N+K) − z·√{[Σ s²(n_s+1)/(N+K) − (Σ s(n_s+1)/(N+K))²] / (N+K+1)}`.
/// No reviews at all give the prior's bound (3 minus z times its spread).
pub fn dirichlet_star_score(counts: &[u64; 5], z: f64) -> Result<f64> {
    check_z(z)?;
    let mut total = 5.0_f64;
    for c in counts {
        total += *c as f64;
    }
    let mut first = 0.0;
    let mut second = 0.0;
    for (i, c) in counts.iter().enumerate() {
        let s = (i + 1) as f64;
        let share = (*c as f64 + 1.0) / total;
        first += s * share;
        second += s * s * share;
    }
    // Rounding can push a zero variance a hair below zero; the bound must stay real.
    let variance = ((second - first * first) / (total + 1.0)).max(0.0);
    Ok(first - z * variance.sqrt())
}

/// A proportion `successes / cases` pulled toward `prior_rate` as if `prior_cases` more
/// cases had happened at that rate: `(successes + m·p̄) / (cases + m)`.
///
/// Shrinking alone does not keep 2 successes out of 2 from beating 960 out of 1000: with
/// a prior rate above 0.96 the small record still comes out on top; the bound of
/// [`shrunk_rate_bounds`] does that work. With no cases and no prior weight the answer
/// is `prior_rate`.
pub fn shrunk_rate(successes: f64, cases: f64, prior_rate: f64, prior_cases: f64) -> f64 {
    let total = cases + prior_cases;
    if total <= 0.0 || !total.is_finite() {
        return prior_rate;
    }
    let r = (successes + prior_cases * prior_rate) / total;
    if r.is_finite() {
        r.clamp(0.0, 1.0)
    } else {
        prior_rate
    }
}

/// Lower and upper bounds `mean ∓ z·sd` of the Beta posterior behind [`shrunk_rate`]:
/// `α = successes + m·p̄`, `β = cases − successes + m·(1−p̄)`, `sd = √(mean(1−mean)/(cases+m+1))`,
/// clamped to [0, 1].
///
/// The bound charges a small record for its uncertainty, so at z = 1.65 the lower bound
/// ranks 960 of 1000 above 2 of 2 for every prior rate up to 0.992 with a prior weight of
/// 2 cases, and up to 0.976 with 100 cases; above those prior rates 2 of 2 wins (the
/// prior itself then says almost every case succeeds). Both thresholds are tested.
pub fn shrunk_rate_bounds(
    successes: f64,
    cases: f64,
    prior_rate: f64,
    prior_cases: f64,
    z: f64,
) -> (f64, f64) {
    let mean = shrunk_rate(successes, cases, prior_rate, prior_cases);
    let total = cases + prior_cases;
    if total <= 0.0 || !total.is_finite() || !z.is_finite() {
        return (mean, mean);
    }
    let sd = (mean * (1.0 - mean) / (total + 1.0)).max(0.0).sqrt();
    (
        (mean - z * sd).clamp(0.0, 1.0),
        (mean + z * sd).clamp(0.0, 1.0),
    )
}
