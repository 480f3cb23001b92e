"""Small builders so a stage test needs no files on disk."""

from __future__ import annotations

import datetime
import itertools
import shutil
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.clean import clean_source
from generator.model import ENTITY_KINDS, CleanText, SourceText
from generator.project import Project
from generator.readers import normalize_text
from generator.taxonomy import taxonomy_path

ROOT = Path(__file__).resolve().parent.parent


def shipped_project(
    root: Path, seeds: Iterable[str] | None = None, site: bool = True, curated: bool = False
) -> Project:
    """A project at root with the shipped taxonomy and the named seeds (all when None);
    with site, the shipped templates, overrides and mkdocs.yml too; with curated, all of
    content/ as committed (curated documents and generated pages), as a fresh clone has it."""
    if seeds is None:
        shutil.copytree(ROOT / "seeds", root / "seeds")
    else:
        (root / "seeds").mkdir(parents=True)
        for name in seeds:
            shutil.copy(ROOT / "seeds" / name, root / "seeds" / name)
    if curated:
        shutil.copytree(ROOT / "content", root / "content")
    else:
        (root / "content" / "site").mkdir(parents=True)
        for kind in ENTITY_KINDS:
            shutil.copy(taxonomy_path(ROOT / "content", kind), root / "content")
    if site:
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def clean_text(
    text: str, path: str = "seeds/example.txt", fmt: str = "text", title: str | None = None
) -> CleanText:
    """Clean an inline text as if it had been read from path."""
    source = SourceText(
        path=path,
        sha256="0" * 64,
        format=fmt,
        encoding="utf-8",
        text=normalize_text(text),
        title=title,
    )
    return clean_source(source)


def clean_seed(name: str) -> CleanText:
    """Clean one of the shipped seeds."""
    path = ROOT / "seeds" / name
    fmt = "markdown" if path.suffix == ".md" else "text"
    return clean_text(path.read_text(encoding="utf-8"), f"seeds/{name}", fmt)


# The namespaces Hangul writes into every HWPX part (KS X 6101, 2011 edition).
HWPX_NAMESPACES = (
    'xmlns:hp="http://www.hancom.co.kr/hwpml/2011/paragraph" '
    'xmlns:hs="http://www.hancom.co.kr/hwpml/2011/section" '
    'xmlns:hh="http://www.hancom.co.kr/hwpml/2011/head" '
    'xmlns:opf="http://www.idpf.org/2007/opf/"'
)


def hwpx_bytes(body: str, title: str = "", modified: str = "") -> bytes:
    """An HWPX package as Hangul lays one out: mimetype, manifest, header with the default
    styles (바탕글, 개요 1, 개요 2), a house style 소제목 on an outline paragraph shape (20),
    and one section whose paragraphs are body (hp:p XML)."""
    manifest = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><opf:package {HWPX_NAMESPACES}>'
        f"<opf:metadata><opf:title>{title}</opf:title><opf:language>ko</opf:language>"
        '<opf:meta name="CreatedDate" content="text">2019-01-02T00:00:00Z</opf:meta>'
        f'<opf:meta name="ModifiedDate" content="text">{modified}</opf:meta></opf:metadata>'
        '<opf:manifest><opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
        '<opf:item id="section0" href="Contents/section0.xml" media-type="application/xml"/>'
        '</opf:manifest><opf:spine><opf:itemref idref="header" linear="yes"/>'
        '<opf:itemref idref="section0" linear="yes"/></opf:spine></opf:package>'
    )
    header = (
        f'<?xml version="1.0" encoding="UTF-8"?><hh:head {HWPX_NAMESPACES}><hh:refList>'
        # Paragraph shape 20 is set as outline level 2 ("level" counts from 0).
        '<hh:paraProperties><hh:paraPr id="0"><hh:heading type="NONE" idRef="0" level="0"/>'
        '</hh:paraPr><hh:paraPr id="20"><hh:heading type="OUTLINE" idRef="1" level="1"/>'
        "</hh:paraPr></hh:paraProperties><hh:styles>"
        '<hh:style id="0" type="PARA" name="바탕글" engName="Normal" paraPrIDRef="0"/>'
        '<hh:style id="2" type="PARA" name="개요 1" engName="Outline 1"/>'
        '<hh:style id="3" type="PARA" name="개요 2" engName="Outline 2"/>'
        '<hh:style id="30" type="PARA" name="소제목" engName="" paraPrIDRef="20"/>'
        "</hh:styles></hh:refList></hh:head>"
    )
    section = (
        f'<?xml version="1.0" encoding="UTF-8"?><hs:sec {HWPX_NAMESPACES}>'
        '<hp:p styleIDRef="0"><hp:run><hp:secPr id=""><hp:pagePr width="59530"/></hp:secPr>'
        '<hp:ctrl><hp:header id="1"><hp:subList><hp:p><hp:run><hp:t>머리말 쪽 제목</hp:t>'
        "</hp:run></hp:p></hp:subList></hp:header></hp:ctrl></hp:run></hp:p>"
        f"{body}</hs:sec>"
    )
    return zip_bytes(
        {
            "mimetype": "application/hwp+zip",
            "Contents/content.hpf": manifest,
            "Contents/header.xml": header,
            "Contents/section0.xml": section,
        }
    )


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    """A ZIP archive holding the parts, by name, as office files are."""
    import io
    import zipfile

    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return stream.getvalue()


