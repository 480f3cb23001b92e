"""Read a source file of any supported format into decoded, normalised text."""

from __future__ import annotations

import codecs
import copy
import dataclasses
import datetime
import functools
import hashlib
import itertools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from generator.errors import SourceError
from generator.model import SourceText
from generator.pdf import read_pdf
from generator.text import (
    CJK_PUNCTUATION_RANGE,
    HAN_RANGE,
    HANGUL_RANGE,
    KANA_RANGE,
    UNSPACED_CHARACTER,
    first_stated_date,
    leading_iso_date,
    word_count,
)

# Sources larger than this are refused rather than read: a 50 MB "document" is a dump,
# not a briefing, and reading it whole would blow the memory budget of a small runner.
# Measured here: a 5 MB text file takes about 25 s and 190 MB to ingest in full, growing
# linearly; 10 MB keeps the worst case near a minute and half a gigabyte. The largest real
# document seen (a 28-report compendium) is under 1 MB.
MAX_SOURCE_BYTES = 10 * 1024 * 1024

PDF_MAGIC = b"%PDF"
ZIP_MAGIC = b"PK\x03\x04"  # .docx and .hwpx files are ZIP archives of XML parts
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old Office and Hangul files, and protected Office ones
# Leading bytes of binary files: each reader refuses them all but its own format's.
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    ZIP_MAGIC: "a ZIP archive (or an Office file)",
    OLE_MAGIC: "an old-style Office or Hangul file (.doc, .xls, .hwp)",
    b"\x1f\x8b": "a gzip archive",
    PDF_MAGIC: "a PDF file",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# CP949 punctuation read as Latin-1 ("¡¯" for "’"): pairs of bytes 0xA1-0xFE.
_CP949_MOJIBAKE = re.compile(r"[\u00a1-\u00fe]{2}(?:[\u00a1-\u00fe]{2})*")
# A dash lost to "?" in a bad conversion: "standards?from" (but not "page.php?id=1").
_LOST_DASH = re.compile(r"(\S*[A-Za-z])\?([a-z]\S*)")
_SPACE_RUNS = re.compile(r"(\s+)")
# What ftfy can act on: any non-ASCII character, an HTML entity, a terminal escape.
_FTFY_WORK = re.compile(r"[^\x00-\x7f]|&|\x1b")
# YAML front matter: "---" on the first line, fields, then "---" or "...".
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<fields>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Full-width letters and digits ("２０２６年", "ＡＢＣ") are ASCII's in another width, and the
# signs ￥ ￦ are ¥ ₩: all are read as those; half-width katakana as the usual width, the
# ideographic space as a space.
_WIDTH_VARIANTS = re.compile(
    "[\u3000\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff61-\uff9f\uffe0-\uffe6]+"
)
# Full-width punctuation is how Chinese and Japanese punctuate ("11月17日，重庆市"), and stays;
# between Latin words ("cities，part", "yuan（about 250）") it stands for ASCII's, which it
# becomes, spaced as ASCII is, since it carried its own space.
_WIDE_PUNCTUATION = re.compile(
    "[\uff01-\uff07\uff0a-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff5e]"
)
_SPACED_AFTER = frozenset("，；：！？")
_LATIN_CHARACTER = re.compile("[A-Za-z0-9\u00c0-\u024f]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_WIDE_PARENTHESES = re.compile("（([^（）\n]*)）")
_NEUTRAL = frozenset(" \"'“”‘’")
# Chinese, Japanese or Korean text, or its punctuation: what full-width punctuation may stand
# beside and stay as written.
_CJK_CONTEXT = re.compile(f"[{HANGUL_RANGE}{KANA_RANGE}{HAN_RANGE}{CJK_PUNCTUATION_RANGE}]")


# Formats a document often arrives in that no reader reads, and what to save them as.
RESAVE_HINTS = {
    ".rtf": "save it as .docx (or print it to PDF)",
    ".ppt": "print it to PDF",
    # Safari's own format (a binary property list): its other ways of saving a page are read.
    ".webarchive": "save the page as Page Source (.html) or export it as PDF",
}


def project_path(path: Path, root: Path, folders: dict[Path, Path] | None = None) -> str:
    """A source's project-relative POSIX path; a link that leads out of the project is a
    SourceError, so nothing outside it is read into the site.

    folders: resolved folders (the root, the sources' folders) kept between the calls of one
    loop over sources, so each folder is resolved once, not once per source.
    """
    folders = {} if folders is None else folders
    resolved_root = _resolved_folder(root, folders)
    if path.name in ("", ".", "..") or path.is_symlink():
        resolved = path.resolve()
    else:
        resolved = _resolved_folder(path.parent, folders) / path.name
    if not resolved.is_relative_to(resolved_root):
        raise SourceError(
            path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name,
            "links to a file outside the project",
            hint="copy the file into seeds/ instead of linking to it",
        )
    return resolved.relative_to(resolved_root).as_posix()


def _resolved_folder(folder: Path, folders: dict[Path, Path]) -> Path:
    resolved = folders.get(folder)
    if resolved is None:
        resolved = folders[folder] = folder.resolve()
    return resolved


def read_source(path: Path, root: Path) -> SourceText:
    """Read one source file, choosing the reader by extension and decoding by detection.

    Raises SourceError naming the file when it is empty, binary, too large or undecodable.
    """
    relative = project_path(path, root)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise unsupported_type(relative, path.suffix)
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            relative,
            f"file is {size // (1024 * 1024)} MB, over the "
            f"{MAX_SOURCE_BYTES // (1024 * 1024)} MB limit",
            hint="split it into separate documents",
        )
    data = path.read_bytes()
    source = reader(relative, data)
    if not source.text.strip():
        raise SourceError(relative, "no text found in the file", hint="remove it or replace it")
    return source


