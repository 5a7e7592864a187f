//! The batch conversions (`convert_sum`, `convert_each`) take an exact integer shortcut on
//! most rows; these tests hold them to the one-by-one decimal answer, digit for digit,
//! for every rounding mode, on random amounts and on the rows built to sit exactly on a
//! rounding boundary (midpoints, whole minor units, negatives that round to zero).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::{
    samples, ConvertOptions, Currency, Decimal, FxTable, Money, Rate, RoundingMode, StalePolicy,
};
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

/// The sample table plus rates outside the shortcut's range and with long mantissas.
fn table() -> FxTable {
    let mut fx = samples::fx().unwrap();
    let as_of = fx.rates().next().unwrap().as_of;
    for (to, rate) in [
        ("VND", "27312.123456789"),          // 0 minor units, long mantissa
        ("KWD", "0.33291"),                  // 3 minor units
        ("IDR", "1234567890.5"),             // above 1e9: no shortcut
        ("XAU", "0.0000000004"),             // below 1e-9 (and no minor units)
        ("BHD", "0.4079999999999999999999"), // 22 decimals
    ] {
        fx.insert(Rate {
            from: cur("EUR"),
            to: cur(to),
            rate: to_dec(rate),
            as_of,
            source: String::new(),
        })
        .unwrap();
    }
    fx
}

fn to_dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

const SOURCES: [&str; 12] = [
    "EUR", "USD", "GBP", "TRY", "JPY", "KRW", "INR", "COP", "VND", "KWD", "IDR", "BHD",
];
const TARGETS: [&str; 6] = ["GBP", "EUR", "JPY", "KWD", "USD", "VND"];

/// One-by-one conversion: each row through `convert_with`, summed with decimals.
fn one_by_one(
    fx: &FxTable,
    items: &[Money],
    to: Currency,
    mode: RoundingMode,
) -> (Vec<String>, String) {
    let opts = ConvertOptions {
        rounding: mode,
        ..ConvertOptions::default()
    };
    let each: Vec<Money> = items
        .iter()
        .map(|m| fx.convert_with(m, to, &opts).unwrap().money)
        .collect();
    let total = Money::sum(&each, to).unwrap().round(mode).unwrap();
    (
        each.iter().map(|m| m.to_string()).collect(),
        total.to_string(),
    )
}

fn assert_batch_matches(fx: &FxTable, items: &[Money], to: Currency, mode: RoundingMode) {
    let (each, total) = one_by_one(fx, items, to, mode);
    let opts = ConvertOptions {
        rounding: mode,
        ..ConvertOptions::default()
    };
    let batch = fx.convert_each(items, to, &opts).unwrap();
    let got: Vec<String> = batch.amounts.iter().map(|m| m.to_string()).collect();
    assert_eq!(got, each, "convert_each rows, {mode:?} to {to}");
    assert_eq!(
        batch.total.to_string(),
        total,
        "convert_each total, {mode:?} to {to}"
    );
    let sum = fx.convert_sum(items, to, mode).unwrap();
    assert_eq!(sum.to_string(), total, "convert_sum, {mode:?} to {to}");
}

/// A EUR-based table whose rates make amounts landing exactly on a rounding boundary easy
/// to write down: targets with terminating reciprocals (0.8, 160, 0.32), and CHF at three
/// times USD.
fn boundary_table() -> FxTable {
    let as_of = samples::fx().unwrap().rates().next().unwrap().as_of;
    let rates = [
        ("GBP", "0.8"),
        ("JPY", "160"),
        ("KWD", "0.32"),
        ("USD", "1.0842"),
        // 3 × the USD rate: CHF → EUR → USD divides into a non-terminating decimal, so the
        // decimal path lands a hair off the exact midpoints and whole units built below.
        ("CHF", "3.2526"),
        ("TRY", "36.912"),
        ("KRW", "1513.62"),
        ("VND", "27312.123456789"),
        ("BHD", "0.4079999999999999999999"),
        ("IDR", "1234567890.5"),
    ];
    let rates = rates
        .iter()
        .map(|(to, rate)| Rate {
            from: cur("EUR"),
            to: cur(to),
            rate: to_dec(rate),
            as_of,
            source: String::new(),
        })
        .collect();
    FxTable::from_rates(Some(cur("EUR")), rates).unwrap()
}

