"""Read a Word 97-2003 document (.doc), as many government offices still attach them.

The file is an OLE compound file (read with olefile). Its WordDocument stream opens with the
File Information Block, which says where the rest lies in the table stream (0Table or
1Table). The text is a series of character positions (CPs): the main document first, then
the footnotes, headers, comments and endnotes. The piece table (the Clx) maps CPs to bytes
of WordDocument, each piece either UTF-16 or one byte per character (Windows-1252).

Paragraph properties are in FKP pages the table stream's PlcBtePapx points to: each run of
file offsets has a style and a list of property modifiers (sprms), which say whether a
paragraph is in a table and whether it ends a table row. The style sheet says which styles
are Word's own Title and Heading 1-9. The layout is Microsoft's published [MS-DOC].

In the text, 0x0D ends a paragraph and 0x07 a table cell (a row ends with a mark of its own);
a field is 0x13 instruction 0x14 result 0x15, of which the result is what the page shows.
Headers, footers, comments and text boxes are left out; foot- and endnotes are marked and
listed at the end, as the other readers do.
"""

from __future__ import annotations

import array
import bisect
import io
import re
import struct
import sys
from dataclasses import dataclass, field

from generator.errors import SourceError
from generator.office import (
    HEADING_MAX_WORDS,
    Blocks,
    OfficeText,
    markdown_from_blocks,
    note_blocks,
    ole_summary,
    table_blocks,
)
from generator.text import word_count

RESAVE_DOC = "open it in Word and save it as .docx, or print it to PDF"
WORD_IDENT = 0xA5EC
OLD_WORD_IDENTS = frozenset({0xA5DB, 0xA5DC})  # Word 2, and Word 6 and 95
WORD_97_NFIB = 0x00C1  # the oldest nFib of a Word 97 file; Word 6 and 95 wrote less
# FibBase flags.
ENCRYPTED, WHICH_TABLE, OBFUSCATED = 0x0100, 0x0200, 0x8000
# Indexes into FibRgLw97 (counts of CPs) and FibRgFcLcb97 (offset and size pairs).
CCP_TEXT, CCP_FTN, CCP_HDD, CCP_MCR, CCP_ATN, CCP_EDN = 3, 4, 5, 6, 7, 8
FC_STSHF, FC_FTN_REF, FC_FTN_TXT, FC_BTE_PAPX, FC_CLX = 1, 2, 3, 13, 33
FC_EDN_REF, FC_EDN_TXT = 46, 47
# Paragraph sprms read: in a table, a row's end mark, table depth, outline level, list.
SPRM_IN_TABLE, SPRM_TTP, SPRM_ITAP, SPRM_OUTLINE, SPRM_LIST = 0x2416, 0x2417, 0x6649, 0x2640, 0x460B
SPRM_INNER_TTP = 0x244C
# A paragraph whose properties outgrow its FKP page (a wide table's row mark) keeps them in
# the Data stream, at the offset this sprm gives.
SPRM_HUGE_PAPX = (0x6646, 0x6645)  # sprmPHugePapx, and the id early Word 97 files use
# Sprms whose operand size is given in two bytes, and the one whose long form is special.
_WIDE_SIZE = frozenset({0xD608, 0xD606})
SPRM_CHANGE_TABS = 0xC615
# Style identifiers (sti) of Word's built-in styles: Heading 1-9, and Title.
STI_HEADINGS = range(1, 10)
STI_TITLE = 62
STI_USER = 0x0FFE
FKP_SIZE = 512
# Characters: paragraph and cell ends, the field marks, and what others read as.
PARAGRAPH_END, CELL_END = "\r", "\x07"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
NOTE_REFERENCE = "\x02"
PAGE_BREAK = "\x0c"  # a page or section break ends the paragraph it is in
# What the characters below 32 that are no mark above read as: a line break and a tab as a
# space, a non-breaking hyphen as a hyphen; the rest (pictures, drawn objects, comment
# anchors, an optional hyphen) as nothing.
_CHARACTER_TEXT = {chr(code): "" for code in range(32)} | {"\x0b": " ", "\t": " ", "\x1e": "-"}
_SURROGATE = re.compile("[\ud800-\udfff]")
# The deepest styles are followed through their base styles, and the most runs a file
# may hold: the file is untrusted.
MAX_STYLE_DEPTH = 16
MAX_RUNS = 1_000_000


