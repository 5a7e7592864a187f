// The demo page: plain ES modules, the package's `web` build, no bundler.
import init, {
  checkItinerary, compareQuotes, journeyMap, rank, samples, toSvg,
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
    ...findings.map((f) => el("li", `${f.severity} ${f.code}: ${f.message}`, `finding ${f.severity}`)),
  );
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
  };
  const pick = $("patient");
  // The core's samples hold one full case (request, quotes, itinerary): PT-0042's. The other
  // sample journeys have no request or quotes, and the wrapper does not invent any.
  pick.append(new Option(`${request.patient} — ${request.procedure}`, request.patient));
  renderWeights();
  renderRanking();
  renderComparison();
  renderItinerary();
  renderJourneyMap();
  $("status").textContent = "Ready";
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("status").textContent = `Error: ${e.name} ${e.code ?? ""} ${e.message}`;
  $("status").className = "error";
});
