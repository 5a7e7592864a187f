"""Nested values come back as Python types at every depth, and still round-trip exactly.

Rule under test (see ``medjourney.__doc__``): amounts are ``Decimal``, money is ``Money``,
dates are ``date``, instants are aware ``datetime``, unit enums are snake_case ``str``
(typed ``Literal`` in the stubs), struct-like values are classes, data-carrying enums are
dicts of their JSON shape with snake_case keys and typed values; ``to_dict()`` keeps the
documented JSON shape.
"""

import ast
import datetime as dt
import json
import pathlib
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

import medjourney as mj
from medjourney import _medjourney

STUB = pathlib.Path(mj.__file__).with_name("_medjourney.pyi")


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(p.title() for p in rest)


def _request_that_excludes_for_budget_and_expiry() -> mj.Request:
    d = mj.samples.request().to_dict()
    d["budget"] = {"amount": "100.00", "currency": "GBP"}
    d["travelDate"] = "2031-01-15"
    d["requiredAccreditations"] = ["jci", "temos"]
    d["needs"] = []
    return mj.Request.from_dict(d)


def _reasons(code: str) -> list[dict]:
    r = mj.rank(mj.samples.catalog(), _request_that_excludes_for_budget_and_expiry(), fx=mj.samples.fx())
    return [reason for e in r.excluded for reason in e.reasons if reason["code"] == code]


# --- rates, money and decimals -------------------------------------------------------


def test_rate_used_amounts_are_decimal():
    for holder in [mj.samples.comparison().columns[0], mj.samples.estimate()]:
        assert holder.rates_used, type(holder).__name__
        for rate in holder.rates_used:
            assert isinstance(rate, mj.Rate)
            assert isinstance(rate.rate, Decimal)
            assert rate.rate == Decimal(rate.to_dict()["rate"])
            assert isinstance(rate.as_of, dt.datetime) and rate.as_of.utcoffset() == dt.timedelta(0)
            assert rate.from_ == rate.to_dict()["from"] and rate.to == rate.to_dict()["to"]


def test_deposit_terms_percent_is_decimal():
    terms = mj.samples.quotes()[0].deposit
    assert isinstance(terms, mj.DepositTerms)
    assert terms.deposit == {"percent": Decimal(terms.to_dict()["deposit"]["percent"])}
    assert isinstance(terms.refundable, bool)


def test_payment_plan_deposit_and_interval_mirror_the_json_shape_with_typed_values():
    plan = mj.PaymentPlan(
        mj.Money("1000", "EUR"), 3, {"months": 1}, dt.date(2027, 1, 1), deposit=mj.Money("150", "EUR")
    )
    assert plan.deposit == {"fixed": mj.Money("150", "EUR")}
    assert plan.interval == {"months": 1}
    assert set(plan.deposit) == set(plan.to_dict()["deposit"])
    percent = mj.PaymentPlan(mj.Money("1000", "EUR"), 3, {"days": 28}, dt.date(2027, 1, 1), deposit={"percent": "12.5"})
    assert percent.deposit == {"percent": Decimal("12.5")}
    assert percent.interval == {"days": 28}


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=Decimal("0.000001"), max_value=Decimal("100000"), places=6, allow_nan=False))
def test_rate_from_dict_keeps_every_digit_as_decimal(value):
    d = mj.samples.comparison().columns[0].rates_used[0].to_dict()
    d["rate"] = str(value)
    rate = mj.Rate.from_dict(d)
    assert rate.rate == value
    assert mj.Rate.from_json(rate.to_json()) == rate


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=Decimal("1.00"), max_value=Decimal("1000000"), places=2),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=3),
)
def test_percent_deposit_getter_equals_its_json_text_and_the_schedule_sums_to_the_total(total, percent):
    plan = mj.PaymentPlan(mj.Money(total, "EUR"), 4, {"months": 1}, dt.date(2027, 1, 31), deposit={"percent": str(percent)})
    assert plan.deposit == {"percent": percent}
    assert Decimal(plan.to_dict()["deposit"]["percent"]) == plan.deposit["percent"]
    s = plan.schedule()
    assert sum((p.amount for p in s.payments), mj.Money("0", "EUR")) == plan.total


