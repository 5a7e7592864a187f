//! Payment plans: a deposit and equal installments that add up to the total exactly.

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dates::{check_date, is_supported_year};
use crate::error::{Error, Result};
use crate::limits::MAX_INSTALLMENTS;
use crate::money::{decimal_text, Currency, Money, RoundingMode};
use crate::named::named_enum;

/// A deposit as a percent of the total or a fixed amount.
///
/// JSON: `{"percent": "20"}` or `{"fixed": {"amount": "500.00", "currency": "GBP"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "snake_case")]
pub enum Deposit {
    /// Percent of the total, 0 to 100; the amount is rounded half-even to minor units.
    Percent(
        #[serde(with = "decimal_text")]
        #[cfg_attr(feature = "typescript", tsify(type = "string"))]
        Decimal,
    ),
    /// A fixed amount in the plan's currency.
    Fixed(Money),
}

impl Deposit {
    pub(crate) fn validate(&self, currency: Currency) -> Result<()> {
        match self {
            Deposit::Percent(p) => {
                if *p < Decimal::ZERO || *p > Decimal::ONE_HUNDRED {
                    return Err(Error::InvalidPaymentPlan {
                        reason: format!("deposit percent {p} is outside 0 to 100"),
                    });
                }
            }
            Deposit::Fixed(m) => {
                if m.currency() != currency {
                    return Err(Error::CurrencyMismatch {
                        operation: "deposit".into(),
                        left: currency.code().into(),
                        right: m.currency().code().into(),
                    });
                }
                if m.is_negative() {
                    return Err(Error::InvalidPaymentPlan {
                        reason: format!("deposit {m} is negative"),
                    });
                }
            }
        }
        Ok(())
    }

    /// The deposit's amount on `total`, rounded half-even to minor units.
    pub fn amount_on(&self, total: &Money) -> Result<Money> {
        self.validate(total.currency())?;
        match self {
            Deposit::Percent(p) => {
                let share = total
                    .amount()
                    .checked_mul(*p)
                    .and_then(|a| a.checked_div(Decimal::ONE_HUNDRED))
                    .ok_or_else(|| Error::overflow("deposit"))?;
                Money::new(share, total.currency()).round(RoundingMode::HalfEven)
            }
            Deposit::Fixed(m) => Ok(*m),
        }
    }
}

/// The gap between installments.
///
/// JSON: `{"days": 14}` or `{"months": 1}`. Months keep the day of the month, or the
/// month's last day when it is shorter (31 January + 1 month = 28 or 29 February).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    /// A number of days.
    Days(u32),
    /// A number of calendar months.
    Months(u32),
}

impl Interval {
    fn after(self, start: NaiveDate, times: u32) -> Option<NaiveDate> {
        match self {
            Interval::Days(d) => start.checked_add_days(Days::new(u64::from(d) * u64::from(times))),
            Interval::Months(m) => start.checked_add_months(Months::new(m.checked_mul(times)?)),
        }
    }
}

/// A deposit and `installments` payments at `interval` from `start`.
///
/// JSON: `{"total": {"amount": "9000.00", "currency": "GBP"}, "deposit": {"percent": "20"},
/// "installments": 3, "interval": {"months": 1}, "start": "2026-11-23"}`; `deposit` may be
/// left out. The deposit is due on `start`; installment *k* (1-based) is due *k* intervals
/// after `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct PaymentPlan {
    /// What the plan pays off, in whole minor units.
    pub total: Money,
    /// Paid on `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deposit: Option<Deposit>,
    /// How many installments pay the rest (1 to 1200).
    pub installments: u32,
    /// The gap between installments.
    pub interval: Interval,
    /// The booking day: the deposit's due date.
    #[serde(with = "crate::dates::date")]
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub start: NaiveDate,
}

named_enum! {
    /// Deposit or installment.
    pub enum PaymentKind in "payment_kind" {
        /// The up-front payment.
        Deposit => "deposit",
        /// One of the equal payments after it.
        Installment => "installment",
    }
}

/// One dated payment of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    /// 1-based position in the schedule.
    pub number: u32,
    /// Deposit or installment.
    pub kind: PaymentKind,
    /// When it is due.
    #[cfg_attr(feature = "typescript", tsify(type = "string"))]
    pub due: NaiveDate,
    /// How much, in whole minor units.
    pub amount: Money,
}

