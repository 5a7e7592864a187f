// The trip planner, telehealth times, refunds and remedies beyond the shared vectors: the
// sample plan's promises, the .ics of a plan read by an independent parser, remedies on
// findings, and every bad input's code (never a trap).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as mj from "medjourney";
import ICAL from "ical.js";

const codeOf = (call) => {
  try {
    call();
  } catch (e) {
    assert.equal(e.name, "MedJourneyError", String(e));
    return e.code;
  }
  return "ok";
};
const WEEK = ["2027-01-04T00:00:00Z", "2027-01-10T00:00:00Z"];

test("the contract names exist in camelCase", () => {
  for (const name of ["planTrip", "telehealthSlots", "refundDue"]) assert.equal(typeof mj[name], "function", name);
  assert.equal(typeof mj.samples.planRequest, "function");
});

test("the sample plan passes its own check, says why for every item and flies home when fit", () => {
  const plan = mj.planTrip(mj.samples.planRequest());
  assert.deepEqual(mj.checkItinerary(plan.itinerary).filter((f) => f.severity === "error"), []);
  assert.deepEqual(new Set(plan.reasons.map((r) => r.itemId)), new Set(plan.itinerary.items.map((i) => i.id)));
  assert.ok(plan.keyDates.flyHome >= plan.keyDates.fitToFly);
  assert.ok(plan.itinerary.items.every((i) => i.status === "proposed" || i.status === "to_book"));
  assert.ok(plan.itinerary.items.filter((i) => i.type === "flight").every((i) => i.flightNumber === ""));
  assert.equal(typeof plan.estimate.total.amount, "string");
  const cal = new ICAL.Component(ICAL.parse(mj.toIcs(plan.itinerary)));
  assert.equal(cal.getAllSubcomponents("vevent").length, plan.itinerary.items.length);
});

test("the sample itinerary's fit-to-fly error carries its remedy, as data and in words", () => {
  const fit = mj.checkItinerary(mj.samples.itinerary()).find((f) => f.code === "fit_to_fly");
  assert.deepEqual({ kind: fit.remedy.kind, item: fit.remedy.item, date: fit.remedy.date },
    { kind: "fly_on_or_after", item: "flight-home", date: "2027-02-27" });
  assert.match(fit.remedy.text, /2027-02-27/);
});

test("telehealth slots read a Date too and carry both local clocks", () => {
  const slots = mj.telehealthSlots("Europe/London", "Asia/Bangkok", new Date(WEEK[0]), WEEK[1], 30, { limit: 2 });
  assert.equal(slots.length, 2);
  assert.equal(Date.parse(slots[0].startB), Date.parse(slots[0].start));
  assert.match(slots[0].startB, /\+07:00$/);
});

test("every bad planning input gets its code and the module still answers", () => {
  const req = mj.samples.planRequest();
  const terms = mj.samples.quotes().find((q) => q.providerId === "bosphorus-ortho").deposit;
  const paid = { amount: "742.00", currency: "GBP" };
  const cases = [
    [() => mj.planTrip(undefined), "parse_error"],
    [() => mj.planTrip({ ...req, leisure: 2 }), "unknown_field"],
    [() => mj.planTrip({ ...req, patient: { ...req.patient, homeTown: "Leeds" } }), "unknown_field"],
    [() => mj.planTrip({ ...req, patient: { ...req.patient, callDays: ["funday"] } }), "invalid_input"],
    [() => mj.planTrip({ ...req, providerId: "nowhere" }), "invalid_input"],
    [() => mj.telehealthSlots(3, "Asia/Bangkok", ...WEEK, 30), "parse_error"],
    [() => mj.telehealthSlots("Europe/London", "Asia/Bangkok", "yesterday", WEEK[1], 30), "parse_error"],
    [() => mj.telehealthSlots("Europe/London", "Asia/Bangkok", ...WEEK, -5), "parse_error"],
    [() => mj.telehealthSlots("Europe/London", "Asia/Bangkok", ...WEEK, "30"), "parse_error"],
    [() => mj.telehealthSlots("Europe/London", "Asia/Bangkok", ...WEEK, 30, { stepMinute: 15 }), "unknown_field"],
    [() => mj.telehealthSlots("Europe/London", "Mars/Olympus", ...WEEK, 30), "unknown_time_zone"],
    [() => mj.refundDue(terms, { amount: 1.5, currency: "GBP" }, "2027-02-17", "2027-01-01"), "invalid_amount"],
    [() => mj.refundDue(terms, paid, "2027-02-30", "2027-01-01"), "parse_error"],
    [() => mj.refundDue(terms, paid, 20270217, "2027-01-01"), "parse_error"],
    [() => mj.refundDue(null, paid, "2027-02-17", "2027-01-01"), "parse_error"],
  ];
  for (const [call, code] of cases) assert.equal(codeOf(call), code, String(call));
  assert.equal(mj.refundDue(terms, paid, "2027-02-17", "2027-01-01").amount.amount, "742.00");
});
