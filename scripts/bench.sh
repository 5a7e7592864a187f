#!/usr/bin/env bash
# The bench command: generates the shared bench data, runs the Rust criterion benches and
# the memory bench (release build, pinned to one core), then the Python and JS peer
# benchmarks, and writes one table of times, targets and ratios to
# bench-results/summary.md (gitignored), printing it too. Takes a few minutes on 2 cores.
#
#   scripts/bench.sh            everything
#   BENCH_CPU=1 scripts/bench.sh   pin the runs to another core
#
# CI compiles the benches (cargo clippy --all-targets) but never runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
results="$root/bench-results"
data="$root/bench-data"
mkdir -p "$results"

# One core: targets are single-core figures. Benches measure the thread's CPU time, so
# other processes on a shared machine do not inflate them (see benches/benches/common).
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c "${BENCH_CPU:-0}"); fi

log() { printf '\n=== [bench] %s\n' "$*"; }

log "building (release, incremental)"
cargo build --release --quiet -p medjourney-benches --bins
cargo bench --quiet -p medjourney-benches --no-run

log "generating the shared data sets into bench-data/ (read by Python and JS)"
"$CARGO_TARGET_DIR/release/gen" "$data"

log "Rust: criterion benches (money, journey, matching) at 10^3, 10^5, 10^6"
rm -rf "$CARGO_TARGET_DIR/criterion"
"${pin[@]}" cargo bench --quiet -p medjourney-benches --bench money --bench journey --bench matching

log "Rust: peak heap while ranking 10^6 providers"
MJ_BENCH_RESULTS="$results" "${pin[@]}" cargo bench --quiet -p medjourney-benches --bench rank_memory

# ---- Python (py/benchmarks/) -------------------------------------------------------------
# To be added by the Python wrapper's benchmarks: read bench-data/manifest.json, time
# mj.topsis vs pymcdm (validation off) and a numpy TOPSIS, convert+sum vs a decimal loop
# and polars Decimal, the journey map vs pandas and polars group-bys, check equality to the
# core's answers in the manifest, and write bench-results/python.json:
#   {"results": [{"benchmark": "...", "size": N, "medjourney_ms": x, "peer": "...",
#                 "peer_ms": y, "target_ratio": 10}]}
if [ -d py/benchmarks ]; then
  log "Python: py/benchmarks (not wired in yet)"
fi

# ---- JS (wasm/bench/) --------------------------------------------------------------------
# To be added by the JS package's benchmarks: the same data, convert+sum vs dinero.js and
# big.js, topsis vs a plain JS implementation; write bench-results/js.json (same shape).
if [ -d wasm/bench ]; then
  log "JS: wasm/bench (not wired in yet)"
fi

log "summary"
"$CARGO_TARGET_DIR/release/summary" "$CARGO_TARGET_DIR/criterion" "$results"
echo
echo "written to bench-results/summary.md"
