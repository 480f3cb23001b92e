"""Small builders so a stage test needs no files on disk."""

from __future__ import annotations

import shutil
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
