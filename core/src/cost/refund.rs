//! Refund windows on a deposit: what a cancellation on a given day gets back, and the
//! days on which that changes.
//!
//! A window `{"daysBefore": 30, "percent": "100"}` reads "cancel 30 or more days before
//! the procedure and get 100 % back". Days are calendar days from the cancellation date to
//! the procedure date (`procedure − cancelled`); the window with the most days that the
//! cancellation still reaches applies, and a cancellation later than every window gets
//! nothing. So `[{30, 100}, {14, 50}]` means a full refund until 30 days before, half
//! until 14 days before, none after; cancelling exactly 30 (or 14) days before is still
//! inside the better window.
//!
//! A deposit marked `refundable` without windows is refunded in full until the day before
//! the procedure; one not marked `refundable` is never refunded (and may not list windows).
//! Windows must give less, or the same, the later one cancels.
//!
//! Rounding: the refund is `paid × percent / 100`, computed exactly and rounded once,
//! half-even, to the currency's minor units; the amount kept is `paid − refund`, so the two
//! add up to what was paid to the cent.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::DepositTerms;
use crate::error::{Error, Result};
use crate::money::{decimal_text, Currency, Money, RoundingMode};

/// The most refund windows one deposit may list.
pub const MAX_REFUND_WINDOWS: usize = 64;
/// The most days before a procedure a window may start (ten years).
pub const MAX_REFUND_DAYS: u32 = 3650;

/// Cancelling at least `days_before` days before the procedure returns `percent` of what
/// was paid. JSON: `{"daysBefore": 30, "percent": "100"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct RefundWindow {
    /// Fewest calendar days between the cancellation and the procedure.
    pub days_before: u32,
    /// Share of the deposit returned, 0 to 100.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub percent: Decimal,
}

/// What a cancellation on one day gets back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    /// The day of the cancellation.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub cancelled_on: NaiveDate,
    /// Calendar days from the cancellation to the procedure (negative after it).
    pub days_before: i64,
    /// Share returned, 0 to 100.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub percent: Decimal,
    /// What is returned, rounded half-even to minor units.
    pub amount: Money,
    /// What the provider keeps: `paid − amount`.
    pub retained: Money,
    /// The window that applies; absent when nothing is returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<RefundWindow>,
    /// The first later day on which a cancellation gets less, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub changes_on: Option<NaiveDate>,
}

/// One stretch of days with the same refund: a cancellation from `from` to `until`
/// (inclusive; open-ended when absent) gets `amount` back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct RefundStep {
    /// First day of the stretch.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub from: NaiveDate,
    /// Last day of the stretch; absent for the last one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "typescript", tsify(type = "string | null"))]
    pub until: Option<NaiveDate>,
    /// Share returned, 0 to 100.
    #[serde(with = "decimal_text")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub percent: Decimal,
    /// What is returned on a cancellation in the stretch.
    pub amount: Money,
}

impl DepositTerms {
    /// Checks the deposit and its refund windows (`invalid_payment_plan` when they
    /// contradict each other); `currency` is the quote's.
    pub fn validate(&self, currency: Currency) -> Result<()> {
        self.deposit.validate(currency)?;
        self.validate_windows()
    }

    /// Checks the refund windows alone: a refund is worked out on what was paid, in
    /// whatever currency it was paid, so the deposit's own currency does not matter here.
    pub fn validate_windows(&self) -> Result<()> {
        let bad = |reason: String| Error::InvalidPaymentPlan { reason };
        if !self.refundable && !self.refund_windows.is_empty() {
            return Err(bad(
                "refundWindows are listed but the deposit is not refundable".into(),
            ));
        }
        if self.refund_windows.len() > MAX_REFUND_WINDOWS {
            return Err(bad(format!(
                "{} refund windows: at most {MAX_REFUND_WINDOWS}",
                self.refund_windows.len()
            )));
        }
        for (i, w) in self.refund_windows.iter().enumerate() {
            if w.days_before > MAX_REFUND_DAYS {
                return Err(bad(format!(
                    "refundWindows[{i}].daysBefore {} is above {MAX_REFUND_DAYS}",
                    w.days_before
                )));
            }
            if w.percent < Decimal::ZERO || w.percent > Decimal::ONE_HUNDRED {
                return Err(bad(format!(
                    "refundWindows[{i}].percent {} is outside 0 to 100",
                    w.percent
                )));
            }
        }
        let windows = self.windows();
        for pair in windows.windows(2) {
            if let [earlier, later] = pair {
                if earlier.days_before == later.days_before {
                    return Err(bad(format!(
                        "two refund windows start {} days before",
                        later.days_before
                    )));
                }
                if later.percent > earlier.percent {
                    return Err(bad(format!(
                        "cancelling {} days before returns {} %, more than the {} % of cancelling {} days before",
                        later.days_before, later.percent, earlier.percent, earlier.days_before
                    )));
                }
            }
        }
        Ok(())
    }