def unsupported_type(label: str, suffix: str) -> SourceError:
    """The error for a file no reader takes, with what to save it as where that is known."""
    return SourceError(
        label,
        f"unsupported file type '{suffix or '(none)'}'",
        hint=RESAVE_HINTS.get(suffix.lower()) or f"use one of {', '.join(sorted(READERS))}",
    )


def read_text_file(relative: str, data: bytes, fmt: str = "text") -> SourceText:
    """Decode a plain-text or Markdown file."""
    _refuse_binary(relative, data)
    text, encoding = decode_bytes(relative, data)
    return SourceText(
        path=relative,
        sha256=_sha256(data),
        format=fmt,
        encoding=encoding,
        text=normalize_text(text),
    )


def read_markdown_file(relative: str, data: bytes) -> SourceText:
    """Decode a Markdown file; structure is kept for the splitter, and YAML front matter
    (as static-site and note-taking tools write it) gives the title, date and publisher."""
    source = read_text_file(relative, data, fmt="markdown")
    match = _FRONT_MATTER.match(source.text)
    fields = _front_matter_fields(match.group("fields")) if match else None
    if match is None or fields is None:
        return source  # no front matter, or lines between rules that are not YAML: text
    body = source.text[match.end() :].lstrip("\n")
    title = _front_matter_text(fields, "title")
    if title:
        body = _with_headline(body, title)
    return dataclasses.replace(
        source,
        text=body,
        title=title,
        publisher=_front_matter_text(fields, "publisher", "source", "site"),
        date=leading_iso_date(_front_matter_text(fields, "date")),
    )


def _front_matter_fields(text: str) -> dict[Any, Any] | None:
    """The front matter's fields, read with the safe loader; None when it is not a mapping."""
    try:
        fields = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return fields if isinstance(fields, dict) else None


