// Orders a module's functions so that similar ones sit next to each other, which gzip (and
// brotli) compress better: a repeat is only found within the last 32 KB. The linker places
// functions by crate and source order, so the many instantiations of one generic function
// (serde's readers above all) are spread over the module. The order is greedy: after each
// function comes the one whose 4-byte substrings best match those of the last kilobyte
// placed (Jaccard similarity), ties going to the earlier function.
//
// Usage: node order-functions.mjs in.wasm out.wasm
// The output is the input with a name section whose function names begin with each
// function's rank, so `wasm-opt --reorder-functions-by-name` then moves the code. Only
// the order changes; `build.sh` strips the names afterwards.
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node order-functions.mjs in.wasm out.wasm");
  process.exit(2);
}
const bytes = readFileSync(input);

function uleb(at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

function encodeUleb(n) {
  const out = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

// Sections: [id, start, end] of each payload.
const sections = [];
for (let at = 8; at < bytes.length; ) {
  const id = bytes[at];
  const [size, start] = uleb(at + 1);
  sections.push([id, start, start + size]);
  at = start + size;
}

// Imported functions come first in the function index space.
let imported = 0;
const importSection = sections.find(([id]) => id === 2);
if (importSection) {
  let [count, at] = uleb(importSection[1]);
  for (let i = 0; i < count; i++) {
    for (let s = 0; s < 2; s++) {
      const [len, next] = uleb(at);
      at = next + len;
    }
    const kind = bytes[at++];
    if (kind === 0) {
      at = uleb(at)[1];
      imported++;
    } else if (kind === 1 || kind === 2) {
      if (kind === 1) at++;
      const [flags, next] = uleb(at);
      at = uleb(next)[1];
      if (flags & 1) at = uleb(at)[1];
    } else if (kind === 3) {
      at += 2;
    } else if (kind === 4) {
      at = uleb(at + 1)[1];
    } else {
      throw new Error(`order-functions: unknown import kind ${kind}`);
    }
  }
}

const codeSection = sections.find(([id]) => id === 10);
if (!codeSection) throw new Error("order-functions: no code section");
const bodies = [];
{
  let [count, at] = uleb(codeSection[1]);
  for (let i = 0; i < count; i++) {
    const [len, start] = uleb(at);
    bodies.push([start, start + len]);
    at = start + len;
  }
}
const n = bodies.length;

// The existing function names, kept after the rank so a build with names stays readable.
const names = new Map();
for (const [id, start, end] of sections) {
  if (id !== 0) continue;
  const [len, at] = uleb(start);
  if (bytes.toString("utf8", at, at + len) !== "name") continue;
  for (let sub = at + len; sub < end; ) {
    const kind = bytes[sub];
    const [size, body] = uleb(sub + 1);
    if (kind === 1) {
      let [count, p] = uleb(body);
      for (let i = 0; i < count; i++) {
        const [index, q] = uleb(p);
        const [l, r] = uleb(q);
        names.set(index, bytes.toString("utf8", r, r + l));
        p = r + l;
      }
    }
    sub = body + size;
  }
}

// Each body's distinct 4-byte substrings as feature ids, in a compressed sparse row matrix.
const featureOf = new Map();
const rowStart = new Int32Array(n + 1);
const columns = [];
for (let k = 0; k < n; k++) {
  const [start, end] = bodies[k];
  const seen = new Set();
  for (let i = start; i + 4 <= end; i++) {
    seen.add(bytes.readUInt32LE(i));
  }
  for (const s of seen) {
    let f = featureOf.get(s);
    if (f === undefined) {
      f = featureOf.size;
      featureOf.set(s, f);
    }
    columns.push(f);
  }
  rowStart[k + 1] = columns.length;
}
const cols = Int32Array.from(columns);
const inWindow = new Int32Array(featureOf.size); // how many window functions have each feature
const WINDOW = 1000; // bytes of the most recent functions compared against

const placed = new Uint8Array(n);
const order = [];
const window = [];
let windowBytes = 0;
let windowFeatures = 0;
let current = 0;
for (let step = 0; step < n; step++) {
  placed[current] = 1;
  order.push(current);
  window.push(current);
  windowBytes += bodies[current][1] - bodies[current][0];
  for (let j = rowStart[current]; j < rowStart[current + 1]; j++) {
    if (inWindow[cols[j]]++ === 0) windowFeatures++;
  }
  while (windowBytes - (bodies[window[0]][1] - bodies[window[0]][0]) > WINDOW) {
    const old = window.shift();
    windowBytes -= bodies[old][1] - bodies[old][0];
    for (let j = rowStart[old]; j < rowStart[old + 1]; j++) {
      if (--inWindow[cols[j]] === 0) windowFeatures--;
    }
  }
  if (step === n - 1) break;
  let best = -1;
  let bestScore = -1;
  for (let k = 0; k < n; k++) {
    if (placed[k]) continue;
    let shared = 0;
    const end = rowStart[k + 1];
    for (let j = rowStart[k]; j < end; j++) {
      if (inWindow[cols[j]] > 0) shared++;
    }
    const size = end - rowStart[k];
    const score = shared / Math.max(1, size + windowFeatures - shared);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  current = best;
}

// A name section with every function named: imports keep their names, defined functions
// get their rank first.
const rank = new Int32Array(n);
order.forEach((k, r) => {
  rank[k] = r;
});
const width = String(n).length;
const entries = [];
let named = 0;
for (let index = 0; index < imported + n; index++) {
  let name = names.get(index) ?? `f${index}`;
  if (index >= imported) name = `${String(rank[index - imported]).padStart(width, "0")} ${name}`;
  const utf8 = Buffer.from(name, "utf8");
  entries.push(Buffer.from(encodeUleb(index)), Buffer.from(encodeUleb(utf8.length)), utf8);
  named++;
}
const functionNames = Buffer.concat([Buffer.from(encodeUleb(named)), ...entries]);
const subsection = Buffer.concat([Buffer.from([1]), Buffer.from(encodeUleb(functionNames.length)), functionNames]);
const payload = Buffer.concat([Buffer.from(encodeUleb(4)), Buffer.from("name"), subsection]);

const parts = [bytes.subarray(0, 8)];
for (const [id, start, end] of sections) {
  if (id === 0) {
    const [len, at] = uleb(start);
    if (bytes.toString("utf8", at, at + len) === "name") continue;
  }
  const header = [id, ...encodeUleb(end - start)];
  parts.push(Buffer.from(header), bytes.subarray(start, end));
}
parts.push(Buffer.from([0, ...encodeUleb(payload.length)]), payload);
writeFileSync(output, Buffer.concat(parts));
