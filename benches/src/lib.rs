//! The single seeded source of benchmark data for the Rust, Python and JS benchmarks.
//!
//! The criterion benches call these functions directly; the `gen` binary
//! (`cargo run --release -p medjourney-benches --bin gen -- bench-data`) writes the same
//! data sets to files so `py/benchmarks/` and `wasm/bench/` read identical inputs instead
//! of re-implementing anything. The rules below are nonetheless precise enough to
//! reproduce every value bit for bit.
//!
//! # The generator
//! [`SplitMix64`] (Steele, Lea & Flood 2014), all arithmetic on `u64` wrapping:
//! ```text
//! state += 0x9E3779B97F4A7C15
//! z = state
//! z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
//! z = (z ^ (z >> 27)) * 0x94D049BB133111EB
//! return z ^ (z >> 31)
//! ```
//! `below(n)` is `next() % n` (0 when `n` is 0); `unit()` is `(next() >> 11) · 2⁻⁵³`, a
//! double in [0, 1) that is exact in every language. Every data set starts a fresh
//! generator at its own seed: [`SEED`] plus the data set's offset ([`Dataset::seed`]).
//! Values are drawn row by row, and within a row in the order listed.
//!
//! # Data sets (each at the sizes of [`SIZES`])
//! - **Line items** ([`line_items`], seed `SEED + 1`), per row: `c = below(20)`, the
//!   currency [`CURRENCIES`]`[c]`; then `minor = 100 + below(999_900)`, the amount in the
//!   currency's ISO minor units (amount = `minor / 10^minor_units`: 1.00 to 9 999.99 EUR,
//!   100 to 999 999 JPY). Converted with [`fx_table`] to [`TARGET_CURRENCY`].
//! - **Criteria matrix** ([`criteria_matrix`], seed `SEED + 2`): `rows × 8` doubles, row
//!   major; value `(row, j) = lo_j + (hi_j − lo_j) · unit()` with `(lo_j, hi_j)` from
//!   [`CRITERIA_RANGES`]; scored with [`CRITERIA_WEIGHTS`] and [`CRITERIA_TYPES`].
//! - **Catalog** ([`catalog`], seed `SEED + 3`), per provider `i` (id `p0000000`…):
//!   `k = below(8)` picks country and price currency from [`CATALOG_COUNTRIES`];
//!   `below(10) < 9` offers `knee_replacement` (else `hip_replacement`);
//!   price = `(4000 + below(16001)) × multiplier_k` whole units; `annual_volume =
//!   below(1000)`; success `cases = 50 + below(2000)`, `count = cases − below(cases/10 + 1)`;
//!   complication `rate = below(50) / 1000` over the same cases; `median_wait_days =
//!   below(120)`; one accreditation by `[jci, temos, nabh, iso_9001][below(4)]` expiring
//!   `below(1500)` days after 2026-01-01; languages: the country's own plus `en`, `de`,
//!   `ar` for bits 0, 1, 2 of `below(8)`; star counts 1★…5★ each `below(60)`; amenities:
//!   the bits of `below(128)` over `Amenity::ALL`; `airport_distance_km = below(80)`.
//!   Ranked for [`rank_request`] with [`rank_options`].
//! - **Journey table** ([`journey_table`], seed `SEED + 4`): `size` touchpoint events
//!   over `size / 10` journeys, built by `medjourney::samples::journey_table` (its
//!   documented SplitMix64 recipe) and fed to `journey_map_columns`.

use chrono::{Duration, NaiveDate};
use medjourney::matching::{Accreditation, AccreditationBody, Amenity, Outcome, ProcedureOffer};
use medjourney::matching::{Reviews, Weights};
use medjourney::{
    samples, Catalog, Currency, Decimal, FxTable, JourneyTable, Method, Money, Provider,
    RankOptions, Rate, Request, Result,
};

/// The base seed every data set's seed is derived from.
pub const SEED: u64 = 20_261_122;

/// The three sizes every data set is generated at.
pub const SIZES: [usize; 3] = [1_000, 100_000, 1_000_000];

/// 10^3, 10^4 and 10^5 for the `scaling` bench: near-linear operations take about ten
/// times as long at each next size (a quadratic one would take a hundred times).
pub const SCALING_SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The data sets, each with its own seed offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// Line items in 20 currencies.
    LineItems,
    /// The `rows × 8` criteria matrix for raw TOPSIS and the weighted sum.
    CriteriaMatrix,
    /// The provider catalog for `rank`.
    Catalog,
    /// Touchpoint events for the journey map.
    Journeys,
}

