"""Split a compendium: company reports listed on a CONTENTS page, found again by title."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from generator.blocks import blocks_from_lines
from generator.model import ArticleDraft, Author, CleanText, DocumentDraft
from generator.text import (
    CJK_PERSON_NAME,
    NAME_PARTICLES,
    first_stated_date,
    normalize_title,
    plain_text,
)

log = logging.getLogger(__name__)

_HEADING = re.compile(r"^\s*#{1,6}\s+\S")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__|<b>|<strong>).+(?:\*\*|__|</b>|</strong>)\s*$", re.I)
_CONTENTS_WORDS = ("contents", "目录", "目錄", "目次", "목차", "차례")
_CONTENTS_HEADING = re.compile(r"^(?:table of )?contents:?$|^(?:目录|目錄|目次|목차|차례)$", re.I)
# Dot leaders as PDF converters print them: ".....", ". . . .", "……" or "···". Under a
# CONTENTS heading even one "…" is a leader; elsewhere a line needs a page number after
# its leader, or a longer leader, to be a table-of-contents line and not prose ("wait...").
_LEADER = r"(?:\.{3,}|\.(?:[ \t]\.){2,}|…+|·{3,})"
_LONG_LEADER = re.compile(r"\.{4,}|\.(?:[ \t]\.){3,}|…{2,}|·{3,}")
_HAS_LEADER = re.compile(_LEADER)
_LEADER_PAGE_TAIL = re.compile(
    rf"{_LEADER}[ \t.…·]*\(?\s*(?:pp?\.\s*)?(?:\d{{1,4}}|[ivxlc]{{1,6}})\s*\)?$", re.I
)
_PAGE_TAIL = re.compile(
    r"[ \t]*(?:\(\s*(?:pp?\.?\s*)?\d{1,4}\s*\)|(?:pp?\.|page)?\s*\d{1,4})$", re.I
)
# Lines whose text is this and nothing else open a section: never a name or a role.
_SECTION_WORDS = frozenset(
    "abstract|summary|executive summary|introduction|foreword|preface|overview|contents|"
    "table of contents|index|background|references".split("|")
)
_LIST_OR_NOTE = re.compile(r"^\s*(?:[-*+•]\s|\d{1,2}[.)]\s|<sup>|\[\^)")
_SENTENCE_END = re.compile(r"[.;,]$")
_CORPORATE_WORDS = frozenset(
    "limited ltd inc corp corporation co company group llc plc ag se gmbh sa nv bv holdings".split()
)
# Words that open a section or a role line, never a person's name ("Executive Summary").
_NOT_NAME_WORDS = frozenset(
    "summary abstract introduction contents foreword preface overview index chairman president "
    "director officer vice ceo cto cfo chief executive manager member head of and the for".split()
)
_PUBLISHED_BY = re.compile(r"^\s*(?:published by|publisher\s*:)\s*(.+?)\s*$", re.I)

# A CONTENTS list needs this many entries with an attribution to make the volume a compendium;
# the article mini tables of contents in seeds/002 carry page numbers only, never a name.
MIN_ATTRIBUTED_ENTRIES = 3
ATTRIBUTION_MAX_WORDS = 8
# Non-entry lines (a part label, a long title's first lines) a CONTENTS list may hold
# between two entries; more, and the list has ended.
MAX_CONTENTS_GAP = 3
TITLE_LINE_MAX_WORDS = 25
# Lines after a title heading that may finish it: "# The Chengdu-Chongqing Economic Circle"
# then "## To Empower High-quality Development" in seeds/002.
MAX_TITLE_CONTINUATIONS = 2
# Scores for a body title against a CONTENTS title, on normalized words.
CONTAINED_SCORE = 0.9  # the body title adds a prefix or suffix to the listed one
PARTIAL_SCORE = 0.5  # the body title is a run of the listed one's words: weaker evidence
FUZZY_MIN_RATIO = 0.8  # below this, words changed rather than case or dashes
MIN_SHARED_WORDS = 0.6  # quick reject before the costlier fuzzy ratio
PARTIAL_MIN_WORDS = 4
# Among equally good places for a title, the first wins: a later one is a repeat inside
# the article. Small enough never to outweigh a better match.
EARLY_BIAS = 1e-3
BYLINE_MAX_ROLE_LINES = 4
ROLE_MAX_WORDS = 15
NAME_MAX_WORDS = 5
# Text before the first article is kept only if it has a paragraph this long: a foreword,
# not the cover's title lines.
FOREWORD_MIN_WORDS = 40


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the CONTENTS list."""

    title: str
    company: str | None  # the attribution as printed, page number dropped
    section: str | None = None  # the part label printed above it ("PART I — SHIPPING")


