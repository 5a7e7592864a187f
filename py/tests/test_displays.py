"""Pictures (`to_svg`) and notebook displays (`_repr_html_`, `to_html`): the core's, well
formed, formatted for reading, safe with hostile names, and within a laptop's width."""

import re
import xml.etree.ElementTree as ET

import pytest

import medjourney as mj

SVG = "{http://www.w3.org/2000/svg}svg"

HOSTILE = [
    "<script>alert('x')</script>",
    "Dr \"Quote\" & Sons' <b>Clinic</b> ]]> &amp;",
    "مستشفى الشفاء التخصصي 24",
    "בית החולים הדסה · Jerusalem",
    "Long" + "x" * 196,
    "Ctrl\x01\x1b\x7f\tline\nbreak\r",
    "Trojan \u202eedirrevo\u2066 isolate \u2069",
]

# A float printed at full precision: more than 6 decimals.
LONG_FLOAT = re.compile(r"\d\.\d{7,}")


def cleaned(text: str) -> str:
    """What a display promises to make of a user text (the core's cleaning rules)."""
    out = []
    for c in text:
        u = ord(c)
        if u < 0x20 or 0x7F <= u <= 0x9F or c in "\u2028\u2029":
            out.append(" ")
        elif 0x202A <= u <= 0x202E or 0x2066 <= u <= 0x2069 or 0xFDD0 <= u <= 0xFDEF or u & 0xFFFE == 0xFFFE:
            continue
        else:
            out.append(c)
    return "".join(out)


def sample_displays() -> dict:
    """One object of every class that has a display, from the sample case."""
    fx = mj.samples.fx()
    itinerary = mj.samples.itinerary()
    return {
        "mj-ranking": mj.rank(mj.samples.catalog(), mj.samples.request(), fx=fx, method="topsis"),
        "mj-comparison": mj.samples.comparison(),
        "mj-journey-map": mj.samples.journey_map(),
        "mj-itinerary": itinerary,
        "mj-findings": itinerary.check(mj.samples.itinerary_rules()),
        "mj-quote-totals": mj.samples.quotes()[0].totals(),
        "mj-trip-estimate": mj.samples.estimate(),
        "mj-adjudication": mj.samples.adjudication(),
        "mj-schedule": mj.samples.payment_plan().schedule(),
    }


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def cell_texts(root: ET.Element) -> list[str]:
    return [text(e) for e in root.iter() if e.tag in ("td", "th", "caption")]


def assert_display(html: str, cls: str) -> ET.Element:
    """A display is one well-formed `div.medjourney`, its picture (if any) first, and
    tables whose cells show no object repr and no long float."""
    root = ET.fromstring(html)
    assert root.tag == "div" and root.get("class") == f"medjourney {cls}"
    assert root.get("dir") == "ltr"
    for cell in cell_texts(root):
        assert "CriterionScore(" not in cell and "Money(" not in cell, cell
        assert not LONG_FLOAT.search(cell), cell
        assert not re.search(r"\d\.\d{4,}", cell), f"more than 3 decimals: {cell}"
    assert root.find(".//table") is not None or root.find(".//p") is not None
    return root


def test_every_table_class_has_the_cores_display():
    tables = {
        name for name in dir(mj)
        if isinstance(getattr(mj, name), type) and hasattr(getattr(mj, name), "to_pandas")
    }
    shown = {type(obj).__name__ for obj in sample_displays().values()}
    assert tables <= shown, f"table classes without a display test: {tables - shown}"
    for cls, obj in sample_displays().items():
        html = obj._repr_html_()
        assert html == obj.to_html()
        assert_display(html, cls)


def test_pictures_come_first_and_are_the_classes_own_svg():
    d = sample_displays()
    pictures = {
        "mj-ranking": d["mj-ranking"].to_svg(),
        "mj-comparison": d["mj-comparison"].to_svg(),
        "mj-journey-map": d["mj-journey-map"].to_svg(),
        "mj-itinerary": d["mj-itinerary"].to_svg(),
        "mj-findings": d["mj-itinerary"].to_svg(mj.samples.itinerary_rules()),
    }
    for cls, svg in pictures.items():
        assert ET.fromstring(svg).tag == SVG
        root = assert_display(d[cls]._repr_html_(), cls)
        first = [e for e in root if e.tag != "style"][0]
        assert first.get("class") == "mj-picture"
        assert first[0].tag == SVG
        assert svg in d[cls]._repr_html_()
    for cls in ["mj-quote-totals", "mj-trip-estimate", "mj-adjudication", "mj-schedule"]:
        root = assert_display(d[cls]._repr_html_(), cls)
        assert root.find(f".//{SVG}") is None


