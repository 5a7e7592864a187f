// The boundary as the core defines it: every code is the core's (the .d.ts union equals the
// core's list), every entry point refuses a bad value with its specific code, option
// objects refuse fields they do not have, and factors follow the core's float rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as mj from "medjourney";

const codeOf = (call) => {
  try {
    call();
  } catch (e) {
    assert.equal(e.name, "MedJourneyError", String(e));
    return e.code;
  }
  return "ok";
};
const patched = (value, path, by) => {
  const copy = structuredClone(value);
  const keys = path.split(".");
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k];
  at[keys.at(-1)] = by;
  return copy;
};

test("the .d.ts ErrorCode union is the core's list of codes, and MedJourneyError names it", () => {
  const dts = readFileSync(new URL("../pkg/node/medjourney.d.ts", import.meta.url), "utf8");
  const union = dts.match(/export type ErrorCode = ([^;]+);/);
  assert.ok(union, "no ErrorCode type in the .d.ts");
  const codes = [...union[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
  assert.deepEqual(codes, mj.errorCodes());
  assert.ok(mj.errorCodes().includes("unknown_field"));
  assert.match(dts, /export interface MedJourneyError extends Error \{[^}]*code: ErrorCode;/);
});

test("every entry point refuses a bad value with its specific code", () => {
  const eur = { amount: "1.00", currency: "EUR" };
  const fxJson = mj.samples.fx().toJSON();
  const itinerary = mj.samples.itinerary();
  const journey = mj.samples.pt0042();
  const quote = mj.samples.quotes()[0];
  const catalog = mj.samples.catalog().toJSON();
  const source = { title: "t", url: "https://a.example" };
  const cases = [
    ["parseMoney", () => mj.parseMoney("1 XYZ"), "unknown_currency"],
    ["Money currency", () => mj.addMoney(patched(eur, "currency", "XYZ"), eur), "unknown_currency"],
    ["Money float amount", () => mj.addMoney(patched(eur, "amount", 1.5), eur), "invalid_amount"],
    ["roundMoney mode", () => mj.roundMoney(eur, "sideways"), "invalid_input"],
    ["FxTable zero rate", () => new mj.FxTable(patched(fxJson, "rates.0.rate", "0")), "invalid_rate"],
    ["Catalog currency", () => new mj.Catalog(patched(catalog, "providers.0.procedures.0.price.currency", "XYZ")), "unknown_currency"],
    ["Catalog amenity", () => new mj.Catalog(patched(catalog, "providers.0.amenities", ["spa"])), "invalid_input"],
    ["Journey.fromJSON stage", () => mj.Journey.fromJSON(patched(journey, "stages.0.stage", "nowhere")), "invalid_input"],
    ["new Journey stage", () => new mj.Journey("j", "p", "knee", "nowhere", "2026-01-01T00:00:00Z"), "invalid_input"],
    ["Itinerary zone", () => new mj.Itinerary(patched(itinerary, "items.0.zone", "Mars/Olympus")), "unknown_time_zone"],
    ["quoteTotals category", () => mj.quoteTotals(patched(quote, "items.0.category", "massage")), "invalid_input"],
    ["adjudicate policy", () => mj.adjudicate(mj.samples.estimate(), patched(mj.samples.policy(), "currency", "XYZ")), "unknown_currency"],
    ["paymentPlan total", () => mj.paymentPlan(patched(mj.samples.paymentPlan(), "total.currency", "XYZ")), "unknown_currency"],
    ["topsis normalization", () => mj.topsis(new Float64Array(4), 2, 2, [0.5, 0.5], [1, -1], "l2"), "invalid_input"],
    ["MapAccumulator shape", () => mj.MapAccumulator.fromJSONText('{"journeys": -1}'), "parse_error"],
    ["procedureGuide unknown", () => mj.procedureGuide("no_such_procedure"), "unknown_procedure"],
    ["procedureGuide empty", () => mj.procedureGuide(""), "unknown_procedure"],
    ["GuideBook.guide unknown", () => new mj.GuideBook().guide("x"), "unknown_procedure"],
    ["GuideBook.fromJSON field", () => mj.GuideBook.fromJSON({ overides: [] }), "unknown_field"],
    ["GuideBook.fromJSON shape", () => mj.GuideBook.fromJSON({ guides: 5 }), "parse_error"],
    ["overrideFitToFly category", () => new mj.GuideBook().overrideFitToFly({ category: "Bad Name", minDays: 1, source: "x" }), "invalid_input"],
    ["overrideGuide shape", () => new mj.GuideBook().overrideGuide({ code: "x" }), "parse_error"],
    ["Glossary category", () => mj.Glossary.fromJSON({ entries: [{ term: "x", category: "spell", meaning: "m", source }] }), "invalid_input"],
    ["Glossary root", () => mj.Glossary.fromJSON({ roots: [{ part: "7", meaning: "m", source }] }), "invalid_input"],
    ["Glossary.extend meaning", () => new mj.Glossary().extend({ entries: [{ term: "x", category: "procedure", meaning: "", source }] }), "invalid_input"],
    ["Glossary.extend shape", () => new mj.Glossary().extend({ entries: 3 }), "parse_error"],
    ["explain too long", () => mj.explain("x".repeat(1_000_001)), "invalid_input"],
    ["estimateTripWithGuides rounding", () => mj.estimateTripWithGuides(quote, [], mj.samples.fx(), "GBP", { rounding: "sideways" }), "invalid_input"],
    ["estimateTripWithGuides option", () => mj.estimateTripWithGuides(quote, [], mj.samples.fx(), "GBP", { topK: 3 }), "unknown_field"],
    ["journeyToFhir touchpoints", () => mj.journeyToFhir(patched(journey, "touchpoints.1.id", journey.touchpoints[0].id)), "invalid_touchpoint"],
    ["itineraryToFhir zone", () => mj.itineraryToFhir(patched(itinerary, "items.0.zone", "Mars/Olympus")), "unknown_time_zone"],
    ["quoteToFhir option", () => mj.quoteToFhir(quote, { patent: "x" }), "unknown_field"],
    ["quoteToFhir created", () => mj.quoteToFhir(quote, { created: "yesterday" }), "parse_error"],
    ["quoteToFhir quote", () => mj.quoteToFhir(patched(quote, "currency", "XYZ")), "unknown_currency"],
    ["estimateToFhir shape", () => mj.estimateToFhir({}), "parse_error"],
    ["adjudicationToFhir shape", () => mj.adjudicationToFhir({}), "parse_error"],
    ["policyToFhir option", () => mj.policyToFhir(mj.samples.policy(), { Patient: "x" }), "unknown_field"],
    ["catalogFromFhir text", () => mj.catalogFromFhir("not json"), "parse_error"],
    ["catalogFromFhir number", () => mj.catalogFromFhir(42), "invalid_fhir"],
    ["catalogFromFhir entry", () => mj.catalogFromFhir({ resourceType: "Bundle", entry: [{ fullUrl: "urn:x" }] }), "invalid_fhir"],
    ["catalogFromFhir cycle", () => { const b = { resourceType: "Bundle", entry: [] }; b.entry.push(b); return mj.catalogFromFhir(b); }, "parse_error"],
  ];
  for (const [what, call, code] of cases) assert.equal(codeOf(call), code, what);
});

test("option objects refuse a field they do not have, naming it", () => {
  const catalog = mj.samples.catalog();
  const fx = mj.samples.fx();
  const eur = { amount: "10.00", currency: "EUR" };
  const cases = [
    ["topK", () => mj.rank(catalog, mj.samples.request(), { topK: 5, top_K: 1 })],
    ["stail", () => fx.convert(eur, "GBP", { rounding: "up", stail: "flag" })],
    ["roundng", () => mj.compareQuotes(mj.samples.quotes(), fx, "GBP", { convert: { roundng: "up" } })],
    ["minSample", () => mj.journeyMap(mj.samples.journeys(), { minSample: 3 })],
    ["visa", () => mj.checkItinerary(mj.samples.itinerary(), { visa: [] })],
    ["touchSentimnet", () => mj.journeyMapColumns({ ...mj.journeyColumns(mj.samples.journeys()), touchSentimnet: new Float64Array() })],
  ];
  for (const [field, call] of cases) {
    try {
      call();
      assert.fail(`${field} was accepted`);
    } catch (e) {
      assert.equal(e.code, "unknown_field", field);
      assert.ok(e.message.includes(field), e.message);
    }
  }
  assert.equal(mj.rank(catalog, mj.samples.request(), { ...mj.samples.rankOptions(), topK: 2 }).matches.length, 2);
  catalog.free();
  fx.free();
});

test("factors and ratios given as numbers are the decimals they print as; amounts never are", () => {
  const m = { amount: "10.00", currency: "EUR" };
  assert.deepEqual(mj.multiplyMoney(m, 1.1), mj.multiplyMoney(m, "1.1"));
  assert.deepEqual(mj.allocate(m, [0.5, 0.25, 0.25]), mj.allocate(m, ["0.5", "0.25", "0.25"]));
  assert.equal(codeOf(() => mj.addMoney({ amount: 1.1, currency: "EUR" }, m)), "invalid_amount");
  assert.equal(codeOf(() => mj.multiplyMoney(m, true)), "invalid_amount");
});