# --- matching ------------------------------------------------------------------------


def test_exclusion_reason_fields_are_typed():
    over = _reasons("over_budget")
    assert over
    for reason in over:
        assert isinstance(reason["price"], mj.Money) and isinstance(reason["budget"], mj.Money)
        assert reason["budget"] == mj.Money("100.00", "GBP")
        assert reason["price"] > reason["budget"]
    expired = _reasons("accreditation_expired")
    assert expired
    for reason in expired:
        assert reason["travel_date"] == dt.date(2031, 1, 15)
        assert reason["expires"] is None or isinstance(reason["expires"], dt.date)
        assert reason["body"] in ("jci", "temos")


def test_exclusion_reason_keys_are_the_json_keys_in_snake_case():
    r = mj.rank(mj.samples.catalog(), _request_that_excludes_for_budget_and_expiry(), fx=mj.samples.fx())
    for e, shape in zip(r.excluded, r.to_dict()["excluded"]):
        for typed, plain in zip(e.reasons, shape["reasons"]):
            assert set(plain) <= {_camel(k) for k in typed}
            assert typed["code"] == plain["code"]


def test_provider_nested_values_are_classes_with_typed_fields():
    p = mj.samples.catalog().providers[0]
    assert isinstance(p.coordinates, mj.Coordinates) and isinstance(p.coordinates.lat, float)
    assert all(isinstance(a, mj.Accreditation) for a in p.accreditations)
    assert any(isinstance(a.expires, dt.date) for a in p.accreditations)
    offer = p.procedures[0]
    assert isinstance(offer, mj.ProcedureOffer) and isinstance(offer.price, mj.Money)
    assert isinstance(offer.price.amount, Decimal)
    outcomes = [o for pr in mj.samples.catalog().providers for o in pr.procedures if o.success is not None]
    assert outcomes and isinstance(outcomes[0].success, mj.ProcedureOutcome)
    assert isinstance(p.reviews, mj.Reviews)
    assert all(isinstance(d, mj.Doctor) for d in p.doctors)


def test_request_weights_are_a_class_and_travel_hours_a_float_dict():
    req = mj.samples.request()
    assert isinstance(req.weights, mj.Weights)
    assert req.weights.quality == req.to_dict()["weights"]["quality"]
    assert req.travel_hours and all(isinstance(v, float) for v in req.travel_hours.values())
    assert isinstance(mj.rank(mj.samples.catalog(), req, fx=mj.samples.fx()).weights, mj.Weights)


# --- journeys ------------------------------------------------------------------------


def test_journey_map_statistics_are_classes_with_enum_strings():
    m = mj.samples.journey_map()
    s = m.stages[0]
    assert isinstance(s.dwell, mj.DurationStats) and isinstance(s.sentiment, mj.SentimentStats)
    assert s.by_channel and all(isinstance(c, mj.ChannelCount) for c in s.by_channel)
    assert all(c.channel in list(mj.Channel) for c in s.by_channel)
    assert all(isinstance(k, mj.KindCount) for k in s.by_kind)
    assert isinstance(m.statuses, mj.StatusCounts)
    assert m.statuses.active + m.statuses.completed + m.statuses.abandoned + m.statuses.on_hold == m.journeys
    assert all(isinstance(f, mj.FunnelStep) and f.stage in list(mj.Stage) for f in m.funnel)
    assert isinstance(m.awareness_to_treatment, mj.DurationStats)
    assert m.pain_points and all(isinstance(p, mj.PainPoint) for p in m.pain_points)
    assert all(isinstance(n, mj.NeedCount) for n in m.unmet_needs)


# --- itineraries ---------------------------------------------------------------------


def test_item_details_are_typed_dicts_keyed_as_the_json_shape():
    for item in mj.samples.itinerary().items:
        details = item.details
        assert details["type"] == item.item_type == item.to_dict()["type"]
        shape = item.to_dict()
        for key, value in details.items():
            if value is not None and key != "type":
                assert _camel(key) in shape, key


