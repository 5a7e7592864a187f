//! Insurance adjudication of a trip estimate: who pays what, line by line, to the cent.
//!
//! A trip estimate is adjudicated as one claim, its lines in order. On a covered line the
//! patient pays, in this order: what is left of the per-claim excess, then either the
//! category's copay per visit (a line's quantity, rounded up to whole visits; no deductible
//! or coinsurance on that line) or what is left of the deductible followed by the
//! coinsurance percent of the rest (rounded half-even to minor units). The out-of-pocket
//! maximum caps the sum of those four; the category's sub-limit and the annual limit cap
//! the insurer. Year-to-date figures start the year part-way: deductible already met,
//! out-of-pocket already spent, annual limit and sub-limits already used. Every new term
//! is optional; without them a policy behaves as a fresh policy year with a deductible,
//! coinsurance and caps only. The insurer's share is the line minus the patient's, so
//! the two add up to the line, and the totals to the estimate's total, exactly.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Category, TripEstimate};
use crate::error::{Error, Result};
use crate::money::{decimal_text, Currency, Money, RoundingMode};
use crate::named::named_enum;

/// An amount tied to one cost category: a copay per visit, a sub-limit, or what a
/// sub-limit has already paid this year. JSON: `{"category": "follow_up", "amount": {…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct CategoryAmount {
    /// The category.
    pub category: Category,
    /// The amount, in the policy's currency.
    pub amount: Money,
}

/// Where the policy year stands before a claim, as the insurer's statement shows it.
///
/// JSON: `{"deductibleMet": {…}, "outOfPocketSpent": {…}, "annualLimitUsed": {…},
/// "subLimitsUsed": [{"category": "implant", "amount": {…}}]}`; every field may be left
/// out (nothing used yet).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase", default)]
pub struct YearToDate {
    /// Deductible the patient has already paid this year (at most the deductible).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deductible_met: Option<Money>,
    /// Cost sharing already paid toward the out-of-pocket maximum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out_of_pocket_spent: Option<Money>,
    /// What the insurer has already paid against the annual limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annual_limit_used: Option<Money>,
    /// What the insurer has already paid against each sub-limit.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sub_limits_used: Vec<CategoryAmount>,
}

/// A health or travel-medical insurance policy's cost-sharing terms.
///
/// JSON: `{"id": "nm-intl-gold", "name": "…", "currency": "GBP",
/// "deductible": {"amount": "500.00", "currency": "GBP"}, "coinsurancePercent": "20",
/// "outOfPocketMax": {…}, "annualLimit": {…}, "coveredCategories": ["procedure", …],
/// "excludedCategories": ["flights"], "coversTreatmentAbroad": true,
/// "preAuthorizationRequired": true, "excessPerClaim": {…},
/// "copays": [{"category": "follow_up", "amount": {…}}],
/// "subLimits": [{"category": "implant", "amount": {…}}], "yearToDate": {…YearToDate…}}`.
/// `outOfPocketMax` and `annualLimit` may be left out (no cap); `excludedCategories`,
/// `copays` and `subLimits` default to none, the two flags to false, `excessPerClaim`
/// to none and `yearToDate` to a fresh policy year.
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
    /// UK-style excess: the patient pays the first this much of each claim's covered costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excess_per_claim: Option<Money>,
    /// Fixed amounts per visit (a line's unit: consultation, session, night) that replace
    /// the deductible and coinsurance on lines of their category; covered categories only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copays: Vec<CategoryAmount>,
    /// The most the insurer pays for a category in the policy year; covered categories only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_limits: Vec<CategoryAmount>,
    /// What the policy year has used before this claim; absent for a fresh year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_to_date: Option<YearToDate>,
}

