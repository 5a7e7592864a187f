"""Runs the language-neutral vectors under tests/vectors with the same expectations as Rust."""

import datetime as dt
import json

import pytest

import medjourney as mj
from conftest import load_vectors

MONEY = load_vectors("money")
FX = mj.FxTable.from_json(json.dumps(MONEY["fx"]))


def _run_money(op, a):
    M = mj.Money.parse
    if op == "parse":
        m = M(a["text"])
        return {"money": str(m), "display": str(m)}
    if op == "add":
        return str(M(a["a"]) + M(a["b"]))
    if op == "sub":
        return str(M(a["a"]) - M(a["b"]))
    if op == "mul":
        m = M(a["money"]) * a["factor"]
        return {"money": str(m), "exact": str(m.amount)}
    if op == "round":
        return str(M(a["money"]).round(a.get("mode", "half_even")))
    if op == "allocate":
        return [str(p) for p in M(a["money"]).allocate(a["ratios"])]
    if op == "split":
        return [str(p) for p in M(a["money"]).split(a["n"])]
    if op == "convert":
        kw = {}
        if "rounding" in a:
            kw["rounding"] = a["rounding"]
        if "now" in a:
            kw["now"] = dt.datetime.fromisoformat(a["now"].replace("Z", "+00:00"))
        if "maxAgeHours" in a:
            kw["max_age_hours"] = a["maxAgeHours"]
        if "stale" in a:
            kw["stale"] = a["stale"]
        return {"money": str(FX.convert(M(a["money"]), a["to"], **kw))}
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", MONEY["cases"], ids=lambda c: c["name"])
def test_money_vector(case):
    if "error" in case:
        with pytest.raises(mj.MedJourneyError) as e:
            _run_money(case["op"], case["args"])
        assert e.value.code == case["error"]
        return
    got = _run_money(case["op"], case["args"])
    expect = case["expect"]
    if isinstance(expect, list):
        assert [mj.Money.parse(g) for g in got] == [mj.Money.parse(e) for e in expect]
        return
    text = got["money"] if isinstance(got, dict) else got
    assert mj.Money.parse(text) == mj.Money.parse(expect)
    if "display" in case:
        assert text == case["display"]
    if "exact" in case:
        assert got["exact"] == case["exact"]