impl Dataset {
    /// The data set's seed: [`SEED`] + 1, 2, 3 or 4 in declaration order.
    pub fn seed(self) -> u64 {
        SEED + match self {
            Dataset::LineItems => 1,
            Dataset::CriteriaMatrix => 2,
            Dataset::Catalog => 3,
            Dataset::Journeys => 4,
        }
    }
}

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

    /// A number in `[0, n)` (`next % n`; 0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A double in `[0, 1)`: the top 53 bits of the next draw times 2⁻⁵³.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// The 20 currencies line items are priced in; index = the `currency` column's code.
pub const CURRENCIES: [&str; 20] = [
    "EUR", "USD", "GBP", "TRY", "THB", "INR", "MXN", "HUF", "PLN", "KRW", "SGD", "CAD", "MYR",
    "CZK", "CHF", "JPY", "AED", "CRC", "COP", "BRL",
];

/// The currency line items are converted to and summed in (a cross rate via EUR for 18 of
/// the 20 source currencies, the common case of a patient outside the euro area).
pub const TARGET_CURRENCY: &str = "GBP";

/// The one rate added to `samples::fx()` so all 20 currencies convert.
const EXTRA_RATE: (&str, &str) = ("BRL", "6.1420");

/// The bench exchange-rate table: `samples::fx()` (EUR-based, 18 rates) plus EUR→BRL
/// 6.1420, dated like the sample's rates.
pub fn fx_table() -> Result<FxTable> {
    let mut fx = samples::fx()?;
    let eur = Currency::from_code("EUR")?;
    let as_of = fx
        .rates()
        .map(|r| r.as_of)
        .max()
        .ok_or_else(|| medjourney::Error::invalid("samples::fx", "has no rates"))?;
    fx.insert(Rate {
        from: eur,
        to: Currency::from_code(EXTRA_RATE.0)?,
        rate: medjourney::money::parse_amount(EXTRA_RATE.1, "rate")?,
        as_of,
        source: "benchmark rate".into(),
    })?;
    Ok(fx)
}

/// Line items as plain columns: currency code index and amount in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineItemColumns {
    /// Per row: index into [`CURRENCIES`].
    pub currency: Vec<u8>,
    /// Per row: the amount in the currency's ISO minor units.
    pub minor: Vec<i64>,
}

/// `n` line items as columns (see the module docs for the recipe).
pub fn line_item_columns(n: usize) -> LineItemColumns {
    let mut rng = SplitMix64::new(Dataset::LineItems.seed());
    let mut cols = LineItemColumns {
        currency: Vec::with_capacity(n),
        minor: Vec::with_capacity(n),
    };
    for _ in 0..n {
        cols.currency.push(rng.below(CURRENCIES.len() as u64) as u8);
        cols.minor.push(100 + rng.below(999_900) as i64);
    }
    cols
}

/// The 20 currencies of [`CURRENCIES`], looked up.
pub fn currencies() -> Result<Vec<Currency>> {
    CURRENCIES.iter().map(|c| Currency::from_code(c)).collect()
}

/// `n` line items as money (see the module docs for the recipe).
pub fn line_items(n: usize) -> Result<Vec<Money>> {
    let currencies = currencies()?;
    let cols = line_item_columns(n);
    cols.currency
        .iter()
        .zip(&cols.minor)
        .map(|(&c, &minor)| {
            let cur = currencies
                .get(usize::from(c))
                .copied()
                .ok_or_else(|| medjourney::Error::invalid("currency", "index out of range"))?;
            Money::from_minor(i128::from(minor), cur)
        })
        .collect()
}

/// `n` amounts between 1.00 and 10,000.00 spread over `currencies` in turn.
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

/// Value range `(lo, hi)` of each criteria-matrix column, in the matching criteria's
/// order: price (EUR), quality, reviews (stars), accreditation strength, wait (days),
/// language share, amenity share, travel (hours).
pub const CRITERIA_RANGES: [(f64, f64); 8] = [
    (2_000.0, 20_000.0),
    (0.80, 1.0),
    (1.0, 5.0),
    (0.3, 1.0),
    (0.0, 120.0),
    (0.0, 1.0),
    (0.0, 1.0),
    (1.0, 30.0),
];

/// Criteria weights (the matching defaults), summing to 1.
pub const CRITERIA_WEIGHTS: [f64; 8] = [0.20, 0.25, 0.15, 0.15, 0.10, 0.05, 0.05, 0.05];

/// Criteria types: `1` benefit, `-1` cost (price, wait and travel are costs).
pub const CRITERIA_TYPES: [i8; 8] = [-1, 1, 1, 1, -1, 1, 1, -1];

