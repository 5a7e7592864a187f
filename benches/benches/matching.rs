//! Ranking a generated catalog (filters + weighted sum, and TOPSIS; top 10; and with the
//! first 100 exclusions listed with reasons) and raw TOPSIS and weighted sum
//! on an `n × 8` matrix, at 10^3, 10^5 and 10^6 providers / rows.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use medjourney::{rank, topsis, weighted_sum, Method, Normalization, Result};
use medjourney_benches::{
    catalog, criteria_matrix, rank_options, rank_request, CRITERIA_TYPES, CRITERIA_WEIGHTS, SIZES,
};
use std::hint::black_box;

fn matching(c: &mut Criterion<common::CpuTime>) {
    let request = rank_request().unwrap_or_else(|e| panic!("request: {e}"));
    let options = |method, exclusions| {
        rank_options(method, exclusions).unwrap_or_else(|e| panic!("options: {e}"))
    };
    // Top 10 only, as a results page asks for; the exclusion list is benched apart because
    // listing excluded providers by id is a separate (and, at 10^6, costlier) request.
    let weighted = options(Method::WeightedSum, 0);
    let closeness = options(Method::Topsis, 0);
    let with_exclusions = options(Method::WeightedSum, 100);
    let mut group = c.benchmark_group("matching");
    for n in SIZES {
        let cat = catalog(n).unwrap_or_else(|e| panic!("catalog: {e}"));
        common::size_group(&mut group, n);
        group.bench_with_input(common::id("rank", n), &cat, |b, cat| {
            b.iter(|| rank(black_box(cat), &request, &weighted).map(|r| black_box(r.candidates)))
        });
        group.bench_with_input(common::id("rank_topsis", n), &cat, |b, cat| {
            b.iter(|| rank(black_box(cat), &request, &closeness).map(|r| black_box(r.candidates)))
        });
        group.bench_with_input(common::id("rank_exclusions", n), &cat, |b, cat| {
            b.iter(|| {
                rank(black_box(cat), &request, &with_exclusions)
                    .map(|r| black_box(r.excluded.len()))
            })
        });
        drop(cat);
        let matrix = criteria_matrix(n);
        // `weighted_sum` is what `mj.weighted_sum` (Python) hands the core: the binding
        // table divides by it.
        type Scorer = fn(&[f64], usize, usize, &[f64], &[i8], Normalization) -> Result<Vec<f64>>;
        let scorers: [(&str, Scorer); 2] = [("topsis", topsis), ("weighted_sum", weighted_sum)];
        for (name, score) in scorers {
            group.bench_with_input(common::id(name, n), &matrix, |b, m| {
                b.iter(|| {
                    score(
                        black_box(m),
                        n,
                        CRITERIA_WEIGHTS.len(),
                        &CRITERIA_WEIGHTS,
                        &CRITERIA_TYPES,
                        Normalization::MinMax,
                    )
                    .map(|s| black_box(s.len()))
                })
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = matching
}
criterion_main!(benches);
