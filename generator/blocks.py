"""Turn the cleaned lines of one article into paragraph blocks, mending page-break damage."""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections.abc import Iterable, Sequence

from generator.model import Block
from generator.text import (
    HAN_RANGE,
    HANGUL_RANGE,
    KANA_RANGE,
    UNSPACED_CHARACTER,
    line_joint,
    plain_text,
)

_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
# Bullets, those of Korean official documents among them ("□" for a point, "ㅇ" or "○" for
# the lines under it).
POINT_BULLETS = "•■▪●◦○□◆◇▶▷※ㅇㆍ◎▣◈►➢✓"
_BULLETS = f"-*+{POINT_BULLETS}"
_LIST_ITEM = re.compile(rf"^\s*(?:[{_BULLETS}]+|\(\d{{1,2}}\)|\d{{1,2}}[.)](?=\s))\s+(.*)$")
# A bullet opens an item even straight after a paragraph line; a number there ("... rose to
# / 3. per cent") may be the paragraph's own words, so it needs a blank line before it,
# unless it is a list's first ("1.", "(1)") or the line before announces a list (":").
_BULLET_ITEM = re.compile(rf"^\s*[{_BULLETS}]+\s")
_FIRST_ITEM = re.compile(r"^\s*(?:\(1\)|1[.)])\s")
_FOOTNOTE = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*(.*)$", re.I)
# A Markdown quotation's marker: the quoted text is content like any other.
_QUOTE_MARK = re.compile(r"^\s*>\s?")
# A short line set wholly in bold ("**1. Infrastructure**") is a heading in Markdown's habits.
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<text>[^*_]{1,120})\1\s*$")
# A line with no letter or digit is a rule or a table's border ("---", "━━━", "+----+"): it
# separates blocks and is no text of its own.
WORDLESS = re.compile(r"^[^\w]*$")
# A table's column rules: Markdown's pipe, and the box-drawing lines plain-text tables are
# drawn with ("│ 연번 │ 기업명 │").
COLUMN_RULES = "|│┃║"
_TABLE_ROW = re.compile(rf"\t.*\t|^\s*[{COLUMN_RULES}].*[{COLUMN_RULES}]\s*$")
_COLUMN_RULE = re.compile(f"[{COLUMN_RULES}]")
# A block that ends like this has finished its sentence; anything else may continue.
_SENTENCE_END = re.compile(r"[.!?。！？:;\"”’')\]]\s*$")
_CONTINUATION_START = re.compile(r"^[a-z(\d,]")
# Chinese and Japanese have no lower case: a long block of theirs that stops inside a sentence
# (on a character or a comma, as a page break leaves it) goes on in the next that opens in
# their script; a short one without a stop is a title or a label.
_UNSPACED_CUT = re.compile(f"[{KANA_RANGE}{HAN_RANGE}\\d，、]$")
_UNSPACED_START = re.compile(f"^[{KANA_RANGE}{HAN_RANGE}\\d（「“]")
UNSPACED_CUT_MIN_CHARACTERS = 30
# A Chinese or Japanese text wrapped by hand fills its lines to the width it was wrapped at;
# a line much shorter than most ends its paragraph as a blank line would: an addressee line
# ("各市（州）经济和信息化主管部门："), one signature of several, a paragraph's last line
# (see _ends_short).
SHORT_LINE_SHARE = 0.8
_CLAUSE_END = re.compile(r"[。！？：；!?:;][」』”’）)]*$")
# A list item's wrapped line: it goes on in lower case or in a script without capitals
# (Hangul, Chinese, Japanese); a capitalised line after an item is a line of its own.
_ITEM_CONTINUATION = re.compile(rf"^[a-z(\d,{KANA_RANGE}{HAN_RANGE}{HANGUL_RANGE}]")


def blocks_from_lines(lines: Iterable[str]) -> tuple[Block, ...]:
    """Group lines into blocks: blank lines separate, headings, list items, tables and
    footnotes stand alone; paragraphs broken by a page or a caption are joined again.
    Footnotes move to the end, where a reader expects them."""
    lines = list(lines)
    width = _wrap_width(lines)
    body: list[Block] = []
    footnotes: list[Block] = []
    pending: list[str] = []
    item: list[str] = []  # the list item being read: its first line and lines wrapped after
    table: list[str] = []

    def flush() -> None:
        for lines_read, kind in ((item, "list"), (pending, "text")):
            text = plain_text(_join_lines(lines_read)) if lines_read else ""
            if text:
                body.append(Block(text.replace("\n", " "), kind))
            lines_read.clear()
        if table:
            # A Markdown table's "|---|---:|" row only aligns the columns: no row of data.
            rows = [_table_row(row) for row in table if not WORDLESS.match(row)]
            body.append(Block("\n".join(row for row in rows if row.strip()), "table"))
            table.clear()

    for line in lines:
        line = _QUOTE_MARK.sub("", line)
        table_row = _TABLE_ROW.search(line) is not None
        if not line.strip() or (WORDLESS.match(line) and not table_row):
            # A rule between a table's rows ("├───┼───┤") goes on with the table.
            if not (table and line.strip()):
                flush()
            continue
        if table_row:
            if pending:
                flush()
            table.append(line.strip("\n"))
            continue
        if table:
            flush()
        footnote = _FOOTNOTE.match(line)
        heading = _HEADING.match(line) or _BOLD_LINE.match(line)
        item_start = _LIST_ITEM.match(line)
        if footnote:
            flush()
            number = footnote.group(1) or footnote.group(2)
            text = plain_text(footnote.group(3))
            if text:
                footnotes.append(Block(f"[{number}] {text}", "footnote"))
        elif heading:
            flush()
            text = plain_text(heading.group("text"))
            if text:
                body.append(Block(text, "heading"))
        elif item_start and (not pending or _opens_item(line, pending[-1])):
            flush()
            item.append(item_start.group(1))
        elif item and _ITEM_CONTINUATION.match(line.strip()):
            item.append(line)  # the item, wrapped: its next line goes on mid-sentence
        else:
            if item or (pending and width and _ends_short(pending[-1], line, width)):
                flush()
            pending.append(line)
    flush()
    return tuple(merge_broken_paragraphs(body)) + tuple(footnotes)


