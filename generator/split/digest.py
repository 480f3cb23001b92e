"""Split a news digest: items between rule lines, or after marked headlines, each a headline
over its story.

A weekly digest, a newsletter or a clippings file prints a masthead, perhaps a list of what
is inside, then its stories one after another, a rule line ("-----", "=====", "* * *")
between them, each opening with its headline ("[2] CATL adds 40 GWh in Yibin"); or with no
rule, each headline set after a mark ("■ Hungary: Samsung SDI expands Göd plant"), after its
number, or in bold.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from generator.blocks import blocks_from_lines, parts_between
from generator.model import ArticleDraft, Block, CleanText, DocumentDraft
from generator.split.article import (
    BODY_MIN_WORDS,
    date_alone,
    masthead_issuer,
    without_contacts,
)
from generator.text import (
    first_stated_date,
    issue_date,
    names_a_day,
    plain_text,
    word_count,
    yearless_date,
)

# A line of one mark repeated, spaced or not: "-----", "━━━━", "* * *", "=====".
_RULE_LINE = re.compile(r"^\s*([^\w\s])(?:\s*\1){2,}\s*$")
# The number a digest prints before a headline: "[2]", "2.", "(2)", "No. 2".
_ITEM_NUMBER = re.compile(r"^\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)]|No\.\s*\d{1,3}[.:]?)\s+")
# The mark a newsletter sets before each story's headline, where it prints no rule between.
_HEADLINE_MARK = re.compile(r"^\s*[■□◆◇●◉▣◎★☆▶►]\s*(?=\w)")
# A line set wholly in bold: a newsletter's headline where it uses no heading ("**Chungbuk
# picked as a hydrogen cluster**", as a web page's <p><strong> comes through extraction).
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>(?:(?!\1).)+)\1\s*$")
# A marked or numbered headline has at least this many words (see _reads_as_headline).
MARKED_HEADLINE_MIN_WORDS = 4
# A headline opens with a word: letters, or a number run into letters ("10월 수출", "5G").
_OPENS_WITH_WORD = re.compile(r"\d*[^\W\d_]")
# A digest holds at least this many stories.
MIN_ITEMS = 2
# A digest whose headlines nothing marks holds at least this many, most of them opening on
# the day they tell of: an article's subheads are fewer, and open on no day.
PLAIN_MIN_ITEMS = 3


def looks_like_digest(lines: Sequence[str]) -> bool:
    """Tell a digest by two or more rule-separated or marked parts that each read as a story."""
    return sum(_stories(_digest_parts(lines))) >= MIN_ITEMS


def _digest_parts(lines: Sequence[str]) -> list[list[str]]:
    """The digest's parts: between its rule lines, or else each from a marked headline on,
    or else each from a numbered one ("1. Chungnam signs ...", "2. Dangjin ..."), or else
    each from a line set wholly in bold, or else each from a headline nothing marks."""
    parts = parts_between(lines, _RULE_LINE)
    if sum(_stories(parts)) >= MIN_ITEMS:
        return parts
    for headlines in (_marked_headlines(lines), _numbered_headlines(lines), _bold_headlines(lines)):
        headed = _parts_from(lines, headlines)
        if sum(_stories(headed)) >= MIN_ITEMS:
            return headed
    headed = _parts_from(lines, _plain_headlines(lines))
    if sum(_stories(headed)) >= PLAIN_MIN_ITEMS and _mostly_dated(headed):
        return headed
    return parts


def _parts_from(lines: Sequence[str], headlines: list[int]) -> list[list[str]]:
    """The parts from each headline on; none when more than a masthead stands above the
    first: a newsletter that marks some items and numbers others (or marks its sections)
    is no digest of such stories, and would lose the rest. A heading above is the masthead's
    (an email's subject set over its body), however long."""
    above = (
        [line for line in lines[: headlines[0]] if not line.startswith("#")] if headlines else []
    )
    if not headlines or word_count(" ".join(above)) >= BODY_MIN_WORDS:
        return []
    cuts = [0, *headlines, len(lines)]
    headed = [list(lines[start:end]) for start, end in itertools.pairwise(cuts)]
    return [part for part in headed if any(line.strip() for line in part)]


def _marked_headlines(lines: Sequence[str]) -> list[int]:
    found = []
    for number, line in enumerate(lines):
        mark = _HEADLINE_MARK.match(line)
        if mark is not None and _reads_as_headline(line[mark.end() :]):
            found.append(number)
    return found


def _bold_headlines(lines: Sequence[str]) -> list[int]:
    return [
        number
        for number, line in enumerate(lines)
        if (bold := _BOLD_LINE.match(line)) is not None and _reads_as_headline(bold["text"])
    ]


def _plain_headlines(lines: Sequence[str]) -> list[int]:
    """Lines that stand as headlines with nothing to mark them (a newsletter's text, as a
    mail's plain part or a copy into a text file gives it): each opens a paragraph, reads
    as a headline, and has a paragraph of body text right under it."""
    found = []
    for number, line in enumerate(lines):
        if (number and lines[number - 1].strip()) or not _reads_as_headline(line):
            continue
        rest = list(itertools.dropwhile(lambda later: not later.strip(), lines[number + 1 :]))
        body = list(itertools.takewhile(str.strip, rest))
        if word_count(" ".join(body)) >= BODY_MIN_WORDS:
            found.append(number)
    return found


def _mostly_dated(parts: Sequence[Sequence[str]]) -> bool:
    """Whether half the stories or more open on the day they tell of."""
    stories = [part for part, story in zip(parts, _stories(parts), strict=True) if story]
    dated = [part for part in stories if names_a_day(" ".join(_opening(_story_blocks(part))))]
    return 2 * len(dated) >= len(stories)


def _numbered_headlines(lines: Sequence[str]) -> list[int]:
    """The lines numbering a digest's headlines 1, 2, 3... in order; none when the numbers
    run otherwise (a list's items, a report's sections under their own numbering)."""
    found, numbers = [], []
    for number, line in enumerate(lines):
        item = _ITEM_NUMBER.match(line)
        if item is not None and _reads_as_headline(line[item.end() :]):
            found.append(number)
            numbers.append(int(re.search(r"\d+", item.group()).group()))
    return found if numbers == list(range(1, len(numbers) + 1)) else []


def _reads_as_headline(text: str) -> bool:
    """A headline after its mark or number names its story: a section's name ("□ 추진 배경",
    "■ Next steps") is shorter, and a point ("1. The fund opens in May.") is a sentence."""
    headline = text.strip()
    return MARKED_HEADLINE_MIN_WORDS <= word_count(headline) < BODY_MIN_WORDS and not (
        headline.endswith((".", "。"))
    )


def _stories(parts: Sequence[Sequence[str]]) -> list[bool]:
    """Which parts are stories. In a digest that dates its stories by a line of the date
    above each headline, a part without one is not a story: the masthead, a footer."""
    dated = [_is_story(part) and _opening_date(part) is not None for part in parts]
    return dated if sum(dated) >= MIN_ITEMS else [_is_story(part) for part in parts]


def split_digest(clean: CleanText) -> DocumentDraft:
    """Make one article per story; the masthead before the first names the digest."""
    parts = _digest_parts(clean.lines)
    stories = _stories(parts)
    first = stories.index(True)
    masthead = [line.strip() for part in parts[:first] for line in part if line.strip()]
    title = plain_text(masthead[0].lstrip("#")) if masthead else clean.source.title
    issued = issue_date(masthead, clean.source.date)
    articles: list[ArticleDraft] = []
    for part, story in zip(parts[first:], stories[first:], strict=True):
        if story:
            articles.append(_story(part, issued))
        elif articles:  # a part with no headline of its own goes on with the story before
            last = articles[-1]
            extra = blocks_from_lines(part)
            articles[-1] = replace(last, blocks=last.blocks + extra)
    publisher = clean.publisher or masthead_issuer(masthead)
    return DocumentDraft("digest", title, publisher, issued, tuple(articles))


def _is_story(part: Sequence[str]) -> bool:
    """A headline line (short, not a sentence, opening with a word, "10월" and "5G" among
    them: not a note "※ ..." or a table row "18.(Tue) ...") over a body long enough to be
    a story; a line of the story's date may stand above the headline."""
    lines = [line.strip() for line in part if line.strip()]
    if _opening_date(part):
        lines = lines[1:]
    if len(lines) < 2:
        return False
    headline = _headline(lines[0])
    return (
        _OPENS_WITH_WORD.match(headline) is not None
        and 2 <= word_count(headline) < BODY_MIN_WORDS
        and not headline.endswith(".")
        and word_count(" ".join(lines[1:])) >= BODY_MIN_WORDS
    )


def _headline(line: str) -> str:
    """A story's first line without its number, heading marks or bold."""
    bold = _BOLD_LINE.match(line)
    line = bold["text"] if bold is not None else line
    return _ITEM_NUMBER.sub("", _HEADLINE_MARK.sub("", line.strip())).lstrip("#").strip()


def _story(part: Sequence[str], issued: str | None) -> ArticleDraft:
    dated = _opening_date(part)
    headline = plain_text(_headline(part[_headline_line(part)]))
    blocks = _story_blocks(part)
    opening = _opening(blocks)
    return ArticleDraft(
        title=headline,
        blocks=blocks,
        date=dated or first_stated_date([headline, *opening]) or yearless_date(opening, issued),
    )


def _headline_line(part: Sequence[str]) -> int:
    """Where a story's headline is: its first line, or its second under a line of its date."""
    filled = [index for index, line in enumerate(part) if line.strip()]
    return filled[1] if _opening_date(part) else filled[0]


def _story_blocks(part: Sequence[str]) -> tuple[Block, ...]:
    """A story's text under its headline, without a closing contact line."""
    return without_contacts(blocks_from_lines(part[_headline_line(part) + 1 :]))


def _opening(blocks: Sequence[Block]) -> list[str]:
    """The text of a story's first block, which says when its news happened."""
    return [block.text for block in blocks[:1]]


def _opening_date(part: Sequence[str]) -> str | None:
    """The date of a part whose first line is a date alone ("2025.03.10 (Mon)")."""
    return date_alone(next((line for line in part if line.strip()), ""))
