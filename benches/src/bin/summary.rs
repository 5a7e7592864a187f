//! Collects the benchmark figures into one Markdown table of times, targets and ratios.
//!
//! Usage: `summary CRITERION_DIR RESULTS_DIR` — reads criterion's
//! `CRITERION_DIR/<group>/<function>/<size>/new/estimates.json` (median, in CPU ns),
//! `RESULTS_DIR/memory.json` (written by the `rank_memory` bench) and, when present, the
//! peer comparisons `RESULTS_DIR/python.json` and `RESULTS_DIR/js.json`; writes
//! `RESULTS_DIR/summary.md` and prints it.
//!
//! Peer files hold `{"results": [{"benchmark": "topsis", "size": 1000000,
//! "medjourney_ms": 12.3, "peer": "pymcdm", "peer_ms": 456.7, "target_ratio": 10}]}`;
//! the ratio shown is `peer_ms / medjourney_ms` (how many times faster medjourney is).
//! A row's optional `"runtime"` ("node", "chromium") says where a JS figure was taken;
//! optional `"medjourney_cpu_ms"` is medjourney's CPU time over the same calls (on the
//! clock `"cpu_clock"` names, the calling thread's by default), which the binding table
//! prefers; a row whose `"peer"` is null times an entry point against the core alone.
//! The binding table sets each package's time beside the core's own (criterion) on the
//! same benchmark and size: what crossing the boundary costs.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use medjourney_benches::{SCALING_SIZES, SIZES};
use serde_json::Value;

/// One Rust benchmark row: criterion id, label, and the target at 10^6 in ms (if any).
const RUST_ROWS: [(&str, &str, &str, Option<f64>); 9] = [
    ("matching", "rank", "rank, weighted sum, top 10", Some(50.0)),
    (
        "matching",
        "rank_topsis",
        "rank, TOPSIS, top 10",
        Some(50.0),
    ),
    (
        "matching",
        "rank_exclusions",
        "rank, weighted sum, top 10 + first 100 exclusions",
        None,
    ),
    ("matching", "topsis", "raw TOPSIS, 8 criteria", Some(30.0)),
    (
        "matching",
        "weighted_sum",
        "raw weighted sum, 8 criteria",
        None,
    ),
    (
        "money",
        "convert_sum",
        "convert + sum, 20 currencies",
        Some(40.0),
    ),
    (
        "money",
        "convert_sum_columns",
        "convert + sum on columns (minor units, currency index)",
        None,
    ),
    (
        "money",
        "convert_each",
        "convert each + total, 20 currencies",
        Some(40.0),
    ),
    (
        "journey",
        "journey_map_columns",
        "journey map over events",
        Some(150.0),
    ),
];

fn median_ms(criterion: &Path, group: &str, function: &str, size: usize) -> Option<f64> {
    let path = criterion
        .join(group)
        .join(function)
        .join(size.to_string())
        .join("new")
        .join("estimates.json");
    let v: Value = serde_json::from_str(&fs::read_to_string(path).ok()?).ok()?;
    Some(v["median"]["point_estimate"].as_f64()? / 1e6)
}

fn ms(x: Option<f64>) -> String {
    match x {
        Some(v) if v >= 100.0 => format!("{v:.0} ms"),
        Some(v) if v >= 1.0 => format!("{v:.1} ms"),
        Some(v) => format!("{:.1} µs", v * 1e3),
        None => "–".into(),
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

fn rust_table(out: &mut String, criterion: &Path) {
    let _ = writeln!(
        out,
        "## Rust core (criterion, median of thread CPU time, one core)\n"
    );
    let _ = writeln!(
        out,
        "| benchmark | 10^3 | 10^5 | 10^6 | per item at 10^6 | target at 10^6 | status |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---|");
    for (group, function, label, target) in RUST_ROWS {
        let times: Vec<Option<f64>> = SIZES
            .iter()
            .map(|&n| median_ms(criterion, group, function, n))
            .collect();
        let big = times.last().copied().flatten();
        // ms per 10^6 items = ns per item.
        let per_item = big.map(|t| format!("{t:.1} ns"));
        let status = match (big, target) {
            (Some(t), Some(limit)) => {
                format!("{} ({:.2}× of budget)", verdict(t <= limit), t / limit)
            }
            (None, _) => "not run".into(),
            (Some(_), None) => "–".into(),
        };
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {status} |",
            ms(times[0]),
            ms(times[1]),
            ms(times[2]),
            per_item.unwrap_or_else(|| "–".into()),
            target.map_or("–".into(), |t| format!("≤ {t:.0} ms")),
        );
    }
}

/// The scaling bench: each operation at 10^3, 10^4 and 10^5 items, and the ratio of
/// each size to the one before (10 is linear, about 13 n log n, 100 quadratic; the bound
/// is 15).
const SCALING_ROWS: [(&str, &str); 5] = [
    ("check", "itinerary check, the sample trip repeated"),
    (
        "check_overlapping",
        "itinerary check, all items simultaneous",
    ),
    ("validate", "Journey::validate, n visits + n touchpoints"),
    ("record", "Journey::record, n touchpoints"),
    ("journey_map", "journey map of n journey objects"),
];

fn scaling_table(out: &mut String, criterion: &Path) {
    let [a, b, c] = SCALING_SIZES;
    let _ = writeln!(out, "\n## Scaling: n = {a}, {b} and {c}\n");
    let _ = writeln!(
        out,
        "| operation | {a} | {b} | {c} | {b} / {a} | {c} / {b} | bound | status |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|");
    for (function, label) in SCALING_ROWS {
        let t: Vec<Option<f64>> = SCALING_SIZES
            .iter()
            .map(|&n| median_ms(criterion, "scaling", function, n))
            .collect();
        let ratio = |i: usize| t[i].zip(t[i + 1]).map(|(x, y)| y / x);
        let ratios = [ratio(0), ratio(1)];
        let shown = |r: Option<f64>| r.map_or("–".into(), |r| format!("{r:.1}×"));
        let status = if ratios.iter().all(Option::is_some) {
            verdict(ratios.iter().flatten().all(|&r| r <= 15.0))
        } else {
            "not run"
        };
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | ≤ 15× | {status} |",
            ms(t[0]),
            ms(t[1]),
            ms(t[2]),
            shown(ratios[0]),
            shown(ratios[1]),
        );
    }
}