/// A plan's dated payments; their amounts sum exactly to `total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct Schedule {
    /// The plan's total.
    pub total: Money,
    /// The deposit (zero when the plan has none).
    pub deposit: Money,
    /// The payments in due order.
    pub payments: Vec<Payment>,
}

impl PaymentPlan {
    /// A plan; nothing is checked until [`PaymentPlan::schedule`].
    pub fn new(
        total: Money,
        deposit: Option<Deposit>,
        installments: u32,
        interval: Interval,
        start: NaiveDate,
    ) -> Self {
        PaymentPlan {
            total,
            deposit,
            installments,
            interval,
            start,
        }
    }

    /// Reads the JSON shape above.
    pub fn from_json(text: &str) -> Result<PaymentPlan> {
        crate::json::from_str(text).map_err(|e| Error::json("payment plan", &e))
    }

    /// The dated payments. The rest after the deposit is split by largest remainder, so
    /// earlier installments carry the odd minor units and the sum is exact.
    ///
    /// Errors (`invalid_payment_plan`): no installments, a negative total or one with
    /// digits below the minor unit, a deposit above the total or a percent outside 0–100,
    /// a zero-length interval with more than one installment, a due date after
    /// 9999-12-31 (the last supported date). More than 1200 installments is `too_large`;
    /// a start outside years 1–9999 is `invalid_input`.
    pub fn schedule(&self) -> Result<Schedule> {
        let bad = |reason: String| Error::InvalidPaymentPlan { reason };
        if self.installments == 0 {
            return Err(bad("installments is 0: at least one is needed".into()));
        }
        if self.installments > MAX_INSTALLMENTS {
            return Err(Error::TooLarge {
                what: format!("a payment plan of {} installments", self.installments),
                limit: u64::from(MAX_INSTALLMENTS),
            });
        }
        check_date("plan.start", self.start)?;
        if self.total.is_negative() {
            return Err(bad(format!("total {} is negative", self.total)));
        }
        if self.total.currency().minor_units().is_none() {
            return Err(Error::NoMinorUnits {
                code: self.total.currency().code().into(),
                operation: "payment plan".into(),
            });
        }
        if !self.total.is_rounded() {
            return Err(bad(format!(
                "total {} has digits below the minor unit; round it first",
                self.total.amount()
            )));
        }
        let zero_gap = matches!(self.interval, Interval::Days(0) | Interval::Months(0));
        if zero_gap && self.installments > 1 {
            return Err(bad(
                "interval is zero but there are several installments".into()
            ));
        }
        if let Some(Deposit::Fixed(m)) = &self.deposit {
            if !m.is_rounded() {
                return Err(bad(format!(
                    "deposit {} has digits below the minor unit",
                    m.amount()
                )));
            }
        }
        let total = self.total.round(RoundingMode::HalfEven)?;
        let deposit = match &self.deposit {
            Some(d) => d.amount_on(&total)?.round(RoundingMode::HalfEven)?,
            None => Money::zero(total.currency()).round(RoundingMode::HalfEven)?,
        };
        if deposit.compare(&total)? == std::cmp::Ordering::Greater {
            return Err(bad(format!("deposit {deposit} is above the total {total}")));
        }
        let rest = total.sub(&deposit)?;
        let parts = rest.split(self.installments as usize)?;
        let mut payments = Vec::with_capacity(parts.len() + 1);
        if self.deposit.is_some() {
            payments.push(Payment {
                number: 1,
                kind: PaymentKind::Deposit,
                due: self.start,
                amount: deposit,
            });
        }
        for (k, amount) in (1u32..).zip(parts) {
            let due = self
                .interval
                .after(self.start, k)
                .filter(|d| is_supported_year(d.year()))
                .ok_or_else(|| {
                    bad(format!(
                        "installment {k} falls due after 9999-12-31, the last supported date"
                    ))
                })?;
            payments.push(Payment {
                number: u32::try_from(payments.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1),
                kind: PaymentKind::Installment,
                due,
                amount,
            });
        }
        Ok(Schedule {
            total,
            deposit,
            payments,
        })
    }
}