/// `rows × 8` criteria values, row major (see the module docs for the recipe).
pub fn criteria_matrix(rows: usize) -> Vec<f64> {
    let mut rng = SplitMix64::new(Dataset::CriteriaMatrix.seed());
    let mut m = Vec::with_capacity(rows * CRITERIA_RANGES.len());
    for _ in 0..rows {
        for (lo, hi) in CRITERIA_RANGES {
            m.push(lo + (hi - lo) * rng.unit());
        }
    }
    m
}

/// Country, price currency and its rough units per euro, for the generated catalog.
pub const CATALOG_COUNTRIES: [(&str, &str, &str, i64); 8] = [
    ("TR", "tr", "EUR", 1),
    ("TH", "th", "THB", 37),
    ("IN", "hi", "INR", 91),
    ("MX", "es", "USD", 1),
    ("CZ", "cs", "CZK", 25),
    ("KR", "ko", "KRW", 1500),
    ("HU", "hu", "HUF", 400),
    ("PL", "pl", "PLN", 4),
];

/// `n` generated providers (see the module docs for the recipe).
pub fn providers(n: usize) -> Result<Vec<Provider>> {
    let mut rng = SplitMix64::new(Dataset::Catalog.seed());
    let bodies = [
        AccreditationBody::Jci,
        AccreditationBody::Temos,
        AccreditationBody::Nabh,
        AccreditationBody::Iso9001,
    ];
    let epoch = NaiveDate::from_ymd_opt(2026, 1, 1)
        .ok_or_else(|| medjourney::Error::invalid("date", "2026-01-01"))?;
    (0..n)
        .map(|i| {
            let (country, language, currency, per_eur) =
                CATALOG_COUNTRIES[rng.below(CATALOG_COUNTRIES.len() as u64) as usize];
            let code = if rng.below(10) < 9 {
                "knee_replacement"
            } else {
                "hip_replacement"
            };
            let units = (4_000 + rng.below(16_001) as i64) * per_eur;
            let price = Money::new(Decimal::new(units, 0), Currency::from_code(currency)?);
            let annual_volume = rng.below(1_000) as u32;
            let cases = 50 + rng.below(2_000) as u32;
            let count = cases - rng.below(u64::from(cases / 10 + 1)) as u32;
            let complication_rate = rng.below(50) as f64 / 1_000.0;
            let wait = rng.below(120) as u32;
            let body = bodies[rng.below(bodies.len() as u64) as usize];
            let expires = epoch + Duration::days(rng.below(1_500) as i64);
            let mut languages = vec![language.to_string()];
            let bits = rng.below(8);
            for (bit, l) in ["en", "de", "ar"].iter().enumerate() {
                if bits & (1 << bit) != 0 {
                    languages.push((*l).to_string());
                }
            }
            let mut stars = [0u64; 5];
            for s in &mut stars {
                *s = rng.below(60);
            }
            let mask = rng.below(128);
            let amenities = Amenity::ALL
                .iter()
                .enumerate()
                .filter(|(b, _)| mask & (1 << b) != 0)
                .map(|(_, a)| *a)
                .collect();
            let distance = rng.below(80) as f64;
            Ok(Provider {
                id: format!("p{i:07}"),
                name: format!("Clinic {i}"),
                country: country.into(),
                city: String::new(),
                coordinates: None,
                accreditations: vec![Accreditation {
                    body,
                    scope: String::new(),
                    issued: None,
                    expires: Some(expires),
                }],
                procedures: vec![ProcedureOffer {
                    code: code.into(),
                    name: String::new(),
                    price: Some(price),
                    price_max: None,
                    annual_volume: Some(annual_volume),
                    success: Some(Outcome {
                        cases,
                        count: Some(count),
                        rate: None,
                    }),
                    complications: Some(Outcome {
                        cases,
                        count: None,
                        rate: Some(complication_rate),
                    }),
                    median_wait_days: Some(wait),
                }],
                doctors: vec![],
                languages,
                reviews: Some(Reviews {
                    stars: Some(stars),
                    mean: None,
                    count: None,
                }),
                amenities,
                airport_distance_km: Some(distance),
                time_zone: None,
                airport: None,
            })
        })
        .collect()
}

/// A catalog of `n` generated providers.
pub fn catalog(n: usize) -> Result<Catalog> {
    Catalog::new(providers(n)?)
}

