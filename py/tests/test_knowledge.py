"""Procedure guides and the jargon decoder: the shared vectors, typed getters, overrides,
glossary extensions, spans that index Python strings, and every bad input's code."""

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medjourney as mj
from conftest import load_vectors

KNOWLEDGE = load_vectors("knowledge")


def _subset(expect, got, path=""):
    """Every key of ``expect`` matches ``got``; arrays element-wise with equal length;
    numbers within 1e-9 (relative)."""
    if isinstance(expect, dict):
        assert isinstance(got, dict), f"{path}: expected an object, got {got!r}"
        for k, ev in expect.items():
            assert k in got, f"{path}.{k}: missing in {got!r}"
            _subset(ev, got[k], f"{path}.{k}")
    elif isinstance(expect, list):
        assert isinstance(got, list) and len(got) == len(expect), f"{path}: {got!r}"
        for i, (e, g) in enumerate(zip(expect, got)):
            _subset(e, g, f"{path}[{i}]")
    elif isinstance(expect, (int, float)) and not isinstance(expect, bool):
        assert abs(expect - got) <= 1e-9 * max(abs(expect), 1.0), f"{path}: {expect} vs {got}"
    else:
        assert expect == got, f"{path}: expected {expect!r}, got {got!r}"


def _run(op, a):
    if op == "procedure_guide":
        return mj.procedure_guide(a["code"]).to_dict()
    if op == "procedure_guide_codes":
        return [g.code for g in mj.procedure_guides()]
    if op == "procedures_without_guide":
        return mj.procedures_without_guide(mj.Catalog.from_dict(a["catalog"]))
    if op in ("explain", "explain_with"):
        glossary = None
        if op == "explain_with":
            glossary = mj.Glossary()
            glossary.extend(a["glossary"])
        found = mj.explain(a["text"], glossary)
        for m in found:
            # Offsets are Python str indices.
            assert a["text"][m.start:m.end] == m.text, m
        return [m.to_dict() for m in found]
    raise AssertionError(f"unknown op {op}")


@pytest.mark.parametrize("case", KNOWLEDGE["cases"], ids=lambda c: c["name"])
def test_knowledge_vector(case):
    if "error" in case:
        with pytest.raises(mj.MedJourneyError) as e:
            _run(case["op"], case["args"])
        assert e.value.code == case["error"]
        assert type(e.value) is mj.ERROR_CLASSES[case["error"]]
        return
    got = _run(case["op"], case["args"])
    _subset(case["expect"], got, case["name"])
    for field in case.get("nonEmpty", []):
        assert got.get(field), f"{case['name']}: {field} is empty or missing"


def test_every_guide_field_has_a_typed_getter():
    g = mj.procedure_guide("TKR")
    assert g.code == "knee_replacement" and isinstance(g.plain_name, str)
    assert isinstance(g.days_near_clinic, mj.DayRange) and g.days_near_clinic.min >= 10
    assert isinstance(g.hospital_nights, mj.DayRange)
    assert isinstance(g.fit_to_fly, mj.FitToFly) and g.fit_to_fly.category == g.fit_to_fly_category
    assert all(isinstance(f, mj.FollowUp) and f.after_days > 0 for f in g.follow_up)
    assert {f.kind for f in g.follow_up} <= {"telehealth", "in_person_clinic", "local_doctor"}
    assert isinstance(g.companion, mj.CompanionAdvice) and isinstance(g.companion.advised, bool)
    assert all(isinstance(m, mj.Milestone) for m in g.milestones)
    assert all(isinstance(s, mj.Source) and s.url.startswith("https://") for s in g.sources)
    assert all(isinstance(b, mj.Benchmark) and 0 <= b.rate <= 1 for b in g.benchmarks)
    assert g.documents and g.warning_signs and g.aliases
    assert all(isinstance(f, mj.FollowUp) for f in g.return_visits())
    # The getters are the JSON shape's fields, snake_case and typed.
    row = g.to_row()
    assert set(row) == {
        "code", "plain_name", "aliases", "explanation", "anesthesia", "days_before_procedure",
        "hospital_nights", "fit_to_fly_category", "fit_to_fly", "days_near_clinic", "follow_up",
        "documents", "companion", "milestones", "warning_signs", "sources", "benchmarks",
    }


