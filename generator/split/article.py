"""Split a single news story (headline, sub-headlines, body) and the heading-split fallback."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.blocks import (
    COLUMN_RULES,
    POINT_BULLETS,
    WORDLESS,
    blocks_from_lines,
    table_cells,
)
from generator.model import ArticleDraft, Author, Block, CleanText, DocumentDraft
from generator.split.magazine import ORGANIZATION_WORDS, has_word_of, parse_byline
from generator.text import (
    CJK_STATEMENT,
    CONTACT_FIELD,
    HAN_RANGE,
    NAME_JOINS,
    STATED_DATE,
    dateline_place,
    first_stated_date,
    issue_date,
    normalize_title,
    plain_text,
    stated_dates,
    strip_dateline,
    word_count,
    yearless_date,
)

_HEADING = re.compile(r"^(#{1,6})\s+\S")
# A paragraph of this many words is body text; shorter lines before it are headline and
# decks. Paragraphs, not lines: a hard-wrapped story's lines are all short.
BODY_MIN_WORDS = 20
# A line of this many words that ends as a sentence does is body text, when no paragraph is
# long enough to tell.
SENTENCE_MIN_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)]?$")
# A notice's signing date on a line of its own ("2026年11月19日") is no longer than this.
SIGNATURE_DATE_MAX_CHARS = 20
# How many lines above a headline may be a press release's label and fields, and how
# long the office's name among them may be.
MASTHEAD_MAX_LINES = 6
MASTHEAD_NAME_MAX_WORDS = 4
# A row of a box drawn in plain text: "│ 배포일시 : 2025. 3. 18.(화) │".
_BOXED_LINE = re.compile(rf"^\s*[{COLUMN_RULES}]")
# A site's trail of sections printed above a story it carries: "Home > Economy > Industry",
# "Home › Press releases". Short items; two of them only after the home page's.
_TRAIL_SEPARATOR = re.compile(r"\s+[>›»]\s+")
TRAIL_ITEM_MAX_WORDS = 4
# A press release's label, letter-spaced or not: "보 도 자 료", "PRESS RELEASE", "新闻稿".
_RELEASE_LABEL = re.compile(
    r"^[#*\s]*(?:보\s*도\s*(?:참\s*고\s*)?자\s*료|(?:press|news|media)\s+release"
    r"|for\s+immediate\s+release|新\s*闻\s*稿|プレスリリース|報\s*道\s*発\s*表)[*\s]*$",
    re.I,
)
# Where a label joins the name of the office issuing it: "Ulsan City — Press Release".
_LABEL_JOIN = re.compile(r"\s+[-–—|:·]\s+|\s*[|:]\s*")
# Who to ask and their number.
_CONTACT = rf"☎|{CONTACT_FIELD}|\bcontact\s*[.:]|담당\s*부서|담당자|문의처"
CONTACT_LINE = re.compile(_CONTACT, re.I)
# A release field: a contact, or a field's label; a web page's note of where its story came
# from and who edited it ("Source: Chengdu Municipal Government Editor: Wang").
_RELEASE_FIELD = re.compile(
    rf"{_CONTACT}|\bembargo(?:ed)?\s*[.:]|\b(?:source|editor)\s*[:：]"
    r"|배포\s*일시|보도\s*일시|来源\s*[:：]|编辑\s*[:：]",
    re.I,
)
# A report's section number: "1.", "2)", "Ⅲ.", "IV.", "가.", "제2장".
_SECTION_NUMBER = re.compile(
    r"^\s*(?:(?:\d{1,2}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[IVX]{1,4}|[가-하])[.)]|제\s?\d{1,2}\s?[장절])\s*"
)
# A section's name is a few words; a bulletin's numbered headline is a sentence.
SECTION_MAX_WORDS = 4
# A labelled field: "Release date: May 20, 2025 (Tue)"; the label is a few words.
_LABELLED_FIELD = re.compile(r"^(?P<label>[^\W\d_][^:：]{0,30})[:：]\s*(?P<value>\S.*)$")
# A labelled date is the date and a weekday or time, not a sentence that mentions one.
FIELD_MAX_WORDS = 6
# A web page's label for its date, with or without a colon: "Posted 2025-06-04", "Date:",
# "Release date:".
# News sites' labels in Korean, Chinese and Japanese, written against their date too:
# "입력 2026.11.21 10:15", "송고2026-11-21", "发布时间：2026-11-18", "公開日：2026年11月20日".
_WEB_DATE_LABEL = (
    r"(?:기사\s?입력|입력|최종\s?수정|수정|송고(?:\s?시간)?|등록일?|업데이트"
    r"|发布(?:时间|日期)|更新(?:时间|日期)|公開日|更新日|配信日|掲載日)\s*[:：]?\s*"
)
_DATE_LABEL = re.compile(
    r"^(?:(?:posted|published|updated|last\s+(?:updated|modified)|released"
    r"|(?:(?:release|publication|issue)\s+)?date)(?:\s+on)?\s*[:：]?\s+"
    rf"|(?P<web>{_WEB_DATE_LABEL}))",
    re.I,
)
_WEB_DATE_LABELS = re.compile(_WEB_DATE_LABEL)
# The time of day a release is stamped with, next to its date: "2025. 4. 15.(화) 09:00".
_TIME_OF_DAY = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])")
# An office named after a dateline: a few capitalised words, one of them an organisation's.
ISSUER_MAX_WORDS = 8
_ISSUER_WORDS = ORGANIZATION_WORDS | {
    "office",
    "city",
    "province",
    "provincial",
    "metropolitan",
    "department",
    "bureau",
    "administration",
    "hall",
    "division",
}
# An issue's number in a masthead: "Vol. 12 No. 4", "Issue 47", "제37호".
_ISSUE_NUMBER = re.compile(r"\b(?:vol|no|issue|number)\b\.?\s*\d|제\s*\d+\s*호", re.I)
# A Korean office's name ends with what it is: a division (과), bureau (국), agency (청)...
_KOREAN_OFFICE = re.compile(r"[가-힣]{2,}(?:과|국|실|청|원|센터|재단|공사|본부|시|도)$")
# A Chinese or Japanese office's name: what government departments, commissions and bureaus
# end with (四川省经济和信息化厅, 重庆市经济和信息化委员会, 経済産業省, 愛知県).
_HAN_OFFICE = re.compile(
    rf"[{HAN_RANGE}（）]{{2,30}}(?:厅|局|委员会|委員会|政府|办公室|办公厅|中心|研究院|协会|部|委|署"
    r"|省|庁|県|府)"
)
# A Chinese, Korean or Japanese page's note of where its story comes from, on its date line:
# "发布时间：2026-11-20 来源：宜宾市经济和信息化局", "출처: 산업통상자원부".
_STORY_SOURCE = re.compile(r"(?:来源|來源|출처|出典)\s*[:：]\s*(?P<source>[^\s|｜/:：]{2,40})")
# Offices issuing a document together are set apart by spaces or 、 on one line.
_OFFICE_SEPARATOR = re.compile(r"\s+|、")
# A line set after a dash, as a press release's decks are: "- 12 companies take part".
_DASHED_LINE = re.compile(r"^[-–—]\s+\S")
# A deck set between dashes: "- 12 companies take part -".
_DECK_DASHES = re.compile(r"^[-–—]\s+(.+?)\s+[-–—]$")
# Where a line under the headline joins its parts: "Dresden, 12 June 2025 · By Jürgen Müller".
_LINE_PARTS = re.compile(r"\s+[·•|]\s+")
_LINE_SEPARATOR = re.compile(rf"({_LINE_PARTS.pattern})")  # the same, kept by re.split


def heading_levels(lines: Sequence[str]) -> list[int]:
    """List the Markdown heading levels used, one entry per heading line."""
    return [_level(line) for line in lines if _HEADING.match(line)]


def looks_like_collection(lines: Sequence[str]) -> bool:
    """A document with two or more headings of one level over real text is a collection,
    unless those headings number a report's sections ("1. Background", "Ⅱ. 향후 계획") or
    divide one story that opens under its title with a dateline."""
    level = _article_level(lines)
    return (
        level is not None
        and not _numbers_sections(lines, level)
        and not _opens_with_dateline(lines, level)
    )


def _numbers_sections(lines: Sequence[str], level: int) -> bool:
    """Whether every heading of the level is a numbered, short section name: one report's
    outline, not a bulletin's headlines."""
    headings = [_heading_text(lines[n]) for n in _headings_at(lines, level)]
    return all(
        (numbered := _SECTION_NUMBER.match(heading)) is not None
        and word_count(heading[numbered.end() :]) <= SECTION_MAX_WORDS
        for heading in headings
    )


