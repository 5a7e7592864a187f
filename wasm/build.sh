#!/usr/bin/env bash
# Builds the npm package `medjourney` into wasm/pkg without wasm-pack:
# cargo (size profile, the kernels for speed; SIMD128; std rebuilt for size on nightly)
# -> wasm-bindgen (bundler, web, nodejs) -> wasm-opt -Oz -> functions ordered for gzip.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

# MJ_WASM_PROFILE=dev gives a quick unoptimised build while iterating; the package ships wasm-release.
# MJ_WASM_STD=prebuilt builds on stable with the prebuilt std (to compare; see below).
profile="${MJ_WASM_PROFILE:-wasm-release}"
# Unset MJ_WASM_FEATURES builds the full package (every capability). Set, it lists the
# only features to build, comma-separated: MJ_WASM_FEATURES= (empty) is the lean package
# without itineraries, CSV, procedure knowledge and FHIR; MJ_WASM_FEATURES=csv keeps CSV. What is left out is not
# exported at all, so calling it fails when the caller is type-checked or linked, not later.
if [ -n "${MJ_WASM_FEATURES+set}" ]; then
  features="${MJ_WASM_FEATURES}"
  feature_args=(--no-default-features --features "$features")
else
  features="default"
  feature_args=()
fi
# The standard library rebuilt with the module (nightly's -Z build-std): Rust's prebuilt
# std is compiled for speed, and panics format their messages and locations. Rebuilt at the
# profile's size level with `optimize_for_size`, and with panics aborting at once (the
# package has no panic hook, so a panic traps either way, without a message), the full
# module is about 48 KB smaller gzipped (README.npm.md, "Size"). It needs the nightly
# toolchain with rust-src and the wasm32 target (scripts/install.sh adds them); without
# them the module is built on stable with the prebuilt std, and the build says so.
toolchain=()
std_args=()
std="prebuilt"
if [ "$profile" != dev ] && [ "${MJ_WASM_STD:-rebuilt}" = rebuilt ] &&
  rustup component list --toolchain nightly --installed 2>/dev/null | grep -qx rust-src &&
  rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  toolchain=(+nightly)
  std_args=(-Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)
  # RUSTFLAGS replaces .cargo/config.toml's flags for the target, so SIMD128 is repeated here.
  export RUSTFLAGS="-C target-feature=+simd128 -Zunstable-options -Cpanic=immediate-abort"
  std="rebuilt for size ($(rustc +nightly --version | awk '{print $2, $4}' | tr -d ')'))"
elif [ "$profile" != dev ]; then
  echo "build.sh: no nightly toolchain with rust-src and the wasm32 target: std is the prebuilt one (bash scripts/install.sh adds them)" >&2
