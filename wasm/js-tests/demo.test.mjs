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
  assert.match(await page.locator("#itinerary-findings").innerText(), /fit_to_fly/);
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
  assert.deepEqual(errors, []);

  const dir = fileURLToPath(new URL("../screenshots/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, "demo.png"), fullPage: true });
  await page.close();
});

test("in Chromium too, a freed, foreign or missing `this` is a coded MedJourneyError and free() twice is harmless", async () => {
  const page = await context.newPage();
  await page.goto(`${base}/demo/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  // The page's own module instance, already initialised by the demo.
  const seen = await page.evaluate(async () => {
    const mj = await import("/pkg/web/medjourney.js");
    const eur = { amount: "8400.00", currency: "EUR" };
    const code = (call) => {
      try {
        call();
        return "ok";
      } catch (e) {
        return `${e.name}:${e.code}`;
      }
    };
    const fx = mj.samples.fx();
    const catalog = mj.samples.catalog();
    const before = [fx.convert(eur, "GBP").amount, catalog.length];
    const freed = mj.samples.fx();
    freed.free();
    const convert = fx.convert;
    return {
      foreign: code(() => mj.FxTable.prototype.convert.call(catalog, eur, "GBP")),
      foreignFree: code(() => mj.FxTable.prototype.free.call(catalog)),
      detached: code(() => convert(eur, "GBP")),
      freed: code(() => freed.convert(eur, "GBP")),
      freeTwice: code(() => freed.free()),
      stillExact: JSON.stringify([fx.convert(eur, "GBP").amount, catalog.length]) === JSON.stringify(before),
    };
  });
  assert.deepEqual(seen, {
    foreign: "MedJourneyError:invalid_receiver",
    foreignFree: "MedJourneyError:invalid_receiver",
    detached: "MedJourneyError:invalid_receiver",
    freed: "MedJourneyError:freed_object",
    freeTwice: "ok",
    stillExact: true,
  });
  await page.close();
});