def _opens_with_dateline(lines: Sequence[str], level: int) -> bool:
    """Whether the text above the first heading of the level is a story's lead: a paragraph
    of body text, which a dateline opens or stands above ("Sejong, January 22 – The ministry
    ..."). A press release or a news page sets its sections under such a lead ("## Background",
    "## Next steps"); a collection's headlines never follow one."""
    above = lines[: _headings_at(lines, level)[0]]
    if sum(1 for line in above if _HEADING.match(line)) > 1:
        return False  # more than a title above: headings of their own, not one story's
    paragraphs = [b.text for b in blocks_from_lines(above) if b.kind == "text"]
    lead = next(
        (n for n, text in enumerate(paragraphs) if word_count(text) >= BODY_MIN_WORDS), None
    )
    return lead is not None and any(dateline_place(text) for text in paragraphs[: lead + 1])


def _article_level(lines: Sequence[str]) -> int | None:
    """The shallowest heading level used at least twice: one article per such heading.

    A level used once above it ("# Annual notes" over "## ..." sections) is the title.
    """
    levels = heading_levels(lines)
    level = next((level for level in sorted(set(levels)) if levels.count(level) >= 2), None)
    # Headings that only group deeper ones ("## China" over "### ..." items) are sections.
    while level is not None and _only_groups(lines, level):
        level = min(found for found in levels if found > level)
    return level