def test_itinerary_pictures_take_the_rules_check_takes():
    it = mj.samples.itinerary()
    rules = mj.samples.itinerary_rules()
    assert it.to_svg() == it.to_svg(None) == it.to_svg(mj.ItineraryRules())
    assert it.to_svg(rules) == it.to_svg(rules.to_dict())
    assert it.to_html(rules) == it.to_html(rules.to_dict())
    with pytest.raises(mj.MedJourneyError) as e:
        it.to_svg({"minConnectionDomesticMinutes": "soon"})
    with pytest.raises(type(e.value)) as again:
        it.check({"minConnectionDomesticMinutes": "soon"})
    assert again.value.code == e.value.code


def test_tables_read_like_the_pictures_and_pandas_keeps_full_precision():
    d = sample_displays()
    ranking = d["mj-ranking"]
    best = ranking.matches[0]
    cells = cell_texts(ET.fromstring(ranking._repr_html_()))
    assert f"{best.score:.3f}" in cells
    assert repr(best.score) not in "".join(cells)
    assert ranking.to_pandas()["score"][0] == best.score
    stages = cell_texts(ET.fromstring(d["mj-journey-map"]._repr_html_()))
    row = d["mj-journey-map"].rows()[1]
    assert f"{row.conversion * 100:.1f}%" in stages
    assert f"{row.dwell_median_seconds / 86400:.1f} days" in stages
    assert "post treatment" in stages
    schedule = d["mj-schedule"]
    amount = schedule.payments[0].amount
    whole, frac = str(amount.amount).split(".")
    assert f"{int(whole):,}.{frac} {amount.currency}" in cell_texts(ET.fromstring(schedule._repr_html_()))


def hostile_ranking() -> mj.Ranking:
    r = mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx()).to_dict()
    for i, m in enumerate(r["matches"]):
        m["name"] = HOSTILE[i % len(HOSTILE)]
        m["city"] = HOSTILE[(i + 3) % len(HOSTILE)]
    r["procedure"] = HOSTILE[0]
    return mj.Ranking.from_dict(r)


def hostile_comparison() -> mj.Comparison:
    c = mj.samples.comparison().to_dict()
    for i, col in enumerate(c["columns"]):
        col["providerId"] = HOSTILE[(i + 1) % len(HOSTILE)]
        col["quoteId"] = HOSTILE[(i + 4) % len(HOSTILE)]
    for i, f in enumerate(c["findings"]):
        f["message"] = HOSTILE[i % len(HOSTILE)]
    return mj.Comparison.from_dict(c)


def hostile_itinerary() -> mj.Itinerary:
    it = mj.samples.itinerary().to_dict()
    it["title"] = HOSTILE[4]
    for i, item in enumerate(it["items"]):
        item["title"] = HOSTILE[i % len(HOSTILE)]
        item["location"] = HOSTILE[(i + 2) % len(HOSTILE)]
    return mj.Itinerary.from_dict(it)


def hostile_displays() -> dict:
    it = hostile_itinerary()
    return {
        "mj-ranking": hostile_ranking()._repr_html_(),
        "mj-comparison": hostile_comparison()._repr_html_(),
        "mj-itinerary": it._repr_html_(),
        "mj-findings": it.check()._repr_html_(),
    }


def test_hostile_names_render_escaped_and_isolated():
    for cls, html in hostile_displays().items():
        root = assert_display(html, cls)
        tags = {e.tag for e in root.iter()}
        assert not tags & {"script", "b", "iframe", "img"}, (cls, tags)
        isolated = {text(e) for e in root.iter("bdi")}
        if cls != "mj-findings":
            for name in HOSTILE:
                assert cleaned(name) in isolated, (cls, name)
        for svg in root.iter(SVG):
            ET.fromstring(ET.tostring(svg))


@pytest.mark.parametrize("width", [1280, 800])
def test_hostile_names_do_not_break_the_layout(open_html, width):
    page_html = "<!doctype html><meta charset=utf-8><body style='margin:8px'>" + "".join(
        hostile_displays().values()
    ) + "</body>"
    page = open_html(page_html, width=width)
    report = page.evaluate(
        """() => {
        const views = [...document.querySelectorAll('div.medjourney')];
        const svgs = [...document.querySelectorAll('div.medjourney svg')];
        const parses = svgs.every((s) => {
            const xml = new XMLSerializer().serializeToString(s);
            const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
            return !doc.querySelector('parsererror');
        });
        return {
            views: views.length,
            overflowing: views.filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => v.className),
            pageWidth: document.documentElement.scrollWidth,
            injected: document.querySelectorAll('div.medjourney script, div.medjourney b, div.medjourney img').length,
            svgs: svgs.length,
            svgWidths: svgs.map((s) => s.getBoundingClientRect().width),
            parses,
            text: document.body.textContent,
        };
    }"""
    )
    assert report["views"] == 4
    assert report["overflowing"] == []
    assert report["pageWidth"] <= width
    assert report["injected"] == 0
    assert report["svgs"] == 4 and report["parses"]
    assert all(0 < w <= width for w in report["svgWidths"])
    for name in HOSTILE:
        assert cleaned(name) in report["text"]
    assert page.page_errors == []
