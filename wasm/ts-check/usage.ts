// Type-checked (tsc --noEmit) against the generated .d.ts: proves the published types.
// Every capability once, with the types a TypeScript user would write.
import {
  addMoney, adjudicate, allocate, budgetFit, Catalog, checkItinerary, compareQuotes,
  comparisonToHtml, comparisonToSvg, currency, dayByDay, estimateTrip, findingsToHtml, FxTable,
  Itinerary, itineraryToHtml, itineraryToSvg, Journey, journeyColumns, journeyMap,
  journeyMapColumns, journeyMapRows, journeyMapToHtml, journeyMapToSvg, localInstant,
  MapAccumulator, parseMoney, paymentPlan, quoteTotals, rank, rankingToHtml, rankingToSvg,
  samples, toCsv, toIcs, topsis, toSvg,
  adjudicationToFhir, catalogFromFhir, catalogToFhir, estimateToFhir, estimateTripWithGuides,
  explain, Glossary, GuideBook, itineraryToFhir, journeyToFhir, policyToFhir, procedureGuide,
  procedureGuides, proceduresWithoutGuide, quoteToFhir,
  type FhirOptions, type FitToFly, type GlossaryEntry, type GlossaryJson, type GuideBookJson,
  type ProcedureGuide, type TermMatch,
  type Adjudication, type BatchConversion, type BudgetFit, type Comparison, type Conversion,
  type CurrencyInfo, type DaySummary, type Finding, type InsurancePolicy, type ItineraryJson,
  type JourneyColumns, type JourneyJson, type JourneyMap, type LineItem, type Money,
  type PaymentPlan, type Quote, type QuoteTotals, type Ranking, type Request, type Schedule,
  type QuantileMode, type Stage, type StageRow, type Touchpoint, type Transition, type TripEstimate,
  planTrip, telehealthSlots, refundDue,
  type Plan, type PlanRequest, type TelehealthSlot, type TelehealthOptions, type Refund, type Remedy,
  type RemedyAction, type KeyDates, type ItemStatus,
} from "medjourney";

// ---- money ---------------------------------------------------------------------------------
const a: Money = parseMoney("1200.00 EUR");
const b: Money = { amount: "350.50", currency: "EUR" };
const total: Money = addMoney(a, b);
const info: CurrencyInfo = currency(total.currency);
const minor: number | null = info.minorUnits;
const parts: Money[] = allocate(total, [1, "2", 3]);

const fx = new FxTable({
  base: "EUR",
  rates: [{ from: "EUR", to: "USD", rate: "1.0842", asOf: "2026-11-20T16:00:00Z", source: "ECB" }],
});
const usd: Money = fx.convert(total, "USD", { rounding: "half_even" });
const c: Conversion = fx.convertWith(total, "USD");
const batch: BatchConversion = fx.convertEach([a, b], "USD", { stale: "flag" });
const stale: boolean = c.stale || batch.stale;
fx.free();

// ---- cost ----------------------------------------------------------------------------------
const quote: Quote = {
  id: "q1", providerId: "clinic", procedure: "knee_replacement", currency: "EUR",
  items: [{ category: "procedure", description: "Surgery", unitPrice: b, inclusion: "included_in_package" }],
};
const totals: QuoteTotals = quoteTotals(quote);
const sfx: FxTable = samples.fx();
const quotes: Quote[] = samples.quotes();
const comparison: Comparison = compareQuotes(quotes, sfx, "GBP", samples.compareOptions());
const travel: LineItem[] = samples.travel();
const estimate: TripEstimate = estimateTrip(quotes[0]!, travel, sfx, "GBP");
const policy: InsurancePolicy = samples.policy();
const paid: Adjudication = adjudicate(estimate, policy);
const plan: PaymentPlan = samples.paymentPlan();
const schedule: Schedule = paymentPlan(plan);
const fit: BudgetFit = budgetFit(estimate.total, samples.budget(), sfx);
const cheapest: string | undefined = comparison.columns[0]?.quoteId;
const grid: string = comparisonToSvg(comparison);
const gridPage: string = comparisonToHtml(comparison);