def _only_groups(lines: Sequence[str], level: int) -> bool:
    """Whether the headings of the level group deeper ones: two or more, and at least half
    of them, are followed at once by a deeper heading. The others are pieces of their own
    ("## Calendar" among "## Gyeongsangnam-do" over its items)."""
    grouping = [_groups(lines, index) for index in _headings_at(lines, level)]
    return grouping.count(True) >= 2 and 2 * grouping.count(True) >= len(grouping)


def _groups(lines: Sequence[str], index: int) -> bool:
    """Whether the heading at index is followed at once by a deeper heading."""
    after = next((later for later in lines[index + 1 :] if later.strip()), "")
    return _HEADING.match(after) is not None and _level(after) > _level(lines[index])


def _headings_at(lines: Sequence[str], level: int) -> list[int]:
    return [n for n, line in enumerate(lines) if _HEADING.match(line) and _level(line) == level]


def _level(heading: str) -> int:
    return len(heading) - len(heading.lstrip("#"))


def _heading_text(line: str) -> str:
    """A line's text without its Markdown heading marks (any line: a deck may be one)."""
    return plain_text(line.lstrip("#").strip())


def split_article(clean: CleanText) -> DocumentDraft:
    """Read one story: the first line is the headline, short lines after it are decks."""
    printed = [line.strip() for line in clean.lines]
    # A rule line ("━━━━", "* * *") never heads a story; blanked for finding the headline and
    # decks only, so a table's "|---|---|" row stays for the body.
    lines = ["" if WORDLESS.match(line) else line for line in printed]
    # A press release's label and release fields above its headline are neither headline
    # nor deck; the date among them still dates the story.
    dated = list(lines)
    masthead = _masthead(lines)
    for index in masthead + _site_lines(lines, clean.publisher):
        lines[index] = ""
    content = [line for line in lines if line]
    if not content:
        return DocumentDraft("article", clean.source.title, clean.publisher, clean.source.date, ())
    first_line = lines.index(content[0])
    printed_headline = word_count(content[0]) < BODY_MIN_WORDS
    if printed_headline:
        headline = _heading_text(content[0]) or (clean.source.title or "Untitled")
    else:  # no headline: the text starts with its body
        first_line -= 1
        headline = clean.source.title or _title_from_sentence(plain_text(content[0]))
    rest = lines[first_line + 1 :]
    body_start = _body_start(rest)
    decks = [line for line in rest[:body_start] if line]
    author, byline = _find_byline(decks)
    # A deck repeating the headline is the body's own copy of it, under a title from metadata.
    subtitles = tuple(
        _deck_text(line)
        for line in decks
        if line != byline
        and not _only_dates(line)
        and not _RELEASE_FIELD.search(line)
        and normalize_title(_heading_text(line)) != normalize_title(headline)
    )
    blocks = blocks_from_lines(printed[first_line + 1 + body_start :])
    if printed_headline:
        blocks = _drop_caption_echoes(blocks, headline)
    # A dateline printed at the top beats file metadata, which may only say when a PDF was
    # made; so does the date a notice is signed on at its end.
    signers, signed = _signature(blocks)
    article_date = (
        first_stated_date(dated[: max(first_line, 0) + body_start + 3])
        or signed
        or clean.source.date
    )
    article = ArticleDraft(
        title=headline,
        blocks=blocks,
        date=article_date,
        author=author,
        subtitles=tuple(s for s in subtitles if s),
    )
    publisher = (
        clean.publisher
        or next(filter(None, (_masthead_office(dated[n]) for n in masthead)), None)
        or masthead_issuer(dated[: first_line + 1 + body_start])
        or _dateline_issuer(decks)
        or _han_issuers(decks)
        or signers
        or _story_source(decks)
    )
    return DocumentDraft("article", headline, publisher, article_date, (article,))


