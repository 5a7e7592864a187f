#!/usr/bin/env bash
# Installs what the test command needs, skipping everything already present.
# Idempotent and quick on a machine that has it all; safe to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

log() { printf '[install] %s\n' "$*"; }

# --- Rust: the wasm target and the wasm-bindgen CLI at exactly the locked version -------
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
if [ -z "$wb_version" ]; then
  echo "[install] cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]; then
  log "building wasm-bindgen-cli $wb_version (2-3 minutes)"
  # No --locked: the registry lacks one version the CLI's own lock file names.
  cargo install wasm-bindgen-cli --version "$wb_version" --quiet
fi

# --- Fuzzing: the nightly toolchain and cargo-fuzz at a pinned version (scripts/fuzz.sh) ----
# libFuzzer's sanitizer flags need nightly; the toolchain is usually present already.
fuzz_version=0.13.2
# Neither is needed by any other suite, so a machine where they cannot be had still runs
# the rest: the fuzz smoke then reports itself SKIPPED with the reason.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  log "installing the nightly toolchain (for cargo-fuzz and the npm module's std)"
  rustup toolchain install nightly --profile minimal ||
    log "could not install the nightly toolchain: the fuzz smoke will be skipped"
fi
# wasm/build.sh rebuilds std for size with the npm module (-Z build-std): nightly's source
# of std and its wasm32 target. Without them the module is built with the prebuilt std.
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -qx rust-src; then
    log "adding rust-src to nightly (the npm module's std)"
    rustup component add rust-src --toolchain nightly ||
      log "could not add rust-src: the npm module will use the prebuilt std"
  fi
  if ! rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32 target to nightly (the npm module's std)"
    rustup target add wasm32-unknown-unknown --toolchain nightly ||
      log "could not add the wasm32 target to nightly: the npm module will use the prebuilt std"
  fi
fi
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$fuzz_version" ]; then
  log "building cargo-fuzz $fuzz_version (about 2 minutes)"
  cargo install cargo-fuzz --version "$fuzz_version" --quiet ||
    log "could not build cargo-fuzz: the fuzz smoke will be skipped"
fi

# --- Headless Chromium and its driver, for wasm-bindgen-test and the demo page ---------
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# --- Python: a virtualenv with maturin and the test dependencies ------------------------
venv="$root/.venv"
req="$root/py/requirements-dev.txt"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$req" | awk '{print $1}')
if [ ! -x "$venv/bin/python" ]; then
  log "creating $venv"
  python3 -m venv "$venv"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing python test dependencies"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
  echo "$want" >"$stamp"
fi

# --- npm: wasm-opt (binaryen), TypeScript, playwright-core and the JS peers -------------
if [ ! -f wasm/node_modules/.package-lock.json ] || [ wasm/package-lock.json -nt wasm/node_modules/.package-lock.json ]; then
  log "installing npm dev dependencies"
  (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ready"