@dataclass(frozen=True)
class _Fib:
    """What the File Information Block says: the table stream's name, the CP counts and
    each structure's (offset, size) in the table stream."""

    table: str
    counts: tuple[int, ...]
    places: tuple[tuple[int, int], ...]

    def place(self, index: int) -> tuple[int, int]:
        return self.places[index] if index < len(self.places) else (0, 0)

    def count(self, index: int) -> int:
        return self.counts[index] if index < len(self.counts) else 0


@dataclass(frozen=True)
class _Piece:
    start: int  # its first CP
    end: int
    offset: int  # the byte of WordDocument its first character is at
    compressed: bool  # one byte per character (Windows-1252), else UTF-16


@dataclass(frozen=True)
class _Properties:
    """A paragraph's properties, as far as reading it needs them."""

    style: int = 0
    row_end: bool = False  # the mark ending a row of the outermost table
    inner_row_end: bool = False  # the mark ending a row of a table in a cell
    depth: int = 0  # how many tables deep (0 outside one; a paragraph "in table" is in one)
    outline: int | None = None  # outline level 0-8 set on the paragraph
    listed: bool = False


def read_doc(relative: str, data: bytes) -> OfficeText:
    """The document's text as Markdown (tables as pipe rows), its title and date."""
    import olefile  # imported here: only .doc and .hwp files need it

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            _refuse_other_files(relative, ole)
            word = ole.openstream("WordDocument").read()
            fib = _read_fib(relative, word)
            if not ole.exists(fib.table):
                raise SourceError(
                    relative, f"the Word document has no {fib.table} stream", hint=RESAVE_DOC
                )
            table = ole.openstream(fib.table).read()
            extra = ole.openstream("Data").read() if ole.exists("Data") else b""
            title, date = ole_summary(ole, "\x05SummaryInformation", "cp1252")
        blocks = _Document(word, table, extra, fib).blocks()
    except (OSError, struct.error, ValueError, IndexError) as error:
        raise SourceError(
            relative, f"the Word document is damaged ({error})", hint=RESAVE_DOC
        ) from error
    return OfficeText(markdown_from_blocks(blocks), title, date)


def _refuse_other_files(relative: str, ole: object) -> None:
    """A compound file that is not a Word 97 document gets a line saying what it is."""
    if ole.exists("EncryptedPackage"):
        raise SourceError(
            relative,
            "the file is a password-protected Word document",
            hint="save an unprotected copy as .docx, or print it to PDF",
        )
    if ole.exists("CONTENTS") and not ole.exists("WordDocument"):
        raise SourceError(
            relative,
            "the file is a Microsoft Works document, not a Word or WPS Writer one",
            hint="open it in LibreOffice and save it as .docx",
        )
    if ole.exists("FileHeader"):
        raise SourceError(relative, "the file is a Hangul document", hint="rename it to .hwp")
    if not ole.exists("WordDocument"):
        raise SourceError(
            relative,
            "not a Word document (an Excel or PowerPoint file?)",
            hint="give it the extension of its real format, or print it to PDF",
        )


def _read_fib(relative: str, word: bytes) -> _Fib:
    ident, version = struct.unpack_from("<HH", word, 0)
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if ident != WORD_IDENT and ident not in OLD_WORD_IDENTS:
        raise SourceError(
            relative, "the Word document is damaged (no Word header)", hint=RESAVE_DOC
        )
    if ident in OLD_WORD_IDENTS or version < WORD_97_NFIB:
        raise SourceError(
            relative,
            "the file is a Word 6 or Word 95 document, older than this reader reads",
            hint=RESAVE_DOC,
        )
    if flags & (ENCRYPTED | OBFUSCATED):
        raise SourceError(
            relative,
            "the Word document is password-protected",
            hint="save an unprotected copy as .docx, or print it to PDF",
        )
    position = 32
    shorts = struct.unpack_from("<H", word, position)[0]
    position += 2 + shorts * 2
    longs = struct.unpack_from("<H", word, position)[0]
    counts = struct.unpack_from(f"<{longs}i", word, position + 2)
    position += 2 + longs * 4
    pairs = struct.unpack_from("<H", word, position)[0]
    values = struct.unpack_from(f"<{pairs * 2}I", word, position + 2)
    places = tuple(zip(values[::2], values[1::2], strict=True))
    return _Fib("1Table" if flags & WHICH_TABLE else "0Table", counts, places)


