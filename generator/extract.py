"""Extract stage: what the generator proposes for each article, before curation.

A summary and key points, the figures that matter, and every entity mention with its
sentence; the curated YAML keeps the proposal's ids and values, the cache keeps the sentences.
"""

from __future__ import annotations

from typing import Any

from generator.entities import Matcher, find_mentions, tag_article
from generator.figures import extract_figures
from generator.model import ENTITY_KINDS, Article, Digest, Document, Mention, Paragraph
from generator.summarize import summarize_article, summarize_document

# The paragraph ids given to an article's title when themes are looked for in it, and to the
# company that signed it (a compendium prints it under the byline, often nowhere in the body).
TITLE_PARAGRAPH = "title"
COMPANY_PARAGRAPH = "company"


def digest_article(article: Article, mentions: tuple[Mention, ...]) -> Digest:
    """Summarise an article and find its figures; its entity mentions are found apart."""
    summary, key_points = summarize_article(article.title, article.paragraphs)
    return Digest(
        summary=summary,
        key_points=key_points,
        figures=extract_figures(article.paragraphs),
        mentions=mentions,
    )


def article_tags(article: Article, digest: Digest, matcher: Matcher) -> dict[str, list[str]]:
    """Decide an article's entities of each kind: those its body names, then those only its
    title names ("Vietnam: Bac Ninh courts chip packaging"); the title signals themes, the
    signer a company."""
    title = Paragraph(TITLE_PARAGRAPH, article.title)
    named_in_title = find_mentions(matcher, [title])
    signed = [Paragraph(COMPANY_PARAGRAPH, article.company)] if article.company else []
    signer = [m for m in find_mentions(matcher, signed) if m.kind == "companies"]
    return tag_article((*signer, *digest.mentions), named_in_title)


def proposed_fields(article: Article, digest: Digest, matcher: Matcher) -> dict[str, Any]:
    """Lay out the editorial fields the generator proposes for one article, in file order."""
    fields: dict[str, Any] = {
        "summary": digest.summary,
        "key_points": list(digest.key_points),
        "figures": [
            {"value": f.value, "about": f.about, "paragraph": f.paragraph} for f in digest.figures
        ],
    }
    tags = article_tags(article, digest, matcher)
    fields.update({kind: tags[kind] for kind in ENTITY_KINDS})
    fields["reviewed"] = False
    return fields


def document_summary(document: Document, digests: dict[str, Digest]) -> str:
    """Summarise a whole document from its articles' summaries."""
    return summarize_document([digests[a.id].summary for a in document.articles], document.title)