def masthead_issuer(lines: Sequence[str]) -> str | None:
    """The office a newsletter's masthead names beside its issue number or date ("Vol. 12 No.
    4 | October 2026 | Jeollanam-do Energy Industry Division", "제37호 | 2025년 2월 14일 |
    부산광역시 국제협력과"): its publisher."""
    for line in [line for line in lines if line.strip()][:MASTHEAD_MAX_LINES]:
        parts = [part.strip() for part in _LINE_PARTS.split(plain_text(line))]
        if len(parts) < 2 or not any(
            _ISSUE_NUMBER.search(part) or first_stated_date([part]) for part in parts
        ):
            continue
        if any(read_byline(part) for part in parts):
            continue  # "By Park Ji-won | Seoul Bureau | Nov. 18": the writer's desk
        for part in parts:
            if _RELEASE_FIELD.search(part):
                continue  # "담당부서 미래산업과" is whom to ask, not who publishes
            if _KOREAN_OFFICE.search(part) or _names_office(part):
                return part
    return None


def _names_office(text: str) -> bool:
    """Tell whether a text is an office's name: a few capitalised words, one of them an
    institution's ("Chungcheongbuk-do Provincial Government", "Saxony Economic Development
    Corporation (WFS)"); a release's label ("PRESS RELEASE") is none."""
    words = text.split()
    return (
        0 < len(words) <= ISSUER_MAX_WORDS
        and not _RELEASE_LABEL.match(text)
        and all(word.lstrip("(")[:1].isupper() or word in NAME_JOINS for word in words)
        and has_word_of(words, _ISSUER_WORDS)
    )


def _dateline_issuer(decks: Sequence[str]) -> str | None:
    """The office a release names after its dateline, on a line of its own under the headline
    ("Cheongju, 18 March 2025 — Chungcheongbuk-do Provincial Government")."""
    for line in decks:
        text = plain_text(line).strip()
        rest = strip_dateline(text)
        if rest != text and _names_office(rest):
            return rest.rstrip(".,;")
    return None


def _story_source(lines: Sequence[str]) -> str | None:
    """The office or paper a story's date line says it comes from (来源：…)."""
    for line in lines:
        match = _STORY_SOURCE.search(plain_text(line))
        if match:
            return match.group("source")
    return None


def _han_issuers(lines: Sequence[str]) -> str | None:
    """The offices a Chinese or Japanese notice names on a line of their own under its title
    ("四川省经济和信息化厅  重庆市经济和信息化委员会"), joined by 、."""
    for line in lines:
        offices = _OFFICE_SEPARATOR.split(plain_text(line).strip())
        if all(_HAN_OFFICE.fullmatch(office) for office in offices):
            return "、".join(offices)
    return None


