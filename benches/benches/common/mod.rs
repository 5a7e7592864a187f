//! Criterion settings shared by the bench targets: short runs for the big sizes so the
//! whole suite takes a few minutes on two cores.

use criterion::{BenchmarkGroup, BenchmarkId, Throughput};
use std::time::Duration;

/// Sample count and measurement time by input size: a 10^6 run takes tens of ms, so ten
/// samples over a few seconds give a stable median without minutes per bench.
pub fn size_group<M: criterion::measurement::Measurement>(
    group: &mut BenchmarkGroup<'_, M>,
    n: usize,
) {
    group.throughput(Throughput::Elements(n as u64));
    if n >= 1_000_000 {
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
    } else if n >= 100_000 {
        group.sample_size(20);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
    } else {
        group.sample_size(50);
        group.warm_up_time(Duration::from_millis(300));
        group.measurement_time(Duration::from_secs(1));
    }
}

/// The benchmark id used by scripts/bench.sh: `<function>/<size>`.
pub fn id(function: &str, n: usize) -> BenchmarkId {
    BenchmarkId::new(function, n)
}
