"""The derived text cache: cleaned article paragraphs, kept out of content/."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from generator.model import Article, Author, Document, Paragraph


def render_document_cache(document: Document) -> str:
    """Serialise a whole document, paragraphs included, as sorted, indented JSON."""
    return json.dumps(asdict(document), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def load_document_cache(path: Path) -> Document:
    """Read a document back from its cache file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    articles = tuple(_article(article) for article in data.pop("articles"))
    return Document(**data, articles=articles)


def _article(data: dict[str, Any]) -> Article:
    author = data.pop("author")
    paragraphs = tuple(Paragraph(**paragraph) for paragraph in data.pop("paragraphs"))
    subtitles = tuple(data.pop("subtitles"))
    return Article(
        **data,
        author=Author(**author) if author else None,
        subtitles=subtitles,
        paragraphs=paragraphs,
    )
