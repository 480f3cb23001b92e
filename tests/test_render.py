"""The render stage: escaping of source text, tables, listings and determinism."""

from __future__ import annotations

import dataclasses
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

import markdown
import pytest
import yaml

from generator.errors import BuildError
from generator.index import Coverage
from generator.model import (
    ENTITY_KINDS,
    Article,
    Briefing,
    Document,
    Figure,
    Mention,
    Paragraph,
    Publication,
)
from generator.render import (
    ARCHIVE_FOLDER,
    BRIEFINGS_LATEST,
    ENTITY_LATEST,
    FEED_PATH,
    WHATS_NEW_LIMIT,
    SiteInfo,
    create_environment,
    escape_markdown,
    link_segments,
    list_entries,
    months_of,
    page_url,
    quote_line,
    render_site,
    render_text_table,
    source_file_name,
    years_of,
)
from generator.taxonomy import Entity, Taxonomy
from tests.helpers import ROOT

EXTENSIONS = ["attr_list", "tables"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def test_hostile_text_stays_text() -> None:
    hostile = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) "
        '![i](http://e/x.png) **bold** `code` {: #id onclick="x" } &amp;'
    )
    html = to_html(escape_markdown(hostile))
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert (
        "<strong>" not in html and "<code>" not in html and "onclick" not in html.split(">", 1)[0]
    )
    assert "&lt;script&gt;" in html and "&amp;amp;" in html


def test_line_start_markup_is_neutralised() -> None:
    for line in ("# not a heading", "> not a quote", "- not a list", "1. not a list", "+ x"):
        html = to_html(escape_markdown(line))
        assert html.startswith("<p>"), (line, html)


def test_line_start_escapes_leave_no_visible_backslash() -> None:
    for text in ("1. not a list", "36.1894, 128.7211", "2) x", "Title\n===", "- x"):
        html = to_html(escape_markdown(text))
        assert "\\" not in html and "<h1>" not in html and "<ol>" not in html, (text, html)
    assert "36.1894, 128.7211" in to_html(render_text_table("Where\n36.1894, 128.7211"))


def test_text_table_renders_as_a_table_with_escaped_cells() -> None:
    html = to_html(render_text_table("Year\tValue\n2023\t<b>5</b> | 6"))
    assert html.count("<tr>") == 2 and "<th>Year</th>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_a_quoted_table_row_is_one_line_with_its_cells_apart_and_inert() -> None:
    assert (
        quote_line("Dangjin\t\tHydrogen  plant\t7000억 원")
        == "Dangjin · Hydrogen plant · 7000억 원"
    )
    html = to_html("> " + quote_line("<b>Ulsan</b>\t# 5 [x](javascript:y)"))
    assert html.count("<p>") == 1 and "<b>" not in html and "<a" not in html and "<h1" not in html


def test_unsafe_source_kinds_are_served_as_text() -> None:
    def document(source: str) -> Document:
        return Document("d", source, "0", "article", "T", None, None, "en", "html", "utf-8")

    assert source_file_name(document("seeds/page.html")) == "page.html.txt"
    assert source_file_name(document("seeds/notes.md")) == "notes.md.txt"
    assert source_file_name(document("seeds/report.pdf")) == "report.pdf"


def test_every_binary_format_read_is_served_as_it_is() -> None:
    # A document format the readers take (a PDF, an office file) is linked as itself; only
    # formats a browser would render (HTML, Markdown, a saved page or email) become text.
    from generator.readers import READERS

    rendered = {".html", ".htm", ".md", ".markdown", ".eml", ".mht", ".mhtml", ".text"}
    for suffix in READERS:
        name = source_file_name(
            Document("d", f"seeds/a{suffix}", "0", "article", "T", None, None, "en", "x", "x")
        )
        assert name == (f"a{suffix}.txt" if suffix in rendered else f"a{suffix}"), suffix


