// The demo page: plain ES modules, the package's `web` build, no bundler.
import init, {
  checkItinerary, compareQuotes, journeyMap, planTrip, rank, samples, toSvg,
} from "../pkg/web/medjourney.js";

const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const fmt = (x, digits = 3) => (x === null || x === undefined ? "–" : Number(x).toFixed(digits));

function row(cells, head = false) {
  const tr = el("tr");
  cells.forEach((c, i) => tr.append(el(head ? "th" : "td", String(c), i === 0 ? "text" : undefined)));
  return tr;
}

function fill(table, head, rows) {
  table.tHead.replaceChildren(row(head, true));
  table.tBodies[0].replaceChildren(...rows.map((r) => row(r)));
}

let state;

function renderRanking() {
  const ranking = rank(state.catalog, state.request, { ...state.options, topK: null });
  const criteria = ranking.matches[0]?.criteria.map((c) => c.criterion) ?? [];
  fill(
    $("ranking"),
    ["#", "provider", "country", "score", ...criteria.map((c) => `${c} (contribution)`)],
    ranking.matches.map((m) => [
      m.rank, `${m.name} (${m.providerId})`, m.country, fmt(m.score),
      ...m.criteria.map((c) => fmt(c.contribution)),
    ]),
  );
  $("ranking").dataset.order = ranking.matches.map((m) => m.providerId).join(",");
  state.ranked = ranking.matches;
  $("excluded").textContent = `${ranking.excludedTotal} excluded: ` +
    ranking.excluded.map((x) => `${x.providerId} (${x.reasons.map((r) => r.code).join(", ")})`).join("; ");
}

function renderWeights() {
  const box = $("weights");
  box.replaceChildren();
  for (const [name, value] of Object.entries(state.request.weights)) {
    const input = el("input");
    Object.assign(input, { type: "range", min: "0", max: "1", step: "0.05", value: String(value), id: `w-${name}` });
    const out = el("output", fmt(value, 2));
    input.addEventListener("input", () => {
      state.request.weights[name] = Number(input.value);
      out.textContent = fmt(input.value, 2);
      try {
        renderRanking();
        renderPlanProviders();
        $("status").textContent = `Ranked with ${name} = ${fmt(input.value, 2)}`;
      } catch (e) {
        $("status").textContent = `${e.name} ${e.code}: ${e.message}`;
      }
    });
    const label = el("label");
    label.append(el("span", name), input, out);
    box.append(label);
  }
}

function renderComparison() {
  const currency = state.request.budget?.currency ?? "GBP";
  const c = compareQuotes(samples.quotes(), state.fx, currency, samples.compareOptions());
  fill(
    $("comparison"),
    ["category", ...c.columns.map((q) => `${q.quoteId} (${q.providerId})`)],
    [
      ...c.rows.map((r) => [r.category, ...r.cells.map((cell) => `${cell.amount.amount} ${cell.amount.currency} ${cell.status}`)]),
      ["total", ...c.columns.map((q) => `${q.total.amount} ${q.total.currency}`)],
    ],
  );
  $("comparison-findings").replaceChildren(...c.findings.map((f) => el("li", `${f.kind}: ${f.message ?? ""}`)));
}

function renderItinerary() {
  const findings = checkItinerary(samples.itinerary(), samples.itineraryRules());
  $("itinerary-findings").replaceChildren(
    ...findings.map((f) => el(
      "li",
      `${f.severity} ${f.code}: ${f.message}${f.remedy ? ` Fix: ${f.remedy.text}` : ""}`,
      `finding ${f.severity}`,
    )),
  );
}

function renderPlanProviders() {
  const pick = $("plan-provider");
  const chosen = pick.value || state.planRequest.providerId;
  pick.replaceChildren(...state.ranked.map((m) => new Option(`${m.rank}. ${m.name}`, m.providerId)));
  pick.value = state.ranked.some((m) => m.providerId === chosen) ? chosen : state.ranked[0]?.providerId ?? "";
}

function renderPlan() {
  const providerId = $("plan-provider").value;
  const sample = state.planRequest;
  // The sample request's quote, fares and flight time are for its own clinic; for another
  // provider they are left out, and the plan prices the procedure from the catalog.
  const own = providerId === sample.providerId;
  const request = {
    ...sample,
    providerId,
    catalog: state.catalog.toJSON(),
    quote: own ? sample.quote : null,
    travel: own ? sample.travel : [],
    flightHours: own ? sample.flightHours : null,
  };
  const plan = planTrip(request);
  const k = plan.keyDates;
  $("plan-summary").textContent = `Leave ${k.depart}, procedure ${k.procedure}, fit to fly ${k.fitToFly}, ` +
    `fly home ${k.flyHome}. Total ${plan.estimate.total.amount} ${plan.estimate.total.currency}.`;
  const why = new Map(plan.reasons.map((r) => [r.itemId, r.text]));
  fill(
    $("plan-days"),
    ["date", "item", "status", "why"],
    plan.itinerary.items.map((i) => [
      plan.reasons.find((r) => r.itemId === i.id)?.date ?? "", i.title, i.status ?? "", why.get(i.id) ?? "",
    ]),
  );
  $("plan-days").dataset.provider = providerId;
  $("plan-payments").replaceChildren(...plan.payments.payments.map((p) => el("li", `${p.due}: ${p.kind} ${p.amount.amount} ${p.amount.currency}`)));
  $("plan-refunds").replaceChildren(...plan.refunds.map((s) => el(
    "li",
    `from ${s.from}${s.until ? ` to ${s.until}` : ""}: ${s.percent}% back (${s.amount.amount} ${s.amount.currency})`,
  )));
  $("plan-notes").replaceChildren(...plan.notes.map((n) => el("li", `${n.code}: ${n.message}`)));
}

function renderJourneyMap() {
  const map = journeyMap(samples.journeys(), undefined);
  // The SVG comes from the core, which escapes every user-supplied text in it.
  $("journey-map").innerHTML = toSvg(map, "Sample journeys");
}

async function main() {
  await init();
  const request = samples.request();
  state = {
    catalog: samples.catalog(),
    fx: samples.fx(),
    request,
    options: samples.rankOptions(),
    planRequest: samples.planRequest(),
  };
  const pick = $("patient");
  // The core's samples hold one full case (request, quotes, itinerary): PT-0042's. The other
  // sample journeys have no request or quotes, and the wrapper does not invent any.
  pick.append(new Option(`${request.patient} — ${request.procedure}`, request.patient));
  renderWeights();
  renderRanking();
  renderComparison();
  renderItinerary();
  renderPlanProviders();
  renderPlan();
  $("plan-provider").addEventListener("change", () => {
    try {
      renderPlan();
      $("status").textContent = `Planned the trip with ${$("plan-provider").value}`;
    } catch (e) {
      $("status").textContent = `${e.name} ${e.code}: ${e.message}`;
    }
  });
  renderJourneyMap();
  $("status").textContent = "Ready";
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("status").textContent = `Error: ${e.name} ${e.code ?? ""} ${e.message}`;
  $("status").className = "error";
});
