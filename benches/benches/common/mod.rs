//! Criterion settings shared by the bench targets: short runs for the big sizes so the
//! whole suite takes a few minutes on two cores, measured in the thread's CPU time.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

/// The calling thread's CPU time (user + system), in nanoseconds.
///
/// The targets are "one core" figures and every benchmarked call is single-threaded, so
/// CPU time is what they mean; unlike wall time it does not grow when other processes
/// share the machine's cores. On an idle machine the two agree.
pub struct CpuTime;

fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the kernel knows.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return 0;
    }
    (ts.tv_sec as u64)
        .saturating_mul(1_000_000_000)
        .saturating_add(ts.tv_nsec as u64)
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;

    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a.saturating_add(*b)
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, value: &u64) -> f64 {
        *value as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        // Values are nanoseconds, exactly like wall time's, so its formatter applies.
        WallTime.formatter()
    }
}

/// Criterion configured with [`CpuTime`] and without plots (the summary is a table).
pub fn config() -> Criterion<CpuTime> {
    Criterion::default()
        .with_measurement(CpuTime)
        .without_plots()
}

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
