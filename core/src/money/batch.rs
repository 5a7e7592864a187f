//! The batch path: many amounts converted to one currency with each rate looked up once
//! per source currency, on exact integers where that provably gives the decimal answer.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::currency::Currency;
use super::fx::{check_age, ConvertOptions, FxTable, Rate};
use super::value::{Money, RoundingMode};
use crate::error::{Error, Result};

impl FxTable {
    /// The batch from columns, as numpy and typed arrays hold it: row `i` is `minor[i]`
    /// minor units of `currencies[currency_index[i]]`. Converts every row to `to` (each
    /// rounded once) and sums them, like [`FxTable::convert_sum`]. The two columns must
    /// have one length and every index must name a currency.
    pub fn convert_sum_minor(
        &self,
        minor: &[i64],
        currency_index: &[u8],
        currencies: &[Currency],
        to: Currency,
        rounding: RoundingMode,
    ) -> Result<Money> {
        if minor.len() != currency_index.len() {
            return Err(Error::invalid(
                "currency_index",
                format!(
                    "has {} rows but minor has {}",
                    currency_index.len(),
                    minor.len()
                ),
            ));
        }
        let items = minor
            .iter()
            .zip(currency_index)
            .map(|(&m, &i)| {
                let currency = currencies.get(usize::from(i)).copied().ok_or_else(|| {
                    Error::invalid(
                        "currency_index",
                        format!("{i} is out of range for {} currencies", currencies.len()),
                    )
                })?;
                Money::from_minor(i128::from(m), currency)
            })
            .collect::<Result<Vec<_>>>()?;
        self.convert_sum(&items, to, rounding)
    }

    /// Converts many amounts to one currency and sums them, rounding each conversion.
    /// Rates are looked up once per source currency, so this is the batch entry point.
    pub fn convert_sum(
        &self,
        items: &[Money],
        to: Currency,
        rounding: RoundingMode,
    ) -> Result<Money> {
        let mu = to.minor_units_for("convert_sum")?;
        let strategy = rounding.strategy();
        if let Some(total) = FastBatch::run(self, items, to, mu, rounding, None, false) {
            return Money::new(total.total, to).round(rounding);
        }
        let mut legs = LegCache::new(self, to);
        let mut total = Decimal::ZERO;
        for m in items {
            let rounded = legs
                .apply(m, "convert_sum")?
                .round_dp_with_strategy(mu, strategy);
            total = total
                .checked_add(rounded)
                .ok_or_else(|| Error::overflow("convert_sum"))?;
        }
        Money::new(total, to).round(rounding)
    }

    /// Converts many amounts to one currency, each rounded once like [`FxTable::convert_with`],
    /// and sums the rounded amounts, so the parts always add up to the total shown.
    ///
    /// Staleness is judged once per source currency; `rates_used` lists each quoted rate
    /// once, in the order first used. This is the batch path cost estimates go through.
    pub fn convert_each(
        &self,
        items: &[Money],
        to: Currency,
        options: &ConvertOptions,
    ) -> Result<BatchConversion> {
        let mu = to.minor_units_for("convert_each")?;
        let strategy = options.rounding.strategy();
        if let Some(batch) =
            FastBatch::run(self, items, to, mu, options.rounding, Some(*options), true)
        {
            return Ok(BatchConversion {
                amounts: batch.amounts,
                total: Money::new(batch.total, to).round(options.rounding)?,
                rates_used: batch.rates_used,
                stale: batch.stale,
            });
        }
        let mut legs = LegCache::new(self, to);
        legs.check = Some(*options);
        let mut amounts = Vec::with_capacity(items.len());
        let mut total = Decimal::ZERO;
        for m in items {
            let mut a = legs
                .apply(m, "convert_each")?
                .round_dp_with_strategy(mu, strategy);
            if a.scale() < mu {
                a.rescale(mu);
            }
            total = total
                .checked_add(a)
                .ok_or_else(|| Error::overflow("convert_each"))?;
            amounts.push(Money::new(a, to));
        }
        let mut total = Money::new(total, to);
        total = total.round(options.rounding)?;
        Ok(BatchConversion {
            amounts,
            total,
            rates_used: legs.used.into_iter().cloned().collect(),
            stale: legs.stale,
        })
    }
}

