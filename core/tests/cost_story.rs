//! The shared sample story through the public API, JSON round trips, and the batch path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests may panic

use medjourney::cost::{FindingKind, PaymentKind};
use medjourney::{samples, ConvertOptions, Currency, FxTable, Money, RoundingMode};
use serde::{de::DeserializeOwned, Serialize};

fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(v: &T) {
    let text = serde_json::to_string(v).unwrap();
    let back: T = serde_json::from_str(&text).unwrap();
    assert_eq!(&back, v, "{text}");
}

#[test]
fn higher_procedure_fee_is_cheaper_all_in_and_the_expired_quote_is_flagged() {
    let c = samples::comparison().unwrap();
    let col = |p: &str| c.columns.iter().find(|q| q.provider_id == p).unwrap();
    let (bos, siam, chen) = (
        col("bosphorus-ortho"),
        col("siam-joint"),
        col("chennai-ortho"),
    );
    assert!(bos.total.compare(&siam.total).unwrap().is_lt());
    assert!(chen.total.compare(&bos.total).unwrap().is_lt());
    assert!(chen.expired && !bos.expired && !siam.expired);
    assert_eq!(c.cheapest.as_deref(), Some(bos.quote_id.as_str()));
    let higher = c
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::HigherFeeCheaperOverall)
        .unwrap();
    assert_eq!(higher.quote_id, bos.quote_id);
    assert_eq!(higher.other_quote_ids, vec![siam.quote_id.clone()]);
    assert!(c
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::Expired && f.quote_id == chen.quote_id));
    round_trips(&c);
}

#[test]
fn sample_trip_fits_the_budget_and_every_sample_round_trips() {
    let e = samples::estimate().unwrap();
    assert_eq!(e.currency.code(), "GBP");
    let lines = Money::sum(e.lines.iter().map(|l| &l.amount), e.currency).unwrap();
    assert_eq!(lines, e.total);
    assert!(!e.rates_used.is_empty());
    let fit = samples::budget_fit().unwrap();
    assert!(fit.fits);
    assert_eq!(fit.budget.sub(&fit.total).unwrap(), fit.under_by);
    let a = samples::adjudication().unwrap();
    assert_eq!(a.insurer_total.add(&a.patient_total).unwrap(), e.total);
    assert!(a.pre_authorization_required && a.out_of_pocket_max_reached);
    let s = samples::payment_plan().unwrap().schedule().unwrap();
    assert_eq!(
        s.payments.first().map(|p| p.kind),
        Some(PaymentKind::Deposit)
    );
    for q in samples::quotes().unwrap() {
        round_trips(&q);
        round_trips(&q.totals().unwrap());
    }
    round_trips(&e);
    round_trips(&a);
    round_trips(&s);
    round_trips(&fit);
    round_trips(&samples::policy().unwrap());
    round_trips(&samples::payment_plan().unwrap());
    round_trips(&samples::compare_options().unwrap());
}

#[test]
fn batch_conversion_matches_one_by_one_conversion() {
    let fx = samples::fx().unwrap();
    let gbp = Currency::from_code("GBP").unwrap();
    let codes = ["EUR", "USD", "TRY", "THB", "INR", "JPY", "GBP", "KRW"];
    let items: Vec<Money> = (0..400)
        .map(|i| {
            let c = Currency::from_code(codes[i % codes.len()]).unwrap();
            Money::from_minor(i as i128 * 7919 + 13, c).unwrap()
        })
        .collect();
    let opts = ConvertOptions::default();
    let batch = fx.convert_each(&items, gbp, &opts).unwrap();
    for (m, got) in items.iter().zip(&batch.amounts) {
        assert_eq!(fx.convert(m, gbp).unwrap(), *got);
    }
    let sum = fx.convert_sum(&items, gbp, RoundingMode::HalfEven).unwrap();
    assert_eq!(sum, batch.total);
}

#[test]
fn batch_conversion_reports_no_rate_and_stale_rates() {
    let fx = samples::fx().unwrap();
    let gbp = Currency::from_code("GBP").unwrap();
    let brl = Money::from_parts("10.00", "BRL").unwrap();
    let err = fx
        .convert_each(&[brl], gbp, &ConvertOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "no_rate");
    let aed = Money::from_parts("10.00", "AED").unwrap();
    let mut opts = samples::convert_options().unwrap();
    opts.max_age_hours = Some(48);
    assert!(fx.convert_each(&[aed], gbp, &opts).unwrap().stale);
    opts.stale = medjourney::StalePolicy::Error;
    let err = fx.convert_each(&[aed], gbp, &opts).unwrap_err();
    assert_eq!(err.code(), "stale_rate");
}

/// Rough timing of the benchmarked batch path (debug build; run with --ignored --nocapture).
#[test]
#[ignore]
fn convert_sum_million_items_twenty_currencies_timing() {
    let fx: FxTable = samples::fx().unwrap();
    let codes: Vec<Currency> = fx
        .rates()
        .map(|r| r.to)
        .chain([fx.rates().next().unwrap().from])
        .collect();
    assert!(codes.len() >= 19);
    let items: Vec<Money> = (0..1_000_000)
        .map(|i| Money::from_minor(i as i128 * 37 + 101, codes[i % codes.len()]).unwrap())
        .collect();
    let gbp = Currency::from_code("GBP").unwrap();
    let t = std::time::Instant::now();
    let total = fx.convert_sum(&items, gbp, RoundingMode::HalfEven).unwrap();
    println!(
        "convert_sum 1e6 items over {} currencies: {:?} -> {total}",
        codes.len(),
        t.elapsed()
    );
    let t = std::time::Instant::now();
    let b = fx
        .convert_each(&items, gbp, &ConvertOptions::default())
        .unwrap();
    println!("convert_each 1e6 items: {:?} -> {}", t.elapsed(), b.total);
    assert_eq!(total, b.total);
}
