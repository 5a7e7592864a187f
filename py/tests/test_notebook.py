"""The example notebook runs end to end (so it cannot rot) and reads well: executed, rendered
to HTML with nbconvert and opened in headless Chromium, its result cells show their
pictures and formatted tables, and no output prints an object repr or a long float."""

import pathlib
import re
import xml.etree.ElementTree as ET

import pytest

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "examples" / "pt0042_case.ipynb"
SVG = "{http://www.w3.org/2000/svg}svg"
# The cells (by their tag "display-<name>") whose display must carry a picture.
PICTURES = ["ranking", "comparison", "journey-map", "itinerary", "findings"]
# A float printed at full precision: more than 6 decimals.
LONG_FLOAT = re.compile(r"\d\.\d{7,}")


@pytest.fixture(scope="module")
def notebook():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    return nb


def outputs(nb, tag=None):
    cells = [c for c in nb.cells if c.cell_type == "code"]
    if tag is not None:
        cells = [c for c in cells if tag in c.metadata.get("tags", [])]
        assert cells, f"a cell tagged {tag}"
    return [o for c in cells for o in c.get("outputs", [])]


def test_example_notebook_executes_without_errors(notebook):
    assert not [o for o in outputs(notebook) if o.get("output_type") == "error"]


def test_result_cells_show_their_picture_then_a_table(notebook):
    for name in PICTURES + ["adjudication", "schedule"]:
        html = [o["data"]["text/html"] for o in outputs(notebook, f"display-{name}") if "text/html" in o.get("data", {})]
        assert len(html) == 1, name
        root = ET.fromstring(html[0])
        assert root.get("class", "").startswith("medjourney "), name
        svgs = list(root.iter(SVG))
        assert len(svgs) == (1 if name in PICTURES else 0), name
        for svg in svgs:
            ET.fromstring(ET.tostring(svg))
        assert root.find(".//table") is not None, name


def test_no_output_prints_a_repr_or_a_long_float(notebook):
    for o in outputs(notebook):
        texts = [o.get("text", "")] + [v for v in o.get("data", {}).values() if isinstance(v, str)]
        for t in texts:
            assert "CriterionScore(" not in t
            assert "Some(" not in t, "a Rust debug form in an output"
            assert not LONG_FLOAT.search(t), LONG_FLOAT.search(t).group(0)


def test_rendered_notebook_shows_pictures_that_parse_in_chromium(notebook, open_html):
    nbconvert = pytest.importorskip("nbconvert")
    body, _ = nbconvert.HTMLExporter(template_name="lab").from_notebook_node(notebook)
    page = open_html(body, width=1280)
    for name in PICTURES:
        report = page.evaluate(
            """(cls) => {
            const svgs = [...document.querySelectorAll(`.${cls} .jp-OutputArea-output svg`)];
            return svgs.map((s) => {
                const xml = new XMLSerializer().serializeToString(s);
                const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
                const box = s.getBoundingClientRect();
                return {parses: !doc.querySelector('parsererror'), width: box.width, height: box.height};
            });
        }""",
            f"celltag_display-{name}",
        )
        assert len(report) == 1, (name, report)
        assert report[0]["parses"], name
        assert report[0]["width"] > 300 and report[0]["height"] > 100, (name, report)
    shown = page.evaluate(
        "() => [...document.querySelectorAll('.jp-OutputArea-output')].map((o) => o.textContent)"
    )
    assert len(shown) >= len(PICTURES)
    for t in shown:
        assert "CriterionScore(" not in t
        assert not LONG_FLOAT.search(t), LONG_FLOAT.search(t).group(0)
    overflowing = page.evaluate(
        "() => [...document.querySelectorAll('div.medjourney')]"
        ".filter((v) => v.scrollWidth > v.clientWidth + 1).map((v) => v.className)"
    )
    assert overflowing == []