/// Amounts in every currency of `fx` whose exact conversion to `to` is `k/2` minor units
/// (a midpoint for odd k, a whole unit for even k); EUR→X rates as in [`boundary_table`].
fn boundary_rows(fx: &FxTable, to: Currency) -> Vec<Money> {
    let eur = cur("EUR");
    let unit = Decimal::new(1, to.minor_units().unwrap_or(0));
    let per_eur = |c: Currency| -> Decimal {
        if c == eur {
            Decimal::ONE
        } else {
            fx.rates().find(|r| r.to == c).unwrap().rate
        }
    };
    let mut rows = Vec::new();
    let sources = std::iter::once(eur).chain(fx.rates().map(|r| r.to));
    for from in sources {
        for k in [-7i64, -3, -2, -1, 1, 2, 3, 5, 7, 2_001, 123_457] {
            let target = unit * Decimal::new(k, 0) / Decimal::TWO;
            // amount · per_eur(to) / per_eur(from) = target
            let x = target * per_eur(from);
            let amount = x / per_eur(to);
            if amount * per_eur(to) == x {
                rows.push(Money::new(amount, from));
            }
        }
    }
    rows
}

#[test]
fn batch_conversion_equals_one_by_one_on_midpoints_and_whole_units_in_every_mode() {
    let fx = boundary_table();
    for to in ["EUR", "GBP", "JPY", "KWD", "USD"] {
        let to = cur(to);
        let rows = boundary_rows(&fx, to);
        assert!(
            rows.len() >= 80,
            "only {} boundary rows for {to}",
            rows.len()
        );
        for mode in MODES {
            assert_batch_matches(&fx, &rows, to, mode);
        }
    }
}

#[test]
fn batch_conversion_keeps_the_sign_of_a_negative_amount_that_rounds_to_zero() {
    let fx = table();
    let gbp = cur("GBP");
    let rows = [Money::new(to_dec("-0.001"), cur("EUR"))];
    for mode in MODES {
        assert_batch_matches(&fx, &rows, gbp, mode);
    }
    let rows = [
        Money::new(to_dec("-0.001"), cur("EUR")),
        Money::new(to_dec("10.00"), cur("EUR")),
        Money::new(to_dec("-0.004"), cur("USD")),
    ];
    for mode in MODES {
        assert_batch_matches(&fx, &rows, gbp, mode);
    }
}

#[test]
fn batch_conversion_reports_the_first_failing_row_like_the_decimal_loop() {
    let fx = table();
    let gbp = cur("GBP");
    let good = Money::from_parts("10.00", "EUR").unwrap();
    let brl = Money::from_parts("10.00", "BRL").unwrap();
    let err = fx
        .convert_sum(&[good, brl], gbp, RoundingMode::HalfEven)
        .unwrap_err();
    assert_eq!(err.code(), "no_rate");
    let err = fx
        .convert_each(&[good, brl], gbp, &ConvertOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "no_rate");
    // Overflow of the running total is still an error, not a silent wrap.
    let huge = Money::new(Decimal::MAX, gbp);
    let err = fx
        .convert_sum(&[huge, huge], gbp, RoundingMode::HalfEven)
        .unwrap_err();
    assert_eq!(err.code(), "overflow");
    let err = fx
        .convert_each(&[huge, huge], gbp, &ConvertOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "overflow");
}

#[test]
fn batch_conversion_still_judges_and_flags_stale_rates() {
    let fx = table();
    let gbp = cur("GBP");
    let aed = Money::from_parts("10.00", "AED").unwrap();
    let eur = Money::from_parts("10.00", "EUR").unwrap();
    let mut opts = samples::convert_options().unwrap();
    opts.max_age_hours = Some(48);
    opts.stale = StalePolicy::Flag;
    let batch = fx.convert_each(&[eur, aed], gbp, &opts).unwrap();
    assert!(batch.stale);
    let codes: Vec<&str> = batch.rates_used.iter().map(|r| r.to.code()).collect();
    assert_eq!(codes, ["GBP", "AED"]);
    opts.stale = StalePolicy::Error;
    let err = fx.convert_each(&[eur, aed], gbp, &opts).unwrap_err();
    assert_eq!(err.code(), "stale_rate");
}

#[test]
fn batch_conversion_of_nothing_or_of_rows_cancelling_out_is_zero_in_minor_units() {
    let fx = table();
    for to in TARGETS {
        let to = cur(to);
        assert_batch_matches(&fx, &[], to, RoundingMode::HalfEven);
        let a = Money::from_parts("12.34", "USD").unwrap();
        assert_batch_matches(&fx, &[a, a.neg()], to, RoundingMode::HalfEven);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random rows in twelve currencies (some outside the shortcut's range), any scale,
    /// any sign, to six targets: every row and the total agree digit for digit.
    #[test]
    fn batch_conversion_equals_one_by_one_conversion_in_every_mode(
        rows in prop::collection::vec(
            (0..SOURCES.len(), -1_000_000_000_000_000i64..1_000_000_000_000_000, 0u32..8),
            0..60,
        ),
        target in 0..TARGETS.len(),
        mode in 0..MODES.len(),
    ) {
        let fx = table();
        let items: Vec<Money> = rows
            .iter()
            .map(|&(c, m, s)| Money::new(Decimal::new(m, s), cur(SOURCES[c])))
            .collect();
        assert_batch_matches(&fx, &items, cur(TARGETS[target]), MODES[mode]);
    }
}
