//! The one conversion rule: an amount times a path's quoted rates as one exact fraction,
//! rounded once, to the target's minor units, with the caller's rounding mode.
//!
//! A path (one direct rate, one rate applied inverted, or two legs across the base) is
//! one fraction of target minor units per source unit:
//!
//! ```text
//! num / den = 10^mu · Π(forward rates) / Π(inverted rates)
//! ```
//!
//! each rate written as its integer mantissa over `10^scale`, the fraction reduced once
//! by its gcd. An amount `m · 10^−s` converts to `m · num / (den · 10^s)` minor units,
//! and only that quotient is rounded: nothing (no reciprocal, no intermediate leg) is
//! rounded before it. So 12.64 CAD → CHF across EUR is `1264 · 9354 / (15168 · 100)` =
//! 779.5 centimes exactly, 7.80 CHF half-even. The quotient is computed on `u128` when
//! `m · num` and `den · 10^s` both fit (short rates, amounts in the billions) and on
//! `BigUint` otherwise, so no amount or rate Decimal can hold loses a digit; only a
//! result Decimal cannot hold is an overflow.

use std::cmp::Ordering;

use medjourney_kernels::{rounds_away as kernels_rounds_away, NarrowRate, Rounding};
use num_bigint::BigUint;
use num_integer::Integer;
use rust_decimal::Decimal;

use super::value::RoundingMode;
use crate::error::{Error, Result};

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

/// The largest magnitude a Decimal mantissa holds, `2^96 − 1`.
const DECIMAL_MANTISSA_MAX: u128 = (1 << 96) - 1;

/// A conversion path's rate as an exact, reduced fraction of target minor units per
/// source unit (see the module docs).
#[derive(Debug, Clone)]
pub(crate) struct ExactRate {
    num: BigUint,
    den: BigUint,
    /// `num` and `den` when both fit in a `u128`: the common case, divided without
    /// allocating.
    small: Option<(u128, u128)>,
}

impl ExactRate {
    /// The fraction for `legs` (each a quoted rate and whether it is applied inverted,
    /// in path order) into a currency with `minor_units`; no legs is the identity.
    /// A rate that is not positive is `invalid_input` (tables refuse such rates on insert,
    /// so a table never holds one).
    pub(crate) fn new(
        legs: impl IntoIterator<Item = (Decimal, bool)>,
        minor_units: u32,
    ) -> Result<ExactRate> {
        let mut num = pow10(minor_units);
        let mut den = BigUint::from(1u8);
        for (rate, inverted) in legs {
            if rate <= Decimal::ZERO {
                return Err(Error::invalid("rate", format!("{rate} is not positive")));
            }
            let mantissa = BigUint::from(rate.mantissa().unsigned_abs());
            let scale = pow10(rate.scale());
            if inverted {
                num *= scale;
                den *= mantissa;
            } else {
                num *= mantissa;
                den *= scale;
            }
        }
        let g = num.gcd(&den);
        if g != BigUint::from(1u8) {
            num /= &g;
            den /= &g;
        }
        let small = u128::try_from(&num).ok().zip(u128::try_from(&den).ok());
        Ok(ExactRate { num, den, small })
    }

    /// `mantissa · 10^−scale` source units converted to target minor units and rounded
    /// once with `mode`; `None` when the rounded result needs more than 127 bits.
    pub(crate) fn minor_units(
        &self,
        mantissa: i128,
        scale: u32,
        mode: RoundingMode,
    ) -> Option<i128> {
        let negative = mantissa < 0;
        let a = mantissa.unsigned_abs();
        let narrow = self.small.and_then(|(num, den)| {
            Some((
                a.checked_mul(num)?,
                den.checked_mul(*POW10.get(scale as usize)?)?,
            ))
        });
        let (q, away) = match narrow {
            Some((n, d)) => {
                // u64 division is several times faster than u128's, and typical rows fit.
                let (q, r) = match (u64::try_from(n), u64::try_from(d)) {
                    (Ok(n), Ok(d)) => {
                        (u128::from(n.checked_div(d)?), u128::from(n.checked_rem(d)?))
                    }
                    _ => (n.checked_div(d)?, n.checked_rem(d)?),
                };
                // 2r against d without overflow: r against d − r.
                let half = r.cmp(&(d - r));
                (q, rounds_away(mode, negative, q % 2 == 1, r == 0, half))
            }
            None => self.wide(a, scale, mode, negative)?,
        };
        let magnitude = i128::try_from(q.checked_add(u128::from(away))?).ok()?;
        Some(if negative { -magnitude } else { magnitude })
    }