    /// The windows in force, most days first: the listed ones, or a full refund until the
    /// day before for a refundable deposit that lists none, or none at all.
    pub fn windows(&self) -> Vec<RefundWindow> {
        if !self.refundable {
            return Vec::new();
        }
        if self.refund_windows.is_empty() {
            return vec![RefundWindow {
                days_before: 1,
                percent: Decimal::ONE_HUNDRED,
            }];
        }
        let mut w = self.refund_windows.clone();
        crate::order::sort_by_key(&mut w, |w| std::cmp::Reverse(w.days_before));
        w
    }
}

/// The exact refund of `paid` (the deposit as paid, in any currency with minor units) when
/// the patient cancels on `cancelled_on` a procedure planned for `procedure_date`.
///
/// Errors: `invalid_payment_plan` for contradictory terms, `invalid_amount` for a negative
/// payment, `no_minor_units` for a currency without them, `overflow`.
pub fn refund_due(
    terms: &DepositTerms,
    paid: &Money,
    procedure_date: NaiveDate,
    cancelled_on: NaiveDate,
) -> Result<Refund> {
    check_paid(terms, paid)?;
    let windows = terms.windows();
    refund_on(&windows, paid, procedure_date, cancelled_on)
}

/// The stretches of days, from `from` on, each with the refund a cancellation in it gets:
/// the dates on which the refund changes are the `from` of every stretch after the first.
pub fn refund_steps(
    terms: &DepositTerms,
    paid: &Money,
    procedure_date: NaiveDate,
    from: NaiveDate,
) -> Result<Vec<RefundStep>> {
    check_paid(terms, paid)?;
    let windows = terms.windows();
    let mut starts = vec![from];
    for w in &windows {
        // The first day a window no longer reaches; before the calendar's start it never did.
        let Some(change) = first_day_after(procedure_date, w.days_before) else {
            continue;
        };
        if change > from {
            starts.push(change);
        }
    }
    crate::order::sort(&mut starts);
    starts.dedup();
    let mut steps: Vec<RefundStep> = Vec::with_capacity(starts.len());
    for &start in &starts {
        let r = refund_on(&windows, paid, procedure_date, start)?;
        if steps.last().is_some_and(|s| s.percent == r.percent) {
            continue;
        }
        if let Some(last) = steps.last_mut() {
            last.until = start.pred_opt();
        }
        steps.push(RefundStep {
            from: start,
            until: None,
            percent: r.percent,
            amount: r.amount,
        });
    }
    Ok(steps)
}

fn check_paid(terms: &DepositTerms, paid: &Money) -> Result<()> {
    terms.validate_windows()?;
    if paid.is_negative() {
        return Err(Error::InvalidAmount {
            field: "paid".into(),
            value: paid.amount().to_string(),
            reason: "a payment cannot be negative".into(),
        });
    }
    if paid.currency().minor_units().is_none() {
        return Err(Error::NoMinorUnits {
            code: paid.currency().code().into(),
            operation: "refund".into(),
        });
    }
    Ok(())
}

/// `procedure − days + 1`: the first day a window of `days` no longer reaches.
fn first_day_after(procedure: NaiveDate, days: u32) -> Option<NaiveDate> {
    procedure
        .checked_sub_days(Days::new(u64::from(days)))?
        .succ_opt()
}

fn refund_on(
    windows: &[RefundWindow],
    paid: &Money,
    procedure_date: NaiveDate,
    cancelled_on: NaiveDate,
) -> Result<Refund> {
    let days_before = (procedure_date - cancelled_on).num_days();
    let window = windows
        .iter()
        .find(|w| days_before >= i64::from(w.days_before))
        .copied();
    let percent = window.map_or(Decimal::ZERO, |w| w.percent);
    let amount = paid
        .amount()
        .checked_mul(percent)
        .and_then(|a| a.checked_div(Decimal::ONE_HUNDRED))
        .ok_or_else(|| Error::overflow("refund"))?;
    let amount = Money::new(amount, paid.currency()).round(RoundingMode::HalfEven)?;
    let retained = paid.sub(&amount)?;
    let changes_on = window.and_then(|w| first_day_after(procedure_date, w.days_before));
    Ok(Refund {
        cancelled_on,
        days_before,
        percent,
        amount,
        retained,
        window,
        changes_on,
    })
}
