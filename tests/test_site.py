"""End to end: the real `briefing build --strict` from the real seeds with the real MkDocs.

The build itself is the session fixture `built` (tests/conftest.py), shared with the browser test.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.helpers import ROOT
from tests.sitebuild import HAND_WRITTEN, STALE_PAGE, run_briefing
from tests.sitecheck import find_broken_links, parse_page

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_internal_link_and_anchor_resolves(built: Path) -> None:
    assert find_broken_links(built / "site") == []


def test_every_briefing_has_a_page_with_paragraph_anchors(built: Path) -> None:
    pages = sorted((built / "site" / "briefings").glob("*/index.html"))
    assert len(pages) == 8 + 10 + 27 + 12 + 1
    html = (
        built / "site" / "briefings" / "korea-and-us-discuss-chip-cooperation" / "index.html"
    ).read_text(encoding="utf-8")
    assert "Semiconductor Industry Association" in html
    assert 'id="p-' in html


def test_a_sources_table_is_a_table_with_its_columns_and_its_anchor(built: Path) -> None:
    page = built / "site" / "briefings"
    page /= "decarbonization-in-the-chengdu-chongqing-economic-circle-with/index.html"
    html = page.read_text(encoding="utf-8")
    # Fig. 1 of the compendium: countries across, goals down, an empty corner cell.
    table = re.search(r'<div id="(p-[0-9a-f]+)">\s*<table>(.*?)</table>', html, re.S)
    assert table is not None
    headers = re.findall(r"<th>(.*?)</th>", table.group(2))
    assert headers == ["", "EU", "Japan", "The US", "China"]
    assert "{:" not in table.group(2)  # no anchor line read as a row
    # The key figures taken from the table link to it.
    assert f'href="#{table.group(1)}"' in html


def test_an_entity_with_many_briefings_links_year_pages_that_hold_them_all(
    built: Path,
) -> None:
    site = built / "site"
    china = (site / "regions" / "china" / "index.html").read_text(encoding="utf-8")
    years = sorted(set(re.findall(r'href="((?:\d{4}|undated))/"', china)))
    assert years and "undated" in years
    listed = set()
    for year in years:
        page = (site / "regions" / "china" / year / "index.html").read_text(encoding="utf-8")
        assert 'href="../"' in page  # back to the entity's page
        listed |= set(re.findall(r'href="\.\./\.\./\.\./briefings/([^/"#]+)/', page))
    total = int(re.search(r"(\d+) briefings; the latest", china).group(1))
    assert len(listed) == total
    # The year pages list what other pages hold: search does not index them again.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("regions/china/2")]


def test_hand_written_page_is_untouched_and_stale_page_removed(built: Path) -> None:
    docs = built / "content" / "site"
    assert (docs / HAND_WRITTEN).read_bytes() == (
        ROOT / "content" / "site" / HAND_WRITTEN
    ).read_bytes()
    assert not (docs / STALE_PAGE).exists()
    assert (built / "site" / "about" / "index.html").is_file()


def test_every_file_of_the_site_is_as_readable_as_mkdocs_own(built: Path) -> None:
    # Pages the build rewrites (the security policy) or copies (sources) must not come out
    # private to their owner: a web server running as another user would answer 403.
    site = built / "site"
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.js"))
    readable = bundle.stat().st_mode & 0o444
    assert {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and path.stat().st_mode & 0o444 != readable
    } == set()


def test_document_page_links_its_source_served_as_text(built: Path) -> None:
    sources = sorted(path.name for path in (built / "content" / "site" / "sources").iterdir())
    assert sources == sorted(path.name for path in (ROOT / "seeds").iterdir())
    assert (built / "site" / "sources" / "004_23e27db7ed9fbb43.txt").is_file()


def test_search_index_holds_article_text(built: Path) -> None:
    index = (built / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "Semiconductor Industry Association" in index


def test_second_build_changes_no_page(built: Path) -> None:
    docs = built / "content" / "site"
    before = {path: path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}
    result = run_briefing(built, "build", "--no-site")
    assert result.returncode == 0, result.stderr
    after = {path: path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}
    assert before == after
    assert "0 files changed, 0 removed" in result.stdout


def test_feed_lists_dated_briefings_newest_first_with_relative_links(built: Path) -> None:
    site = built / "site"
    assert (site / "feed.xml").read_bytes() == (
        built / "content" / "site" / "feed.xml"
    ).read_bytes()
    feed = ET.parse(site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    stamps = [entry.findtext(f"{ATOM}updated") for entry in entries]
    assert len(entries) == 30  # every dated briefing of the seeds, under the feed's limit of 50
    assert stamps == sorted(stamps, reverse=True) and feed.findtext(f"{ATOM}updated") == stamps[0]
    assert len({entry.findtext(f"{ATOM}id") for entry in entries}) == len(entries)
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert not urlsplit(href).scheme and href.startswith("briefings/"), href
        page = (site / href / "index.html").read_text(encoding="utf-8")
        title = entry.findtext(f"{ATOM}title")
        assert "<h1" in page and _html_text(title) in page, href


def test_feed_is_announced_in_every_head_and_linked_from_home(built: Path) -> None:
    site = built / "site"
    for page in ("index.html", "regions/gyeongsangbuk-do/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        heads = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
        assert len(heads) == 1, page
        href = re.search(r'href="([^"]+)"', heads[0]).group(1)
        assert ((site / page).parent / href).resolve() == (site / "feed.xml").resolve()
    assert "feed.xml" in parse_page(site / "index.html").links


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Material's search splits words on this and matches a typed word as a prefix of indexed ones.
def search_ranking(index: dict, word: str) -> list[tuple[str, float]]:
    """Rank pages for a one-word query as Material's search weighs fields and page boosts.

    Each field of a section that holds a word starting with the query adds that field's boost
    (the index's own config: tags far above title, title above text), times the page's boost;
    a page counts with its best section. A model of lunr's ordering, not lunr itself: the
    browser test checks the real search box.
    """
    separator = re.compile(index["config"]["separator"])
    fields = index["config"]["fields"]
    query = word.casefold()
    scores: dict[str, float] = {}
    for doc in index["docs"]:
        score = 0.0
        for field, options in fields.items():
            value = doc.get(field) or ""
            text = re.sub(r"<[^>]+>", " ", " ".join(value) if isinstance(value, list) else value)
            if any(token.casefold().startswith(query) for token in separator.split(text)):
                score += options["boost"]
        page = doc["location"].split("#")[0]
        scores[page] = max(scores.get(page, 0.0), score * doc.get("boost", 1))
    return sorted(((p, s) for p, s in scores.items() if s), key=lambda pair: (-pair[1], pair[0]))


@pytest.mark.parametrize(
    ("alias", "location"),
    [
        ("Gyeongbuk", "regions/gyeongsangbuk-do/"),
        ("Ecopro", "companies/ecopro/"),
    ],
)
def test_search_index_finds_an_entity_first_by_its_alias(
    built: Path, alias: str, location: str
) -> None:
    index = json.loads((built / "site" / "search" / "search_index.json").read_text("utf-8"))
    entity = next(doc for doc in index["docs"] if doc["location"] == location)
    assert alias in entity["tags"] and entity["boost"] > 1
    # Every word of the alias ranks the page first, above briefings with the word in their title.
    for word in alias.split():
        ranking = search_ranking(index, word)
        assert ranking[0][0] == location, (word, ranking[:3])
        assert ranking[0][1] > ranking[1][1], (word, ranking[:3])
    html = (built / "site" / location / "index.html").read_text(encoding="utf-8")
    assert re.search(rf"Also written:</em>[^<]*\b{alias}\b", html)


def test_page_tags_show_themes_not_the_search_names(built: Path) -> None:
    site = built / "site"
    briefing = site / "briefings/gyeongbuks-secondary-battery-leading-industrial-innovation"
    region = site / "regions/gyeongsangbuk-do"
    assert '<span class="md-tag">Batteries</span>' in (briefing / "index.html").read_text("utf-8")
    assert 'class="md-tags"' not in (region / "index.html").read_text(encoding="utf-8")


def test_an_entity_country_is_a_link_to_the_country_not_its_code(built: Path) -> None:
    site = built / "site"
    abb = (site / "companies" / "abb" / "index.html").read_text(encoding="utf-8")
    row = re.search(r"<td>Country</td>\s*<td>(.*?)</td>", abb, re.S)
    assert row is not None
    assert row.group(1) == '<a href="../../regions/switzerland/">Switzerland</a>'
    # No page of the site shows a bare ISO code for a country.
    codes = [
        page
        for page in site.glob("*/*/index.html")
        if re.search(r"<td>Country</td>\s*<td>[A-Z]{2}</td>", page.read_text(encoding="utf-8"))
    ]
    assert codes == []