def _signature(blocks: Sequence[Block]) -> tuple[str | None, str | None]:
    """The offices that sign a Chinese or Japanese notice, joined by 、, and the date they
    sign it on: its last paragraphs, each one office's name, then the date, if it gives one."""
    texts = [block.text.strip() for block in blocks]
    date = None
    if texts and len(texts[-1]) <= SIGNATURE_DATE_MAX_CHARS:
        date = first_stated_date([texts[-1]])
        if date:
            texts.pop()
    offices: list[str] = []
    while texts and _HAN_OFFICE.fullmatch(texts[-1]):
        offices.insert(0, texts.pop())
    if not offices or not texts:
        return None, None
    return "、".join(offices), date


def _deck_text(line: str) -> str:
    """A deck without the dashes it is set between or after ("- 12 companies take part -")."""
    text = _DECK_DASHES.sub(r"\1", _heading_text(line))
    return text[1:].strip() if _DASHED_LINE.match(text) else text


def _masthead(lines: Sequence[str]) -> list[int]:
    """The lines of a press release's masthead above its headline: its label and fields in
    the first MASTHEAD_MAX_LINES, a short line between them (the office's name, "경상북도"
    under "보 도 자 료"), the office's name above its label ("Saxony Economic Development
    Corporation" over "Press Release | 12 November 2026"), and the rest of a box the fields
    are drawn in."""
    masthead: list[int] = []
    between: list[int] = []  # lines kept if a field follows (see above)
    for n in [n for n, line in enumerate(lines) if line][:MASTHEAD_MAX_LINES]:
        row = _row_text(lines[n])
        if _is_release_field(row):
            # An office above the first field is the masthead's only over its label: a
            # headline in title case ("Busan City Hosts Battery Forum") may name an office.
            masthead += [*between, n] if masthead or _is_release_label(row) else [n]
            between = []
        elif (masthead and word_count(lines[n]) <= MASTHEAD_NAME_MAX_WORDS) or (
            not masthead and _names_office(plain_text(lines[n]))
        ):
            between.append(n)
        else:
            break
    if masthead and _BOXED_LINE.match(lines[masthead[-1]]):
        for n in range(masthead[-1] + 1, len(lines)):
            if lines[n] and not _BOXED_LINE.match(lines[n]):
                break
            masthead.append(n)
    return masthead


def _row_text(line: str) -> str:
    """A line as a masthead reads it: a table row's cells joined, without the rules around
    them ("| 보도자료 | 충청북도 |" is a label and its office, as "보도자료 | 충청북도" is)."""
    text = line.strip()
    if len(text) > 1 and text[0] in COLUMN_RULES and text[-1] in COLUMN_RULES:
        return " | ".join(cell.strip() for cell in table_cells(text))
    return line


