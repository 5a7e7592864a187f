//! Converting and summing line items across 20 currencies (`FxTable::convert_sum` and
//! `FxTable::convert_each`) at 10^3, 10^5 and 10^6 items.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::{ConvertOptions, Currency, RoundingMode};
use medjourney_benches::{fx_table, line_items, SIZES, TARGET_CURRENCY};
use std::hint::black_box;

fn money(c: &mut Criterion<common::CpuTime>) {
    let (fx, to) = match (fx_table(), Currency::from_code(TARGET_CURRENCY)) {
        (Ok(fx), Ok(to)) => (fx, to),
        (Err(e), _) | (_, Err(e)) => panic!("bench fx table: {e}"),
    };
    let options = ConvertOptions::default();
    let mut group = c.benchmark_group("money");
    for n in SIZES {
        let items = line_items(n).unwrap_or_else(|e| panic!("line items: {e}"));
        common::size_group(&mut group, n);
        group.bench_with_input(common::id("convert_sum", n), &items, |b, items| {
            b.iter(|| {
                fx.convert_sum(black_box(items), to, RoundingMode::HalfEven)
                    .map(black_box)
            })
        });
        group.bench_with_input(common::id("convert_each", n), &items, |b, items| {
            b.iter(|| {
                fx.convert_each(black_box(items), to, &options)
                    .map(|m| black_box(m.total))
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = money
}
criterion_main!(benches);
