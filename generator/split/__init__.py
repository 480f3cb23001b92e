"""Split a cleaned document into the articles a reader wants, by the shape its text shows."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from generator.model import CleanText, DocumentDraft
from generator.split.article import looks_like_collection, split_article, split_collection
from generator.split.bulletin import looks_like_bulletin, split_bulletin
from generator.split.compendium import looks_like_compendium, split_compendium
from generator.split.digest import looks_like_digest, split_digest
from generator.split.magazine import looks_like_magazine, split_magazine

log = logging.getLogger(__name__)

Detector = Callable[[Sequence[str]], bool]
Splitter = Callable[[CleanText], DocumentDraft]

# Tried in order: the most specific shapes first; a single article is the last resort.
SHAPES: tuple[tuple[str, Detector, Splitter], ...] = (
    ("bulletin", looks_like_bulletin, split_bulletin),
    ("compendium", looks_like_compendium, split_compendium),
    ("magazine", looks_like_magazine, split_magazine),
    ("collection", looks_like_collection, split_collection),
    ("digest", looks_like_digest, split_digest),
    ("article", lambda lines: True, split_article),
)


def detect_shape(lines: Sequence[str]) -> str:
    """Name the shape of a document from its text alone."""
    return next(name for name, detector, _ in SHAPES if detector(lines))


def split_document(clean: CleanText) -> DocumentDraft:
    """Split by the detected shape; if that finds no article, fall back to a simpler shape."""
    names = [name for name, _, _ in SHAPES]
    start = names.index(detect_shape(clean.lines))
    for name, detector, splitter in SHAPES[start:]:
        if name != names[start] and not detector(clean.lines):
            continue
        try:
            draft = splitter(clean)
        except (ValueError, IndexError, KeyError) as error:
            # A shape's splitter meeting a variant it cannot read must not lose the document.
            log.warning(
                "%s: reading it as a %s failed (%s); trying a simpler shape",
                clean.source.path,
                name,
                error,
            )
            continue
        if draft.articles:
            return draft
    return split_article(clean)