def _front_matter_text(fields: dict[Any, Any], *keys: str) -> str | None:
    """The first of keys holding a single value, as text (YAML reads a bare date as a date)."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str | int | float | datetime.date) and not isinstance(value, bool):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def read_html_file(relative: str, data: bytes) -> SourceText:
    """Extract the main article of a web page with trafilatura, dropping navigation."""
    _refuse_binary(relative, data)
    html, encoding = decode_bytes(relative, data)
    return _html_source(relative, _sha256(data), html, encoding)


def _html_source(
    relative: str, sha256: str, html: str, encoding: str, fmt: str = "html", saved_as: str = ""
) -> SourceText:
    """Read a decoded web page (see read_html_file); saved_as: the title it was saved under
    (a saved page's subject), for a page that names itself nowhere else."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    whole = fmt == "email"  # the body is all message: no navigation to leave out
    page = _page_tree(html)
    result = trafilatura.bare_extraction(
        _prepared_page(page, whole) or html,
        config=_extraction_config(_written_in_characters(page)),
        output_format="python",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_formatting=True,
        favor_recall=True,
        # Dates the page's markup states; a search of its free text guesses the first of
        # January from a bare year ("2025년 6월 3일" is read as 2025). The date printed under
        # the headline is read below, by the rules every other format's dates are. A page
        # updated later is dated when first published, as its story is.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or not (result.text or "").strip():
        raise SourceError(
            relative,
            "no article text found in the web page",
            hint="save the page with its article, or paste the text as .txt",
        )
    # With formatting kept, the extracted text is already Markdown (headings, lists, tables):
    # what a second extraction to "markdown" would give, parsing the page again.
    body = result.text.rstrip()
    heading = _article_heading(page)
    # An email's body is titled by its headline alone (its reader falls back on the subject),
    # a web page by its <title> when it has none, else by what it was saved under.
    fallback = "" if whole else ((result.title or "").strip() or saved_as)
    title = _page_headline(heading, fallback) or None
    if title:
        body = _from_headline(body, title)
    under_headline = _lines_under_headline(heading)
    byline = _page_byline(under_headline, result.author)
    deck = _page_deck(heading, body)
    if byline and byline not in body:
        body = _under_headline(body, byline)
    if deck:
        body = _under_headline(body, deck)
    return SourceText(
        path=relative,
        sha256=sha256,
        format=fmt,
        encoding=encoding,
        text=normalize_text(body),
        title=title,
        publisher=_page_publisher(page, result.sitename, title),
        date=leading_iso_date(result.date) or first_stated_date(under_headline),
    )


# A page's headline has a few words; a logo or a one-word section name in an h1 is not one.
HEADLINE_MIN_WORDS = 3
# An h1 inside these is the site's name or logo, not the article's headline.
_PAGE_CHROME = (
    "ancestor::header or ancestor::nav or ancestor::*[contains(@class, 'logo')"
    " or contains(@id, 'logo') or contains(@class, 'header') or contains(@id, 'header')]"
)


# Below this much extracted text trafilatura takes a cruder extraction instead, which joins
# the paragraphs (its default, in characters: some forty words of a Latin script). Chinese
# and Japanese write a word in about two characters, so for them the same words are fewer.
EXTRACTED_MIN_CHARACTERS = 250
DENSE_EXTRACTED_MIN_CHARACTERS = 80


@functools.cache
def _extraction_config(dense: bool) -> Any:
    """trafilatura's settings, its extraction threshold in characters as dense (Chinese,
    Japanese) or spaced text needs it."""
    from trafilatura.settings import use_config

    config = use_config()  # a fresh copy of its defaults
    minimum = DENSE_EXTRACTED_MIN_CHARACTERS if dense else EXTRACTED_MIN_CHARACTERS
    config["DEFAULT"]["min_extracted_size"] = str(minimum)
    return config


def _written_in_characters(page: Any) -> bool:
    """Whether a page's text is mostly Chinese or Japanese characters (not its scripts'),
    rather than letters of a spaced script (Latin, Hangul: a Korean page quoting Hanja)."""
    if page is None:
        return False
    texts = page.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
    text = "".join(texts)
    dense = len(UNSPACED_CHARACTER.findall(text))
    spaced = sum(1 for character in text if character.isalpha()) - dense
    return dense > spaced


def _page_tree(html: str) -> Any:
    """The page parsed once for what trafilatura does not give: headline, copyright line."""
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


# Elements no data table's cell holds: a cell holding one lays a page out.
_LAYOUT_IN_CELL = " | ".join(f".//{tag}" for tag in ("table", "h1", "h2", "h3", "h4", "h5", "h6"))


def _prepared_page(page: Any, whole: bool) -> str | None:
    """The page as extraction should read it; None when that is the page as it came.

    Tables that only lay the page out are read as plain blocks: an email newsletter, or an
    older site, sets its whole text in nested tables, which extraction would keep as one
    table row holding every story. With whole (an email's body, which has no navigation to
    leave out), the body is marked as the article: extraction that finds no article
    container falls back to reading paragraphs alone, dropping the stories' headlines.
    """
    import lxml.html

    if page is None:
        return None
    layout = [_is_layout_table(table) for table in page.iter("table")]
    if not any(layout) and (not whole or page.find("body") is None):
        return None
    page = copy.deepcopy(page)  # the copy's tables in the same order: told apart once
    tables = list(page.iter("table"))
    for table in [table for table, lays_out in zip(tables, layout, strict=True) if lays_out]:
        for element in [table, *_table_parts(table)]:
            element.tag = "div"
            element.attrib.pop("role", None)
    body = page.find("body")
    if whole and body is not None:
        article = lxml.html.Element("article")
        article.text, body.text = body.text, None
        article.extend(list(body))
        body.append(article)
    return str(lxml.html.tostring(page, encoding="unicode"))


def _table_parts(table: Any) -> list[Any]:
    """A table's own row groups, rows and cells (not those of a table nested in a cell)."""
    groups = table.xpath("./thead | ./tbody | ./tfoot")
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    return [*groups, *rows, *(cell for row in rows for cell in row.xpath("./td | ./th"))]


def _is_layout_table(table: Any) -> bool:
    """Whether a table lays the page out rather than holds data: it says so (role
    "presentation"), or, with no header cell or caption, a cell of it holds a heading or
    another table, or it has a single column."""
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return True
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    cells = [row.xpath("./td | ./th") for row in rows]
    if table.xpath("./caption") or any(cell.tag == "th" for row in cells for cell in row):
        return False
    if any(cell.xpath(_LAYOUT_IN_CELL) for row in cells for cell in row):
        return True
    return bool(rows) and all(len(row) <= 1 for row in cells)


def _article_heading(page: Any) -> Any:
    """The article's h1: the longest of a few words outside the page's header; None when
    the page has none."""
    if page is None:
        return None
    headings = [
        (word_count(heading.text_content()), heading)
        for heading in page.xpath(f"//body//h1[not({_PAGE_CHROME})]")
    ]
    long_enough = [pair for pair in headings if pair[0] >= HEADLINE_MIN_WORDS]
    return max(long_enough, key=lambda pair: pair[0])[1] if long_enough else None


def _page_headline(heading: Any, title: str) -> str:
    """The article's headline: its h1, unless the <title> already holds it. A site often
    titles every page by its section ("Press Releases < News") and prints the headline only
    in the body."""
    if heading is None:
        return title
    headline = " ".join(heading.text_content().split())
    # "Headline | Site" titles hold the headline: keep trafilatura's trimmed form of it.
    return title if title and headline.casefold() in title.casefold() else headline


def _from_headline(body: str, title: str) -> str:
    """Start the extracted text at its headline: section headings printed above it ("##
    Press Releases") go; a text with no heading first gets the headline as its own."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("#") and " ".join(line.lstrip("#").split()) == title:
            return "\n".join(lines[index:])
        if line.strip() and not line.startswith("#"):
            break  # real text before any heading naming the headline: keep it all
    return _with_headline(body, title)


def _with_headline(body: str, title: str) -> str:
    """The text as it is when it opens with a heading, else under the title as its own."""
    return body if body.lstrip().startswith("#") else f"# {title}\n\n{body}"


# A byline is a short line; a longer one under the headline is a deck or the body.
BYLINE_MAX_WORDS = 12


def _lines_under_headline(heading: Any) -> list[str]:
    """The texts of the few elements right after the headline, where a page prints its byline
    and date (which extraction drops as page metadata)."""
    if heading is None:
        return []
    following = heading.xpath(
        "following::*[self::p or self::div or self::span or self::address][position() <= 4]"
    )
    return [" ".join(element.text_content().split()) for element in following]


# A deck is a headline's second line, not a paragraph.
DECK_MAX_WORDS = 40
# The elements a page sets its deck in.
_DECK_TAGS = ("h2", "h3", "h4", "p", "div")
# What a page's class or id calls its deck: "subhead", "sub-title", "standfirst", "dek".
_DECK_MARK = re.compile(r"sub-?(?:head|title)|deck|\bdek\b|standfirst|strapline|summary", re.I)


def _page_deck(heading: Any, body: str) -> str | None:
    """The deck printed right under the headline, which extraction drops with the page's
    header: the next heading, or the next element the page marks as one; None when the body
    holds it already or it reads as a byline."""
    from generator.split.article import read_byline

    if heading is None:
        return None
    # The first block after the headline that holds no other block (not a wrapper's text).
    is_block = " or ".join(f"self::{tag}" for tag in _DECK_TAGS)
    holds_block = " or ".join(f".//{tag}" for tag in _DECK_TAGS)
    following = heading.xpath(f"following::*[{is_block}][not({holds_block})][1]")
    if not following:
        return None
    element = following[0]
    text = " ".join(element.text_content().split())
    marked = element.tag in ("h2", "h3", "h4") or _DECK_MARK.search(
        f"{element.get('class', '')} {element.get('id', '')}"
    )
    if (
        not marked
        or not HEADLINE_MIN_WORDS <= word_count(text) <= DECK_MAX_WORDS
        or text in " ".join(body.split())
        or read_byline(text)
    ):
        return None
    return text


def _page_byline(under_headline: list[str], author: str | None) -> str | None:
    """The byline printed under the headline; else the writer the page's metadata names,
    when it is a person's name, as a byline."""
    from generator.split.article import read_byline

    for text in under_headline:
        if len(text.split()) <= BYLINE_MAX_WORDS and read_byline(text):
            return text
    byline = "By " + " ".join((author or "").split())
    return byline if read_byline(byline) else None


def _under_headline(body: str, line: str) -> str:
    """The text with a line put right under its headline (or first, when it has none)."""
    head, separator, rest = body.partition("\n")
    if head.startswith("#"):
        return f"{head}\n\n{line}\n{separator}{rest}"
    return f"{line}\n\n{body}"


# The metadata China's government sites give each article (the national standard for their
# pages): the office the article comes from, which the page's site only republishes.
_CONTENT_SOURCE = "//meta[@name='ContentSource']/@content"
# What joins a headline to the site's name in a page's <title>: "Headline | Yonhap",
# "标题_重庆市人民政府网", "Headline - Site".
_TITLE_SITE = re.compile(r"^\s*(?:\||_|-|–|—|::|·|:)\s*(?P<site>[^|_]{2,40}?)\s*$")


def _page_publisher(page: Any, site_name: str | None, headline: str | None) -> str | None:
    """Who published a page: the office its metadata says the article comes from, else the
    site (its stated name, the name its <title> gives after the headline, its copyright)."""
    if page is not None:
        source = _first_text(page, _CONTENT_SOURCE)
        if source:
            return source
    site = (site_name or "").strip()
    return site or _title_site_name(page, headline) or _page_copyright_holder(page)


def _first_text(page: Any, xpath: str) -> str:
    """The first text an XPath finds in the page, its spaces collapsed ("" for none)."""
    return " ".join(" ".join(page.xpath(xpath)[:1]).split())


def _title_site_name(page: Any, headline: str | None) -> str | None:
    """The site's name a page's <title> gives after the headline ("Headline | Site")."""
    if page is None or not headline:
        return None
    title = _first_text(page, "//title/text()")
    if not title.casefold().startswith(headline.casefold()):
        return None
    match = _TITLE_SITE.match(title[len(headline) :])
    site = match.group("site") if match else ""
    return site if any(c.isalpha() for c in site) else None  # not "Headline - 2026.11.21"


def _page_copyright_holder(page: Any) -> str | None:
    """Find the publisher in the page's copyright line, which extraction drops with the footer."""
    from generator.clean import copyright_holder

    if page is None:
        return None
    for text in reversed(page.xpath("//body//text()")):  # the footer is at the end
        holder = copyright_holder(" ".join(str(text).split()))
        if holder:
            return holder
    return None


def read_pdf_file(relative: str, data: bytes) -> SourceText:
    """Read the text layer of a PDF (see generator.pdf); pages are separated by blank lines."""
    if not data.startswith(PDF_MAGIC):
        _refuse_binary(relative, data, allowed=PDF_MAGIC)
        raise SourceError(relative, "not a PDF file", hint="check the file's extension")
    pdf = read_pdf(relative, data)
    if not pdf.text.strip():
        raise SourceError(
            relative,
            "the PDF has no text layer (a scan?)",
            hint="run OCR on it first, or save its text as .txt",
        )
    return _binary_source(relative, data, "pdf", pdf.text, pdf.title, pdf.date)


def read_docx_file(relative: str, data: bytes) -> SourceText:
    """Read a Word document (.docx): see office.read_docx."""
    from generator.office import read_docx

    return _office_source(relative, data, "docx", read_docx)


def read_hwpx_file(relative: str, data: bytes) -> SourceText:
    """Read a Hangul document saved as HWPX (.hwpx): see office.read_hwpx."""
    from generator.office import read_hwpx

    return _office_source(relative, data, "hwpx", read_hwpx)


def read_odt_file(relative: str, data: bytes) -> SourceText:
    """Read an OpenDocument text (.odt): see office.read_odt."""
    from generator.office import read_odt

    return _office_source(relative, data, "odt", read_odt)


def read_pptx_file(relative: str, data: bytes) -> SourceText:
    """Read a PowerPoint presentation (.pptx): see slides.read_pptx."""
    from generator.slides import read_pptx

    return _office_source(relative, data, "pptx", read_pptx)


def read_hwp_file(relative: str, data: bytes) -> SourceText:
    """Read a Hangul document in its binary format (.hwp): see hwp.read_hwp."""
    from generator.hwp import RESAVE_HWP, read_hwp

    zipped = ("the file is an HWPX document named .hwp", "rename it to .hwpx")
    other = ("not a Hangul 5 document (an older Hangul file, or another format)", RESAVE_HWP)
    return _compound_source(relative, data, "hwp", read_hwp, zipped, other)


def read_doc_file(relative: str, data: bytes) -> SourceText:
    """Read a Word 97-2003 document (.doc, or Kingsoft WPS Writer's .wps): see doc.read_doc."""
    from generator.doc import RESAVE_DOC, read_doc

    zipped = ("the file is a .docx document named .doc", "rename it to .docx")
    other = ("not a Word 97-2003 document (an older Word file, or another format)", RESAVE_DOC)
    return _compound_source(relative, data, "doc", read_doc, zipped, other)


def _compound_source(
    relative: str,
    data: bytes,
    fmt: str,
    read: Callable[[str, bytes], Any],
    zipped: tuple[str, str],
    other: tuple[str, str],
) -> SourceText:
    """Read a .hwp or .doc file (fmt) with read; one that is not a compound (OLE) file is
    refused with a message and hint: zipped for a ZIP archive (the format's zipped successor
    under the old name), other for anything else."""
    if data.startswith(ZIP_MAGIC):
        raise SourceError(relative, zipped[0], hint=zipped[1])
    if not data.startswith(OLE_MAGIC):
        _refuse_binary(relative, data, allowed=OLE_MAGIC)
        raise SourceError(relative, other[0], hint=other[1])
    text = read(relative, data)
    return _binary_source(relative, data, fmt, text.markdown, text.title, text.date)


def _office_source(
    relative: str, data: bytes, fmt: str, read: Callable[[str, bytes], Any]
) -> SourceText:
    if data.startswith(OLE_MAGIC):
        # Office keeps a password-protected .docx in an OLE file, as it kept old .doc files.
        raise SourceError(
            relative,
            f"the file is password-protected, or an old binary file named .{fmt}",
            hint=f"save an unprotected copy as .{fmt}, or print it to PDF",
        )
    if not data.startswith(ZIP_MAGIC):
        _refuse_binary(relative, data, allowed=ZIP_MAGIC)
        raise SourceError(
            relative,
            f"not a .{fmt} document (it is not a ZIP archive)",
            hint="give it the extension of its real format",
        )
    office = read(relative, data)
    return _binary_source(relative, data, fmt, office.markdown, office.title, office.date)


def _binary_source(
    relative: str, data: bytes, fmt: str, text: str, title: str | None, date: str | None
) -> SourceText:
    """A source read from a binary format (its name is its encoding): the text normalised,
    the title its metadata gives unless that is a placeholder."""
    return SourceText(
        path=relative,
        sha256=_sha256(data),
        format=fmt,
        encoding=fmt,
        text=normalize_text(text),
        title=_metadata_title(title or ""),
        date=date,
    )


# An email body of fewer words is a covering note: the document is what it is attached to.
COVERING_NOTE_MAX_WORDS = 60


# How many messages deep, each attached to the one before, an email is read for its document.
MAX_ATTACHED_MESSAGES = 3


def read_eml_file(relative: str, data: bytes) -> SourceText:
    """Read an email saved with its headers (.eml): its HTML body (see read_html_file), else
    its plain one. A body that is only a covering note gives way to the first attachment a
    reader reads; a forwarded message is read as the message forwarded. The subject is its
    title when the body has no headline, the sender its publisher when the body names none,
    and it is dated when it was sent."""
    _refuse_binary(relative, data)
    return _read_email(relative, data, 0)


def _read_email(relative: str, data: bytes, depth: int) -> SourceText:
    from generator.mime import read_mime, without_forward_headers

    message = read_mime(relative, data)
    source, attached = _email_body(relative, data, message, depth)
    if attached:  # the document a covering note stands for, which names itself
        return dataclasses.replace(
            source,
            title=source.title or message.subject,
            publisher=source.publisher or message.sender,
            date=source.date or message.date,
        )
    text, forwarded = without_forward_headers(source.text)
    title = source.title or (forwarded.subject if forwarded else None) or message.subject
    sender = (forwarded.sender if forwarded else None) or message.sender
    sent = first_stated_date([forwarded.date or ""]) if forwarded else None
    return dataclasses.replace(
        source,
        # Under its own headline: a newsletter's stories open with headings of the next level.
        text=text if not title or text.startswith("# ") else f"# {title}\n\n{text}",
        title=title,
        publisher=source.publisher or sender,
        date=sent or message.date or source.date,
    )


def _email_body(relative: str, data: bytes, message: Any, depth: int) -> tuple[SourceText, bool]:
    """The body's text, or the attachment's a covering note stands for; and whether it is
    the attachment's."""
    sha256 = _sha256(data)
    body = None
    for part in message.bodies:
        text, encoding = decode_declared(relative, part.data, part.charset)
        if part.subtype == "html":
            try:
                body = _html_source(relative, sha256, text, encoding, "email")
            except SourceError:
                continue  # a body of images or layout alone: try the plain one
        else:
            body = SourceText(relative, sha256, "email", encoding, normalize_text(text))
        if body.text.strip():
            break
    words = word_count(body.text) if body is not None else 0
    if words <= COVERING_NOTE_MAX_WORDS:
        for name, attached in message.attachments:
            source = _attached_source(relative, name, attached, depth)
            if source is not None:
                return dataclasses.replace(source, sha256=sha256), True
    if body is None or not body.text.strip():
        raise SourceError(
            relative,
            "no text found in the email's body or attachments",
            hint="save the attached document itself into seeds/",
        )
    return body, False


def _attached_source(relative: str, name: str, data: bytes, depth: int) -> SourceText | None:
    """An attachment read by the reader of its kind (an attached message as an email, to
    MAX_ATTACHED_MESSAGES deep); None when none reads it or it holds no text."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".eml":
        if depth + 1 >= MAX_ATTACHED_MESSAGES:
            return None
        reader: Callable[[str, bytes], SourceText] | None = functools.partial(
            _read_email, depth=depth + 1
        )
    else:
        reader = READERS.get(suffix)
    if reader is None or not data:
        return None
    try:
        source = reader(relative, data)
    except SourceError:
        return None  # an attachment no reader can read: the body stays
    return source if source.text.strip() else None


def read_mhtml_file(relative: str, data: bytes) -> SourceText:
    """Read a web page saved as one file (.mht, .mhtml): its page, as read_html_file does.
    The headers' date is when it was saved, not published: it is not the page's."""
    from generator.mime import read_mime

    _refuse_binary(relative, data)
    message = read_mime(relative, data)
    page = next((part for part in message.bodies if part.subtype == "html"), None)
    if page is None:
        raise SourceError(
            relative,
            "no web page found in the saved file",
            hint="save the page again, as a complete page or as one file",
        )
    html, encoding = decode_declared(relative, page.data, page.charset)
    return _html_source(relative, _sha256(data), html, encoding, "html", message.subject or "")


READERS: dict[str, Callable[[str, bytes], SourceText]] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_markdown_file,
    ".markdown": read_markdown_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".pdf": read_pdf_file,
    ".docx": read_docx_file,
    ".doc": read_doc_file,
    ".wps": read_doc_file,  # Kingsoft WPS Writer saves the Word 97 format under its own name
    ".hwpx": read_hwpx_file,
    ".hwp": read_hwp_file,
    ".odt": read_odt_file,
    ".pptx": read_pptx_file,
    ".eml": read_eml_file,
    ".mht": read_mhtml_file,
    ".mhtml": read_mhtml_file,
}


def decode_bytes(relative: str, data: bytes) -> tuple[str, str]:
    """Decode bytes by BOM, then UTF-16 by its NUL pattern, then strict UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise SourceError(
                    relative,
                    f"bytes after the {encoding} mark do not decode (at byte {error.start})",
                    hint="re-save the file as UTF-8",
                ) from error
    escaped = _decode_iso_2022(data)
    if escaped is not None:
        return escaped
    utf16 = _guess_bomless_utf16(data)
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise SourceError(
            relative,
            "the file holds NUL bytes: it looks binary, not text",
            hint="convert it to a text, Markdown, HTML or PDF document",
        )
    return _detect_and_decode(relative, data)


# Labels a MIME part or a page declares, read as the codecs browsers read them with: the
# Windows supersets each label stands for in practice (the WHATWG Encoding Standard's table).
_DECLARED_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}


# Seven-bit encodings that switch character sets by escape sequences, whose bytes therefore
# read as ASCII (and UTF-8) too: Japanese mail is still sent in ISO-2022-JP. Each escape
# into a double-byte set, and the codecs to read it with, widest first.
_ISO_2022_ESCAPES = (
    (b"\x1b$)C", ("iso2022_kr",)),  # KS X 1001, Korean
    (b"\x1b$B", ("iso2022_jp_2", "iso2022_jp_ext", "iso2022_jp_2004")),  # JIS X 0208
    (b"\x1b$@", ("iso2022_jp_2", "iso2022_jp_ext")),  # JIS C 6226
    (b"\x1b$A", ("iso2022_jp_2",)),  # GB 2312, in ISO-2022-JP-2
    (b"\x1b$(Q", ("iso2022_jp_2004",)),  # JIS X 0213
)


def _decode_iso_2022(data: bytes) -> tuple[str, str] | None:
    """Text in an ISO-2022 encoding, read by the codec its escapes call for; None for
    other bytes, or ones no such codec reads strictly."""
    if b"\x1b$" not in data:
        return None
    for escape, encodings in _ISO_2022_ESCAPES:
        if escape in data:
            for encoding in encodings:
                try:
                    return data.decode(encoding), encoding
                except UnicodeDecodeError:
                    continue
            return None
    return None


def decode_declared(relative: str, data: bytes, charset: str | None) -> tuple[str, str]:
    """Decode bytes by the charset they declare, when it names a codec and reads them
    strictly; else as decode_bytes does an undeclared file. Bytes that read as UTF-8 are
    UTF-8 whatever they declare: mail labels UTF-8 text "us-ascii" or Latin-1 often, and
    text in another encoding hardly ever reads as UTF-8 (but ISO-2022's seven bits do)."""
    escaped = _decode_iso_2022(data)
    if escaped is not None:
        return escaped
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            name = codecs.lookup(charset).name
        except (LookupError, ValueError):  # no such codec, or a label no codec could have
            name = ""
        name = _DECLARED_SUPERSETS.get(name, name)
        if name:
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                pass  # declared wrongly, as mail often is: detect it
    return decode_bytes(relative, data)


def _detect_and_decode(relative: str, data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=None).best()
    if best is None or best.encoding is None:
        mixed = _decode_line_by_line(data)
        if mixed is not None:
            return mixed, "mixed"
        raise SourceError(
            relative, "the text encoding could not be recognised", hint="re-save the file as UTF-8"
        )
    encoding = best.encoding
    # charset-normalizer names Korean text by its narrowest match; CP949 is the superset
    # Windows writes, and decoding with it loses nothing EUC-KR would have read.
    if encoding in ("euc_kr", "johab", "iso2022_kr"):
        encoding = "cp949"
    if encoding in LATIN_ENCODINGS or encoding in OTHER_LATIN_ENCODINGS:
        encoding = _most_consistent_latin(data, encoding)
    return data.decode(encoding, errors="replace"), encoding


# The single-byte encodings of Latin-script languages, Windows' first: charset-normalizer
# scores several of them alike for a Central European text (it read Polish ISO-8859-2 as
# ISO-8859-10, ś as ķ), so the one whose letters all belong to one language is taken.
LATIN_ENCODINGS = (
    "cp1252", "cp1250", "cp1257", "cp1254", "iso8859_2", "iso8859_15", "iso8859_13",
    "iso8859_16", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_3", "iso8859_9",
    "latin_1", "mac_roman", "mac_latin2", "mac_iceland",
)  # fmt: skip
# How much of a file the Latin encodings are weighed on (a few pages of text).
LATIN_SAMPLE_BYTES = 64 * 1024
# DOS and Mac code pages charset-normalizer may name for a short Latin text (French as the
# Baltic DOS page cp775): weighed against the encodings above.
OTHER_LATIN_ENCODINGS = frozenset(
    {"cp437", "cp775", "cp850", "cp852", "cp858", "cp860", "cp861", "cp863", "cp865"}
    | {"mac_turkish", "mac_croatian", "mac_romanian"}
)
# Marks that stand inside a word as they should: apostrophes, hyphens, a middle dot.
_INNER_MARKS = frozenset("’‘ʼ´·‐‑-")
_WORD = re.compile(r"\S+")
# The letters beyond ASCII of the languages written in those encodings, lower case.
LATIN_ALPHABETS = (
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čšžćđ",  # Slovenian, Croatian, Bosnian
    "ăâîșțşţ",  # Romanian
    "äöüß",  # German
    "àâæçéèêëîïôœùûüÿ",  # French
    "áéíñóúü",  # Spanish
    "àáâãçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "åäöéü",  # Swedish, Finnish
    "æøåéèêóòô",  # Danish, Norwegian
    "áðéíóúýþæö",  # Icelandic
    "çğıöşüâî",  # Turkish
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "äöõüšž",  # Estonian
    "éëèïöüáóú",  # Dutch, Catalan
)


def _most_consistent_latin(data: bytes, detected: str) -> str:
    """Of the Latin encodings that read the bytes strictly, the one that reads them most
    like one language (see _strays): the detected one on a tie, if it is a common one."""
    candidates = [*dict.fromkeys([detected, *LATIN_ENCODINGS])]
    if detected not in LATIN_ENCODINGS:
        candidates.append(candidates.pop(0))  # a DOS or Mac page only if nothing does better
    # Each candidate reads the text again: its opening tells them apart as well as the whole.
    sample = data[:LATIN_SAMPLE_BYTES]
    return min(candidates, key=functools.partial(_strays, sample))


def _strays(data: bytes, encoding: str) -> int:
    """How unlike one language's text the bytes read in an encoding: the letters beyond
    ASCII that no single language writes all of, the symbols read inside words (dolno¶l±skie
    for dolnośląskie) and the control characters (a Windows quote read as ISO-8859)."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return len(data) + 1
    letters = {c.lower() for c in text if c.isalpha() and not c.isascii()}
    foreign = min(len(letters - set(alphabet)) for alphabet in LATIN_ALPHABETS)
    inside = sum(
        1
        for word in _WORD.findall(text)
        for c in word[1:-1]
        if not c.isascii() and not c.isalpha() and c not in _INNER_MARKS
    )
    controls = sum(1 for c in text if "\x80" <= c <= "\x9f")
    return foreign + inside + controls


# Legacy encodings tried, in order, for a line that is not UTF-8 in a file of mixed lines.
_LINE_ENCODINGS = ("cp949", "gb18030", "shift_jis")
# A mixed file is accepted when this share of its lines decodes strictly one way or another.
MIXED_MIN_CLEAN_SHARE = 0.9


def _decode_line_by_line(data: bytes) -> str | None:
    """Decode a file whose lines were saved in different encodings (pasted together), or None.

    Each line is read as UTF-8, else the first legacy encoding that reads it strictly, else
    with replacement characters; too many such lines and the file is not text at all.
    """
    lines, clean = [], 0
    for raw in data.split(b"\n"):
        for encoding in ("utf-8", *_LINE_ENCODINGS):
            try:
                lines.append(raw.decode(encoding))
                clean += 1
                break
            except UnicodeDecodeError:
                continue
        else:
            lines.append(raw.decode("utf-8", errors="replace"))
    if clean < MIXED_MIN_CLEAN_SHARE * len(lines):
        return None
    return "\n".join(lines)


def _guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NULs in every other byte for Latin text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _refuse_binary(relative: str, data: bytes, *, allowed: bytes | None = None) -> None:
    """Refuse an empty file, or one whose leading bytes name a binary format other than
    the reader's own (allowed)."""
    if not data.strip():
        raise SourceError(relative, "the file is empty", hint="remove it or replace it")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic) and magic != allowed:
            raise SourceError(
                relative,
                f"the file is {what}, not a text document",
                hint="remove it, or give it the extension of its real format",
            )