class _Document:
    """The text of a Word document, its paragraphs' properties and its styles."""

    def __init__(self, word: bytes, table: bytes, extra: bytes, fib: _Fib) -> None:
        self.word = word
        self.table = table
        self.fib = fib
        self.pieces = _pieces(table, *fib.place(FC_CLX))
        self.piece_starts = [piece.start for piece in self.pieces]
        self.runs = _paragraph_runs(word, table, extra, *fib.place(FC_BTE_PAPX))
        self.run_starts = [start for start, _, _ in self.runs]
        self.levels = _style_levels(table, *fib.place(FC_STSHF))
        # Each character takes a byte of WordDocument at least: a file whose pieces make more
        # text than that (pieces sharing bytes, a count of billions) is damaged.
        self.budget = len(word)

    def blocks(self) -> Blocks:
        """The main document's blocks in order, then its notes' definitions."""
        main = self.fib.count(CCP_TEXT)
        notes = _Notes(self, main)
        walker = _Walker(self, notes)
        walker.read(0, main)
        return walker.finish() + notes.definitions()

    def text(self, start: int, end: int) -> str:
        """The characters from CP start to end, as the pieces hold them."""
        parts = []
        index = max(0, bisect.bisect_right(self.piece_starts, start) - 1)
        while index < len(self.pieces) and start < end:
            piece = self.pieces[index]
            if piece.end <= start:
                index += 1
                continue
            if piece.start > start:
                break  # a gap no piece covers: the table is damaged there
            stop = min(end, piece.end)
            self.budget -= stop - start
            if self.budget < 0:
                raise ValueError("its pieces make more text than the file holds")
            width = 1 if piece.compressed else 2
            first = piece.offset + (start - piece.start) * width
            chunk = self.word[first : first + (stop - start) * width]
            parts.append(chunk.decode("cp1252", "replace") if width == 1 else _code_units(chunk))
            start = stop
            index += 1
        return "".join(parts)

    def properties(self, cp: int) -> _Properties:
        """The properties of the paragraph whose end mark is at CP cp."""
        offset = self._file_offset(cp)
        if offset is None:
            return _Properties()
        index = bisect.bisect_right(self.run_starts, offset) - 1
        if index < 0 or offset >= self.runs[index][1]:
            return _Properties()
        return self.runs[index][2]

    def heading_level(self, properties: _Properties) -> int | None:
        """0 for the Title, 1-9 for a heading (by style or outline level), else None."""
        if properties.outline is not None and properties.outline < len(STI_HEADINGS):
            return properties.outline + 1
        return self.levels.get(properties.style)

    def _file_offset(self, cp: int) -> int | None:
        index = bisect.bisect_right(self.piece_starts, cp) - 1
        if index < 0 or cp >= self.pieces[index].end:
            return None
        piece = self.pieces[index]
        return piece.offset + (cp - piece.start) * (1 if piece.compressed else 2)


