"""Split a magazine issue: one article per piece its contents list names, found again in
the body by title, by the label the list prints, or by a byline; cover, contents list,
colophon and running headers stay out of the articles."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from generator.blocks import blocks_from_lines
from generator.model import ArticleDraft, Author, Block, CleanText, DocumentDraft
from generator.text import (
    CJK_PERSON_NAME,
    MONTH_PATTERN,
    NAME_PARTICLES,
    STATED_DATE,
    normalize_title,
    plain_text,
    stated_dates,
)

log = logging.getLogger(__name__)

# The contents heading as printed, misprinted or translated. A misspelling such as
# "COTENTS" scores 0.93 against "contents" while the word "Context" scores 0.80.
_CONTENTS_WORDS = ("contents", "table of contents", "in this issue")
_CONTENTS_NATIVE = frozenset({"목차", "차례", "目录", "目錄", "目次"})
CONTENTS_MIN_RATIO = 0.85
MIN_CONTENTS_ENTRIES = 3
# Non-entry lines (part headings, a lost entry's title) a contents list may hold between
# two entries; more, and the list has ended.
MAX_CONTENTS_GAP = 3
# A list line without a page number is an entry only with this many words: part headings
# ("Features", "Local Diplomacy News") are shorter than most titles.
PLAIN_ENTRY_MIN_WORDS = 4
# A line this long is prose: never a title, an entry, a label or a byline.
BODY_MIN_WORDS = 20
TITLE_MAX_WORDS = 25
KICKER_MAX_WORDS = 8
NAME_MAX_WORDS = 4
ROLE_MAX_WORDS = 20
# Title scores on normalized words: the same words, the listed title inside a longer body
# title (a kicker or subtitle added), or difflib's ratio, which "cityin" for "city in"
# keeps at 0.99 while a different headline on the same topic falls below 0.8.
TITLE_MIN_SCORE = 0.8
CONTAINED_SCORE = 0.9
# One title shortens the other: every word of the shorter stands in the longer, in order,
# and the longer is at most twice as long ("Busan opens its cruise terminal" for "Busan
# opens its new cruise terminal to the world", whose ratio is only 0.79; a listed title
# followed by its author's name).
ABRIDGED_SCORE = 0.85
MIN_SHARED_WORDS = 0.5  # quick reject before the costlier ratio
# A running header printed from one template with a changing name ("Chungcheongnam-do,
# The Center of the Republic of Korea"): this many fixed words, a name of at most this
# many words, seen on at least this many lines.
TEMPLATE_MIN_FIXED_WORDS = 3
TEMPLATE_MAX_NAME_WORDS = 3
TEMPLATE_MAX_WORDS = 14
TEMPLATE_MIN_LINES = 3
# A colophon is a cluster of this many "Key value" lines, each at most this far apart.
COLOPHON_MIN_KEYS = 2
COLOPHON_MAX_GAP = 4
COLOPHON_KEY_MAX_WORDS = 15
# The cover and the colophon sit within this many non-blank lines of either end.
COVER_LINES = 40
ISSUE_LINE_MAX_WORDS = 8

_SENTENCE_END = re.compile(r"[.,;:]$")
# How a finished sentence ends, as blocks.merge_broken_paragraphs reads it.
_FINISHED = re.compile(r"[.!?。！？:;\"”’')\]]\s*$")
# Words no sentence ends on: a paragraph ending with one was cut by a caption or a box.
_OPEN_ENDINGS = frozenset(
    "a an the of to in on at for with by from and or but as that which such its their our".split()
)
# Words that open a sentence: a capitalised paragraph starting with one is not the rest
# of the paragraph before it.
_SENTENCE_OPENERS = frozenset(
    "the a an in on at for but and or as if it its this that these those there they we i you "
    "he she our his her their however also moreover furthermore meanwhile since when while "
    "after before although because during".split()
)
# Blocks a caption, a footnote or a quote box may put between the halves of a sentence.
CONTINUATION_LOOKAHEAD = 3
_LIST_MARK = re.compile(r"[-*+]\s|\d{1,2}[.)]\s")
_BULLETS = re.compile(r"^[\s•·■▪●◦○▶►◆◇□\-–—*]+")
# What a layout or a decoder leaves between a label and its page: dot leaders, dashes,
# and a stray letter glued to them ("렁·" where "···" was misdecoded).
_PAGE_LEAD = re.compile(
    r"^(?:[\s.·…•\-–—_~]|[^\x00-\x7f\d](?=[\s.·…•]))*(?P<page>\d{1,3})(?!\d)\s*(?P<title>.*)$"
)
_LABEL_ENTRY = re.compile(r"^\[?\s*(?P<label>[^\[\]]{2,60}?)\s*\]\s*(?P<rest>.*)$")
_PAGE_FIRST = re.compile(r"^(?P<page>\d{1,3})(?!\d)(?:\s*[.·…|:\-–—]+\s*|\s+)(?P<title>\D.*)$")
_PAGE_LAST = re.compile(
    r"^(?P<title>.*?[^\d\s.·…\-–—_])\s*(?:[.·…\-–—_]{2,}|\s)\s*(?:p\.?\s*)?(?P<page>\d{1,3})$"
)
_HAS_LEADER = re.compile(r"\.{3,}|…|·{2,}|-{3,}")
# The next part's number run into the end of an entry ("... New Industries 04").
_PART_NUMBER_TAIL = re.compile(r"\s+0\d$")

_PERIODICAL = re.compile(
    r"\b(?:magazine|quarterly|monthly|bimonthly|bi-monthly|weekly|newsletter|webzine)\b"
    r"|매거진|웹진|계간|월간|소식지",
    re.I,
)
_ISSUE = re.compile(
    rf"\b(?:vol\.?|volume|issue|no\.)\s*\d{{1,4}}\b"
    rf"|\b(?:spring|summer|fall|autumn|winter)\s+(?:issue\s+)?\d{{4}}\b"
    rf"|^(?:{MONTH_PATTERN})\.?\s+\d{{4}}\b",
    re.I,
)
_COLOPHON_KEY = re.compile(
    r"^(?P<key>date of (?:publication|issue)|publication date|issue date|published(?: by| on)?"
    r"|publisher|issued(?: by| on)?|(?:english |managing |chief |executive )?editor"
    r"(?:-in-chief| in chief)?|editorial (?:board|team)|designed by|design|printed by|printing"
    r"|address|tel|phone|fax|e-?mail|website|homepage|issn|registration(?: no\.?| number)?"
    r"|발행인|발행일|발행처|편집인|주소|전화)(?![\w-])\s*[:.]?\s*(?P<value>.*)$",
    re.I,
)
_PUBLISHER_KEYS = ("published by", "publisher", "issued by", "발행처", "발행인")
_DATE_KEYS = (
    "date of publication",
    "date of issue",
    "publication date",
    "issue date",
    "published",
    "published on",
    "issued",
    "issued on",
    "발행일",
)
# Editorial matter printed after the last piece: a note on the magazine, not a piece of it.
_BACK_MATTER = re.compile(
    r"^(?:editorial(?: review| note| board)?|editor'?s'? (?:note|letter)|from the editor"
    r"|about (?:this|the) (?:magazine|issue|publication)|masthead|colophon|imprint)$",
    re.I,
)
_BY = re.compile(r"^(?:by|written by|words by|text by|reported by|interview by)\s+(.+)$", re.I)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||/|\s[–—-]\s)\s*")
# A capitalised word of a name, accents included ("Kovács", "Élodie").
_NAME_TOKEN = re.compile(r"(?=[A-ZÀ-ÖØ-Þ])[^\W\d_][^\W\d_'’.\-]*(?:['’.\-][^\W\d_]*)*")
_ROLE_WORDS = frozenset(
    "head director fellow researcher professor correspondent reporter editor writer journalist "
    "columnist chair chairman chairperson president ceo manager secretary analyst economist "
    "consultant adviser advisor officer lecturer scientist engineer ambassador consul governor "
    "mayor minister founder partner representative specialist expert leader chief dean curator "
    "photographer author contributor".split()
)
# Words that make a phrase the name of an organisation. Units inside one ("office",
# "department", "team") are left out so "head of the China office of X" credits X.
ORGANIZATION_WORDS = frozenset(
    "association institute institution agency ministry council foundation corporation company "
    "group network society press media publishing publications daily times news herald journal "
    "university college school center centre bank federation union league committee commission "
    "organization organisation authority government inc ltd co corp".split()
)
_ORGANIZATION_LINK = re.compile(r"\s*,\s*|\s+(?:at|of)\s+(?:the\s+)?|\s+\|\s+|\s+[–—]\s+")


def has_word_of(words: Iterable[str], kind_words: frozenset[str]) -> bool:
    """Tell whether any of a name's words, in lower case and without the punctuation around
    it, is one of kind_words ("Provincial Government" has "government")."""
    return any(word.strip(".,()&").lower() in kind_words for word in words)


@dataclass(frozen=True)
class ContentsEntry:
    """One piece as the contents list names it."""

    label: str | None  # the bracketed tag before its page: a region, an institute ("[Incheon]")
    title: str | None  # as listed; None when the list lost it
    section: str | None = None  # the part heading printed above it


@dataclass(frozen=True)
class ContentsList:
    """The contents list and where it sits."""

    heading: int  # index of the "CONTENTS" line
    end: int  # index just after its last entry
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class Byline:
    """An author line or two next to a title."""

    author: Author
    first: int  # index of its first line
    last: int  # index of its last line


@dataclass(frozen=True)
class Anchor:
    """The lines that tell where a piece begins."""

    kicker: int | None = None  # a short line naming the entry's label ("Incheon's Local Diplomacy")
    title_line: int | None = None  # the body line carrying the title


@dataclass(frozen=True)
class Piece:
    """One located piece: where it starts and what its header lines say."""

    start: int  # first line: its kicker, byline or title
    title: str
    header: frozenset[int]  # kicker, title and byline lines, kept out of the body
    author: Author | None
    section: str | None


@dataclass(frozen=True)
class Colophon:
    """The imprint: publisher, date and addresses as "Key value" lines."""

    start: int
    end: int  # just after its last line
    fields: tuple[tuple[str, str], ...]  # (lower-case key, value with continuation lines)


def looks_like_magazine(lines: Sequence[str]) -> bool:
    """Tell a magazine by a contents list of several entries plus a sign of a periodical:
    a name such as "Quarterly", an issue line ("Fall 2023", "Vol. 3") or a colophon."""
    if find_contents(lines) is None:
        return False
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    ends = [*nonblank[:COVER_LINES], *nonblank[-COVER_LINES:]]
    if any(_is_periodical_line(lines[index]) for index in ends):
        return True
    return bool(find_colophons(lines))


def split_magazine(clean: CleanText) -> DocumentDraft:
    """Make one article per piece of the issue, with the issue's name, publisher and date."""
    lines = clean.lines
    contents = find_contents(lines)
    if contents is None:
        raise ValueError("no contents list")
    colophons = find_colophons(lines)
    headers = _template_headers(lines, contents.end)
    # A name printed on three pages or more was taken for a running header by the cleaner.
    name = _magazine_name(lines) or _magazine_name(clean.removed)
    pieces = _locate_pieces(lines, contents, headers, colophons, name, clean.source.path)
    if not pieces:
        raise ValueError(f"none of the {len(contents.entries)} contents entries is in the body")
    end = _back_matter_start(lines, pieces[-1].start, colophons, name)
    skipped = headers | _colophon_lines(colophons)
    ends = [piece.start for piece in pieces[1:]] + [end]
    articles = tuple(
        _article(lines, piece, stop, skipped) for piece, stop in zip(pieces, ends, strict=True)
    )
    outside = [*range(pieces[0].start), *range(end, len(lines))]
    return DocumentDraft(
        kind="magazine",
        title=_issue_title(lines, name or _cover_title(lines, clean.removed), outside)
        or clean.source.title,
        publisher=_colophon_publisher(colophons) or clean.publisher,
        date=_colophon_date(colophons) or clean.source.date,
        articles=tuple(article for article in articles if article.blocks),
    )