fi
# The module crate (wasm/module) links the bindings; its profile sets the LTO pass's level.
build_module() {
  cargo "$@" build --quiet -p medjourney-wasm-module --target wasm32-unknown-unknown \
    --profile "$profile" "${std_args[@]}" "${feature_args[@]}"
}
if [ ${#toolchain[@]} -gt 0 ] && ! build_module "${toolchain[@]}"; then
  # A nightly that no longer takes these unstable flags must not stop the package: the
  # stable build is the same code, larger.
  echo "build.sh: the nightly build with std rebuilt failed (above): building on stable with the prebuilt std" >&2
  unset RUSTFLAGS
  std_args=()
  std="prebuilt (the nightly build failed)"
  build_module
elif [ ${#toolchain[@]} -eq 0 ]; then
  build_module
fi
profile_dir="$profile"
[ "$profile" = dev ] && profile_dir=debug
input="${CARGO_TARGET_DIR:-$root/target}/wasm32-unknown-unknown/$profile_dir/medjourney_wasm_module.wasm"
pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"

wasm_opt="$here/node_modules/.bin/wasm-opt"
wasm_features=(--enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
# -Oz, then the functions ordered so that similar ones sit together (order-functions.mjs:
# gzip finds repeats only within 32 KB; 16,389 bytes off the gzipped module), then the names
# the ordering went by are stripped.
optimise() {
  local work
  work="$(mktemp -d)"
  "$wasm_opt" -Oz "${wasm_features[@]}" "$1" -o "$work/oz.wasm"
  node "$here/order-functions.mjs" "$work/oz.wasm" "$work/named.wasm"
  "$wasm_opt" "${wasm_features[@]}" --reorder-functions-by-name --strip-debug --strip-producers \
    "$work/named.wasm" -o "$2"
  rm -rf "$work"
}
# Appends receivers.js to the glue file that defines the classes, with every class the glue
# exports (found in it, so a class added later is covered without a list here) and the
# FinalizationRegistry the glue registers its instances with.
guard_receivers() {
  local target=$1 dir=$2 glue classes list="" c
  case "$target" in
    bundler) glue="$dir/medjourney_bg.js" ;;
    *) glue="$dir/medjourney.js" ;;
  esac
  classes=$(grep -oE '^(export )?class [A-Za-z_$][A-Za-z0-9_$]*' "$glue" | awk '{print $NF}')
  for c in $classes; do
    if ! grep -q "^const ${c}Finalization = " "$glue"; then
      echo "build.sh: $glue has no ${c}Finalization: wasm-bindgen's glue changed, see receivers.js" >&2
      exit 1
    fi
    list+="[$c, ${c}Finalization], "
  done
  if ! grep -qE '^(export )?function __receiverError\(' "$glue"; then
    echo "build.sh: $glue has no __receiverError (wasm/src/convert.rs)" >&2
    exit 1
  fi
  {
    cat "$here/receivers.js"
    printf '__mj_guardReceivers([%s], __receiverError);\n' "${list%, }"
  } >>"$glue"
}

optimised="" # the first target's module before and after wasm-opt
for target in bundler web nodejs; do
  dir="$target"
  [ "$target" = nodejs ] && dir=node
  wasm-bindgen "$input" --target "$target" --out-dir "$pkg/$dir" --out-name medjourney
  guard_receivers "$target" "$pkg/$dir"
  # wasm-opt (binaryen's JS build) takes minutes on an unoptimised module: skipped for dev.
  [ "$profile" = dev ] && continue
  module="$pkg/$dir/medjourney_bg.wasm"
  # The targets differ in their JS glue; when wasm-bindgen wrote the same module for each,
  # optimise it once and reuse the result instead of paying wasm-opt three times.
  if [ -n "$optimised" ] && cmp -s "$module" "$optimised.in"; then
    cp "$optimised" "$module"
    continue
  fi
  if [ -z "$optimised" ]; then
    optimised="$(mktemp)"
    cp "$module" "$optimised.in"
    optimise "$module" "$module"
    cp "$module" "$optimised"
  else
    optimise "$module" "$module"
  fi
done
[ -n "$optimised" ] && rm -f "$optimised" "$optimised.in"
# The nodejs output is CommonJS; the package is ESM.
printf '{ "type": "commonjs" }\n' >"$pkg/node/package.json"
rm -f "$pkg"/*/.gitignore

version=$(awk -F'"' '/^\[workspace.package\]/{f=1} f && /^version/{print $2; exit}' "$root/Cargo.toml")
sed "s/@VERSION@/$version/" "$here/package.template.json" >"$pkg/package.json"
cp "$here/README.npm.md" "$pkg/README.md"

raw=$(wc -c <"$pkg/web/medjourney_bg.wasm")
gz=$(gzip -9 -c "$pkg/web/medjourney_bg.wasm" | wc -c)
printf 'medjourney %s (features: %s, profile: %s, std: %s): medjourney_bg.wasm %s bytes raw, %s bytes gzipped\n' \
  "$version" "${features:-none}" "$profile" "$std" "$raw" "$gz"
printf '{"features": "%s", "profile": "%s", "std": "%s", "raw": %s, "gzip": %s}\n' "${features:-none}" "$profile" "$std" "$raw" "$gz" \
  >"$pkg/wasm-size.json"
# The README states the size of the build it ships with.
sed -i "s/@SIZE_RAW@/$raw/; s/@SIZE_GZIP@/$gz/" "$pkg/README.md"