@dataclass(frozen=True)
class ContentsList:
    """The main CONTENTS list and where it sits."""

    heading: int  # index of the "CONTENTS" line
    end: int  # index just after the last entry
    entries: tuple[ContentsEntry, ...]


@dataclass(frozen=True)
class TitleMatch:
    """A place in the body where a CONTENTS entry's title stands."""

    entry: int  # index into the contents entries
    start: int  # first title line
    end: int  # just after the last title line
    score: float


# The words of each line of a run of title lines, and the index just after the run.
TitleGroup = tuple[tuple[tuple[str, ...], ...], int]


def looks_like_compendium(lines: Sequence[str]) -> bool:
    """Tell a compendium by a CONTENTS heading over entries with dot leaders and an author."""
    return find_contents(lines) is not None


def split_compendium(clean: CleanText) -> DocumentDraft:
    """Make one article per CONTENTS entry found in the body, credited to its company."""
    lines = clean.lines
    contents = find_contents(lines)
    if contents is None:
        raise ValueError("no CONTENTS list with attributed entries")
    matches = _locate_titles(lines, contents)
    if not matches:
        # Let split_document fall back to a simpler shape rather than keep a cover alone.
        raise ValueError(f"none of the {len(contents.entries)} CONTENTS titles is in the body")
    for index, entry in enumerate(contents.entries):
        if all(match.entry != index for match in matches):
            log.warning(
                "%s: contents entry %r not found in the body", clean.source.path, entry.title
            )
    first_start = matches[0].start
    front = [*lines[: contents.heading], *lines[contents.end : first_start]]
    ends = [match.start for match in matches[1:]] + [len(lines)]
    articles = [
        article
        for match, end in zip(matches, ends, strict=True)
        if (article := _article(lines, match, end, contents, match.entry))
    ]
    return DocumentDraft(
        kind="compendium",
        title=_volume_title(lines[: contents.heading]) or clean.source.title,
        publisher=clean.publisher or _stated_publisher(front),
        date=clean.source.date or first_stated_date(plain_text(line) for line in front),
        articles=(*_front_matter_articles(lines, contents, first_start), *articles),
    )


def find_contents(lines: Sequence[str]) -> ContentsList | None:
    """Find the first CONTENTS list whose entries name their authors."""
    for index, line in enumerate(lines):
        if not _is_contents_heading(line):
            continue
        contents = _read_contents(lines, index)
        attributed = sum(1 for entry in contents.entries if entry.company)
        if attributed >= MIN_ATTRIBUTED_ENTRIES:
            return contents
    return None


def _is_contents_heading(line: str) -> bool:
    # Cheap tests first: plain_text on every line of a long volume is the slow part.
    lowered = line.lower()
    if len(line) > 60 or not any(word in lowered for word in _CONTENTS_WORDS):
        return False
    return bool(_CONTENTS_HEADING.match(_bare(line)))


def is_contents_line(line: str) -> bool:
    """Tell a table-of-contents line outside the CONTENTS list (an article's own list):
    a leader then a page number, or a long leader then a short attribution."""
    if not _HAS_LEADER.search(line):
        return False
    text = plain_text(line)
    if _LEADER_PAGE_TAIL.search(text):
        return True
    return bool(_LONG_LEADER.search(text)) and parse_contents_entry(text) is not None


