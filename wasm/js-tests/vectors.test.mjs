// Runs the language-neutral vectors under tests/vectors with the same expectations as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as mj from "medjourney";
import ICAL from "ical.js";

const RUN_FILES = new Set();
const vectors = (name) => {
  RUN_FILES.add(`${name}.json`);
  return JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}.json`, import.meta.url), "utf8"));
};

const money = vectors("money");
const fx = money.fx;
const M = (t) => mj.parseMoney(t);
const show = (m) => mj.formatMoney(m);

function runMoney(op, a) {
  switch (op) {
    case "parse": {
      const m = M(a.text);
      return { money: show(m), display: show(m) };
    }
    case "add": return show(mj.addMoney(M(a.a), M(a.b)));
    case "sub": return show(mj.subtractMoney(M(a.a), M(a.b)));
    case "mul": {
      const m = mj.multiplyMoney(M(a.money), a.factor);
      return { money: show(m), exact: m.amount };
    }
    case "round": return show(mj.roundMoney(M(a.money), a.mode));
    case "allocate": return mj.allocate(M(a.money), a.ratios).map(show);
    case "split": return mj.splitMoney(M(a.money), a.n).map(show);
    case "convert": {
      const c = new mj.FxTable(fx).convertWith(M(a.money), a.to, {
        rounding: a.rounding, now: a.now, maxAgeHours: a.maxAgeHours, stale: a.stale,
      });
      return { money: show(c.money), stale: c.stale };
    }
    case "convert_sum": {
      // Every JS batch entry point: Money objects (each row and the sum) and typed columns.
      const table = new mj.FxTable(fx);
      const items = a.items.map(M);
      const each = table.convertEach(items, a.to, { rounding: a.rounding });
      const sum = table.convertSum(items, a.to, a.rounding);
      const codes = [...new Set(items.map((m) => m.currency))];
      // "12.64 CAD" shown with its minor units is 1264 minor units.
      const minor = BigInt64Array.from(items.map((m) => BigInt(show(m).split(" ")[0].replace(".", ""))));
      const index = Uint8Array.from(items.map((m) => codes.indexOf(m.currency)));
      const columns = table.convertSumColumns(minor, index, codes, a.to, a.rounding);
      table.free();
      assert.ok(same(show(sum), show(each.total)) && same(show(columns), show(each.total)), "batch totals agree");
      return { money: show(each.total), each: each.amounts.map(show) };
    }
    default: throw new Error(`unknown op ${op}`);
  }
}

const same = (a, b) => mj.compareMoney(M(a), M(b)) === 0 && M(a).currency === M(b).currency;

for (const c of money.cases) {
  test(`money: ${c.name}`, () => {
    if (c.error) {
      assert.throws(() => runMoney(c.op, c.args), (e) => e.name === "MedJourneyError" && e.code === c.error);
      return;
    }
    const got = runMoney(c.op, c.args);
    if (Array.isArray(c.expect)) {
      assert.equal(got.length, c.expect.length);
      got.forEach((g, i) => assert.ok(same(g, c.expect[i]), `${g} != ${c.expect[i]}`));
      return;
    }
    const text = typeof got === "string" ? got : got.money;
    assert.ok(same(text, c.expect), `${text} != ${c.expect}`);
    if (c.display) assert.equal(text, c.display);
    if (c.exact) assert.equal(got.exact, c.exact);
    if (c.stale !== undefined) assert.equal(got.stale, c.stale);
    if (c.each) {
      assert.equal(got.each.length, c.each.length);
      got.each.forEach((g, i) => assert.ok(same(g, c.each[i]), `${g} != ${c.each[i]}`));
    }
  });
}

// ---- shared helpers ---------------------------------------------------------------------

/** Runs every case of a vector file: an `error` case must throw that code. */
function runCases(file, label, run, check) {
  assert.ok(file.cases.length > 0, `${label}: no cases`);
  for (const c of file.cases) {
    test(`${label}: ${c.name}`, () => {
      if (c.error) {
        assert.throws(
          () => run(c.op, c.args),
          (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === c.error,
          `expected error ${c.error}`,
        );
        return;
      }
      check(c, run(c.op, c.args));
    });
  }
}

const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const decimalEq = (a, b) => {
  const norm = (s) => {
    let [i, f = ""] = String(s).replace(/^\+/, "").split(".");
    let neg = i.startsWith("-");
    if (neg) i = i.slice(1);
    i = i.replace(/^0+(?=\d)/, "");
    f = f.replace(/0+$/, "");
    if (/^0*$/.test(i + f)) neg = false;
    return `${neg ? "-" : ""}${i}.${f}`;
  };
  return norm(a) === norm(b);
};

/** cost runner's rule: every key of `expect` matches; amounts compare as decimals. */
function matches(expect, got, path) {
  if (isObj(expect)) {
    assert.ok(isObj(got), `${path}: expected an object, got ${JSON.stringify(got)}`);
    for (const [k, ev] of Object.entries(expect)) {
      const gv = got[k] ?? null;
      if (k === "amount" && typeof ev === "string") {
        assert.ok(typeof gv === "string" && decimalEq(ev, gv), `${path}.amount: ${gv} != ${ev}`);
      } else {
        matches(ev, gv, `${path}.${k}`);
      }
    }
  } else if (Array.isArray(expect)) {
    assert.ok(Array.isArray(got), `${path}: expected an array`);
    assert.equal(got.length, expect.length, `${path}: length`);
    expect.forEach((e, i) => matches(e, got[i], `${path}[${i}]`));
  } else {
    assert.deepEqual(got ?? null, expect, path);
  }
}

/** journey runner's rule: every key of `expected` present and equal; numbers within 1e-9. */
function subset(expected, got, path) {
  if (isObj(expected)) {
    assert.ok(isObj(got), `${path}: expected an object`);
    for (const [k, v] of Object.entries(expected)) {
      assert.ok(k in got, `${path}.${k}: missing in result`);
      subset(v, got[k], `${path}.${k}`);
    }
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(got), `${path}: expected an array`);
    assert.equal(got.length, expected.length, `${path}: length`);
    expected.forEach((e, i) => subset(e, got[i], `${path}[${i}]`));
  } else if (typeof expected === "number" && typeof got === "number") {
    assert.ok(Math.abs(expected - got) <= 1e-9 * Math.max(Math.abs(expected), 1), `${path}: expected ${expected}, got ${got}`);
  } else {
    assert.deepEqual(got ?? null, expected, path);
  }
}

// ---- cost -------------------------------------------------------------------------------

const cost = vectors("cost");
const costFx = new mj.FxTable(cost.fx);

function runCost(op, a) {
  switch (op) {
    case "quote_totals": return mj.quoteTotals(a.quote);
    case "compare_quotes": return mj.compareQuotes(a.quotes, costFx, a.currency, a.options);
    case "estimate_trip": return mj.estimateTrip(a.quote, a.travel, costFx, a.currency, a.options);
    case "adjudicate": {
      const estimate = mj.estimateTrip(a.quote, a.travel, costFx, a.currency, undefined);
      return mj.adjudicate(estimate, a.policy);
    }
    case "payment_schedule": return mj.paymentPlan(a.plan);
    case "budget_fit": return mj.budgetFit(a.total, a.budget, costFx, a.options);
    default: throw new Error(`unknown op ${op}`);
  }
}
runCases(cost, "cost", runCost, (c, got) => matches(c.expect, got, ""));

// ---- journey ------------------------------------------------------------------------------

function started(a) {
  const j = new mj.Journey("vector", "PT-V", "knee_replacement", a.start.stage, a.start.at);
  for (const step of a.steps ?? []) j.apply(step);
  return j;
}

// The JourneyTable JSON shape as the typed arrays `journeyMapColumns` takes. Every value
// must fit its array exactly (no silent wrap-around), or the test fails here.
const COLUMN_TYPES = {
  status: Uint8Array, visitJourney: Uint32Array, visitStage: Uint8Array,
  visitEntered: BigInt64Array, visitLeft: BigInt64Array, touchJourney: Uint32Array,
  touchStage: Uint8Array, touchAt: BigInt64Array, touchChannel: Uint8Array,
  touchKind: Uint8Array, touchSentiment: Float64Array, needJourney: Uint32Array,
  needStage: Uint8Array, needCode: Uint8Array, needMet: Uint8Array,
};
function typedColumns(table) {
  const out = {};
  for (const [key, Type] of Object.entries(COLUMN_TYPES)) {
    const values = table[key] ?? [];
    if (Type === BigInt64Array) {
      out[key] = BigInt64Array.from(values, (v) => BigInt(v));
    } else if (Type === Float64Array) {
      out[key] = Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
    } else {
      out[key] = Type.from(values);
    }
    out[key].forEach((v, i) => {
      const want = values[i] === null ? Number.NaN : values[i];
      assert.ok(Object.is(Number(v), Number(want)), `${key}[${i}] = ${values[i]} does not fit ${Type.name}`);
    });
  }
  return out;
}

function runJourney(op, a) {
  switch (op) {
    case "transitions": {
      const j = started(a);
      try {
        return { stage: j.currentStage ?? null, status: j.status, furthest: j.furthestStage ?? null };
      } finally { j.free(); }
    }
    case "record": {
      const j = started(a);
      try {
        for (const t of a.touchpoints ?? []) j.record(t);
        return { touchpoints: j.toJSON().touchpoints?.length ?? 0 };
      } finally { j.free(); }
    }
    case "validate": {
      const j = mj.Journey.fromJSON(a.journey);
      try { return { id: j.id }; } finally { j.free(); }
    }
    case "map": return mj.journeyMap(a.journeys, a.options);
    case "map_columns": return mj.journeyMapColumns(typedColumns(a.table));
    default: throw new Error(`unknown op ${op}`);
  }
}
runCases(vectors("journey"), "journey", runJourney, (c, got) => subset(c.expect, got, c.name));

// ---- itinerary ----------------------------------------------------------------------------

function runItinerary(op, a) {
  switch (op) {
    case "check": {
      const found = mj.checkItinerary(a.itinerary, a.rules);
      return { findings: found.map((f) => ({ code: f.code, severity: f.severity, items: f.items })) };
    }
    case "local_instant": return mj.localInstant(a.local, a.zone);
    case "summary": {
      const days = mj.dayByDay(a.itinerary);
      return {
        days: days.map((d) => ({
          date: d.date,
          entries: d.entries.map((e) => ({
            itemId: e.itemId, part: e.part, startLocal: e.startLocal ?? null,
            endLocal: e.endLocal ?? null, contact: e.contact?.name ?? null,
          })),
        })),
      };
    }
    case "ics": {
      const text = mj.toIcs(a.itinerary);
      // An independent RFC 5545 reader (ical.js) proves the text parses.
      const cal = new ICAL.Component(ICAL.parse(text));
      const events = cal.getAllSubcomponents("vevent");
      return {
        events: events.length,
        uids: events.map((e) => e.getFirstPropertyValue("uid")),
        text: text.replaceAll("\r\n ", ""),
      };
    }
    default: throw new Error(`unknown op ${op}`);
  }
}
runCases(vectors("itinerary"), "itinerary", runItinerary, (c, got) => {
  if (c.op === "ics") {
    assert.equal(got.events, c.expect.events, "event count");
    assert.deepEqual(got.uids, c.expect.uids, "UIDs");
    const lines = got.text.split("\r\n");
    for (const line of c.expect.lines) assert.ok(lines.includes(line), `line ${line} missing`);
  } else {
    assert.deepEqual(got, c.expect);
  }
});

// ---- matching ---------------------------------------------------------------------------

const matching = vectors("matching");
const tol = matching.tolerance ?? 1e-9;
const close = (e, g, what) => assert.ok(Math.abs(e - g) <= tol, `${what}: expected ${e}, got ${g}`);

function runMatching(op, a) {
  switch (op) {
    case "topsis":
    case "weighted_sum": {
      const rows = a.matrix.length;
      const cols = rows ? a.matrix[0].length : 0;
      const flat = Float64Array.from(a.matrix.flat());
      const f = op === "topsis" ? mj.topsis : mj.weightedSum;
      return f(flat, rows, cols, Float64Array.from(a.weights), Int8Array.from(a.types), a.normalization ?? "min_max");
    }
    case "weighted_rating": return mj.weightedRating(a.mean ?? 0, a.votes ?? 0, a.priorVotes ?? 0, a.priorMean ?? 0);
    case "wilson": return mj.wilsonLowerBound(a.successes ?? 0, a.n ?? 0, a.z ?? 1.96);
    case "dirichlet": return mj.dirichletStarScore(Uint32Array.from(a.stars), a.z ?? 1.65);
    case "rank": {
      const catalog = a.catalog === "sample" ? mj.samples.catalog() : new mj.Catalog(a.catalog);
      const request = a.request === "sample" ? mj.samples.request() : a.request;
      const options = { ...a.options };
      let fx;
      if (options.fx === "sample") {
        fx = mj.samples.fx();
        options.fx = fx; // an FxTable instance serializes through its toJSON
      }
      try {
        return mj.rank(catalog, request, options);
      } finally {
        catalog.free();
        fx?.free();
      }
    }
    default: throw new Error(`unknown op ${op}`);
  }
}

runCases(matching, "matching", runMatching, (c, got) => {
  const e = c.expect;
  if (c.op !== "rank") {
    if (Array.isArray(e)) {
      assert.ok(got instanceof Float64Array, "a Float64Array comes back");
      assert.equal(got.length, e.length, "length");
      e.forEach((x, i) => close(x, got[i], `value ${i}`));
    } else {
      close(e, got, "value");
    }
    return;
  }
  for (const key of ["candidates", "excludedTotal", "currency"]) {
    if (key in e) assert.deepEqual(got[key], e[key], key);
  }
  assert.deepEqual(got.matches.map((m) => m.providerId), e.order, "order");
  got.matches.forEach((m, i) => assert.equal(m.rank, i + 1, "rank numbers"));
  (e.scores ?? []).forEach((s, i) => close(s, got.matches[i].score, "score"));
  for (const [id, text] of Object.entries(e.prices ?? {})) {
    const m = got.matches.find((x) => x.providerId === id);
    assert.ok(m, `priced match ${id}`);
    assert.equal(`${m.price?.amount ?? ""} ${m.price?.currency ?? ""}`, text, `price of ${id}`);
  }
  const want = e.excluded ?? {};
  assert.equal(got.excluded.length, Object.keys(want).length, "excluded count");
  for (const x of got.excluded) {
    assert.ok(x.providerId in want, `${x.providerId} not expected`);
    assert.deepEqual(x.reasons.map((r) => r.code), want[x.providerId], `reasons of ${x.providerId}`);
  }
});

// ---- knowledge ----------------------------------------------------------------------------

// The vectors count offsets in code points; JS strings index UTF-16 units, which is what
// `explain` gives. Each match must slice its own text, then its offsets are converted.
const codePoints = (text, utf16) => Array.from(text.slice(0, utf16)).length;

function runKnowledge(op, a) {
  switch (op) {
    case "procedure_guide": return mj.procedureGuide(a.code);
    case "procedure_guide_codes": return mj.procedureGuides().map((g) => g.code);
    case "procedures_without_guide": {
      const catalog = new mj.Catalog(a.catalog);
      try { return mj.proceduresWithoutGuide(catalog); } finally { catalog.free(); }
    }
    case "explain":
    case "explain_with": {
      let glossary;
      if (op === "explain_with") {
        glossary = new mj.Glossary();
        glossary.extend(a.glossary);
      }
      try {
        const found = glossary ? glossary.explain(a.text) : mj.explain(a.text);
        return found.map((m) => {
          assert.equal(a.text.slice(m.start, m.end), m.text, `UTF-16 span of ${m.term}`);
          return { ...m, start: codePoints(a.text, m.start), end: codePoints(a.text, m.end) };
        });
      } finally { glossary?.free(); }
    }
    default: throw new Error(`unknown op ${op}`);
  }
}
runCases(vectors("knowledge"), "knowledge", runKnowledge, (c, got) => {
  subset(c.expect, got, c.name);
  for (const field of c.nonEmpty ?? []) {
    const v = got[field];
    assert.ok(v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0), `${field} is empty or missing`);
  }
});

// ---- fhir ---------------------------------------------------------------------------------

// FHIR decimals are precision-significant (8400.00 is not 8400), and JSON.parse forgets
// their digits. `exactParse` parses JSON text with every number kept as its text, boxed as
// `{ [NUM]: "8400.00" }`; `exactText` writes such a value back as JSON with those digits.
const NUM = Symbol("number text");
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
function exactParse(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      assert.ok(m, `bad number at ${i}`);
      out += JSON.stringify(`\u0000num:${m[0]}`);
      i += m[0].length;
    } else {
      out += ch;
      i += 1;
    }
  }
  return JSON.parse(out, (_, v) => (typeof v === "string" && v.startsWith("\u0000num:") ? { [NUM]: v.slice(5) } : v));
}
const isNum = (v) => v !== null && typeof v === "object" && NUM in v;
const exactText = (value) =>
  JSON.stringify(value, (_, v) => (isNum(v) ? `\u0000num:${v[NUM]}` : v)).replace(/"\\u0000num:([^"]*)"/g, "$1");
const plain = (value) => JSON.parse(exactText(value));

/** fhir runner's rule: keys of `expect` match, arrays of equal length, `{}` matches any
 * element; numbers compare by exact text (bundles) or as floats (catalogs). */
function fhirSubset(expect, got, path, exact) {
  if (isNum(expect)) {
    if (exact) {
      assert.ok(isNum(got), `${path}: expected the number ${expect[NUM]}, got ${JSON.stringify(got)}`);
      assert.equal(got[NUM], expect[NUM], path);
    } else {
      const e = Number(expect[NUM]);
      assert.ok(typeof got === "number" && Math.abs(e - got) <= 1e-9 * Math.max(Math.abs(e), 1), `${path}: ${e} vs ${got}`);
    }
  } else if (isObj(expect)) {
    assert.ok(isObj(got), `${path}: expected an object, got ${JSON.stringify(got)}`);
    for (const [k, v] of Object.entries(expect)) {
      assert.ok(k in got, `${path}.${k}: missing`);
      fhirSubset(v, got[k], `${path}.${k}`, exact);
    }
  } else if (Array.isArray(expect)) {
    assert.ok(Array.isArray(got), `${path}: expected an array`);
    assert.equal(got.length, expect.length, `${path}: length`);
    expect.forEach((e, i) => fhirSubset(e, got[i], `${path}[${i}]`, exact));
  } else {
    assert.deepEqual(got, expect, path);
  }
}

RUN_FILES.add("fhir.json");
const fhir = exactParse(readFileSync(new URL("../../tests/vectors/fhir.json", import.meta.url), "utf8"));

const EXPORTS = {
  journey: (v) => mj.journeyToFhir(v),
  itinerary: (v) => mj.itineraryToFhir(v),
  quote: (v, o) => mj.quoteToFhir(v, o),
  estimate: (v, o) => mj.estimateToFhir(v, o),
  adjudication: (v, o) => mj.adjudicationToFhir(v, o),
  policy: (v, o) => mj.policyToFhir(v, o),
  catalog: (v) => {
    const catalog = new mj.Catalog(v);
    try { return mj.catalogToFhir(catalog); } finally { catalog.free(); }
  },
};

/** A catalog read both from the bundle's exact text and from the parsed object. */
function importBoth(bundle) {
  const codeOrCatalog = (read) => {
    try {
      const catalog = read();
      try { return catalog.toJSON(); } finally { catalog.free(); }
    } catch (e) {
      return e;
    }
  };
  const fromText = codeOrCatalog(() => mj.catalogFromFhir(exactText(bundle)));
  const fromObject = codeOrCatalog(() => mj.catalogFromFhir(plain(bundle)));
  if (fromText instanceof Error) {
    assert.ok(fromObject instanceof Error, "the object reads although the text does not");
    assert.equal(fromObject.code, fromText.code, "the same code from the text and the object");
    throw fromText;
  }
  assert.deepEqual(fromObject, fromText, "the same catalog from the text and the object");
  return fromText;
}

function runFhir(op, a) {
  switch (op) {
    case "export": return exactParse(EXPORTS[a.kind](plain(a.input), a.options && plain(a.options)));
    case "roundtrip": {
      const catalog = new mj.Catalog(plain(a.catalog));
      const back = mj.catalogFromFhir(mj.catalogToFhir(catalog));
      try {
        return JSON.stringify(back.toJSON()) === JSON.stringify(catalog.toJSON());
      } finally { catalog.free(); back.free(); }
    }
    case "import": return importBoth(a.bundle);
    case "import_text": {
      const catalog = mj.catalogFromFhir(a.text);
      try { return catalog.toJSON(); } finally { catalog.free(); }
    }
    default: throw new Error(`unknown op ${op}`);
  }
}
assert.ok(fhir.cases.length > 0, "fhir: no cases");
for (const c of fhir.cases) {
  test(`fhir: ${c.name}`, () => {
    if (c.error) {
      assert.throws(
        () => runFhir(c.op, c.args),
        (e) => {
          assert.equal(e.name, "MedJourneyError", String(e));
          assert.equal(e.code, c.error, e.message);
          for (const key of ["errorEntry", "errorElement"]) {
            if (c[key]) assert.ok(e.message.includes(c[key]), `${key} ${c[key]} not in: ${e.message}`);
          }
          return true;
        },
      );
      return;
    }
    const got = runFhir(c.op, c.args);
    if ("equal" in c.expect) assert.equal(got, c.expect.equal);
    else if ("bundle" in c.expect) fhirSubset(c.expect.bundle, got, c.name, true);
    else fhirSubset(c.expect.catalog, got, c.name, false);
  });
}

// ---- planning -----------------------------------------------------------------------------

/** The keys the planning vectors compare a plan on (see planning.json's `about`). */
function planKeys(plan) {
  const items = plan.itinerary.items;
  const perItem = new Map();
  for (const r of plan.reasons) perItem.set(r.itemId, (perItem.get(r.itemId) ?? 0) + 1);
  const oneEach = perItem.size === items.length && items.every((i) => perItem.get(i.id) === 1);
  return {
    keyDates: plan.keyDates,
    itemIds: items.map((i) => i.id),
    statuses: Object.fromEntries(items.map((i) => [i.id, i.status ?? null])),
    itemStarts: Object.fromEntries(items.map((i) => [i.id, i.start])),
    flightNumbers: items.filter((i) => i.type === "flight").map((i) => i.flightNumber),
    estimateTotal: plan.estimate.total,
    payments: plan.payments.payments,
    refunds: plan.refunds,
    noteCodes: plan.notes.map((n) => n.code),
    errorFindings: plan.findings.filter((f) => f.severity === "error").length,
    reasonsPerItem: oneEach ? 1 : 0,
  };
}

function runPlanning(op, a) {
  switch (op) {
    case "plan_trip": return planKeys(mj.planTrip(a.request));
    case "plan_sample_trip": return planKeys(mj.planTrip(mj.samples.planRequest()));
    case "telehealth_slots":
      return mj.telehealthSlots(a.zoneA, a.zoneB, a.start, a.end, a.minutes, a.options);
    case "refund_due": return mj.refundDue(a.terms, a.paid, a.procedureDate, a.cancelledOn);
    case "remedy": {
      const found = mj.checkItinerary(a.itinerary, a.rules).find((f) => f.code === a.code);
      return found?.remedy ?? null;
    }
    default: throw new Error(`unknown op ${op}`);
  }
}

/** planning runner's rule: keys of `expect` match, arrays of equal length; instants
 * compare as instants with the same offset, amounts as decimals. */
function planSubset(expect, got, path) {
  if (isObj(expect)) {
    assert.ok(isObj(got), `${path}: expected an object, got ${JSON.stringify(got)}`);
    for (const [k, v] of Object.entries(expect)) {
      assert.ok(k in got, `${path}.${k}: missing in result`);
      planSubset(v, got[k], `${path}.${k}`);
    }
  } else if (Array.isArray(expect)) {
    assert.ok(Array.isArray(got), `${path}: expected an array`);
    assert.equal(got.length, expect.length, `${path}: length`);
    expect.forEach((e, i) => planSubset(e, got[i], `${path}[${i}]`));
  } else if (typeof expect === "string" && typeof got === "string" && expect !== got) {
    const offset = (t) => (/(Z|[+-]\d\d:\d\d)$/.exec(t)?.[1] ?? "").replace("Z", "+00:00");
    const instant = /^\d{4}-\d\d-\d\dT/.test(expect) && /^\d{4}-\d\d-\d\dT/.test(got);
    if (instant) {
      assert.equal(Date.parse(got), Date.parse(expect), `${path}: ${got} != ${expect}`);
      assert.equal(offset(got), offset(expect), `${path}: offset of ${got}`);
    } else {
      assert.ok(decimalEq(expect, got), `${path}: ${got} != ${expect}`);
    }
  } else {
    assert.deepEqual(got ?? null, expect, path);
  }
}
runCases(vectors("planning"), "planning", runPlanning, (c, got) => planSubset(c.expect, got, c.name));

test("every vector file under tests/vectors is run by this suite", () => {
  const files = readdirSync(new URL("../../tests/vectors/", import.meta.url)).filter((f) => f.endsWith(".json"));
  assert.deepEqual(files.sort(), [...RUN_FILES].sort());
});