def _publication(doc_id: str, date: str | None, titles: list[str]) -> Publication:
    articles = [
        Article(
            f"{doc_id}-{n}",
            title,
            None,
            None,
            None,
            (),
            None,
            (Paragraph("p-1", "{{ 7*7 }} {% raw %} text in Seoul"),),
        )
        for n, title in enumerate(titles)
    ]
    document = Document(
        doc_id,
        f"seeds/{doc_id}.txt",
        "0",
        "bulletin",
        doc_id.upper(),
        None,
        date,
        "en",
        "text",
        "utf-8",
        tuple(articles),
    )
    briefings = tuple(
        Briefing(
            article,
            article.title,
            date,
            "Summary naming Seoul.",
            ("A point",),
            (Figure("KRW 5 billion", "funding <b>", "money", "p-1", "Seoul pays KRW 5 billion."),),
            {**{kind: () for kind in ENTITY_KINDS}, "regions": ("seoul",)},
            (Mention("seoul", "regions", "Seoul", "p-1", "Seoul pays KRW 5 billion."),),
            False,
        )
        for article in articles
    )
    return Publication(document, document.title, None, date, "Document summary.", briefings)


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    taxonomy.add(
        Entity("south-korea", "regions", "South Korea", fields={"kind": "country", "country": "KR"})
    )
    taxonomy.add(
        Entity(
            "seoul",
            "regions",
            "Seoul",
            ("Seoul City",),
            fields={"kind": "city", "parent": "south-korea", "country": "KR"},
        )
    )
    return taxonomy


def test_entries_are_newest_first_and_undated_last() -> None:
    publications = [
        _publication("old", "2020-01-01", ["B", "A"]),
        _publication("new", "2024-01-01", ["Z"]),
        _publication("none", None, ["M"]),
    ]
    assert [e.briefing.title for e in list_entries(publications)] == ["Z", "A", "B", "M"]


def test_briefings_are_grouped_by_month_and_odd_dates_go_with_the_undated() -> None:
    publications = [
        _publication("may", "2024-05-30", ["B", "A"]),
        _publication("may2", "2024-05-01", ["C"]),
        _publication("april", "2024-04-02", ["D"]),
        _publication("odd", "2024-13-01", ["E"]),  # curated dates are only checked by shape
        _publication("none", None, ["F"]),
    ]
    months = months_of(list_entries(publications))
    assert [(m.key, m.label) for m in months] == [
        ("2024-13", "2024-13"),
        ("2024-05", "May 2024"),
        ("2024-04", "April 2024"),
        ("undated", "Undated"),
    ]
    assert [[e.briefing.title for e in m.entries] for m in months] == [
        ["E"],
        ["A", "B", "C"],
        ["D"],
        ["F"],
    ]


def test_the_briefings_index_stays_short_and_each_month_page_lists_its_own() -> None:
    environment = create_environment(ROOT / "templates")
    publications = [
        _publication(f"d{month:02}", f"2023-{month:02}-15", [f"T{month}-{n}" for n in range(7)])
        for month in range(1, 13)
    ] + [_publication("none", None, ["Undated one"])]
    pages = render_site(publications, _taxonomy(), environment, SiteInfo("Site"))
    index = pages["briefings/index.md"]
    assert "85 briefings" in index
    # Every month is linked with its count; only the latest briefings are listed here.
    assert (
        "[December](archive/2023-12.md) (7)" in index and "[January](archive/2023-01.md)" in index
    )
    assert "[Undated](archive/undated.md) (1)" in index
    assert index.count("](../briefings/") == BRIEFINGS_LATEST
    archive = {path: page for path, page in pages.items() if path.startswith(ARCHIVE_FOLDER)}
    assert len(archive) == 13
    # Each briefing on exactly one month page.
    assert _archived(archive.values()) == _all_briefings(publications)
    march = to_html(pages[f"{ARCHIVE_FOLDER}/2023-03.md"])
    assert "Briefings, March 2023" in march
    assert 'href="2023-04.md"' in march and 'href="2023-02.md"' in march
    assert 'href="../../documents/d03.md"' in march


def _archived(pages: Iterable[str]) -> list[str]:
    """The briefing ids archive pages (two folders down) link, sorted, with repeats."""
    return sorted(
        line.split("](../../briefings/", 1)[1].split(".md", 1)[0]
        for page in pages
        for line in page.splitlines()
        if "](../../briefings/" in line
    )


