"""Every entry point that reads a value refuses a bad one with the core's specific code
(the same code as in Rust and JS), and every option keyword that does not exist is refused."""

import copy
import datetime as dt
import json
from decimal import Decimal

import numpy as np
import pytest

import medjourney as mj
from medjourney import _medjourney


def _patched(value, path, by):
    out = copy.deepcopy(value)
    at = out
    keys = path.split(".")
    for k in keys[:-1]:
        at = at[int(k)] if isinstance(at, list) else at[k]
    last = keys[-1]
    if isinstance(at, list):
        at[int(last)] = by
    else:
        at[last] = by
    return out


def _code(call):
    try:
        call()
    except mj.MedJourneyError as e:
        assert type(e) is mj.ERROR_CLASSES[e.code]
        return e.code
    return "ok"


EUR = {"amount": "1.00", "currency": "EUR"}
FX = json.loads(mj.samples.fx().to_json())
CATALOG = mj.samples.catalog().to_dict()
JOURNEY = mj.samples.pt0042().to_dict()
ITINERARY = mj.samples.itinerary().to_dict()
QUOTE = mj.samples.quotes()[0].to_dict()
POLICY = mj.samples.policy().to_dict()
PLAN = mj.samples.payment_plan().to_dict()
RATE = mj.samples.comparison().columns[0].rates_used[0].to_dict()
TOUCHPOINT = JOURNEY["touchpoints"][0]

