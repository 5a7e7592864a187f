// Bounded memory for the journey map (issue 18): the accumulator sketches by default, its
// versioned binary form round-trips, bad bytes get a code, and dwell quantiles stay within
// 1 % of the nearest-rank truth on adversarial distributions.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as mj from "medjourney";

const isMjError = (code) => (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === code;
const FIRST = -62_135_596_800n;
const MAX_DWELL = 253_402_300_799 + 62_135_596_800;

/** One journey per dwell, each with one closed research visit of that many seconds. */
const columns = (dwells) => {
  const n = dwells.length;
  return {
    status: new Uint8Array(n),
    visitJourney: Uint32Array.from(dwells, (_, i) => i),
    visitStage: new Uint8Array(n).fill(1),
    visitEntered: new BigInt64Array(n).fill(FIRST),
    visitLeft: BigInt64Array.from(dwells, (d) => FIRST + BigInt(d)),
    touchJourney: new Uint32Array(0), touchStage: new Uint8Array(0), touchAt: new BigInt64Array(0),
    touchChannel: new Uint8Array(0), touchKind: new Uint8Array(0), touchSentiment: new Float64Array(0),
  };
};

const nearestRank = (values, q) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(1, Math.ceil(q * s.length)) - 1];
};

test("the accumulator sketches by default, journeyMap is exact, and the map says which", () => {
  const js = mj.samples.journeys();
  assert.equal(mj.journeyMap(js).quantiles, "exact");
  const acc = new mj.MapAccumulator();
  assert.equal(acc.quantiles, "sketch");
  acc.addJourneys(js);
  assert.equal(acc.finish().quantiles, "sketch");
  const exact = new mj.MapAccumulator("exact");
  exact.addJourneys(js);
  assert.deepEqual(exact.finish(), mj.journeyMap(js));
  assert.throws(() => new mj.MapAccumulator("approximate"), isMjError("invalid_input"));
  acc.free();
  exact.free();
});

test("toBytes/fromBytes round-trips exactly in both modes", () => {
  for (const mode of ["exact", "sketch"]) {
    const acc = new mj.MapAccumulator(mode);
    acc.addJourneys(mj.samples.journeys());
    const bytes = acc.toBytes();
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual([...bytes.subarray(0, 4)], [..."MJMA"].map((c) => c.charCodeAt(0)));
    const back = mj.MapAccumulator.fromBytes(bytes);
    assert.equal(back.quantiles, mode);
    assert.deepEqual(back.toBytes(), bytes);
    assert.deepEqual(back.finish(), acc.finish());
    acc.free();
    back.free();
  }
});

test("bad bytes are refused with a code", () => {
  const good = new mj.MapAccumulator().toBytes();
  const withVersion = (v) => {
    const b = good.slice();
    b[4] = v & 0xff;
    b[5] = v >> 8;
    return b;
  };
  const trailing = new Uint8Array(good.length + 1);
  trailing.set(good);
  for (const [bytes, code] of [
    [new Uint8Array(0), "parse_error"],
    [new TextEncoder().encode("{\"journeys\": 0}"), "parse_error"],
    [good.subarray(0, good.length - 1), "parse_error"],
    [trailing, "parse_error"],
    [withVersion(2), "unsupported_version"],
    [withVersion(0), "unsupported_version"],
  ]) {
    assert.throws(() => mj.MapAccumulator.fromBytes(bytes), isMjError(code), `${code}: ${bytes.length} bytes`);
  }
  for (const notBytes of ["MJMA", [77, 74, 77, 65], null, undefined, new Float64Array(4), {}]) {
    assert.throws(() => mj.MapAccumulator.fromBytes(notBytes), isMjError("parse_error"));
  }
});

test("fast-check: sketched dwell quantiles are within 1 % of the nearest rank", () => {
  const dwell = fc.oneof(
    fc.integer({ min: 0, max: 115 }).map((e) => Math.min(Math.floor(10 ** (e / 10)), MAX_DWELL)),
    fc.constantFrom(0, 1, MAX_DWELL - 1, MAX_DWELL),
    fc.integer({ min: 0, max: MAX_DWELL }),
  );
  const dwells = fc.oneof(
    fc.array(dwell, { minLength: 1, maxLength: 200 }),
    fc.tuple(fc.integer({ min: 0, max: MAX_DWELL }), fc.integer({ min: 1, max: 200 })).map(([v, n]) => Array(n).fill(v)),
  );
  fc.assert(fc.property(dwells, (ds) => {
    const acc = new mj.MapAccumulator();
    acc.addColumns(columns(ds));
    const { dwell: d } = acc.finish().stages[1];
    acc.free();
    assert.equal(d.count, ds.length);
    for (const [got, q] of [[d.medianSeconds, 0.5], [d.p90Seconds, 0.9]]) {
      const truth = nearestRank(ds, q);
      assert.ok(100 * Math.abs(got - truth) <= truth, `q ${q}: ${got} vs ${truth}`);
    }
  }), { numRuns: 100 });
});