@pytest.mark.parametrize(
    "make",
    [
        lambda: mj.procedure_guide("cataract_surgery"),
        lambda: mj.explain("Laparoscopic cholecystectomy")[0],
        lambda: mj.Glossary().lookup("anaesthesia"),
        lambda: mj.Glossary().roots[0],
        lambda: mj.Glossary().suffixes[0],
        mj.GuideBook,
        lambda: mj.estimate_trip_with_guides(
            mj.samples.quotes()[0], None, mj.samples.fx(), "GBP"
        ).hospital_nights,
    ],
)
def test_knowledge_objects_round_trip_through_dict_and_json(make):
    obj = make()
    cls = type(obj)
    assert cls.from_dict(obj.to_dict()) == obj
    assert cls.from_json(obj.to_json()) == obj
    assert repr(obj).startswith(cls.__name__ + "(")


def test_a_glossary_round_trips_and_extends_with_a_clinics_terms():
    g = mj.Glossary()
    assert len(g.entries) >= 200 and g.roots and g.suffixes
    assert mj.Glossary.from_json(g.to_json()) == g
    assert mj.Glossary.from_dict(g.to_dict()) == g
    own = {
        "entries": [{
            "term": "bone anchored hearing aid", "category": "procedure",
            "meaning": "A hearing aid fixed to the skull bone.",
            "source": {"title": "Hearing Aids", "url": "https://medlineplus.gov/hearingaids.html"},
        }],
    }
    assert mj.explain("A bone anchored hearing aid.") == []
    g.extend(own)
    found = mj.explain("A bone-anchored hearing aid.", g)
    assert [m.term for m in found] == ["bone anchored hearing aid"]
    assert found[0].category == "procedure" and not found[0].composed
    # A Glossary object extends too, and the shipped glossary is untouched.
    g2 = mj.Glossary()
    g2.extend(mj.Glossary.from_dict(own))
    assert g2 == g and mj.Glossary() != g


def test_a_guide_book_takes_overrides_and_a_stricter_fit_to_fly_row_lengthens_the_stay():
    book = mj.GuideBook()
    knee = book.guide("knee_replacement")
    book.override_fit_to_fly({"category": "hip_or_knee_replacement", "minDays": 21, "source": "our surgeon"})
    assert book.fit_to_fly_rule("hip_or_knee_replacement").min_days == 21
    assert book.guide("knee_replacement").days_near_clinic.min == 21
    assert mj.procedure_guide("knee_replacement") == knee  # the shipped book is unchanged
    mine = book.guide("knee_replacement").to_dict()
    mine.update(code="ear_reshaping", plainName="Ear reshaping", aliases=["otoplasty"])
    del mine["fitToFly"]
    book.override_guide(mine)
    assert book.guide("Otoplasty").plain_name == "Ear reshaping"
    assert "ear_reshaping" in [g.code for g in book.guides_in_force()]
    assert len(book.overrides) == 1 and len(book.fit_to_fly_overrides) == 1
    again = mj.GuideBook.from_dict(book.to_dict())
    assert again == book and mj.GuideBook.from_json(book.to_json()) == book
    catalog = mj.samples.catalog().to_dict()
    catalog["providers"][0]["procedures"][0]["code"] = "ear_reshaping"
    assert mj.procedures_without_guide(catalog) == ["ear_reshaping"]
    assert book.missing_for(catalog) == []


def test_a_quote_silent_on_hospital_nights_takes_them_from_the_guide():
    q = mj.samples.quotes()[0].to_dict()
    q["items"] = [i for i in q["items"] if i["category"] != "hospital_stay"]
    fx = mj.samples.fx()
    assert mj.estimate_trip(q, None, fx, "GBP").hospital_nights is None
    e = mj.estimate_trip_with_guides(q, None, fx, "GBP")
    assert (e.hospital_nights.min, e.hospital_nights.max, e.hospital_nights.source) == (3, 5, "guide")
    assert e.total == mj.estimate_trip(q, None, fx, "GBP").total
    book = mj.GuideBook()
    mine = book.guide("knee_replacement").to_dict()
    mine["hospitalNights"] = {"min": 1, "max": 2}
    del mine["fitToFly"]
    book.override_guide(mine)
    e = mj.estimate_trip_with_guides(q, None, fx, "GBP", book, rounding="up")
    assert (e.hospital_nights.min, e.hospital_nights.max) == (1, 2)
    # A quote that states its nights keeps them.
    stated = mj.estimate_trip_with_guides(mj.samples.quotes()[1], None, fx, "GBP")
    assert stated.hospital_nights.source == "quote"