CASES = [
    ("Money() currency", lambda: mj.Money("1", "XYZ"), "unknown_currency"),
    ("Money() float", lambda: mj.Money(1.5, "EUR"), "invalid_amount"),
    ("Money() bool", lambda: mj.Money(True, "EUR"), "invalid_amount"),
    ("Money() NaN", lambda: mj.Money(Decimal("NaN"), "EUR"), "invalid_amount"),
    ("Money() huge int", lambda: mj.Money(10**30, "EUR"), "overflow"),
    ("Money.parse", lambda: mj.Money.parse("1 XYZ"), "unknown_currency"),
    ("Money.from_dict currency", lambda: mj.Money.from_dict(_patched(EUR, "currency", "XYZ")), "unknown_currency"),
    ("Money.from_dict float", lambda: mj.Money.from_dict(_patched(EUR, "amount", 1.5)), "invalid_amount"),
    ("Money.from_json", lambda: mj.Money.from_json(json.dumps(_patched(EUR, "amount", "1,5"))), "invalid_amount"),
    ("Money.round", lambda: mj.Money("1", "EUR").round("sideways"), "invalid_input"),
    ("Currency()", lambda: mj.Currency("XYZ"), "unknown_currency"),
    ("FxTable.from_json rate", lambda: mj.FxTable.from_json(json.dumps(_patched(FX, "rates.0.rate", "0"))), "invalid_rate"),
    ("FxTable.from_csv rate", lambda: mj.FxTable.from_csv("from,to,rate,as_of\nEUR,USD,0,2026-01-01T00:00:00Z\n"), "invalid_rate"),
    ("Rate.from_dict float", lambda: mj.Rate.from_dict(_patched(RATE, "rate", 1.08)), "invalid_amount"),
    ("Catalog.from_dict", lambda: mj.Catalog.from_dict(_patched(CATALOG, "providers.0.procedures.0.price.currency", "XYZ")), "unknown_currency"),
    ("Catalog.from_json", lambda: mj.Catalog.from_json(json.dumps(_patched(CATALOG, "providers.0.amenities", ["spa"]))), "invalid_input"),
    ("Journey.from_dict", lambda: mj.Journey.from_dict(_patched(JOURNEY, "stages.0.stage", "nowhere")), "invalid_input"),
    ("Journey.from_json", lambda: mj.Journey.from_json(json.dumps(_patched(JOURNEY, "status", "lost"))), "invalid_input"),
    ("Journey()", lambda: mj.Journey("j", "p", "x", "nowhere", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)), "invalid_input"),
    ("Touchpoint.from_dict", lambda: mj.Touchpoint.from_dict(_patched(TOUCHPOINT, "channel", "pigeon")), "invalid_input"),
    ("Itinerary.from_dict", lambda: mj.Itinerary.from_dict(_patched(ITINERARY, "items.0.zone", "Mars/Olympus")), "unknown_time_zone"),
    ("Itinerary.check rules", lambda: mj.samples.itinerary().check({"visa": []}), "unknown_field"),
    ("ItineraryRules.from_dict", lambda: mj.ItineraryRules.from_dict({"maxConnection": 1}), "unknown_field"),
    ("Quote.from_dict", lambda: mj.Quote.from_dict(_patched(QUOTE, "items.0.category", "massage")), "invalid_input"),
    ("LineItem.from_dict", lambda: mj.LineItem.from_dict(_patched(QUOTE["items"][0], "inclusion", "maybe")), "invalid_input"),
    ("InsurancePolicy.from_dict", lambda: mj.InsurancePolicy.from_dict(_patched(POLICY, "currency", "XYZ")), "unknown_currency"),
    ("PaymentPlan.from_dict", lambda: mj.PaymentPlan.from_dict(_patched(PLAN, "total.currency", "XYZ")), "unknown_currency"),
    ("MapAccumulator.from_json", lambda: mj.MapAccumulator.from_json('{"journeys": -1}'), "parse_error"),
    ("topsis normalization", lambda: mj.topsis(np.ones((2, 2)), [0.5, 0.5], [1, -1], "l2"), "invalid_input"),
    # Healthcare knowledge (issue 15).
    ("procedure_guide", lambda: mj.procedure_guide("no_such_procedure"), "unknown_procedure"),
    ("GuideBook.guide", lambda: mj.GuideBook().guide(""), "unknown_procedure"),
    ("GuideBook.from_dict field", lambda: mj.GuideBook.from_dict({"override": []}), "unknown_field"),
    ("GuideBook.from_json row", lambda: mj.GuideBook.from_json(
        '{"fitToFlyOverrides": [{"category": "x", "minDays": 5, "advisedDays": 2, "source": "s"}]}'), "invalid_input"),
    ("GuideBook.override_guide", lambda: mj.GuideBook().override_guide(
        _patched(mj.procedure_guide("lasik").to_dict(), "fitToFlyCategory", "teleportation")), "invalid_input"),
    ("GuideBook.override_fit_to_fly", lambda: mj.GuideBook().override_fit_to_fly(
        {"category": "eye", "minDays": 1, "source": " "}), "invalid_input"),
    ("ProcedureGuide.from_dict", lambda: mj.ProcedureGuide.from_dict(
        _patched(mj.procedure_guide("lasik").to_dict(), "followUp.0.kind", "carrier_pigeon")), "invalid_input"),
    ("Glossary.from_dict field", lambda: mj.Glossary.from_dict({"entry": []}), "unknown_field"),
    ("Glossary.from_json category", lambda: mj.Glossary.from_json(
        '{"entries": [{"term": "x", "category": "magic", "meaning": "m", '
        '"source": {"title": "t", "url": "https://a.b"}}]}'), "invalid_input"),
    ("explain glossary", lambda: mj.explain("x", {"suffixes": [{"part": "ectomy", "meaning": "m",
                                                               "template": "no slot", "source": {
                                                                   "title": "t", "url": "https://a.b"}}]}),
     "invalid_input"),
    ("explain too long", lambda: mj.explain("a" * 1_000_001), "invalid_input"),
    # FHIR (issue 17).
    ("Catalog.from_fhir element", lambda: mj.Catalog.from_fhir(
        {"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Organization", "name": 5}}]}),
     "invalid_fhir"),
    ("Catalog.from_fhir text", lambda: mj.Catalog.from_fhir("{"), "parse_error"),
    ("Catalog.from_fhir NaN", lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", "x": float("nan")}),
     "parse_error"),
    ("Quote.to_fhir created", lambda: mj.samples.quotes()[0].to_fhir(created="not a time"), "parse_error"),
    ("Journey.to_fhir invalid", lambda: mj.Journey.from_dict(
        _patched(JOURNEY, "touchpoints.1.id", JOURNEY["touchpoints"][0]["id"])).to_fhir(), "invalid_touchpoint"),
]


@pytest.mark.parametrize("what,call,code", CASES, ids=[c[0] for c in CASES])
def test_a_bad_value_gets_its_specific_code(what, call, code):
    assert _code(call) == code


def _record_classes():
    return [c for c in vars(_medjourney).values() if isinstance(c, type) and hasattr(c, "to_row")]


@pytest.mark.parametrize("cls", _record_classes(), ids=lambda c: c.__name__)
def test_every_record_class_refuses_a_value_that_is_no_dict_as_a_parse_error(cls):
    with pytest.raises(mj.ParseError) as e:
        cls.from_dict(42)
    assert e.value.code == "parse_error"
    with pytest.raises(mj.ParseError):
        cls.from_json("[")


