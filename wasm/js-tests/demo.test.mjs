// Drives the demo page in headless Chromium (playwright-core, the system's /usr/bin/chromium):
// the page is served on localhost by a tiny static server started here, a weight is
// changed, the ranking must change, and a screenshot is saved (wasm/screenshots/, gitignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("..", import.meta.url)); // wasm/: demo/ and pkg/web/
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };

let server, base, context, profile;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!path.startsWith(root) || !existsSync(path) || path.endsWith(sep)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    res.end(readFileSync(path));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  profile = mkdtempSync(join(tmpdir(), "mj-demo-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await context?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("demo page: changing a criterion weight changes the provider ranking", async () => {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/demo/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });

  // What a facilitator sees: ranked providers with per-criterion contributions, the quote
  // comparison in the patient's currency, the itinerary findings and the journey-map SVG.
  const before = await page.getAttribute("#ranking", "data-order");
  const ranked = await page.locator("#ranking tbody tr").count();
  assert.ok(ranked >= 2, `ranked ${ranked} providers`);
  assert.match(await page.locator("#ranking thead").innerText(), /contribution/);
  assert.match(await page.locator("#comparison tbody").innerText(), /GBP/);
  assert.match(await page.locator("#itinerary-findings").innerText(), /fit_to_fly.*Fix: .*2027-02-27/);
  // The trip plan for the selected provider, day by day with the reason for each date.
  assert.equal(await page.getAttribute("#plan-days", "data-provider"), "bosphorus-ortho");
  assert.ok((await page.locator("#plan-days tbody tr").count()) > 10);
  assert.match(await page.locator("#plan-days tbody").innerText(), /fit to fly/i);
  assert.match(await page.locator("#plan-summary").innerText(), /fly home 2027-03-03/);
  assert.equal(await page.locator("#journey-map svg").count(), 1);

  // Put all the weight on price: the ranking must follow.
  for (const [name, value] of Object.entries({ price: "1", quality: "0", reviews: "0", accreditation: "0" })) {
    await page.locator(`#w-${name}`).evaluate((input, v) => {
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }, value);
  }
  const afterOrder = await page.getAttribute("#ranking", "data-order");
  assert.notEqual(afterOrder, before, "the ranking changed");
  assert.deepEqual([...afterOrder.split(",")].sort(), [...before.split(",")].sort(), "same candidates");
  assert.match(await page.locator("#status").innerText(), /Ranked with accreditation = 0\.00/);

  // Choosing another provider plans the trip there, in the browser.
  const other = await page.locator("#plan-provider option").evaluateAll(
    (options) => options.map((o) => o.value).find((v) => v !== "bosphorus-ortho"),
  );
  await page.selectOption("#plan-provider", other);
  assert.equal(await page.getAttribute("#plan-days", "data-provider"), other);
  assert.match(await page.locator("#status").innerText(), new RegExp(`Planned the trip with ${other}`));
  assert.match(await page.locator("#plan-notes").innerText(), /catalog_price/);
  assert.deepEqual(errors, []);

  const dir = fileURLToPath(new URL("../screenshots/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, "demo.png"), fullPage: true });
  await page.close();
});
