"""Objects, conversions, errors and notebook output of the whole package."""

import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pytest

import medjourney as mj
from medjourney import _medjourney

RECORDS = [
    lambda: mj.samples.quotes()[0],
    lambda: mj.samples.travel()[0],
    mj.samples.policy,
    mj.samples.comparison,
    mj.samples.estimate,
    mj.samples.adjudication,
    mj.samples.budget_fit,
    mj.samples.payment_plan,
    lambda: mj.samples.payment_plan().schedule(),
    mj.samples.pt0042,
    mj.samples.journey_map,
    mj.samples.itinerary,
    mj.samples.itinerary_rules,
    mj.samples.request,
    lambda: mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx()),
]


@pytest.mark.parametrize("make", RECORDS)
def test_every_object_round_trips_through_dict_and_json(make):
    obj = make()
    cls = type(obj)
    assert cls.from_dict(obj.to_dict()) == obj
    assert cls.from_json(obj.to_json()) == obj
    assert json.loads(obj.to_json()) == json.loads(json.dumps(obj.to_dict()))
    assert repr(obj).startswith(cls.__name__ + "(")


def test_python_types_where_users_expect_them():
    q = mj.samples.quotes()[0]
    assert isinstance(q.package_price, mj.Money) and isinstance(q.package_price.amount, Decimal)
    assert isinstance(q.valid_until, dt.date)
    j = mj.samples.pt0042()
    entered = j.stages[0].entered
    assert isinstance(entered, dt.datetime) and entered.utcoffset() == dt.timedelta(0)
    assert q.to_dict()["packagePrice"] == {"amount": q.package_price.to_dict()["amount"], "currency": q.currency}


def test_string_enums_equal_the_core_lists_in_code_order():
    core = _medjourney.enum_values()
    for name in ["Stage", "Status", "Channel", "Party", "TouchpointKind", "Need", "Outcome", "BackReason"]:
        assert [m.value for m in getattr(mj, name)] == core[name], name
    assert mj.Stage.TREATMENT == "treatment"


@pytest.mark.parametrize(
    "call",
    [
        lambda: mj.Quote.from_dict({"id": 3}),
        lambda: mj.Quote.from_dict("not a dict"),
        lambda: mj.Quote.from_json("{"),
        lambda: mj.Journey.from_dict(None),
        lambda: mj.Itinerary.from_json("[]"),
        lambda: mj.PaymentPlan.from_dict({"total": {"amount": "NaN", "currency": "EUR"}}),
        lambda: mj.compare_quotes([{"id": "x"}], mj.samples.fx(), "GBP"),
        lambda: mj.compare_quotes(mj.samples.quotes(), mj.samples.fx(), "GBP", rounding="sideways"),
        lambda: mj.journey_map([{"id": ""}]),
        lambda: mj.rank({"providers": "x"}, {}),
        lambda: mj.Journey("j", "p", "knee", "nowhere", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)),
    ],
)
def test_malformed_input_raises_medjourney_error_with_a_code(call):
    with pytest.raises(mj.MedJourneyError) as e:
        call()
    assert isinstance(e.value.code, str) and e.value.code


def test_unknown_currency_inside_a_dict_keeps_its_code():
    d = mj.samples.quotes()[0].to_dict()
    d["currency"] = "XYZ"
    with pytest.raises(mj.UnknownCurrencyError) as e:
        mj.Quote.from_dict(d)
    assert e.value.code == "unknown_currency"


def test_backward_move_without_reason_is_a_transition_error():
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    j = mj.Journey("j", "p", "knee", mj.Stage.SELECTION, at)
    with pytest.raises(mj.TransitionError) as e:
        j.apply({"action": "move", "to": "research", "at": "2026-01-02T00:00:00Z"})
    assert e.value.code == "invalid_transition"
    assert j.go_back("clinic_declined", at + dt.timedelta(days=1)) == "research"


def test_invalid_payment_plan_has_its_code():
    plan = mj.PaymentPlan(mj.Money("100", "EUR"), 0, {"months": 1}, dt.date(2027, 1, 1))
    with pytest.raises(mj.ValidationError) as e:
        plan.schedule()
    assert e.value.code == "invalid_payment_plan"