def without_contacts(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A story's blocks without the short paragraphs saying whom to ask that end it (the
    story's own, or a digest's or newsletter's under its last story)."""
    end = len(blocks)
    while (
        end > 1
        and CONTACT_LINE.search(blocks[end - 1].text)
        and word_count(blocks[end - 1].text) < BODY_MIN_WORDS
    ):
        end -= 1
    return blocks[:end]


def _site_lines(lines: Sequence[str], publisher: str | None) -> list[int]:
    """The lines a web page's site prints above its story: the site's name (the publisher
    its copyright names) and the trail of sections ("Home > Economy > Industry")."""
    site = normalize_title(publisher) if publisher else None
    found = []
    for n in [n for n, line in enumerate(lines) if line][:MASTHEAD_MAX_LINES]:
        if not (_is_trail(lines[n]) or normalize_title(lines[n]) == site):
            break
        found.append(n)
    return found


def _is_trail(line: str) -> bool:
    items = _TRAIL_SEPARATOR.split(line)
    return all(0 < word_count(item) <= TRAIL_ITEM_MAX_WORDS for item in items) and (
        len(items) > 2 or (len(items) == 2 and items[0].casefold() == "home")
    )


def _is_release_field(line: str) -> bool:
    """A press release's label, a release field, or the date and time it was released."""
    return bool(
        _is_release_label(line)
        or _RELEASE_FIELD.search(line)
        or (_TIME_OF_DAY.search(line) and first_stated_date([line]))
        or _is_labelled_date(line)
    )


def _is_release_label(line: str) -> bool:
    """A press release's label, alone or joined to the short name of the office issuing it
    ("Gyeongsangnam-do — Press Release", "PRESS RELEASE | Ministry of Environment")."""
    return bool(_RELEASE_LABEL.match(line)) or _labelled_office(line) is not None


def _labelled_office(line: str) -> str | None:
    """What a release label is joined to ("Gyeongsangnam-do — Press Release", "| 보도자료 |
    충청북도 |", "Press Release | 12 November 2026"): a short office's name or a date."""
    parts = _LABEL_JOIN.split(_row_text(line).strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    for part, other in (parts, parts[::-1]):
        office = other.strip(" |")
        if _RELEASE_LABEL.match(part) and 0 < word_count(office) <= MASTHEAD_NAME_MAX_WORDS:
            return office
    return None


def _masthead_office(line: str) -> str | None:
    """The office a masthead line names: joined to the release label, or alone on its line
    above it; not the date a label may be joined to."""
    office = _labelled_office(line)
    if office is not None:
        return None if first_stated_date([office]) else office
    text = plain_text(line).strip()
    return text if _names_office(text) else None


def _is_labelled_date(line: str) -> bool:
    """A date alone ("Monday, 2 June 2025") or under a label ("Release date: ...")."""
    text = plain_text(line)
    field = _LABELLED_FIELD.match(text)
    if field and len(field["label"].split()) <= 3:
        text = field["value"]
    return word_count(text) <= FIELD_MAX_WORDS and first_stated_date([text]) is not None


def _only_dates(line: str) -> bool:
    """A deck that only dates the story ("Posted 2025-06-04", "Published: 4 June 2025"): it
    says nothing the story's date does not. Anything else beside the date (an issue number,
    an office, the time of day) says more, except on a news site's stamp of when it posted
    and revised the story ("입력 2026.11.21 10:15 수정 2026.11.21 11:02")."""
    plain = plain_text(line).strip()
    label = _DATE_LABEL.match(plain)
    text = plain[label.end() :] if label else plain
    rest = STATED_DATE.sub("", text, count=1)
    if rest != text and label and label["web"]:
        rest = _TIME_OF_DAY.sub("", STATED_DATE.sub("", _WEB_DATE_LABELS.sub("", rest)))
    return rest != text and not any(character.isalnum() for character in rest)


def _body_start(lines: Sequence[str]) -> int:
    """Where the body starts: the first paragraph (lines up to a blank one) long enough to be
    body text, or the first such line or bulleted line within a paragraph of decks."""
    start = 0
    for index, line in enumerate([*lines, ""]):
        if line:
            # A point bullet ("□", "•") opens the body's first point, however short, and a
            # numbered section heading its first section ("# 1. 추진 배경").
            if word_count(line) >= BODY_MIN_WORDS or line[0] in POINT_BULLETS:
                return index
            if _HEADING.match(line) and _SECTION_NUMBER.match(line.lstrip("#")):
                return index
            continue
        paragraph = lines[start:index]
        # Dashed lines right under the headline are its decks, however many words they run
        # to ("- 이철우 도지사, 헝가리·폴란드 방문해 ... 체결").
        decks = not any(lines[:start]) and all(_DASHED_LINE.match(line) for line in paragraph)
        long_enough = word_count(" ".join(paragraph)) >= BODY_MIN_WORDS
        if (long_enough or _ends_cjk_sentence(paragraph)) and not decks:
            return start
        start = index + 1
    # No paragraph is long enough (a memo of one-sentence paragraphs, as Korean ones often
    # are): the body starts at the first sentence, which decks, unlike it, do not end with.
    return next((n for n, line in enumerate(lines) if _is_sentence(line)), len(lines))


def _ends_cjk_sentence(paragraph: Sequence[str]) -> bool:
    """Whether a paragraph ends as a Korean, Chinese or Japanese statement does, with its
    predicate and a stop ("…체결했다고 밝혔다."): the story's lead, however few its spaced
    words; a deck ends with a noun ("인력 교류 확대")."""
    return bool(paragraph) and (
        _is_sentence(paragraph[-1]) and CJK_STATEMENT.search(paragraph[-1]) is not None
    )


def _is_sentence(line: str) -> bool:
    return word_count(line) >= SENTENCE_MIN_WORDS and _SENTENCE_END.search(line) is not None


def _find_byline(decks: Sequence[str]) -> tuple[Author | None, str | None]:
    """The author a byline among the lines under the headline names, and that line."""
    for line in decks:
        author = read_byline(line)
        if author is not None:
            return author, line
    return None, None


def read_byline(line: str) -> Author | None:
    """The author a byline names; a byline may share its line with the place and date the
    story was filed from, so each part of a joined line is read when the whole is not one.
    A part that states a date ("Published Nov. 3, 2025") is no part of the author's role."""
    parts = _LINE_PARTS.split(line)
    if len(parts) > 1:
        line = _without_dated_parts(line)
    for part in [line, *parts] if len(parts) > 1 else [line]:
        author = parse_byline(part)
        if author is not None:
            return author
    return None


def _without_dated_parts(line: str) -> str:
    """The line without its parts that state a date, each with the separator before it (the
    first with the one after it); the line itself when every part or none states one."""
    pieces = _LINE_SEPARATOR.split(line)  # part, separator, part, ...
    parts, separators = pieces[0::2], pieces[1::2]
    kept = [n for n, part in enumerate(parts) if next(stated_dates(part), None) is None]
    if not kept or len(kept) == len(parts):
        return line
    return parts[kept[0]] + "".join(separators[n - 1] + parts[n] for n in kept[1:])


def split_collection(clean: CleanText) -> DocumentDraft:
    """Fallback: one article per top-level heading; text before the first is an introduction."""
    lines = list(clean.lines)
    level = _article_level(lines) or min(heading_levels(lines))
    starts = _headings_at(lines, level)
    # Articles under group headings ("## China" over its items) carry the group as section;
    # a group heading with no item under it heads a piece of its own.
    grouped = _only_groups(lines, level - 1)
    pieces = [n for n in _headings_at(lines, level - 1) if not _groups(lines, n)] if grouped else []
    starts = sorted([*starts, *pieces])
    articles = []
    intro = blocks_from_lines([line for line in lines[: starts[0]] if not _HEADING.match(line)])
    # The title printed above the first article beats the file's metadata, which may be a
    # template's or last issue's.
    printed = next(
        (_heading_text(line) for line in lines[: starts[0]] if _HEADING.match(line)),
        None,
    )
    title = printed or clean.source.title
    if intro and sum(word_count(block.text) for block in intro) >= BODY_MIN_WORDS:
        articles.append(ArticleDraft(title=title or "Introduction", blocks=intro))
    elif intro and not title:
        title = intro[0].text
    # A date alone on the line above a heading dates the piece under it (a daily digest's
    # days), not the end of the piece before.
    datelines = [_dateline_above(lines, start) for start in starts]
    ends = [
        start if dateline is None else dateline
        for dateline, start in zip(datelines[1:], starts[1:], strict=True)
    ]
    headings = {normalize_title(_heading_text(lines[start])) for start in starts}
    # The issue is dated above its first piece ("2025. 6. 27." under the title, "October
    # 2026"), else by the date a notice is signed on at its end; a piece that gives no year
    # is dated in the issue's.
    bodies = [
        without_contacts(
            blocks_from_lines(
                [line for line in lines[start + 1 : end] if not _is_group(line, level)]
            )
        )
        for start, end in zip(starts, [*ends, len(lines)], strict=True)
    ]
    signers, signed = _signature(bodies[-1])
    issued = issue_date(lines[: starts[0]], signed or clean.source.date)
    for start, blocks, dateline in zip(starts, bodies, datelines, strict=True):
        heading = _heading_text(lines[start])
        if (
            heading
            and blocks
            and not _lists_contents(blocks, headings - {normalize_title(heading)})
        ):
            author, blocks = _opening_byline(blocks)
            # A dated heading or opening paragraph dates the piece; the body's later dates may
            # be anything (a deadline, an anniversary).
            above = [lines[dateline]] if dateline is not None else []
            dated = first_stated_date([*above, lines[start], blocks[0].text]) or yearless_date(
                [blocks[0].text], issued
            )
            section = _group_of(lines, start, level) if grouped and start not in pieces else None
            articles.append(
                ArticleDraft(heading, blocks, date=dated, author=author, section=section)
            )
    dates = sorted(article.date for article in articles if article.date)
    return DocumentDraft(
        "collection",
        title or (articles[0].title if articles else None),
        clean.publisher or masthead_issuer(lines[: starts[0]]) or signers,
        issued or (dates[-1] if dates else None),
        tuple(articles),
    )


def _opening_byline(blocks: tuple[Block, ...]) -> tuple[Author | None, tuple[Block, ...]]:
    """The author a byline opening a piece names ("By Kim Ha-eun, Senior Researcher"), and
    the piece's blocks without it."""
    first = blocks[0].text
    author = read_byline(first) if word_count(first) < BODY_MIN_WORDS else None
    if author is None or len(blocks) == 1:
        return None, blocks
    return author, blocks[1:]


def _lists_contents(blocks: Sequence[Block], headings: set[str]) -> bool:
    """Whether a piece only lists the other pieces' headlines: the issue's contents."""
    entries = [line for block in blocks for line in block.text.split("\n") if line.strip()]
    return bool(entries) and all(
        normalize_title(_SECTION_NUMBER.sub("", entry)) in headings for entry in entries
    )


def _dateline_above(lines: Sequence[str], start: int) -> int | None:
    """The line just above a heading (blank lines aside) when it is a date alone, unlabelled:
    a labelled one ("Posted: 3 June 2025") more often closes the piece before."""
    above = next((n for n in range(start - 1, -1, -1) if lines[n].strip()), None)
    if above is None or _HEADING.match(lines[above]) or ":" in lines[above]:
        return None
    return above if date_alone(lines[above]) else None


def date_alone(line: str) -> str | None:
    """The date of a line that is a date alone, unlabelled, a weekday perhaps beside it
    ("Monday, 2 June 2025", "2025.03.10 (Mon)"), as an ISO date; None for any other line."""
    text = plain_text(line)
    if _LABELLED_FIELD.match(text) or word_count(text) > FIELD_MAX_WORDS:
        return None
    return first_stated_date([text])


def _is_group(line: str, level: int) -> bool:
    """A heading above the article level after the first article: the next group's name."""
    return _HEADING.match(line) is not None and _level(line) < level


def _group_of(lines: Sequence[str], start: int, level: int) -> str | None:
    """The name of the group an article sits in: the nearest heading above it one level up."""
    for line in reversed(lines[:start]):
        if _HEADING.match(line) and _level(line) < level:
            return _heading_text(line) if _level(line) == level - 1 else None
    return None


TITLE_MAX_WORDS = 12


def _title_from_sentence(text: str) -> str:
    """Name a story that has no headline by the start of its first sentence."""
    words = text.split(".")[0].split() or text.split()
    if not words:
        return "Untitled"
    return " ".join(words[:TITLE_MAX_WORDS]) + ("…" if len(words) > TITLE_MAX_WORDS else "")


# How many words a caption repeating the headline may add to it ("(Photo: Yonhap)").
CAPTION_EXTRA_WORDS = 12


def _drop_caption_echoes(blocks: tuple[Block, ...], headline: str) -> tuple[Block, ...]:
    """News pages repeat the headline as a photo's caption; such a block is not body text.
    A caption is little longer than the headline: a paragraph that merely starts with the
    same words (a headline of one name, "경상북도") is body text and stays."""
    key = normalize_title(headline)
    limit = word_count(headline) + CAPTION_EXTRA_WORDS
    return tuple(
        block
        for block in blocks
        if not (
            key and normalize_title(block.text).startswith(key) and word_count(block.text) <= limit
        )
    )