@dataclass
class _Walker:
    """Reads a stretch of text into blocks: paragraphs, headings, list items and tables."""

    document: _Document
    notes: _Notes | None
    blocks: Blocks = field(default_factory=list)
    cell: list[str] = field(default_factory=list)  # the open cell's paragraphs
    row: list[str] = field(default_factory=list)  # the open row's cells
    rows: list[list[str]] = field(default_factory=list)  # the open table's rows

    def read(self, start: int, end: int) -> None:
        text = self.document.text(start, end)
        fields: list[bool] = []  # per open field: is its result being read?
        line: list[str] = []
        for position, character in enumerate(text, start):
            if character == FIELD_BEGIN:
                fields.append(False)
            elif character == FIELD_SEPARATOR:
                if fields:
                    fields[-1] = True
            elif character == FIELD_END:
                if fields:
                    fields.pop()
            elif character in (PARAGRAPH_END, CELL_END):
                self._paragraph("".join(line), character, position)
                line = []
            elif not all(fields):
                continue  # a field's instruction ("HYPERLINK ...", "PAGE")
            elif character == NOTE_REFERENCE and self.notes is not None:
                line.append(self.notes.marker(position))
            elif character == PAGE_BREAK:
                self._paragraph("".join(line), PARAGRAPH_END, position)
                line = []
            else:
                line.append(_CHARACTER_TEXT.get(character, character))
        if line:
            self._paragraph("".join(line), PARAGRAPH_END, end)

    def _paragraph(self, text: str, mark: str, position: int) -> None:
        if _SURROGATE.search(text):  # characters outside the BMP, read a code unit at a time
            text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        text = " ".join(text.split())
        properties = self.document.properties(position)
        if properties.inner_row_end and mark == CELL_END:
            return  # a row of a table in a cell: its cells read into the cell
        if properties.row_end and mark == CELL_END:
            self.rows.append(self.row)
            self.row = []
            return
        if properties.depth or mark == CELL_END:
            if text:
                self.cell.append(text)
            if mark == CELL_END and properties.depth <= 1:
                self.row.append(" ".join(self.cell))
                self.cell = []
            return
        self._close_table()
        if not text:
            return
        level = self.document.heading_level(properties)
        if level is not None and word_count(text) <= HEADING_MAX_WORDS:
            self.blocks.append((level, text))
        elif properties.listed:
            self.blocks.append((None, f"- {text}"))
        else:
            self.blocks.append((None, text))

    def _close_table(self) -> None:
        """End the open table: a data table as pipe rows, a one-column one (a frame around
        text) as its cells' paragraphs."""
        if self.cell or self.row:
            self.rows.append([*self.row, " ".join(self.cell)] if self.cell else self.row)
            self.cell, self.row = [], []
        self.blocks += table_blocks(self.rows)
        self.rows = []

    def finish(self) -> Blocks:
        self._close_table()
        return self.blocks


class _Notes:
    """The foot- and endnotes, numbered in one series in the order the text refers to them
    (as the Word reader numbers them), listed at the end."""

    def __init__(self, document: _Document, main: int) -> None:
        self.document = document
        # The CP of a reference -> the CPs its note's text runs between.
        self.spans: dict[int, tuple[int, int]] = {}
        fib = document.fib
        footnotes = main
        endnotes = main + sum(fib.count(i) for i in (CCP_FTN, CCP_HDD, CCP_MCR, CCP_ATN))
        for references, texts, start, length in (
            (FC_FTN_REF, FC_FTN_TXT, footnotes, fib.count(CCP_FTN)),
            (FC_EDN_REF, FC_EDN_TXT, endnotes, fib.count(CCP_EDN)),
        ):
            self._find(fib.place(references), fib.place(texts), start, length)
        self.numbered: list[str] = []

    def _find(
        self, references: tuple[int, int], texts: tuple[int, int], start: int, length: int
    ) -> None:
        """Where each note's text is: between bounds that rise within its notes' part."""
        anchors = _plc_positions(self.document.table, *references, data_size=2)
        bounds = _plc_positions(self.document.table, *texts, data_size=0)
        for number, anchor in enumerate(anchors[:-1]):
            if number + 1 >= len(bounds):
                break
            first, last = bounds[number], bounds[number + 1]
            if 0 <= first < last <= length:
                self.spans[anchor] = (start + first, start + last)

    def marker(self, cp: int) -> str:
        """The marker of the note referred to at cp, its text read now (once)."""
        span = self.spans.pop(cp, None)
        if span is None:
            return ""
        walker = _Walker(self.document, None)
        walker.read(*span)
        text = " ".join(text for _, text in walker.finish())
        if not text:
            return ""
        self.numbered.append(text)
        return f"[^{len(self.numbered)}]"

    def definitions(self) -> Blocks:
        return note_blocks(self.numbered)


