//! The fixed priors that outcome figures and reviews are shrunk toward.
//!
//! A prior never depends on the other candidates: each provider's quality and review
//! values come from its own record and these fixed numbers only, so improving one
//! provider cannot lift another (or itself drop) through a shared pool.
//!
//! Without a benchmark for the procedure, outcomes are shrunk toward the uniform prior
//! ([`OutcomePrior::UNIFORM`]): success and complication rates of 1/2, which assumes
//! nothing about the procedure. A caller with a sourced per-procedure benchmark (a
//! national registry, the procedure guides) passes it in [`RankOptions::outcome_priors`]
//! keyed by procedure code, and ranking uses it for that procedure.
//!
//! [`RankOptions::outcome_priors`]: super::RankOptions::outcome_priors

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The success and complication rates a provider with no record is assumed to have.
///
/// JSON: `{"successRate": 0.95, "complicationRate": 0.03, "source": "National Joint
/// Registry, 2024 annual report"}`; rates are shares from 0 to 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct OutcomePrior {
    /// Expected share of successful outcomes, 0 to 1.
    pub success_rate: f64,
    /// Expected share of cases with a complication, 0 to 1.
    pub complication_rate: f64,
    /// Where the rates come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

impl OutcomePrior {
    /// Rates of 1/2 for both: the prior that assumes nothing about the procedure.
    pub const UNIFORM: OutcomePrior = OutcomePrior {
        success_rate: 0.5,
        complication_rate: 0.5,
        source: String::new(),
    };

    /// Checks that both rates are finite shares from 0 to 1; `field` names the prior.
    pub fn validate(&self, field: &str) -> Result<()> {
        for (name, r) in [
            ("successRate", self.success_rate),
            ("complicationRate", self.complication_rate),
        ] {
            if !(r.is_finite() && (0.0..=1.0).contains(&r)) {
                return Err(Error::invalid(
                    format!("{field}.{name}"),
                    format!("{r} is not a share from 0 to 1"),
                ));
            }
        }
        Ok(())
    }
}

impl Default for OutcomePrior {
    fn default() -> Self {
        OutcomePrior::UNIFORM
    }
}
