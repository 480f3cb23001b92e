"""The render stage: escaping of source text, tables, listings and determinism."""

from __future__ import annotations

import markdown

from generator.model import Article, Document, Paragraph
from generator.render import (
    SiteInfo,
    create_environment,
    escape_markdown,
    list_entries,
    render_site,
    render_text_table,
    source_file_name,
)
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


def _document(doc_id: str, date: str | None, titles: list[str]) -> Document:
    articles = tuple(
        Article(
            f"{doc_id}-{n}",
            title,
            None,
            None,
            None,
            (),
            None,
            (Paragraph("p-1", "{{ 7*7 }} {% raw %} text"),),
        )
        for n, title in enumerate(titles)
    )
    return Document(
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
        articles,
    )


def test_entries_are_newest_first_and_undated_last() -> None:
    documents = [
        _document("old", "2020-01-01", ["B", "A"]),
        _document("new", "2024-01-01", ["Z"]),
        _document("none", None, ["M"]),
    ]
    assert [e.article.title for e in list_entries(documents)] == ["Z", "A", "B", "M"]


def test_render_site_is_deterministic_and_never_evaluates_source_text() -> None:
    environment = create_environment(ROOT / "templates")
    documents = [_document("a", "2024-01-01", ["One"]), _document("b", None, ["Two"])]
    first = render_site(documents, environment, SiteInfo("Site"))
    second = render_site(list(reversed(documents)), environment, SiteInfo("Site"))
    assert first == second
    assert set(first) == {
        "index.md",
        "briefings/index.md",
        "documents/index.md",
        "documents/a.md",
        "documents/b.md",
        "briefings/a-0.md",
        "briefings/b-0.md",
    }
    page = first["briefings/a-0.md"]
    assert "\\{\\{ 7\\*7 \\}\\}" in page and "49" not in page
