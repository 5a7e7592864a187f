#!/usr/bin/env bash
# The one test command: installs what is missing (quickly skipped when present), then runs
# every suite: Rust (fmt, clippy, tests), Python (pytest on the maturin-built wheel),
# wasm-bindgen-test in Node and headless Chromium, and the JS tests on the npm package.
# Exits non-zero if anything failed or could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)

declare -a names=() results=() secs=()
failed=0

step() { # step <language> <label> <command...>
  local lang=$1 label=$2; shift 2
  printf '\n=== [%s] %s\n' "$lang" "$label"
  local t0=$(date +%s) rc=0
  "$@" || rc=$?
  names+=("$lang: $label"); secs+=($(( $(date +%s) - t0 )))
  if [ $rc -eq 0 ]; then results+=("ok")
  elif [ $rc -eq 77 ]; then results+=("SKIPPED (see above)")
  else results+=("FAILED (exit $rc)"); failed=$((failed + 1)); fi
  return 0
}

if ! bash scripts/install.sh; then
  echo "install failed: the suites that need the missing tools cannot run" >&2
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
venv="$root/.venv"

# ---- Rust ----------------------------------------------------------------------------
step rust "cargo fmt --check" cargo fmt --all --check
step rust "cargo clippy -D warnings" cargo clippy --quiet --workspace --all-targets -- -D warnings
step rust "cargo test" cargo test --quiet --workspace
# Coverage-guided fuzzing smoke: every target in fuzz/ for a few seconds from the vectors'
# seeds and the inputs that once crashed (tests/fuzz-regressions/). It needs the nightly
# toolchain, which install.sh installs; only without it is the step skipped, and it says so.
fuzz_smoke() {
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    echo "SKIPPED: no nightly Rust toolchain, so the fuzz smoke cannot run" \
      "(bash scripts/install.sh installs it)"
    return 77
  fi
  if ! command -v cargo-fuzz >/dev/null; then
    echo "SKIPPED: cargo-fuzz could not be installed, so the fuzz smoke cannot run"
    return 77
  fi
  cargo fmt --manifest-path fuzz/Cargo.toml --check || return 1
  bash scripts/fuzz.sh --smoke
}
step rust "fuzz smoke (cargo-fuzz, a few seconds a target)" fuzz_smoke
# Optional features off (a core without itineraries, CSV, knowledge or FHIR; the lean npm build): gated code
# must compile out cleanly and stay lint-clean. clippy checks, it does not build. The core with
# no optional feature is checked with its tests; each single feature with the library only
# (the tests behind a feature are already checked with every feature on, and checking all
# 30 test crates four more times cost about three minutes of CI).
features_off() {
  local f
  cargo clippy --quiet -p medjourney --no-default-features --all-targets -- -D warnings || return 1
  for f in itinerary csv knowledge fhir; do
    cargo clippy --quiet -p medjourney --no-default-features --features "$f" --lib -- -D warnings || return 1
  done
  cargo clippy --quiet -p medjourney-wasm --target wasm32-unknown-unknown --no-default-features --all-targets -- -D warnings
}
step rust "optional features off: clippy -D warnings" features_off

# ---- Python --------------------------------------------------------------------------
python_suite() {
  rm -rf "$root/target/wheels"
  (cd py && "$venv/bin/maturin" build --release --quiet --out "$root/target/wheels") || return 1
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$root"/target/wheels/medjourney-*.whl || return 1
  (cd py/tests && "$venv/bin/python" -m pytest -q -p no:cacheprovider)
}
step python "pytest (maturin wheel)" python_suite

# ---- wasm ----------------------------------------------------------------------------
step wasm "wasm-bindgen-test in Node" cargo test -p medjourney-wasm --target wasm32-unknown-unknown
step wasm "wasm-bindgen-test in headless Chromium" env WASM_BINDGEN_USE_BROWSER=1 cargo test -p medjourney-wasm --target wasm32-unknown-unknown

# ---- JS ------------------------------------------------------------------------------
js_suite() {
  bash wasm/build.sh || return 1
  # Tests import the package by its name, through its exports map, as users do.
  ln -sfn ../pkg wasm/node_modules/medjourney
  (cd wasm && node --test js-tests/) || return 1
  (cd wasm && ./node_modules/.bin/tsc --noEmit -p ts-check)
}
step js "npm package: node --test and tsc --noEmit" js_suite

# ---- Summary ---------------------------------------------------------------------------
printf '\n=== summary (%ss)\n' "$(( $(date +%s) - start ))"
for i in "${!names[@]}"; do
  printf '  %-55s %-18s %4ss\n' "${names[$i]}" "${results[$i]}" "${secs[$i]}"
done
printf 'suites: %d passed, %d failed\n' $(( ${#names[@]} - failed )) "$failed"
[ "$failed" -eq 0 ]