/// The request ranked in the benches: knee replacement within 12 000 GBP, travelling
/// 2027-02-15, English, JCI or Temos in force, wheelchair access, at most 90 days' wait,
/// default weights.
pub fn rank_request() -> Result<Request> {
    let eur = |s: &str| Money::from_parts(s, "GBP");
    Ok(Request {
        patient: "PT-BENCH".into(),
        procedure: "knee_replacement".into(),
        budget: Some(eur("12000.00")?),
        currency: None,
        travel_date: NaiveDate::from_ymd_opt(2027, 2, 15)
            .ok_or_else(|| medjourney::Error::invalid("travelDate", "2027-02-15"))?,
        languages: vec!["en".into()],
        allowed_countries: vec![],
        excluded_countries: vec![],
        required_accreditations: vec![AccreditationBody::Jci, AccreditationBody::Temos],
        needs: vec![Amenity::WheelchairAccess],
        preferences: vec![Amenity::AirportTransfer],
        max_wait_days: Some(90),
        travel_hours: Default::default(),
        weights: Weights::default(),
    })
}

/// Rank options of the benches: the bench fx table, top 10, `method`, and the first
/// `exclusions` excluded providers (by id) listed with their reasons.
pub fn rank_options(method: Method, exclusions: usize) -> Result<RankOptions> {
    Ok(RankOptions {
        method,
        top_k: Some(10),
        max_exclusions: Some(exclusions),
        fx: fx_table()?,
        ..RankOptions::default()
    })
}

/// `events` touchpoint events over `events / 10` journeys (at least one), as columns.
pub fn journey_table(events: usize) -> Result<JourneyTable> {
    samples::journey_table((events / 10).max(1), events, Dataset::Journeys.seed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_published_reference_sequence() {
        // Rosetta Code, "Pseudo-random numbers/Splitmix64": the first outputs for seed 1234567.
        let mut r = SplitMix64::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
        assert_eq!(r.next_u64(), 9_817_491_932_198_370_423);
    }

    #[test]
    fn unit_draws_stay_in_the_half_open_interval() {
        let mut r = SplitMix64::new(SEED);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u), "{u}");
        }
    }

    #[test]
    fn every_bench_currency_converts_to_the_target() {
        let fx = fx_table().unwrap();
        let to = Currency::from_code(TARGET_CURRENCY).unwrap();
        for c in currencies().unwrap() {
            fx.convert(&Money::from_minor(12_345, c).unwrap(), to)
                .unwrap_or_else(|e| panic!("{c}: {e}"));
        }
    }

    #[test]
    fn line_items_follow_the_documented_recipe() {
        let cols = line_item_columns(5_000);
        let mut rng = SplitMix64::new(SEED + 1);
        for (c, m) in cols.currency.iter().zip(&cols.minor) {
            assert_eq!(u64::from(*c), rng.next_u64() % 20);
            assert_eq!(*m as u64, 100 + rng.next_u64() % 999_900);
        }
        let items = line_items(5_000).unwrap();
        assert_eq!(items.len(), 5_000);
        assert!(items.iter().all(|m| !m.is_negative() && m.is_rounded()));
        // Every currency appears: the data really spans 20 currencies.
        let mut seen = [false; 20];
        cols.currency
            .iter()
            .for_each(|&c| seen[usize::from(c)] = true);
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn criteria_values_stay_within_their_column_ranges() {
        let m = criteria_matrix(2_000);
        assert_eq!(m.len(), 16_000);
        for row in m.chunks_exact(8) {
            for (x, (lo, hi)) in row.iter().zip(CRITERIA_RANGES) {
                assert!(*x >= lo && *x < hi, "{x} not in [{lo}, {hi})");
            }
        }
    }

    #[test]
    fn the_generated_catalog_ranks_with_candidates_and_exclusions() {
        let catalog = catalog(2_000).unwrap();
        let request = rank_request().unwrap();
        for method in [Method::WeightedSum, Method::Topsis] {
            let r =
                medjourney::rank(&catalog, &request, &rank_options(method, 100).unwrap()).unwrap();
            assert_eq!(r.matches.len(), 10);
            // The filters bite but leave a real field to rank.
            assert!(
                r.candidates > 50 && r.excluded_total > 1_000,
                "{} / {}",
                r.candidates,
                r.excluded_total
            );
            assert_eq!(r.excluded.len(), 100);
        }
    }

    #[test]
    fn journey_table_has_the_requested_events_over_a_tenth_as_many_journeys() {
        let t = journey_table(10_000).unwrap();
        assert_eq!(t.status.len(), 1_000);
        assert_eq!(t.touch_journey.len(), 10_000);
    }
}
