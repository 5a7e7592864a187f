// Side-by-side benchmarks of the npm package against JS peers (issues 9 and 19), in Node
// and, with --chromium, in headless Chromium too (chromium.mjs) on the same data.
//
// Reads the data sets `gen` wrote (bench-data/manifest.json and little-endian arrays),
// times medjourney and each peer on the same input (the cases are in cases.mjs), checks
// every peer's answer against medjourney's (and medjourney's against the core's answer in
// the manifest), and writes bench-results/js.json for the `summary` binary:
//   {"results": [{"benchmark", "runtime", "size", "medjourney_ms", "medjourney_cpu_ms"?,
//                 "cpu_clock"?, "peer", "peer_ms", "target_ratio"}]}
// medjourney_ms and peer_ms are wall-clock; in Node, medjourney_cpu_ms is the process's CPU
// time over the same calls (Chromium gives no CPU clock: wall only).
//
// Usage: node wasm/bench/bench.mjs [--data bench-data] [--out bench-results/js.json]
//        [--sizes 1000,100000,1000000] [--repeats 5] [--chromium yes]
// Needs the package built (bash wasm/build.sh) and linked as wasm/node_modules/medjourney.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as mj from "medjourney";
import Big from "big.js";
import { dinero, add, convert, transformScale, toSnapshot, halfEven } from "dinero.js/bigint";
import * as currencies from "dinero.js/bigint/currencies";
import { runAll } from "./cases.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function parseArgs() {
  const args = { data: join(root, "bench-data"), out: join(root, "bench-results", "js.json"), sizes: null, repeats: 5, chromium: "no" };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, "");
    if (!(key in args)) throw new Error(`unknown option ${argv[i]}`);
    args[key] = argv[++i];
  }
  args.repeats = Number(args.repeats);
  return args;
}

function readArray(data, rel, Type) {
  const buf = readFileSync(join(data, rel));
  // Copy into an aligned buffer: the file's Buffer may sit at any offset of a shared pool.
  const bytes = new Uint8Array(buf.byteLength);
  bytes.set(buf);
  return new Type(bytes.buffer);
}

async function main() {
  const args = parseArgs();
  const man = JSON.parse(readFileSync(join(args.data, "manifest.json"), "utf8"));
  const sizes = args.sizes ? args.sizes.split(",").map(Number) : null;
  const results = [];
  console.log(`node ${process.version}`);
  const env = {
    runtime: "node",
    mj,
    Big,
    dinero: { dinero, add, convert, transformScale, toSnapshot, halfEven },
    currencies,
    readArray: async (rel, Type) => readArray(args.data, rel, Type),
    readText: async (rel) => readFileSync(join(args.data, rel), "utf8"),
    log: (text) => console.log(text),
    results,
    // Node has no per-thread CPU clock; the process's (user + system, in µs) also counts
    // V8's helper threads (GC, compilation), so it is at least the calling thread's time.
    cpuNow: () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e3;
    },
    cpuClock: "process CPU",
  };
  await runAll(env, man, sizes, args.repeats);
  if (args.chromium === "yes") {
    const { runInChromium } = await import("./chromium.mjs");
    results.push(...(await runInChromium({ data: args.data, sizes, repeats: args.repeats })));
  }
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, JSON.stringify({ results }, null, 2) + "\n");
  console.log(`wrote ${args.out}`);
}

await main();