def test_payment_plan_schedule_adds_up_to_the_cent():
    plan = mj.PaymentPlan(mj.Money("1000", "EUR"), 3, {"months": 1}, dt.date(2027, 1, 1), deposit={"percent": "10"})
    s = plan.schedule()
    assert sum((p.amount for p in s.payments), mj.Money("0", "EUR")) == mj.Money("1000", "EUR")


def test_journey_map_columns_accept_arrays_lists_and_series_alike():
    pd = pytest.importorskip("pandas")
    cols = mj.journey_columns(mj.samples.journeys())
    from_objects = mj.journey_map(mj.samples.journeys())
    assert mj.journey_map_columns(**cols) == from_objects
    as_lists = {k: v.tolist() for k, v in cols.items()}
    assert mj.journey_map_columns(**as_lists) == from_objects
    frame = {k: pd.Series(v) for k, v in cols.items()}
    assert mj.journey_map_columns(**frame) == from_objects


def test_a_column_value_that_does_not_fit_its_dtype_is_refused():
    cols = {k: v.tolist() for k, v in mj.journey_columns(mj.samples.journeys()).items()}
    cols["touch_stage"][0] = 300
    with pytest.raises(mj.ValidationError) as e:
        mj.journey_map_columns(**cols)
    assert e.value.code == "invalid_input"
    cols = mj.journey_columns(mj.samples.journeys())
    del cols["need_met"]
    with pytest.raises(mj.ValidationError):
        mj.journey_map_columns(**cols)


def test_accumulator_merge_equals_the_whole():
    js = mj.samples.journeys()
    a, b = mj.MapAccumulator("exact"), mj.MapAccumulator("exact")
    a.add_journeys(js[:10])
    b.add_columns(**mj.journey_columns(js[10:]))
    a.merge(mj.MapAccumulator.from_json(b.to_json()))
    assert a.finish() == mj.journey_map(js)


def test_tables_have_dicts_pandas_and_escaped_html():
    pytest.importorskip("pandas")
    for table in [mj.samples.comparison(), mj.samples.journey_map(), mj.samples.itinerary().check(mj.samples.itinerary_rules())]:
        rows = table.to_dicts()
        assert rows and isinstance(rows[0], dict)
        assert len(table.to_pandas()) == len(rows)
        assert table._repr_html_().startswith('<div class="medjourney ')
        assert "<table" in table._repr_html_()


def test_user_text_is_escaped_in_html_and_svg():
    d = mj.samples.itinerary().to_dict()
    d["items"][0]["id"] = "<script>x</script>"
    findings = mj.Itinerary.from_dict(d).check()
    html_out = findings._repr_html_() if len(findings) else ""
    assert "<script>" not in html_out
    js = [j.to_dict() for j in mj.samples.journeys()]
    js[0]["procedure"] = "<b>&"
    svg = mj.journey_map(js).to_svg(title="<evil & title>")
    assert "<evil" not in svg and "&lt;evil &amp; title&gt;" in svg
    assert "<svg" in mj.samples.journey_map()._repr_html_()


def test_ics_parses_with_icalendar_and_events_start_and_end_at_the_items_instants():
    icalendar = pytest.importorskip("icalendar")
    it = mj.samples.itinerary()
    cal = icalendar.Calendar.from_ical(it.to_ics())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert len(events) == len(it.items)
    for item in it.items:
        event = next(e for uid, e in events.items() if item.id in uid)
        assert event.decoded("DTSTART") == item.start
        assert event.decoded("DTEND") == item.end


def test_local_instant_handles_zones_and_refuses_unknown_ones():
    got = mj.local_instant(dt.datetime(2027, 7, 1, 12, 0), "Europe/Istanbul")
    assert got == dt.datetime(2027, 7, 1, 9, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(mj.MedJourneyError) as e:
        mj.local_instant(dt.datetime(2027, 7, 1, 12, 0), "Mars/Olympus")
    assert e.value.code == "unknown_time_zone"


def test_to_pandas_without_pandas_says_how_to_get_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        mj.samples.comparison().to_pandas()