def _bare(line: str) -> str:
    """A line without heading marks, emphasis or tags, for comparing with a fixed word."""
    return plain_text(line.strip().lstrip("#").strip()).strip("*_ ")


def _read_contents(lines: Sequence[str], heading: int) -> ContentsList:
    """Read the entry lines after a CONTENTS heading, with the part labels between them."""
    entries: list[ContentsEntry] = []
    wrapped: list[str] = []  # a long title's first lines, printed without a leader
    section: str | None = None
    end, gap = heading + 1, 0
    for index in range(heading + 1, len(lines)):
        line = lines[index].strip()
        if not line:
            continue
        entry = parse_contents_entry(line)
        if entry is not None:
            title = " ".join([*wrapped, entry.title])
            entries.append(ContentsEntry(title, entry.company, section))
            wrapped.clear()
            end, gap = index + 1, 0
            continue
        gap += 1
        if gap > MAX_CONTENTS_GAP or len(line.split()) > TITLE_LINE_MAX_WORDS:
            break
        if _is_label(line):
            section = _bare(line)
            wrapped.clear()
        else:
            wrapped.append(plain_text(line))
    return ContentsList(heading, end, tuple(entries))


def _is_label(line: str) -> bool:
    """A part label set apart as a heading, in bold or in capitals, not a wrapped title."""
    letters = [char for char in plain_text(line) if char.isalpha()]
    capitals = len(letters) >= 2 and all(char.isupper() for char in letters if char.isascii())
    return bool(_HEADING.match(line) or _BOLD_LINE.match(line)) or capitals


def parse_contents_entry(line: str) -> ContentsEntry | None:
    """Read "Title ..... COMPANY (12)"; the company is None when only a page follows."""
    text = plain_text(line)
    # The last leader on the line divides title from attribution: a title may hold "...".
    matches = list(re.finditer(rf"[ \t]*{_LEADER}[ \t.…·]*", text))
    if not matches:
        return None
    title = text[: matches[-1].start()].strip()
    attribution = _PAGE_TAIL.sub("", text[matches[-1].end() :]).strip(" \t,;:")
    if not title or len(title.split()) > TITLE_LINE_MAX_WORDS * 2:
        return None
    if not attribution:
        return ContentsEntry(title, None)
    # "··· 40 The Local Governments of ..." (seeds/000) puts a page first and a title after.
    if re.match(r"\d+\s", attribution) or len(attribution.split()) > ATTRIBUTION_MAX_WORDS:
        return None
    if not re.search(r"[^\W\d_]", attribution):
        return None
    return ContentsEntry(title, attribution)


def _locate_titles(lines: Sequence[str], contents: ContentsList) -> list[TitleMatch]:
    """Place each entry's title in the body, in CONTENTS order, by the best overall fit."""
    entry_words = [tuple(normalize_title(entry.title).split()) for entry in contents.entries]
    candidates: list[TitleMatch] = []
    for start in range(contents.end, len(lines)):
        if not _could_start_title(lines[start]):
            continue
        groups = _title_groups(lines, start)
        first_words = set(groups[0][0][0])
        for entry, words in enumerate(entry_words):
            if first_words.isdisjoint(words):
                continue  # a title's first line shares words with it, or it is no title
            best = _best_group(words, groups)
            if best is not None:
                candidates.append(TitleMatch(entry, start, best[1], best[0]))
    return _best_chain(candidates, len(lines))


def _could_start_title(line: str) -> bool:
    """A body title is set as a heading or a bold line, never as a leader line."""
    return bool(_HEADING.match(line) or _BOLD_LINE.match(line)) and not is_contents_line(line)