def find_contents(lines: Sequence[str]) -> ContentsList | None:
    """Find the first contents heading followed by enough entries."""
    titles: list[tuple[int, str]] | None = None  # the short lines' title keys, made once
    for index, line in enumerate(lines):
        if _is_contents_heading(line):
            if titles is None:
                titles = [(i, _title_key(text)) for i, text in enumerate(lines) if _is_short(text)]
            contents = _read_contents(lines, index, titles)
            if len(contents.entries) >= MIN_CONTENTS_ENTRIES:
                return contents
    return None


def _is_contents_heading(line: str) -> bool:
    if not line.strip() or len(line) > 40:  # cheap test first: most lines are long
        return False
    word = " ".join(_bare(line).lower().rstrip(":").split())
    if word in _CONTENTS_NATIVE:
        return True
    return any(
        SequenceMatcher(None, word, form).ratio() >= CONTENTS_MIN_RATIO for form in _CONTENTS_WORDS
    )


def _bare(line: str) -> str:
    """A line without heading marks, emphasis or tags."""
    return plain_text(line.strip().lstrip("#").strip()).strip("*_ ")


def _read_contents(
    lines: Sequence[str], heading: int, titles: Sequence[tuple[int, str]]
) -> ContentsList:
    """Read entries, part headings and lost titles until the body's prose begins."""
    entries: list[ContentsEntry] = []
    section: str | None = None
    end, gap = heading + 1, 0
    for index in range(heading + 1, len(lines)):
        line = _bare(lines[index])
        if not line:
            continue
        entry = parse_contents_entry(line)
        if _is_prose(line) and not (entry and entry.label) and not _HAS_LEADER.search(line):
            break
        if entry is not None:
            entries.append(replace(entry, section=section))
            end, gap = index + 1, 0
            continue
        gap += 1
        if gap > MAX_CONTENTS_GAP:
            break
        # A line the body prints again as a heading is a title: of the entry before it if
        # the list lost that one's title, else of an entry without a page number. A part
        # heading never is, unless as a kicker over several pieces: more than once.
        found = _reappearances(line, titles, index + 1)
        if entries and entries[-1].title is None and found:
            entries[-1] = replace(entries[-1], title=_clean_title(line))
        elif found == 1 and len(line.split()) >= PLAIN_ENTRY_MIN_WORDS:
            entries.append(ContentsEntry(None, _clean_title(line), section))
        else:
            section = _clean_title(line)
            continue
        end, gap = index + 1, 0
    return ContentsList(heading, end, tuple(_merge_duplicates(entries)))


