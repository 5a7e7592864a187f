// Runs the JS benchmark cases (cases.mjs) in headless Chromium, the browser users run:
// the web build of the package (wasm/pkg/web), big.js and dinero.js from wasm/node_modules
// and the bench data are served on localhost by a tiny static server, a page imports them
// through an import map and runs the same cases on the same files as the Node driver.
// Launched like the demo test (playwright-core with the system's /usr/bin/chromium).
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const wasm = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

const PAGE = `<!doctype html><meta charset="utf-8"><title>medjourney bench</title>
<link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({
  imports: {
    medjourney: "/pkg/medjourney.js",
    "big.js": "/node_modules/big.js/big.mjs",
    "dinero.js/bigint": "/node_modules/dinero.js/dist/esm/bigint/index.js",
    "dinero.js/bigint/currencies": "/node_modules/dinero.js/dist/esm/bigint/currencies/index.js",
  },
})}</script>
<script type="module">
import init, * as mj from "medjourney";
import Big from "big.js";
import { dinero, add, convert, transformScale, toSnapshot, halfEven } from "dinero.js/bigint";
import * as currencies from "dinero.js/bigint/currencies";
import { runAll } from "/bench/cases.mjs";
window.runBench = async (sizes, repeats) => {
  await init();
  const fetchOk = async (rel) => {
    const r = await fetch("/data/" + rel);
    if (!r.ok) throw new Error("bench data " + rel + ": " + r.status);
    return r;
  };
  const man = JSON.parse(await (await fetchOk("manifest.json")).text());
  const env = {
    runtime: "chromium", mj, Big,
    dinero: { dinero, add, convert, transformScale, toSnapshot, halfEven }, currencies,
    readArray: async (rel, Type) => new Type(await (await fetchOk(rel)).arrayBuffer()),
    readText: async (rel) => (await fetchOk(rel)).text(),
    log: (text) => console.log(text),
    results: [],
  };
  await runAll(env, man, sizes, repeats);
  return env.results;
};
document.body.dataset.ready = "true";
</script><body></body>`;

/** Serves the page, the package, the peers and the data; only paths under their roots. */
function serve(data) {
  const roots = { pkg: join(wasm, "pkg", "web"), node_modules: join(wasm, "node_modules"), bench: join(wasm, "bench"), data: resolve(data) };
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/" || path === "/index.html") {
      res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
      return;
    }
    const [, top, ...rest] = path.split("/");
    const base = roots[top];
    const file = base && normalize(join(base, ...rest));
    if (!file || !file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
}

/** The cases' rows from a headless Chromium run (`sizes` null: the manifest's). */
export async function runInChromium({ data, sizes, repeats }) {
  const server = serve(data);
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const profile = mkdtempSync(join(tmpdir(), "mj-bench-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const page = await context.newPage();
    page.on("console", (m) => console.log(m.text()));
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector("body[data-ready=true]", { state: "attached", timeout: 60_000 });
    const version = await page.evaluate(() => navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? navigator.userAgent);
    console.log(version);
    const results = await page.evaluate(([s, r]) => window.runBench(s, r), [sizes, repeats]);
    if (errors.length) throw new Error(`chromium bench: ${errors.join("; ")}`);
    return results;
  } finally {
    await context?.close();
    await new Promise((ok) => server.close(ok));
    rmSync(profile, { recursive: true, force: true });
  }
}