# -- PowerPoint (.pptx) -----------------------------------------------------------------------

PPTX_NAMESPACES = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def pptx_shape(paragraphs: list[str], placeholder: str | None = None, bullets: str = "") -> str:
    """A shape holding paragraphs: a placeholder of that type ("" for one of no type), else a
    text box; bullets is the paragraphs' own bullet setting ("<a:buNone/>", "<a:buChar/>")."""
    ph = (
        "" if placeholder is None else f'<p:ph type="{placeholder}"/>' if placeholder else "<p:ph/>"
    )
    body = "".join(
        f"<a:p><a:pPr>{bullets}</a:pPr><a:r><a:t>{text}</a:t></a:r></a:p>" for text in paragraphs
    )
    return (
        f"<p:sp><p:nvSpPr><p:cNvPr id='1' name='s'/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>"
        f"<p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>"
    )


def pptx_table(rows: list[list[str]]) -> str:
    """A table in a graphic frame; a cell written None is one a cell to its left spans."""
    cells = "".join(
        "<a:tr>"
        + "".join(
            '<a:tc hMerge="1"><a:txBody><a:p/></a:txBody></a:tc>'
            if cell is None
            else f"<a:tc><a:txBody><a:p><a:r><a:t>{cell}</a:t></a:r></a:p></a:txBody></a:tc>"
            for cell in row
        )
        + "</a:tr>"
        for row in rows
    )
    return (
        "<p:graphicFrame><a:graphic><a:graphicData><a:tbl>"
        f"{cells}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )


def pptx_bytes(
    slides: list[str], title: str = "", modified: str = "", hidden: int = -1, false: str = "0"
) -> bytes:
    """A presentation of slides, each given as its shapes' XML: the slides listed in order
    by relationship but stored under names in reverse order, the slide numbered hidden not
    shown (show set to false, "0" or "false"), a speaker note on the first (a part no slide
    list names)."""
    parts: dict[str, str | bytes] = {}
    ids, relationships = [], []
    for number, shapes in enumerate(slides):
        name = f"slide{len(slides) - number}.xml"
        show = f' show="{false}"' if number == hidden else ""
        parts[f"ppt/slides/{name}"] = (
            f"<p:sld {PPTX_NAMESPACES}{show}><p:cSld><p:spTree>{shapes}</p:spTree></p:cSld></p:sld>"
        )
        ids.append(f'<p:sldId id="{256 + number}" r:id="rId{number + 2}"/>')
        relationships.append(
            f'<Relationship Id="rId{number + 2}" Type="slide" Target="slides/{name}"/>'
        )
    parts["ppt/presentation.xml"] = (
        f"<p:presentation {PPTX_NAMESPACES}><p:sldIdLst>{''.join(ids)}</p:sldIdLst>"
        "</p:presentation>"
    )
    parts["ppt/_rels/presentation.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(relationships)
        + "</Relationships>"
    )
    parts["ppt/notesSlides/notesSlide1.xml"] = (
        f"<p:notes {PPTX_NAMESPACES}><p:cSld><p:spTree>{pptx_shape(['Speaker note'])}"
        "</p:spTree></p:cSld></p:notes>"
    )
    parts["docProps/core.xml"] = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{title}</dc:title><dcterms:modified>{modified}</dcterms:modified>"
        "</cp:coreProperties>"
    )
    return zip_bytes(parts)


