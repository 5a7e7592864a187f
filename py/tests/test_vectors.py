"""Runs the language-neutral vectors under tests/vectors with the same expectations as Rust."""

import datetime as dt
import json
import re

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


# ---- shared comparison of results with "expect" ---------------------------------------

def _subset(expect, got, path="", amount_as_decimal=True):
    """Every key of ``expect`` matches ``got``; arrays element-wise with equal length;
    numbers within 1e-9 (relative); an ``amount`` string compares as a decimal."""
    from decimal import Decimal

    if isinstance(expect, dict):
        assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
        for k, ev in expect.items():
            assert k in got or ev is None, f"{path}.{k}: missing in result"
            gv = got.get(k)
            if k == "amount" and isinstance(ev, str) and amount_as_decimal:
                assert Decimal(ev) == Decimal(gv), f"{path}.amount: {ev} != {gv}"
            else:
                _subset(ev, gv, f"{path}.{k}", amount_as_decimal)
    elif isinstance(expect, list):
        assert isinstance(got, list) and len(got) == len(expect), f"{path}: length"
        for i, (e, g) in enumerate(zip(expect, got)):
            _subset(e, g, f"{path}[{i}]", amount_as_decimal)
    elif isinstance(expect, (int, float)) and not isinstance(expect, bool) and isinstance(got, (int, float)):
        assert abs(expect - got) <= 1e-9 * max(abs(expect), 1.0), f"{path}: {expect} != {got}"
    else:
        assert expect == got, f"{path}: {expect!r} != {got!r}"


def _run_case(case, run, check):
    if "error" in case:
        with pytest.raises(mj.MedJourneyError) as e:
            run(case["op"], case["args"])
        assert e.value.code == case["error"], str(e.value)
        return
    check(case, run(case["op"], case["args"]))


# ---- cost -----------------------------------------------------------------------------

COST = load_vectors("cost")
COST_FX = mj.FxTable.from_json(json.dumps(COST["fx"]))


def _convert_kwargs(options):
    options = options or {}
    kw = {}
    if "rounding" in options:
        kw["rounding"] = options["rounding"]
    if options.get("now") is not None:
        kw["now"] = dt.datetime.fromisoformat(options["now"].replace("Z", "+00:00"))
    if options.get("maxAgeHours") is not None:
        kw["max_age_hours"] = options["maxAgeHours"]
    if "stale" in options:
        kw["stale"] = options["stale"]
    return kw


def _run_cost(op, a):
    if op == "quote_totals":
        return mj.Quote.from_dict(a["quote"]).totals().to_dict()
    if op == "compare_quotes":
        options = a.get("options") or {}
        kw = _convert_kwargs(options.get("convert"))
        if options.get("asOf"):
            kw["as_of"] = dt.date.fromisoformat(options["asOf"])
        if "includeOptional" in options:
            kw["include_optional"] = options["includeOptional"]
        return mj.compare_quotes(a["quotes"], COST_FX, a["currency"], **kw).to_dict()
    if op == "estimate_trip":
        kw = _convert_kwargs(a.get("options"))
        return mj.estimate_trip(a["quote"], a["travel"], COST_FX, a["currency"], **kw).to_dict()
    if op == "adjudicate":
        estimate = mj.estimate_trip(a["quote"], a["travel"], COST_FX, a["currency"])
        return mj.adjudicate(estimate, mj.InsurancePolicy.from_dict(a["policy"])).to_dict()
    if op == "payment_schedule":
        return mj.PaymentPlan.from_dict(a["plan"]).schedule().to_dict()
    if op == "budget_fit":
        kw = _convert_kwargs(a.get("options"))
        total = mj.Money.from_dict(a["total"])
        budget = mj.Money.from_dict(a["budget"])
        return mj.budget_fit(total, budget, COST_FX, **kw).to_dict()
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", COST["cases"], ids=lambda c: c["name"])
def test_cost_vector(case):
    _run_case(case, _run_cost, lambda c, got: _subset(c["expect"], got, c["name"]))


# ---- journey --------------------------------------------------------------------------

JOURNEY = load_vectors("journey")


def _started(a):
    start = a["start"]
    at = dt.datetime.fromisoformat(start["at"].replace("Z", "+00:00"))
    j = mj.Journey("vector", "PT-V", "knee_replacement", start["stage"], at)
    for step in a.get("steps", []):
        j.apply(step)
    return j


def _run_journey(op, a):
    if op == "transitions":
        j = _started(a)
        return {"stage": j.current_stage, "status": j.status, "furthest": j.furthest_stage}
    if op == "record":
        j = _started(a)
        for t in a.get("touchpoints", []):
            j.record(t)
        return {"touchpoints": len(j.touchpoints)}
    if op == "validate":
        return {"id": mj.Journey.from_dict(a["journey"]).id}
    if op == "map":
        options = a.get("options") or {}
        kw = {
            "sentiment_below": options.get("sentimentBelow"),
            "dwell_spread": options.get("dwellSpread"),
            "drop_rate": options.get("dropRate"),
            "min_samples": options.get("minSamples"),
        }
        return json.loads(mj.journey_map(a["journeys"], **kw).to_json())
    if op == "map_columns":
        import numpy as np

        t = a["table"]
        snake = {
            "status": "status", "visitJourney": "visit_journey", "visitStage": "visit_stage",
            "visitEntered": "visit_entered", "visitLeft": "visit_left",
            "touchJourney": "touch_journey", "touchStage": "touch_stage", "touchAt": "touch_at",
            "touchChannel": "touch_channel", "touchKind": "touch_kind",
            "touchSentiment": "touch_sentiment", "needJourney": "need_journey",
            "needStage": "need_stage", "needCode": "need_code", "needMet": "need_met",
        }
        cols = {}
        for key, name in snake.items():
            values = t[key]
            if key == "touchSentiment":  # JSON null is a missing sentiment (NaN), as in Rust
                values = np.array([np.nan if v is None else v for v in values], dtype=np.float64)
            cols[name] = values
        return json.loads(mj.journey_map_columns(**cols).to_json())
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", JOURNEY["cases"], ids=lambda c: c["name"])
def test_journey_vector(case):
    _run_case(case, _run_journey, lambda c, got: _subset(c["expect"], got, c["name"], False))