def _title_groups(lines: Sequence[str], start: int) -> list[TitleGroup]:
    """The title line alone, then with each of up to MAX_TITLE_CONTINUATIONS following
    lines that may finish it."""
    groups: list[TitleGroup] = [((tuple(normalize_title(lines[start]).split()),), start + 1)]
    for _ in range(MAX_TITLE_CONTINUATIONS):
        index = _next_content_line(lines, groups[-1][1])
        if index is None or not _could_continue_title(lines[index]):
            break
        words = tuple(normalize_title(lines[index]).split())
        groups.append(((*groups[-1][0], words), index + 1))
    return groups


def _next_content_line(lines: Sequence[str], index: int) -> int | None:
    while index < len(lines) and not lines[index].strip():
        index += 1
    return index if index < len(lines) else None


def _could_continue_title(line: str) -> bool:
    """A heading, or a short line that is no sentence, list item, footnote or leader line."""
    if _HEADING.match(line):
        return True
    text = line.strip()
    return (
        len(text.split()) <= TITLE_LINE_MAX_WORDS
        and not _SENTENCE_END.search(plain_text(text))
        and not _LIST_OR_NOTE.match(text)
        and not is_contents_line(text)
    )


def _best_group(entry: tuple[str, ...], groups: list[TitleGroup]) -> tuple[float, int] | None:
    """Score each group against an entry; return the best score and where its group ends."""
    best: tuple[float, int] | None = None
    for line_words, end in groups:
        # Every added line must belong to the title, not be a byline or the last section.
        if len(line_words) > 1 and not _mostly_within(line_words[-1], entry):
            break
        score = title_score(entry, tuple(word for words in line_words for word in words))
        if score and (best is None or score > best[0]):  # ties keep the shorter group
            best = (score, end)
    return best


def _mostly_within(words: tuple[str, ...], entry: tuple[str, ...]) -> bool:
    vocabulary = set(entry)
    return bool(words) and sum(1 for word in words if word in vocabulary) * 2 >= len(words)


def title_score(entry: tuple[str, ...], found: tuple[str, ...]) -> float:
    """Score how well a body title's words stand for a CONTENTS title's words: 1 for the
    same words, CONTAINED_SCORE for extra words around them, the fuzzy ratio when above
    FUZZY_MIN_RATIO, PARTIAL_SCORE for a long run of them; 0 for anything else."""
    if not entry or not found:
        return 0.0
    if entry == found:
        return 1.0
    shared = len(set(entry) & set(found))
    if shared < MIN_SHARED_WORDS * min(len(set(entry)), len(set(found))):
        return 0.0
    if _contains(found, entry):
        return CONTAINED_SCORE
    ratio = SequenceMatcher(None, entry, found, autojunk=False).ratio()
    if ratio >= FUZZY_MIN_RATIO:
        return ratio
    if len(found) >= PARTIAL_MIN_WORDS and _contains(entry, found):
        return PARTIAL_SCORE
    return 0.0


def _contains(words: tuple[str, ...], run: tuple[str, ...]) -> bool:
    return f" {' '.join(run)} " in f" {' '.join(words)} "


def _best_chain(candidates: list[TitleMatch], line_count: int) -> list[TitleMatch]:
    """Choose at most one place per entry, entries in order and places in order, with the
    highest total score: a dynamic programme over the few candidate places, so a strong
    match later wins over a weak one earlier, and a repeated title stays inside its article."""

    def worth(match: TitleMatch) -> float:
        return match.score - EARLY_BIAS * match.start / max(line_count, 1)

    ordered = sorted(candidates, key=lambda match: (match.entry, match.start))
    totals: list[float] = []
    previous: list[int | None] = []
    for index, match in enumerate(ordered):
        best_total, best_previous = 0.0, None
        for earlier in range(index):
            before = ordered[earlier]
            fits = before.entry < match.entry and before.end <= match.start
            if fits and totals[earlier] > best_total:
                best_total, best_previous = totals[earlier], earlier
        totals.append(best_total + worth(match))
        previous.append(best_previous)
    if not ordered:
        return []
    chain: list[TitleMatch] = []
    cursor: int | None = max(range(len(ordered)), key=totals.__getitem__)
    while cursor is not None:
        chain.append(ordered[cursor])
        cursor = previous[cursor]
    return chain[::-1]


