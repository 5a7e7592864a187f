//! The journey map over touchpoint events (`journey_map_columns`): 10^3, 10^5 and 10^6
//! events over a tenth as many journeys.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::{journey_map_columns, MapOptions};
use medjourney_benches::{journey_table, SIZES};
use std::hint::black_box;

fn journey(c: &mut Criterion<common::CpuTime>) {
    let options = MapOptions::default();
    let mut group = c.benchmark_group("journey");
    for n in SIZES {
        let table = journey_table(n).unwrap_or_else(|e| panic!("journey table: {e}"));
        let columns = table.columns();
        common::size_group(&mut group, n);
        group.bench_with_input(common::id("journey_map_columns", n), &columns, |b, cols| {
            b.iter(|| journey_map_columns(black_box(cols), &options).map(|m| black_box(m.journeys)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = journey
}
criterion_main!(benches);
