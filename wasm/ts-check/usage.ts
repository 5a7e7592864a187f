// Type-checked (tsc --noEmit) against the generated .d.ts: proves the published types.
import { addMoney, currency, FxTable, parseMoney, type Money, type Conversion } from "medjourney";

const a: Money = parseMoney("1200.00 EUR");
const b: Money = { amount: "350.50", currency: "EUR" };
const total: Money = addMoney(a, b);
const minor: number | null = currency(total.currency).minorUnits;

const fx = new FxTable({
  base: "EUR",
  rates: [{ from: "EUR", to: "USD", rate: "1.0842", asOf: "2026-11-20T16:00:00Z", source: "ECB" }],
});
const usd: Money = fx.convert(total, "USD", { rounding: "half_even" });
const c: Conversion = fx.convertWith(total, "USD", undefined);
const stale: boolean = c.stale;
fx.free();

try {
  addMoney(a, parseMoney("1 USD"));
} catch (e) {
  if (e instanceof Error && e.name === "MedJourneyError") {
    const code: string = (e as Error & { code: string }).code;
    console.log(code);
  }
}
console.log(total, minor, usd, stale);
