//! Insurance adjudication of a trip estimate: who pays what, line by line, to the cent.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Category, TripEstimate};
use crate::error::{Error, Result};
use crate::money::{decimal_text, Currency, Money, RoundingMode};
use crate::named::named_enum;

/// A health or travel-medical insurance policy's cost-sharing terms.
///
/// JSON: `{"id": "nm-intl-gold", "name": "…", "currency": "GBP",
/// "deductible": {"amount": "500.00", "currency": "GBP"}, "coinsurancePercent": "20",
/// "outOfPocketMax": {…}, "annualLimit": {…}, "coveredCategories": ["procedure", …],
/// "excludedCategories": ["flights"], "coversTreatmentAbroad": true,
/// "preAuthorizationRequired": true}`. `outOfPocketMax` and `annualLimit` may be left out
/// (no cap); `excludedCategories` defaults to none, the two flags to false.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct InsurancePolicy {
    /// The policy's id.
    pub id: String,
    /// The plan's name as the insurer writes it.
    #[serde(default)]
    pub name: String,
    /// The currency of every amount in the policy.
    pub currency: Currency,
    /// What the patient pays on covered costs before the insurer pays anything.
    pub deductible: Money,
    /// The patient's percent (0–100) of covered costs after the deductible.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub coinsurance_percent: Decimal,
    /// The most the patient pays in deductible and coinsurance; the insurer pays the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_pocket_max: Option<Money>,
    /// The most the insurer pays; the patient pays beyond it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_limit: Option<Money>,
    /// Categories the policy pays for.
    pub covered_categories: Vec<Category>,
    /// Categories it never pays for (a category may not be in both lists).
    #[serde(default)]
    pub excluded_categories: Vec<Category>,
    /// Whether treatment in another country is covered at all.
    #[serde(default)]
    pub covers_treatment_abroad: bool,
    /// Whether the insurer must approve the treatment beforehand.
    #[serde(default)]
    pub pre_authorization_required: bool,
}

named_enum! {
    /// Why a line is or is not paid by the insurer.
    pub enum CoverageStatus in "coverage_status" {
        /// Covered, with deductible and coinsurance applied.
        Covered => "covered",
        /// Covered, but the annual limit ran out on this line.
        LimitReached => "limit_reached",
        /// The category is excluded by the policy.
        Excluded => "excluded",
        /// The category is not among the covered ones.
        NotCovered => "not_covered",
        /// The policy does not cover treatment abroad.
        AbroadNotCovered => "abroad_not_covered",
    }
}

/// One estimate line split between insurer and patient; `insurer + patient = total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct AdjudicatedLine {
    /// What the line pays for.
    pub category: Category,
    /// The line's description.
    pub description: String,
    /// The line's amount.
    pub total: Money,
    /// What the insurer pays.
    pub insurer: Money,
    /// What the patient pays.
    pub patient: Money,
    /// Part of `patient` that went to the deductible.
    pub deductible: Money,
    /// Part of `patient` that is coinsurance.
    pub coinsurance: Money,
    /// Why.
    pub status: CoverageStatus,
}

/// The result of [`adjudicate`]: per line and in total, insurer and patient shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Adjudication {
    /// The policy applied.
    pub policy_id: String,
    /// The currency of every amount.
    pub currency: Currency,
    /// The estimate's charged lines, in order.
    pub lines: Vec<AdjudicatedLine>,
    /// The estimate's total.
    pub total: Money,
    /// The insurer's share.
    pub insurer_total: Money,
    /// The patient's share (`insurer_total + patient_total = total`).
    pub patient_total: Money,
    /// Deductible paid by the patient.
    pub deductible_applied: Money,
    /// Coinsurance paid by the patient.
    pub coinsurance_applied: Money,
    /// True when the out-of-pocket maximum capped the patient's share.
    pub out_of_pocket_max_reached: bool,
    /// True when the annual limit capped the insurer's share.
    pub annual_limit_reached: bool,
    /// True when the shares hold only if the insurer approves the treatment beforehand.
    pub pre_authorization_required: bool,
    /// Sentences for the patient about the conditions above.
    pub notes: Vec<String>,
}

