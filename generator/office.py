"""Read office documents (Word .docx, Hangul .hwpx) into the Markdown every other format
becomes: headings, paragraphs, lists and tables in reading order, footnotes as Markdown
notes at the end. Running headers and footers are left out, as a PDF's are."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from generator.errors import SourceError
from generator.text import leading_iso_date, word_count


@dataclass(frozen=True)
class OfficeText:
    """A document's text as Markdown, with the title and date its metadata states."""

    markdown: str
    title: str | None
    date: str | None  # ISO date


# A block of the document: its heading level (None for body text) and its Markdown.
Blocks = list[tuple[int | None, str]]

# Parts hold text only: no entity expansion, no DTD or network fetch (the file is untrusted).
SAFE_XML_OPTIONS = {"resolve_entities": False, "no_network": True, "load_dtd": False}
# Hints for a file an office suite should save again; the reason comes with each error.
RESAVE_DOCX = "open it in Word and save it again as .docx, or save its text as .txt"
RESAVE_HWPX = "open it in Hangul and save it again as .hwpx, or save it as PDF"


# What a damaged archive raises while it is read: a bad header, a bad deflate stream, a cut end.
ARCHIVE_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError)
# The most an archive may hold once unpacked: a 10 MB source of text and pictures holds far
# less, and a ZIP bomb is refused before anything is unpacked.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


# What zipfile raises on a damaged archive besides ARCHIVE_DAMAGE: a seek before the start, a
# name that is not UTF-8, a compression or encryption it does not know, a size it cannot take.
ARCHIVE_FAILURES = (
    *ARCHIVE_DAMAGE,
    ValueError,
    NotImplementedError,
    RuntimeError,
    OSError,
    zipfile.LargeZipFile,
)


def damaged_archive(relative: str, what: str, error: Exception, hint: str) -> SourceError:
    """The one line for an XML document in an archive that cannot be read: the archive, or
    one of its parts (its XML broken)."""
    if isinstance(error, ARCHIVE_DAMAGE):
        return SourceError(relative, f"{what} is damaged (not a readable ZIP archive)", hint=hint)
    return SourceError(relative, f"a part of {what} is damaged ({error})", hint=hint)