def _all_briefings(publications: list[Publication]) -> list[str]:
    return sorted(b.article.id for p in publications for b in p.briefings)


def test_whats_new_lists_the_latest_documents_and_counts_the_rest() -> None:
    environment = create_environment(ROOT / "templates")
    imported = [
        dataclasses.replace(_publication(f"old{n:03}", None, ["T"]), added="2025-01-01")
        for n in range(WHATS_NEW_LIMIT + 20)
    ]
    earlier = dataclasses.replace(_publication("first", None, ["T"]), added="2024-06-01")
    fresh = dataclasses.replace(_publication("fresh", None, ["T"]), added="2025-02-01")
    pages = render_site([*imported, earlier, fresh], _taxonomy(), environment, SiteInfo("Site"))
    page = pages["whats-new.md"]
    assert page.index("## 2025-02-01") < page.index("## 2025-01-01")
    assert "## 2024-06-01" not in page
    assert page.count("](documents/") == WHATS_NEW_LIMIT + 2  # the listed, then "all documents"
    assert f"and 21 more documents that joined that day: see [all {len(imported) + 2}" in page
    assert "Earlier, 1 more document joined" in page


@pytest.mark.parametrize(
    ("template", "broken", "where"),
    [
        ("briefing.md.j2", "{{ no_such_value }}", "templates/briefing.md.j2:{line}"),
        ("macros.md.j2", "{% if %}", "templates/macros.md.j2:{line}"),
    ],
)
def test_a_broken_template_is_named_with_its_line(
    tmp_path: Path, template: str, broken: str, where: str
) -> None:
    templates = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    lines = (templates / template).read_text(encoding="utf-8").splitlines()
    (templates / template).write_text("\n".join([*lines, broken]) + "\n", encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        render_site(
            [_publication("a", "2024-01-01", ["One"])],
            _taxonomy(),
            create_environment(templates),
            SiteInfo("Site"),
        )
    message = str(caught.value)
    assert message.startswith(where.format(line=len(lines) + 1) + ": "), message
    assert "\n" not in message and "git checkout" in message


def test_render_site_is_deterministic_and_never_evaluates_source_text() -> None:
    environment = create_environment(ROOT / "templates")
    publications = [_publication("a", "2024-01-01", ["One"]), _publication("b", None, ["Two"])]
    first = render_site(publications, _taxonomy(), environment, SiteInfo("Site"))
    second = render_site(list(reversed(publications)), _taxonomy(), environment, SiteInfo("Site"))
    assert first == second
    assert {
        "index.md",
        "briefings/a-0.md",
        "briefings/b-0.md",
        "documents/a.md",
        "regions/seoul.md",
        "regions/index.md",
    } <= set(first)
    page = first["briefings/a-0.md"]
    assert "\\{\\{ 7\\*7 \\}\\}" in page and "49" not in page
    assert "<b>" not in page and "&lt;b&gt;" in to_html(page)


def test_entities_link_both_ways_with_breadcrumbs() -> None:
    pages = render_site(
        [_publication("a", "2024-01-01", ["One"])],
        _taxonomy(),
        create_environment(ROOT / "templates"),
        SiteInfo("Site"),
    )
    assert "../regions/seoul.md" in pages["briefings/a-0.md"]
    region = pages["regions/seoul.md"]
    assert "../briefings/a-0.md" in region and "south-korea.md" in region
    assert "KRW 5 billion" in region and "Seoul pays" in region
    # The facts table has a header a reader can read, not an empty band.
    assert "<th>Fact</th>" in to_html(region) and "<td>city</td>" in to_html(region)


def test_an_entity_page_stays_short_and_each_year_page_lists_its_own() -> None:
    publications = [
        _publication(f"y{year}", f"{year}-03-01", [f"T{year}-{n}" for n in range(12)])
        for year in (2021, 2022, 2023)
    ] + [_publication("none", None, ["Undated one"])]
    pages = render_site(
        publications, _taxonomy(), create_environment(ROOT / "templates"), SiteInfo("Site")
    )
    region = pages["regions/seoul.md"]
    assert "37 briefings; the latest 30" in region
    listing = region.split("## Briefings", 1)[1].split("## Timeline", 1)[0]
    assert listing.count("](../briefings/") == ENTITY_LATEST
    assert "[2023](seoul/2023.md) (12) · [2022](seoul/2022.md) (12)" in region
    assert "[Undated](seoul/undated.md) (1)" in region
    years = {path: page for path, page in pages.items() if path.startswith("regions/seoul/")}
    assert sorted(years) == [
        f"regions/seoul/{key}.md" for key in ("2021", "2022", "2023", "undated")
    ]
    # Each briefing on exactly one year page.
    assert _archived(years.values()) == _all_briefings(publications)
    page = to_html(pages["regions/seoul/2022.md"])
    assert "Seoul, 2022" in page and "Seoul pays KRW 5 billion." in page
    assert 'href="../seoul.md"' in page
    assert 'href="2023.md"' in page and 'href="2021.md"' in page
    # An entity with few briefings lists them all, with no year pages.
    assert "regions/south-korea/" not in "".join(pages)


def test_entity_years_go_newest_first_and_odd_dates_with_the_undated() -> None:
    dates = ["2024-05-01", "n.d.", "2023-01-01", None, "2024-01-01"]
    coverage = [Coverage(None, None, date, "", "p") for date in dates]  # type: ignore[arg-type]
    years = years_of(coverage)
    assert [(y.key, y.label, len(y.coverage)) for y in years] == [
        ("2024", "2024", 2),
        ("2023", "2023", 1),
        ("undated", "Undated", 2),
    ]


ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(site: SiteInfo, publications: list[Publication] | None = None) -> ET.Element:
    publications = publications or [
        _publication("old", "2020-01-01", ["Old news"]),
        _publication("new", "2024-01-01", ["New news"]),
        _publication("none", None, ["Undated news"]),
    ]
    pages = render_site(publications, _taxonomy(), create_environment(ROOT / "templates"), site)
    return ET.fromstring(pages[FEED_PATH].encode("utf-8"))


def test_feed_lists_dated_briefings_newest_first_with_relative_links() -> None:
    feed = _feed(SiteInfo("Site"))
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["New news", "Old news"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "briefings/new-0/",
        "briefings/old-0/",
    ]
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2024-01-01T00:00:00Z",
        "2020-01-01T00:00:00Z",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2024-01-01T00:00:00Z"
    assert {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")} == {
        "self": "feed.xml",
        "alternate": "./",
    }


def test_feed_links_are_absolute_under_site_url_and_ids_do_not_move() -> None:
    relative = _feed(SiteInfo("Site"))
    absolute = _feed(SiteInfo("Site", url="https://example.org/briefing"))
    assert [e.find(f"{ATOM}link").get("href") for e in absolute.findall(f"{ATOM}entry")] == [
        "https://example.org/briefing/briefings/new-0/",
        "https://example.org/briefing/briefings/old-0/",
    ]
    assert absolute.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://example.org/briefing/feed.xml"
    )
    ids = [e.findtext(f"{ATOM}id") for e in relative.iter(f"{ATOM}entry")]
    assert ids == [e.findtext(f"{ATOM}id") for e in absolute.iter(f"{ATOM}entry")]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 2