# ---- itinerary ------------------------------------------------------------------------

ITINERARY = load_vectors("itinerary")


def _rules(v):
    return None if v is None else mj.ItineraryRules.from_dict(v)


def _run_itinerary(op, a):
    if op == "check":
        found = mj.Itinerary.from_dict(a["itinerary"]).check(_rules(a.get("rules")))
        return {"findings": [{"code": f.code, "severity": f.severity, "items": f.items} for f in found]}
    if op == "local_instant":
        got = mj.local_instant(dt.datetime.fromisoformat(a["local"]), a["zone"])
        return got.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if op == "summary":
        days = mj.Itinerary.from_dict(a["itinerary"]).day_by_day()
        return {
            "days": [
                {
                    "date": d.date.isoformat(),
                    "entries": [
                        {
                            "itemId": e.item_id,
                            "part": e.part,
                            "startLocal": e.start_local.isoformat(),
                            "endLocal": e.end_local.isoformat(),
                            "contact": None if e.contact is None else e.contact.name,
                        }
                        for e in d.entries
                    ],
                }
                for d in days
            ]
        }
    if op == "ics":
        icalendar = pytest.importorskip("icalendar")
        text = mj.Itinerary.from_dict(a["itinerary"]).to_ics()
        cal = icalendar.Calendar.from_ical(text)
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        return {"events": len(events), "uids": [str(e["UID"]) for e in events], "text": text.replace("\r\n ", "")}
    raise AssertionError(f"unknown op {op}")


def _check_itinerary(case, got):
    expect = case["expect"]
    if case["op"] == "ics":
        assert got["events"] == expect["events"]
        assert got["uids"] == expect["uids"]
        lines = got["text"].split("\r\n")
        for line in expect["lines"]:
            assert line in lines, f"line {line!r} missing"
    else:
        assert got == expect


@pytest.mark.parametrize("case", ITINERARY["cases"], ids=lambda c: c["name"])
def test_itinerary_vector(case):
    _run_case(case, _run_itinerary, _check_itinerary)


# ---- matching -------------------------------------------------------------------------

MATCHING = load_vectors("matching")
TOL = MATCHING.get("tolerance", 1e-9)


def _run_matching(op, a):
    if op in ("topsis", "weighted_sum"):
        import numpy as np

        f = mj.topsis if op == "topsis" else mj.weighted_sum
        return list(f(a["matrix"], a["weights"], a["types"], a.get("normalization", "min_max")))
    if op == "weighted_rating":
        return mj.weighted_rating(a.get("mean", 0.0), a.get("votes", 0.0), a.get("priorVotes", 0.0), a.get("priorMean", 0.0))
    if op == "wilson":
        return mj.wilson_lower_bound(a.get("successes", 0), a.get("n", 0), a.get("z", 1.96))
    if op == "dirichlet":
        return mj.dirichlet_star_score(a["stars"], a.get("z", 1.65))
    if op == "rank":
        catalog = mj.samples.catalog() if a["catalog"] == "sample" else mj.Catalog.from_dict(a["catalog"])
        request = mj.samples.request() if a["request"] == "sample" else mj.Request.from_dict(a["request"])
        options = dict(a.get("options") or {})
        kw = {}
        if options.pop("fx", None) == "sample":
            kw["fx"] = mj.samples.fx()
        for k, v in options.items():
            kw[re.sub(r"(?<!^)(?=[A-Z])", "_", k).lower()] = v  # the vectors' camelCase keys as keywords
        return mj.rank(catalog, request, **kw).to_dict()
    raise AssertionError(f"unknown op {op}")


def _check_matching(case, got):
    expect = case["expect"]
    if case["op"] == "rank":
        for key in ("candidates", "excludedTotal", "currency"):
            if key in expect:
                assert got[key] == expect[key], key
        order = [m["providerId"] for m in got["matches"]]
        assert order == expect["order"]
        assert [m["rank"] for m in got["matches"]] == list(range(1, len(order) + 1))
        for e, m in zip(expect.get("scores", []), got["matches"]):
            assert abs(e - m["score"]) <= TOL
        for pid, text in (expect.get("prices") or {}).items():
            m = next(m for m in got["matches"] if m["providerId"] == pid)
            assert f'{m["price"]["amount"]} {m["price"]["currency"]}' == text
        want = expect.get("excluded") or {}
        assert len(got["excluded"]) == len(want)
        for e in got["excluded"]:
            assert [r["code"] for r in e["reasons"]] == want[e["providerId"]]
    elif isinstance(expect, list):
        assert len(got) == len(expect)
        for e, g in zip(expect, got):
            assert abs(e - g) <= TOL
    else:
        assert abs(expect - got) <= TOL


@pytest.mark.parametrize("case", MATCHING["cases"], ids=lambda c: c["name"])
def test_matching_vector(case):
    _run_case(case, _run_matching, _check_matching)