def _wrap_width(lines: Sequence[str]) -> float:
    """The width Chinese or Japanese lines were wrapped at, in display cells: the median of
    the lines the next goes on without a space (0 when fewer than two do). Not the widest: a
    title or a line left unwrapped would stand for the rest."""
    widths = [
        _display_width(line.strip())
        for line, following in itertools.pairwise(lines)
        if line.strip() and following.strip() and not line_joint(line.strip(), following.strip())
    ]
    return statistics.median(widths) if len(widths) >= 2 else 0


def _ends_short(line: str, following: str, width: float) -> bool:
    """Whether a Chinese or Japanese line much shorter than the text's wrapped lines ends its
    paragraph: it ends a sentence or a clause, or the next line is as short (one signature of
    several, an address). A short line cut mid-word ("成渝地区双城" + "经济圈…") goes on."""
    line, following = line.strip(), following.strip()
    if line_joint(line, following) or _display_width(line) >= SHORT_LINE_SHARE * width:
        return False
    return bool(_CLAUSE_END.search(line)) or _display_width(following) < SHORT_LINE_SHARE * width


def _display_width(text: str) -> int:
    """Cells a line takes in a fixed-width font: two for a wide character (漢, ，), else one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _table_row(row: str) -> str:
    """A table row as tab-separated plain-text cells, from a ruled row or a tabbed one."""
    return "\t".join(plain_text(cell).replace("\n", "; ") for cell in table_cells(row))


def table_cells(row: str) -> list[str]:
    """The cells of a table row, ruled ("| a | b |") or tabbed, as written."""
    text = row.strip()
    # A tabbed row keeps its leading tab: the header of a table with row labels opens empty.
    if text[:1] and text[0] in COLUMN_RULES:
        return _COLUMN_RULE.split(text.strip(COLUMN_RULES))
    return row.strip(" \r\n").split("\t")


def parts_between(lines: Iterable[str], separator: re.Pattern[str]) -> list[list[str]]:
    """Cut lines into the parts between separator lines, dropping parts with no text."""
    parts: list[list[str]] = [[]]
    for line in lines:
        if separator.match(line):
            parts.append([])
        else:
            parts[-1].append(line)
    return [part for part in parts if any(line.strip() for line in part)]


def _opens_item(line: str, previous: str) -> bool:
    """Tell whether a list-item line right after a paragraph line starts an item."""
    return bool(
        _BULLET_ITEM.match(line) or _FIRST_ITEM.match(line) or previous.rstrip().endswith(":")
    )


def _join_lines(lines: Sequence[str]) -> str:
    """Join the lines of one paragraph, undoing end-of-line hyphenation."""
    text = ""
    for line in (raw.strip() for raw in lines):
        if not text:
            text = line
        elif re.search(r"[a-z]-$", text) and re.match(r"[a-z]", line):
            text = text[:-1] + line  # "develop-" + "ment"
        else:
            text += line_joint(text, line) + line
    return text


def _latin_continuation(previous: Block, block: Block) -> bool:
    """Whether a block goes on in lower case or with a number after one that stops mid-
    sentence; not after Chinese or Japanese, whose signature goes on with its date."""
    return bool(_CONTINUATION_START.match(block.text)) and not UNSPACED_CHARACTER.match(
        previous.text[-1:]
    )


def _unspaced_cut(previous: Block, block: Block) -> bool:
    """Whether a Chinese or Japanese block stops inside a sentence the next one goes on with."""
    return (
        len(previous.text) >= UNSPACED_CUT_MIN_CHARACTERS
        and _UNSPACED_CUT.search(previous.text) is not None
        and _UNSPACED_START.match(block.text) is not None
    )


def merge_broken_paragraphs(blocks: Sequence[Block]) -> list[Block]:
    """Join a text block that stops mid-sentence with the next text block that
    continues it in lower case (or, in Chinese and Japanese, in their script after a long
    block cut on a character): the mark of a page break or a caption cut."""
    merged: list[Block] = []
    for block in blocks:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "text"
            and block.kind == "text"
            and not _SENTENCE_END.search(previous.text)
            and (_latin_continuation(previous, block) or _unspaced_cut(previous, block))
        ):
            merged[-1] = Block(_join_lines([previous.text, block.text]))
        else:
            merged.append(block)
    return merged