def _article(
    lines: Sequence[str], match: TitleMatch, end: int, contents: ContentsList, index: int
) -> ArticleDraft | None:
    """Read one report: its title lines, its byline, and its body up to the next title.

    Args:
        lines: the document's lines.
        match: where the report's title stands.
        end: where the next report's title starts.
        contents: the CONTENTS list, whose part labels are no body text either.
        index: the report's entry in it.
    """
    entry = contents.entries[index]
    title = _join_title_lines([_bare(line) for line in lines[match.start : match.end]], entry.title)
    author, body_start = read_byline(lines, match.end, end, entry.company)
    labels = {item.section for item in contents.entries if item.section}
    body = _body_lines(lines[body_start:end], (title, entry.title, *labels))
    blocks = blocks_from_lines(body)
    if not blocks:
        return None
    return ArticleDraft(
        title=title, blocks=blocks, author=author, section=entry.section, company=entry.company
    )


def _join_title_lines(parts: list[str], listed: str) -> str:
    """Join a title set over several lines, with the punctuation CONTENTS prints at each
    break ("Smart Ports: Lessons from Rotterdam"), else a space."""
    kept = [part for part in parts if part.strip()]
    title = kept[0] if kept else listed
    for part in kept[1:]:
        joint = re.search(
            rf"{re.escape(title.split()[-1])}\s*([:;,.])\s*{re.escape(part.split()[0])}",
            listed,
            re.I,
        )
        title += f"{joint.group(1)} {part}" if joint else f" {part}"
    return title


def read_byline(
    lines: Sequence[str], start: int, end: int, company: str | None
) -> tuple[Author | None, int]:
    """Read the author's name and role lines under a title.

    Args:
        lines: the document's lines.
        start: the first line after the title.
        end: where the article ends.
        company: the CONTENTS attribution, the author's organization.

    Returns:
        The author, if a person is named, and the index where the body starts. A byline
        naming only the company ("*ISUZU Motors Limited*") is skipped without an author.
    """
    first = _next_content_line(lines, start)
    if first is None or first >= end:
        return None, start
    text = _unemphasized(lines[first])
    name, role_on_line = _name_and_role(text)
    if not looks_like_person(name, company):
        italic_org = _is_italic(lines[first]) and _names_organization(text, company)
        return None, (first + 1 if italic_org else start)
    roles = [role_on_line] if role_on_line else []
    body_start = first + 1
    index = _next_content_line(lines, body_start)
    while index is not None and index < end and len(roles) < BYLINE_MAX_ROLE_LINES:
        if not _looks_like_role(lines[index]):
            break
        roles.append(_unemphasized(lines[index]))
        body_start = index + 1
        index = _next_content_line(lines, body_start)
    return Author(name=name, role=_join_roles(roles), organization=company), body_start


def _name_and_role(text: str) -> tuple[str, str | None]:
    """Split "By Jane Doe, Chief Economist" into name and role; a bare name has no role."""
    text = re.sub(r"^by\s+", "", text, flags=re.I)
    name, _, role = text.partition(",")
    return name.strip(), role.strip() or None


def _unemphasized(line: str) -> str:
    """A byline line as text: italic spans over two lines leave a lone "*" to remove."""
    return plain_text(line.strip().strip("*_").strip())


def _is_italic(line: str) -> bool:
    text = line.strip()
    return text[:1] in "*_" or text[-1:] in "*_"


