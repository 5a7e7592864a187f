// The demo page: plain ES modules, the package's `web` build, no bundler.
//
// Each panel is a <section class="panel" id="panel-NAME"> in index.html and an entry in
// `panels` below: `render(state)` fills the panel's view from the shared state, and runs
// at start and again whenever something it reads changes (`rerender(name)`). A new panel
// needs one section and one entry.
import init, {
  compareQuotes, comparisonToHtml, findingsToHtml, journeyMap, journeyMapToHtml, planTrip, rank,
  rankingToHtml, samples,
} from "../pkg/web/medjourney.js";

const $ = (id) => document.getElementById(id);
const el = (tag, text) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
};
const fmt = (x, digits = 2) => Number(x).toFixed(digits);

/** A table of plain text cells (textContent: nothing in a cell is read as markup). */
function table(id, head, rows) {
  const t = $(id);
  const tr = (cells, tag) => {
    const r = el("tr");
    r.append(...cells.map((c) => el(tag, String(c))));
    return r;
  };
  t.tHead.replaceChildren(tr(head, "th"));
  t.tBodies[0].replaceChildren(...rows.map((r) => tr(r, "td")));
}

/** Puts a display from the core into a view. The core escapes every user text in it. */
function show(view, html) {
  $(view).innerHTML = html;
}

function renderRanking(state) {
  const ranking = rank(state.catalog, state.request, { ...state.options, topK: null });
  show("ranking", rankingToHtml(ranking));
  $("ranking").dataset.order = ranking.matches.map((m) => m.providerId).join(",");
  state.ranked = ranking.matches;
}

function renderComparison(state) {
  const currency = state.request.budget?.currency ?? "GBP";
  show("comparison", comparisonToHtml(compareQuotes(samples.quotes(), state.fx, currency, samples.compareOptions())));
}

function renderItinerary(state) {
  show("itinerary", findingsToHtml(state.itinerary, state.itineraryRules));
}

/** The providers the plan can be made with, in ranking order; keeps the choice if it is still ranked. */
function renderPlanProviders(state) {
  const pick = $("plan-provider");
  const chosen = pick.value || state.planRequest.providerId;
  pick.replaceChildren(...state.ranked.map((m) => new Option(`${m.rank}. ${m.name}`, m.providerId)));
  pick.value = state.ranked.some((m) => m.providerId === chosen) ? chosen : state.ranked[0]?.providerId ?? "";
}

function renderPlan(state) {
  renderPlanProviders(state);
  const providerId = $("plan-provider").value;
  const sample = state.planRequest;
  // The sample request's quote, fares and flight time are for its own clinic; for another
  // provider they are left out, and the plan prices the procedure from the catalog.
  const own = providerId === sample.providerId;
  const plan = planTrip({
    ...sample,
    providerId,
    catalog: state.catalog.toJSON(),
    quote: own ? sample.quote : null,
    travel: own ? sample.travel : [],
    flightHours: own ? sample.flightHours : null,
  });
  const k = plan.keyDates;
  $("plan-summary").textContent = `Leave ${k.depart}, procedure ${k.procedure}, fit to fly ${k.fitToFly}, ` +
    `fly home ${k.flyHome}. Total ${plan.estimate.total.amount} ${plan.estimate.total.currency}.`;
  const why = new Map(plan.reasons.map((r) => [r.itemId, r]));
  table("plan-days", ["date", "item", "status", "why"], plan.itinerary.items.map((i) => [
    why.get(i.id)?.date ?? "", i.title, i.status ?? "", why.get(i.id)?.text ?? "",
  ]));
  $("plan-days").dataset.provider = providerId;
  $("plan-payments").replaceChildren(...plan.payments.payments.map((p) => el("li", `${p.due}: ${p.kind} ${p.amount.amount} ${p.amount.currency}`)));
  $("plan-refunds").replaceChildren(...plan.refunds.map((r) => el(
    "li",
    `from ${r.from}${r.until ? ` to ${r.until}` : ""}: ${r.percent}% back (${r.amount.amount} ${r.amount.currency})`,
  )));
  $("plan-notes").replaceChildren(...plan.notes.map((n) => el("li", `${n.code}: ${n.message}`)));
}

function renderJourneyMap(state) {
  show("journey-map", journeyMapToHtml(journeyMap(state.journeys, undefined)));
}

const panels = {
  ranking: renderRanking,
  comparison: renderComparison,
  itinerary: renderItinerary,
  plan: renderPlan,
  "journey-map": renderJourneyMap,
};

function rerender(name, state) {
  panels[name](state);
}

function renderWeights(state) {
  const box = $("weights");
  box.replaceChildren();
  for (const [name, value] of Object.entries(state.request.weights)) {
    const input = el("input");
    Object.assign(input, { type: "range", min: "0", max: "1", step: "0.05", value: String(value), id: `w-${name}` });
    const out = el("output", fmt(value));
    input.addEventListener("input", () => {
      state.request.weights[name] = Number(input.value);
      out.textContent = fmt(input.value);
      try {
        rerender("ranking", state);
        renderPlanProviders(state);
        $("status").textContent = `Ranked with ${name} = ${fmt(input.value)}`;
      } catch (e) {
        $("status").textContent = `${e.name} ${e.code}: ${e.message}`;
      }
    });
    const label = el("label");
    label.append(el("span", name), input, out);
    box.append(label);
  }
}

async function main() {
  await init();
  const request = samples.request();
  const state = {
    catalog: samples.catalog(),
    fx: samples.fx(),
    request,
    options: samples.rankOptions(),
    itinerary: samples.itinerary(),
    itineraryRules: samples.itineraryRules(),
    journeys: samples.journeys(),
    planRequest: samples.planRequest(),
    ranked: [],
  };
  const pick = $("patient");
  // The core's samples hold one full case (request, quotes, itinerary): PT-0042's. The other
  // sample journeys have no request or quotes, and the wrapper does not invent any.
  pick.append(new Option(`${request.patient} — ${request.procedure}`, request.patient));
  renderWeights(state);
  for (const name of Object.keys(panels)) rerender(name, state);
  $("plan-provider").addEventListener("change", () => {
    try {
      rerender("plan", state);
      $("status").textContent = `Planned the trip with ${$("plan-provider").value}`;
    } catch (e) {
      $("status").textContent = `${e.name} ${e.code}: ${e.message}`;
    }
  });
  $("status").textContent = "Ready";
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("status").textContent = `Error: ${e.name} ${e.code ?? ""} ${e.message}`;
  $("status").className = "error";
});