def test_the_seed_example_is_decoded_with_spans_that_index_the_python_string():
    text = "😀 The surgeon recommends a laparoscopic cholecystectomy under general anesthesia."
    found = mj.explain(text)
    assert [m.term for m in found] == ["laparoscopic cholecystectomy", "general anaesthesia"]
    for m in found:
        assert text[m.start:m.end] == m.text
    assert "gallbladder" in found[0].meaning and not found[0].composed
    composed = mj.explain("Thyroidectomy planned.")[0]
    assert composed.composed and composed.category is None and composed.sources


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from(["laparoscopic cholecystectomy", "anaesthesia", "X-ray", "😀", "Æ", "\n",
                     "oesophagogastroduodenoscopy", " ", "-", "ﬁ", "İ"]),
    st.text(max_size=6),
), max_size=30))
def test_explain_spans_index_any_python_string(parts):
    text = "".join(parts)
    last = 0
    for m in mj.explain(text):
        assert text[m.start:m.end] == m.text
        assert last <= m.start < m.end <= len(text)
        last = m.end


@pytest.mark.parametrize(
    "call, code",
    [
        (lambda: mj.procedure_guide("no_such_procedure"), "unknown_procedure"),
        (lambda: mj.procedure_guide(""), "unknown_procedure"),
        (lambda: mj.GuideBook().guide("x"), "unknown_procedure"),
        (lambda: mj.GuideBook.from_dict({"overides": []}), "unknown_field"),
        (lambda: mj.GuideBook.from_json('{"guides": 5}'), "parse_error"),
        (lambda: mj.GuideBook().override_fit_to_fly({"category": "Bad Name", "minDays": 1, "source": "x"}),
         "invalid_input"),
        (lambda: mj.GuideBook().override_guide({"code": "x"}), "parse_error"),
        (lambda: mj.Glossary.from_dict({"entries": [{"term": "x", "category": "spell", "meaning": "m",
                                                     "source": {"title": "t", "url": "https://a.b"}}]}),
         "invalid_input"),
        (lambda: mj.Glossary.from_json('{"roots": [{"part": "7", "meaning": "m", '
                                       '"source": {"title": "t", "url": "https://a.b"}}]}'), "invalid_input"),
        (lambda: mj.Glossary().extend({"entries": [{"term": "x", "category": "procedure", "meaning": "",
                                                    "source": {"title": "t", "url": "https://a.b"}}]}),
         "invalid_input"),
        (lambda: mj.explain("x" * 1_000_001), "invalid_input"),
        (lambda: mj.explain("knee", {"entries": 3}), "parse_error"),
        (lambda: mj.procedures_without_guide({"providers": 3}), "parse_error"),
        (lambda: mj.estimate_trip_with_guides(mj.samples.quotes()[0], None, mj.samples.fx(), "GBP",
                                              {"fitToFlyOverrides": [{"category": "x"}]}), "parse_error"),
        (lambda: mj.estimate_trip_with_guides(mj.samples.quotes()[0], None, mj.samples.fx(), "GBP",
                                              rounding="sideways"), "invalid_input"),
        (lambda: mj.estimate_trip_with_guides(mj.samples.quotes()[0], None, mj.samples.fx(), "GBP",
                                              top_k=3), "unknown_field"),
    ],
)
def test_bad_knowledge_input_raises_its_code(call, code):
    with pytest.raises(mj.MedJourneyError) as e:
        call()
    assert e.value.code == code
    assert type(e.value) is mj.ERROR_CLASSES[code]


def test_a_guide_read_from_a_dict_must_agree_with_the_fit_to_fly_table():
    book = mj.GuideBook()
    bad = copy.deepcopy(book.guide("knee_replacement").to_dict())
    bad["daysNearClinic"] = {"min": 1, "max": 14}
    del bad["fitToFly"]
    with pytest.raises(mj.ValidationError) as e:
        book.override_guide(bad)
    assert e.value.code == "invalid_input" and "daysNearClinic" in str(e.value)
    with pytest.raises(mj.ValidationError):
        mj.GuideBook.from_json(json.dumps({"overrides": [bad]}))