// ---- matching ------------------------------------------------------------------------------
const catalog: Catalog = samples.catalog();
const request: Request = samples.request();
const ranking: Ranking = rank(catalog, request, { method: "topsis", topK: 5, fx: sfx.toJSON() });
for (const m of ranking.matches) {
  const id: string = m.providerId;
  const score: number = m.score;
  const why: number = m.criteria[0]?.contribution ?? 0;
  console.log(id, m.rank, score, why);
}
for (const x of ranking.excluded) console.log(x.providerId, x.reasons.map((r) => r.code));
const bars: string = rankingToSvg(ranking);
const barsPage: string = rankingToHtml(ranking);
const scores: Float64Array = topsis(new Float64Array([4, 4, 1, 5, 3, 2, 4, 2]), 4, 2,
  new Float64Array([0.5, 0.5]), new Int8Array([1, -1]), "min_max");
catalog.free();
sfx.free();

// ---- journeys ------------------------------------------------------------------------------
const j = new Journey("j1", "PT-1", "knee_replacement", "awareness", "2026-01-01T00:00:00Z");
const move: Transition = { action: "move", to: "research", at: "2026-01-02T00:00:00Z" };
j.apply(move);
const touch: Touchpoint = {
  id: "t1", stage: "research", at: "2026-01-03T00:00:00Z", channel: "whatsapp",
  initiator: "patient", kind: "inquiry", sentiment: 1,
};
j.record(touch);
const stage: Stage | null = j.currentStage;
const saved: JourneyJson = j.toJSON();
const journeys: JourneyJson[] = samples.journeys();
const map: JourneyMap = journeyMap([...journeys, j], { minSamples: 3 });
j.free();
const cols: JourneyColumns = journeyColumns(journeys);
const same: JourneyMap = journeyMapColumns(cols);
const acc = new MapAccumulator();
acc.addColumns(cols);
const merged: JourneyMap = acc.finish();
const mode: "exact" | "sketch" = merged.quantiles;
const shipped: Uint8Array = acc.toBytes();
const received: MapAccumulator = MapAccumulator.fromBytes(shipped);
const exactAcc = new MapAccumulator("exact");
const accMode: QuantileMode = exactAcc.quantiles;
received.free();
exactAcc.free();
acc.free();
const svg: string = toSvg(map, "Sample journeys");
const mapSvg: string = journeyMapToSvg(map);
const mapPage: string = journeyMapToHtml(map);
const csv: string = toCsv(map);
const rows: StageRow[] = journeyMapRows(map);
const entered: number = map.stages[0]?.entered ?? 0;

// ---- itineraries ---------------------------------------------------------------------------
const trip: ItineraryJson = samples.itinerary();
const findings: Finding[] = checkItinerary(trip);
const it = new Itinerary(trip);
const again: Finding[] = it.check(samples.itineraryRules());
const days: DaySummary[] = dayByDay(trip);
const ics: string = toIcs(it);
const utc: string = localInstant("2027-02-17T08:00:00", "Europe/Istanbul");
const timeline: string = itineraryToSvg(trip, samples.itineraryRules());
const timelinePage: string = itineraryToHtml(it);
const checksPage: string = findingsToHtml(trip, samples.itineraryRules());
it.free();