fn memory_table(out: &mut String, results: &Path) {
    let _ = writeln!(out, "\n## Memory: ranking 10^6 providers\n");
    let Some(v) = fs::read_to_string(results.join("memory.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        let _ = writeln!(out, "not run (memory.json missing)");
        return;
    };
    let mb = |k: &str| {
        v[k].as_f64()
            .map_or("–".into(), |b| format!("{:.1} MB", b / 1e6))
    };
    let ratio = v["peakRatio"].as_f64();
    let _ = writeln!(
        out,
        "| catalog in memory | extra peak while ranking | peak / catalog | target | status |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | < 3× | {} |",
        mb("catalogBytes"),
        mb("rankExtraPeakBytes"),
        ratio.map_or("–".into(), |r| format!("{r:.2}×")),
        ratio.map_or("not run", |r| verdict(r < 3.0)),
    );
}

fn peer_table(out: &mut String, results: &Path, file: &str, title: &str) {
    let _ = writeln!(out, "\n## {title}\n");
    let Some(v) = fs::read_to_string(results.join(file))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        let _ = writeln!(out, "not run yet ({file} missing).");
        return;
    };
    let _ = writeln!(
        out,
        "| benchmark | size | medjourney | peer | peer time | ratio | target | status |"
    );
    let _ = writeln!(out, "|---|---:|---:|---|---:|---:|---:|---|");
    // Rows without a peer are entry points timed against the core alone (binding table).
    for r in v["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["peer"].is_string())
    {
        let ours = r["medjourney_ms"].as_f64();
        let theirs = r["peer_ms"].as_f64();
        let ratio = ours.zip(theirs).map(|(a, b)| b / a);
        let target = r["target_ratio"].as_f64();
        let status = match (ratio, target) {
            (Some(x), Some(t)) => verdict(x >= t).to_string(),
            _ => "–".into(),
        };
        let bench = match r["runtime"].as_str() {
            Some(runtime) => format!("{} ({runtime})", r["benchmark"].as_str().unwrap_or("?")),
            None => r["benchmark"].as_str().unwrap_or("?").to_string(),
        };
        let _ = writeln!(
            out,
            "| {bench} | {} | {} | {} | {} | {} | {} | {status} |",
            r["size"],
            ms(ours),
            r["peer"].as_str().unwrap_or("?"),
            ms(theirs),
            ratio.map_or("–".into(), |x| format!("{x:.1}×")),
            target.map_or("–".into(), |t| format!("≥ {t}×")),
        );
    }
}

/// Peak resident memory of each engine over the Parquet parts (`tables.json`, "memory").
fn parquet_memory_table(out: &mut String, results: &Path) {
    let _ = writeln!(
        out,
        "\n## Journey map from Parquet: time and peak memory per engine (fresh process each)\n"
    );
    let Some(rows) = fs::read_to_string(results.join("tables.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v.get("memory").and_then(|m| m.as_array().cloned()))
    else {
        let _ = writeln!(out, "not run (tables.json missing)");
        return;
    };
    let _ = writeln!(
        out,
        "| engine | events | seconds | peak MiB |\n|---|---:|---:|---:|"
    );
    for r in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            r["engine"].as_str().unwrap_or("?"),
            r["events"],
            r["seconds"],
            r["peak_mib"]
        );
    }
}

/// Package benchmark → the criterion group and function timing the same work in the core.
const CORE_OF: [(&str, &str, &str); 5] = [
    ("topsis", "matching", "topsis"),
    ("weighted_sum", "matching", "weighted_sum"),
    ("convert_sum", "money", "convert_sum_columns"),
    ("journey_map", "journey", "journey_map_columns"),
    // MapAccumulator.add_columns + finish in exact mode: the same work, batch by batch.
    ("map_accumulator", "journey", "journey_map_columns"),
];

/// Binding cost: each distinct (language, runtime, benchmark, size) time over the core's.
/// Targets (issue 19, at 10^6): every Python batch entry point within 1.3× of the core,
/// JS convert + sum within 2×. A row says which clock its package time is on: CPU time
/// when the peer file gives it (`medjourney_cpu_ms`; `cpu_clock` names it, the calling
/// thread's by default as Python measures it, the same definition as criterion's for the
/// core; Node gives only the process's, which also counts V8's helper threads), wall time
/// otherwise (Chromium), which a loaded machine inflates.
fn binding_table(out: &mut String, criterion: &Path, results: &Path) {
    let _ = writeln!(
        out,
        "\n## Binding cost (package time / core time on the same data; criterion for the core)\n"
    );
    let _ = writeln!(
        out,
        "The core's time is criterion's median of thread CPU time. The package's is the median \
         of the same measure where the bench can take it (`thread CPU`: Python, \
         `time.thread_time_ns` around the call, which runs the core on the calling thread with \
         the GIL released), of the process's CPU time in Node (`process CPU`: \
         `process.cpuUsage`, which also counts V8's helper threads, so never less than the \
         thread's) and of wall time in Chromium (`wall`: no CPU clock there).\n"
    );
    let _ = writeln!(
        out,
        "| language | benchmark | size | package | clock | package (wall) | core | package / core | target | status |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---|---:|---:|---:|---:|---|");
    let mut seen: Vec<(String, String, u64)> = Vec::new();
    for (file, language) in [("python.json", "Python"), ("js.json", "JS")] {
        let Some(v) = fs::read_to_string(results.join(file))
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            continue;
        };
        for r in v["results"].as_array().into_iter().flatten() {
            let bench = r["benchmark"].as_str().unwrap_or("?");
            let runtime = r["runtime"].as_str().unwrap_or("");
            let size = r["size"].as_u64().unwrap_or(0);
            let lang = if runtime.is_empty() {
                language.to_string()
            } else {
                format!("{language} ({runtime})")
            };
            let key = (lang.clone(), bench.to_string(), size);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let Some((_, group, function)) = CORE_OF.iter().find(|(b, _, _)| *b == bench) else {
                continue;
            };
            let (ours, clock) = match r["medjourney_cpu_ms"].as_f64() {
                Some(cpu) => (Some(cpu), r["cpu_clock"].as_str().unwrap_or("thread CPU")),
                None => (r["medjourney_ms"].as_f64(), "wall"),
            };
            // Python's journey map is sized in events, the core bench in journeys.
            let core_size = r["core_size"].as_u64().unwrap_or(size);
            let core = usize::try_from(core_size)
                .ok()
                .and_then(|n| median_ms(criterion, group, function, n));
            let ratio = ours.zip(core).map(|(a, b)| a / b);
            let target = match (language, bench, core_size) {
                ("Python", _, 1_000_000) => Some(1.3),
                ("JS", "convert_sum", 1_000_000) => Some(2.0),
                _ => None,
            };
            let status = match (ratio, target) {
                (Some(x), Some(t)) => verdict(x <= t).to_string(),
                _ => "–".into(),
            };
            let _ = writeln!(
                out,
                "| {lang} | {bench} | {size} | {} | {clock} | {} | {} | {} | {} | {status} |",
                ms(ours),
                ms(r["medjourney_ms"].as_f64()),
                ms(core),
                ratio.map_or("–".into(), |x| format!("{x:.2}×")),
                target.map_or("–".into(), |t| format!("≤ {t}×")),
            );
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let [criterion, results] = args.as_slice() else {
        eprintln!("usage: summary CRITERION_DIR RESULTS_DIR");
        return ExitCode::FAILURE;
    };
    let mut out = String::from("# medjourney benchmark summary\n\n");
    rust_table(&mut out, criterion);
    scaling_table(&mut out, criterion);
    memory_table(&mut out, results);
    peer_table(
        &mut out,
        results,
        "python.json",
        "Python: medjourney vs peers (ratio = peer time / medjourney time)",
    );
    peer_table(
        &mut out,
        results,
        "tables.json",
        "Python: the journey map from DataFrames and Parquet (ratio = peer time / medjourney time)",
    );
    parquet_memory_table(&mut out, results);
    peer_table(
        &mut out,
        results,
        "js.json",
        "JS: medjourney vs peers (ratio = peer time / medjourney time)",
    );
    binding_table(&mut out, criterion, results);
    let path = results.join("summary.md");
    if let Err(e) = fs::create_dir_all(results).and_then(|_| fs::write(&path, &out)) {
        eprintln!("summary: {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    print!("{out}");
    ExitCode::SUCCESS
}