def _code_units(data: bytes) -> str:
    """UTF-16 text a character per code unit: a character outside the BMP takes two CPs, so
    its halves are kept apart, each at its CP, and joined when a paragraph is made."""
    units = array.array("H")
    units.frombytes(data[: len(data) // 2 * 2])
    if sys.byteorder == "big":
        units.byteswap()
    return "".join(map(chr, units))


def _plc_positions(table: bytes, offset: int, size: int, data_size: int) -> list[int]:
    """The CPs of a PLC (n + 1 positions, then n data items of data_size bytes)."""
    if size < 4:
        return []
    count = (size - 4) // (4 + data_size)
    return list(struct.unpack_from(f"<{count + 1}i", table, offset))


def _pieces(table: bytes, offset: int, size: int) -> list[_Piece]:
    """The piece table of the Clx: past any property lists (Prc), the Pcdt's PlcPcd."""
    position, end = offset, offset + size
    while position < end:
        kind = table[position]
        if kind == 1:  # a Prc: its property list's size in two bytes
            position += 3 + struct.unpack_from("<H", table, position + 1)[0]
            continue
        if kind != 2:
            raise ValueError(f"unknown Clx entry {kind}")
        length = struct.unpack_from("<I", table, position + 1)[0]
        count = (length - 4) // 12
        if count <= 0 or count > MAX_RUNS:
            raise ValueError("empty piece table")
        starts = struct.unpack_from(f"<{count + 1}i", table, position + 5)
        pieces = []
        for number in range(count):
            descriptor = position + 5 + (count + 1) * 4 + number * 8
            value = struct.unpack_from("<I", table, descriptor + 2)[0]
            compressed = bool(value & 0x40000000)
            place = value & 0x3FFFFFFF
            pieces.append(
                _Piece(
                    starts[number],
                    starts[number + 1],
                    place // 2 if compressed else place,
                    compressed,
                )
            )
        return sorted(pieces, key=lambda piece: piece.start)
    raise ValueError("no piece table")


def _paragraph_runs(
    word: bytes, table: bytes, extra: bytes, offset: int, size: int
) -> list[tuple[int, int, _Properties]]:
    """Each run of file offsets the FKPs give properties for: (start, end, properties).

    extra: the Data stream, where a paragraph's properties too large for its page are."""
    if size < 4:
        return []
    count = (size - 4) // 8
    pages = struct.unpack_from(f"<{count}I", table, offset + (count + 1) * 4)
    runs = []
    for page_number in dict.fromkeys(number & 0x3FFFFF for number in pages):
        page = word[page_number * FKP_SIZE : (page_number + 1) * FKP_SIZE]
        if len(page) < FKP_SIZE:
            continue
        crun = page[FKP_SIZE - 1]
        offsets = struct.unpack_from(f"<{crun + 1}I", page, 0)
        for number in range(crun):
            where = page[(crun + 1) * 4 + number * 13] * 2
            runs.append((offsets[number], offsets[number + 1], _papx(page, where, extra)))
        if len(runs) > MAX_RUNS:
            raise ValueError("too many paragraph runs")
    runs.sort(key=lambda run: run[0])
    return runs


def _papx(page: bytes, where: int, extra: bytes) -> _Properties:
    """A paragraph's properties from its PapxInFkp (where: its byte in the page; 0 for none),
    and from the Data stream (extra) when it points there."""
    if where == 0:
        return _Properties()
    size = page[where]
    start = where + 1
    if size == 0:
        size, start = page[where + 1] * 2, where + 2
    else:
        size = size * 2 - 1
    if size < 2:
        return _Properties()
    data = page[start : start + size]
    style = struct.unpack_from("<H", data, 0)[0]
    values = dict(_sprms(data[2:]))
    huge = next((values[sprm] for sprm in SPRM_HUGE_PAPX if sprm in values), None)
    if huge is not None and len(huge) == 4:
        place = struct.unpack("<I", huge)[0]
        length = struct.unpack_from("<H", extra, place)[0] if place + 2 <= len(extra) else 0
        values |= dict(_sprms(extra[place + 2 : place + 2 + length]))
    depth = int.from_bytes(values.get(SPRM_ITAP, b"")[:4] or b"\0", "little", signed=True)
    in_table = bool(values.get(SPRM_IN_TABLE, b"\0")[0])
    outline = values.get(SPRM_OUTLINE)
    return _Properties(
        style=style,
        row_end=bool(values.get(SPRM_TTP, b"\0")[0]),
        inner_row_end=bool(values.get(SPRM_INNER_TTP, b"\0")[0]),
        depth=max(depth, 1 if in_table else 0),
        outline=outline[0] if outline else None,
        listed=int.from_bytes(values.get(SPRM_LIST, b"\0\0")[:2], "little") > 0,
    )


def _sprms(data: bytes) -> list[tuple[int, bytes]]:
    """The sprms of a property list, each with its operand; a damaged tail is left."""
    found, position = [], 0
    while position + 2 <= len(data):
        sprm = struct.unpack_from("<H", data, position)[0]
        position += 2
        size = (1, 1, 2, 4, 2, 2, 0, 3)[sprm >> 13]
        if sprm >> 13 == 6:
            if sprm in _WIDE_SIZE and position + 2 <= len(data):
                size = struct.unpack_from("<H", data, position)[0] + 1
            elif sprm == SPRM_CHANGE_TABS and position < len(data) and data[position] == 255:
                size = _long_tabs_size(data, position)
            elif position < len(data):
                size = data[position] + 1
            else:
                break
        if position + size > len(data):
            break
        found.append((sprm, data[position : position + size]))
        position += size
    return found


def _long_tabs_size(data: bytes, position: int) -> int:
    """The size of sprmPChgTabs's long operand: cb (255), the tabs deleted (a count, then
    two 2-byte positions each) and those added (a count, then 2 + 1 bytes each)."""
    deleted = data[position + 1] if position + 1 < len(data) else 0
    added_at = position + 2 + 4 * deleted
    added = data[added_at] if added_at < len(data) else 0
    return 2 + 4 * deleted + 1 + 3 * added


def _style_levels(table: bytes, offset: int, size: int) -> dict[int, int]:
    """The heading level of each style (its index) that is Word's Title (0) or a Heading
    (1-9), or is based on one; styles named as headings count too ("Heading 2", "标题 2")."""
    if size < 4:
        return {}
    header = struct.unpack_from("<H", table, offset)[0]
    count, base_size = struct.unpack_from("<HH", table, offset + 2)
    position = offset + 2 + header
    bases: dict[int, int] = {}
    levels: dict[int, int] = {}
    for style in range(count):
        length = struct.unpack_from("<H", table, position)[0]
        data = table[position + 2 : position + 2 + length]
        position += 2 + length
        if len(data) < 4:
            continue
        sti = struct.unpack_from("<H", data, 0)[0] & 0x0FFF
        bases[style] = struct.unpack_from("<H", data, 2)[0] >> 4
        level = _sti_level(sti)
        if level is None and sti == STI_USER:
            level = _named_level(_style_name(data, base_size))
        if level is not None:
            levels[style] = level
    for style in bases:
        chain, current = 0, style
        while current not in levels and current in bases and chain < MAX_STYLE_DEPTH:
            current, chain = bases[current], chain + 1
        if current in levels and style not in levels:
            levels[style] = levels[current]
    return levels


def _sti_level(sti: int) -> int | None:
    if sti in STI_HEADINGS:
        return sti
    return 0 if sti == STI_TITLE else None


def _style_name(data: bytes, base_size: int) -> str:
    """A style's name: after its fixed part, a length in characters, then UTF-16."""
    if len(data) < base_size + 2:
        return ""
    length = struct.unpack_from("<H", data, base_size)[0]
    raw = data[base_size + 2 : base_size + 2 + length * 2]
    return raw.decode("utf-16-le", "replace")


# Words a heading style's name opens with, in the languages of the documents read.
_HEADING_NAMES = ("heading", "标题", "標題", "제목", "überschrift", "titre")


def _named_level(name: str) -> int | None:
    """The level a style named "Heading 2" (or "标题 2", "제목 2") stands for."""
    words = name.casefold().split()
    if len(words) == 2 and words[0] in _HEADING_NAMES and re.fullmatch("[1-9]", words[1]):
        return int(words[1])
    return None
