//! The FX batch's per-row loop: minor units times a rate that fits `u64`, rounded once,
//! summed over two columns (amounts in minor units and a currency index per row).
//!
//! The core (`medjourney::money`) builds each currency's exact rate, decides which rows
//! may take this path and converts the others itself; it hands this loop one
//! [`NarrowRate`] per currency index. The loop is here so the npm build compiles it for
//! speed with the other kernels: in the size-tuned core it was most of the batch's time.

use std::cmp::Ordering;

/// How a quotient with a remainder rounds (the core's `RoundingMode`, one to one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// To nearest, ties to the even neighbour.
    HalfEven,
    /// To nearest, ties away from zero.
    HalfUp,
    /// To nearest, ties towards zero.
    HalfDown,
    /// Away from zero.
    Up,
    /// Towards zero.
    Down,
    /// Towards +∞.
    Ceiling,
    /// Towards −∞.
    Floor,
}

/// Whether a quotient rounds away from zero under `mode`: `negative` is the sign of the
/// exact value, `odd` the quotient's parity, `exact` a zero remainder, and `half` twice
/// the remainder compared with the divisor.
#[inline(always)]
pub fn rounds_away(mode: Rounding, negative: bool, odd: bool, exact: bool, half: Ordering) -> bool {
    if exact {
        return false;
    }
    match mode {
        Rounding::HalfEven => half == Ordering::Greater || (half == Ordering::Equal && odd),
        Rounding::HalfUp => half != Ordering::Less,
        Rounding::HalfDown => half == Ordering::Greater,
        Rounding::Up => true,
        Rounding::Down => false,
        Rounding::Ceiling => !negative,
        Rounding::Floor => negative,
    }
}

/// An exact rate `num / den` (target minor units per source minor unit) on `u64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NarrowRate {
    num: u64,
    den: u64,
    /// The largest amount magnitude whose product with `num` fits a `u64`.
    limit: u64,
}

impl NarrowRate {
    /// The rate `num / den`; `None` when either is zero.
    pub fn new(num: u64, den: u64) -> Option<NarrowRate> {
        let limit = u64::MAX.checked_div(num)?;
        (den != 0).then_some(NarrowRate { num, den, limit })
    }

    /// `mantissa · num / den` rounded once with `mode`; `None` when `|mantissa| · num`
    /// does not fit a `u64` (the caller then converts the row another way).
    #[inline(always)]
    pub fn minor_units(&self, mantissa: i64, mode: Rounding) -> Option<i128> {
        let negative = mantissa < 0;
        let a = mantissa.unsigned_abs();
        if a > self.limit {
            return None;
        }
        // No overflow: a ≤ u64::MAX / num; den > 0 (checked by `new`), so q ≤ n and
        // q · den ≤ n.
        let n = a * self.num;
        let q = n / self.den;
        // One division: wasm has no instruction giving quotient and remainder together.
        let r = n - q * self.den;
        let half = r.cmp(&(self.den - r));
        let away = rounds_away(mode, negative, q % 2 == 1, r == 0, half);
        let magnitude = i128::from(q) + i128::from(away);
        Some(if negative { -magnitude } else { magnitude })
    }
}

/// Rows from the first on, while each has a rate (`rates[currency_index[i]]`) and fits it:
/// the sum of their converted minor units and how many rows that is. Fewer rows than the
/// shorter column means the next row needs the caller's general path.
///
/// The sum cannot overflow: a row is at most `2^64` in magnitude, and a slice holds
/// fewer than `2^61` `i64`s.
pub fn sum_minor_units(
    minor: &[i64],
    currency_index: &[u8],
    rates: &[Option<NarrowRate>; 256],
    mode: Rounding,
) -> (i128, usize) {
    // One loop per mode, so the rounding rule is a constant inside it.
    match mode {
        Rounding::HalfEven => sum_in::<0>(minor, currency_index, rates),
        Rounding::HalfUp => sum_in::<1>(minor, currency_index, rates),
        Rounding::HalfDown => sum_in::<2>(minor, currency_index, rates),
        Rounding::Up => sum_in::<3>(minor, currency_index, rates),
        Rounding::Down => sum_in::<4>(minor, currency_index, rates),
        Rounding::Ceiling => sum_in::<5>(minor, currency_index, rates),
        Rounding::Floor => sum_in::<6>(minor, currency_index, rates),
    }
}

const MODES: [Rounding; 7] = [
    Rounding::HalfEven,
    Rounding::HalfUp,
    Rounding::HalfDown,
    Rounding::Up,
    Rounding::Down,
    Rounding::Ceiling,
    Rounding::Floor,
];

fn sum_in<const MODE: usize>(
    minor: &[i64],
    currency_index: &[u8],
    rates: &[Option<NarrowRate>; 256],
) -> (i128, usize) {
    let mode = match MODES.get(MODE) {
        Some(&m) => m,
        None => return (0, 0),
    };
    let mut total = 0i128;
    for (row, (&m, &i)) in minor.iter().zip(currency_index).enumerate() {
        // A u8 index into 256 slots: always present, no bounds check survives.
        let units = match rates.get(usize::from(i)) {
            Some(Some(rate)) => rate.minor_units(m, mode),
            _ => None,
        };
        match units {
            Some(u) => total += u,
            None => return (total, row),
        }
    }
    (total, minor.len().min(currency_index.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rate: Option<NarrowRate>) -> [Option<NarrowRate>; 256] {
        let mut t = [None; 256];
        t[0] = rate;
        t
    }

    #[test]
    fn a_zero_numerator_or_denominator_has_no_narrow_rate() {
        assert_eq!(NarrowRate::new(0, 3), None);
        assert_eq!(NarrowRate::new(3, 0), None);
    }

    #[test]
    fn halves_round_by_the_mode_and_the_sign() {
        // 5 · 1/2 = 2.5, −5 · 1/2 = −2.5.
        let r = NarrowRate::new(1, 2).unwrap();
        let cases = [
            (Rounding::HalfEven, 2, -2),
            (Rounding::HalfUp, 3, -3),
            (Rounding::HalfDown, 2, -2),
            (Rounding::Up, 3, -3),
            (Rounding::Down, 2, -2),
            (Rounding::Ceiling, 3, -2),
            (Rounding::Floor, 2, -3),
        ];
        for (mode, up, down) in cases {
            assert_eq!(r.minor_units(5, mode), Some(up), "{mode:?}");
            assert_eq!(r.minor_units(-5, mode), Some(down), "{mode:?}");
            let (sum, rows) = sum_minor_units(&[5, -5], &[0, 0], &table(Some(r)), mode);
            assert_eq!((sum, rows), (up + down, 2), "{mode:?}");
        }
    }

    #[test]
    fn the_sum_stops_at_the_first_row_without_a_rate_or_too_wide_for_it() {
        let r = NarrowRate::new(3, 1).unwrap();
        let rates = table(Some(r));
        assert_eq!(
            sum_minor_units(&[1, 2, 4], &[0, 1, 0], &rates, Rounding::HalfEven),
            (3, 1)
        );
        assert_eq!(
            sum_minor_units(&[1, i64::MAX, 4], &[0, 0, 0], &rates, Rounding::HalfEven),
            (3, 1)
        );
        assert_eq!(
            sum_minor_units(&[1, 2, 4], &[0, 0], &rates, Rounding::HalfEven),
            (9, 2)
        );
    }
}
