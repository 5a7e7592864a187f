#!/usr/bin/env bash
# Coverage-guided fuzzing of the core (cargo-fuzz / libFuzzer): every target in fuzz/.
#
#   bash scripts/fuzz.sh [seconds] [target ...]   # each target for `seconds` (default 60)
#   bash scripts/fuzz.sh --smoke [target ...]     # CI (scripts/test.sh): a few seconds each
#
# Builds every target in one cargo invocation (nightly; release with debug assertions, so
# an arithmetic overflow is a crash), seeds the corpora from tests/vectors and the samples
# (fuzz/seed.py), then runs each target with a 10 s per-input timeout and a 2 GB memory
# limit, so a super-linear input or a memory blow-up is a finding too. The corpus grows in
# fuzz/corpus/<target> (kept between runs, not committed); a crash lands in
# fuzz/artifacts/<target>/ and fails the script. Every input that once crashed a target is
# kept in tests/fuzz-regressions/<target>/ and run first, every time. The summary gives
# each target's executions and coverage (libFuzzer's cov: edges, ft: features) and is
# written to fuzz/last-run.md.
#
# The smoke (--smoke) runs each target for FUZZ_SMOKE_SECONDS (default 3) from the seeds
# and the regressions only, into a throw-away corpus: the same work on every machine,
# about a minute for all targets after the build, summary in fuzz/last-smoke.md. It builds
# the targets unoptimised (`cargo fuzz build --dev`, debug assertions on as in release):
# a smoke replays inputs rather than searching, so compile time matters more than speed.
#
# libFuzzer runs on one core, so the targets run FUZZ_JOBS at a time (default: the
# machine's cores), each still for the full time it is given.
#
# FUZZ_SANITIZER=address builds with AddressSanitizer (slower; the core is safe Rust, so
# the default is none: panics, overflows, timeouts, memory limits and the targets'
# invariants are what the fuzzers find).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

smoke=0
seconds=60
if [ "${1:-}" = "--smoke" ]; then
  smoke=1
  shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
sanitizer=${FUZZ_SANITIZER:-none}
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v cargo-fuzz >/dev/null; then
  echo "[fuzz] cargo-fuzz is missing: run bash scripts/install.sh" >&2
  exit 1
fi
toolchain=+nightly
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  echo "[fuzz] no nightly toolchain: run bash scripts/install.sh" >&2
  exit 1
fi

mapfile -t all < <(cargo fuzz list 2>/dev/null)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

profile=release
build_flags=()
if [ $smoke -eq 1 ]; then
  profile=debug
  build_flags=(--dev)
fi
echo "[fuzz] building ${#all[@]} targets ($profile, sanitizer: $sanitizer)"
t0=$(date +%s)
if ! cargo $toolchain fuzz build "${build_flags[@]}" -s "$sanitizer" 2>&1 | grep -E '^(warning|error)|Finished'; then
  echo "[fuzz] build failed" >&2
  exit 1
fi
build_secs=$(( $(date +%s) - t0 ))
bin_dir="$root/fuzz/target/x86_64-unknown-linux-gnu/$profile"
jobs=${FUZZ_JOBS:-$(nproc)}

python3 fuzz/seed.py || exit 1

summary="$root/fuzz/last-run.md"
if [ $smoke -eq 1 ]; then
  summary="$root/fuzz/last-smoke.md"
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
fi
{
  echo "| target | executions | exec/s | cov | ft | corpus | result |"
  echo "|---|---:|---:|---:|---:|---:|---|"
} >"$summary"
# run_one <target>: one libFuzzer run; its output goes to fuzz/artifacts/<target>.log and
# its exit code to <target>.rc beside it.
run_one() {
  local t=$1 corpus="$root/fuzz/corpus/$1"
  if [ $smoke -eq 1 ]; then corpus="$scratch/$t"; fi
  local artifacts="$root/fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  local args=(-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/")
  if [ $smoke -eq 1 ]; then
    # Every seed and regression once, then a few seconds of mutations.
    args+=(-max_total_time="${FUZZ_SMOKE_SECONDS:-3}")
  else
    args+=(-max_total_time="$seconds")
  fi
  local dirs=("$corpus")
  if [ -d "$root/fuzz/seeds/$t" ]; then
    dirs+=("$root/fuzz/seeds/$t")
    args+=(-dict="$root/fuzz/json.dict")
  fi
  if [ -d "$root/tests/fuzz-regressions/$t" ]; then
    dirs+=("$root/tests/fuzz-regressions/$t")
  fi
  local log="$root/fuzz/artifacts/$t.log"
  "$bin_dir/$t" "${args[@]}" "${dirs[@]}" >"$log" 2>&1
  echo $? >"$log.rc"
}

s0=$(date +%s)
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait
run_secs=$(( $(date +%s) - s0 ))

failed=0
total_execs=0
for t in "${targets[@]}"; do
  corpus="$root/fuzz/corpus/$t"
  if [ $smoke -eq 1 ]; then corpus="$scratch/$t"; fi
  log="$root/fuzz/artifacts/$t.log"
  rc=$(cat "$log.rc" 2>/dev/null || echo 1)
  rm -f "$log.rc"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # libFuzzer's status lines: "#1234  NEW    cov: 812 ft: 2044 corp: ..."
  status=$(grep -E '^#[0-9]+.*cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$status" | awk '{print $2}')
  ft=$(grep -oE 'ft: [0-9]+' <<<"$status" | awk '{print $2}')
  files=$(find "$corpus" -type f | wc -l)
  if [ "$rc" -eq 0 ]; then result=ok; else result="CRASH (see $log)"; failed=$((failed + 1)); fi
  total_execs=$(( total_execs + ${execs:-0} ))
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$files" "$result" >>"$summary"
  printf '[fuzz] %-22s %10s execs %7s/s  cov %5s  ft %6s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$result"
  if [ "$rc" -ne 0 ]; then
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -5 >&2
  fi
done
echo "| total | $total_execs | | | | | $profile build ${build_secs}s, runs ${run_secs}s on $jobs cores |" >>"$summary"
echo "[fuzz] $total_execs executions in all; $profile build ${build_secs}s, runs ${run_secs}s on $jobs cores; summary in ${summary#"$root/"}"
[ "$failed" -eq 0 ]
