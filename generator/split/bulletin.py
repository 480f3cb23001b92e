"""Split a news bulletin: items between "-" lines, each ending with its date."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from generator.blocks import blocks_from_lines, parts_between
from generator.model import ArticleDraft, CleanText, DocumentDraft

_SEPARATOR = re.compile(r"^\s*[-–—]\s*$")
_DATE_TAIL = re.compile(r"\s*\bdate\s*:?\s*(\d{4})[-./](\d{1,2})[-./](\d{1,2})\.?\s*$", re.I)
# An organisation defined with its acronym: "Ministry of Trade, Industry and Energy (MOTIE)".
_DEFINED_ORGANIZATION = re.compile(
    r"\b((?:Ministry|Department|Agency|Office|Bureau|Commission|Administration|Council|Service)"
    r" (?:of|for) [A-Z][A-Za-z,&' ]{2,80}?) \(([A-Z][A-Za-z&]{1,9})\)"
)
# A line of this many words or more is body text, never a title or a category.
BODY_MIN_WORDS = 25
CATEGORY_MAX_WORDS = 4


def looks_like_bulletin(lines: Sequence[str]) -> bool:
    """Tell a bulletin by its dated item tails: two or more, or one after a "-" opener."""
    tails = sum(1 for line in lines if _DATE_TAIL.search(line))
    first = next((line for line in lines if line.strip()), "")
    return tails >= 2 or (tails == 1 and bool(_SEPARATOR.match(first)))


def split_bulletin(clean: CleanText) -> DocumentDraft:
    """Make one article per dated item, titled "<publisher> news, <date range>"."""
    articles = tuple(
        article
        for item in parts_between(clean.lines, _SEPARATOR)
        if (article := _item_article(item)) is not None
    )
    organization = _dominant_organization("\n".join(clean.lines))
    publisher = clean.publisher or (organization[0] if organization else None)
    dates = sorted(article.date for article in articles if article.date)
    return DocumentDraft(
        kind="bulletin",
        title=_bulletin_title(organization[1] if organization else publisher, dates),
        publisher=publisher,
        date=dates[-1] if dates else None,
        articles=articles,
    )


def _item_article(item: list[str]) -> ArticleDraft | None:
    """Read category, title, body and date tail of one item."""
    lines = [line for line in item if line.strip()]
    item_date = None
    for index in range(len(lines) - 1, -1, -1):
        match = _DATE_TAIL.search(lines[index])
        if match:
            item_date = _iso(*match.groups())
            lines[index] = lines[index][: match.start()].rstrip()
            break
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return None
    has_category = (
        len(lines) >= 3
        and len(lines[0].split()) <= CATEGORY_MAX_WORDS
        and len(lines[1].split()) < BODY_MIN_WORDS
    )
    section = lines[0] if has_category else None
    title, body = (lines[1], lines[2:]) if has_category else (lines[0], lines[1:])
    return ArticleDraft(
        title=title, blocks=blocks_from_lines(_paragraphed(body)), date=item_date, section=section
    )


def _paragraphed(lines: list[str]) -> list[str]:
    """Bulletin lines are whole paragraphs; keep them apart."""
    spaced: list[str] = []
    for line in lines:
        spaced.extend((line, ""))
    return spaced


def _dominant_organization(text: str) -> tuple[str, str] | None:
    """Name the organisation a bulletin speaks for: the defined one its text names most."""
    defined = {acronym: name for name, acronym in _DEFINED_ORGANIZATION.findall(text)}
    if not defined:
        return None
    counts = Counter(
        {acronym: len(re.findall(rf"\b{re.escape(acronym)}\b", text)) for acronym in defined}
    )
    acronym, _ = min(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return defined[acronym].strip(), acronym


def _bulletin_title(short_name: str | None, dates: list[str]) -> str:
    label = f"{short_name} news" if short_name else "News bulletin"
    if not dates:
        return label
    return f"{label}, {_date_range(dates[0], dates[-1])}"


def _date_range(first: str, last: str) -> str:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    if start == end:
        return f"{end:%B} {end.day}, {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{end:%B} {start.day}–{end.day}, {end.year}"
    if start.year == end.year:
        return f"{start:%B} {start.day} – {end:%B} {end.day}, {end.year}"
    return f"{start:%B} {start.day}, {start.year} – {end:%B} {end.day}, {end.year}"


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