def parse_contents_entry(line: str) -> ContentsEntry | None:
    """Read one entry: "[Label] 12 Title", "Label] 12", "12 Title" or "Title ..... 12"."""
    labelled = _LABEL_ENTRY.match(line)
    if labelled and re.search(r"[^\W\d_]", labelled.group("label")):
        rest = labelled.group("rest").strip()
        paged = _PAGE_LEAD.match(rest)
        title = _PART_NUMBER_TAIL.sub("", paged.group("title")) if paged else rest
        return ContentsEntry(_clean_title(labelled.group("label")), _clean_title(title) or None)
    for pattern in (_PAGE_FIRST, _PAGE_LAST):
        paged = pattern.match(line)
        if paged:
            title = _clean_title(_PART_NUMBER_TAIL.sub("", paged.group("title")).rstrip(" .·…"))
            return ContentsEntry(None, title) if title else None
    return None


def _merge_duplicates(entries: list[ContentsEntry]) -> list[ContentsEntry]:
    """Drop entries a garbled list prints twice (the same label or title), keeping the
    title either copy carries."""
    merged: list[ContentsEntry] = []
    for entry in entries:
        twin = next((i for i, kept in enumerate(merged) if _same_entry(kept, entry)), None)
        if twin is None:
            merged.append(entry)
        elif merged[twin].title is None and entry.title:
            merged[twin] = replace(merged[twin], title=entry.title)
    return merged


