import json
import pathlib

import pytest

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"


def load_vectors(name: str) -> dict:
    """The language-neutral vector file tests/vectors/<name>.json (shared with Rust and JS)."""
    return json.loads((VECTORS / f"{name}.json").read_text())


@pytest.fixture
def vectors():
    return load_vectors


# Headless Chromium for the display tests: the system's browser, driven by playwright
# (never `playwright install`, which downloads a browser of its own).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium browser (skipped where playwright or Chromium is missing)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not pathlib.Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_html(chromium):
    """Opens HTML text in a fresh page of `width` px with every network request refused."""
    pages = []

    def open_(html: str, width: int = 1280, height: int = 800):
        page = chromium.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda route: route.abort())
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content(html, wait_until="domcontentloaded")
        page.page_errors = errors
        pages.append(page)
        return page

    yield open_
    for page in pages:
        page.close()
