"""The trip planner, telehealth times, refunds and remedies: the shared vectors
(tests/vectors/planning.json, the same cases Rust and JS run), typed values, and every bad
input's code."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medjourney as mj
from conftest import load_vectors

PLANNING = load_vectors("planning")


def _instant(text):
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _subset(expect, got, path=""):
    """Every key of ``expect`` matches ``got``; arrays element-wise with equal length;
    strings that are instants compare as instants with their offset, amounts as decimals."""
    if isinstance(expect, dict):
        assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
        for k, ev in expect.items():
            assert k in got, f"{path}.{k}: missing in {got!r}"
            _subset(ev, got[k], f"{path}.{k}")
    elif isinstance(expect, list):
        assert isinstance(got, list) and len(got) == len(expect), f"{path}: {got!r}"
        for i, (e, g) in enumerate(zip(expect, got)):
            _subset(e, g, f"{path}[{i}]")
    elif isinstance(expect, str) and isinstance(got, str) and expect != got:
        a, b = _instant(expect), _instant(got)
        if a is not None and b is not None and a.tzinfo is not None and b.tzinfo is not None:
            assert a == b and a.utcoffset() == b.utcoffset(), f"{path}: {expect} != {got}"
        else:
            assert Decimal(expect) == Decimal(got), f"{path}: {expect} != {got}"
    else:
        assert expect == got, f"{path}: expected {expect!r}, got {got!r}"


def _plan_keys(plan):
    """The keys the vectors compare a plan on (see the file's ``about``)."""
    d = plan.to_dict()
    items = d["itinerary"]["items"]
    per_item = {}
    for r in d["reasons"]:
        per_item[r["itemId"]] = per_item.get(r["itemId"], 0) + 1
    one_each = len(per_item) == len(items) and all(per_item.get(i["id"]) == 1 for i in items)
    return {
        "keyDates": d["keyDates"],
        "itemIds": [i["id"] for i in items],
        "statuses": {i["id"]: i.get("status") for i in items},
        "itemStarts": {i["id"]: i["start"] for i in items},
        "flightNumbers": [i["flightNumber"] for i in items if i["type"] == "flight"],
        "estimateTotal": d["estimate"]["total"],
        "payments": d["payments"]["payments"],
        "refunds": d["refunds"],
        "noteCodes": [n["code"] for n in d["notes"]],
        "errorFindings": sum(1 for f in plan.findings if f.severity == "error"),
        "reasonsPerItem": 1 if one_each else 0,
    }


def _snake(name):
    return "".join("_" + c.lower() if c.isupper() else c for c in name)


def _run(op, a):
    if op == "plan_trip":
        return _plan_keys(mj.plan_trip(a["request"]))
    if op == "plan_sample_trip":
        return _plan_keys(mj.plan_trip(mj.samples.plan_request()))
    if op == "telehealth_slots":
        options = {_snake(k): v for k, v in a["options"].items()}
        slots = mj.telehealth_slots(
            a["zoneA"], a["zoneB"], _instant(a["start"]), _instant(a["end"]), a["minutes"], **options
        )
        return [s.to_dict() for s in slots]
    if op == "refund_due":
        paid = mj.Money(a["paid"]["amount"], a["paid"]["currency"])
        return mj.refund_due(
            a["terms"],
            paid,
            dt.date.fromisoformat(a["procedureDate"]),
            dt.date.fromisoformat(a["cancelledOn"]),
        ).to_dict()
    if op == "remedy":
        itinerary = mj.Itinerary.from_dict(a["itinerary"])
        rules = mj.ItineraryRules.from_dict(a["rules"])
        found = [f for f in itinerary.check(rules) if f.code == a["code"]]
        return found[0].remedy.to_dict() if found and found[0].remedy else None
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", PLANNING["cases"], ids=[c["name"] for c in PLANNING["cases"]])
def test_planning_vector(case):
    if "error" in case:
        with pytest.raises(mj.MedJourneyError) as e:
            _run(case["op"], case["args"])
        assert e.value.code == case["error"], str(e.value)
        assert type(e.value) is mj.ERROR_CLASSES[e.value.code]
        return
    _subset(case["expect"], _run(case["op"], case["args"]), case["name"])


# ---- typed values ---------------------------------------------------------------------


def test_the_sample_plan_has_typed_values_and_passes_its_own_check():
    req = mj.samples.plan_request()
    assert isinstance(req, mj.PlanRequest) and isinstance(req.patient, mj.Patient)
    assert req.patient.call_hours.start == dt.time(9, 0)
    plan = mj.plan_trip(req)
    assert isinstance(plan.itinerary, mj.Itinerary)
    assert isinstance(plan.estimate.total, mj.Money)
    assert isinstance(plan.key_dates.procedure, dt.date)
    assert plan.key_dates.fly_home >= plan.key_dates.fit_to_fly
    assert not [f for f in plan.itinerary.check() if f.severity == "error"]
    assert {r.item_id for r in plan.reasons} == {i.id for i in plan.itinerary.items}
    assert {i.status for i in plan.itinerary.items} <= {"proposed", "to_book"}
    assert all(isinstance(s.percent, Decimal) for s in plan.refunds)
    assert "BEGIN:VCALENDAR" in plan.itinerary.to_ics()
    assert mj.Plan.from_json(plan.to_json()) == plan
    assert mj.PlanRequest.from_dict(req.to_dict()) == req


def test_the_sample_itinerarys_fit_to_fly_error_carries_its_remedy():
    fit = next(f for f in mj.samples.itinerary().check() if f.code == "fit_to_fly")
    assert isinstance(fit.remedy, mj.Remedy)
    assert fit.remedy.kind == "fly_on_or_after"
    assert fit.remedy.action == {"kind": "fly_on_or_after", "item": "flight-home", "date": dt.date(2027, 2, 27)}
    assert "2027-02-27" in fit.remedy.text


def test_telehealth_slots_are_aware_instants_on_both_clocks():
    start = dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc)
    slots = mj.telehealth_slots(
        "Europe/London", "Asia/Bangkok", start, start + dt.timedelta(days=7), 30,
        hours_b=mj.WorkingHours.from_dict({"start": "09:00", "end": "17:00"}), limit=3,
    )
    assert len(slots) == 3
    s = slots[0]
    assert s.start.utcoffset() == dt.timedelta(0)
    assert s.start_b.utcoffset() == dt.timedelta(hours=7) and s.start_b == s.start
    assert s.end - s.start == dt.timedelta(minutes=30)