def _same_entry(first: ContentsEntry, second: ContentsEntry) -> bool:
    if first.label and second.label:
        return _title_key(first.label) == _title_key(second.label)
    return bool(first.title and second.title) and (
        _title_key(first.title) == _title_key(second.title)
    )


def _reappearances(line: str, titles: Sequence[tuple[int, str]], start: int) -> int:
    """Count the short lines from start on that carry line's title."""
    key = _title_key(line)
    return sum(
        1
        for index, title in titles
        if index >= start and _title_score(key, title) >= TITLE_MIN_SCORE
    )


def _locate_pieces(
    lines: Sequence[str],
    contents: ContentsList,
    headers: frozenset[int],
    colophons: Sequence[Colophon],
    name: str | None,
    path: str,
) -> list[Piece]:
    """Anchor each entry by its title, else by a kicker naming its label, else by a
    title with a byline in the gap its neighbours leave; add byline-marked pieces the
    list lost.

    Args:
        lines: the cleaned lines of the issue.
        contents: its contents list.
        headers: indices of running-header lines, never titles or body text.
        colophons: the imprint blocks, where the last piece ends at the latest.
        name: the magazine's name, whose mention opens the editorial note after the pieces.
        path: the source, for the warning about an entry not found.

    Returns:
        The pieces in the order of the body.
    """
    entries = contents.entries
    anchors = _kicker_anchors(
        lines, entries, _match_titles(lines, entries, contents.end), contents.end, headers
    )
    anchors.update(_byline_anchors(lines, entries, anchors, contents.end, headers))
    pieces = [
        _piece(lines, anchors[index], entry, headers)
        for index, entry in enumerate(entries)
        if index in anchors
    ]
    for index, entry in enumerate(entries):
        if index not in anchors:
            log.warning(
                "%s: contents entry %r not found in the body", path, entry.title or entry.label
            )
    pieces.sort(key=lambda piece: piece.start)
    if pieces:
        pieces = _with_unlisted_pieces(lines, pieces, headers, colophons, name)
    return pieces


def _match_titles(
    lines: Sequence[str], entries: Sequence[ContentsEntry], start: int
) -> dict[int, int]:
    """Place the listed titles on body lines, in the list's order, maximizing the total
    score so one stray match cannot push the others out."""
    keys = {
        index: _title_key(lines[index])
        for index in range(start, len(lines))
        if _is_short(lines[index])
    }
    pairs = sorted(
        (line, entry, score)
        for entry, listed in enumerate(entries)
        if listed.title
        for line, key in keys.items()
        if (score := _title_score(_title_key(listed.title), key)) >= TITLE_MIN_SCORE
    )
    best: list[tuple[float, list[tuple[int, int]]]] = []  # per pair: chain score, chain
    for line, entry, score in pairs:
        chains = [chain for chain in best if chain[1][-1][0] < entry and chain[1][-1][1] < line]
        total, chain = max(chains, default=(0.0, []))
        best.append((total + score, [*chain, (entry, line)]))
    _, chain = max(best, default=(0.0, []))
    return dict(chain)


def _title_score(listed: str, found: str) -> float:
    if not listed or not found:
        return 0.0
    if listed == found:
        return 1.0
    listed_list, found_list = listed.split(), found.split()
    listed_words, found_words = set(listed_list), set(found_list)
    if not listed_words & found_words:
        return 0.0  # most pairs: the cheapest test first
    if len(listed_words) >= 3 and (found.startswith(listed) or found.endswith(listed)):
        return CONTAINED_SCORE
    if _is_abridgement(listed_list, found_list) or _is_abridgement(found_list, listed_list):
        return ABRIDGED_SCORE
    shared = len(listed_words & found_words) / max(len(listed_words), len(found_words))
    if shared < MIN_SHARED_WORDS:
        return 0.0
    return SequenceMatcher(None, listed, found).ratio()


def _is_abridgement(short: list[str], full: list[str]) -> bool:
    if len(short) < 3 or len(full) > 2 * len(short):
        return False
    remaining = iter(full)
    return all(word in remaining for word in short)  # in order: `in` consumes the iterator


def _kicker_anchors(
    lines: Sequence[str],
    entries: Sequence[ContentsEntry],
    titles: dict[int, int],
    start: int,
    headers: frozenset[int],
) -> dict[int, Anchor]:
    """Add to each entry the short line naming its label before its title ("Incheon's
    Local Diplomacy", a running header "Chungcheongnam-do, The Center of ..."): the
    piece begins there. An entry whose title the list lost is placed by its kicker alone."""
    anchors: dict[int, Anchor] = {}
    previous = start - 1
    for index, entry in enumerate(entries):
        title_line = titles.get(index)
        following = [line for later, line in titles.items() if later > index]
        stop = title_line if title_line is not None else min(following, default=len(lines))
        kickers = _kicker_lines(lines, entry.label, range(previous + 1, stop), headers)
        # Closest to its title when one is found; else the first, where the piece opens.
        kicker = (kickers[-1] if title_line is not None else kickers[0]) if kickers else None
        if title_line is None and kicker is not None:
            title_line = _title_after_kicker(lines, kicker, headers)
        if title_line is not None or kicker is not None:
            anchors[index] = Anchor(kicker, title_line)
            previous = max(position for position in (kicker, title_line) if position is not None)
    return anchors


