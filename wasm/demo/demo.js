// The demo page: plain ES modules, the package's `web` build, no bundler.
//
// Each panel is a <section class="panel" id="panel-NAME"> in index.html and an entry in
// `panels` below: `render(state)` fills the panel's view from the shared state, and runs
// at start and again whenever something it reads changes (`rerender(name)`). A new panel
// needs one section and one entry.
import init, {
  compareQuotes, comparisonToHtml, findingsToHtml, journeyMap, journeyMapToHtml, rank,
  rankingToHtml, samples,
} from "../pkg/web/medjourney.js";

const $ = (id) => document.getElementById(id);
const el = (tag, text) => {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
};
const fmt = (x, digits = 2) => Number(x).toFixed(digits);

/** Puts a display from the core into a view. The core escapes every user text in it. */
function show(view, html) {
  $(view).innerHTML = html;
}

function renderRanking(state) {
  const ranking = rank(state.catalog, state.request, { ...state.options, topK: null });
  show("ranking", rankingToHtml(ranking));
  $("ranking").dataset.order = ranking.matches.map((m) => m.providerId).join(",");
}

function renderComparison(state) {
  const currency = state.request.budget?.currency ?? "GBP";
  show("comparison", comparisonToHtml(compareQuotes(samples.quotes(), state.fx, currency, samples.compareOptions())));
}

function renderItinerary(state) {
  show("itinerary", findingsToHtml(state.itinerary, state.itineraryRules));
}

function renderJourneyMap(state) {
  show("journey-map", journeyMapToHtml(journeyMap(state.journeys, undefined)));
}

const panels = {
  ranking: renderRanking,
  comparison: renderComparison,
  itinerary: renderItinerary,
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
  };
  const pick = $("patient");
  // The core's samples hold one full case (request, quotes, itinerary): PT-0042's. The other
  // sample journeys have no request or quotes, and the wrapper does not invent any.
  pick.append(new Option(`${request.patient} — ${request.procedure}`, request.patient));
  renderWeights(state);
  for (const name of Object.keys(panels)) rerender(name, state);
  $("status").textContent = "Ready";
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("status").textContent = `Error: ${e.name} ${e.code ?? ""} ${e.message}`;
  $("status").className = "error";
});