/// Many amounts converted to one currency by [`FxTable::convert_each`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "typescript",
    derive(tsify::Tsify),
    tsify(missing_as_null, hashmap_as_object)
)]
#[serde(rename_all = "camelCase")]
pub struct BatchConversion {
    /// Each input converted and rounded, in input order.
    pub amounts: Vec<Money>,
    /// The sum of `amounts`, exactly.
    pub total: Money,
    /// Every quoted rate used, once each.
    pub rates_used: Vec<Rate>,
    /// True when a rate was older than allowed and the policy was to flag it.
    pub stale: bool,
}

/// Up to two (rate, inverted) legs; the count in use is kept beside them.
type Legs = [(Decimal, bool); 2];

/// Conversion legs per source currency, found once: a handful of currencies serve
/// millions of rows, so a short vector beats a map and the last hit is tried first.
struct LegCache<'a> {
    fx: &'a FxTable,
    to: Currency,
    entries: Vec<(Currency, Legs, usize)>,
    /// Per entry: the exact integer form of its legs, when [`Ratio::of`] vouches for it.
    ratios: Vec<Option<Ratio>>,
    last: usize,
    check: Option<ConvertOptions>,
    used: Vec<&'a Rate>,
    stale: bool,
}

impl<'a> LegCache<'a> {
    fn new(fx: &'a FxTable, to: Currency) -> Self {
        LegCache {
            fx,
            to,
            entries: Vec::new(),
            ratios: Vec::new(),
            last: usize::MAX,
            check: None,
            used: Vec::new(),
            stale: false,
        }
    }

    fn find(&mut self, from: Currency) -> Result<usize> {
        if let Some((c, _, _)) = self.entries.get(self.last) {
            if *c == from {
                return Ok(self.last);
            }
        }
        if let Some(i) = self.entries.iter().position(|(c, _, _)| *c == from) {
            self.last = i;
            return Ok(i);
        }
        let path = self.fx.path(from, self.to)?;
        if let Some(opts) = self.check {
            self.stale |= check_age(&path, &opts)?;
        }
        let mut legs = [(Decimal::ONE, false); 2];
        for (slot, (r, inv)) in legs.iter_mut().zip(&path) {
            *slot = (r.rate, *inv);
            if !self.used.iter().any(|u| std::ptr::eq(*u, *r)) {
                self.used.push(r);
            }
        }
        self.ratios
            .push(Ratio::of(&legs[..path.len().min(2)], self.to));
        self.entries.push((from, legs, path.len()));
        self.last = self.entries.len() - 1;
        Ok(self.last)
    }

    /// The exact (unrounded) amount in the target currency.
    fn apply(&mut self, m: &Money, operation: &str) -> Result<Decimal> {
        if m.currency() == self.to {
            return Ok(m.amount());
        }
        let i = self.find(m.currency())?;
        let (_, legs, n) = self.entries.get(i).ok_or_else(|| Error::NoRate {
            from: m.currency().code().into(),
            to: self.to.code().into(),
        })?;
        let mut a = m.amount();
        for &(rate, inv) in legs.iter().take(*n) {
            a = if inv {
                a.checked_div(rate)
            } else {
                a.checked_mul(rate)
            }
            .ok_or_else(|| Error::overflow(operation))?;
        }
        Ok(a)
    }
}