def _kicker_lines(
    lines: Sequence[str], label: str | None, window: range, headers: frozenset[int]
) -> list[int]:
    if not label:
        return []
    pattern = re.compile(rf"(?:^|\s){re.escape(_title_key(label))}")
    return [
        index
        for index in window
        if lines[index].strip()
        and len(lines[index].split()) <= KICKER_MAX_WORDS
        and (index in headers or _is_heading_like(lines, index))
        and pattern.search(_title_key(lines[index]))
    ]


def _title_after_kicker(lines: Sequence[str], kicker: int, headers: frozenset[int]) -> int | None:
    """The heading right after a kicker, when the next line is one."""
    following = _next_nonblank(lines, kicker + 1, skip=headers)
    if following is not None and _is_heading_like(lines, following):
        return following
    return None


def _byline_anchors(
    lines: Sequence[str],
    entries: Sequence[ContentsEntry],
    anchors: dict[int, Anchor],
    start: int,
    headers: frozenset[int],
) -> dict[int, Anchor]:
    """Place entries still unplaced on the bylined titles between their placed
    neighbours, in order; a title sharing a word with the entry's label goes first."""
    placed: dict[int, Anchor] = {}
    positions = {index: _anchor_position(anchor) for index, anchor in anchors.items()}
    for index, entry in enumerate(entries):
        if index in anchors:
            continue
        low = max((p for i, p in positions.items() if i < index), default=start - 1)
        high = min((p for i, p in positions.items() if i > index), default=len(lines))
        titles = _bylined_titles(lines, range(low + 1, high), headers)
        choice = _closest_to_label(lines, titles, entry.label)
        if choice is not None:
            placed[index] = Anchor(title_line=choice)
            positions[index] = choice
    return placed


def _anchor_position(anchor: Anchor) -> int:
    return max(position for position in (anchor.kicker, anchor.title_line) if position is not None)


def _closest_to_label(lines: Sequence[str], titles: list[int], label: str | None) -> int | None:
    if not titles:
        return None
    stems = {word[:5] for word in _title_key(label or "").split() if len(word) >= 4}
    for title in titles:
        if stems & {word[:5] for word in _title_key(lines[title]).split()}:
            return title
    return titles[0]


def _bylined_titles(lines: Sequence[str], window: range, headers: frozenset[int]) -> list[int]:
    """List the heading-like lines in window that have a byline next to them."""
    return [
        index
        for index in window
        if index not in headers
        and _is_heading_like(lines, index)
        and (_byline_after(lines, index) or _byline_before(lines, index))
    ]


def _with_unlisted_pieces(
    lines: Sequence[str],
    pieces: list[Piece],
    headers: frozenset[int],
    colophons: Sequence[Colophon],
    name: str | None,
) -> list[Piece]:
    """Add the pieces the contents list lost entirely: a title with a byline crediting an
    organisation, outside every located piece's header lines. They join the part of
    the piece before them."""
    taken = set().union(*(piece.header for piece in pieces))
    end = _back_matter_start(lines, pieces[-1].start, colophons, name)
    added = list(pieces)
    for title_line in _bylined_titles(lines, range(pieces[0].start, end), headers):
        byline = _byline_after(lines, title_line) or _byline_before(lines, title_line)
        if title_line in taken or byline is None or not byline.author.organization:
            continue
        before = [piece for piece in added if piece.start < title_line]
        section = before[-1].section if before else None
        added.append(
            _piece(
                lines, Anchor(title_line=title_line), ContentsEntry(None, None, section), headers
            )
        )
    return sorted(added, key=lambda piece: piece.start)


def _piece(
    lines: Sequence[str], anchor: Anchor, entry: ContentsEntry, headers: frozenset[int]
) -> Piece:
    """Read a piece's header: kicker, title and the byline before or after the title."""
    header = {anchor.kicker} if anchor.kicker is not None else set()
    start = anchor.kicker if anchor.kicker is not None else anchor.title_line
    assert start is not None  # an anchor has a kicker or a title line
    title_line = anchor.title_line
    if title_line is not None and not _opens_piece(lines, start, title_line, headers):
        title_line = None  # the listed title heads a later part of the piece: keep it as text
    title = _clean_title(lines[title_line]) if title_line is not None else ""
    byline = None
    if title_line is not None:
        header.add(title_line)
        byline = _byline_after(lines, title_line) or _byline_before(lines, min(start, title_line))
    if byline is not None:
        header.update(range(byline.first, byline.last + 1))
        start = min(start, byline.first)
    return Piece(
        start=start,
        title=title or entry.title or entry.label or "Untitled",
        header=frozenset(header),
        author=byline.author if byline else None,
        section=entry.section,
    )


