// The npm package as users import it: by name, through its exports map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addMoney, allocate, currency, formatMoney, parseMoney, roundMoney } from "medjourney";

test("money is a plain object with a decimal string amount", () => {
  const sum = addMoney(parseMoney("1200.00 EUR"), { amount: "350.5", currency: "EUR" });
  assert.deepEqual(sum, { amount: "1550.50", currency: "EUR" });
  assert.equal(formatMoney(sum), "1550.50 EUR");
});

test("mixing currencies throws MedJourneyError with code currency_mismatch", () => {
  assert.throws(
    () => addMoney(parseMoney("1 EUR"), parseMoney("1 USD")),
    (e) => e instanceof Error && e.name === "MedJourneyError" && e.code === "currency_mismatch",
  );
});

test("the module still works after errors", () => {
  assert.throws(() => parseMoney("12,50 EUR"), (e) => e.code === "invalid_amount");
  assert.throws(() => addMoney(null, undefined), (e) => e.name === "MedJourneyError");
  assert.throws(() => addMoney({ amount: 1.5, currency: "EUR" }, parseMoney("1 EUR")), (e) => e.code === "invalid_amount");
  assert.deepEqual(addMoney(parseMoney("1 EUR"), parseMoney("2 EUR")), { amount: "3.00", currency: "EUR" });
});

test("currency() reports ISO minor units", () => {
  assert.deepEqual(
    { code: currency("KWD").code, minorUnits: currency("KWD").minorUnits },
    { code: "KWD", minorUnits: 3 },
  );
  assert.equal(currency("XAU").minorUnits, null);
  assert.throws(() => currency("ZZZ"), (e) => e.code === "unknown_currency");
});

test("allocate hands leftovers by largest remainder, not list order", () => {
  const parts = allocate(parseMoney("0.02 EUR"), [1, 1, 2]).map((m) => m.amount);
  assert.deepEqual(parts, ["0.01", "0.00", "0.01"]);
  assert.throws(() => allocate(parseMoney("1 EUR"), [Number.NaN]), (e) => e.name === "MedJourneyError");
  assert.deepEqual(roundMoney({ amount: "2.345", currency: "EUR" }, "half_up"), { amount: "2.35", currency: "EUR" });
});
