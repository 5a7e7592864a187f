// Runs the language-neutral vectors under tests/vectors with the same expectations as Rust.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as mj from "medjourney";

const vectors = (name) =>
  JSON.parse(readFileSync(new URL(`../../tests/vectors/${name}.json`, import.meta.url), "utf8"));

const money = vectors("money");
const fx = money.fx;
const M = (t) => mj.parseMoney(t);
const show = (m) => mj.formatMoney(m);

function runMoney(op, a) {
  switch (op) {
    case "parse": {
      const m = M(a.text);
      return { money: show(m), display: show(m) };
    }
    case "add": return show(mj.addMoney(M(a.a), M(a.b)));
    case "sub": return show(mj.subtractMoney(M(a.a), M(a.b)));
    case "mul": {
      const m = mj.multiplyMoney(M(a.money), a.factor);
      return { money: show(m), exact: m.amount };
    }
    case "round": return show(mj.roundMoney(M(a.money), a.mode));
    case "allocate": return mj.allocate(M(a.money), a.ratios).map(show);
    case "split": return mj.splitMoney(M(a.money), a.n).map(show);
    case "convert": {
      const c = new mj.FxTable(fx).convertWith(M(a.money), a.to, {
        rounding: a.rounding, now: a.now, maxAgeHours: a.maxAgeHours, stale: a.stale,
      });
      return { money: show(c.money), stale: c.stale };
    }
    default: throw new Error(`unknown op ${op}`);
  }
}

const same = (a, b) => mj.compareMoney(M(a), M(b)) === 0 && M(a).currency === M(b).currency;

for (const c of money.cases) {
  test(`money: ${c.name}`, () => {
    if (c.error) {
      assert.throws(() => runMoney(c.op, c.args), (e) => e.name === "MedJourneyError" && e.code === c.error);
      return;
    }
    const got = runMoney(c.op, c.args);
    if (Array.isArray(c.expect)) {
      assert.equal(got.length, c.expect.length);
      got.forEach((g, i) => assert.ok(same(g, c.expect[i]), `${g} != ${c.expect[i]}`));
      return;
    }
    const text = typeof got === "string" ? got : got.money;
    assert.ok(same(text, c.expect), `${text} != ${c.expect}`);
    if (c.display) assert.equal(text, c.display);
    if (c.exact) assert.equal(got.exact, c.exact);
    if (c.stale !== undefined) assert.equal(got.stale, c.stale);
  });
}
