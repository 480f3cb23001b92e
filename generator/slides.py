"""Read a PowerPoint presentation (.pptx), as investment briefings and meeting decks come.

A presentation is a ZIP archive of XML parts (Office Open XML, ECMA-376): the presentation
part lists the slides in order, by relationship; each slide's shape tree holds text boxes,
placeholders (the title, the body, the date, footer and slide number), groups of shapes and
tables. Each slide's title becomes a heading (the title slide's is the deck's title), its
text paragraphs follow in the shape tree's order, bulleted ones as list items, and tables
as pipe rows. Dates, footers, slide numbers, hidden slides and speaker notes are left out.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from generator.errors import SourceError
from generator.office import (
    ARCHIVE_DAMAGE,
    SAFE_XML_OPTIONS,
    Blocks,
    OfficeText,
    check_archive,
    damaged_archive,
    markdown_from_blocks,
    part_metadata,
    table_blocks,
)

RESAVE_PPTX = "open it in PowerPoint and save it again as .pptx, or print it to PDF"
PRESENTATION = "ppt/presentation.xml"
PRESENTATION_RELATIONSHIPS = "ppt/_rels/presentation.xml.rels"
CORE_PROPERTIES = "docProps/core.xml"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Placeholders whose text is the slide's furniture, not its content.
_FURNITURE = frozenset({"dt", "ftr", "sldNum", "hdr"})
_TITLES = {"ctrTitle": 0, "title": 1}  # the title slide's title heads the deck
# Placeholders whose paragraphs are bulleted unless a paragraph says otherwise.
_BULLETED = frozenset({"body", "obj"})
# xsd:boolean's two spellings of each value.
_TRUE, _FALSE = frozenset({"1", "true"}), frozenset({"0", "false"})
# The most slides and shapes read: the file is untrusted, and decks hold far fewer.
MAX_SLIDES = 2_000
MAX_GROUP_DEPTH = 16


def read_pptx(relative: str, data: bytes) -> OfficeText:
    """The deck's text as Markdown (each slide's title a heading), its title and date."""
    from lxml import etree

    check_archive(relative, "the PowerPoint file", data, RESAVE_PPTX)
    parser = etree.XMLParser(**SAFE_XML_OPTIONS)
    blocks: Blocks = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if PRESENTATION not in names:
                raise SourceError(
                    relative,
                    "the archive holds no PowerPoint presentation (no ppt/presentation.xml)",
                    hint="give it the extension of its real format, or print it to PDF",
                )
            for name in _slide_parts(archive, names, parser):
                slide = etree.fromstring(archive.read(name), parser)
                if slide.get("show") not in _FALSE:  # a hidden slide is not shown
                    blocks += _slide_blocks(slide, first=not blocks)
            core = (
                etree.fromstring(archive.read(CORE_PROPERTIES), parser)
                if CORE_PROPERTIES in names
                else None
            )
    except (*ARCHIVE_DAMAGE, etree.XMLSyntaxError) as error:
        raise damaged_archive(relative, "the PowerPoint file", error, RESAVE_PPTX) from error
    title, date = part_metadata(core, ("modified", "created"))
    return OfficeText(markdown_from_blocks(blocks), title, date)


def _slide_parts(archive: zipfile.ZipFile, names: set[str], parser: Any) -> list[str]:
    """The slides' part names in the order the presentation lists them."""
    from lxml import etree

    presentation = etree.fromstring(archive.read(PRESENTATION), parser)
    targets = {}
    if PRESENTATION_RELATIONSHIPS in names:
        relationships = etree.fromstring(archive.read(PRESENTATION_RELATIONSHIPS), parser)
        for relationship in relationships.iter(_RELATIONSHIP):
            target = relationship.get("Target") or ""
            # Targets are relative to the ppt/ folder; an absolute one names the part itself.
            part = target.lstrip("/") if target.startswith("/") else f"ppt/{target}"
            targets[relationship.get("Id")] = posixpath.normpath(part)
    parts: dict[str, None] = {}  # in order, each once
    for slide in presentation.iter(f"{_P}sldId"):
        part = targets.get(slide.get(f"{_R}id"))
        if part in names:
            parts[part] = None
            if len(parts) >= MAX_SLIDES:
                break
    return list(parts)


def _slide_blocks(slide: Any, first: bool) -> Blocks:
    """A slide's title first, then its shapes' paragraphs and tables in the tree's order.
    The first slide's title is the deck's (some programs mark it as any slide's)."""
    tree = slide.find(f"{_P}cSld/{_P}spTree")
    if tree is None:
        return []
    titles: Blocks = []
    blocks: Blocks = []
    for shape in _shapes(tree, 0):
        if shape.tag == f"{_P}graphicFrame":
            blocks += _table_blocks(shape)
            continue
        kind = _placeholder(shape)
        if kind in _FURNITURE:
            continue
        paragraphs = [
            (_paragraph_text(paragraph), _is_bulleted(paragraph, kind))
            for paragraph in shape.iter(f"{_A}p")
        ]
        paragraphs = [(text, bulleted) for text, bulleted in paragraphs if text]
        if kind in _TITLES and paragraphs:
            level = 0 if first else _TITLES[kind]
            titles.append((level, " ".join(text for text, _ in paragraphs)))
            continue
        blocks += [(None, f"- {text}" if bulleted else text) for text, bulleted in paragraphs]
    return titles[:1] + [(None, text) for _, text in titles[1:]] + blocks


def _shapes(tree: Any, depth: int) -> list[Any]:
    """The text shapes and frames of a shape tree, a group's read in place."""
    shapes = []
    for child in tree:
        if child.tag == f"{_P}sp" or child.tag == f"{_P}graphicFrame":
            shapes.append(child)
        elif child.tag == f"{_P}grpSp" and depth < MAX_GROUP_DEPTH:
            shapes += _shapes(child, depth + 1)
    return shapes


def _placeholder(shape: Any) -> str | None:
    """The kind of placeholder a shape is ("title", "body", ...), None for a plain text box.
    A placeholder of no stated type is a body (ECMA-376's default)."""
    placeholder = shape.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    if placeholder is None:
        return None
    return placeholder.get("type") or "body"


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's runs and fields, a line break as a space."""
    parts = []
    for element in paragraph:
        if element.tag in (f"{_A}r", f"{_A}fld"):
            parts.append("".join(element.itertext()))
        elif element.tag == f"{_A}br":
            parts.append(" ")
    return " ".join("".join(parts).split())


def _is_bulleted(paragraph: Any, kind: str | None) -> bool:
    """A paragraph with a bullet or a number: set on it, or by a body placeholder's default
    unless it turns them off."""
    properties = paragraph.find(f"{_A}pPr")
    if properties is not None:
        if properties.find(f"{_A}buNone") is not None:
            return False
        if (
            properties.find(f"{_A}buChar") is not None
            or properties.find(f"{_A}buAutoNum") is not None
        ):
            return True
    return kind in _BULLETED


def _table_blocks(frame: Any) -> Blocks:
    """A table as table_blocks reads one, a cell spanned by another left empty."""
    table = frame.find(f".//{_A}tbl")
    if table is None:
        return []  # a chart, a diagram or an object
    rows = []
    for row in table.iter(f"{_A}tr"):
        cells = []
        for cell in row.iter(f"{_A}tc"):
            spanned = cell.get("hMerge") in _TRUE or cell.get("vMerge") in _TRUE
            texts = [_paragraph_text(p) for p in cell.iter(f"{_A}p")]
            cells.append("" if spanned else " ".join(text for text in texts if text))
        rows.append(cells)
    return table_blocks(rows)
