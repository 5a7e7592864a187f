//! Converting and summing line items across 20 currencies (`FxTable::convert_sum`,
//! `FxTable::convert_each`, and `FxTable::convert_sum_minor` on the columns the Python
//! and JS batch entry points pass) at 10^3, 10^5 and 10^6 items.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::{ConvertOptions, Currency, RoundingMode};
use medjourney_benches::{
    currencies, fx_table, line_item_columns, line_items, SIZES, TARGET_CURRENCY,
};
use std::hint::black_box;

fn money(c: &mut Criterion<common::CpuTime>) {
    let (fx, to) = match (fx_table(), Currency::from_code(TARGET_CURRENCY)) {
        (Ok(fx), Ok(to)) => (fx, to),
        (Err(e), _) | (_, Err(e)) => panic!("bench fx table: {e}"),
    };
    let options = ConvertOptions::default();
    let table = currencies().unwrap_or_else(|e| panic!("bench currencies: {e}"));
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
        // The core's time for what `FxTable.convert_sum` (Python) and `convertSumColumns`
        // (JS) hand it: the binding-cost ratios in the summary divide by this.
        let cols = line_item_columns(n);
        group.bench_with_input(common::id("convert_sum_columns", n), &cols, |b, cols| {
            b.iter(|| {
                fx.convert_sum_minor(
                    black_box(&cols.minor),
                    black_box(&cols.currency),
                    &table,
                    to,
                    RoundingMode::HalfEven,
                )
                .map(black_box)
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
