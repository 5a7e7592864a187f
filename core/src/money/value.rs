//! Exact money: an amount in one currency, checked arithmetic, explicit rounding and
//! allocation in whole minor units.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::amount::{decimal_text, parse_amount};
use super::currency::Currency;
use crate::error::{Error, Result};
use crate::limits::MAX_PARTS;
use crate::named::named_enum;

named_enum! {
    /// How an amount is rounded to a currency's minor units; `half_even` unless said otherwise.
    #[derive(Default)]
    pub enum RoundingMode in "rounding" {
        /// Ties to the even neighbour (banker's rounding).
        #[default]
        HalfEven => "half_even",
        /// Ties away from zero.
        HalfUp => "half_up",
        /// Ties toward zero.
        HalfDown => "half_down",
        /// Always away from zero.
        Up => "up",
        /// Always toward zero (truncate).
        Down => "down",
        /// Toward positive infinity.
        Ceiling => "ceiling",
        /// Toward negative infinity.
        Floor => "floor",
    }
}

impl RoundingMode {
    pub(crate) fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
        }
    }
}

/// An exact amount in one currency. Arithmetic is checked; rounding is explicit.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Money from an exact amount and a currency; no rounding happens here.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Money { amount, currency }
    }

    /// Zero in the given currency.
    pub fn zero(currency: Currency) -> Self {
        Money::new(Decimal::ZERO, currency)
    }

    /// Money from an amount text and a currency code, e.g. `("1234.50", "EUR")`.
    pub fn from_parts(amount: &str, currency: &str) -> Result<Self> {
        Ok(Money::new(
            parse_amount(amount, "amount")?,
            Currency::from_code(currency)?,
        ))
    }

    /// Parses `"1234.5 EUR"` (or `"EUR 1234.5"`).
    pub fn parse(text: &str) -> Result<Self> {
        let mut parts = text.split_whitespace();
        let (a, b) = match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), None) => (a, b),
            _ => {
                return Err(Error::InvalidAmount {
                    field: "money".into(),
                    value: text.chars().take(60).collect(),
                    reason: "expected \"<amount> <currency>\", e.g. \"1234.50 EUR\"".into(),
                })
            }
        };
        let a_is_code = a.len() == 3 && a.bytes().all(|c| c.is_ascii_alphabetic());
        let (amount, code) = if a_is_code { (b, a) } else { (a, b) };
        Ok(Money::new(
            parse_amount(amount, "money")?,
            Currency::from_code_in(code, "money")?,
        ))
    }

    /// Money from a count of minor units: `from_minor(12345, EUR)` is 123.45 EUR.
    pub fn from_minor(units: i128, currency: Currency) -> Result<Self> {
        let mu = currency.minor_units_for("from_minor")?;
        let amount = Decimal::try_from_i128_with_scale(units, mu)
            .map_err(|_| Error::overflow("from_minor"))?;
        Ok(Money::new(amount, currency))
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// True when the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    fn same_currency(&self, other: &Money, operation: &str) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                operation: operation.into(),
                left: self.currency.code().into(),
                right: other.currency.code().into(),
            })
        }
    }

    /// `self + other`, exactly; different currencies are a `currency_mismatch` error, a
    /// sum that does not fit 28 digits exactly an `overflow` error.
    pub fn add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "add")?;
        let amount = exact_sum(self.amount, other.amount).ok_or_else(|| Error::overflow("add"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self - other`, exactly; errors as [`Money::add`].
    pub fn sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "sub")?;
        let amount = exact_sum(self.amount, -other.amount).ok_or_else(|| Error::overflow("sub"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount with its sign flipped.
    pub fn neg(&self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    /// The absolute value.
    pub fn abs(&self) -> Money {
        Money::new(self.amount.abs(), self.currency)
    }

    /// `self × factor`, exact (no rounding).
    pub fn mul(&self, factor: Decimal) -> Result<Money> {
        let amount = self
            .amount
            .checked_mul(factor)
            .ok_or_else(|| Error::overflow("mul"))?;
        Ok(Money::new(amount, self.currency))
    }

    /// Compares two amounts of the same currency.
    pub fn compare(&self, other: &Money) -> Result<Ordering> {
        self.same_currency(other, "compare")?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// The larger of two amounts of the same currency.
    pub fn max(&self, other: &Money) -> Result<Money> {
        Ok(if self.compare(other)? == Ordering::Less {
            *other
        } else {
            *self
        })
    }

    /// The smaller of two amounts of the same currency.
    pub fn min(&self, other: &Money) -> Result<Money> {
        Ok(if self.compare(other)? == Ordering::Greater {
            *other
        } else {
            *self
        })
    }

    /// Sums amounts that must all be in `currency` (an empty sum is zero).
    pub fn sum<'a>(
        items: impl IntoIterator<Item = &'a Money>,
        currency: Currency,
    ) -> Result<Money> {
        items
            .into_iter()
            .try_fold(Money::zero(currency), |acc, m| acc.add(m))
    }

    /// Rounds to the currency's ISO minor units with `mode`.
    pub fn round(&self, mode: RoundingMode) -> Result<Money> {
        let mu = self.currency.minor_units_for("round")?;
        Ok(Money::new(self.round_dp(mu, mode), self.currency))
    }

    /// Rounds to `dp` decimal places with `mode` (for display digits other than ISO's).
    pub fn round_dp(&self, dp: u32, mode: RoundingMode) -> Decimal {
        let mut d = self.amount.round_dp_with_strategy(dp, mode.strategy());
        // rust_decimal keeps a smaller scale when it can; money shows its minor units.
        if d.scale() < dp {
            d.rescale(dp);
        }
        d
    }

    /// True when the amount has no digits below the currency's minor unit.
    pub fn is_rounded(&self) -> bool {
        match self.currency.minor_units() {
            Some(mu) => self.amount.round_dp(mu) == self.amount,
            None => true,
        }
    }

    /// The amount as a whole number of minor units; an error if it has finer digits.
    pub fn to_minor(&self) -> Result<i128> {
        let mu = self.currency.minor_units_for("to_minor")?;
        if !self.is_rounded() {
            return Err(Error::InvalidAmount {
                field: "amount".into(),
                value: self.amount.to_string(),
                reason: format!(
                    "has digits below the {} minor unit; round it first",
                    self.currency
                ),
            });
        }
        let scaled = self
            .amount
            .checked_mul(Decimal::from(10u64.pow(mu)))
            .ok_or_else(|| Error::overflow("to_minor"))?;
        scaled
            .trunc()
            .to_i128()
            .ok_or_else(|| Error::overflow("to_minor"))
    }

    /// Splits the amount by `ratios` into parts in whole minor units that sum exactly to
    /// the original.
    ///
    /// Largest remainder (Hamilton): each part is the floor of its exact share; the units
    /// left over go one each to the largest fractional remainders, ties to the larger
    /// ratio, then to the earlier index. Dinero.js instead hands leftovers out in list
    /// order, so `allocate(2 units, [1, 1, 2])` is `[0, 0, 2]` there and `[1, 0, 1]` here.
    /// Negative amounts are split by magnitude and keep their sign. More than
    /// [`MAX_PARTS`] ratios is `too_large`.
    pub fn allocate(&self, ratios: &[Decimal]) -> Result<Vec<Money>> {
        let bad = |reason: &str| Error::InvalidRatios {
            value: format!("{ratios:?}").chars().take(120).collect(),
            reason: reason.into(),
        };
        if ratios.is_empty() {
            return Err(bad("no ratios given"));
        }
        if ratios.len() > MAX_PARTS {
            return Err(Error::too_large(
                format!("an allocation over {} ratios", ratios.len()),
                MAX_PARTS,
            ));
        }
        if ratios.iter().any(|r| r.is_sign_negative() && !r.is_zero()) {
            return Err(bad("a ratio is negative"));
        }
        if ratios.iter().all(|r| r.is_zero()) {
            return Err(bad("all ratios are zero"));
        }
        let units = self.to_minor()?;
        let negative = units < 0;
        let total_units = units
            .checked_abs()
            .ok_or_else(|| Error::overflow("allocate"))?;

        // Scale ratios to integers so shares and remainders are exact.
        let scale = ratios.iter().map(|r| r.scale()).max().unwrap_or(0);
        let mut ints = Vec::with_capacity(ratios.len());
        for r in ratios {
            let factor = 10i128
                .checked_pow(scale - r.scale())
                .ok_or_else(|| Error::overflow("allocate"))?;
            ints.push(
                r.mantissa()
                    .checked_mul(factor)
                    .ok_or_else(|| Error::overflow("allocate"))?,
            );
        }
        let sum = ints
            .iter()
            .try_fold(0i128, |a, &b| a.checked_add(b))
            .ok_or_else(|| Error::overflow("allocate"))?;

        let mut parts = Vec::with_capacity(ints.len());
        let mut remainders = Vec::with_capacity(ints.len());
        let mut given = 0i128;
        for (i, &r) in ints.iter().enumerate() {
            let product = total_units
                .checked_mul(r)
                .ok_or_else(|| Error::overflow("allocate"))?;
            let share = product / sum;
            parts.push(share);
            remainders.push((product % sum, r, i));
            given += share;
        }
        let mut leftover = total_units - given;
        crate::order::sort_by(&mut remainders, |a, b| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        });
        for &(_, _, i) in &remainders {
            if leftover == 0 {
                break;
            }
            if let Some(p) = parts.get_mut(i) {
                *p += 1;
                leftover -= 1;
            }
        }
        parts
            .into_iter()
            .map(|p| Money::from_minor(if negative { -p } else { p }, self.currency))
            .collect()
    }

    /// Splits the amount into `n` parts as equal as minor units allow (see [`Money::allocate`]);
    /// more than [`MAX_PARTS`] parts is `too_large`.
    pub fn split(&self, n: usize) -> Result<Vec<Money>> {
        if n == 0 {
            return Err(Error::InvalidRatios {
                value: "0".into(),
                reason: "cannot split into zero parts".into(),
            });
        }
        if n > MAX_PARTS {
            return Err(Error::too_large(
                format!("a split into {n} parts"),
                MAX_PARTS,
            ));
        }
        self.allocate(&vec![Decimal::ONE; n])
    }

    /// The amount as text with at least the currency's minor units, e.g. `"1234.50"`.
    pub fn amount_string(&self) -> String {
        let mut d = self.amount;
        if let Some(mu) = self.currency.minor_units() {
            if d.scale() < mu {
                d.rescale(mu);
            }
        }
        d.to_string()
    }

    /// The JSON shape `{"amount": "1234.50", "currency": "EUR"}` as text.
    pub fn to_json(&self) -> String {
        serde_json::json!({"amount": self.amount_string(), "currency": self.currency.code()})
            .to_string()
    }

    /// Reads the JSON shape `{"amount": "1234.50", "currency": "EUR"}`.
    pub fn from_json(text: &str) -> Result<Money> {
        crate::json::from_str(text).map_err(|e| Error::json("money", &e))
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({} {})", self.amount, self.currency)
    }
}

/// `a + b` when the sum is exact. rust_decimal rounds a sum that needs more digits than
/// its 96-bit mantissa holds at the operands' scale (near 7.9·10²⁸ / 10^scale) instead of
/// failing: money must never change by a cent silently, so that rounding is an overflow.
pub(crate) fn exact_sum(a: Decimal, b: Decimal) -> Option<Decimal> {
    let r = a.checked_add(b)?;
    let s = a.scale().max(b.scale());
    if r.scale() >= s {
        return Some(r);
    }
    // Digits went: the sum dropped the last k decimals of the exact sum at scale s,
    // ma·10^(s−sa) + mb·10^(s−sb), and is exact when those were zeros, i.e. when that
    // sum is a multiple of 10^k. Only each mantissa's low digits matter, so every term
    // stays below 10^28 (checking r − b == a instead is fooled by a second rounding).
    let k = s - r.scale();
    let modulus = 10i128.checked_pow(k)?;
    let low = |d: Decimal| -> Option<i128> {
        let shift = s - d.scale();
        if shift >= k {
            return Some(0);
        }
        let digits = d
            .mantissa()
            .checked_rem_euclid(10i128.checked_pow(k - shift)?)?;
        digits.checked_mul(10i128.checked_pow(shift)?)
    };
    let dropped = low(a)?.checked_add(low(b)?)?.checked_rem_euclid(modulus)?;
    (dropped == 0).then_some(r)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_string(), self.currency)
    }
}

impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Money::parse(s)
    }
}

#[derive(Deserialize)]
struct MoneyRepr {
    #[serde(with = "decimal_text")]
    amount: Decimal,
    currency: Currency,
}

/// Money's JSON shape: the amount is a decimal string.
#[derive(Serialize)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify), tsify(rename = "Money"))]
struct MoneyOut {
    amount: String,
    currency: Currency,
}

impl Serialize for Money {
    /// Writes `{"amount": "1234.50", "currency": "EUR"}`: the amount shows at least the
    /// currency's minor units, and every finer digit it has.
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        MoneyOut {
            amount: self.amount_string(),
            currency: self.currency,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let r = MoneyRepr::deserialize(d)?;
        Ok(Money::new(r.amount, r.currency))
    }
}
