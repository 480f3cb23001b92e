"""The render stage: escaping of source text, tables, listings and determinism."""

from __future__ import annotations

import markdown

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
    SiteInfo,
    create_environment,
    escape_markdown,
    list_entries,
    render_site,
    render_text_table,
    source_file_name,
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


def test_text_table_renders_as_a_table_with_escaped_cells() -> None:
    html = to_html(render_text_table("Year\tValue\n2023\t<b>5</b> | 6"))
    assert html.count("<tr>") == 2 and "<th>Year</th>" in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_unsafe_source_kinds_are_served_as_text() -> None:
    def document(source: str) -> Document:
        return Document("d", source, "0", "article", "T", None, None, "en", "html", "utf-8")

    assert source_file_name(document("seeds/page.html")) == "page.html.txt"
    assert source_file_name(document("seeds/notes.md")) == "notes.md.txt"
    assert source_file_name(document("seeds/report.pdf")) == "report.pdf"


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