named_enum! {
    /// Why a line is or is not paid by the insurer.
    pub enum CoverageStatus in "coverage_status" {
        /// Covered, with deductible and coinsurance applied.
        Covered => "covered",
        /// Covered, but the annual limit or the category's sub-limit ran out on this line.
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
    /// Part of `patient` that is the per-claim excess.
    pub excess: Money,
    /// Part of `patient` that is copays.
    pub copay: Money,
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
    /// Excess paid by the patient.
    pub excess_applied: Money,
    /// Copays paid by the patient.
    pub copays_applied: Money,
    /// True when the out-of-pocket maximum capped the patient's share.
    pub out_of_pocket_max_reached: bool,
    /// True when the annual limit capped the insurer's share.
    pub annual_limit_reached: bool,
    /// Categories whose sub-limit capped the insurer's share.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_limits_reached: Vec<Category>,
    /// Where the policy year stands after this claim: pass it as the policy's
    /// `yearToDate` to adjudicate the next claim of the same year.
    pub year_to_date: YearToDate,
    /// True when the shares hold only if the insurer approves the treatment beforehand.
    pub pre_authorization_required: bool,
    /// Sentences for the patient about the conditions above.
    pub notes: Vec<String>,
}

impl InsurancePolicy {
    /// Reads the JSON shape above and validates it.
    pub fn from_json(text: &str) -> Result<InsurancePolicy> {
        let p: InsurancePolicy =
            crate::json::from_str(text).map_err(|e| Error::json("insurance policy", &e))?;
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
        if let Some(excess) = &self.excess_per_claim {
            same("excessPerClaim", excess)?;
        }
        let covered = category_mask(&self.covered_categories);
        for (field, list) in [("copays", &self.copays), ("subLimits", &self.sub_limits)] {
            for (i, c) in list.iter().enumerate() {
                same(&format!("{field}[{i}].amount"), &c.amount)?;
                if covered & category_bit(c.category) == 0 {
                    return Err(bad(
                        &format!("{field}[{i}].category"),
                        format!("{} is not a covered category", c.category),
                    ));
                }
                if list.iter().take(i).any(|o| o.category == c.category) {
                    return Err(bad(
                        &format!("{field}[{i}].category"),
                        format!("{} appears twice", c.category),
                    ));
                }
            }
        }
        if let Some(ytd) = &self.year_to_date {
            let at_most = |field: &str, used: &Option<Money>, cap: Option<&Money>| -> Result<()> {
                let Some(used) = used else { return Ok(()) };
                same(field, used)?;
                if let Some(cap) = cap {
                    if used.compare(cap)? == Ordering::Greater {
                        return Err(bad(field, format!("{used} is above {cap}")));
                    }
                }
                Ok(())
            };
            at_most(
                "yearToDate.deductibleMet",
                &ytd.deductible_met,
                Some(&self.deductible),
            )?;
            at_most(
                "yearToDate.outOfPocketSpent",
                &ytd.out_of_pocket_spent,
                self.out_of_pocket_max.as_ref(),
            )?;
            at_most(
                "yearToDate.annualLimitUsed",
                &ytd.annual_limit_used,
                self.annual_limit.as_ref(),
            )?;
            for (i, u) in ytd.sub_limits_used.iter().enumerate() {
                let field = format!("yearToDate.subLimitsUsed[{i}]");
                let Some(limit) = self.sub_limits.iter().find(|l| l.category == u.category) else {
                    return Err(bad(&field, format!("{} has no sub-limit", u.category)));
                };
                if ytd
                    .sub_limits_used
                    .iter()
                    .take(i)
                    .any(|o| o.category == u.category)
                {
                    return Err(bad(&field, format!("{} appears twice", u.category)));
                }
                at_most(&field, &Some(u.amount), Some(&limit.amount))?;
            }
        }
        let excluded = category_mask(&self.excluded_categories);
        if let Some(c) = self
            .covered_categories
            .iter()
            .find(|c| excluded & category_bit(**c) != 0)
        {
            return Err(bad(
                "excludedCategories",
                format!("{c} is both covered and excluded"),
            ));
        }
        Ok(())
    }

    /// How a category stands under the policy, given the masks of its category lists
    /// (worked out once per claim: the lists may be long, the lines many).
    fn status_for(&self, category: Category, covered: u64, excluded: u64) -> CoverageStatus {
        let bit = category_bit(category);
        if !self.covers_treatment_abroad {
            CoverageStatus::AbroadNotCovered
        } else if excluded & bit != 0 {
            CoverageStatus::Excluded
        } else if covered & bit != 0 {
            CoverageStatus::Covered
        } else {
            CoverageStatus::NotCovered
        }
    }
}

// A set of categories fits one u64.
const _: () = assert!(Category::COUNT < 64);

/// The bit of a category in a set of categories.
fn category_bit(c: Category) -> u64 {
    1u64.checked_shl(c as u32).unwrap_or(0)
}

/// A list of categories as a set, however many times each is listed.
fn category_mask(list: &[Category]) -> u64 {
    list.iter().fold(0, |m, c| m | category_bit(*c))
}

/// The smaller of what is left and what is asked, and what is left after taking it.
fn take(left: &mut Money, asked: Money) -> Result<Money> {
    let got = left.min(&asked)?;
    *left = left.sub(&got)?;
    Ok(got)
}

/// `cap − used` (rounded), never below zero.
fn left_of(cap: &Money, used: Option<&Money>, zero: Money) -> Result<Money> {
    let cap = cap.round(RoundingMode::HalfEven)?;
    let used = match used {
        Some(u) => u.round(RoundingMode::HalfEven)?,
        None => zero,
    };
    cap.sub(&used)?.max(&zero)
}

/// Splits every charged line of `estimate` between insurer and patient under `policy`.
///
/// The estimate is one claim and its lines are taken in order; see the module docs for
/// the order of excess, copay, deductible and coinsurance, and for the caps. The
/// insurer's share is always the line minus the patient's, so the two add up to the
/// line, and the totals to the estimate's total, exactly. The result's `yearToDate` is
/// the policy year after this claim, so claims adjudicated one after another with it
/// split exactly as one claim holding all their lines would (without an excess, which is
/// per claim). The estimate must be in the policy's currency (convert it first):
/// otherwise `currency_mismatch`.
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
    let fresh = YearToDate::default();
    let ytd = policy.year_to_date.as_ref().unwrap_or(&fresh);
    let mut ded_left = left_of(&policy.deductible, ytd.deductible_met.as_ref(), zero)?;
    let oop_spent = match &ytd.out_of_pocket_spent {
        Some(m) => m.round(RoundingMode::HalfEven)?,
        None => zero,
    };
    let mut oop_left = match &policy.out_of_pocket_max {
        Some(m) => Some(left_of(m, Some(&oop_spent), zero)?),
        None => None,
    };
    let limit_used = match &ytd.annual_limit_used {
        Some(m) => m.round(RoundingMode::HalfEven)?,
        None => zero,
    };
    let mut limit_left = match &policy.annual_limit {
        Some(m) => Some(left_of(m, Some(&limit_used), zero)?),
        None => None,
    };
    let mut excess_left = match &policy.excess_per_claim {
        Some(m) => m.round(RoundingMode::HalfEven)?,
        None => zero,
    };
    let n = Category::ALL.len();
    let mut copay_of: Vec<Option<Money>> = vec![None; n];
    for c in &policy.copays {
        if let Some(slot) = copay_of.get_mut(c.category.index()) {
            *slot = Some(c.amount.round(RoundingMode::HalfEven)?);
        }
    }
    // Per category: (what is left of its sub-limit, what it had used before this claim).
    let mut sub_left: Vec<Option<(Money, Money)>> = vec![None; n];
    for l in &policy.sub_limits {
        let used = ytd
            .sub_limits_used
            .iter()
            .find(|u| u.category == l.category)
            .map(|u| u.amount.round(RoundingMode::HalfEven))
            .transpose()?
            .unwrap_or(zero);
        if let Some(slot) = sub_left.get_mut(l.category.index()) {
            *slot = Some((left_of(&l.amount, Some(&used), zero)?, used));
        }
    }
    let pct = policy
        .coinsurance_percent
        .checked_div(Decimal::ONE_HUNDRED)
        .ok_or_else(|| Error::overflow("coinsurance"))?;
    let (mut ins_total, mut pat_total, mut ded_total, mut coins_total, mut total) =
        (zero, zero, zero, zero, zero);
    let (mut excess_total, mut copay_total, mut shared_total) = (zero, zero, zero);
    let (mut oop_hit, mut limit_hit) = (false, false);
    let mut sub_hit = vec![false; n];
    let mut lines = Vec::with_capacity(estimate.lines.len());
    let covered = category_mask(&policy.covered_categories);
    let excluded = category_mask(&policy.excluded_categories);
    for line in &estimate.lines {
        let a = line.amount.round(RoundingMode::HalfEven)?;
        let k = line.category.index();
        let mut status = policy.status_for(line.category, covered, excluded);
        let (mut excess, mut deductible, mut copay, mut coinsurance, mut insurer) =
            (zero, zero, zero, zero, zero);
        if status == CoverageStatus::Covered && !a.is_negative() {
            excess = take(&mut excess_left, a)?;
            let rest = a.sub(&excess)?;
            if let Some(per_visit) = copay_of.get(k).copied().flatten() {
                let visits = line.quantity.max(Decimal::ZERO).ceil();
                copay = per_visit.mul(visits)?.min(&rest)?;
            } else {
                deductible = take(&mut ded_left, rest)?;
                coinsurance = rest
                    .sub(&deductible)?
                    .mul(pct)?
                    .round(RoundingMode::HalfEven)?;
            }
            if let Some(left) = oop_left.as_mut() {
                let share = excess.add(&deductible)?.add(&copay)?.add(&coinsurance)?;
                let mut capped = take(left, share)?;
                if capped.compare(&share)? == Ordering::Less {
                    oop_hit = true;
                }
                // The cap keeps the parts in the order they were charged.
                excess = take(&mut capped, excess)?;
                deductible = take(&mut capped, deductible)?;
                copay = take(&mut capped, copay)?;
                coinsurance = take(&mut capped, coinsurance)?;
            }
            let share = excess.add(&deductible)?.add(&copay)?.add(&coinsurance)?;
            shared_total = shared_total.add(&share)?;
            let owed = a.sub(&share)?;
            insurer = owed;
            if let Some((left, _)) = sub_left.get(k).copied().flatten() {
                if left.compare(&insurer)? == Ordering::Less {
                    insurer = left;
                    if let Some(h) = sub_hit.get_mut(k) {
                        *h = true;
                    }
                }
            }
            if let Some(left) = limit_left {
                if left.compare(&insurer)? == Ordering::Less {
                    insurer = left;
                    limit_hit = true;
                }
            }
            if insurer.compare(&owed)? == Ordering::Less {
                status = CoverageStatus::LimitReached;
            }
            if let Some(Some((left, _))) = sub_left.get_mut(k) {
                *left = left.sub(&insurer)?;
            }
            if let Some(left) = limit_left.as_mut() {
                *left = left.sub(&insurer)?;
            }
        }
        let patient = a.sub(&insurer)?;
        total = total.add(&a)?;
        ins_total = ins_total.add(&insurer)?;
        pat_total = pat_total.add(&patient)?;
        ded_total = ded_total.add(&deductible)?;
        coins_total = coins_total.add(&coinsurance)?;
        excess_total = excess_total.add(&excess)?;
        copay_total = copay_total.add(&copay)?;
        lines.push(AdjudicatedLine {
            category: line.category,
            description: line.description.clone(),
            total: a,
            insurer,
            patient,
            deductible,
            coinsurance,
            excess,
            copay,
            status,
        });
    }
    let sub_limits_reached: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| sub_hit.get(c.index()).copied().unwrap_or(false))
        .collect();
    let after = YearToDate {
        deductible_met: Some(
            policy
                .deductible
                .round(RoundingMode::HalfEven)?
                .sub(&ded_left)?,
        ),
        out_of_pocket_spent: Some(oop_spent.add(&shared_total)?),
        annual_limit_used: Some(limit_used.add(&ins_total)?),
        sub_limits_used: policy
            .sub_limits
            .iter()
            .map(|l| {
                let (left, used) = sub_left
                    .get(l.category.index())
                    .copied()
                    .flatten()
                    .unwrap_or((zero, zero));
                let start = left_of(&l.amount, Some(&used), zero)?;
                Ok(CategoryAmount {
                    category: l.category,
                    amount: used.add(&start.sub(&left)?)?,
                })
            })
            .collect::<Result<_>>()?,
    };
    let notes = notes(
        policy,
        ytd,
        oop_hit,
        limit_hit,
        &sub_limits_reached,
        &excess_total,
    );
    Ok(Adjudication {
        policy_id: policy.id.clone(),
        currency: cur,
        lines,
        total,
        insurer_total: ins_total,
        patient_total: pat_total,
        deductible_applied: ded_total,
        coinsurance_applied: coins_total,
        excess_applied: excess_total,
        copays_applied: copay_total,
        out_of_pocket_max_reached: oop_hit,
        annual_limit_reached: limit_hit,
        sub_limits_reached,
        pre_authorization_required: policy.pre_authorization_required,
        year_to_date: after,
        notes,
    })
}

