// Hostile arguments (issue 14): every export and class method of the package, found by
// walking the module, called with arguments of every wrong type and with arguments left
// out, then under fast-check with any value at any position; every member of every class
// called on a freed instance, on another class's instance and detached from its object.
// The promise: nothing but a
// MedJourneyError with one of the core's codes is thrown, never a RuntimeError (a trap) or
// an Error without a code, nothing is copied into wasm memory unchecked, and the module
// gives exact answers afterwards. New exports are covered without being listed here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import * as mj from "medjourney";

const CODES = new Set(mj.errorCodes());
const isClass = (f) => typeof f === "function" && /^class\b/.test(Function.prototype.toString.call(f));
const declaresConstructor = (C) => /\n\s{4}constructor\(/.test(Function.prototype.toString.call(C));
const own = (o) => Object.getOwnPropertyNames(o).filter((n) => !n.startsWith("__"));

/** A MedJourneyError with a code of the core's, or the assertion fails naming the call. */
const assertCoded = (e, label) => {
  assert.ok(e instanceof Error, `${label}: threw a non-Error ${String(e)}`);
  assert.equal(e.name, "MedJourneyError", `${label}: ${e.name}: ${e.message}`);
  assert.ok(CODES.has(e.code), `${label}: code ${e.code} is not one of the core's`);
};

/** The module still answers exactly: decimal addition and a conversion with the sample rates. */
const fx = mj.samples.fx();
const converted = fx.convert({ amount: "8400.00", currency: "EUR" }, "GBP");
const assertStillExact = (label) => {
  assert.deepEqual(mj.addMoney({ amount: "0.10", currency: "EUR" }, { amount: "0.20", currency: "EUR" }),
    { amount: "0.30", currency: "EUR" }, `after ${label}`);
  assert.deepEqual(fx.convert({ amount: "8400.00", currency: "EUR" }, "GBP"), converted, `after ${label}`);
};

// ---- every callable of the package, found by walking it -------------------------------

const eur = () => ({ amount: "10.00", currency: "EUR" });
const map = () => mj.journeyMap(mj.samples.journeys());
/** Instances of the classes whose methods take arguments, when no zero-argument export makes one. */
const FACTORIES = {
  Journey: () => mj.Journey.fromJSON(mj.samples.pt0042()),
  Itinerary: () => new mj.Itinerary(mj.samples.itinerary()),
  MapAccumulator: () => new mj.MapAccumulator(),
};
/** Valid arguments, so each position is also tried with the others right (deeper checks). */
const EXAMPLES = {
  currency: () => ["EUR"],
  parseMoney: () => ["1.00 EUR"],
  formatMoney: () => [eur()],
  addMoney: () => [eur(), eur()],
  subtractMoney: () => [eur(), eur()],
  roundMoney: () => [eur(), "half_up"],
  allocate: () => [eur(), [1, 2]],
  splitMoney: () => [eur(), 3],
  multiplyMoney: () => [eur(), "1.5"],
  compareMoney: () => [eur(), eur()],
  quoteTotals: () => [mj.samples.quotes()[0]],
  validateQuote: () => [mj.samples.quotes()[0]],
  compareQuotes: () => [mj.samples.quotes(), mj.samples.fx(), "GBP", mj.samples.compareOptions()],
  estimateTrip: () => [mj.samples.quotes()[0], mj.samples.travel(), mj.samples.fx(), "GBP", mj.samples.convertOptions()],
  adjudicate: () => [mj.samples.estimate(), mj.samples.policy()],
  paymentPlan: () => [mj.samples.paymentPlan()],
  budgetFit: () => [mj.samples.estimate().total, mj.samples.budget(), mj.samples.fx(), mj.samples.convertOptions()],
  rank: () => [mj.samples.catalog(), mj.samples.request(), mj.samples.rankOptions()],
  topsis: () => [new Float64Array([4, 4, 1, 5]), 2, 2, [0.5, 0.5], [1, -1], "min_max"],
  weightedSum: () => [new Float64Array([4, 4, 1, 5]), 2, 2, [0.5, 0.5], [1, -1], "min_max"],
  weightedRating: () => [4.5, 10, 5, 3],
  wilsonLowerBound: () => [8, 10, 1.96],
  dirichletStarScore: () => [[5, 4, 3, 2, 1], 1.64],
  journeyMap: () => [mj.samples.journeys(), {}],
  journeyMapColumns: () => [mj.journeyColumns(mj.samples.journeys()), {}],
  journeyColumns: () => [mj.samples.journeys()],
  toSvg: () => [map(), "Title"],
  toCsv: () => [map()],
  journeyMapRows: () => [map()],
  checkItinerary: () => [mj.samples.itinerary(), mj.itineraryRules()],
  toIcs: () => [mj.samples.itinerary()],
  dayByDay: () => [mj.samples.itinerary()],
  localInstant: () => ["2027-02-17T08:00:00", "Europe/Istanbul"],
  "FxTable.new": () => [mj.samples.fx().toJSON()],
  "FxTable.fromCsv": () => ["from,to,rate,as_of,source\nEUR,USD,1.1,2026-01-01T00:00:00Z,x\n", "EUR"],
  "FxTable#convert": () => [eur(), "GBP", mj.samples.convertOptions()],
  "FxTable#convertWith": () => [eur(), "GBP", mj.samples.convertOptions()],
  "FxTable#convertEach": () => [[eur()], "GBP", mj.samples.convertOptions()],
  "FxTable#convertSum": () => [[eur()], "GBP", "half_up"],
  "FxTable#convertSumColumns": () => [BigInt64Array.from([100n]), Uint8Array.from([0]), ["EUR"], "GBP", "half_up"],
  "Catalog.new": () => [mj.samples.catalog().toJSON()],
  "Catalog.fromJSONText": () => [JSON.stringify(mj.samples.catalog().toJSON())],
  "Catalog#get": () => ["bosphorus-ortho"],
  "Journey.new": () => ["j", "PT-1", "knee_replacement", "awareness", "2026-01-01T00:00:00Z"],
  "Journey.fromJSON": () => [mj.samples.pt0042()],
  "Journey#apply": () => [{ action: "hold", at: "2030-01-01T00:00:00Z" }],
  "Journey#advance": () => ["2030-01-01T00:00:00Z"],
  "Journey#goBack": () => ["quote_expired", "2030-01-01T00:00:00Z"],
  "Journey#setNeed": () => ["preparation", "interpreter", true],
  "Journey#record": () => [{ ...mj.samples.pt0042().touchpoints[0], id: "t-new" }],
  "Itinerary.new": () => [mj.samples.itinerary()],
  "Itinerary#check": () => [mj.itineraryRules()],
  "MapAccumulator#addJourneys": () => [mj.samples.journeys()],
  "MapAccumulator#addColumns": () => [mj.journeyColumns(mj.samples.journeys())],
  "MapAccumulator#merge": () => [new mj.MapAccumulator()],
  "MapAccumulator#finish": () => [{}],
  "MapAccumulator.fromJSONText": () => [new mj.MapAccumulator().toJSONText()],
  "MapAccumulator.new": () => ["exact"],
  "MapAccumulator.fromBytes": () => [new mj.MapAccumulator().toBytes()],
  "samples.journeyTable": () => [10, 20, 7],
};

/** A maker of an instance for each class that has one, filled by the walk. */
const MAKERS = new Map();

/** Every function, constructor, static and instance method, as `{label, arity, call(args)}`. */
function callables() {
  const out = [];
  const instances = MAKERS;
  // Zero-argument functions and static methods that make class instances (samples.fx()…).
  const makers = [];
  for (const [name, value] of Object.entries(mj)) {
    if (typeof value !== "function") continue;
    if (!isClass(value)) {
      out.push({ label: name, arity: value.length, call: (args) => value(...args) });
      continue;
    }
    if (declaresConstructor(value)) {
      out.push({ label: `${name}.new`, arity: value.length, call: (args) => new value(...args) });
      if (value.length === 0) makers.push(() => new value());
    }
    for (const s of own(value)) {
      const f = value[s];
      if (typeof f !== "function" || ["length", "name", "prototype"].includes(s)) continue;
      out.push({ label: `${name}.${s}`, arity: f.length, call: (args) => f.apply(value, args) });
      if (f.length === 0) makers.push(() => f.call(value));
    }
  }
  for (const make of makers) {
    let made;
    try {
      made = make();
    } catch {
      continue;
    }
    if (made && typeof made === "object" && !instances.has(made.constructor)) instances.set(made.constructor, () => make());
  }
  for (const [name, C] of Object.entries(mj)) {
    if (!isClass(C)) continue;
    for (const m of own(C.prototype)) {
      const d = Object.getOwnPropertyDescriptor(C.prototype, m);
      if (m === "constructor" || typeof d.value !== "function" || m === "free") continue;
      const make = instances.get(C) ?? FACTORIES[name];
      if (d.value.length > 0) assert.ok(make, `no way to make a ${name} to call ${name}#${m}: add one to FACTORIES`);
      if (!make) continue;
      out.push({ label: `${name}#${m}`, arity: d.value.length, call: (args) => d.value.apply(make(), args) });
    }
  }
  return out;
}

const CALLABLES = callables();
for (const [name, make] of Object.entries(FACTORIES)) if (!MAKERS.has(mj[name])) MAKERS.set(mj[name], make);

/** One instance of every class of the package, each a wrong argument anywhere else. */
const otherInstances = () => [mj.samples.fx(), mj.samples.catalog(), new mj.MapAccumulator(), FACTORIES.Journey(), FACTORIES.Itinerary()];
const lone = "1.00 \ud800";
const WRONG = () => [
  undefined, null, 42, -1, 1.5, Number.NaN, Infinity, true, "not what is expected", lone, "",
  Symbol("s"), 10n, {}, [], [1, "x"], new Date(0), () => 1, new Float64Array(3), new Uint8Array(2),
  new Map(), new Proxy({}, { get() { throw new Error("trap"); } }), ...otherInstances(),
];

/** A value for a failure message, without running its code (the proxy's traps throw). */
const describe = (v) => {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return typeof v === "symbol" ? "Symbol" : `${typeof v} ${String(v).slice(0, 20)}`;
  try {
    return Object.prototype.toString.call(v);
  } catch {
    return "a throwing proxy";
  }
};

/** Runs `call`; a return is fine, a throw must be a coded MedJourneyError. */
const attempt = (call, label) => {
  try {
    call();
  } catch (e) {
    assertCoded(e, label);
    return e;
  }
  return undefined;
};

test("the walk finds every export: functions, constructors, static and instance methods", () => {
  const labels = new Set(CALLABLES.map((c) => c.label));
  for (const name of ["parseMoney", "rank", "topsis", "FxTable.new", "FxTable#convert", "FxTable.fromCsv", "Catalog#get",
    "Journey.new", "Journey#setNeed", "MapAccumulator#merge", "MapAccumulator.new", "MapAccumulator.fromBytes",
    "Itinerary#check", "samples.journeyTable", "samples.catalog"]) {
    assert.ok(labels.has(name), `${name} not found`);
  }
  for (const { label, arity } of CALLABLES) {
    if (arity > 0 && !EXAMPLES[label]) console.log(`# no EXAMPLES entry for ${label}: only its generic checks run`);
  }
});

test("every export refuses every wrong type and every missing argument with a coded MedJourneyError", () => {
  for (const { label, arity, call } of CALLABLES) {
    attempt(() => call([]), `${label}()`);
    const valid = EXAMPLES[label]?.();
    if (valid) assert.equal(attempt(() => call(valid), `${label}(valid)`), undefined, `${label} with its example`);
    for (const wrong of WRONG()) {
      const shown = describe(wrong);
      attempt(() => call(Array(arity).fill(wrong)), `${label}(all ${shown})`);
      for (let i = 0; i < arity; i++) {
        const args = valid ? EXAMPLES[label]() : Array(arity).fill(undefined);
        args[i] = wrong;
        attempt(() => call(args), `${label} argument ${i} = ${shown}`);
      }
    }
    assertStillExact(label);
  }
});

test("the generated glue copies no argument into wasm memory: only import shims copy strings", () => {
  const glue = readFileSync(new URL("../pkg/node/medjourney.js", import.meta.url), "utf8").split("\n");
  const header = /^\s*(?:(?:static|async)\s+)?(?:function\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*function)?\s*\([^)]*\)\s*\{\s*$/;
  const copies = /passStringToWasm0\(|_assertClass\(|passArray\w*ToWasm0\(/;
  let current = "";
  for (const line of glue) {
    const h = line.match(header);
    if (h && !["if", "for", "while", "switch", "catch"].includes(h[1])) current = h[1];
    if (copies.test(line) && !/^(passStringToWasm0|passArray\w*ToWasm0|_assertClass)$/.test(current)) {
      assert.match(current, /^__wbg_/, `${current} copies an argument into wasm memory: ${line.trim()}`);
    }
  }
});

test("fast-check: any value at any position of any export gives a coded MedJourneyError or an answer", () => {
  const extra = fc.constantFrom(Symbol("s"), 10n, -(2n ** 70n), new Date(NaN), lone, "\udc00", 2 ** 53, -0, 1e308,
    new Float64Array(5), new Int8Array([1, -1]), new BigInt64Array(2), new Uint32Array(5), ...otherInstances());
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.anything({ withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true,
      withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, maxDepth: 3 }) },
    { weight: 1, arbitrary: extra },
  );
  const target = fc.constantFrom(...CALLABLES.filter((c) => c.arity > 0));
  fc.assert(
    fc.property(target, fc.nat(), value, fc.boolean(), (c, at, v, others) => {
      const i = at % c.arity;
      const args = others && EXAMPLES[c.label] ? EXAMPLES[c.label]() : Array(c.arity).fill(v);
      args[i] = v;
      const e = attempt(() => c.call(args), `${c.label} argument ${i}`);
      if (e) assertStillExact(`${c.label}: ${e.code}`);
    }),
    { numRuns: 400, seed: 14 },
  );
});

// ---- the object a method is called on (`this`) ------------------------------------------

const CLASSES = Object.entries(mj).filter(([, C]) => isClass(C)).map(([, C]) => C);
/** How to make an instance of each class that has instances (`samples` has none). */
const INSTANCES = new Map([...MAKERS].filter(([C]) => CLASSES.includes(C)));

/** Every member of a class's prototype (methods, getters, setters, `free`, `[Symbol.dispose]`
 * and the glue's own), as `{label, member, call(self, args)}`, found by walking it. */
const members = (C) => Reflect.ownKeys(C.prototype).filter((k) => k !== "constructor").flatMap((key) => {
  const d = Object.getOwnPropertyDescriptor(C.prototype, key);
  const label = `${C.name}#${String(key)}`;
  const args = () => EXAMPLES[label]?.() ?? Array(d.value?.length ?? 1).fill(undefined);
  return [
    typeof d.value === "function" && { label, key, call: (self) => d.value.apply(self, args()) },
    typeof d.get === "function" && { label: `${label} (get)`, key, call: (self) => d.get.call(self) },
    typeof d.set === "function" && { label: `${label} (set)`, key, call: (self) => d.set.call(self, undefined) },
  ].filter(Boolean);
});

/** The code `call` throws, asserting it is a MedJourneyError with one of the core's; "ok" if it returns. */
const thrownCode = (call, label) => {
  try {
    call();
  } catch (e) {
    assertCoded(e, label);
    return e.code;
  }
  return "ok";
};

/** What is not a live instance of `C`: nothing (a detached call), primitives, look-alikes
 * with its prototype and a made-up pointer, and live instances of every other class
 * (among them the `fx` the exactness check converts with, so a wrong `free` would show). */
const foreignReceivers = (C) => [
  undefined, null, 42, "text", Symbol("s"), 10n, {}, () => 1, Object.create(C.prototype),
  Object.create(C.prototype, { __wbg_ptr: { value: 8 } }),
  ...[...INSTANCES].filter(([D]) => D !== C).map(([, make]) => make()),
  ...(C === mj.FxTable ? [] : [fx]),
];

test("the glue of every target (node, bundler, web) guards the receivers of every class", () => {
  for (const glue of ["node/medjourney.js", "bundler/medjourney_bg.js", "web/medjourney.js"]) {
    const text = readFileSync(new URL(`../pkg/${glue}`, import.meta.url), "utf8").trimEnd();
    const call = text.slice(text.lastIndexOf("\n") + 1);
    assert.match(call, /^__mj_guardReceivers\(\[.*\], __receiverError\);$/, glue);
    for (const C of CLASSES) assert.ok(call.includes(`[${C.name}, ${C.name}Finalization]`), `${glue}: ${C.name}`);
  }
});

test("every member of every class refuses a receiver that is not a live instance of its class: invalid_receiver", () => {
  assert.ok(CLASSES.length >= 5 && CLASSES.includes(mj.samples), "the walk finds the classes");
  for (const C of CLASSES) {
    const all = members(C);
    assert.ok(all.some((m) => m.key === "free"), `${C.name} has free`);
    for (const { label, call } of all) {
      for (const self of foreignReceivers(C)) {
        assert.equal(thrownCode(() => call(self), `${label} on ${describe(self)}`), "invalid_receiver", `${label} on ${describe(self)}`);
      }
    }
    assertStillExact(`${C.name} members on foreign receivers`);
  }
});

test("every member of every class refuses a freed instance with freed_object; free() again does nothing", () => {
  for (const [C, make] of INSTANCES) {
    for (const { label, key, call } of members(C)) {
      const freed = make();
      freed.free();
      const expected = key === "free" || key === Symbol.dispose ? "ok" : "freed_object";
      assert.equal(thrownCode(() => call(freed), `${label} on a freed ${C.name}`), expected, label);
    }
    assertStillExact(`${C.name} members on freed instances`);
  }
  assert.ok(INSTANCES.size >= 5, `instances of ${[...INSTANCES.keys()].map((C) => C.name)}`);
});

test("a method taken from its object and called alone is invalid_receiver, not a bare TypeError", () => {
  const table = mj.samples.fx();
  const convert = table.convert;
  assert.equal(thrownCode(() => convert({ amount: "1.00", currency: "EUR" }, "GBP")), "invalid_receiver");
  const { free } = table;
  assert.equal(thrownCode(() => free()), "invalid_receiver");
  assert.deepEqual(table.convert({ amount: "8400.00", currency: "EUR" }, "GBP"), converted, "the table itself is untouched");
});

test("another class's instance as this is invalid_receiver, not a read of the wrong type in wasm memory", () => {
  const catalog = mj.samples.catalog();
  const providers = catalog.length;
  assert.equal(thrownCode(() => mj.FxTable.prototype.convert.call(catalog, { amount: "1.00", currency: "EUR" }, "GBP")), "invalid_receiver");
  assert.equal(thrownCode(() => mj.FxTable.prototype.free.call(catalog)), "invalid_receiver", "nor is it freed as the wrong type");
  const length = Object.getOwnPropertyDescriptor(mj.Catalog.prototype, "length").get;
  assert.equal(thrownCode(() => length.call(mj.samples.fx())), "invalid_receiver");
  // An object's class is what made it, not its prototype or a pointer written on it.
  Object.setPrototypeOf(catalog, mj.FxTable.prototype);
  assert.equal(thrownCode(() => catalog.convert({ amount: "1.00", currency: "EUR" }, "GBP")), "invalid_receiver");
  assert.notEqual(thrownCode(() => mj.compareQuotes(mj.samples.quotes(), catalog, "GBP")), "ok", "nor is it taken as an FxTable argument");
  Object.setPrototypeOf(catalog, mj.Catalog.prototype);
  assert.equal(catalog.length, providers, "the catalog is intact");
  const table = mj.samples.fx();
  table.__wbg_ptr = catalog.__wbg_ptr;
  assert.deepEqual(table.convert({ amount: "8400.00", currency: "EUR" }, "GBP"), converted, "its pointer cannot be overwritten");
  assertStillExact("wrong receivers");
});

test("free() twice, or free() then [Symbol.dispose](), is harmless; the freed object then throws freed_object", () => {
  const table = mj.samples.fx();
  table.free();
  assert.equal(table.free(), undefined);
  assert.equal(table[Symbol.dispose](), undefined);
  assert.equal(thrownCode(() => table.convert({ amount: "1.00", currency: "EUR" }, "GBP")), "freed_object");
  assert.equal(thrownCode(() => mj.compareQuotes(mj.samples.quotes(), table, "GBP")), "freed_object", "as an argument too");
  assertStillExact("double free");
});

// ---- one named regression per class of hostile argument (issue 14) ---------------------

const codeOf = (call) => {
  try {
    call();
  } catch (e) {
    assertCoded(e, String(call));
    return e.code;
  }
  return "ok";
};

test("a number, boolean, object, Symbol, BigInt or Date where a string is expected is a parse_error, not a read out of bounds", () => {
  for (const v of [42, true, {}, Symbol("s"), 10n, new Date(0)]) {
    assert.equal(codeOf(() => mj.parseMoney(v)), "parse_error");
    assert.equal(codeOf(() => mj.currency(v)), "parse_error");
    assert.equal(codeOf(() => fx.convert(eur(), v)), "parse_error");
    assert.equal(codeOf(() => mj.localInstant("2027-02-17T08:00:00", v)), "parse_error");
  }
  assertStillExact("strings of the wrong type");
});

test("undefined or a missing argument is a parse_error with a code, not a bare TypeError", () => {
  assert.equal(codeOf(() => mj.parseMoney()), "parse_error");
  assert.equal(codeOf(() => mj.splitMoney(eur())), "parse_error");
  assert.equal(codeOf(() => new mj.Journey("j", "p", "knee", "awareness")), "parse_error");
  assert.equal(codeOf(() => mj.rank(undefined, mj.samples.request())), "parse_error");
  assert.equal(codeOf(() => mj.topsis(new Float64Array(4), 2, undefined, [1, 1], [1, 1])), "parse_error");
  assertStillExact("missing arguments");
});

test("a class instance of the wrong kind is a parse_error, not 'expected instance of Catalog'", () => {
  assert.equal(codeOf(() => mj.rank(mj.samples.fx(), mj.samples.request())), "parse_error");
  assert.equal(codeOf(() => mj.compareQuotes(mj.samples.quotes(), mj.samples.catalog(), "GBP")), "parse_error");
  assert.equal(codeOf(() => mj.compareQuotes(mj.samples.quotes(), mj.samples.fx().toJSON(), "GBP")), "parse_error");
  assert.equal(codeOf(() => new mj.MapAccumulator().merge(mj.samples.catalog())), "parse_error");
  const freed = mj.samples.catalog();
  freed.free();
  assert.equal(codeOf(() => mj.rank(freed, mj.samples.request(), mj.samples.rankOptions())), "freed_object");
  const acc = new mj.MapAccumulator();
  acc.addJourneys(mj.samples.journeys());
  assert.equal(codeOf(() => acc.merge(acc)), "invalid_input", "an accumulator cannot merge itself");
  assert.equal(acc.finish().journeys, mj.samples.journeys().length, "and it is unchanged and usable");
  assertStillExact("wrong instances");
});

test("a typed array too large to copy is an error with a code, not a trap in the allocator", () => {
  // 2 GiB: more than a 32-bit wasm module can address. (A matrix that large is no error:
  // topsis and weightedSum read it a chunk at a time and never copy it whole.)
  assert.equal(codeOf(() => mj.topsis(new Float64Array(4), 2, 2, new Float64Array(2 ** 28), [1, -1])), "invalid_input");
  assertStillExact("a typed array too large");
});

test("a matrix read a chunk at a time is checked chunk by chunk: a species constructor or a buffer detached meanwhile is a parse_error", () => {
  const rows = 10_000; // 80,000 values: several chunks
  const fresh = () => Float64Array.from({ length: rows * 8 }, (_, i) => (i * 7919) % 1013);
  const args = [rows, 8, new Float64Array(8).fill(1), new Int8Array(8).fill(1)];
  const want = mj.topsis(fresh(), ...args);
  // subarray builds each chunk through the array's species: one that returns a shorter,
  // longer or other typed array, throws, or detaches the matrix's buffer is refused.
  const species = (make) => {
    const m = fresh();
    m.constructor = { [Symbol.species]: function (buffer, offset, length) { return make(buffer, offset, length, m); } };
    return m;
  };
  const hostile = [
    () => new Float64Array(3),
    (b, o, n) => new Float64Array(b, o, n + 1),
    (b, o, n) => new Float32Array(n),
    () => { throw new Error("no"); },
    (b, o, n, m) => { structuredClone(m.buffer, { transfer: [m.buffer] }); return new Float64Array(n); },
  ];
  for (const make of hostile) {
    for (const f of [mj.topsis, mj.weightedSum]) assert.equal(codeOf(() => f(species(make), ...args)), "parse_error");
  }
  // One that returns a same-length Float64Array elsewhere is read as such, without harm.
  const other = species((b, o, n) => new Float64Array(n));
  assert.equal(mj.topsis(other, ...args).length, rows);
  const detached = fresh();
  structuredClone(detached.buffer, { transfer: [detached.buffer] });
  assert.equal(codeOf(() => mj.topsis(detached, ...args)), "invalid_matrix", "a detached matrix has no values");
  assert.deepEqual(mj.topsis(fresh(), ...args), want, "and the module scores as before");
  assertStillExact("a hostile matrix");
});

test("numbers where whole numbers are expected are parse_errors: no silent truncation or wrap-around", () => {
  assert.equal(codeOf(() => mj.splitMoney(eur(), 1.5)), "parse_error");
  assert.equal(codeOf(() => mj.splitMoney(eur(), -1)), "parse_error");
  assert.equal(codeOf(() => mj.splitMoney(eur(), "3")), "parse_error");
  assert.equal(codeOf(() => mj.topsis(new Float64Array(4), 2, 2, [0.5, 0.5], [1, 300])), "parse_error");
  assert.deepEqual(mj.splitMoney(eur(), 3).map((m) => m.amount), ["3.34", "3.33", "3.33"]);
});

test("text with a lone surrogate is a parse_error, in arguments and in objects alike", () => {
  assert.equal(codeOf(() => mj.parseMoney(lone)), "parse_error");
  assert.equal(codeOf(() => mj.toSvg(map(), "\ud800")), "parse_error");
  assert.equal(codeOf(() => mj.addMoney({ amount: "1", currency: "EU\ud800" }, eur())), "parse_error");
  assertStillExact("lone surrogates");
});

test("an object given as the array of its values is a parse_error, at the top or nested, as in Rust and Python", () => {
  const quote = mj.samples.quotes()[0];
  const plan = mj.samples.planRequest();
  const journey = mj.samples.journeys()[0];
  const cases = [
    ["money", () => mj.addMoney(Object.values(eur()), eur())],
    ["quote", () => mj.quoteTotals(Object.values(quote))],
    ["a quote's line item", () => mj.quoteTotals({ ...quote, items: [Object.values(quote.items[0])] })],
    ["a journey's touchpoint", () => mj.journeyMap([{ ...journey, touchpoints: [Object.values(journey.touchpoints[0])] }])],
    ["a plan request", () => mj.planTrip(Object.values(plan))],
    ["options", () => mj.rank(mj.samples.catalog(), mj.samples.request(), Object.values({ topK: 3 }))],
  ];
  for (const [label, call] of cases) {
    assert.throws(call, (e) => {
      assertCoded(e, label);
      assert.equal(e.code, "parse_error", `${label}: ${e.message}`);
      return true;
    }, label);
  }
  // The same objects as objects are read.
  assert.ok(mj.quoteTotals(quote));
  assert.ok(mj.journeyMap([journey]));
  assertStillExact("objects given as arrays");
});