# ---- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: mj.plan_trip("not a request"), "parse_error"),
        (lambda: mj.plan_trip({**mj.samples.plan_request().to_dict(), "leisure": 2}), "unknown_field"),
        (lambda: mj.PlanRequest.from_json("{"), "parse_error"),
        (lambda: mj.telehealth_slots("Europe/London", "Asia/Bangkok", _instant("2027-01-04T00:00:00Z"),
                                     _instant("2027-01-10T00:00:00Z"), -5), "parse_error"),
        (lambda: mj.telehealth_slots("Europe/London", "Asia/Bangkok", _instant("2027-01-04T00:00:00Z"),
                                     _instant("2027-01-10T00:00:00Z"), 30, stepMinutes=15), "unknown_field"),
        (lambda: mj.telehealth_slots("Europe/London", "Asia/Bangkok", _instant("2027-01-04T00:00:00Z"),
                                     _instant("2027-01-10T00:00:00Z"), 30, days_a=["funday"]), "invalid_input"),
        (lambda: mj.refund_due({"deposit": {"percent": "x"}}, mj.Money("10", "EUR"),
                               dt.date(2027, 2, 1), dt.date(2027, 1, 1)), "invalid_amount"),
        (lambda: mj.WorkingHours.from_dict({"start": "09:00", "end": "17:00", "tz": "UTC"}), "unknown_field"),
    ],
)
def test_bad_planning_input_raises_its_code(call, code):
    with pytest.raises(mj.MedJourneyError) as e:
        call()
    assert e.value.code == code, str(e.value)


# ---- properties -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    paid=st.decimals(min_value=0, max_value=10**9, places=2),
    full=st.integers(min_value=15, max_value=90),
    half=st.integers(min_value=1, max_value=14),
    before=st.lists(st.integers(min_value=-5, max_value=120), min_size=2, max_size=2),
)
def test_a_refund_never_grows_as_the_procedure_nears_and_refund_plus_kept_is_paid(paid, full, half, before):
    terms = {
        "deposit": {"percent": "20"},
        "refundable": True,
        "refundWindows": [{"daysBefore": full, "percent": "100"}, {"daysBefore": half, "percent": "50"}],
    }
    op = dt.date(2027, 6, 1)
    money = mj.Money(paid, "EUR")
    early, late = sorted(before, reverse=True)
    a = mj.refund_due(terms, money, op, op - dt.timedelta(days=early))
    b = mj.refund_due(terms, money, op, op - dt.timedelta(days=late))
    assert a.percent >= b.percent and a.amount.amount >= b.amount.amount
    for r in (a, b):
        assert r.amount.amount + r.retained.amount == paid