def _opens_piece(
    lines: Sequence[str], start: int, title_line: int, headers: frozenset[int]
) -> bool:
    """Whether nothing but header lines stand between a piece's first line and its title."""
    return all(
        not lines[index].strip() or index in headers or parse_byline(lines[index])
        for index in range(start + 1, title_line)
    )


def _back_matter_start(
    lines: Sequence[str], last_start: int, colophons: Iterable[Colophon], name: str | None
) -> int:
    """Where the editorial matter after the last piece begins: a note on the magazine
    ("Editorial Review", a paragraph opening with the magazine's name) or the colophon."""
    starts = [colophon.start for colophon in colophons if colophon.start > last_start]
    name_key = " ".join(_title_key(name).split()[:2]) if name else None
    for index in range(last_start + 1, len(lines)):
        if not _is_heading_like(lines, index):
            continue
        following = _next_nonblank(lines, index + 1)
        opens_with_name = (
            bool(name_key)
            and following is not None
            and _title_key(lines[following]).startswith(name_key)
        )
        if _BACK_MATTER.match(_bare(lines[index])) or opens_with_name:
            starts.append(index)
            break
    return min(starts, default=len(lines))


def _article(lines: Sequence[str], piece: Piece, end: int, skipped: frozenset[int]) -> ArticleDraft:
    body = [
        lines[index]
        for index in range(piece.start, end)
        if index not in piece.header and index not in skipped
    ]
    return ArticleDraft(
        title=piece.title,
        blocks=_mend_broken_sentences(blocks_from_lines(body)),
        author=piece.author,
        section=piece.section,
    )