    /// The rate for amounts at `scale` decimals on `u64` alone, when its numerator and
    /// its denominator times `10^scale` both fit: the batch entry points convert most
    /// rows with one `u64` product and one division (no `u128` arithmetic, which wasm32
    /// emulates in software).
    pub(crate) fn narrow(&self, scale: u32) -> Option<NarrowRate> {
        let (num, den) = self.small?;
        let num = u64::try_from(num).ok()?;
        let den = u64::try_from(den.checked_mul(*POW10.get(scale as usize)?)?).ok()?;
        NarrowRate::new(num, den)
    }

    /// [`ExactRate::minor_units`] on `BigUint`, for products beyond 128 bits.
    fn wide(
        &self,
        a: u128,
        scale: u32,
        mode: RoundingMode,
        negative: bool,
    ) -> Option<(u128, bool)> {
        let n = BigUint::from(a) * &self.num;
        let d = &self.den * pow10(scale);
        if d == BigUint::default() {
            return None;
        }
        let (q, r) = n.div_rem(&d);
        let half = (&r << 1u8).cmp(&d);
        let q = u128::try_from(&q).ok()?;
        let exact = r == BigUint::default();
        Some((q, rounds_away(mode, negative, q % 2 == 1, exact, half)))
    }

    /// The rate itself, target units per source unit, for a target with `minor_units`
    /// (the exponent the fraction was built with): exact when it has at most 28
    /// decimals, otherwise rounded half-even to the most digits a Decimal holds; `None`
    /// when it is above Decimal's largest value.
    pub(crate) fn to_decimal(&self, minor_units: u32) -> Option<Decimal> {
        // rate · 10^k is the amount 10^k converted at scale `minor_units`; take the
        // largest k ≤ 28 whose result still fits a Decimal mantissa.
        (0..=28u32).rev().find_map(|k| {
            let units = self.minor_units(
                i128::try_from(*POW10.get(k as usize)?).ok()?,
                minor_units,
                RoundingMode::HalfEven,
            )?;
            if units.unsigned_abs() > DECIMAL_MANTISSA_MAX {
                return None;
            }
            Decimal::try_from_i128_with_scale(units, k)
                .ok()
                .map(|d| d.normalize())
        })
    }
}

/// The core's rounding mode as the kernels name it (one to one).
pub(crate) fn kernel_rounding(mode: RoundingMode) -> Rounding {
    match mode {
        RoundingMode::HalfEven => Rounding::HalfEven,
        RoundingMode::HalfUp => Rounding::HalfUp,
        RoundingMode::HalfDown => Rounding::HalfDown,
        RoundingMode::Up => Rounding::Up,
        RoundingMode::Down => Rounding::Down,
        RoundingMode::Ceiling => Rounding::Ceiling,
        RoundingMode::Floor => Rounding::Floor,
    }
}

/// Whether a quotient `q` with remainder `r` (zero or not) rounds away from zero under
/// `mode`; `half` is `2r` compared with the divisor. One rule for both paths: the
/// kernels' (`medjourney_kernels::rounds_away`), which the batch loop applies too.
fn rounds_away(mode: RoundingMode, negative: bool, odd: bool, exact: bool, half: Ordering) -> bool {
    kernels_rounds_away(kernel_rounding(mode), negative, odd, exact, half)
}

fn pow10(k: u32) -> BigUint {
    BigUint::from(10u8).pow(k)
}

/// `units` minor units at `minor_units` decimals as a Decimal showing those decimals;
/// when that mantissa is too wide, the same value with fewer trailing zeros (as
/// `Money::round` keeps an amount that cannot show its minor units). Zero has no sign,
/// whatever the sign of the amount that rounded to it. `None` when the value does not
/// fit a Decimal at all.
fn decimal_of_units(units: i128, minor_units: u32) -> Option<Decimal> {
    let (mut units, mut scale) = (units, minor_units);
    loop {
        if let Ok(d) = Decimal::try_from_i128_with_scale(units, scale) {
            return Some(d);
        }
        if scale == 0 || units % 10 != 0 {
            return None;
        }
        units /= 10;
        scale -= 1;
    }
}

/// `units` minor units at `minor_units` decimals, or `overflow` in `operation`.
pub(crate) fn units_to_decimal(units: i128, minor_units: u32, operation: &str) -> Result<Decimal> {
    decimal_of_units(units, minor_units).ok_or_else(|| Error::overflow(operation))
}
