"""Read a Hangul document in its binary format (.hwp, HWP 5.0), as most Korean government
releases are still sent.

The file is an OLE compound file (read with olefile). Its text is in the streams
BodyText/Section0, Section1...: each a series of records (usually deflated), each record a
tag, a nesting level and its data. A paragraph is a PARA_HEADER with its PARA_TEXT (UTF-16
text in which codes below 32 stand for controls); a control the text anchors (a table, a
text box, a header, a note) follows as a CTRL_HEADER whose records nest one level deeper.
A table's cells each open with a LIST_HEADER giving the cell's column and row, followed by
its paragraphs. The layout is Hancom's published "한글 문서 파일 형식 5.0".

Headers, footers and hidden comments are left out; foot- and endnotes are marked and listed
at the end, as the HWPX reader does.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.errors import SourceError
from generator.office import (
    MAX_UNPACKED_BYTES,
    Blocks,
    OfficeText,
    markdown_from_blocks,
    note_blocks,
    ole_summary,
    pipe_row,
)

RESAVE_HWP = "open it in Hangul and save it as .hwpx, or print it to PDF"
SIGNATURE = b"HWP Document File"
# FileHeader flags.
COMPRESSED, PASSWORD, DISTRIBUTION = 0x1, 0x2, 0x4
# Record tags (HWPTAG_BEGIN is 16).
PARA_HEADER, PARA_TEXT, CTRL_HEADER, LIST_HEADER, TABLE = 66, 67, 71, 72, 77
# Controls whose text is not the document's: headers, footers, hidden comments, and the
# section's definition (its master pages' text).
_LEFT_OUT = frozenset({"head", "foot", "tcmt", "secd"})
_NOTES = frozenset({"fn  ", "en  "})
# Text codes below 32 that take one code unit; the others take eight (the control's id).
_ONE_UNIT = frozenset({0, 10, 13, *range(24, 32)})
# What those read as: a line break and a tab are spaces, a hyphen and the fixed spaces keep.
_CODE_TEXT = {9: " ", 10: " ", 24: "-", 30: "\u00a0", 31: " "}
NOTE_CODE = 17  # a foot- or endnote's anchor
# The most cells a table is laid out on, and the deepest controls are read in (tables in
# tables' cells...): the file is untrusted, and Hangul nests far less.
MAX_TABLE_SLOTS = 10_000
MAX_CONTROL_DEPTH = 16


@dataclass(frozen=True)
class Record:
    tag: int
    level: int
    data: bytes


def read_hwp(relative: str, data: bytes) -> OfficeText:
    """The document's text as Markdown (tables as pipe rows), its title and date."""
    import olefile  # imported here: only .hwp files need it

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            flags = _file_flags(relative, ole)
            sections = _section_streams(ole)
            if not sections:
                raise SourceError(
                    relative, "the Hangul document holds no body text", hint=RESAVE_HWP
                )
            walker = _Walker()
            for name in sections:
                stream = ole.openstream(name).read()
                walker.records(_records(_unpacked(relative, stream, flags & COMPRESSED)))
            title, date = ole_summary(ole, "\x05HwpSummaryInformation", "cp949")
    except (OSError, struct.error, ValueError, IndexError) as error:
        raise SourceError(
            relative, f"the Hangul document is damaged ({error})", hint=RESAVE_HWP
        ) from error
    notes = note_blocks(walker.notes)
    return OfficeText(markdown_from_blocks(walker.blocks + notes), title, date)


def _file_flags(relative: str, ole: object) -> int:
    header = ole.openstream("FileHeader").read(40) if ole.exists("FileHeader") else b""
    if not header.startswith(SIGNATURE) or len(header) < 40:
        raise SourceError(
            relative,
            "not a Hangul document (no HWP file header)",
            hint="give it the extension of its real format",
        )
    flags: int = struct.unpack_from("<I", header, 36)[0]
    if flags & PASSWORD:
        raise SourceError(
            relative,
            "the Hangul document is password-protected",
            hint="save an unprotected copy as .hwpx, or print it to PDF",
        )
    if flags & DISTRIBUTION:
        raise SourceError(
            relative,
            "the Hangul document is a distribution copy (배포용 문서) whose text is locked",
            hint="ask for the original, or print it to PDF",
        )
    return flags


def _section_streams(ole: object) -> list[str]:
    """BodyText/Section0, Section1, ... in their number's order."""
    numbered = []
    for path in ole.listdir(streams=True, storages=False):
        if len(path) == 2 and path[0] == "BodyText" and path[1].startswith("Section"):
            number = path[1].removeprefix("Section")
            if number.isdigit():
                numbered.append((int(number), "/".join(path)))
    return [name for _, name in sorted(numbered)]


def _unpacked(relative: str, stream: bytes, compressed: int) -> bytes:
    """A section's records, inflated (raw deflate) when the file is compressed; refused
    when they would unpack to more than MAX_UNPACKED_BYTES."""
    if not compressed:
        return stream
    inflater = zlib.decompressobj(-15)
    try:
        records = inflater.decompress(stream, MAX_UNPACKED_BYTES)
    except zlib.error as error:
        raise SourceError(
            relative, f"the Hangul document is damaged ({error})", hint=RESAVE_HWP
        ) from error
    if inflater.unconsumed_tail:
        raise SourceError(
            relative,
            f"a section would unpack to over {MAX_UNPACKED_BYTES // (1024 * 1024)} MB",
            hint="save the document again, or print it to PDF",
        )
    return records