def _mend_broken_sentences(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """Join a paragraph that a caption or a box cut mid-sentence with its rest: the next
    block starting in lower case a few blocks on, or the next paragraph when its first
    word is one no sentence opens with ("including the Great" + "Western Development")."""
    mended = list(blocks)
    index = 0
    while index < len(mended):
        rest = _continuation(mended, index) if _cut_mid_sentence(mended[index]) else None
        if rest is None:
            index += 1
            continue
        mended[index] = Block(_joined(mended[index].text, mended[rest].text))
        del mended[rest]  # the joined paragraph is looked at again: it may be cut twice
    return tuple(mended)


def _cut_mid_sentence(block: Block) -> bool:
    text = block.text
    if block.kind != "text" or _FINISHED.search(text):
        return False
    last_word = text.split()[-1].lower()
    # A heading ends no sentence either; a paragraph is long, or runs on after a comma.
    return (
        _is_prose(text)
        or last_word in _OPEN_ENDINGS
        or text.endswith((",", "-"))
        or bool(re.search(r",\s+[a-z]", text))
    )


def _continuation(blocks: Sequence[Block], index: int) -> int | None:
    following = blocks[index + 1 : index + 1 + CONTINUATION_LOOKAHEAD]
    for offset, block in enumerate(following):
        if block.kind == "text" and block.text[:1].islower():
            return index + 1 + offset
    if not following or not re.search(r"[A-Za-z,\-]$", blocks[index].text):
        return None
    block = following[0]
    first_word = block.text.split()[0]
    starts_mid_sentence = first_word[:1].isupper() and first_word.lower() not in _SENTENCE_OPENERS
    prose = _is_prose(block.text) or bool(_FINISHED.search(block.text))
    return index + 1 if block.kind == "text" and starts_mid_sentence and prose else None


def _joined(first: str, rest: str) -> str:
    """Join two halves of a sentence, dropping a fragment the layout printed twice."""
    fragment = re.split(r"(?<=[.!?])\s+", first)[-1]
    if len(fragment.split()) >= 3 and rest.startswith(fragment):
        first = first[: len(first) - len(fragment)].rstrip()
    if first.endswith("-") and rest[:1].islower():
        return first + rest  # "eco-" + "friendly energy"
    return f"{first} {rest}".strip()


def _template_headers(lines: Sequence[str], start: int) -> frozenset[int]:
    """Find running headers printed from one template with a changing name: short lines
    sharing their first or last words with at least two others, the rest differing."""
    names: defaultdict[tuple[str, str], dict[int, str]] = defaultdict(dict)
    for index in range(start, len(lines)):
        line = lines[index].strip()
        words = line.split()
        if len(words) > TEMPLATE_MAX_WORDS or "\t" in line or _SENTENCE_END.search(line):
            continue
        for cut in range(1, TEMPLATE_MAX_NAME_WORDS + 1):
            if len(words) - cut < TEMPLATE_MIN_FIXED_WORDS:
                break
            names[("tail", " ".join(words[cut:]).casefold())][index] = " ".join(words[:cut])
            names[("head", " ".join(words[:-cut]).casefold())][index] = " ".join(words[-cut:])
    found: set[int] = set()
    for occurrences in names.values():
        distinct = {name.casefold() for name in occurrences.values()}
        if len(occurrences) >= TEMPLATE_MIN_LINES and len(distinct) >= 2:
            found.update(occurrences)
    return frozenset(found)


def _byline_after(lines: Sequence[str], title_line: int) -> Byline | None:
    """A byline on the line after a title: "By Name, role", "Name, role at Org", or a
    name line over a role line."""
    first = _next_nonblank(lines, title_line + 1)
    if first is None:
        return None
    author = parse_byline(lines[first])
    if author is not None:
        return Byline(author, first, first)
    second = _next_nonblank(lines, first + 1)
    if second is not None and (author := _two_line_byline(lines[first], lines[second])):
        return Byline(author, first, second)
    return None


def _byline_before(lines: Sequence[str], title_line: int) -> Byline | None:
    """A byline printed above a title: a name line over a role line, or one line."""
    last = _previous_nonblank(lines, title_line - 1)
    if last is None:
        return None
    first = _previous_nonblank(lines, last - 1)
    if first is not None and (author := _two_line_byline(lines[first], lines[last])):
        return Byline(author, first, last)
    author = parse_byline(lines[last])
    return Byline(author, last, last) if author is not None else None


def parse_byline(line: str) -> Author | None:
    """Read "By Name, role", "Name, role of Org" or "Name | role"; None for other lines.

    After "By Name," words naming no role or organisation are the place the story was
    filed from ("By Choi Seo-yeon, Cheongju"), not a role.
    """
    text = _bare(line)
    by = _BY.match(text)
    body = by.group(1) if by else text
    if len(body.split()) > ROLE_MAX_WORDS or body.endswith("."):
        return None
    name, _, rest = _split_once(body)
    if not _is_name(name):
        return None
    if not _has_role_word(rest):
        if not by:
            return None
        rest = ""
    role, organization = _role_and_organization(rest) if rest else (None, None)
    return Author(name=name, role=role, organization=organization)


def _two_line_byline(name_line: str, role_line: str) -> Author | None:
    name, role_text = _bare(name_line), _bare(role_line)
    if not _is_name(name) or not _has_role_word(role_text):
        return None
    if len(role_text.split()) > ROLE_MAX_WORDS or role_text.endswith("."):
        return None
    role, organization = _role_and_organization(role_text)
    return Author(name=name, role=role, organization=organization)


def _split_once(text: str) -> tuple[str, str, str]:
    match = _BYLINE_SPLIT.search(text)
    if not match:
        return text.strip(), "", ""
    return text[: match.start()].strip(), match.group(0), text[match.end() :].strip()


def _is_name(text: str) -> bool:
    """A person's name: two to four capitalised words, or two to four CJK characters."""
    if CJK_PERSON_NAME.match(text):
        return True
    words = text.split()
    return (
        2 <= len(words) <= NAME_MAX_WORDS
        and all(_NAME_TOKEN.fullmatch(word) or word.lower() in NAME_PARTICLES for word in words)
        and not any(word.lower() in _ROLE_WORDS for word in words)
    )


def _has_role_word(text: str) -> bool:
    words = {word.strip(".,()").lower() for word in text.split()}
    return bool(words & _ROLE_WORDS) or bool(words & ORGANIZATION_WORDS)


def _role_and_organization(text: str) -> tuple[str | None, str | None]:
    """Split "Senior fellow at Korea Institute X" into the role and the organisation: the
    first link ("at", "of", a comma) after which an organisation's name follows."""
    text = re.sub(r"(?<=\w)\(", " (", text).strip(" ,;")
    for link in _ORGANIZATION_LINK.finditer(text):
        tail = text[link.end() :]
        first_part = _ORGANIZATION_LINK.split(tail, maxsplit=1)[0]
        if has_word_of(first_part.split(), ORGANIZATION_WORDS):
            return text[: link.start()].strip() or None, tail.strip()
    return text or None, None


def find_colophons(lines: Sequence[str]) -> list[Colophon]:
    """Find the clusters of "Key value" imprint lines (Publisher, Editor, Address ...)."""
    keyed = [index for index, line in enumerate(lines) if _colophon_key(line)]
    clusters: list[list[int]] = []
    for index in keyed:
        if clusters and _nonblank_between(lines, clusters[-1][-1], index) <= COLOPHON_MAX_GAP:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    return [_colophon(lines, cluster) for cluster in clusters if len(cluster) >= COLOPHON_MIN_KEYS]


def _colophon_key(line: str) -> re.Match[str] | None:
    text = line.strip()
    if not text or len(text.split()) > COLOPHON_KEY_MAX_WORDS:
        return None
    return _COLOPHON_KEY.match(_bare(text))


def _colophon(lines: Sequence[str], keyed: list[int]) -> Colophon:
    """Read the fields of one cluster, each with its continuation lines, and take in the
    magazine name and issue lines printed just above it."""
    fields: list[tuple[str, str]] = []
    end = keyed[-1] + 1
    for position, index in enumerate(keyed):
        match = _colophon_key(lines[index])
        assert match is not None  # keyed lines were found by this test
        stop = keyed[position + 1] if position + 1 < len(keyed) else len(lines)
        value = [match.group("value")]
        for following in range(index + 1, stop):
            text = lines[following].strip()
            if not text:
                continue
            if _is_prose(text) or (_SENTENCE_END.search(text) and len(text.split()) > 12):
                break
            value.append(text)
            end = following + 1
        fields.append((match.group("key").lower(), " ".join(" ".join(value).split())))
    start = keyed[0]
    while (above := _previous_nonblank(lines, start - 1)) is not None and _is_periodical_line(
        lines[above]
    ):
        start = above
    return Colophon(start, max(end, keyed[-1] + 1), tuple(fields))


def _colophon_lines(colophons: Iterable[Colophon]) -> frozenset[int]:
    return frozenset(
        index for colophon in colophons for index in range(colophon.start, colophon.end)
    )


def _colophon_publisher(colophons: Sequence[Colophon]) -> str | None:
    """The organisation the publisher field names ("Lee X, Chair of the Y Association"
    gives the association); a person alone is not a publisher."""
    values = [
        value
        for colophon in colophons
        for key, value in colophon.fields
        if key in _PUBLISHER_KEYS and value
    ]
    for value in values:
        value = re.sub(r"\s+on\s+.*$", "", STATED_DATE.sub("", value)).strip(" ,;")
        name, link, rest = _split_once(value)
        if link.strip() == "," and _is_name(name):
            _, organization = _role_and_organization(rest)
            if organization:
                return organization
        words = {word.strip(".,()").lower() for word in value.split()}
        if words & ORGANIZATION_WORDS:
            return value
    return None


def _colophon_date(colophons: Sequence[Colophon]) -> str | None:
    """The date of a publication field, else any full date the colophon prints."""
    fields = [field for colophon in colophons for field in colophon.fields]
    dated = [value for key, value in fields if key in _DATE_KEYS]
    for value in [*dated, *(value for _, value in fields)]:
        found = next(stated_dates(value), None)
        if found:
            return found
    return None


def _magazine_name(lines: Sequence[str]) -> str | None:
    """The magazine's name: a short line with a periodical word that the cover or the
    contents page and the colophon both print, else the first such line."""
    named = [
        _bare(line)
        for line in lines
        if _is_short_label(line) and _PERIODICAL.search(line) and not _colophon_key(line)
    ]
    keys = [_title_key(name) for name in named]
    repeated = [name for name, key in zip(named, keys, strict=True) if keys.count(key) >= 2]
    return (repeated or named or [None])[0]


# A cover prints its title on the first lines, up to this many, before a blank line.
COVER_TITLE_MAX_LINES = 3


def _cover_title(lines: Sequence[str], removed: Sequence[str]) -> str | None:
    """A report's title from its cover ("SMART MANUFACTURING / OUTLOOK 2025"), written as the
    running header the cleaner removed writes it ("Smart Manufacturing Outlook 2025 | ...")
    when one does."""
    start = next((index for index, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return None
    block: list[str] = []
    for line in lines[start : start + COVER_TITLE_MAX_LINES + 1]:
        if not line.strip():
            break
        block.append(_bare(line))
    if not block or len(block) > COVER_TITLE_MAX_LINES or not all(map(_is_short_label, block)):
        return None
    title = " ".join(block)
    key = _title_key(title)
    for header in removed:
        for part in _BYLINE_SPLIT.split(_bare(header)):
            if _title_key(part) == key:
                return part
    return title


def _issue_title(lines: Sequence[str], name: str | None, outside: Iterable[int]) -> str | None:
    """Name and issue ("Fall 2023, Volume 3") from the lines outside the pieces."""
    issue = next(
        (
            _bare(lines[index])
            for index in outside
            if _is_short_label(lines[index])
            and _ISSUE.search(_bare(lines[index]))
            and not _colophon_key(lines[index])
            and not _is_contents_heading(lines[index])
        ),
        None,
    )
    if not name or (issue and _title_key(name) in _title_key(issue)):
        return issue or name
    return f"{name}, {issue}" if issue and not _ISSUE.search(name) else name


def _is_periodical_line(line: str) -> bool:
    text = _bare(line)
    return _is_short_label(line) and bool(_PERIODICAL.search(text) or _ISSUE.search(text))


def _is_prose(line: str) -> bool:
    return len(line.split()) >= BODY_MIN_WORDS


def _is_short(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= TITLE_MAX_WORDS and "\t" not in line


def _is_short_label(line: str) -> bool:
    text = line.strip()
    return 0 < len(text.split()) <= ISSUE_LINE_MAX_WORDS and not text.endswith(".")


def _is_heading_like(lines: Sequence[str], index: int) -> bool:
    """A short line that ends no sentence and is not the first half of a broken one."""
    text = lines[index].strip()
    if not _is_short(text) or _SENTENCE_END.search(text) or _LIST_MARK.match(text):
        return False
    if not (text[0].isupper() or text[0].isdigit() or not text[0].isascii()):
        return False
    following = _next_nonblank(lines, index + 1)
    return following is None or not lines[following].strip()[0].islower()


# Titles are compared line against line many times over; plain_text makes that slow.
@lru_cache(maxsize=8192)
def _title_key(text: str) -> str:
    return normalize_title(text)


def _clean_title(text: str) -> str:
    return _BULLETS.sub("", plain_text(text)).strip()


def _next_nonblank(
    lines: Sequence[str], start: int, skip: frozenset[int] = frozenset()
) -> int | None:
    return next(
        (index for index in range(start, len(lines)) if lines[index].strip() and index not in skip),
        None,
    )


def _previous_nonblank(lines: Sequence[str], start: int) -> int | None:
    return next((index for index in range(start, -1, -1) if lines[index].strip()), None)


def _nonblank_between(lines: Sequence[str], first: int, last: int) -> int:
    return sum(1 for index in range(first + 1, last) if lines[index].strip())