def docx_parts(document: Any) -> dict[str, str | bytes]:
    """A python-docx document's parts, by name, to edit before zip_bytes packs them again."""
    import io
    import zipfile

    stream = io.BytesIO()
    document.save(stream)
    with zipfile.ZipFile(stream) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def hwpx_paragraph(text: str, style: str = "0") -> str:
    """One HWPX paragraph of one run."""
    return f'<hp:p styleIDRef="{style}"><hp:run><hp:t>{text}</hp:t></hp:run></hp:p>'


def hwpx_table(
    rows: list[list[str]], spans: dict[tuple[int, int], tuple[int, int]] | None = None
) -> str:
    """An HWPX table anchored in its own paragraph; spans gives the (columns, rows) the cell
    at (row, index in its row) spans."""
    xml_rows = "".join(
        "<hp:tr>"
        + "".join(
            f"<hp:tc><hp:subList>{hwpx_paragraph(text)}</hp:subList>"
            '<hp:cellSpan colSpan="{}" rowSpan="{}"/></hp:tc>'.format(
                *(spans or {}).get((r, c), (1, 1))
            )
            for c, text in enumerate(row)
        )
        + "</hp:tr>"
        for r, row in enumerate(rows)
    )
    return f'<hp:p styleIDRef="0"><hp:run><hp:tbl>{xml_rows}</hp:tbl></hp:run></hp:p>'


# -- Hangul's binary format (.hwp) -------------------------------------------------------------
# Built record by record as the HWP 5.0 specification lays them out, in a compound file made
# by compound_file: tests cannot run Hangul, and no library writes either.

HWP_PARA_HEADER, HWP_PARA_TEXT, HWP_CTRL_HEADER, HWP_LIST_HEADER, HWP_TABLE = 66, 67, 71, 72, 77


def hwp_record(tag: int, level: int, data: bytes) -> bytes:
    """A record: tag, level and size in 32 bits (a size of 0xFFF or more follows apart)."""
    size = len(data)
    header = tag | (level << 10) | (min(size, 0xFFF) << 20)
    extended = struct.pack("<I", size) if size >= 0xFFF else b""
    return struct.pack("<I", header) + extended + data


def _hwp_control(code: int, control_id: str) -> str:
    """An extended control in a paragraph's text: its code, its id, four reserved units and
    its code again (eight units)."""
    packed = control_id[::-1].encode("latin-1").decode("utf-16-le")
    return chr(code) + packed + "\0\0\0\0" + chr(code)