// ---- knowledge ----------------------------------------------------------------------------
const guide: ProcedureGuide = procedureGuide("TKR");
const stay: number = guide.daysNearClinic.min;
const guides: ProcedureGuide[] = procedureGuides();
const terms: TermMatch[] = explain("Laparoscopic cholecystectomy under general anesthesia.");
const span: string = terms.map((m) => `${m.term} ${m.start}-${m.end} ${m.composed} ${m.meaning}`).join();
const book = new GuideBook();
const row: FitToFly | undefined = book.fitToFlyRule("hip_or_knee_replacement");
book.overrideFitToFly({ category: "hip_or_knee_replacement", minDays: 21, source: "our surgeon" });
const bookJson: GuideBookJson = book.toJSON();
const nights: TripEstimate = book.estimateTrip(quotes[0]!, travel, samples.fx(), "GBP", { rounding: "up" });
const shippedNights: TripEstimate = estimateTripWithGuides(quotes[0]!, travel, samples.fx(), "GBP");
const gaps: string[] = book.missingFor(samples.catalog());
const noGuide: string[] = proceduresWithoutGuide(samples.catalog());
book.free();
const glossary = new Glossary();
glossary.extend({ entries: [{ term: "PRP", category: "procedure", meaning: "Platelet-rich plasma.",
  source: { title: "Clinic leaflet", url: "https://clinic.example/prp" } }] });
const entry: GlossaryEntry | undefined = glossary.lookup("PRP");
const own: TermMatch[] = glossary.explain("PRP today");
const glossaryJson: GlossaryJson = glossary.toJSON();
glossary.free();

// ---- FHIR ----------------------------------------------------------------------------------
const fhirOptions: FhirOptions = { patient: "PT-0042", created: "2026-11-20T16:00:00Z" };
const bundles: string[] = [
  journeyToFhir(saved), itineraryToFhir(trip), quoteToFhir(quote, fhirOptions),
  estimateToFhir(estimate, fhirOptions), adjudicationToFhir(paid), policyToFhir(policy, { patient: "PT-0042" }),
];
const directory = samples.catalog();
const back: Catalog = catalogFromFhir(catalogToFhir(directory));
const fromObject: Catalog = catalogFromFhir(JSON.parse(catalogToFhir(directory)) as object);
directory.free();
back.free();
fromObject.free();

// ---- trip planning -------------------------------------------------------------------------
const planRequest: PlanRequest = samples.planRequest();
const trip2: Plan = planTrip({ ...planRequest, preferences: { leisureDays: 1 } });
const keyDates: KeyDates = trip2.keyDates;
const statuses: (ItemStatus | null | undefined)[] = (trip2.itinerary.items ?? []).map((i) => i.status);
const why: string[] = trip2.reasons.map((r) => `${r.date} ${r.itemId}: ${r.text}`);
const teleOptions: TelehealthOptions = { hoursA: { start: "08:00", end: "12:00" }, daysB: ["sunday", "monday"], limit: 5 };
const slots: TelehealthSlot[] = telehealthSlots("Europe/London", "Asia/Riyadh", "2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z", 30, teleOptions);
const refund: Refund = refundDue({ deposit: { percent: "20" }, refundable: true, refundWindows: [{ daysBefore: 30, percent: "100" }] },
  { amount: "742.00", currency: "GBP" }, "2027-02-17", "2027-01-19");
const remedy: Remedy | null | undefined = checkItinerary(samples.itinerary()).find((f) => f.code === "fit_to_fly")?.remedy;
const action: RemedyAction | undefined = remedy ?? undefined;
const flyOn: string | undefined = action?.kind === "fly_on_or_after" ? action.date : undefined;
console.log(keyDates, statuses, why, slots, refund, flyOn);

// ---- errors --------------------------------------------------------------------------------
try {
  addMoney(a, parseMoney("1 USD"));
} catch (e) {
  if (e instanceof Error && e.name === "MedJourneyError") {
    const code: string = (e as Error & { code: string }).code;
    console.log(code);
  }
}
console.log(minor, parts, usd, stale, totals, paid, schedule, fit, cheapest, scores, stage, saved);
console.log(same, merged, mode, accMode, svg, csv, rows, entered, findings, again, days, ics, utc);
console.log(grid, gridPage, bars, barsPage, mapSvg, mapPage, timeline, timelinePage, checksPage);