/// 10^k for k = 0..=38 (every power that fits in a `u128`).
const POW10: [u128; 39] = {
    let mut t = [1u128; 39];
    let mut k = 1;
    while k < 39 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// A conversion as one exact fraction: `amount · 10^mu` in the target's minor units is
/// `mantissa · num / (den · 10^scale)` for an amount `mantissa · 10^−scale`.
///
/// Only built when every rate lies in [1e−9, 1e9] and the target has at most 4 minor
/// units. Then, for amounts below 1e15:
/// - a path without division (the same currency, or multiplying legs only) is exact in
///   decimals too as long as the product's mantissa fits 96 bits at a scale ≤ 28, so the
///   integer rounding is the decimal rounding, ties included;
/// - otherwise the decimal path (each step rounded to 28–29 significant digits or to scale
///   28) lands within 1e−6 of a minor unit of the exact value, so both round alike unless
///   the exact value is within 1e−6 of a minor unit of a rounding boundary (a whole minor
///   unit or a midpoint). [`Ratio::round`] declines those rows; the caller then takes the
///   decimal path for them.
#[derive(Debug, Clone, Copy)]
struct Ratio {
    num: u128,
    den: u128,
    /// `10^(15 + mu)`: amounts at or above 1e15 are declined.
    limit: u128,
    /// For paths without division: the product of the rates' mantissas and of their scales.
    exact: Option<(u128, u32)>,
}

impl Ratio {
    fn of(legs: &[(Decimal, bool)], to: Currency) -> Option<Ratio> {
        let mu = to.minor_units()?;
        if mu > 4 {
            return None;
        }
        let (lo, hi) = (Decimal::new(1, 9), Decimal::new(1_000_000_000, 0));
        let mut num = *POW10.get(mu as usize)?;
        let mut den = 1u128;
        let mut exact = Some((1u128, 0u32));
        for &(rate, inverted) in legs {
            if rate < lo || rate > hi {
                return None;
            }
            let m = u128::try_from(rate.mantissa()).ok()?;
            let p = *POW10.get(rate.scale() as usize)?;
            let (n, d) = if inverted { (p, m) } else { (m, p) };
            num = num.checked_mul(n)?;
            den = den.checked_mul(d)?;
            exact = match exact {
                Some((mant, scale)) if !inverted => {
                    mant.checked_mul(m).map(|mant| (mant, scale + rate.scale()))
                }
                _ => None,
            };
        }
        Some(Ratio {
            num,
            den,
            limit: *POW10.get(15 + mu as usize)?,
            exact,
        })
    }

    /// The amount converted and rounded, in the target's minor units, or `None` when the
    /// exact integer path cannot vouch for matching the decimal path on this amount.
    fn round(&self, amount: Decimal, mode: RoundingMode) -> Option<i128> {
        const MARGIN: u128 = 1_000_000;
        let mantissa = amount.mantissa();
        let negative = mantissa < 0;
        let n = mantissa.unsigned_abs().checked_mul(self.num)?;
        let d = self.den.checked_mul(*POW10.get(amount.scale() as usize)?)?;
        let (q, r) = if let (Ok(n64), Ok(d64)) = (u64::try_from(n), u64::try_from(d)) {
            (u128::from(n64 / d64), u128::from(n64 % d64))
        } else {
            (n / d, n % d)
        };
        if q >= self.limit {
            return None;
        }
        let twice = r.checked_mul(2)?;
        let exact = self.exact.is_some_and(|(mant, scale)| {
            amount.scale() + scale <= 28
                && mantissa
                    .unsigned_abs()
                    .checked_mul(mant)
                    .is_some_and(|m| m < 1 << 96)
        });
        if !exact
            && (r.checked_mul(MARGIN)? <= d
                || (d - r).checked_mul(MARGIN)? <= d
                || twice.abs_diff(d).checked_mul(MARGIN)? <= d.checked_mul(2)?)
        {
            // Too close to a rounding boundary for the error bound: let decimals decide.
            return None;
        }
        let tie_away = match mode {
            RoundingMode::HalfEven => q % 2 == 1,
            RoundingMode::HalfUp => true,
            _ => false,
        };
        let away = r != 0
            && match mode {
                RoundingMode::HalfEven | RoundingMode::HalfUp | RoundingMode::HalfDown => {
                    twice > d || (twice == d && tie_away)
                }
                RoundingMode::Up => true,
                RoundingMode::Down => false,
                RoundingMode::Ceiling => !negative,
                RoundingMode::Floor => negative,
            };
        let magnitude = i128::try_from(q + u128::from(away)).ok()?;
        Some(if negative { -magnitude } else { magnitude })
    }
}

/// The result of [`FastBatch::run`].
struct FastBatch {
    amounts: Vec<Money>,
    total: Decimal,
    rates_used: Vec<Rate>,
    stale: bool,
}

impl FastBatch {
    /// Converts, rounds and sums on integers where [`Ratio`] vouches for the result and on
    /// decimals elsewhere. `None` whenever the answer might differ in any way (value,
    /// scale, sign of zero, error) from the plain decimal loop, which then runs instead:
    /// on any error, when the total is zero, or when the sum of magnitudes could make a
    /// decimal partial sum round (at or above 1e27 minor units).
    fn run(
        fx: &FxTable,
        items: &[Money],
        to: Currency,
        mu: u32,
        rounding: RoundingMode,
        check: Option<ConvertOptions>,
        keep_amounts: bool,
    ) -> Option<FastBatch> {
        let strategy = rounding.strategy();
        let same = Ratio::of(&[], to);
        let mut legs = LegCache::new(fx, to);
        legs.check = check;
        let mut amounts = Vec::with_capacity(if keep_amounts { items.len() } else { 0 });
        let (mut fast_sum, mut fast_abs) = (0i128, 0u128);
        let (mut slow_sum, mut slow_abs) = (Decimal::ZERO, Decimal::ZERO);
        // Entry of each source currency in `legs`, by the currency's enum index: one load
        // per row instead of a scan (`find` still runs once per currency, in row order).
        let mut slots = [usize::MAX; 256];
        for m in items {
            let ratio = if m.currency() == to {
                same
            } else {
                let key = m.currency().index();
                let i = match slots.get(key) {
                    Some(&i) if i != usize::MAX => i,
                    _ => {
                        let i = legs.find(m.currency()).ok()?;
                        if let Some(slot) = slots.get_mut(key) {
                            *slot = i;
                        }
                        i
                    }
                };
                legs.ratios.get(i).copied().flatten()
            };
            if let Some(units) = ratio.and_then(|r| r.round(m.amount(), rounding)) {
                fast_sum = fast_sum.checked_add(units)?;
                fast_abs = fast_abs.checked_add(units.unsigned_abs())?;
                if keep_amounts {
                    let a = Decimal::try_from_i128_with_scale(units, mu).ok()?;
                    amounts.push(Money::new(a, to));
                }
            } else {
                let mut a = legs
                    .apply(m, "convert")
                    .ok()?
                    .round_dp_with_strategy(mu, strategy);
                if a.scale() < mu {
                    a.rescale(mu);
                }
                slow_sum = slow_sum.checked_add(a)?;
                slow_abs = slow_abs.checked_add(a.abs())?;
                if keep_amounts {
                    amounts.push(Money::new(a, to));
                }
            }
        }
        let scale_up = Decimal::from(u64::try_from(*POW10.get(mu as usize)?).ok()?);
        let slow_units = slow_abs.checked_mul(scale_up)?.trunc().to_u128()?;
        if fast_abs.checked_add(slow_units)? >= POW10[27] {
            return None;
        }
        let total = Decimal::try_from_i128_with_scale(fast_sum, mu)
            .ok()?
            .checked_add(slow_sum)?;
        if total.is_zero() {
            return None;
        }
        Some(FastBatch {
            amounts,
            total,
            rates_used: legs.used.into_iter().cloned().collect(),
            stale: legs.stale,
        })
    }
}
