//! Seeded data generators shared by the criterion benches (and mirrored by the Python
//! and JS benchmark scripts, which use the same generator and seed).

use medjourney::{Currency, Decimal, Money, Result};

/// A small, fast, seedable generator (SplitMix64) so every language makes identical data.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started at `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `[0, n)`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// `n` amounts between 1.00 and 10,000.00 spread over `currencies`.
pub fn amounts(n: usize, currencies: &[Currency], seed: u64) -> Result<Vec<Money>> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let cents = 100 + rng.below(999_900) as i64;
            let cur = currencies
                .get(i % currencies.len().max(1))
                .copied()
                .unwrap_or(Currency::from_code("EUR")?);
            Ok(Money::new(Decimal::new(cents, 2), cur))
        })
        .collect()
}