def test_feed_escapes_source_text_and_drops_what_xml_cannot_hold() -> None:
    hostile = 'A <b>bold</b> & "quoted" ]]> title\x01\x1b with {{ 7*7 }}'
    feed = _feed(SiteInfo("Site & <Co>"), [_publication("a", "2024-01-01", [hostile])])
    assert feed.findtext(f"{ATOM}title") == "Site & <Co>"
    assert feed.find(f"{ATOM}entry").findtext(f"{ATOM}title") == (
        'A <b>bold</b> & "quoted" ]]> title with {{ 7*7 }}'
    )


def test_page_urls_follow_mkdocs_addresses() -> None:
    flat = SiteInfo("Site", directory_urls=False)
    assert page_url("index.md", SiteInfo("Site")) == "./"
    assert page_url("briefings/index.md", SiteInfo("Site")) == "briefings/"
    assert page_url("briefings/a.md", flat) == "briefings/a.html"
    assert page_url("index.md", flat) == "index.html"
    assert page_url("index.md", SiteInfo("Site", url="https://e.org/r/")) == "https://e.org/r/"


def test_entity_page_lists_every_name_for_search_and_readers() -> None:
    taxonomy = _taxonomy()
    taxonomy.add(
        Entity("seoul-metro", "regions", "Seoul Metropolis", status="merged", merged_into="seoul")
    )
    pages = render_site(
        [_publication("a", "2024-01-01", ["One"])],
        taxonomy,
        create_environment(ROOT / "templates"),
        SiteInfo("Site"),
    )
    front_matter = yaml.safe_load(pages["regions/seoul.md"].split("---")[1])
    assert front_matter["tags"] == ["Seoul", "Seoul City", "Seoul Metropolis"]
    assert front_matter["search"]["boost"] > 1
    assert "*Also written:* Seoul City, Seoul Metropolis" in pages["regions/seoul.md"]