impl InsurancePolicy {
    /// Reads the JSON shape above and validates it.
    pub fn from_json(text: &str) -> Result<InsurancePolicy> {
        let p: InsurancePolicy =
            serde_json::from_str(text).map_err(|e| Error::json("insurance policy", &e))?;
        p.validate()?;
        Ok(p)
    }

    /// Checks that the terms are usable and do not contradict each other.
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, reason: String| Error::InvalidPolicy {
            field: field.into(),
            reason,
        };
        let same = |field: &str, m: &Money| -> Result<()> {
            if m.currency() != self.currency {
                return Err(Error::CurrencyMismatch {
                    operation: format!("policy {field}"),
                    left: self.currency.code().into(),
                    right: m.currency().code().into(),
                });
            }
            if m.is_negative() {
                return Err(bad(field, format!("{m} is negative")));
            }
            Ok(())
        };
        if self.currency.minor_units().is_none() {
            return Err(Error::NoMinorUnits {
                code: self.currency.code().into(),
                operation: "insurance policy".into(),
            });
        }
        same("deductible", &self.deductible)?;
        if self.coinsurance_percent < Decimal::ZERO
            || self.coinsurance_percent > Decimal::ONE_HUNDRED
        {
            return Err(bad(
                "coinsurancePercent",
                format!("{} is outside 0 to 100", self.coinsurance_percent),
            ));
        }
        if let Some(oop) = &self.out_of_pocket_max {
            same("outOfPocketMax", oop)?;
            if oop.compare(&self.deductible)? == Ordering::Less {
                return Err(bad(
                    "outOfPocketMax",
                    format!("{oop} is below the deductible {}", self.deductible),
                ));
            }
        }
        if let Some(limit) = &self.annual_limit {
            same("annualLimit", limit)?;
        }
        if let Some(c) = self
            .covered_categories
            .iter()
            .find(|c| self.excluded_categories.contains(c))
        {
            return Err(bad(
                "excludedCategories",
                format!("{c} is both covered and excluded"),
            ));
        }
        Ok(())
    }

    fn status_for(&self, category: Category) -> CoverageStatus {
        if !self.covers_treatment_abroad {
            CoverageStatus::AbroadNotCovered
        } else if self.excluded_categories.contains(&category) {
            CoverageStatus::Excluded
        } else if self.covered_categories.contains(&category) {
            CoverageStatus::Covered
        } else {
            CoverageStatus::NotCovered
        }
    }
}

fn min(a: Money, b: Money) -> Result<Money> {
    a.min(&b)
}

