// Side-by-side benchmarks of the npm package against JS peers (issue 9).
//
// Reads the data sets `gen` wrote (bench-data/manifest.json and little-endian arrays),
// times medjourney and each peer on the same input, checks every peer's answer against
// medjourney's (and medjourney's against the core's answer in the manifest), and writes
// bench-results/js.json for the `summary` binary:
//   {"results": [{"benchmark", "size", "medjourney_ms", "peer", "peer_ms", "target_ratio"}]}
//
// Usage: node wasm/bench/bench.mjs [--data bench-data] [--out bench-results/js.json]
//        [--sizes 1000,100000,1000000] [--repeats 5]
// Needs the package built (bash wasm/build.sh) and linked as wasm/node_modules/medjourney.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import * as mj from "medjourney";
import Big from "big.js";
import { dinero, add, convert, transformScale, toSnapshot, halfEven } from "dinero.js/bigint";
import * as dineroCurrencies from "dinero.js/bigint/currencies";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const TOL = 1e-9;
const SLOW_RUN_MS = 2000;

function parseArgs() {
  const args = { data: join(root, "bench-data"), out: join(root, "bench-results", "js.json"), sizes: null, repeats: 5 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args)) throw new Error(`unknown option ${argv[i]}`);
    args[key] = argv[++i];
  }
  args.repeats = Number(args.repeats);
  return args;
}

/** Median wall time in ms over `repeats` runs (fewer for slow calls) and the last result. */
function timed(fn, repeats) {
  const times = [];
  let result;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
    if (i >= 1 && times[times.length - 1] > SLOW_RUN_MS) break;
  }
  times.sort((a, b) => a - b);
  const m = times.length >> 1;
  return [times.length % 2 ? times[m] : (times[m - 1] + times[m]) / 2, result];
}

function readArray(data, rel, Type) {
  const buf = readFileSync(join(data, rel));
  // Copy into an aligned buffer: the file's Buffer may sit at any offset of a shared pool.
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  return new Type(bytes.buffer);
}

const results = [];
function record(benchmark, size, ours, peer, theirs, target) {
  results.push({ benchmark, size, medjourney_ms: +ours.toFixed(4), peer, peer_ms: +theirs.toFixed(4), target_ratio: target });
  const goal = target ? ` (target >= ${target}x)` : "";
  console.log(`  ${benchmark.padEnd(12)} n=${String(size).padEnd(8)} medjourney ${ours.toFixed(2).padStart(10)} ms  ` +
    `${peer.padEnd(10)} ${theirs.toFixed(2).padStart(10)} ms  ratio ${(theirs / ours).toFixed(2).padStart(7)}x${goal}`);
}

// ---- convert + sum ----------------------------------------------------------------------

/** The decimal text of `minor` minor units with `mu` decimals ("-12.05"). */
function minorToText(minor, mu) {
  const neg = minor < 0n;
  const digits = (neg ? -minor : minor).toString().padStart(mu + 1, "0");
  const text = mu ? `${digits.slice(0, -mu)}.${digits.slice(-mu)}` : digits;
  return neg ? `-${text}` : text;
}

/** Per source currency the legs to the target as the table gives them: `[rate, inverse]`. */
function legs(fx, from, to) {
  const rate = new Map(fx.rates.map((r) => [`${r.from}>${r.to}`, r.rate]));
  const leg = (a, b) => {
    if (a === b) return [];
    if (rate.has(`${a}>${b}`)) return [[rate.get(`${a}>${b}`), false]];
    if (rate.has(`${b}>${a}`)) return [[rate.get(`${b}>${a}`), true]];
    return [...leg(a, fx.base), ...leg(fx.base, b)];
  };
  return leg(from, to);
}

