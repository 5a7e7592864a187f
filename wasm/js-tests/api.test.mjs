// The package's public face beyond the vectors: contract names, classes that free their
// memory, batch entry points on typed arrays, and errors that leave the module usable.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mj from "medjourney";

const isMjError = (code) => (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === code;

test("every contract name of ARCHITECTURE.md exists in camelCase", () => {
  for (const name of ["currency", "allocate", "FxTable", "compareQuotes", "adjudicate", "paymentPlan",
    "Catalog", "rank", "topsis", "Journey", "journeyMap", "toSvg", "Itinerary", "checkItinerary", "toIcs",
    "procedureGuide", "procedureGuides", "explain", "GuideBook", "Glossary", "proceduresWithoutGuide",
    "estimateTripWithGuides", "journeyToFhir", "itineraryToFhir", "quoteToFhir", "estimateToFhir",
    "adjudicationToFhir", "policyToFhir", "catalogToFhir", "catalogFromFhir"]) {
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

test("topsis and weightedSum read a Float64Array a chunk at a time: the scores of the number[] path, bit for bit", () => {
  // 9,001 rows × 8: the matrix spans several of the binding's chunks, the last one short.
  const rows = 9001, cols = 8;
  const matrix = Float64Array.from({ length: rows * cols }, (_, i) => ((i * 7919) % 1013) * 0.37 - 150);
  const weights = [3, 1, 4, 1, 5, 9, 2, 6];
  const types = [1, -1, 1, 1, -1, 1, -1, 1];
  for (const f of [mj.topsis, mj.weightedSum]) {
    for (const norm of ["min_max", "vector"]) {
      const typed = f(matrix, rows, cols, weights, types, norm);
      const plain = f(Array.from(matrix), rows, cols, weights, types, norm);
      assert.ok(typed instanceof Float64Array && plain instanceof Float64Array);
      assert.deepEqual(typed, plain, `${f.name} ${norm}`);
    }
  }
  // A value that is not finite in a later chunk is named at its row and column.
  const bad = matrix.slice();
  bad[7000 * cols + 5] = NaN;
  bad[8000 * cols + 1] = Infinity;
  assert.throws(() => mj.topsis(bad, rows, cols, weights, types, "vector"),
    (e) => e.code === "invalid_matrix" && /value NaN at row 7000, column 5 is not finite/.test(e.message));
});

test("journey map over typed-array columns equals the map over journey objects", () => {
  const journeys = mj.samples.journeys();
  const cols = mj.journeyColumns(journeys);
  assert.ok(cols.touchSentiment instanceof Float64Array && cols.visitLeft instanceof BigInt64Array);
  assert.deepEqual(mj.journeyMapColumns(cols), mj.journeyMap(journeys));
  const half = Math.floor(journeys.length / 2);
  const a = new mj.MapAccumulator("exact");
  const b = new mj.MapAccumulator("exact");
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

// ---- knowledge ----------------------------------------------------------------------------

test("explain gives UTF-16 offsets, so text.slice(start, end) is the matched text after an emoji", () => {
  const text = "😀 The surgeon recommends a laparoscopic cholecystectomy under general anesthesia.";
  const found = mj.explain(text);
  assert.deepEqual(found.map((m) => m.term), ["laparoscopic cholecystectomy", "general anaesthesia"]);
  for (const m of found) {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.ok(m.meaning.length > 0 && m.sources.length > 0 && m.composed === false);
  }
  assert.equal(found[0].start, text.indexOf("laparoscopic"), "counted in UTF-16 units (the emoji is 2)");
  const composed = mj.explain("Thyroidectomy planned.")[0];
  assert.ok(composed.composed && composed.meaning.length > 0);
});

test("a guide has the contract fields, found by code or alias; every shipped guide is listed", () => {
  const g = mj.procedureGuide("TKR");
  assert.equal(g.code, "knee_replacement");
  for (const field of ["plainName", "explanation", "fitToFlyCategory", "followUp", "documents", "sources"]) {
    assert.ok(g[field]?.length > 0, field);
  }
  assert.ok(g.daysNearClinic.min >= g.fitToFly.minDays);
  assert.ok(g.followUp.every((f) => f.afterDays > 0));
  const all = mj.procedureGuides();
  assert.ok(all.length >= 25 && all.some((x) => x.code === "knee_replacement"));
  assert.deepEqual(new mj.GuideBook().guidesInForce(), all, "the shipped book is what procedureGuides reads");
});

test("a guide book takes overrides, a stricter fit-to-fly row lengthens the stay, and round-trips", () => {
  const book = new mj.GuideBook();
  const knee = book.guide("knee_replacement");
  book.overrideFitToFly({ category: "hip_or_knee_replacement", minDays: 21, source: "our surgeon" });
  assert.equal(book.fitToFlyRule("hip_or_knee_replacement").minDays, 21);
  assert.equal(book.fitToFlyRule("no_such_row"), undefined);
  assert.equal(book.guide("knee_replacement").daysNearClinic.min, 21);
  assert.deepEqual(mj.procedureGuide("knee_replacement"), knee, "the shipped book is unchanged");
  const { fitToFly, ...mine } = book.guide("knee_replacement");
  book.overrideGuide({ ...mine, code: "ear_reshaping", plainName: "Ear reshaping", aliases: ["otoplasty"] });
  assert.equal(book.guide("Otoplasty").plainName, "Ear reshaping");
  const json = book.toJSON();
  assert.equal(json.overrides.length, 1);
  assert.equal(json.fitToFlyOverrides.length, 1);
  const again = mj.GuideBook.fromJSON(json);
  assert.deepEqual(again.toJSON(), json);
  const catalog = mj.samples.catalog().toJSON();
  catalog.providers[0].procedures[0].code = "ear_reshaping";
  const c = new mj.Catalog(catalog);
  assert.deepEqual(mj.proceduresWithoutGuide(c), ["ear_reshaping"]);
  assert.deepEqual(book.missingFor(c), []);
  for (const x of [c, book, again]) x.free();
});

test("a quote silent on hospital nights takes them from the guide (shipped or the book's)", () => {
  const q = structuredClone(mj.samples.quotes()[0]);
  q.items = q.items.filter((i) => i.category !== "hospital_stay");
  const fx = mj.samples.fx();
  assert.equal(mj.estimateTrip(q, [], fx, "GBP").hospitalNights ?? null, null);
  const e = mj.estimateTripWithGuides(q, [], fx, "GBP");
  assert.deepEqual([e.hospitalNights.min, e.hospitalNights.max, e.hospitalNights.source], [3, 5, "guide"]);
  assert.deepEqual(e.total, mj.estimateTrip(q, [], fx, "GBP").total);
  const book = new mj.GuideBook();
  const { fitToFly, ...mine } = book.guide("knee_replacement");
  book.overrideGuide({ ...mine, hospitalNights: { min: 1, max: 2 } });
  const own = book.estimateTrip(q, [], fx, "GBP", { rounding: "up" });
  assert.deepEqual([own.hospitalNights.min, own.hospitalNights.max], [1, 2]);
  assert.equal(mj.estimateTripWithGuides(mj.samples.quotes()[1], [], fx, "GBP").hospitalNights.source, "quote");
  book.free();
  fx.free();
});

test("a glossary extends with a clinic's terms, round-trips, and its explain uses them", () => {
  const g = new mj.Glossary();
  const shipped = g.entries().length;
  assert.ok(shipped >= 200 && g.roots().length > 0 && g.suffixes().length > 0);
  assert.equal(g.lookup("anesthesia").term, "anaesthesia", "spellings meet");
  assert.equal(g.lookup("no such term"), undefined);
  g.extend({ entries: [{ term: "PRP", category: "procedure", meaning: "Platelet-rich plasma injection.",
    source: { title: "Clinic leaflet", url: "https://clinic.example/prp" } }] });
  assert.equal(g.entries().length, shipped + 1);
  assert.deepEqual(g.explain("PRP today").map((m) => m.term), ["PRP"]);
  assert.deepEqual(mj.explain("PRP today"), [], "the shipped glossary is unchanged");
  const again = mj.Glossary.fromJSON(g.toJSON());
  assert.deepEqual(again.toJSON(), g.toJSON());
  const other = new mj.Glossary();
  other.extend(again); // a Glossary reads through its toJSON
  assert.equal(other.entries().length, shipped + 1);
  for (const x of [g, again, other]) x.free();
});

// ---- FHIR ---------------------------------------------------------------------------------

/** Every `reference` of a bundle points at one of its entries' fullUrls. */
function assertReferencesResolve(bundle, what) {
  const urls = new Set(bundle.entry.map((e) => e.fullUrl));
  assert.equal(urls.size, bundle.entry.length, `${what}: fullUrls are unique`);
  let refs = 0;
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "reference" && typeof x === "string") {
          refs += 1;
          assert.ok(urls.has(x), `${what}: reference ${x} resolves to no entry`);
        } else walk(x);
      }
    }
  };
  walk(bundle.entry);
  return refs;
}

test("the sample case's bundles parse as FHIR collections whose references all resolve", () => {
  const catalog = mj.samples.catalog();
  const patient = { patient: "PT-0042" };
  const bundles = {
    journey: mj.journeyToFhir(mj.samples.pt0042()),
    itinerary: mj.itineraryToFhir(mj.samples.itinerary()),
    quote: mj.quoteToFhir(mj.samples.quotes()[0], patient),
    estimate: mj.estimateToFhir(mj.samples.estimate(), patient),
    adjudication: mj.adjudicationToFhir(mj.samples.adjudication(), patient),
    policy: mj.policyToFhir(mj.samples.policy(), patient),
    catalog: mj.catalogToFhir(catalog),
  };
  for (const [what, text] of Object.entries(bundles)) {
    assert.equal(typeof text, "string", `${what}: the Bundle comes as JSON text`);
    const b = JSON.parse(text);
    assert.equal(b.resourceType, "Bundle");
    assert.equal(b.type, "collection");
    assert.ok(b.entry.length > 0 && b.entry.every((e) => /^urn:uuid:[0-9a-f-]{36}$/.test(e.fullUrl)));
    assert.ok(b.entry.every((e) => e.resource.id === e.fullUrl.slice("urn:uuid:".length)));
    assert.ok(assertReferencesResolve(b, what) > 0, `${what}: has references`);
  }
  assert.match(bundles.quote, /"valueMoney":\{"value":8400\.00,"currency":"EUR"\}/, "decimals keep their digits");
  assert.equal(mj.quoteToFhir(mj.samples.quotes()[0], patient), bundles.quote, "byte-for-byte reproducible");
  const back = mj.catalogFromFhir(bundles.catalog);
  assert.deepEqual(back.toJSON(), catalog.toJSON(), "the catalog survives the round trip");
  const fromObject = mj.catalogFromFhir(JSON.parse(bundles.catalog));
  assert.deepEqual(fromObject.toJSON(), catalog.toJSON(), "a parsed object reads the same catalog");
  for (const x of [catalog, back, fromObject]) x.free();
});