def _indexed_text(page: str) -> str:
    """What Material's search plugin indexes of a rendered page: its sections not excluded."""
    from material.plugins.search.plugin import Parser

    body = page.split("\n---\n", 1)[-1]  # the front matter is MkDocs' to read, not Markdown
    parser = Parser()
    parser.feed(markdown.markdown(body, extensions=[*EXTENSIONS, "toc"]))
    parser.close()
    return " ".join(
        "".join(section.title) + " " + "".join(section.text)
        for section in parser.data
        if not section.is_excluded()
    )


def test_search_indexes_each_text_once_and_full_text_only_when_set() -> None:
    publications = [_publication("a", "2024-01-01", ["One"])]
    environment = create_environment(ROOT / "templates")
    with_text = render_site(publications, _taxonomy(), environment, SiteInfo("Site"))
    without = render_site(
        publications, _taxonomy(), environment, SiteInfo("Site", search_full_text=False)
    )
    # A region page indexes its name, not the sentences and figures it quotes from briefings.
    region = _indexed_text(with_text["regions/seoul.md"])
    assert "Seoul" in region and "Seoul pays" not in region and "KRW 5 billion" not in region
    # A briefing indexes its summary and key points; its full text unless the setting says no.
    briefing = _indexed_text(with_text["briefings/a-0.md"])
    assert "Summary naming Seoul." in briefing and "text in Seoul" in briefing
    briefing = _indexed_text(without["briefings/a-0.md"])
    assert "Summary naming Seoul." in briefing and "A point" in briefing
    assert "text in Seoul" not in briefing
    # Listings repeat titles every briefing page holds: the pages are left out.
    assert "search:\n  exclude: true" in with_text["briefings/index.md"]
    assert "Latest briefings" not in _indexed_text(with_text["index.md"])


def test_a_heading_inside_the_full_text_carries_the_exclusion_of_its_section() -> None:
    # Each heading opens a new search section, so the exclusion of "Full text" must reach it.
    macros = create_environment(ROOT / "templates").get_template("macros.md.j2").module
    heading = Paragraph("p-2", "Outlook for Seoul", "heading")
    for searchable in (True, False):
        page = f"## Full text\n\n{macros.paragraph(heading, [], searchable)}\n\nBody text.\n"
        assert ("Body text." in _indexed_text(page)) is searchable


def test_a_currency_prefix_is_no_link_to_the_place() -> None:
    segments = link_segments("Exports to the US fell to US$6.2 billion.", [("US", "u.md")])
    assert [(s.text, s.href) for s in segments if s.href] == [("US", "u.md")]
    assert "".join(s.text for s in segments[:2]) == "Exports to the US"
    only_amount = link_segments("Car exports fell to US$6.2 billion.", [("US", "u.md")])
    assert [s.href for s in only_amount] == [None]