def hwp_paragraph(text: str, level: int = 0, controls: bytes = b"", anchors: str = "") -> bytes:
    """A paragraph: its header, its text ending in the paragraph mark, then the records of
    the controls its anchors (control characters) stand for."""
    body = (text + anchors + "\r").encode("utf-16-le")
    header = struct.pack("<IIHBBHHHIH", len(body) // 2, 0, 0, 0, 0, 1, 0, 1, 0, 0)
    return (
        hwp_record(HWP_PARA_HEADER, level, header)
        + hwp_record(HWP_PARA_TEXT, level + 1, body)
        + controls
    )


def hwp_table(rows: list[list[str]], level: int = 0) -> bytes:
    """A paragraph anchoring a table of one-paragraph cells."""
    inner = level + 2
    records = hwp_record(HWP_CTRL_HEADER, level + 1, b" lbt" + bytes(42))
    columns = max(len(row) for row in rows)
    records += hwp_record(HWP_TABLE, inner, struct.pack("<IHH", 0, len(rows), columns) + bytes(14))
    for row_number, row in enumerate(rows):
        for column, text in enumerate(row):
            # The list header as Hangul writes it: paragraph count, two reserved bytes, the
            # list's properties; then the cell's column, row and spans, size and margins.
            cell = struct.pack("<hHIHHHH", 1, 0, 0, column, row_number, 1, 1) + bytes(18)
            records += hwp_record(HWP_LIST_HEADER, inner, cell) + hwp_paragraph(text, inner)
    return hwp_paragraph("", level, records, anchors=_hwp_control(11, "tbl "))


def hwp_header_footer(text: str, control_id: str = "head", level: int = 0) -> bytes:
    """A paragraph anchoring a page header (or footer) holding text."""
    records = hwp_record(HWP_CTRL_HEADER, level + 1, control_id[::-1].encode("latin-1"))
    records += hwp_record(HWP_LIST_HEADER, level + 2, bytes(8)) + hwp_paragraph(text, level + 2)
    return hwp_paragraph("", level, records, anchors=_hwp_control(16, control_id))


def hwp_bytes(body: bytes, flags: int = 1, summary: bytes | None = None) -> bytes:
    """A .hwp file: its header (version 5.0.3.0 and flags; 1 is compressed), the body as
    section 0 (deflated when compressed), and a summary property set when given."""
    header = b"HWP Document File".ljust(32, b"\0") + struct.pack("<II", 0x05000300, flags)
    section = body
    if flags & 1:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        section = packer.compress(body) + packer.flush()
    streams = {"FileHeader": header.ljust(256, b"\0"), "BodyText/Section0": section}
    if summary is not None:
        streams["\x05HwpSummaryInformation"] = summary
    return compound_file(streams)


def hwp_summary(title: str, saved: datetime.datetime, code_page: int | None = None) -> bytes:
    """A summary property set with a title (an 8-bit string in Korean's code page, as the
    specification lists it, unless code_page names another and is written) and a last-saved
    time."""
    encoding = {None: "cp949", 65001: "utf-8"}.get(code_page, f"cp{code_page}")
    title_data = title.encode(encoding) + b"\0"
    values = [
        (2, struct.pack("<II", 0x1E, len(title_data)) + title_data),
        (13, struct.pack("<IQ", 0x40, _filetime(saved))),
    ]
    if code_page is not None:
        values.insert(0, (1, struct.pack("<IH", 0x02, code_page)))
    values = [(key, value.ljust((len(value) + 3) // 4 * 4, b"\0")) for key, value in values]
    offset = 8 + 8 * len(values)
    table, data = b"", b""
    for key, value in values:
        table += struct.pack("<II", key, offset + len(data))
        data += value
    section = struct.pack("<II", offset + len(data), len(values)) + table + data
    header = struct.pack("<HHI16sI", 0xFFFE, 0, 0, bytes(16), 1)
    return header + bytes(16) + struct.pack("<I", 48) + section


def _filetime(moment: datetime.datetime) -> int:
    return int((moment - datetime.datetime(1601, 1, 1)).total_seconds() * 10_000_000)


# -- Word 97-2003 (.doc) ----------------------------------------------------------------------

# Paragraph property modifiers (sprms) a .doc's paragraphs are given here: in a table, a table
# row's end mark, an outline level, numbering.
DOC_IN_TABLE = struct.pack("<HB", 0x2416, 1)
DOC_ROW_END = DOC_IN_TABLE + struct.pack("<HB", 0x2417, 1)
DocParagraph = tuple[str, int, bytes]  # text with its end mark, style index, sprms


def doc_paragraph(text: str, style: int = 0, sprms: bytes = b"") -> DocParagraph:
    return (text + "\r", style, sprms)


def doc_row(cells: list[str]) -> list[DocParagraph]:
    """A table row as Word writes one: each cell's text and cell mark, then the row's mark."""
    return [(cell + "\x07", 0, DOC_IN_TABLE) for cell in cells] + [("\x07", 0, DOC_ROW_END)]


def _code_units(text: str) -> str:
    """The text with each character outside the BMP as its two UTF-16 halves."""
    data = text.encode("utf-16-le", "surrogatepass")
    return "".join(map(chr, struct.unpack(f"<{len(data) // 2}H", data)))


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def doc_bytes(
    paragraphs: list[DocParagraph],
    styles: tuple[tuple[str, int, int], ...] = (("Normal", 0, 0x0FFF),),
    footnotes: tuple[str, ...] = (),
    pieces: str = "u",
    version: int = 0x00C1,
    flags: int = 0x0200,
    summary: bytes | None = None,
    data: bytes | None = None,
    ident: int = 0xA5EC,
    piece_copies: int = 1,
) -> bytes:
    """A Word 97 .doc file as [MS-DOC] lays one out: the File Information Block, the text in
    pieces (one per letter of pieces: "c" one byte per character, "u" UTF-16; stored in the
    file in reverse order, as a fast save leaves them), each paragraph's style and sprms in
    FKP pages, the style sheet (name, sti, base style index) and the footnotes the text's
    0x02 characters refer to, in order; data is the Data stream. flags 0x0200: the table
    stream is 1Table. piece_copies > 1 lists the pieces that many times over, one after the
    other in CPs but on the same bytes, as a hostile file may."""
    # In UTF-16 code units, as CPs count: a character outside the BMP is two.
    main = _code_units("".join(text for text, _, _ in paragraphs))
    notes = _code_units(
        "".join(f"\x02 {note}\r" for note in footnotes) + ("\r" if footnotes else "")
    )
    text = main + notes
    # The text split into pieces by CP; stored back to front after the FIB.
    size = -(-len(text) // len(pieces))
    bounds = [min(len(text), n * size) for n in range(len(pieces))] + [len(text)]
    stored, offsets, position = {}, [0] * len(pieces), 1024
    for number in reversed(range(len(pieces))):
        chunk = text[bounds[number] : bounds[number + 1]]
        compressed = pieces[number] == "c"
        stored[number] = chunk.encode("cp1252") if compressed else _utf16(chunk)
        offsets[number] = position
        position += len(stored[number])
    body = b"".join(stored[number] for number in reversed(range(len(pieces))))
    fkp_start = -(-position // 512) * 512

    def file_offset(cp: int) -> tuple[int, int]:
        number = max(n for n in range(len(pieces)) if bounds[n] <= cp)
        width = 1 if pieces[number] == "c" else 2
        return offsets[number] + (cp - bounds[number]) * width, width

    # One run per paragraph, over its end mark; the gaps between marks are runs of no
    # properties, so each page's runs are contiguous.
    marks, cp = [], 0
    for text_with_mark, style, sprms in paragraphs:
        cp += len(_code_units(text_with_mark))
        fc, width = file_offset(cp - 1)
        marks.append((fc, fc + width, struct.pack("<H", style) + sprms))
    runs, last = [], 1024
    for start, end, papx in sorted(marks):
        if start > last:
            runs.append((last, start, None))
        runs.append((start, end, papx))
        last = end
    pages = [runs[n : n + 10] for n in range(0, len(runs), 10)]
    fkps = b""
    for page_runs in pages:
        page = bytearray(512)
        count = len(page_runs)
        page[511] = count
        rgfc = [start for start, _, _ in page_runs] + [page_runs[-1][1]]
        struct.pack_into(f"<{count + 1}I", page, 0, *rgfc)
        free = 511
        for number, (_, _, papx) in enumerate(page_runs):
            if papx is None:
                continue
            if len(papx) % 2:
                entry = bytes([(len(papx) + 1) // 2]) + papx
            else:
                entry = b"\0" + bytes([len(papx) // 2]) + papx
            free = (free - len(entry)) // 2 * 2
            page[free : free + len(entry)] = entry
            page[(count + 1) * 4 + number * 13] = free // 2
        fkps += bytes(page)
    first_page = fkp_start // 512
    bte = struct.pack(
        f"<{len(pages) + 1}I{len(pages)}I",
        *[page_runs[0][0] for page_runs in pages],
        pages[-1][-1][1],
        *range(first_page, first_page + len(pages)),
    )
    # The style sheet: its header, then each style's StdfBase and name.
    stsh = struct.pack("<HHHHHH6s", len(styles), 10, 1, 0x5B, 0x0F, 0, bytes(6))
    stsh = struct.pack("<H", len(stsh)) + stsh
    for name, sti, base in styles:
        std = struct.pack("<HHHHH", sti, 1 | base << 4, 0, 0, 0)
        std += struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
        stsh += struct.pack("<H", len(std)) + std
    copies = [bound + copy * len(text) for copy in range(piece_copies) for bound in bounds[:-1]]
    clx = struct.pack(f"<{len(copies) + 1}i", *copies, len(text) * piece_copies)
    for _ in range(piece_copies):
        for number, kind in enumerate(pieces):
            value = offsets[number] * 2 | 0x40000000 if kind == "c" else offsets[number]
            clx += struct.pack("<HIH", 0, value, 0)
    clx = b"\x02" + struct.pack("<I", len(clx)) + clx
    references = [n for n, character in enumerate(main) if character == "\x02"]
    starts = [n for n, character in enumerate(notes) if character == "\x02"]
    note_refs = struct.pack(f"<{len(references) + 1}i", *references, len(main))
    note_refs += bytes(2 * len(references))
    note_texts = struct.pack(f"<{len(starts) + 1}i", *starts, len(notes) - 1)
    table = b""
    places = [(0, 0)] * 93
    for index, part in ((1, stsh), (33, clx), (13, bte), (2, note_refs), (3, note_texts)):
        if index in (2, 3) and not footnotes:
            continue
        places[index] = (len(table), len(part))
        table += part
    lengths = [0] * 22
    lengths[3], lengths[4] = len(main) + len(text) * (piece_copies - 1), len(notes)
    fib = struct.pack("<HHHHHH", ident, version, 0, 0x0409, 0, flags).ljust(32, b"\0")
    fib += struct.pack("<H", 14) + bytes(28) + struct.pack("<H", 22)
    fib += struct.pack("<22i", *lengths) + struct.pack("<H", 93)
    fib += b"".join(struct.pack("<II", *place) for place in places) + b"\0\0"
    word = fib.ljust(1024, b"\0") + body
    word = word.ljust(fkp_start, b"\0") + fkps
    streams = {"WordDocument": word, "1Table" if flags & 0x0200 else "0Table": table}
    if summary is not None:
        streams["\x05SummaryInformation"] = summary
    if data is not None:
        streams["Data"] = data
    return compound_file(streams)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A compound file (the OLE container .hwp shares with old Office files) holding streams
    by path ("BodyText/Section0"): version 3, 512-byte sectors. Each stream is padded to the
    mini-stream cutoff, so all live in regular sectors and no mini stream is needed; a
    reader of the padded streams reads their records up to the data's end."""
    sector, free, end_of_chain, fat_mark, no_stream = (
        512,
        0xFFFFFFFF,
        0xFFFFFFFE,
        0xFFFFFFFD,
        0xFFFFFFFF,
    )
    padded = {path: data.ljust(4096, b"\0") for path, data in streams.items()}
    # The directory: the root, each storage, each stream; children chained as right siblings.
    entries: list[dict[str, Any]] = [{"name": "Root Entry", "type": 5, "children": []}]
    index_of = {"": 0}
    for path in padded:
        parent = ""
        for depth, part in enumerate(path.split("/")):
            here = "/".join(path.split("/")[: depth + 1])
            if here not in index_of:
                is_stream = here == path
                index_of[here] = len(entries)
                entries.append({"name": part, "type": 2 if is_stream else 1, "children": []})
                entries[index_of[parent]]["children"].append(index_of[here])
            parent = here
    data_sectors: dict[int, tuple[int, int]] = {}  # entry -> (first sector, sector count)
    directory_sectors = (len(entries) * 128 + sector - 1) // sector
    stream_sectors = sum((len(data) + sector - 1) // sector for data in padded.values())
    fat_sectors = 1
    while fat_sectors * 128 < fat_sectors + directory_sectors + stream_sectors:
        fat_sectors += 1
    fat = [fat_mark] * fat_sectors
    first_directory = len(fat)
    fat += [*range(first_directory + 1, first_directory + directory_sectors), end_of_chain]
    body = b""
    for path, data in padded.items():
        count = (len(data) + sector - 1) // sector
        start = len(fat)
        data_sectors[index_of[path]] = (start, len(data))
        fat += [*range(start + 1, start + count), end_of_chain]
        body += data.ljust(count * sector, b"\0")
    fat += [free] * (fat_sectors * 128 - len(fat))
    directory = b""
    for number, entry in enumerate(entries):
        children = sorted(
            entry["children"], key=lambda i: (len(entries[i]["name"]), entries[i]["name"].upper())
        )
        for left, right in itertools.pairwise(children):
            entries[left]["right"] = right
        name = entry["name"].encode("utf-16-le") + b"\0\0"
        start, size = data_sectors.get(number, (end_of_chain, 0))
        directory += (
            name.ljust(64, b"\0")
            + struct.pack("<HBB", len(name), entry["type"], 1)
            + struct.pack(
                "<III",
                no_stream,
                entry.get("right", no_stream),
                children[0] if children else no_stream,
            )
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", start, size)
        )
    directory = directory.ljust(directory_sectors * sector, b"\0")
    difat = list(range(fat_sectors)) + [free] * (109 - fat_sectors)
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII", 0, fat_sectors, first_directory, 0, 4096, end_of_chain, 0, end_of_chain, 0
        )
        + struct.pack("<109I", *difat)
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + body
