"""FHIR R4 from Python: the shared vectors with exact decimals, every bundle of the sample
case validated by an independent validator (fhir.resources, R4B models), the catalog round
trip, and every bad-input path's code."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from hypothesis import given, settings
from hypothesis import strategies as st

import medjourney as mj
from conftest import VECTORS

# Bundles keep their numbers' exact text (FHIR decimals are precision-significant); the
# medjourney values exported (journeys, itineraries…) are read as any JSON, floats as float.
_TEXT = (VECTORS / "fhir.json").read_text()
FHIR = json.loads(_TEXT, parse_float=Decimal)
INPUTS = {c["name"]: c["args"] for c in json.loads(_TEXT)["cases"]}

CLASSES = {
    "journey": mj.Journey,
    "itinerary": mj.Itinerary,
    "quote": mj.Quote,
    "estimate": mj.TripEstimate,
    "adjudication": mj.Adjudication,
    "policy": mj.InsurancePolicy,
}


def _options(options):
    """FhirOptions (camelCase JSON) as the keyword arguments a Python caller passes."""
    kw = {}
    if options.get("patient") is not None:
        kw["patient"] = options["patient"]
    if options.get("created") is not None:
        kw["created"] = dt.datetime.fromisoformat(options["created"].replace("Z", "+00:00"))
    return kw


def _export(kind, value, options):
    if kind == "catalog":
        return mj.Catalog.from_dict(value).to_fhir()
    obj = CLASSES[kind].from_dict(value)
    if kind in ("journey", "itinerary"):
        assert not options
        return obj.to_fhir()
    return obj.to_fhir(**_options(options))


def _same_number(expect, got, path):
    """Exact: the same type (int for a whole number, Decimal for a fraction) and text."""
    assert type(got) is type(expect) and str(got) == str(expect), f"{path}: {expect!r} vs {got!r}"


def _subset(expect, got, path="", exact=True):
    """Every key of ``expect`` matches ``got``; arrays of equal length element-wise; ``{}``
    matches any element. Numbers compare by exact text, or as floats (``exact=False``)."""
    if isinstance(expect, dict):
        assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
        for k, ev in expect.items():
            assert k in got, f"{path}.{k}: missing in {sorted(got)}"
            _subset(ev, got[k], f"{path}.{k}", exact)
    elif isinstance(expect, list):
        assert isinstance(got, list) and len(got) == len(expect), f"{path}: {got!r}"
        for i, (e, g) in enumerate(zip(expect, got)):
            _subset(e, g, f"{path}[{i}]", exact)
    elif isinstance(expect, (int, Decimal)) and not isinstance(expect, bool):
        if exact:
            _same_number(expect, got, path)
        else:
            assert abs(float(expect) - float(got)) <= 1e-9 * max(abs(float(expect)), 1.0), path
    else:
        assert expect == got, f"{path}: expected {expect!r}, got {got!r}"


def _run(name, op, a):
    if op == "export":
        return _export(a["kind"], INPUTS[name]["input"], a.get("options", {}))
    if op == "roundtrip":
        catalog = mj.Catalog.from_dict(INPUTS[name]["catalog"])
        back = mj.Catalog.from_fhir(catalog.to_fhir())
        return back == catalog and back.to_json() == catalog.to_json()
    if op == "import":
        return mj.Catalog.from_fhir(a["bundle"]).to_dict()
    if op == "import_text":
        return mj.Catalog.from_fhir(a["text"]).to_dict()
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", FHIR["cases"], ids=lambda c: c["name"])
def test_fhir_vector(case):
    if "error" in case:
        with pytest.raises(mj.MedJourneyError) as e:
            _run(case["name"], case["op"], case["args"])
        assert e.value.code == case["error"], str(e.value)
        assert type(e.value) is mj.ERROR_CLASSES[case["error"]]
        for key in ("errorEntry", "errorElement"):
            if key in case:
                assert case[key] in str(e.value), (case[key], str(e.value))
        return
    got = _run(case["name"], case["op"], case["args"])
    expect = case["expect"]
    if "equal" in expect:
        assert got is expect["equal"]
    elif "bundle" in expect:
        _subset(expect["bundle"], got, case["name"])
    else:
        _subset(expect["catalog"], got, case["name"], exact=False)


def _sample_bundles():
    options = {"patient": "PT-0042", "created": dt.datetime(2026, 11, 22, 9, tzinfo=dt.timezone.utc)}
    return {
        "journey": mj.samples.pt0042().to_fhir(),
        "itinerary": mj.samples.itinerary().to_fhir(),
        "quote": mj.samples.quotes()[0].to_fhir(**options),
        "estimate": mj.samples.estimate().to_fhir(**options),
        "estimate_without_options": mj.samples.estimate().to_fhir(),
        "adjudication": mj.samples.adjudication().to_fhir(**options),
        "policy": mj.samples.policy().to_fhir(patient="PT-0042"),
        "catalog": mj.samples.catalog().to_fhir(),
        "journeys": [j.to_fhir() for j in mj.samples.journeys()],
    }


def _flat(bundles):
    for name, b in bundles.items():
        if isinstance(b, list):
            for i, x in enumerate(b):
                yield f"{name}[{i}]", x
        else:
            yield name, b


@pytest.mark.parametrize("name, bundle", list(_flat(_sample_bundles())))
def test_every_sample_bundle_validates_with_fhir_resources(name, bundle):
    Bundle.model_validate(bundle)
    assert bundle["type"] == "collection" and bundle["entry"]
    for entry in bundle["entry"]:
        resource = entry["resource"]
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    # Every reference resolves inside the bundle (or is FHIR's data-absent-reason).
    urls = {e["fullUrl"] for e in bundle["entry"]}

    def walk(v):
        if isinstance(v, dict):
            if "reference" in v and isinstance(v["reference"], str):
                assert v["reference"] in urls, (name, v["reference"])
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(bundle)


def test_a_bundle_dict_keeps_exact_decimals_and_its_json_text_is_the_core_text():
    quote = mj.samples.quotes()[0]
    bundle = quote.to_fhir()
    claim = bundle["entry"][-1]["resource"]
    assert claim["resourceType"] == "Claim" and claim["use"] == "predetermination"
    total = claim["total"]["value"]
    assert isinstance(total, Decimal) and str(total) == "8400.00"
    # The dict is the JSON text parsed with Decimal for every fraction.
    text = quote.to_fhir_json()
    assert json.loads(text, parse_float=Decimal) == bundle
    assert '"value":8400.00' in text


def test_the_catalog_round_trips_from_a_dict_json_text_and_a_float_dict():
    catalog = mj.samples.catalog()
    assert mj.Catalog.from_fhir(catalog.to_fhir()) == catalog
    assert mj.Catalog.from_fhir(catalog.to_fhir_json()) == catalog
    # A dict parsed with floats (json.loads without parse_float) reads the same catalog:
    # each float is read as the decimal it prints as.
    as_floats = json.loads(catalog.to_fhir_json())
    assert mj.Catalog.from_fhir(as_floats) == catalog
    # A tuple is a JSON array too.
    bundle = catalog.to_fhir()
    bundle["entry"] = tuple(bundle["entry"])
    assert mj.Catalog.from_fhir(bundle) == catalog


def test_fhir_options_are_keywords_with_typed_values():
    created = dt.datetime(2026, 5, 2, 8, 30, tzinfo=dt.timezone.utc)
    b = mj.samples.quotes()[0].to_fhir(patient="PT-9", created=created)
    patient, claim = b["entry"][0]["resource"], b["entry"][-1]["resource"]
    assert patient["identifier"][0]["value"] == "PT-9"
    assert claim["created"] == "2026-05-02T08:30:00Z"
    assert mj.samples.quotes()[0].to_fhir(created="2026-05-02T08:30:00Z") == mj.samples.quotes()[0].to_fhir(
        created=created
    )
    # None keeps the default, as for every option.
    assert mj.samples.estimate().to_fhir(patient=None) == mj.samples.estimate().to_fhir()


@settings(max_examples=100, deadline=None)
@given(st.builds(lambda units, scale: Decimal(units).scaleb(-scale),
                 st.integers(0, 10**18), st.integers(0, 8)))
def test_a_decimal_price_keeps_its_digits_through_a_bundle_dict(price):
    bundle = mj.Catalog.from_dict({"providers": [{
        "id": "p", "name": "P", "country": "TR", "city": "Izmir",
        "procedures": [{"code": "knee_replacement", "name": "Knee",
                        "price": {"amount": "100.00", "currency": "EUR"}}],
        "languages": ["en"],
    }]}).to_fhir()
    offer = bundle["entry"][2]["resource"]["extension"][0]["extension"]
    price_part = next(p for p in offer if p["url"] == "price")
    price_part["valueMoney"]["value"] = price
    catalog = mj.Catalog.from_fhir(bundle)
    got = catalog.providers[0].procedures[0].price
    assert got.amount == price and format(got.amount, "f") == format(price, "f")


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: mj.Catalog.from_fhir("{not json"), "parse_error"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Patient"}), "invalid_fhir"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", "entry": [{"fullUrl": "urn:x"}]}), "invalid_fhir"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Organization", "id": "a", "name": "A",
                          "address": [{"country": "TR"}]}},
            {"resource": {"resourceType": "Location", "id": "l",
                          "position": {"longitude": float("nan"), "latitude": 1}}}]}), "parse_error"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", "entry": [
            {"resource": {"resourceType": "Location", "position": {"longitude": Decimal("Infinity")}}}]}),
         "parse_error"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", 1: "x"}), "parse_error"),
        (lambda: mj.Catalog.from_fhir({"resourceType": "Bundle", "id": dt.date(2026, 1, 1)}), "parse_error"),
        (lambda: mj.Catalog.from_fhir(_deep(200)), "parse_error"),
        (lambda: mj.Catalog.from_fhir(42), "invalid_fhir"),
        (lambda: mj.samples.quotes()[0].to_fhir(patent="x"), "unknown_field"),
        (lambda: mj.samples.quotes()[0].to_fhir_json(created="yesterday"), "parse_error"),
        (lambda: mj.samples.estimate().to_fhir(created=dt.datetime(2026, 1, 1)), "parse_error"),
        (lambda: mj.samples.policy().to_fhir(Patient="x"), "unknown_field"),
        (lambda: mj.Adjudication.from_dict({}).to_fhir(), "parse_error"),
    ],
)
def test_bad_fhir_input_raises_its_code(call, code):
    with pytest.raises(mj.MedJourneyError) as e:
        call()
    assert e.value.code == code, str(e.value)
    assert type(e.value) is mj.ERROR_CLASSES[code]


def _deep(n):
    v = {"resourceType": "Bundle"}
    for _ in range(n):
        v = {"x": v}
    return v


def test_a_bundle_that_contains_itself_is_refused_not_a_crash():
    b = {"resourceType": "Bundle", "entry": []}
    b["entry"].append(b)
    with pytest.raises(mj.ParseError):
        mj.Catalog.from_fhir(b)
