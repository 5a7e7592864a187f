// Pictures (…ToSvg) and displays (…ToHtml) in Node: the core's output for every result,
// the same bytes whichever way a value comes in, and the core's errors for bad input.
// demo.test.mjs parses them in Chromium, with hostile names, and checks the layout.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mj from "medjourney";

const isMjError = (code) => (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === code;

function sampleRanking() {
  const catalog = mj.samples.catalog();
  try {
    return mj.rank(catalog, mj.samples.request(), mj.samples.rankOptions());
  } finally {
    catalog.free();
  }
}

test("every result has its picture and its display", () => {
  const ranking = sampleRanking();
  const comparison = mj.samples.comparison();
  const map = mj.journeyMap(mj.samples.journeys());
  const trip = mj.samples.itinerary();
  const rules = mj.samples.itineraryRules();
  const pictures = {
    ranking: mj.rankingToSvg(ranking),
    comparison: mj.comparisonToSvg(comparison),
    journeyMap: mj.journeyMapToSvg(map),
    itinerary: mj.itineraryToSvg(trip, rules),
  };
  for (const [name, svg] of Object.entries(pictures)) {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, name);
    assert.ok(svg.endsWith("</svg>"), name);
  }
  const displays = {
    "mj-ranking": [mj.rankingToHtml(ranking), pictures.ranking],
    "mj-comparison": [mj.comparisonToHtml(comparison), pictures.comparison],
    "mj-journey-map": [mj.journeyMapToHtml(map), pictures.journeyMap],
    "mj-itinerary": [mj.itineraryToHtml(trip, rules), pictures.itinerary],
    "mj-findings": [mj.findingsToHtml(trip, rules), pictures.itinerary],
  };
  for (const [cls, [html, svg]] of Object.entries(displays)) {
    assert.ok(html.startsWith(`<div class="medjourney ${cls}" dir="ltr"><style>`), cls);
    const picture = html.indexOf('<div class="mj-picture">');
    assert.ok(picture > 0 && picture < html.indexOf("<table"), `${cls}: the picture comes first`);
    assert.ok(html.includes(svg), `${cls}: the picture is the same as …ToSvg's`);
    assert.doesNotMatch(html, /\d\.\d{7,}/, `${cls}: no long floats`);
  }
  assert.match(displays["mj-ranking"][0], new RegExp(`>${ranking.matches[0].score.toFixed(3)}<`));
  assert.match(displays["mj-findings"][0], />fit to fly</);
});

test("the journey map's picture is toSvg's; itinerary pictures take check's rules", () => {
  const map = mj.journeyMap(mj.samples.journeys());
  assert.equal(mj.journeyMapToSvg(map), mj.toSvg(map));
  assert.equal(mj.journeyMapToSvg(map, "<Ours>"), mj.toSvg(map, "<Ours>"));
  const trip = mj.samples.itinerary();
  const it = new mj.Itinerary(trip);
  assert.equal(mj.itineraryToSvg(trip), mj.itineraryToSvg(trip, null));
  assert.equal(mj.itineraryToSvg(trip), mj.itineraryToSvg(it, mj.itineraryRules()));
  assert.equal(mj.findingsToHtml(it), mj.findingsToHtml(trip, undefined));
  it.free();
});

test("bad input to a picture is the core's error, and the module still answers", () => {
  assert.throws(() => mj.rankingToSvg({}), isMjError("parse_error"));
  assert.throws(() => mj.comparisonToHtml(undefined), isMjError("parse_error"));
  assert.throws(() => mj.journeyMapToHtml([]), isMjError("parse_error"));
  const trip = mj.samples.itinerary();
  trip.items[0].zone = "Mars/Olympus";
  assert.throws(() => mj.itineraryToSvg(trip), isMjError("unknown_time_zone"));
  assert.throws(() => mj.findingsToHtml(mj.samples.itinerary(), { minConnectionDomesticMinutes: "soon" }), isMjError("parse_error"));
  assert.ok(mj.rankingToSvg(sampleRanking()).startsWith("<svg"));
});