/// Sentences for the patient about the conditions the adjudication met.
fn notes(
    policy: &InsurancePolicy,
    ytd: &YearToDate,
    oop_hit: bool,
    limit_hit: bool,
    sub_limits_reached: &[Category],
    excess: &Money,
) -> Vec<String> {
    let mut notes = Vec::new();
    if !policy.covers_treatment_abroad {
        notes.push(
            "This policy does not cover treatment abroad: the patient pays every line.".to_string(),
        );
    }
    if policy.pre_authorization_required && policy.covers_treatment_abroad {
        notes.push("The insurer must approve the treatment before it happens; without pre-authorization it pays nothing.".to_string());
    }
    if *ytd != YearToDate::default() {
        notes.push("The shares start from the policy year to date: deductible already met, out-of-pocket already spent and limits already used count.".to_string());
    }
    if !excess.is_zero() {
        notes.push(format!(
            "The patient pays the policy's excess of {excess} on this claim first."
        ));
    }
    if oop_hit {
        if let Some(m) = &policy.out_of_pocket_max {
            notes.push(format!(
                "The out-of-pocket maximum of {m} is reached: the insurer pays the rest of the covered costs."
            ));
        }
    }
    for cat in sub_limits_reached {
        if let Some(l) = policy.sub_limits.iter().find(|l| l.category == *cat) {
            notes.push(format!(
                "The {cat} sub-limit of {} is reached: the patient pays the {cat} costs beyond it.",
                l.amount
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
    notes
}