OPTION_CALLS = {
    "rank": lambda kw: mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx(), **kw),
    "FxTable.convert": lambda kw: mj.samples.fx().convert(mj.Money("1", "EUR"), "GBP", **kw),
    "compare_quotes": lambda kw: mj.compare_quotes(mj.samples.quotes(), mj.samples.fx(), "GBP", **kw),
    "estimate_trip": lambda kw: mj.estimate_trip(mj.samples.quotes()[0], mj.samples.travel(), mj.samples.fx(), "GBP", **kw),
    "budget_fit": lambda kw: mj.budget_fit(mj.samples.budget(), mj.samples.budget(), mj.samples.fx(), **kw),
    "journey_map": lambda kw: mj.journey_map(mj.samples.journeys(), **kw),
    "journey_map_columns": lambda kw: mj.journey_map_columns(**mj.journey_columns(mj.samples.journeys()), **kw),
    "MapAccumulator.finish": lambda kw: mj.MapAccumulator().finish(**kw),
    "estimate_trip_with_guides": lambda kw: mj.estimate_trip_with_guides(
        mj.samples.quotes()[0], None, mj.samples.fx(), "GBP", **kw),
    "Quote.to_fhir": lambda kw: mj.samples.quotes()[0].to_fhir(**kw),
    "TripEstimate.to_fhir_json": lambda kw: mj.samples.estimate().to_fhir_json(**kw),
    "Adjudication.to_fhir": lambda kw: mj.samples.adjudication().to_fhir(**kw),
    "InsurancePolicy.to_fhir": lambda kw: mj.samples.policy().to_fhir(**kw),
}


@pytest.mark.parametrize("name", OPTION_CALLS)
@pytest.mark.parametrize("typo", ["roundng", "Top_k", "min_Samples"])
def test_every_option_keyword_that_does_not_exist_is_refused_naming_it(name, typo):
    with pytest.raises(mj.ValidationError) as e:
        OPTION_CALLS[name]({typo: 1})
    assert e.value.code == "unknown_field"
    assert typo in str(e.value)


def test_options_left_out_or_none_take_the_core_defaults():
    js = mj.samples.journeys()
    assert mj.journey_map(js, min_samples=None) == mj.journey_map(js)
    fx, m = mj.samples.fx(), mj.Money("10.005", "EUR")
    assert fx.convert(m, "EUR") == fx.convert(m, "EUR", rounding="half_even") == m.round()
    everyone = mj.rank(mj.samples.catalog(), mj.samples.request(), fx=fx, top_k=None)
    assert len(everyone.matches) == everyone.candidates


def test_factors_follow_the_core_float_rule_and_amounts_refuse_floats():
    m = mj.Money("10.00", "EUR")
    assert m * 1.1 == m * "1.1" == m * Decimal("1.1")
    assert m.allocate([0.5, 0.25, 0.25]) == m.allocate(["0.5", "0.25", "0.25"])
    assert _code(lambda: m * float("nan")) == "invalid_amount"
    assert _code(lambda: mj.Money(1.1, "EUR")) == "invalid_amount"


def _one_object_as_list(value):
    """Every copy of a JSON value with one of its objects (the whole value included) turned
    into the list of that object's values."""
    if isinstance(value, dict):
        yield list(value.values())
        for key, inner in value.items():
            for changed in _one_object_as_list(inner):
                yield {**value, key: changed}
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            for changed in _one_object_as_list(inner):
                yield value[:i] + [changed] + value[i + 1 :]


@pytest.mark.parametrize(
    "cls, sample",
    [
        (mj.Quote, lambda: mj.samples.quotes()[0]),
        (mj.Journey, lambda: mj.samples.journeys()[0]),
        (mj.Itinerary, lambda: mj.samples.itinerary()),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_an_object_given_as_the_list_of_its_values_is_a_parse_error_from_json_and_from_dict(cls, sample):
    # The rule of core/src/json.rs, the same in Rust and JS: a struct is read from an
    # object only, whether the value comes as JSON text or as Python dicts.
    value = json.loads(sample().to_json())
    assert cls.from_json(json.dumps(value)) == cls.from_json(sample().to_json())
    copies = list(_one_object_as_list(value))
    assert len(copies) > 1
    for copy_ in copies:
        with pytest.raises(mj.ParseError) as e:
            cls.from_json(json.dumps(copy_))
        assert e.value.code == "parse_error"
        with pytest.raises(mj.ParseError) as e:
            cls.from_dict(copy_)
        assert e.value.code == "parse_error"