def test_itinerary_people_and_rules_are_classes():
    it = mj.samples.itinerary()
    assert isinstance(it.traveller, mj.Traveller)
    assert it.coordinator is None or isinstance(it.coordinator, mj.Contact)
    assert any(isinstance(i.contact, mj.Contact) for i in it.items)
    rules = mj.samples.itinerary_rules()
    assert rules.fit_to_fly and all(isinstance(r, mj.FitToFlyRule) for r in rules.fit_to_fly)
    assert rules.visas and all(isinstance(v, mj.VisaRule) for v in rules.visas)


def test_override_fit_to_fly_accepts_the_rule_object():
    rules = mj.ItineraryRules()
    d = rules.fit_to_fly[0].to_dict()
    d["minDays"] = d["minDays"] + 5
    rule = mj.FitToFlyRule.from_dict(d)
    rules.override_fit_to_fly(rule)
    assert rule in rules.fit_to_fly_overrides


# --- every new class: round trips, repr and error codes --------------------------------


def _instances():
    p = mj.samples.catalog().providers[0]
    offer_with_outcome = next(o for pr in mj.samples.catalog().providers for o in pr.procedures if o.success)
    m = mj.samples.journey_map()
    it = mj.samples.itinerary()
    rules = mj.samples.itinerary_rules()
    traveller = it.traveller
    return [
        mj.samples.comparison().columns[0].rates_used[0],
        mj.samples.quotes()[0].deposit,
        p.accreditations[0],
        p.coordinates,
        p.doctors[0],
        offer_with_outcome.success,
        p.procedures[0],
        p.reviews,
        mj.samples.request().weights,
        m.stages[0].dwell,
        m.stages[0].by_channel[0],
        m.stages[0].by_kind[0],
        m.stages[0].sentiment,
        m.unmet_needs[0],
        m.funnel[0],
        m.pain_points[0],
        m.statuses,
        traveller,
        next(i.contact for i in it.items if i.contact is not None),
        rules.fit_to_fly[0],
        rules.visas[0],
    ] + ([traveller.companion] if traveller.companion is not None else [])


NEW_CLASSES = {type(x).__name__ for x in _instances()}


@pytest.mark.parametrize("obj", _instances(), ids=lambda o: type(o).__name__)
def test_nested_value_round_trips_through_dict_and_json(obj):
    cls = type(obj)
    assert cls.from_dict(obj.to_dict()) == obj
    assert cls.from_json(obj.to_json()) == obj
    assert json.loads(obj.to_json()) == json.loads(json.dumps(obj.to_dict()))
    assert repr(obj).startswith(cls.__name__ + "(")
    assert cls.__module__ == "medjourney" and getattr(mj, cls.__name__) is cls


@pytest.mark.parametrize("obj", _instances(), ids=lambda o: type(o).__name__)
def test_nested_value_from_a_wrong_shape_raises_parse_error_with_its_code(obj):
    cls = type(obj)
    with pytest.raises(mj.ParseError) as e:
        cls.from_dict(["not", "an", "object"])
    assert e.value.code == "parse_error"
    with pytest.raises(mj.ParseError) as e:
        cls.from_json("{")
    assert e.value.code == "parse_error"


def test_rate_with_an_unknown_currency_keeps_its_code():
    d = mj.samples.comparison().columns[0].rates_used[0].to_dict()
    d["from"] = "XYZ"
    with pytest.raises(mj.UnknownCurrencyError) as e:
        mj.Rate.from_dict(d)
    assert e.value.code == "unknown_currency"


def test_rate_that_is_not_a_number_is_refused_with_invalid_amount():
    d = mj.samples.comparison().columns[0].rates_used[0].to_dict()
    d["rate"] = "not a number"
    with pytest.raises(mj.MedJourneyError) as e:
        mj.Rate.from_dict(d)
    assert e.value.code == "invalid_amount"


# --- the stubs' enum aliases ----------------------------------------------------------


def _stub_literals() -> dict[str, list[str]]:
    tree = ast.parse(STUB.read_text())
    out = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Subscript)
            and isinstance(node.value.value, ast.Name)
            and node.value.value.id == "Literal"
        ):
            sl = node.value.slice
            elts = sl.elts if isinstance(sl, ast.Tuple) else [sl]
            out[node.targets[0].id] = [e.value for e in elts]
    return out


def test_stub_enum_aliases_equal_the_core_lists():
    lits = _stub_literals()
    for name, values in _medjourney.enum_values().items():
        assert lits["_" + name] == values, name
    assert lits["_Criterion"] == mj.criteria()