def check_archive(relative: str, what: str, data: bytes, hint: str) -> None:
    """Refuse an archive whose parts would unpack to more than MAX_UNPACKED_BYTES, or that is
    damaged anywhere: every part is read and its checksum checked first, so a reader reads
    sound parts only, and a damaged file is one line whatever zipfile trips on.

    what: the document's kind for the message ("the Word document").
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED_BYTES:
                raise SourceError(
                    relative,
                    f"the archive would unpack to {unpacked // (1024 * 1024)} MB, over the "
                    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB limit",
                    hint="save the document again, or print it to PDF",
                )
            corrupt = archive.testzip()
    except ARCHIVE_FAILURES as error:
        raise SourceError(
            relative, f"{what} is damaged (not a readable ZIP archive)", hint=hint
        ) from error
    if corrupt is not None:
        raise SourceError(relative, f"{what} is damaged (its part {corrupt} is corrupt)", hint=hint)


# -- Compound files (.doc, .hwp) ---------------------------------------------------------------

# The summary property set's properties read: its code page, title, created and last saved.
CODE_PAGE, TITLE, CREATED, SAVED = 1, 2, 12, 13
VT_I2, VT_LPSTR, VT_LPWSTR, VT_FILETIME = 0x02, 0x1E, 0x1F, 0x40
# What a summary's code page numbers are read as (else "cp" and the number).
_CODE_PAGES = {
    65001: "utf-8",
    936: "gb18030",
    949: "cp949",
    1200: "utf-16-le",
    10000: "mac_roman",
}
SUMMARY_MAX_BYTES = 64 * 1024  # a summary is a few hundred bytes; the file is untrusted


def ole_summary(ole: Any, name: str, code_page: str) -> tuple[str | None, str | None]:
    """The title and the last-saved (else created) date of a compound file's summary
    property set (the stream name), as [MS-OLEPS] lays it out. code_page: the encoding of
    8-bit strings when the summary names none.

    Read here, not with olefile's property parser: on a damaged stream that one can loop
    over a vector of billions of values.
    """
    if not ole.exists(name):
        return None, None
    try:
        data = ole.openstream(name).read(SUMMARY_MAX_BYTES)
        start = struct.unpack_from("<I", data, 44)[0]
        count = struct.unpack_from("<I", data, start + 4)[0]
        places = {}
        for number in range(min(count, (len(data) - start) // 8)):
            key, offset = struct.unpack_from("<II", data, start + 8 + number * 8)
            places[key] = start + offset
        page = _summary_value(data, places.get(CODE_PAGE), code_page)
        if isinstance(page, int):
            code_page = _CODE_PAGES.get(page & 0xFFFF, f"cp{page & 0xFFFF}")
        title = _summary_value(data, places.get(TITLE), code_page)
        dates = [_summary_value(data, places.get(key), code_page) for key in (SAVED, CREATED)]
    except (OSError, struct.error):
        return None, None  # a damaged summary: the document is read without it
    title = title.split("\x00")[0].strip() if isinstance(title, str) else None
    date = next((d.date().isoformat() for d in dates if isinstance(d, datetime)), None)
    return title or None, date


def _summary_value(data: bytes, offset: int | None, code_page: str) -> object:
    """A property's value, if it is a number, a string or a time; else None."""
    if offset is None:
        return None
    kind = struct.unpack_from("<I", data, offset)[0] & 0xFFFF
    if kind == VT_I2:
        return struct.unpack_from("<h", data, offset + 4)[0]
    if kind in (VT_LPSTR, VT_LPWSTR):
        size = struct.unpack_from("<I", data, offset + 4)[0]
        if kind == VT_LPWSTR:
            return data[offset + 8 : offset + 8 + size * 2].decode("utf-16-le", "replace")
        try:
            return data[offset + 8 : offset + 8 + size].decode(code_page, "replace")
        except LookupError:
            return data[offset + 8 : offset + 8 + size].decode("cp1252", "replace")
    if kind == VT_FILETIME:
        ticks = struct.unpack_from("<Q", data, offset + 4)[0]
        if ticks == 0:
            return None  # not set ("1601-01-01")
        try:
            return datetime(1601, 1, 1) + timedelta(microseconds=ticks // 10)
        except OverflowError:
            return None
    return None


# Markdown's deepest heading; a deeper level a file claims is written at it.
MARKDOWN_MAX_LEVEL = 6


def markdown_from_blocks(blocks: Blocks) -> str:
    """Write headings as Markdown, the highest level the document uses as "#"."""
    top = min((level for level, _ in blocks if level is not None), default=0)
    return "\n\n".join(
        text if level is None else f"{'#' * min(level - top + 1, MARKDOWN_MAX_LEVEL)} {text}"
        for level, text in blocks
    )


def note_blocks(texts: list[str]) -> Blocks:
    """Notes listed under the text, numbered as their markers ("[^1]: …")."""
    return [(None, f"[^{number}]: {text}") for number, text in enumerate(texts, 1)]


def table_blocks(rows: list[list[str]]) -> Blocks:
    """A table read as rows of cell texts, as blocks: a data table as one block of pipe
    rows, each as wide as the widest, empty rows left out; a one-column table (a frame around
    text, as press releases set their header) as its cells' paragraphs."""
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    columns = max(len(row) for row in rows)
    if columns <= 1:
        return [(None, cell) for row in rows for cell in row if cell]
    return [(None, "\n".join(pipe_row(row + [""] * (columns - len(row))) for row in rows))]


def pipe_row(cells: list[str]) -> str:
    """A table row as a Markdown pipe row; a pipe inside a cell would split it."""
    return "| " + " | ".join(" ".join(cell.split()).replace("|", "/") for cell in cells) + " |"


# -- Word ------------------------------------------------------------------------------------

# Word's built-in heading styles ("Heading 1"); the Title style is the level above them.
_WORD_HEADING_STYLE = re.compile(r"heading (\d)$", re.I)
# A Word outline level of 9 is body text; 0 to 8 are heading levels 1 to 9.
WORD_BODY_OUTLINE_LEVEL = 9


def read_docx(relative: str, data: bytes) -> OfficeText:
    """Read a Word document with python-docx, which resolves style inheritance (a house
    style based on Heading 2 is a heading) and merged cells."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    check_archive(relative, "the Word document", data, RESAVE_DOCX)
    try:
        document = docx.Document(io.BytesIO(data))
        notes = _DocxNotes(document)
        blocks = _docx_blocks(document, notes) + notes.definitions()
        properties = document.core_properties
        stamp = properties.modified or properties.created
    except ARCHIVE_DAMAGE as error:
        raise SourceError(
            relative, "the Word document is damaged (not a readable ZIP archive)", hint=RESAVE_DOCX
        ) from error
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise SourceError(
            relative,
            "the archive holds no Word document (another Office file renamed?)",
            hint="give it the extension of its real format, or save its text as .txt",
        ) from error
    except (XMLSyntaxError, AttributeError, TypeError, IndexError) as error:
        # python-docx trusts the parts' XML to follow the schema; any other shape fails deep
        # inside it, and the user still needs one line naming the file.
        raise SourceError(
            relative,
            f"a part of the Word document is damaged ({type(error).__name__}: {error})",
            hint=RESAVE_DOCX,
        ) from error
    return OfficeText(
        markdown_from_blocks(blocks),
        properties.title or None,
        stamp.date().isoformat() if stamp else None,
    )


def _docx_blocks(container: Any, notes: _DocxNotes) -> Blocks:
    """The container's paragraphs and tables in order, Title as level 0 and Heading 1 as
    level 1. Content controls (a cover page's title and date) are read through, and a text
    box after the paragraph that anchors it. A one-column table is a frame around text
    (press releases set their header so); its cells' content is read as paragraphs."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: Blocks = []
    root = container._element
    body = root.find(f"{_W_NS}body")  # a document's blocks are in its body
    for element in _docx_block_elements(root if body is None else body):
        if element.tag == _W_TABLE:
            table = Table(element, container)
            if max((len(_distinct_cells(row)) for row in table.rows), default=0) <= 1:
                for row in table.rows:
                    for cell in _distinct_cells(row):
                        blocks += _docx_blocks(cell, notes)
            else:
                blocks.append((None, _docx_table(table, notes)))
            continue
        paragraph = Paragraph(element, container)
        text, boxes = _docx_text(element, notes)
        text = " ".join(text.split())
        if text:
            level = _docx_heading_level(paragraph)
            if level is not None:
                blocks.append((level, text))
            elif _docx_is_list_item(paragraph):
                blocks.append((None, f"- {text}"))
            else:
                blocks.append((None, _emphasized(paragraph, text)))
        for box in boxes:
            blocks += _docx_blocks(_Box(box, container), notes)
    return blocks


# Block elements of a body, a cell or a text box; a block content control holds more.
_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_PARAGRAPH, _W_TABLE, _W_CONTROL = f"{_W_NS}p", f"{_W_NS}tbl", f"{_W_NS}sdt"
_W_TEXT, _W_BOX = f"{_W_NS}t", f"{_W_NS}txbxContent"
# A note reference's element and the kind of note it refers to.
_W_NOTE_REFERENCES = {f"{_W_NS}{kind}Reference": kind for kind in ("footnote", "endnote")}
# Elements standing for white space or a hyphen inside a paragraph's runs.
_W_SPACES = {f"{_W_NS}{name}": " " for name in ("tab", "br", "cr")} | {f"{_W_NS}noBreakHyphen": "-"}
# Word writes each text box twice, the second copy inside mc:Fallback for old readers.
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_block_elements(parent: Any) -> list[Any]:
    elements = []
    for child in parent:
        if child.tag in (_W_PARAGRAPH, _W_TABLE):
            elements.append(child)
        elif child.tag == _W_CONTROL:
            for content in child.findall(f"{_W_NS}sdtContent"):
                elements += _docx_block_elements(content)
    return elements


def _docx_text(paragraph: Any, notes: _DocxNotes | None) -> tuple[str, list[Any]]:
    """A paragraph's text and the text boxes it anchors. The text is its runs' wherever they
    sit (hyperlinks, fields, inserted revisions, inline content controls), not deleted text
    (w:delText) nor field codes (w:instrText), and not a text box's, read as blocks of its own.
    A foot- or endnote reference becomes its marker ("[^1]"); a note's own text has none."""
    parts: list[str] = []
    boxes: list[Any] = []

    def walk(element: Any) -> None:
        for child in element:
            if child.tag == _W_TEXT:
                parts.append(child.text or "")
            elif child.tag in _W_SPACES:
                parts.append(_W_SPACES[child.tag])
            elif child.tag == _W_BOX:
                boxes.append(child)
            elif child.tag in _W_NOTE_REFERENCES:
                kind = _W_NOTE_REFERENCES[child.tag]
                parts.append(notes.marker(kind, child.get(f"{_W_NS}id") or "") if notes else "")
            elif child.tag != _MC_FALLBACK:
                walk(child)

    walk(paragraph)
    return "".join(parts), boxes


class _DocxNotes:
    """A Word document's foot- and endnotes, numbered in one series in the order the text
    refers to them (Word numbers the two apart; "[^1]" must name one note), and listed as
    Markdown definitions ("[^1]: ...") at the end, where the splitter lists an article's
    notes."""

    def __init__(self, document: Any) -> None:
        self.texts = {kind: _docx_note_texts(document, kind) for kind in ("footnote", "endnote")}
        self.numbers: dict[tuple[str, str], int] = {}

    def marker(self, kind: str, note_id: str) -> str:
        """The marker of a referenced note; a reference to no note with text gives none."""
        if not self.texts[kind].get(note_id):
            return ""
        number = self.numbers.setdefault((kind, note_id), len(self.numbers) + 1)
        return f"[^{number}]"

    def definitions(self) -> Blocks:
        # Numbered in the order they were first referenced, as note_blocks numbers them.
        return note_blocks([self.texts[kind][note_id] for kind, note_id in self.numbers])


def _docx_note_texts(document: Any, kind: str) -> dict[str, str]:
    """The text of each footnote or endnote (kind) by its id; Word's separator lines,
    kept as notes with a type, are left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    relationship = RELATIONSHIP_TYPE.FOOTNOTES if kind == "footnote" else RELATIONSHIP_TYPE.ENDNOTES
    parts = [
        rel.target_part
        for rel in document.part.rels.values()
        if rel.reltype == relationship and not rel.is_external
    ]
    if not parts:
        return {}
    root = etree.fromstring(parts[0].blob, etree.XMLParser(**SAFE_XML_OPTIONS))
    texts = {}
    for note in root.iterfind(f"{_W_NS}{kind}"):
        if note.get(f"{_W_NS}type"):
            continue
        paragraphs = (_docx_text(p, None)[0] for p in note.iter(_W_PARAGRAPH))
        texts[note.get(f"{_W_NS}id") or ""] = " ".join(" ".join(paragraphs).split())
    return texts


class _Box:
    """A text box as a container of blocks, in the document it belongs to."""

    def __init__(self, element: Any, parent: Any) -> None:
        self._element = element
        self._parent = parent
        self.part = parent.part


def _docx_heading_level(paragraph: Any) -> int | None:
    """A paragraph's heading level from its own outline level, else its style's (styles
    inherit: a house style based on Heading 2 is a heading too); None for body text."""
    outline = paragraph._p.xpath("./w:pPr/w:outlineLvl/@w:val")
    if outline:
        return _outline_heading_level(outline[0])
    for style in _style_chain(paragraph):
        if style.name == "Title":
            return 0
        heading = _WORD_HEADING_STYLE.match(style.name or "")
        if heading:
            return int(heading.group(1))
        outline = style.element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if outline:
            return _outline_heading_level(outline[0])
    return None


def _outline_heading_level(value: str) -> int | None:
    level = int(value) if value.isdigit() else WORD_BODY_OUTLINE_LEVEL
    return level + 1 if level < WORD_BODY_OUTLINE_LEVEL else None


def _docx_is_list_item(paragraph: Any) -> bool:
    """A numbered or bulleted paragraph: numbering set on it or by its list style."""
    if paragraph._p.xpath("./w:pPr/w:numPr"):
        return True
    return any(style.element.xpath("./w:pPr/w:numPr") for style in _style_chain(paragraph))


def _style_chain(paragraph: Any) -> Iterator[Any]:
    """A paragraph's style and the styles it is based on, nearest first; a damaged file's
    loop of styles based on each other is followed once round."""
    style, seen = paragraph.style, set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _emphasized(paragraph: Any, text: str) -> str:
    """Mark a paragraph set wholly in italics as Markdown emphasis, as web pages' are: a
    byline or a caption is often told apart so."""
    runs = [run for run in paragraph.runs if run.text.strip()]
    return f"*{text}*" if runs and all(run.italic for run in runs) else text


def _docx_table(table: Any, notes: _DocxNotes) -> str:
    """A table as Markdown pipe rows; a cell merged across columns is read once, the columns
    it spans after the first left empty so that the columns stay aligned."""
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            cells.append("" if cell._tc is previous else _cell_text(cell, notes))
            previous = cell._tc
        if any(cell.strip() for cell in cells):
            rows.append(pipe_row(cells))
    return "\n".join(rows)


def _cell_text(cell: Any, notes: _DocxNotes) -> str:
    """A cell's text, a table nested in it included."""
    return " ".join(text.replace("\n", " ") for _, text in _docx_blocks(cell, notes))


def _distinct_cells(row: Any) -> list[Any]:
    """A row's cells, a cell merged across columns once (python-docx repeats it)."""
    cells: list[Any] = []
    for cell in row.cells:
        if not cells or cell._tc is not cells[-1]._tc:
            cells.append(cell)
    return cells


# -- Hangul ----------------------------------------------------------------------------------

# HWPX (KS X 6101, OWPML) is a ZIP of XML parts; its namespaces carry a version year (2011,
# 2016, ...), so elements are matched by local name.
HWPX_MANIFEST = "Contents/content.hpf"
HWPX_HEADER = "Contents/header.xml"
HWPX_ENCRYPTION_MANIFEST = "META-INF/manifest.xml"
_HWPX_SECTION = re.compile(r"Contents/section(\d+)\.xml")
# Hangul's outline and heading styles: "개요 1" (engName "Outline 1"), "제목 1".
_HWPX_HEADING_STYLE = re.compile(r"(?:outline|heading|개요|제목)\s*(\d)$", re.I)
# A heading-styled paragraph longer than this is body text: Korean reports number every
# paragraph with the outline styles, and an .odt may style a paragraph as a heading.
HEADING_MAX_WORDS = 15


def read_hwpx(relative: str, data: bytes) -> OfficeText:
    """Read a Hangul document saved as HWPX: its sections in the manifest's order, headings
    by their outline styles, tables, captions and text boxes in place, foot- and endnotes
    marked and listed at the end; headers and footers are left out."""
    from lxml import etree

    check_archive(relative, "the Hangul document", data, RESAVE_HWPX)
    parser = etree.XMLParser(**SAFE_XML_OPTIONS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _hwpx_encrypted(archive, names):
                raise SourceError(
                    relative,
                    "the Hangul document is password-protected",
                    hint="save an unprotected copy as .hwpx, or print it to PDF",
                )
            manifest = _hwpx_part(archive, names, HWPX_MANIFEST, parser)
            header = _hwpx_part(archive, names, HWPX_HEADER, parser)
            sections = _hwpx_sections(manifest, names)
            if not sections:
                raise SourceError(
                    relative,
                    "the archive holds no Hangul document (no Contents/section0.xml)",
                    hint="give it the extension of its real format, or save it as PDF",
                )
            walker = _HwpxWalker(*_hwpx_headings(header))
            for name in sections:
                walker.section(etree.fromstring(archive.read(name), parser))
    except (*ARCHIVE_DAMAGE, etree.XMLSyntaxError) as error:
        raise damaged_archive(relative, "the Hangul document", error, RESAVE_HWPX) from error
    title, date = _hwpx_metadata(manifest)
    notes = note_blocks(walker.notes)
    return OfficeText(markdown_from_blocks(walker.blocks + notes), title, date)


def _local(element: Any) -> str:
    """An element's name without its namespace ("" for comments and processing
    instructions)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _hwpx_part(archive: zipfile.ZipFile, names: set[str], name: str, parser: Any) -> Any:
    from lxml import etree

    return etree.fromstring(archive.read(name), parser) if name in names else None


def _hwpx_encrypted(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """Whether the package's manifest lists encryption data for its parts (a password set in
    Hangul encrypts the sections, which then read as no XML at all)."""
    return HWPX_ENCRYPTION_MANIFEST in names and b"encryption-data" in archive.read(
        HWPX_ENCRYPTION_MANIFEST
    )


def _hwpx_sections(manifest: Any, names: set[str]) -> list[str]:
    """The section parts in the manifest's reading order, else by their numbers."""
    if manifest is not None:
        hrefs = {
            item.get("id"): item.get("href") for item in manifest.iter() if _local(item) == "item"
        }
        spine = [hrefs.get(ref.get("idref")) for ref in manifest.iter() if _local(ref) == "itemref"]
        listed = [href for href in spine if href and _HWPX_SECTION.fullmatch(href)]
        if listed and all(href in names for href in listed):
            return listed
    found = [(int(match[1]), name) for name in names if (match := _HWPX_SECTION.fullmatch(name))]
    return [name for _, name in sorted(found)]


def _hwpx_headings(header: Any) -> tuple[dict[str, int], dict[str, int]]:
    """Heading levels the header defines: by style id, for the outline and heading styles
    ("개요 1") and the styles whose paragraph shape is an outline level; by paragraph shape
    id, for the shapes set as outline levels (hh:heading type="OUTLINE", level 0 is 1)."""
    shapes: dict[str, int] = {}
    styles: dict[str, int] = {}
    elements = list(header.iter()) if header is not None else []
    for shape in elements:
        if _local(shape) != "paraPr":
            continue
        for heading in shape:
            level = heading.get("level") or ""
            if (
                _local(heading) == "heading"
                and heading.get("type") == "OUTLINE"
                and level.isdigit()
            ):
                shapes[shape.get("id") or ""] = int(level) + 1
    for style in elements:
        if _local(style) != "style":
            continue
        for name in (style.get("engName") or "", style.get("name") or ""):
            match = _HWPX_HEADING_STYLE.search(name.strip())
            if match:
                styles[style.get("id") or ""] = int(match[1])
                break
        else:
            if (style.get("paraPrIDRef") or "") in shapes:
                styles[style.get("id") or ""] = shapes[style.get("paraPrIDRef") or ""]
    return styles, shapes


def _hwpx_metadata(manifest: Any) -> tuple[str | None, str | None]:
    """The title and the date last saved (else created) the manifest states."""
    if manifest is None:
        return None, None
    title, dates = None, {}
    for element in manifest.iter():
        if _local(element) == "title" and title is None:
            title = "".join(element.itertext()) or None
        elif _local(element) == "meta":
            dates[element.get("name")] = leading_iso_date("".join(element.itertext()))
    return title, dates.get("ModifiedDate") or dates.get("CreatedDate")


class _HwpxWalker:
    """Collects a Hangul document's blocks in reading order, section after section."""

    def __init__(
        self,
        heading_styles: dict[str, int],
        heading_shapes: dict[str, int],
        notes: list[str] | None = None,
    ) -> None:
        self.heading_styles = heading_styles
        self.heading_shapes = heading_shapes
        self.blocks: Blocks = []
        self.notes = [] if notes is None else notes  # foot- and endnotes, in order, shared

    def section(self, root: Any) -> None:
        for paragraph in root:
            if _local(paragraph) == "p":
                self.paragraph(paragraph)

    def paragraph(self, paragraph: Any) -> None:
        """A paragraph's text; a table or a text box anchored in it is read where it sits."""
        parts: list[str] = []
        for run in paragraph:
            if _local(run) != "run":
                continue
            for item in run:
                name = _local(item)
                if name == "t":
                    parts.append(_hwpx_text(item))
                elif name == "tbl":
                    self._flush(paragraph, parts)
                    self._captions(item, above=True)
                    self.table(item)
                    self._captions(item, above=False)
                elif name == "ctrl":  # headers and footers are left out; notes are marked
                    parts += [self._note(note) for note in item if _local(note) in _HWPX_NOTES]
                elif name != "secPr":  # the page setup
                    self._flush(paragraph, parts)
                    for box in _text_boxes(item):
                        self.sub_list(box)
                    self._captions(item)
        self._flush(paragraph, parts)

    def _flush(self, paragraph: Any, parts: list[str]) -> None:
        text = " ".join("".join(parts).split())
        parts.clear()
        if not text:
            return
        level = self.heading_styles.get(paragraph.get("styleIDRef") or "")
        if level is None:
            level = self.heading_shapes.get(paragraph.get("paraPrIDRef") or "")
        if level is not None and word_count(text) <= HEADING_MAX_WORDS:
            self.blocks.append((level, text))
        else:
            self.blocks.append((None, text))

    def _note(self, note: Any) -> str:
        """Keep a foot- or endnote's text and return its marker ("[^1]") for the text."""
        inner = _HwpxWalker(self.heading_styles, self.heading_shapes, self.notes)
        inner.sub_list(note)
        text = " ".join(text for _, text in inner.blocks)
        if not text:
            return ""  # an empty note marks nothing
        self.notes.append(text)
        return f"[^{len(self.notes)}]"

    def _captions(self, item: Any, above: bool | None = None) -> None:
        """A table's or picture's caption ("표 2. ..."): those set above it, those set on
        any other side, or (None) all."""
        for caption in item:
            if _local(caption) == "caption" and above in (None, caption.get("side") == "TOP"):
                self.sub_list(caption)

    def sub_list(self, container: Any) -> None:
        for sub_list in container:
            if _local(sub_list) == "subList":
                for paragraph in sub_list:
                    if _local(paragraph) == "p":
                        self.paragraph(paragraph)

    def table(self, table: Any) -> None:
        """A data table as pipe rows; a one-column table is a frame, its cells read as
        paragraphs."""
        rows = [
            [cell for cell in row if _local(cell) == "tc"] for row in table if _local(row) == "tr"
        ]
        if max((len(cells) for cells in rows), default=0) <= 1:
            for cells in rows:
                for cell in cells:
                    self.sub_list(cell)
            return
        self.blocks += table_blocks(self._grid(rows))

    def _grid(self, rows: list[list[Any]]) -> list[list[str]]:
        """The table's cells placed on its grid: a cell merged across columns or rows is
        read once, in its first slot, and the slots it covers stay empty so that the
        columns stay aligned."""
        slots: dict[tuple[int, int], str] = {}
        for number, cells in enumerate(rows):
            column = 0
            for cell in cells:
                while (number, column) in slots:
                    column += 1  # covered by a cell above that spans rows
                columns, spanned_rows = _cell_span(cell)
                inner = _HwpxWalker(self.heading_styles, self.heading_shapes, self.notes)
                inner.sub_list(cell)
                for row_step in range(spanned_rows):
                    for column_step in range(columns):
                        slots[(number + row_step, column + column_step)] = ""
                slots[(number, column)] = " ".join(text for _, text in inner.blocks)
                column += columns
        width = 1 + max(column for _, column in slots)
        return [
            [slots.get((number, column), "") for column in range(width)]
            for number in range(len(rows))
        ]


# A paragraph's foot- and endnotes, kept in its ctrl elements with headers and footers.
_HWPX_NOTES = frozenset({"footNote", "endNote"})
# Elements inside a run's text that stand for white space: a tab, a line break, a fixed-width
# or a non-breaking space (Korean releases set "□" and "ㅇ" apart with these).
_HWPX_SPACES = frozenset({"tab", "lineBreak", "fwSpace", "nbSpace"})


def _hwpx_text(element: Any) -> str:
    """A text element's characters; a tab or a special space inside it is a space, markup
    around words (highlighting, change marks) is read through."""
    parts = [element.text or ""]
    for child in element:
        parts.append(" " if _local(child) in _HWPX_SPACES else "")
        parts.append(child.tail or "")
    return "".join(parts)


def _text_boxes(shape: Any) -> list[Any]:
    """The text boxes (drawText) of a drawing object, not those nested in another: the
    walk reads those when it reads the box around them."""
    return [box for box in shape.iter() if _local(box) == "drawText" and _outermost(box, shape)]


def _outermost(box: Any, shape: Any) -> bool:
    for ancestor in box.iterancestors():
        if ancestor is shape:
            return True
        if _local(ancestor) == "drawText":
            return False
    return True


def _cell_span(cell: Any) -> tuple[int, int]:
    """How many columns and rows a table cell spans (at most 64 each: the file is untrusted)."""
    for child in cell:
        if _local(child) == "cellSpan":
            return _span(child.get("colSpan")), _span(child.get("rowSpan"))
    return 1, 1


def _span(value: str | None) -> int:
    return max(1, min(int(value), 64)) if value and value.isdigit() else 1


# -- OpenDocument ----------------------------------------------------------------------------

RESAVE_ODT = "open it in LibreOffice and save it again as .odt, or save it as PDF"
ODT_CONTENT, ODT_META, ODT_STYLES = "content.xml", "meta.xml", "styles.xml"
_ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODT_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODT_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_ODT_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
# LibreOffice's built-in heading styles ("Heading 1" is written "Heading_20_1").
_ODT_HEADING_STYLE = re.compile(r"Heading(?:_20_| )(\d)")
# Elements inside a paragraph that stand for white space, and the ones read past: a comment,
# the changes kept for review (their deletions), a note's number (its text is listed with the
# notes). A cross-reference's text is read: it is the words the page shows.
_ODT_SPACES = frozenset({f"{{{_ODT_TEXT}}}{name}" for name in ("s", "tab", "line-break")})
_ODT_SKIPPED = frozenset(
    {
        f"{{{_ODT_OFFICE}}}annotation",
        f"{{{_ODT_TEXT}}}tracked-changes",
        f"{{{_ODT_TEXT}}}note-citation",
    }
)


def read_odt(relative: str, data: bytes) -> OfficeText:
    """Read an OpenDocument text (.odt), as LibreOffice saves one: headings by their outline
    level, lists, tables (pipe rows; a one-column table is a frame, read as paragraphs),
    sections and text boxes in order, notes marked and listed at the end; headers and
    footers (kept in another part) are left out."""
    from lxml import etree

    check_archive(relative, "the OpenDocument file", data, RESAVE_ODT)
    parser = etree.XMLParser(**SAFE_XML_OPTIONS)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
                "META-INF/manifest.xml"
            ):
                raise SourceError(
                    relative,
                    "the OpenDocument file is password-protected",
                    hint="save an unprotected copy as .odt, or print it to PDF",
                )
            if ODT_CONTENT not in names:
                raise SourceError(
                    relative,
                    "the archive holds no OpenDocument text (no content.xml)",
                    hint="give it the extension of its real format, or save it as PDF",
                )
            content = etree.fromstring(archive.read(ODT_CONTENT), parser)
            meta = etree.fromstring(archive.read(ODT_META), parser) if ODT_META in names else None
            styles = (
                etree.fromstring(archive.read(ODT_STYLES), parser) if ODT_STYLES in names else None
            )
    except (*ARCHIVE_DAMAGE, etree.XMLSyntaxError) as error:
        raise damaged_archive(relative, "the OpenDocument file", error, RESAVE_ODT) from error
    walker = _OdtWalker(_odt_heading_levels(content, styles))
    for body in content.iter(f"{{{_ODT_OFFICE}}}text"):
        walker.container(body)
        break
    notes = note_blocks(walker.notes)
    title, date = part_metadata(meta, ("date", "creation-date"))
    return OfficeText(markdown_from_blocks(walker.blocks + notes), title, date)


class _OdtWalker:
    """Collects an OpenDocument text's blocks in reading order."""

    def __init__(self, levels: dict[str, int], notes: list[str] | None = None) -> None:
        self.levels = levels  # heading level by paragraph style (see _odt_heading_levels)
        self.blocks: Blocks = []
        self.notes = [] if notes is None else notes

    def container(self, parent: Any, list_item: bool = False) -> None:
        for element in parent:
            name = _local(element)
            if name == "h":
                level = _span(element.get(f"{{{_ODT_TEXT}}}outline-level"))
                self.paragraph(element, level)
            elif name == "p":
                style = element.get(f"{{{_ODT_TEXT}}}style-name") or ""
                level = self.levels.get(style, _odt_builtin_level(style))
                self.paragraph(element, level, list_item)
            elif name == "list":
                for item in element:
                    if _local(item) in ("list-item", "list-header"):
                        self.container(item, list_item=True)
            elif name == "table":
                self.table(element)
            elif name in ("section", "table-of-content", "index-body"):
                self.container(element, list_item)

    def paragraph(self, element: Any, level: int | None, list_item: bool = False) -> None:
        parts: list[str] = []
        boxes: list[Any] = []
        self._inline(element, parts, boxes)
        text = " ".join("".join(parts).split())
        if text:
            if level is not None and word_count(text) <= HEADING_MAX_WORDS:
                self.blocks.append((level, text))
            else:
                self.blocks.append((None, f"- {text}" if list_item else text))
        for box in boxes:  # a text box after the paragraph anchoring it
            self.container(box)

    def _inline(self, element: Any, parts: list[str], boxes: list[Any]) -> None:
        parts.append(element.text or "")
        for child in element:
            if child.tag in _ODT_SPACES:
                count = _span(child.get(f"{{{_ODT_TEXT}}}c")) if _local(child) == "s" else 1
                parts.append(" " * count)
            elif _local(child) == "note":
                parts.append(self._note(child))
            elif _local(child) == "text-box":
                boxes.append(child)
            elif child.tag not in _ODT_SKIPPED:
                self._inline(child, parts, boxes)
            parts.append(child.tail or "")

    def _note(self, note: Any) -> str:
        inner = _OdtWalker(self.levels, self.notes)
        for body in note:
            if _local(body) == "note-body":
                inner.container(body)
        text = " ".join(text for _, text in inner.blocks)
        if not text:
            return ""
        self.notes.append(text)
        return f"[^{len(self.notes)}]"

    def table(self, table: Any) -> None:
        rows = [
            [cell for cell in row if _local(cell) in ("table-cell", "covered-table-cell")]
            for row in table.iter(f"{{{_ODT_TABLE}}}table-row")
        ]
        if max((len(cells) for cells in rows), default=0) <= 1:
            for cells in rows:
                for cell in cells:
                    self.container(cell)
            return
        lines = []
        for cells in rows:
            texts = []
            for cell in cells:
                inner = _OdtWalker(self.levels, self.notes)
                inner.container(cell)
                texts.append(" ".join(text for _, text in inner.blocks))
            if any(texts):
                lines.append(pipe_row(texts))
        if lines:
            self.blocks.append((None, "\n".join(lines)))


def _odt_builtin_level(name: str) -> int | None:
    """The level of a built-in style by its name: Title 0, "Heading 2" 2; None for others."""
    heading = _ODT_HEADING_STYLE.fullmatch(name)
    return int(heading[1]) if heading is not None else (0 if name == "Title" else None)


def _odt_heading_levels(*parts: Any) -> dict[str, int]:
    """The heading level of each paragraph style that makes a paragraph a heading: the Title
    style (0), a heading style or one with an outline level, or a style based on one. A
    heading set as a plain paragraph is styled so (LibreOffice saves a page's first heading
    under an automatic style based on "Heading 1")."""
    parents: dict[str, str | None] = {}
    own: dict[str, int] = {}
    for part in parts:
        for style in part.iter(f"{{{_ODT_STYLE}}}style") if part is not None else ():
            name = style.get(f"{{{_ODT_STYLE}}}name") or ""
            parents[name] = style.get(f"{{{_ODT_STYLE}}}parent-style-name")
            outline = style.get(f"{{{_ODT_STYLE}}}default-outline-level") or ""
            level = min(int(outline), 9) if outline.isdigit() and int(outline) else None
            level = _odt_builtin_level(name) if level is None else level
            if level is not None:
                own[name] = level
    levels: dict[str, int] = {}
    for name in parents:
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current not in seen:
            level = own.get(current, _odt_builtin_level(current))
            if level is not None:
                levels[name] = level
                break
            seen.add(current)
            current = parents.get(current)
    return levels


def part_metadata(meta: Any, dates: tuple[str, ...]) -> tuple[str | None, str | None]:
    """The title and date a metadata part states (an OpenDocument meta part, an Office
    file's core properties); dates: the elements that date it, by local name, the one to
    prefer first (last saved, then created)."""
    if meta is None:
        return None, None
    texts = {_local(element): element.text for element in meta.iter() if element.text}
    title = (texts.get("title") or "").strip() or None
    return title, leading_iso_date(next((texts[d] for d in dates if texts.get(d)), None))
