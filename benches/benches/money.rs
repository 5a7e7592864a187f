//! Money arithmetic and conversion on generated amounts.

use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::{samples, Currency, RoundingMode};
use medjourney_benches::amounts;
use std::hint::black_box;

fn money(c: &mut Criterion) {
    let fx = match samples::fx() {
        Ok(fx) => fx,
        Err(e) => {
            eprintln!("sample fx table did not load: {e}");
            return;
        }
    };
    let codes = ["EUR", "USD", "GBP", "TRY", "THB", "INR", "MXN", "HUF"];
    let currencies: Vec<Currency> = codes
        .iter()
        .filter_map(|c| Currency::from_code(c).ok())
        .collect();
    let Ok(items) = amounts(1000, &currencies, 42) else {
        return;
    };
    let Ok(eur) = Currency::from_code("EUR") else {
        return;
    };
    c.bench_function("convert_sum 1e3 amounts over 8 currencies", |b| {
        b.iter(|| black_box(fx.convert_sum(black_box(&items), eur, RoundingMode::HalfEven)))
    });
    c.bench_function("parse money", |b| {
        b.iter(|| black_box(medjourney::Money::parse(black_box("1234.50 EUR"))))
    });
}

criterion_group!(benches, money);
criterion_main!(benches);
