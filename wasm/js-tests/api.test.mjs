// The package's public face beyond the vectors: contract names, classes that free their
// memory, batch entry points on typed arrays, and errors that leave the module usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mj from "medjourney";

const isMjError = (code) => (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === code;

test("every contract name of ARCHITECTURE.md exists in camelCase", () => {
  for (const name of ["currency", "allocate", "FxTable", "compareQuotes", "adjudicate", "paymentPlan",
    "Catalog", "rank", "topsis", "Journey", "journeyMap", "toSvg", "Itinerary", "checkItinerary", "toIcs"]) {
    assert.equal(typeof mj[name], "function", name);
  }
  for (const name of ["catalog", "request", "quotes", "fx", "policy", "journeys", "itinerary"]) {
    assert.equal(typeof mj.samples[name], "function", `samples.${name}`);
  }
});

test("stateful classes release their memory with free() and Symbol.dispose", () => {
  const fx = mj.samples.fx();
  assert.ok(fx.convert({ amount: "10", currency: "EUR" }, "GBP").amount);
  fx.free();
  assert.throws(() => fx.convert({ amount: "10", currency: "EUR" }, "GBP"), { name: "MedJourneyError", code: "freed_object" });
  fx.free(); // a second free does nothing
  const catalog = mj.samples.catalog();
  assert.equal(typeof catalog[Symbol.dispose], "function");
  catalog[Symbol.dispose]();
  assert.throws(() => catalog.length, { name: "MedJourneyError", code: "freed_object" });
});

test("rank returns matches with per-criterion contributions and excluded providers with reasons", () => {
  const catalog = mj.samples.catalog();
  const ranking = mj.rank(catalog, mj.samples.request(), mj.samples.rankOptions());
  catalog.free();
  assert.ok(ranking.matches.length > 0);
  for (const m of ranking.matches) {
    assert.equal(typeof m.providerId, "string");
    const sum = m.criteria.reduce((s, c) => s + c.contribution, 0);
    assert.ok(Math.abs(sum - m.score) < 1e-9, "weighted-sum contributions add up to the score");
  }
  assert.ok(ranking.excluded.every((x) => x.reasons.length > 0 && typeof x.reasons[0].code === "string"));
});

test("topsis takes a Float64Array and gives one back (pymcdm's reference values)", () => {
  const scores = mj.topsis(new Float64Array([4, 4, 1, 5, 3, 2, 4, 2]), 4, 2, new Float64Array([0.5, 0.5]), new Int8Array([1, -1]));
  assert.ok(scores instanceof Float64Array);
  [0.61257411, 0, 0.78287073, 1].forEach((x, i) => assert.ok(Math.abs(scores[i] - x) < 1e-8));
  assert.throws(() => mj.topsis(new Float64Array(3), 2, 2, [0.5, 0.5], [1, -1]), isMjError("invalid_matrix"));
  assert.throws(() => mj.topsis(new Float64Array(4), 2, 2, [0.5, 0.5], [1, -1], "l2"), isMjError("invalid_input"));
});

test("journey map over typed-array columns equals the map over journey objects", () => {
  const journeys = mj.samples.journeys();
  const cols = mj.journeyColumns(journeys);
  assert.ok(cols.touchSentiment instanceof Float64Array && cols.visitLeft instanceof BigInt64Array);
  assert.deepEqual(mj.journeyMapColumns(cols), mj.journeyMap(journeys));
  const half = Math.floor(journeys.length / 2);
  const a = new mj.MapAccumulator();
  const b = new mj.MapAccumulator();
  a.addJourneys(journeys.slice(0, half));
  b.addJourneys(journeys.slice(half));
  a.merge(b);
  assert.deepEqual(a.finish(), mj.journeyMap(journeys), "merge(split) = whole");
  a.free();
  b.free();
  assert.throws(() => mj.journeyMapColumns({ ...cols, status: [1, 2] }), isMjError("invalid_input"));
});

test("a large synthetic table crosses the boundary once and is mapped", () => {
  const cols = mj.samples.journeyTable(20_000, 200_000, 7);
  assert.equal(cols.status.length, 20_000);
  const map = mj.journeyMapColumns(cols);
  assert.equal(map.journeys, 20_000);
  assert.throws(() => mj.samples.journeyTable(4_000_000_000, 1, 1), isMjError("invalid_input"));
});

test("journey class: transitions, touchpoints and errors keep the journey usable", () => {
  const j = new mj.Journey("j1", "PT-1", "knee_replacement", "awareness", "2026-01-01T00:00:00Z");
  assert.throws(() => j.apply({ action: "move", to: "treatment", at: "2026-01-02T00:00:00Z" }), isMjError("invalid_transition"));
  assert.equal(j.advance("2026-01-02T00:00:00Z"), "research");
  assert.throws(() => j.advance("2025-01-01T00:00:00Z"), isMjError("time_order"));
  j.record({ id: "t1", stage: "research", at: "2026-01-03T00:00:00Z", channel: "email", initiator: "patient", kind: "inquiry" });
  assert.equal(JSON.parse(JSON.stringify(j)).touchpoints.length, 1, "JSON.stringify uses toJSON");
  assert.equal(mj.journeyMap([j]).journeys, 1, "Journey instances are accepted where objects are");
  j.free();
});

test("itinerary class and functions agree; the sample has its one deliberate problem", () => {
  const trip = mj.samples.itinerary();
  const it = new mj.Itinerary(trip);
  assert.deepEqual(it.check(), mj.checkItinerary(trip));
  assert.deepEqual(it.check().map((f) => f.code), ["fit_to_fly"]);
  assert.equal(it.toIcs(), mj.toIcs(trip));
  assert.ok(it.items.length > 5);
  assert.match(it.summaryText(), /2027/);
  it.free();
  assert.throws(() => mj.checkItinerary({ ...trip, items: [{ ...trip.items[0], zone: "Mars/Olympus" }] }), isMjError("unknown_time_zone"));
  assert.throws(() => mj.localInstant("2027-03-28T01:30:00", "Europe/London"), isMjError("invalid_input"));
});

test("cost functions accept the samples and refuse bad input with codes", () => {
  const fx = mj.samples.fx();
  const comparison = mj.compareQuotes(mj.samples.quotes(), fx, "GBP", mj.samples.compareOptions());
  assert.deepEqual(comparison, mj.samples.comparison());
  const estimate = mj.estimateTrip(mj.samples.quotes()[0], mj.samples.travel(), fx, "GBP", mj.samples.convertOptions());
  assert.deepEqual(estimate, mj.samples.estimate());
  assert.deepEqual(mj.adjudicate(estimate, mj.samples.policy()), mj.samples.adjudication());
  const schedule = mj.paymentPlan(mj.samples.paymentPlan());
  const paid = schedule.payments.reduce((s, p) => mj.addMoney(s, p.amount), { amount: "0", currency: schedule.total.currency });
  assert.equal(mj.compareMoney(paid, schedule.total), 0, "payments add up to the cent");
  assert.throws(() => mj.compareQuotes([], fx, "GBP"), isMjError("invalid_input"));
  assert.throws(() => mj.compareQuotes(mj.samples.quotes(), fx, "ZZZ"), isMjError("unknown_currency"));
  const batch = fx.convertEach([{ amount: "1", currency: "EUR" }, { amount: "2", currency: "EUR" }], "GBP");
  assert.equal(mj.compareMoney(batch.total, mj.addMoney(batch.amounts[0], batch.amounts[1])), 0);
  fx.free();
});

test("no input traps the module: hostile values are errors and the module still answers", () => {
  const hostile = [undefined, null, 0, -1, Number.NaN, "x".repeat(100_000), [], {}, { amount: {} }, 10n];
  const calls = [
    (v) => mj.addMoney(v, v), (v) => mj.quoteTotals(v), (v) => mj.journeyMap(v), (v) => mj.checkItinerary(v),
    (v) => mj.paymentPlan(v), (v) => new mj.Catalog(v), (v) => mj.journeyMapColumns(v), (v) => mj.adjudicate(v, v),
  ];
  for (const call of calls) {
    for (const v of hostile) {
      try {
        call(v);
      } catch (e) {
        assert.equal(e.name, "MedJourneyError", `${call} with ${String(v).slice(0, 20)}: ${e}`);
        assert.equal(typeof e.code, "string");
      }
    }
  }
  assert.deepEqual(mj.addMoney(mj.parseMoney("1 EUR"), mj.parseMoney("2 EUR")), { amount: "3.00", currency: "EUR" });
});

test("a value that does not convert is the core's parse_error, named by argument", () => {
  const codeOf = (call) => {
    try {
      call();
    } catch (e) {
      assert.equal(e.name, "MedJourneyError", String(e));
      return { code: e.code, message: e.message };
    }
    assert.fail("expected a MedJourneyError");
  };
  // The core's own JSON reader sets the code; the wrapper's conversion failures must match it.
  const core = codeOf(() => mj.Catalog.fromJSONText("{"));
  assert.equal(core.code, "parse_error");
  const cyclic = {};
  cyclic.self = cyclic;
  const eur = { amount: "1", currency: "EUR" };
  for (const [label, call] of [
    ["cycle", () => mj.addMoney(cyclic, eur)],
    ["bigint", () => mj.addMoney(eur, 10n)],
    ["undefined", () => mj.addMoney(undefined, eur)],
    ["function", () => mj.quoteTotals(() => 1)],
  ]) {
    const e = codeOf(call);
    assert.equal(e.code, core.code, label);
    assert.match(e.message, /^invalid js for (a|b|quote): /, label);
  }
  assert.deepEqual(mj.addMoney(eur, eur), { amount: "2.00", currency: "EUR" });
});

test("convertSumColumns over typed arrays equals convertSum over the same Money objects", () => {
  const fx = mj.samples.fx();
  const currencies = ["EUR", "USD", "GBP"];
  const minor = BigInt64Array.from([12345n, 1n, -999n, 500000n, 7n, 42n]);
  const index = Uint8Array.from([0, 1, 2, 1, 0, 2]);
  const items = Array.from(minor, (m, i) => ({ amount: (Number(m) / 100).toFixed(2), currency: currencies[index[i]] }));
  assert.deepEqual(fx.convertSumColumns(minor, index, currencies, "GBP"), fx.convertSum(items, "GBP"));
  assert.deepEqual(fx.convertSumColumns(minor, index, currencies, "USD", "half_up"), fx.convertSum(items, "USD", "half_up"));
});

test("convertSumColumns refuses mismatched or unusable columns with a code", () => {
  const fx = mj.samples.fx();
  const minor = BigInt64Array.from([100n, 200n]);
  assert.throws(() => fx.convertSumColumns(minor, Uint8Array.from([0]), ["EUR"], "GBP"), isMjError("invalid_input"));
  assert.throws(() => fx.convertSumColumns(minor, Uint8Array.from([0, 1]), ["EUR"], "GBP"), isMjError("invalid_input"));
  assert.throws(() => fx.convertSumColumns(minor, Uint8Array.from([0, 0]), ["XYZ"], "GBP"), isMjError("unknown_currency"));
  assert.throws(() => fx.convertSumColumns(minor, Uint8Array.from([0, 0]), ["EUR"], "GBP", "sideways"), isMjError("invalid_input"));
});