function benchConvert(man, data, sizes, repeats) {
  const fxJson = JSON.parse(readFileSync(join(data, man.fx), "utf8"));
  const fx = new mj.FxTable(fxJson);
  const target = man.targetCurrency;
  const codes = man.currencies.map((c) => c.code);
  const mus = man.currencies.map((c) => c.minorUnits);
  const targetMu = mj.currency(target).minorUnits;
  const path = codes.map((c) => legs(fxJson, c, target));

  // big.js: the core's rule as decimals: the amount times the forward rates, divided once
  // by the inverted ones (28 decimals), half-even per item. A quotient on a half-unit tie
  // terminates, so the one division holds it exactly and rounds as the exact fraction does.
  Big.DP = 28;
  const bigLegs = path.map((p) => {
    let times = new Big(1);
    let over = new Big(1);
    for (const [r, inv] of p) {
      if (inv) over = over.times(r);
      else times = times.times(r);
    }
    return [times, over];
  });
  // dinero.js: one rate per currency as a scaled bigint (it has no division), 20 decimals.
  const RATE_SCALE = 20;
  const dineroRates = path.map((p) => {
    let f = new Big(1);
    for (const [r, inv] of p) f = inv ? f.div(r) : f.times(r);
    return { amount: BigInt(f.times(new Big(10).pow(RATE_SCALE)).round(0, Big.roundHalfEven).toFixed(0)), scale: BigInt(RATE_SCALE) };
  });
  const cur = (code) => {
    const c = dineroCurrencies[code];
    if (!c) throw new Error(`dinero.js has no currency ${code}`);
    return c;
  };
  const targetCur = cur(target);

  for (const n of sizes) {
    const meta = man.lineItems[String(n)];
    const minor = readArray(data, meta.files.minor, BigInt64Array);
    const index = readArray(data, meta.files.currency, Uint8Array);
    const want = meta.convertSum;

    const items = Array.from(minor, (m, i) => ({ amount: minorToText(m, mus[index[i]]), currency: codes[index[i]] }));
    // The typed-array batch is what we compare; convertSum on Money objects is shown too.
    const [oursMs, ours] = timed(() => fx.convertSumColumns(minor, index, codes, target, "half_even"), repeats);
    const [objMs, oursObj] = timed(() => fx.convertSum(items, target, "half_even"), repeats);
    for (const got of [ours, oursObj]) {
      if (got.currency !== want.currency || !new Big(got.amount).eq(new Big(want.amount))) {
        throw new Error(`convertSum n=${n}: medjourney ${JSON.stringify(got)} != core ${JSON.stringify(want)}`);
      }
    }
    console.log(`  (convertSum on Money objects instead of typed arrays: ${objMs.toFixed(2)} ms)`);

    const bigs = items.map((it) => new Big(it.amount));
    const [bigMs, bigTotal] = timed(() => {
      let total = new Big(0);
      for (let i = 0; i < bigs.length; i++) {
        const [times, over] = bigLegs[index[i]];
        total = total.plus(bigs[i].times(times).div(over).round(targetMu, Big.roundHalfEven));
      }
      return total;
    }, repeats);
    if (!bigTotal.eq(new Big(want.amount))) throw new Error(`convertSum n=${n}: big.js ${bigTotal} != core ${want.amount}`);

    const dineros = Array.from(minor, (m, i) => dinero({ amount: m, currency: cur(codes[index[i]]) }));
    const [dinMs, dinTotal] = timed(() => {
      let total = dinero({ amount: 0n, currency: targetCur });
      for (let i = 0; i < dineros.length; i++) {
        const converted = convert(dineros[i], targetCur, { [target]: dineroRates[index[i]] });
        total = add(total, transformScale(converted, BigInt(targetMu), halfEven));
      }
      return total;
    }, repeats);
    const snap = toSnapshot(dinTotal);
    const dinText = minorToText(snap.amount, Number(snap.scale));
    const dinOk = new Big(dinText).eq(new Big(want.amount));
    record("convert_sum", n, oursMs, "big.js", bigMs, null);
    record("convert_sum", n, oursMs, "dinero.js", dinMs, 5);
    if (!dinOk) console.log(`  note: dinero.js total ${dinText} != core ${want.amount} (its rate is cut to ${RATE_SCALE} decimals)`);
  }
}

// ---- TOPSIS -----------------------------------------------------------------------------

/** TOPSIS with min-max normalization (like the core's default) on a row-major Float64Array. */
function jsTopsis(matrix, rows, cols, weights, types) {
  const lo = new Float64Array(cols).fill(Infinity);
  const hi = new Float64Array(cols).fill(-Infinity);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = matrix[r * cols + c];
      if (v < lo[c]) lo[c] = v;
      if (v > hi[c]) hi[c] = v;
    }
  }
  const norm = (v, c) => (types[c] > 0 ? (v - lo[c]) / (hi[c] - lo[c]) : (hi[c] - v) / (hi[c] - lo[c]));
  const best = new Float64Array(cols).fill(-Infinity);
  const worst = new Float64Array(cols).fill(Infinity);
  const weighted = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const w = norm(matrix[r * cols + c], c) * weights[c];
      weighted[r * cols + c] = w;
      if (w > best[c]) best[c] = w;
      if (w < worst[c]) worst[c] = w;
    }
  }
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let dp = 0;
    let dn = 0;
    for (let c = 0; c < cols; c++) {
      const w = weighted[r * cols + c];
      dp += (w - best[c]) ** 2;
      dn += (w - worst[c]) ** 2;
    }
    dp = Math.sqrt(dp);
    dn = Math.sqrt(dn);
    out[r] = dn / (dp + dn);
  }
  return out;
}

function benchTopsis(man, data, sizes, repeats) {
  const weights = Float64Array.from(man.criteria.weights);
  const types = Int8Array.from(man.criteria.types);
  for (const n of sizes) {
    const meta = man.criteria.sizes[String(n)];
    const matrix = readArray(data, meta.files.matrix, Float64Array);
    const [oursMs, ours] = timed(() => mj.topsis(matrix, meta.rows, meta.cols, weights, types), repeats);
    const [jsMs, theirs] = timed(() => jsTopsis(matrix, meta.rows, meta.cols, weights, types), repeats);
    let diff = 0;
    for (let i = 0; i < ours.length; i++) diff = Math.max(diff, Math.abs(ours[i] - theirs[i]));
    if (ours.length !== theirs.length || !(diff <= TOL)) throw new Error(`topsis n=${n}: plain JS differs by ${diff}`);
    record("topsis", n, oursMs, "plain JS", jsMs, null);
  }
}

function main() {
  const args = parseArgs();
  const man = JSON.parse(readFileSync(join(args.data, "manifest.json"), "utf8"));
  const sizes = args.sizes ? args.sizes.split(",").map(Number) : man.sizes;
  console.log(`node ${process.version}`);
  console.log(`JS: convert_sum to ${man.targetCurrency}`);
  benchConvert(man, args.data, sizes, args.repeats);
  console.log("JS: topsis");
  benchTopsis(man, args.data, sizes, args.repeats);
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ results }, null, 2) + "\n");
  console.log(`wrote ${args.out}`);
}

main();
