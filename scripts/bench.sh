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

log "Rust: scaling at n and 8n (check, validate, record, journey map)"
"${pin[@]}" cargo bench --quiet -p medjourney-benches --bench scaling

log "Rust: peak heap while ranking 10^6 providers"
MJ_BENCH_RESULTS="$results" "${pin[@]}" cargo bench --quiet -p medjourney-benches --bench rank_memory

# ---- Python (py/benchmarks/) -------------------------------------------------------------
# mj.topsis vs pymcdm (validation off) and a numpy TOPSIS, FxTable.convert_sum vs a decimal
# loop and polars Decimal, the journey map vs pandas and polars group-bys; every peer's
# answer is checked against medjourney's and the core's (manifest). Writes
# bench-results/python.json. Uses the release wheel in the project's .venv
# (scripts/install.sh creates it). OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE slow a current
# numpy, so they are unset for this command alone (never in tests or CI).
if [ -d py/benchmarks ]; then
  log "Python: py/benchmarks (release wheel; numpy, pymcdm, pandas, polars)"
  bash scripts/install.sh >/dev/null
  (cd py && "$root/.venv/bin/maturin" build --release --quiet --out "$CARGO_TARGET_DIR/bench-wheels")
  "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    "$(ls -t "$CARGO_TARGET_DIR"/bench-wheels/medjourney-*.whl | head -1)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$root/.venv/bin/python" py/benchmarks/run.py \
    --data "$data" --out "$results/python.json"
  # The journey map from DataFrames (vs polars) and from Parquet parts (vs polars' lazy
  # scan and DuckDB, peak memory per engine) at 10^7 and 10^8 events (generated once under
  # target/bench-parquet/, about 1 GB, in seconds; MJ_BENCH_BIG=0 leaves 10^8 out, which
  # saves a minute or two). Writes bench-results/tables.json.
  log "Python: py/benchmarks/tables.py (DataFrames, Parquet; polars, DuckDB)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${pin[@]}" "$root/.venv/bin/python" py/benchmarks/tables.py \
    --out "$results/tables.json"
fi

# ---- JS (wasm/bench/) --------------------------------------------------------------------
# FxTable.convertSumColumns (typed arrays) vs dinero.js 2 (bigint) and big.js, topsis vs a
# plain JS TOPSIS, on the same files, in Node and then in headless Chromium (the web build,
# wasm/bench/chromium.mjs); answers checked against the core's. Writes bench-results/js.json.
if [ -d wasm/bench ]; then
  log "JS: wasm/bench (npm package from wasm/build.sh; dinero.js, big.js)"
  bash wasm/build.sh
  mkdir -p wasm/node_modules
  ln -sfn ../pkg wasm/node_modules/medjourney
  "${pin[@]}" node wasm/bench/bench.mjs --data "$data" --out "$results/js.json" --chromium yes
fi

log "summary"
"$CARGO_TARGET_DIR/release/summary" "$CARGO_TARGET_DIR/criterion" "$results"
echo
echo "written to bench-results/summary.md"
