#!/usr/bin/env bash
# Measures what each optional feature costs in the shipped module: builds the package
# (wasm-release + wasm-opt, as build.sh does) with each feature set and prints a Markdown
# table of medjourney_bg.wasm raw and gzipped sizes: the lean build, the lean build plus
# each feature, and the full package. It ends with the full package in wasm/pkg. Slow
# (six release builds): run it by hand when the README's numbers need
# refreshing, not from scripts/test.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rows=()
# "default" stands for the full package (MJ_WASM_FEATURES unset); it runs last so wasm/pkg
# is left holding what npm ships.
for features in "" csv itinerary knowledge fhir default; do
  if [ "$features" = default ]; then
    env -u MJ_WASM_FEATURES bash "$here/build.sh" >&2
  else
    MJ_WASM_FEATURES="$features" bash "$here/build.sh" >&2
  fi
  size="$(cat "$here/pkg/wasm-size.json")"
  raw=$(sed 's/.*"raw": \([0-9]*\).*/\1/' <<<"$size")
  gz=$(sed 's/.*"gzip": \([0-9]*\).*/\1/' <<<"$size")
  rows+=("| ${features:-(none: lean)} | $raw | $gz |")
done
printf '| features | raw bytes | gzipped bytes |\n|---|---:|---:|\n'
printf '%s\n' "${rows[@]}"