def _records(data: bytes) -> list[Record]:
    """The records of a section: a 32-bit header (tag, level, size; a size of 0xFFF is
    followed by the real one in 32 bits) and the data."""
    records, position = [], 0
    while position + 4 <= len(data):
        (header,) = struct.unpack_from("<I", data, position)
        position += 4
        size = header >> 20
        if size == 0xFFF:
            (size,) = struct.unpack_from("<I", data, position)
            position += 4
        records.append(
            Record(header & 0x3FF, (header >> 10) & 0x3FF, data[position : position + size])
        )
        position += size
    return records


@dataclass
class _Walker:
    """Collects the document's blocks in reading order, section after section."""

    blocks: Blocks = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # foot- and endnotes, in order
    anchors: int = 0  # note anchors met in the text so far

    def records(self, records: Sequence[Record], depth: int = 0) -> None:
        """Read records in order; depth: how many controls they are nested in."""
        index = 0
        while index < len(records):
            record = records[index]
            if record.tag == PARA_TEXT:
                text = self._text(record.data)
                if text:
                    self.blocks.append((None, text))
            elif record.tag == CTRL_HEADER:
                end = _subtree_end(records, index)
                if depth < MAX_CONTROL_DEPTH:
                    self._control(_control_id(record.data), records[index + 1 : end], depth + 1)
                index = end
                continue
            index += 1

    def _control(self, control: str, inner: Sequence[Record], depth: int) -> None:
        if control in _LEFT_OUT:
            return
        if control in _NOTES:
            walker = _Walker()
            walker.records(inner, depth)
            self.notes.append(" ".join(text for _, text in walker.blocks))
        elif control == "tbl ":
            self._table(inner, depth)
        else:  # a text box, a caption: its paragraphs in place
            self.records(inner, depth)

    def _table(self, inner: Sequence[Record], depth: int) -> None:
        """A data table as pipe rows; a one-column table is a frame, read as paragraphs."""
        table = next((record for record in inner if record.tag == TABLE), None)
        cells = _cells(inner)
        rows, columns = _table_size(table)
        if not cells:
            return
        if columns <= 1 or rows * columns > MAX_TABLE_SLOTS:
            for _, cell_records in cells:
                self.records(cell_records, depth)
            return
        slots: dict[tuple[int, int], str] = {}
        for header, cell_records in cells:
            column, row = _cell_address(header, rows, columns)
            walker = _Walker(notes=self.notes, anchors=self.anchors)
            walker.records(cell_records, depth)
            self.anchors = walker.anchors
            slots[(row, column)] = " ".join(text for _, text in walker.blocks)
        lines = [
            pipe_row([slots.get((row, column), "") for column in range(columns)])
            for row in range(rows)
            if _has_text(slots, row)
        ]
        if lines:
            self.blocks.append((None, "\n".join(lines)))

    def _text(self, data: bytes) -> str:
        """A paragraph's text: controls read as what they show, a note's anchor marked."""
        units = struct.unpack(f"<{len(data) // 2}H", data[: len(data) // 2 * 2])
        pieces: list[str] = []
        position = 0
        while position < len(units):
            unit = units[position]
            if unit >= 32:
                pieces.append(chr(unit))  # a surrogate half, joined to its pair below
                position += 1
                continue
            if unit == 13:
                break  # the paragraph's end
            if unit == NOTE_CODE:
                self.anchors += 1
                pieces.append(f"[^{self.anchors}]")
            else:
                pieces.append(_CODE_TEXT.get(unit, ""))
            position += 1 if unit in _ONE_UNIT else 8
        text = "".join(pieces).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return " ".join(text.split())


def _subtree_end(records: Sequence[Record], index: int) -> int:
    """The index after a record's nested records (those at deeper levels right after it)."""
    level = records[index].level
    end = index + 1
    while end < len(records) and records[end].level > level:
        end += 1
    return end


def _control_id(data: bytes) -> str:
    """A control's id ("tbl ", "head"): four characters stored as a little-endian number."""
    return data[:4][::-1].decode("latin-1") if len(data) >= 4 else ""


def _cells(inner: Sequence[Record]) -> list[tuple[bytes, list[Record]]]:
    """A table's cells: each LIST_HEADER at the table's cell level with the records after
    it up to the next one."""
    levels = [record.level for record in inner if record.tag == LIST_HEADER]
    if not levels:
        return []
    level = min(levels)
    cells: list[tuple[bytes, list[Record]]] = []
    for record in inner:
        if record.tag == LIST_HEADER and record.level == level:
            cells.append((record.data, []))
        elif cells and record.level >= level:
            cells[-1][1].append(record)
    return cells


def _table_size(table: Record | None) -> tuple[int, int]:
    if table is None or len(table.data) < 8:
        return 0, 0
    rows, columns = struct.unpack_from("<HH", table.data, 4)
    return rows, columns


# Where a cell's address may start in its LIST_HEADER: after the paragraph count and the
# list's properties (6 bytes, as the specification tables them, or 8, as Hangul writes them).
_CELL_ADDRESS_OFFSETS = (8, 6)


def _cell_address(header: bytes, rows: int, columns: int) -> tuple[int, int]:
    """A cell's column and row: read where they make sense (the cell inside the table, its
    spans at least one), else the first slot."""
    for offset in _CELL_ADDRESS_OFFSETS:
        if len(header) >= offset + 8:
            column, row, column_span, row_span = struct.unpack_from("<HHHH", header, offset)
            if (
                column_span >= 1
                and row_span >= 1
                and column + column_span <= columns
                and row + row_span <= rows
            ):
                return column, row
    return 0, 0


def _has_text(slots: dict[tuple[int, int], str], row: int) -> bool:
    return any(text for (slot_row, _), text in slots.items() if slot_row == row)
