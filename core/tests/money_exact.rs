//! Every conversion is rounded once, from the exact rate. `convert`, `convert_with`, the
//! batch paths (`convert_each`, `convert_sum`, `convert_sum_minor`), `compare_quotes`,
//! `estimate_trip` and `budget_fit` are held to an oracle in exact fractions
//! (num-rational): the amount times the path's rates, rounded once to the target's minor
//! units. The amounts are built to land exactly on a whole minor unit or a midpoint, or
//! one unit of their last digit beside it, where any earlier rounding shows, in every
//! rounding mode.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{
    budget_fit, compare_quotes, estimate_trip, samples, Category, CompareOptions, ConvertOptions,
    Currency, Decimal, FxTable, Inclusion, LineItem, Money, Quote, Rate, RoundingMode,
};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use proptest::prelude::*;

const MODES: [RoundingMode; 7] = [
    RoundingMode::HalfEven,
    RoundingMode::HalfUp,
    RoundingMode::HalfDown,
    RoundingMode::Up,
    RoundingMode::Down,
    RoundingMode::Ceiling,
    RoundingMode::Floor,
];

fn cur(code: &str) -> Currency {
    Currency::from_code(code).unwrap()
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn options(rounding: RoundingMode) -> ConvertOptions {
    ConvertOptions {
        rounding,
        ..ConvertOptions::default()
    }
}

// ---- the oracle ---------------------------------------------------------------------

fn ratio(d: Decimal) -> BigRational {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

fn pow10(k: u32) -> BigRational {
    BigRational::from_integer(BigInt::from(10).pow(k))
}

/// The documented path: the pair's own rate, else its inverse, else the two legs through
/// the base; the rate as an exact fraction (target units per source unit).
fn exact_rate(fx: &FxTable, from: Currency, to: Currency) -> Option<BigRational> {
    if from == to {
        return Some(BigRational::one());
    }
    let leg = |a: Currency, b: Currency| -> Option<BigRational> {
        let quoted = |x: Currency, y: Currency| fx.rates().find(|r| r.from == x && r.to == y);
        quoted(a, b)
            .map(|r| ratio(r.rate))
            .or_else(|| quoted(b, a).map(|r| ratio(r.rate).recip()))
    };
    leg(from, to).or_else(|| {
        let base = fx.base()?;
        if base == from || base == to {
            return None;
        }
        Some(leg(from, base)? * leg(base, to)?)
    })
}

/// `x` rounded to an integer with `mode`, written as the mode's definition reads: which
/// of the two integers around `x` it picks.
fn round(x: &BigRational, mode: RoundingMode) -> BigInt {
    let floor = x.floor().to_integer();
    let fraction = x - BigRational::from_integer(floor.clone());
    if fraction.is_zero() {
        return floor;
    }
    let half = BigRational::new(BigInt::one(), BigInt::from(2));
    let negative = x.is_negative();
    let tie = fraction == half;
    let above_half = fraction > half;
    let take_ceiling = match mode {
        RoundingMode::HalfEven => above_half || (tie && floor.is_odd()),
        RoundingMode::HalfUp => above_half || (tie && !negative),
        RoundingMode::HalfDown => above_half || (tie && negative),
        RoundingMode::Up => !negative,
        RoundingMode::Down => negative,
        RoundingMode::Ceiling => true,
        RoundingMode::Floor => false,
    };
    if take_ceiling {
        floor + 1
    } else {
        floor
    }
}

/// The exact conversion in whole minor units of `to`, rounded once.
fn oracle_units(fx: &FxTable, m: &Money, to: Currency, mode: RoundingMode) -> BigInt {
    let rate = exact_rate(fx, m.currency(), to).expect("a path");
    let mu = to.minor_units().unwrap();
    round(&(ratio(m.amount()) * rate * pow10(mu)), mode)
}

/// Minor units as the Money they are, when a Decimal holds them.
fn money_of(units: &BigInt, to: Currency) -> Option<Money> {
    let units = i128::try_from(units).ok()?;
    Decimal::try_from_i128_with_scale(units, to.minor_units().unwrap())
        .ok()
        .map(|d| Money::new(d, to))
}

fn oracle(fx: &FxTable, m: &Money, to: Currency, mode: RoundingMode) -> Money {
    money_of(&oracle_units(fx, m, to, mode), to).expect("fits")
}

/// An amount in `from` at `scale` decimals whose exact conversion to `to` is `j/2` times
/// a fixed number of minor units (a whole unit or a midpoint), moved by `nudge` units of
/// its last digit; `None` when it, or its conversion, needs more than a Decimal holds.
///
/// The fixed number is the denominator of 10^scale / (2 · rate · 10^mu), which a rate
/// of many digits (a cross rate through two long ones) makes large: the conversion is
/// kept below 2^90 minor units, so a sum of up to 64 such rows still fits (2^96).
fn landing(
    fx: &FxTable,
    from: Currency,
    to: Currency,
    scale: u32,
    j: i64,
    nudge: i64,
) -> Option<Money> {
    let rate = exact_rate(fx, from, to)?;
    // amount · 10^scale = j · p where p/q = 10^scale / (2 · rate · 10^mu).
    let step = pow10(scale)
        / (BigRational::from_integer(BigInt::from(2)) * rate * pow10(to.minor_units()?));
    let mantissa = BigInt::from(j) * step.numer() + nudge;
    let mantissa = i128::try_from(&mantissa).ok()?;
    let amount = Decimal::try_from_i128_with_scale(mantissa, scale).ok()?;
    let units = ratio(amount) * exact_rate(fx, from, to)? * pow10(to.minor_units()?);
    (units.abs() < BigRational::from_integer(BigInt::one() << 90)).then(|| Money::new(amount, from))
}

// ---- the checks -----------------------------------------------------------------------

/// Each row through every single and batch entry point equals the oracle.
fn assert_exact(fx: &FxTable, rows: &[Money], to: Currency, mode: RoundingMode) {
    let want: Vec<Money> = rows.iter().map(|m| oracle(fx, m, to, mode)).collect();
    for (m, w) in rows.iter().zip(&want) {
        let got = fx.convert_with(m, to, &options(mode)).unwrap().money;
        assert_eq!(got, *w, "convert_with {m} -> {to}, {mode:?}");
        if mode == RoundingMode::HalfEven {
            assert_eq!(fx.convert(m, to).unwrap(), *w, "convert {m} -> {to}");
        }
    }
    let total = Money::sum(&want, to).unwrap();
    let each = fx.convert_each(rows, to, &options(mode)).unwrap();
    assert_eq!(each.amounts, want, "convert_each rows -> {to}, {mode:?}");
    assert_eq!(each.total, total, "convert_each total -> {to}, {mode:?}");
    assert_eq!(
        fx.convert_sum(rows, to, mode).unwrap(),
        total,
        "convert_sum"
    );
    // The columns path takes amounts in whole minor units of their currency.
    let whole: Vec<&Money> = rows
        .iter()
        .filter(|m| m.is_rounded() && m.to_minor().is_ok_and(|u| i64::try_from(u).is_ok()))
        .collect();
    let mut currencies: Vec<Currency> = whole.iter().map(|m| m.currency()).collect();
    currencies.sort();
    currencies.dedup();
    let minor: Vec<i64> = whole
        .iter()
        .map(|m| i64::try_from(m.to_minor().unwrap()).unwrap())
        .collect();
    let index: Vec<u8> = whole
        .iter()
        .map(|m| currencies.iter().position(|c| *c == m.currency()).unwrap() as u8)
        .collect();
    let want_whole = whole
        .iter()
        .try_fold(Money::zero(to), |acc, m| acc.add(&oracle(fx, m, to, mode)))
        .unwrap();
    assert_eq!(
        fx.convert_sum_minor(&minor, &index, &currencies, to, mode)
            .unwrap(),
        want_whole,
        "convert_sum_minor -> {to}, {mode:?}"
    );
}

/// The sample table (EUR base, 18 rates) and the currencies it prices.
fn sample_table() -> (FxTable, Vec<Currency>) {
    let fx = samples::fx().unwrap();
    let mut currencies: Vec<Currency> = std::iter::once(cur("EUR"))
        .chain(fx.rates().map(|r| r.to))
        .collect();
    currencies.dedup();
    (fx, currencies)
}

fn rate(from: &str, to: &str, value: &str) -> Rate {
    Rate {
        from: cur(from),
        to: cur(to),
        rate: dec(value),
        as_of: "2026-11-20T16:00:00Z".parse().unwrap(),
        source: "test".into(),
    }
}

// ---- regressions ----------------------------------------------------------------------

#[test]
fn cross_conversion_rounds_once_from_the_exact_rate_12_64_cad_is_7_80_chf() {
    // 12.64 × 0.9354 / 1.5168 = 7.795 CHF exactly: half-even gives 7.80. Dividing by
    // the CAD rate first (rounded to 28 digits) left 7.7949…, and 7.79.
    let (fx, _) = sample_table();
    let m = Money::parse("12.64 CAD").unwrap();
    assert_eq!(fx.convert(&m, cur("CHF")).unwrap().to_string(), "7.80 CHF");
    let each = fx
        .convert_each(&[m], cur("CHF"), &ConvertOptions::default())
        .unwrap();
    assert_eq!(each.total.to_string(), "7.80 CHF");
    assert_eq!(
        fx.convert_sum_minor(
            &[1264],
            &[0],
            &[cur("CAD")],
            cur("CHF"),
            RoundingMode::HalfEven
        )
        .unwrap()
        .to_string(),
        "7.80 CHF"
    );
}

#[test]
fn cross_conversion_rounding_down_keeps_an_exact_cent_126_40_cad_is_77_95_chf() {
    // 126.40 × 0.9354 / 1.5168 = 77.95 CHF exactly: nothing to round away.
    let (fx, _) = sample_table();
    let m = Money::parse("126.40 CAD").unwrap();
    let down = options(RoundingMode::Down);
    let c = fx.convert_with(&m, cur("CHF"), &down).unwrap();
    assert_eq!(c.money.to_string(), "77.95 CHF");
    let batch = fx.convert_each(&[m], cur("CHF"), &down).unwrap();
    assert_eq!(batch.amounts[0].to_string(), "77.95 CHF");
    assert_eq!(
        fx.convert_sum(&[m], cur("CHF"), RoundingMode::Down)
            .unwrap()
            .to_string(),
        "77.95 CHF"
    );
}

#[test]
fn every_sample_pair_converts_amounts_landing_on_a_cent_or_half_cent_exactly_in_every_mode() {
    // Every ordered pair of the sample's 18 currencies, amounts at the source's own
    // minor units landing on a whole unit or a midpoint of the target (the 8 %
    // of wrong answers came from these).
    let (fx, currencies) = sample_table();
    for &to in &currencies {
        let mut rows = Vec::new();
        for &from in &currencies {
            let scale = from.minor_units().unwrap();
            for j in [1, 3, 7, 10, 11, -5, 2_001] {
                for nudge in [-1, 0, 1] {
                    rows.extend(landing(&fx, from, to, scale, j, nudge));
                }
            }
        }
        assert!(rows.len() > 100, "{} rows to {to}", rows.len());
        for mode in MODES {
            assert_exact(&fx, &rows, to, mode);
        }
    }
}

#[test]
fn effective_rate_is_the_exact_fraction_to_the_digits_a_decimal_holds() {
    let (fx, _) = sample_table();
    let conv = |from: &str, to: &str| {
        fx.convert_with(
            &Money::parse(&format!("1 {from}")).unwrap(),
            cur(to),
            &ConvertOptions::default(),
        )
        .unwrap()
        .effective_rate
    };
    // A direct rate is the quoted rate itself.
    assert_eq!(conv("EUR", "TRY").to_string(), "36.912");
    // Inverse and cross: the fraction rounded half-even at the most decimals (up to 28)
    // that keep the mantissa below 2^96.
    for (from, to) in [
        ("CAD", "CHF"),
        ("GBP", "EUR"),
        ("JPY", "KRW"),
        ("COP", "HUF"),
        ("EUR", "COP"),
    ] {
        let exact = exact_rate(&fx, cur(from), cur(to)).unwrap();
        let want = (0..=28u32)
            .rev()
            .map(|k| {
                (
                    k,
                    round(&(exact.clone() * pow10(k)), RoundingMode::HalfEven),
                )
            })
            .find(|(_, m)| *m < (BigInt::one() << 96))
            .map(|(k, m)| BigRational::new(m, BigInt::from(10).pow(k)))
            .unwrap();
        assert_eq!(ratio(conv(from, to)), want, "{from} -> {to}");
    }
    assert_eq!(
        conv("CAD", "CHF").to_string(),
        "0.6166930379746835443037974684"
    );
    // An inverse rate whose reciprocal terminates is exact.
    let fx = FxTable::from_rates(None, vec![rate("EUR", "GBP", "0.8")]).unwrap();
    let c = fx
        .convert_with(
            &Money::parse("1 GBP").unwrap(),
            cur("EUR"),
            &ConvertOptions::default(),
        )
        .unwrap();
    assert_eq!(c.effective_rate.to_string(), "1.25");
}

#[test]
fn a_negative_amount_that_rounds_to_zero_converts_to_zero_without_a_sign() {
    let (fx, _) = sample_table();
    for (amount, to) in [
        ("-0.001 EUR", "GBP"),
        ("-0.004 USD", "GBP"),
        ("-0.005 EUR", "EUR"),
    ] {
        let m = Money::parse(amount).unwrap();
        let single = fx.convert(&m, cur(to)).unwrap();
        let batch = fx
            .convert_each(&[m], cur(to), &ConvertOptions::default())
            .unwrap();
        assert_eq!(single.to_string(), format!("0.00 {to}"));
        assert_eq!(batch.amounts[0].to_string(), format!("0.00 {to}"));
        assert_eq!(batch.total.to_string(), format!("0.00 {to}"));
    }
}

// ---- properties -----------------------------------------------------------------------

/// Targets and sources for the random tables: 0, 2, 3 and 4 minor units.
const CODES: [&str; 8] = ["EUR", "USD", "GBP", "JPY", "KWD", "CLF", "CHF", "CAD"];

/// A rate with a mantissa of 1 to `digits` digits at scale 0 to 12.
fn a_rate(digits: u32) -> impl Strategy<Value = Decimal> {
    (1u32..=digits, 0u32..=12, any::<u128>()).prop_map(|(n, scale, bits)| {
        let top = 10u128.pow(n);
        let mantissa = (bits % top).max(1);
        Decimal::from_i128_with_scale(mantissa as i128, scale.min(28))
    })
}

/// A EUR-based table over [`CODES`], plus one direct pair between two non-base
/// currencies (so direct, inverse and cross paths all occur). Long mantissas reach the
/// wide (beyond 128 bits) arithmetic.
fn a_table(digits: u32) -> impl Strategy<Value = FxTable> {
    (
        prop::collection::vec(a_rate(digits), CODES.len() - 1),
        a_rate(digits),
    )
        .prop_map(|(rates, direct)| {
            let mut all: Vec<Rate> = CODES[1..]
                .iter()
                .zip(rates)
                .map(|(to, r)| Rate {
                    rate: r,
                    ..rate("EUR", to, "1")
                })
                .collect();
            all.push(Rate {
                rate: direct,
                ..rate("USD", "CHF", "1")
            });
            FxTable::from_rates(Some(cur("EUR")), all).unwrap()
        })
}

fn rows_strategy() -> impl Strategy<Value = Vec<(usize, u32, i64, i64)>> {
    prop::collection::vec(
        (
            0..CODES.len(),
            0u32..=6,
            -1_000_000i64..1_000_000,
            -1i64..=1,
        ),
        1..25,
    )
}

fn build_rows(fx: &FxTable, to: Currency, rows: &[(usize, u32, i64, i64)]) -> Vec<Money> {
    rows.iter()
        .filter_map(|&(c, scale, j, nudge)| landing(fx, cur(CODES[c]), to, scale, j, nudge))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Short rates (up to 8 digits): amounts landing on a boundary, or one unit of their
    /// last digit off it, convert to the exact fraction rounded once, in every entry
    /// point and every mode.
    #[test]
    fn conversion_equals_the_exact_fraction_rounded_once(
        fx in a_table(8),
        to in 0..CODES.len(),
        rows in rows_strategy(),
        mode in 0..MODES.len(),
    ) {
        let to = cur(CODES[to]);
        let rows = build_rows(&fx, to, &rows);
        assert_exact(&fx, &rows, to, MODES[mode]);
    }

    /// Rates of up to 28 digits and amounts of up to 28 digits: products far beyond 128
    /// bits. The answer is the exact one whenever a Decimal holds it, and `overflow`
    /// only when it does not.
    #[test]
    fn conversion_of_long_rates_and_amounts_is_exact_and_overflows_only_when_the_result_does_not_fit(
        fx in a_table(28),
        to in 0..CODES.len(),
        rows in prop::collection::vec((0..CODES.len(), any::<i128>(), 0u32..=28), 1..12),
        mode in 0..MODES.len(),
    ) {
        let (to, mode) = (cur(CODES[to]), MODES[mode]);
        for &(c, bits, scale) in &rows {
            let mantissa = bits % (1i128 << 96);
            let m = Money::new(Decimal::from_i128_with_scale(mantissa, scale), cur(CODES[c]));
            let units = oracle_units(&fx, &m, to, mode);
            let mu = to.minor_units().unwrap();
            // The value fits when some scale ≤ mu shows it with a mantissa below 2^96.
            let fits = (0..=mu).any(|drop| {
                let p = BigInt::from(10).pow(drop);
                units.is_multiple_of(&p) && (&units / &p).abs() < (BigInt::one() << 96)
            });
            match fx.convert_with(&m, to, &options(mode)) {
                Ok(c) => {
                    prop_assert!(fits, "{m} -> {to}: {} but the exact value does not fit", c.money);
                    prop_assert_eq!(
                        ratio(c.money.amount()),
                        BigRational::new(units.clone(), BigInt::from(10).pow(mu)),
                        "{} -> {}", m, to
                    );
                }
                Err(e) => {
                    // A cross rate above Decimal's range cannot be reported either.
                    let rate_too_big = exact_rate(&fx, m.currency(), to).unwrap()
                        > BigRational::from_integer(BigInt::one() << 96);
                    prop_assert_eq!(e.code(), "overflow");
                    prop_assert!(!fits || rate_too_big, "{} -> {}: overflow, but it fits", m, to);
                }
            }
            let batch = fx.convert_each(&[m], to, &options(mode));
            match (batch, fits) {
                (Ok(b), true) => prop_assert_eq!(
                    ratio(b.total.amount()),
                    BigRational::new(units.clone(), BigInt::from(10).pow(mu))
                ),
                (Err(e), false) => prop_assert_eq!(e.code(), "overflow"),
                (got, _) => prop_assert!(false, "{m} -> {to}: batch gave {got:?}, fits: {fits}"),
            }
        }
    }

    /// `compare_quotes`, `estimate_trip` and `budget_fit` convert through the same exact
    /// path: every cell, column total and estimate total is the sum of the oracle's
    /// rows, and the budget check converts its total once.
    #[test]
    fn quote_comparison_trip_estimate_and_budget_fit_convert_each_line_exactly_once(
        (fx, codes) in prop_oneof![
            Just(sample_table()),
            a_table(8).prop_map(|t| (t, CODES.iter().map(|c| cur(c)).collect())),
        ],
        to in any::<prop::sample::Index>(),
        lines in prop::collection::vec(
            (any::<prop::sample::Index>(), 1i64..100_000, -1i64..=1),
            1..10,
        ),
        mode in 0..MODES.len(),
    ) {
        let (to, mode) = (*to.get(&codes), MODES[mode]);
        // Line prices at their currency's minor units, landing on the target's boundaries.
        let prices: Vec<Money> = lines
            .iter()
            .filter_map(|(c, j, nudge)| {
                let (from, j, nudge) = (*c.get(&codes), *j, *nudge);
                landing(&fx, from, to, from.minor_units()?, j, nudge)
                    .filter(|m| m.amount().is_sign_positive() && !m.is_zero())
            })
            .collect();
        prop_assume!(!prices.is_empty());
        // One quote per source currency (a quote's lines share its currency), its lines
        // spread over three categories.
        let categories = [Category::Procedure, Category::HospitalStay, Category::Implant];
        let mut quotes: Vec<Quote> = Vec::new();
        for (i, p) in prices.iter().enumerate() {
            let item = LineItem::new(categories[i % 3], "line", Decimal::ONE, *p, Inclusion::Extra);
            match quotes.iter_mut().find(|q| q.currency == p.currency()) {
                Some(q) => q.items.push(item),
                None => quotes.push(Quote {
                    id: format!("q{}", quotes.len()),
                    provider_id: format!("p{}", quotes.len()),
                    procedure: "knee_replacement".into(),
                    currency: p.currency(),
                    items: vec![item],
                    package_price: None,
                    valid_from: None,
                    valid_until: None,
                    deposit: None,
                }),
            }
        }
        let exact = |items: &[LineItem]| -> Vec<(Category, Money)> {
            items.iter().map(|it| (it.category, oracle(&fx, &it.unit_price, to, mode))).collect()
        };
        let sum = |rows: &[(Category, Money)]| {
            rows.iter().try_fold(Money::zero(to), |a, (_, m)| a.add(m)).unwrap()
        };

        let compare = CompareOptions { convert: options(mode), ..CompareOptions::default() };
        let comparison = compare_quotes(&quotes, &fx, to, &compare).unwrap();
        for (k, q) in quotes.iter().enumerate() {
            let rows = exact(&q.items);
            prop_assert_eq!(comparison.columns[k].total, sum(&rows), "column {}", k);
            for row in &comparison.rows {
                let cell: Vec<(Category, Money)> =
                    rows.iter().filter(|(c, _)| *c == row.category).cloned().collect();
                prop_assert_eq!(row.cells[k].amount, sum(&cell), "{:?} of column {}", row.category, k);
            }
        }

        // The first quote plus every line of the others as travel, in their currencies.
        let travel: Vec<LineItem> = quotes[1..]
            .iter()
            .flat_map(|q| q.items.iter().cloned())
            .map(|mut it| {
                it.category = Category::Accommodation;
                it
            })
            .collect();
        let estimate = estimate_trip(&quotes[0], &travel, &fx, to, &options(mode)).unwrap();
        prop_assert_eq!(estimate.medical_total, sum(&exact(&quotes[0].items)));
        prop_assert_eq!(estimate.travel_total, sum(&exact(&travel)));

        let fit = budget_fit(&prices[0], &Money::zero(to), &fx, &options(mode)).unwrap();
        prop_assert_eq!(fit.total, oracle(&fx, &prices[0], to, mode));
    }
}