/// Splits every charged line of `estimate` between insurer and patient under `policy`.
///
/// Lines are taken in order. On a covered line the patient first pays what is left of
/// the deductible, then `coinsurancePercent` of the rest (rounded half-even to minor
/// units); once deductible plus coinsurance reach the out-of-pocket maximum the insurer
/// pays the rest; once the insurer has paid the annual limit the patient pays the rest.
/// The insurer's share is always the line minus the patient's, so the two add up to
/// the line, and the totals to the estimate's total, exactly. The estimate must be in
/// the policy's currency (convert it first): otherwise `currency_mismatch`.
pub fn adjudicate(estimate: &TripEstimate, policy: &InsurancePolicy) -> Result<Adjudication> {
    policy.validate()?;
    let cur = policy.currency;
    if estimate.currency != cur {
        return Err(Error::CurrencyMismatch {
            operation: "adjudicate".into(),
            left: cur.code().into(),
            right: estimate.currency.code().into(),
        });
    }
    let zero = Money::zero(cur).round(RoundingMode::HalfEven)?;
    let mut ded_left = policy.deductible.round(RoundingMode::HalfEven)?;
    let mut oop_left = match &policy.out_of_pocket_max {
        Some(m) => Some(m.round(RoundingMode::HalfEven)?),
        None => None,
    };
    let mut limit_left = match &policy.annual_limit {
        Some(m) => Some(m.round(RoundingMode::HalfEven)?),
        None => None,
    };
    let pct = policy
        .coinsurance_percent
        .checked_div(Decimal::ONE_HUNDRED)
        .ok_or_else(|| Error::overflow("coinsurance"))?;
    let (mut ins_total, mut pat_total, mut ded_total, mut coins_total, mut total) =
        (zero, zero, zero, zero, zero);
    let (mut oop_hit, mut limit_hit) = (false, false);
    let mut lines = Vec::with_capacity(estimate.lines.len());
    for line in &estimate.lines {
        let a = line.amount.round(RoundingMode::HalfEven)?;
        let mut status = policy.status_for(line.category);
        let (mut deductible, mut coinsurance, mut insurer) = (zero, zero, zero);
        if status == CoverageStatus::Covered && !a.is_negative() {
            deductible = min(a, ded_left)?;
            ded_left = ded_left.sub(&deductible)?;
            let rest = a.sub(&deductible)?;
            coinsurance = rest.mul(pct)?.round(RoundingMode::HalfEven)?;
            if let Some(left) = oop_left.as_mut() {
                let share = deductible.add(&coinsurance)?;
                let capped = min(share, *left)?;
                if capped.compare(&share)? == Ordering::Less {
                    oop_hit = true;
                }
                deductible = min(deductible, capped)?;
                coinsurance = capped.sub(&deductible)?;
                *left = left.sub(&capped)?;
            }
            insurer = a.sub(&deductible)?.sub(&coinsurance)?;
            if let Some(left) = limit_left.as_mut() {
                let capped = min(insurer, *left)?;
                if capped.compare(&insurer)? == Ordering::Less {
                    limit_hit = true;
                    status = CoverageStatus::LimitReached;
                }
                insurer = capped;
                *left = left.sub(&capped)?;
            }
        }
        let patient = a.sub(&insurer)?;
        total = total.add(&a)?;
        ins_total = ins_total.add(&insurer)?;
        pat_total = pat_total.add(&patient)?;
        ded_total = ded_total.add(&deductible)?;
        coins_total = coins_total.add(&coinsurance)?;
        lines.push(AdjudicatedLine {
            category: line.category,
            description: line.description.clone(),
            total: a,
            insurer,
            patient,
            deductible,
            coinsurance,
            status,
        });
    }
    let mut notes = Vec::new();
    if !policy.covers_treatment_abroad {
        notes.push(
            "This policy does not cover treatment abroad: the patient pays every line.".to_string(),
        );
    }
    if policy.pre_authorization_required && policy.covers_treatment_abroad {
        notes.push("The insurer must approve the treatment before it happens; without pre-authorization it pays nothing.".to_string());
    }
    if oop_hit {
        if let Some(m) = &policy.out_of_pocket_max {
            notes.push(format!(
                "The out-of-pocket maximum of {m} is reached: the insurer pays the rest of the covered costs."
            ));
        }
    }
    if limit_hit {
        if let Some(m) = &policy.annual_limit {
            notes.push(format!(
                "The annual limit of {m} is reached: the patient pays the covered costs beyond it."
            ));
        }
    }
    Ok(Adjudication {
        policy_id: policy.id.clone(),
        currency: cur,
        lines,
        total,
        insurer_total: ins_total,
        patient_total: pat_total,
        deductible_applied: ded_total,
        coinsurance_applied: coins_total,
        out_of_pocket_max_reached: oop_hit,
        annual_limit_reached: limit_hit,
        pre_authorization_required: policy.pre_authorization_required,
        notes,
    })
}