def normalize_text(text: str) -> str:
    """Normalise newlines and Unicode, repair mojibake, and drop control characters."""
    import ftfy

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ftfy changes nothing in a line of plain ASCII without entities or escapes, and it is the
    # slowest step of reading; give it only the runs of lines it may repair.
    lines = text.split("\n")
    fixed: list[str] = []
    for needs_fixing, run in itertools.groupby(
        lines, key=lambda line: bool(_FTFY_WORK.search(line))
    ):
        block = "\n".join(run)
        if needs_fixing:
            block = ftfy.fix_text(
                block,
                uncurl_quotes=False,
                fix_latin_ligatures=True,
                normalization="NFC",
                fix_line_breaks=False,
                fix_character_width=False,  # see _fold_width
            )
        fixed.append(block)
    text = "\n".join(fixed)
    text = _CP949_MOJIBAKE.sub(_repair_cp949_run, text)
    # After the repairs, which may give full-width characters back ("ï¼Œ" was "，").
    text = _fold_width(text)
    text = _restore_dashes(text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def _neighbour(text: str, index: int, step: int) -> str:
    """The first character from index on, going by step, that is no space or quote mark ("" at
    an end): what a punctuation mark stands between."""
    while 0 <= index < len(text) and text[index] in _NEUTRAL:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _in_cjk(*characters: str) -> bool:
    return any(_CJK_CONTEXT.match(c) for c in characters if c)


def _fold_width(text: str) -> str:
    """Read width variants as their usual forms, and full-width punctuation between Latin
    words as ASCII's (see _WIDTH_VARIANTS, _WIDE_PUNCTUATION)."""
    text = _WIDTH_VARIANTS.sub(lambda match: unicodedata.normalize("NFKC", match[0]), text)
    if "（" in text:
        text = _WIDE_PARENTHESES.sub(functools.partial(_fold_parentheses, text), text)
    return _WIDE_PUNCTUATION.sub(functools.partial(_fold_mark, text), text)


def _fold_parentheses(text: str, match: re.Match[str]) -> str:
    """A pair of full-width parentheses: ASCII's when neither they nor what they hold touch
    Chinese or Japanese; else kept. Either is spaced from Latin words outside; kept ones not
    from a number, which Chinese and Japanese write against them ("（以下簡稱「台塑」）24日")."""
    start, end = match.start(), match.end()
    before, after = text[start - 1 : start], text[end : end + 1]
    if _in_cjk(_neighbour(text, start - 1, -1), _neighbour(text, end, 1)) or _CJK_CONTEXT.search(
        match[1]
    ):
        spaced, opening, closing = _LATIN_LETTER, "（", "）"
    else:
        spaced, opening, closing = _LATIN_CHARACTER, "(", ")"
    return (
        (" " if spaced.match(before) else "")
        + opening
        + match[1]
        + closing
        + (" " if spaced.match(after) else "")
    )


def _fold_mark(text: str, match: re.Match[str]) -> str:
    """Any other full-width mark: ASCII's between Latin words, spaced after as ASCII is (a
    parenthesis without its pair stays as it is)."""
    mark, start, end = match[0], match.start(), match.end()
    if _in_cjk(_neighbour(text, start - 1, -1), _neighbour(text, end, 1)):
        return mark
    folded = unicodedata.normalize("NFKC", mark)
    spaced = mark in _SPACED_AFTER and _LATIN_CHARACTER.match(text[end : end + 1])
    return folded + " " if spaced else folded


def _restore_dashes(text: str) -> str:
    """Put back the dashes lost to "?", word by word: a dash never spans a space, and the
    pattern tried on a whole run of unspaced Chinese takes time as the square of its length
    (2.8 s for a line of 20,000 characters)."""
    if "?" not in text:
        return text
    return "".join(
        _LOST_DASH.sub(_restore_dash, part) if "?" in part else part
        for part in _SPACE_RUNS.split(text)
    )


def _restore_dash(match: re.Match[str]) -> str:
    before, after = match.group(1), match.group(2)
    if re.search(r"[/=&.:]", before + after.rstrip(".,;:")):
        return match.group(0)  # a URL or a query string
    return f"{before}—{after}"


def _repair_cp949_run(match: re.Match[str]) -> str:
    """Re-read a run like "¡¯" as the CP949 punctuation or Hangul it was."""
    run = match.group(0)
    try:
        repaired = run.encode("latin-1").decode("cp949")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run
    if all(_is_cjk_or_punctuation(char) for char in repaired):
        return repaired
    return run


def _is_cjk_or_punctuation(char: str) -> bool:
    code = ord(char)
    return (
        0x2000 <= code <= 0x206F
        or 0x3000 <= code <= 0x303F
        or 0xAC00 <= code <= 0xD7A3
        or char in "·±×"
    )


# What office software puts in a file's title field when nobody wrote one: the name of the
# file it was printed from ("Microsoft Word - 0520 보도자료.hwp") or a placeholder.
_PRINTED_FROM = re.compile(r"^microsoft (?:word|excel|powerpoint) - ", re.I)
_FILE_NAME = re.compile(
    r"\.(?:hwpx?|docx?|rtf|odt|pdf|txt|md|html?|pptx?|xlsx?|indd|ai|psd|jpe?g|png)$", re.I
)
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|document\s*\d*|presentation\s*\d*|slide\s*\d*|제목\s*없음|무제)$", re.I
)


def _metadata_title(value: str) -> str | None:
    """A title from a file's metadata, unless it is a file name or a placeholder."""
    title = _PRINTED_FROM.sub("", " ".join(value.split()))
    if not title or _FILE_NAME.search(title) or _PLACEHOLDER_TITLE.match(title):
        return None
    return title


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
