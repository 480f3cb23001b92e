"""In a real browser: the built site served under a /<repo>/ prefix, read as a reader would.

Headless Chromium from the Debian package (`apt-get install chromium`), driven by Playwright.
Screenshots land in tests/artifacts/ (not committed), for a person to look over.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
# GitHub Pages serves a project site under its repository's name.
PREFIX = "/briefing/"
ARTIFACTS = ROOT / "tests" / "artifacts"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
# One page of each kind, by its address under the prefix.
PAGES = {
    "home": "",
    "briefing": "briefings/gyeongbuks-secondary-battery-leading-industrial-innovation/",
    "document": "documents/motie-news-march-4-11-2024/",
    "region": "regions/gyeongsangbuk-do/",
    "company": "companies/ecopro/",
    "theme": "themes/batteries/",
    "organization": "organizations/motie/",
    "person": "people/ahn-duk-geun/",
}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.is_file(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's package with `apt-get install chromium`",
)


class _PrefixHandler(SimpleHTTPRequestHandler):
    """Serve the site's files under PREFIX only, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "not-under-the-prefix")
        return super().translate_path(path[len(PREFIX) - 1 :])

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@dataclass
class Reader:
    """A browser tab, with every console error and failed page script it met."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> None:
        """Go to a page of the site and wait until it has loaded."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, path
        self.page.wait_for_load_state("load")


@pytest.fixture(scope="module")
def base_url(built: Path) -> Iterator[str]:
    handler = functools.partial(_PrefixHandler, directory=str(built / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


@contextmanager
def open_reader(browser: Browser, base_url: str, viewport: str) -> Iterator[Reader]:
    """Open a fresh tab at a viewport size, recording console errors and script failures."""
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    reader = Reader(context.new_page(), base_url)
    reader.page.on("console", lambda m: reader.errors.append(m.text) if m.type == "error" else None)
    reader.page.on("pageerror", lambda error: reader.errors.append(str(error)))
    try:
        yield reader
    finally:
        context.close()


@pytest.fixture
def reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    with open_reader(browser, base_url, "desktop") as reader:
        yield reader


def test_home_lists_the_latest_briefings(reader: Reader) -> None:
    reader.open("")
    content = reader.page.locator("article.md-content__inner")
    assert content.locator("h1").inner_text() == "Regional Industry Briefings"
    # Material's instant navigation rewrites links to absolute addresses once the page loads.
    listing = f"{reader.base}briefings/"
    briefings = content.locator(f"a[href^='{listing}']:not([href='{listing}'])")
    assert briefings.count() >= 10
    assert briefings.first.inner_text().strip()
    feed = reader.page.locator("head link[rel=alternate][type='application/atom+xml']")
    assert urljoin(reader.page.url, feed.get_attribute("href")) == f"{reader.base}feed.xml"
    response = reader.page.request.get(f"{reader.base}feed.xml")
    assert response.ok and response.text().startswith("<?xml")
    assert reader.errors == []


def test_the_content_security_policy_holds_and_material_still_works(reader: Reader) -> None:
    reader.page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " event => window.__cspViolations.push(event.violatedDirective));"
    )
    reader.open("")
    policy = reader.page.locator("meta[http-equiv='Content-Security-Policy']")
    assert "script-src 'self' 'sha256-" in (policy.get_attribute("content") or "")
    # Search (a worker and a fetch) and the palette toggle run under the policy.
    search = reader.page.locator("input[data-md-component=search-query]")
    search.click()
    search.fill("EcoPro")
    reader.page.locator(".md-search-result__item").first.wait_for()
    reader.page.keyboard.press("Escape")
    reader.page.locator("form[data-md-component='palette'] label:visible").first.click()
    scheme = reader.page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    assert reader.page.evaluate("window.__cspViolations") == []
    assert reader.errors == []


@pytest.mark.parametrize(
    ("query", "path", "title"),
    [
        ("EcoPro", "companies/ecopro/", "EcoPro"),
        ("Gyeongbuk", "regions/gyeongsangbuk-do/", "Gyeongsangbuk-do"),
    ],
)
def test_search_box_lands_on_the_entity_page(
    reader: Reader, query: str, path: str, title: str
) -> None:
    reader.open("")
    search = reader.page.locator("input[data-md-component=search-query]")
    search.click()
    search.fill(query)
    meta = reader.page.locator(".md-search-result__meta")
    meta.filter(has_text=re.compile("matching")).wait_for()
    first = reader.page.locator(".md-search-result__item > a").first
    assert first.get_attribute("href").split("?")[0] == reader.base + path
    first.click()
    reader.page.wait_for_url(re.compile(re.escape(reader.base + path)))
    assert reader.page.locator("article.md-content__inner h1").inner_text() == title
    assert reader.errors == []


def test_reader_goes_from_an_article_to_a_region_a_company_and_back(reader: Reader) -> None:
    reader.open(PAGES["briefing"])
    for kind in ("regions", "companies", "briefings"):
        link = reader.page.locator(f"article.md-content__inner a[href*='{kind}/']").first
        link.click()
        reader.page.wait_for_url(re.compile(rf"{re.escape(reader.base)}{kind}/[^/]+/"))
        assert reader.page.locator("article.md-content__inner h1").inner_text()
    assert reader.errors == []


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_screenshots_of_each_kind_of_page(browser: Browser, base_url: str, viewport: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with open_reader(browser, base_url, viewport) as reader:
        for kind, path in PAGES.items():
            reader.open(path)
            reader.page.screenshot(path=ARTIFACTS / f"{kind}-{viewport}.png")
            # Nothing wider than the screen: long names and tables wrap or scroll in place.
            overflow = reader.page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, (kind, viewport, overflow)
        assert reader.errors == []
    assert len(list(ARTIFACTS.glob(f"*-{viewport}.png"))) >= len(PAGES)