def test_enum_values_seen_at_run_time_are_in_their_stub_aliases():
    lits = _stub_literals()
    seen = {
        "_FindingCode": [f.code for f in mj.samples.itinerary().check()],
        "_Severity": [f.severity for f in mj.samples.itinerary().check()],
        "_ItemType": [i.item_type for i in mj.samples.itinerary().items],
        "_Inclusion": [li.inclusion for q in mj.samples.quotes() for li in q.items],
        "_CellStatus": [c.status for r in mj.samples.comparison().rows for c in r.cells],
        "_FindingKind": [f.kind for f in mj.samples.comparison().findings],
        "_LineSource": [li.source for li in mj.samples.estimate().lines],
        "_CoverageStatus": [li.status for li in mj.samples.adjudication().lines],
        "_PaymentKind": [p.kind for p in mj.samples.payment_plan().schedule().payments],
        "_AccreditationBody": [a.body for p in mj.samples.catalog().providers for a in p.accreditations],
        "_Amenity": [a for p in mj.samples.catalog().providers for a in p.amenities],
        "_PainReason": [r for p in mj.samples.journey_map().pain_points for r in p.reasons],
        "_EntryPart": [e.part for d in mj.samples.itinerary().day_by_day() for e in d.entries],
        "_ValidFrom": [v.passport_valid_from for v in mj.samples.itinerary_rules().visas],
    }
    for alias, values in seen.items():
        assert values, alias
        assert set(values) <= set(lits[alias]), alias


def test_every_new_class_is_in_the_stub_and_exported():
    text = STUB.read_text()
    for name in NEW_CLASSES:
        assert re.search(rf"^class {name}\b", text, re.M), name
        assert getattr(mj, name) is getattr(_medjourney, name), name


def test_rate_given_as_a_float_is_refused_so_no_digits_are_lost():
    d = mj.samples.comparison().columns[0].rates_used[0].to_dict()
    d["rate"] = 0.87
    with pytest.raises(mj.ValidationError) as e:
        mj.Rate.from_dict(d)
    assert e.value.code == "invalid_amount"


# --- inputs accept the values getters return --------------------------------------------


def test_payment_plan_accepts_the_deposit_and_interval_its_getters_return():
    for deposit in [{"percent": Decimal("12.5")}, {"fixed": mj.Money("150.00", "EUR")}]:
        plan = mj.PaymentPlan(mj.Money("1000", "EUR"), 3, {"months": 1}, dt.date(2027, 1, 1), deposit=deposit)
        again = mj.PaymentPlan(plan.total, plan.installments, plan.interval, plan.start, deposit=plan.deposit)
        assert again == plan
        assert again.schedule() == plan.schedule()


def test_from_dict_reads_typed_values_where_the_json_shape_has_text():
    q = mj.samples.quotes()[0]
    d = q.to_dict()
    d["packagePrice"] = q.package_price
    d["validUntil"] = q.valid_until
    d["items"] = q.items
    assert mj.Quote.from_dict(d) == q


def test_journey_transition_accepts_an_aware_datetime_and_a_string_enum():
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    j = mj.Journey("j", "p", "knee", mj.Stage.RESEARCH, at)
    j.apply({"action": "move", "to": mj.Stage.SELECTION, "at": at + dt.timedelta(days=2)})
    assert j.current_stage == "selection"
    assert j.stages[-1].entered == at + dt.timedelta(days=2)


def test_a_naive_datetime_in_a_transition_is_refused_with_a_code():
    at = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    j = mj.Journey("j", "p", "knee", mj.Stage.RESEARCH, at)
    with pytest.raises(mj.ParseError) as e:
        j.apply({"action": "move", "to": "selection", "at": dt.datetime(2026, 1, 3)})
    assert e.value.code == "parse_error"


def test_a_value_of_no_json_type_is_still_a_parse_error():
    with pytest.raises(mj.ParseError) as e:
        mj.PaymentPlan(mj.Money("1000", "EUR"), 3, {"months": 1}, dt.date(2027, 1, 1), deposit={"percent": {1, 2}})
    assert e.value.code == "parse_error"