def looks_like_person(text: str, company: str | None) -> bool:
    """Tell a person's name ("Dr. Chenhong Huang", "SATO Yasuhiro") from a title, a
    section label or a company line."""
    if CJK_PERSON_NAME.match(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= NAME_MAX_WORDS or re.search(r"\d", text):
        return False
    lowered = [word.strip(".,").lower() for word in words]
    if any(word in _NOT_NAME_WORDS or word in _CORPORATE_WORDS for word in lowered):
        return False
    if _names_organization(text, company):
        return False
    return all(word[:1].isupper() or word in NAME_PARTICLES for word in words)


def _names_organization(text: str, company: str | None) -> bool:
    words = normalize_title(text).split()
    if any(word in _CORPORATE_WORDS for word in words):
        return True
    company_words = normalize_title(company or "").split()
    return bool(company_words) and words[: len(company_words)] == company_words


def _looks_like_role(line: str) -> bool:
    """A role line: italic, or short and not a sentence; never a heading, a section label
    ("Abstract") or a table-of-contents line."""
    text = line.strip()
    if _HEADING.match(text) or _LIST_OR_NOTE.match(text) or is_contents_line(text):
        return False
    if len(text.split()) > ROLE_MAX_WORDS or normalize_title(text) in _SECTION_WORDS:
        return False
    last_word = text.split()[-1].strip(".").lower()
    # "Chairman, Nomura Securities Co., Ltd." ends with a full stop and no sentence.
    ends_sentence = re.search(r"[.!?:;]$", text) and last_word not in _CORPORATE_WORDS
    return _is_italic(text) or not ends_sentence


def _join_roles(roles: list[str]) -> str | None:
    """Join role lines; a line ending with a comma continues on the next."""
    if not roles:
        return None
    joined = roles[0]
    for role in roles[1:]:
        joined += f" {role}" if joined.endswith(",") else f"; {role}"
    return joined


def _body_lines(lines: Sequence[str], titles: tuple[str, ...]) -> list[str]:
    """Drop what is not body text: an article's own table of contents (page numbers that
    mean nothing on a web page), a heading that repeats the article's title, part labels."""
    title_keys = {normalize_title(title) for title in titles}
    kept: list[str] = []
    for index, line in enumerate(lines):
        if is_contents_line(line):
            continue
        if _is_contents_heading(line) and _opens_contents_lines(lines, index):
            continue
        if (_HEADING.match(line) or _BOLD_LINE.match(line)) and normalize_title(line) in title_keys:
            continue
        kept.append(line)
    return kept


def _opens_contents_lines(lines: Sequence[str], index: int) -> bool:
    following = _next_content_line(lines, index + 1)
    return following is not None and is_contents_line(lines[following])


def _volume_title(cover: Sequence[str]) -> str | None:
    """The cover's first heading, else its first line."""
    heading = next((line for line in cover if _HEADING.match(line)), None)
    first = heading or next((line for line in cover if line.strip()), None)
    return (_bare(first) or None) if first else None


def _front_matter_articles(
    lines: Sequence[str], contents: ContentsList, first_start: int
) -> list[ArticleDraft]:
    """Keep prose found before the first report (a foreword, a preface) as its own article;
    the cover's title lines and the CONTENTS list are not prose and are left out."""
    cover = list(lines[: contents.heading])
    title_line = next((i for i, line in enumerate(cover) if line.strip()), len(cover))
    regions = (cover[title_line + 1 :], list(lines[contents.end : first_start]))
    articles = []
    for region in regions:
        blocks = blocks_from_lines(region)
        prose = [
            i
            for i, block in enumerate(blocks)
            if block.kind == "text" and len(block.text.split()) >= FOREWORD_MIN_WORDS
        ]
        if not prose:
            continue
        headings = [i for i in range(prose[0]) if blocks[i].kind == "heading"]
        begin = headings[-1] + 1 if headings else prose[0]
        title = blocks[headings[-1]].text if headings else "Foreword"
        articles.append(ArticleDraft(title=title, blocks=blocks[begin:]))
    return articles


def _stated_publisher(lines: Sequence[str]) -> str | None:
    for line in lines:
        match = _PUBLISHED_BY.match(plain_text(line))
        if match:
            return match.group(1).rstrip(".")
    return None