def test_an_entity_country_is_named_and_linked_not_shown_as_its_code() -> None:
    taxonomy = _taxonomy()
    taxonomy.add(Entity("japan", "regions", "Japan", fields={"kind": "country", "country": "JP"}))
    companies = {
        "hanwha": "KR",  # its country region has a page (Seoul's parent): linked
        "toyota": "jp",  # its country region has none: named, and the code read in any case
        "abb": "CH",  # no region in the taxonomy: ISO's name
        "acme": "Atlantis",  # no code at all: as written
    }
    for company_id, country in companies.items():
        taxonomy.add(
            Entity(company_id, "companies", company_id.title(), fields={"country": country})
        )
    publication = _publication("a", "2024-01-01", ["One"])
    briefing = publication.briefings[0]
    tags = {**briefing.tags, "companies": tuple(companies)}
    publication = dataclasses.replace(
        publication, briefings=(dataclasses.replace(briefing, tags=tags),)
    )
    pages = render_site(
        [publication], taxonomy, create_environment(ROOT / "templates"), SiteInfo("Site")
    )

    def country_row(page: str) -> list[str]:
        return [line for line in pages[page].splitlines() if line.startswith("| Country |")]

    assert country_row("companies/hanwha.md") == [
        "| Country | [South Korea](../regions/south-korea.md) |"
    ]
    assert country_row("regions/seoul.md") == [
        "| Country | [South Korea](../regions/south-korea.md) |"
    ]
    assert country_row("companies/toyota.md") == ["| Country | Japan |"]
    assert country_row("companies/abb.md") == ["| Country | Switzerland |"]
    assert country_row("companies/acme.md") == ["| Country | Atlantis |"]
    assert country_row("regions/south-korea.md") == []  # a country is not its own country
    # Kind first, then the country, as the facts always read.
    labels = [
        line.split(" | ")[0].removeprefix("| ")
        for line in pages["regions/seoul.md"].splitlines()
        if line.startswith("| ")
    ]
    assert labels[:3] == ["Fact", "Kind", "Country"]


def _site_with_compiled(templates: Path, compiled: Path) -> tuple[dict[str, str | None], int]:
    """Render the small site with compiled templates kept in `compiled`; the pages, and how
    many templates were compiled (not loaded from the folder)."""
    environment = create_environment(templates, compiled)
    compile_source = environment.compile
    compiled_count = 0

    def counting(*args: object, **kwargs: object) -> object:
        nonlocal compiled_count
        compiled_count += 1
        return compile_source(*args, **kwargs)  # type: ignore[arg-type]

    environment.compile = counting  # type: ignore[method-assign]
    publications = [_publication("a", "2024-01-01", ["One"])]
    return render_site(publications, _taxonomy(), environment, SiteInfo("Site")), compiled_count


def test_compiled_templates_are_kept_and_never_trusted_when_changed_or_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = shutil.copytree(ROOT / "templates", tmp_path / "templates")
    compiled = tmp_path / "compiled"
    first, compiled_first = _site_with_compiled(templates, compiled)
    assert compiled_first >= 5 and len(list(compiled.iterdir())) == compiled_first
    # The next run loads every template it compiled, and renders the same pages.
    again, compiled_again = _site_with_compiled(templates, compiled)
    assert (again, compiled_again) == (first, 0)
    # An edited template is compiled again; the edit shows.
    briefing = templates / "briefing.md.j2"
    briefing.write_text(briefing.read_text(encoding="utf-8") + "Edited here.\n", encoding="utf-8")
    edited, compiled_edited = _site_with_compiled(templates, compiled)
    assert compiled_edited == 1 and edited["briefings/a-0.md"].endswith("Edited here.\n")
    # A damaged file, and one another generator's code wrote, are compiled again.
    for path in sorted(compiled.iterdir())[:2]:
        data = bytearray(path.read_bytes())
        data[-10] ^= 0xFF
        path.write_bytes(bytes(data))
    assert _site_with_compiled(templates, compiled) == (edited, 2)
    monkeypatch.setattr("generator.render.generator_fingerprint", lambda: "other code")
    assert _site_with_compiled(templates, compiled) == (edited, compiled_first)
