"""Read a PDF's text layer into paragraphs: the typeset line breaks joined again, running
headers and footers left out, and lines set in a larger type than the body marked as
Markdown headings, as an office document's headings are, so the splitter can find a
newsletter's stories by their headlines."""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.errors import SourceError
from generator.text import furniture_key, line_joint, word_count

# A page's line: its text alone, or with its type size (PdfLine).
Line = TypeVar("Line")


@dataclass(frozen=True)
class PdfText:
    """A PDF's text, with the title and date its metadata states (the title raw)."""

    text: str
    title: str | None
    date: str | None  # ISO date


@dataclass(frozen=True)
class PdfLine:
    """A line of a page's text layer and the type size most of its characters are set in
    (points; None when the text layer's sizes cannot be tied to its lines)."""

    text: str
    size: float | None
    baseline: float | None = None  # the height its first printed piece sits at (points)


def read_pdf(relative: str, data: bytes) -> PdfText:
    """Read every page's text layer with pypdf; pages are separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise SourceError(relative, "the PDF is encrypted", hint="save an unprotected copy")
        printed = [page_lines(page) for page in pdf.pages]
        info = pdf.metadata
        title = str(info.title) if info and info.title else None
        date = info.creation_date.date().isoformat() if info and info.creation_date else None
    except PdfReadError as error:
        raise SourceError(
            relative, f"unreadable PDF ({error})", hint="re-export the PDF or save its text as .txt"
        ) from error
    pages = without_running_lines(printed, text=lambda line: line.text)
    levels = heading_level_by_size(pages)
    text = "\n\n".join(
        reflow_pdf_lines(
            [line.text for line in lines],
            [levels.get(line.size) if line.size else None for line in lines],
            [line.baseline for line in lines],
        )
        for lines in pages
    )
    return PdfText(text, title, date)


def page_lines(page: Any) -> list[PdfLine]:
    """A page's text lines, each with the size most of its characters are set in.

    pypdf hands each piece of text it extracts to a visitor with the font size and the
    matrices that scale it; the pieces joined are the extracted text. Should they ever
    differ, the lines come without sizes rather than with wrong ones.
    """
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, matrix: Any, text_matrix: Any, font: Any, size: float) -> None:
        height = text_matrix[4] * matrix[1] + text_matrix[5] * matrix[3] + matrix[5]
        pieces.append((text, size * _vertical_scale(text_matrix, matrix), height))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece for piece, *_ in pieces) != text:
        return [PdfLine(line, None) for line in text.split("\n")]
    lines: list[PdfLine] = []
    current: list[str] = []
    sizes: Counter[float] = Counter()
    baseline: float | None = None
    for piece, size, height in pieces:
        for number, part in enumerate(piece.split("\n")):
            if number:  # a line break ends the line
                lines.append(_line(current, sizes, baseline))
                current, sizes, baseline = [], Counter(), None
            current.append(part)
            sizes[round(size * 2) / 2] += sum(not c.isspace() for c in part)
            if baseline is None and part.strip():
                baseline = height
    lines.append(_line(current, sizes, baseline))
    return lines


def _vertical_scale(text_matrix: Sequence[float], matrix: Sequence[float]) -> float:
    """How much the text and current transformation matrices scale a glyph's height."""
    c = text_matrix[2] * matrix[0] + text_matrix[3] * matrix[2]
    d = text_matrix[2] * matrix[1] + text_matrix[3] * matrix[3]
    return math.hypot(c, d)


def _line(parts: list[str], sizes: Counter[float], baseline: float | None) -> PdfLine:
    """A line from its pieces, sized by the size most of its characters have (a drop cap's
    larger size does not make its line a heading); a blank line has none."""
    counted = {size: count for size, count in sizes.items() if count}
    size = max(counted, key=lambda s: (counted[s], s)) if counted else None
    return PdfLine("".join(parts), size, baseline)


# A line in a type this much larger than the body's is a heading (Word's Heading 2 is 13
# points over an 11-point body); a few words more than a headline's is a lead paragraph
# set large, not a heading.
HEADING_SIZE_RATIO = 1.15
HEADING_MAX_WORDS = 20
# Headings take levels by their size, the largest first; Markdown readers expect few.
MAX_HEADING_LEVELS = 3


def heading_level_by_size(pages: Sequence[Sequence[PdfLine]]) -> dict[float, int]:
    """The heading level of each type size larger than the body's, the body's being the
    size most of the document's characters are set in."""
    characters: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            if line.size is not None:
                characters[line.size] += len(line.text.strip())
    if not characters:
        return {}
    body = max(characters, key=lambda size: (characters[size], -size))
    larger = sorted((s for s in characters if s >= HEADING_SIZE_RATIO * body), reverse=True)
    return {size: level for level, size in enumerate(larger[:MAX_HEADING_LEVELS], 1)}


# A line at the same edge of at least this share of the pages with text is page furniture;
# under half, as books set odd and even pages' headers apart.
RUNNING_LINE_MIN_SHARE = 0.4


def without_running_lines(
    pages: Sequence[Sequence[Line]], text: Callable[[Line], str] = str
) -> list[list[Line]]:
    """The pages without their running header and footer (see _running_line_numbers); text
    gives a line's text."""
    dropped = _running_line_numbers([[text(line) for line in lines] for lines in pages])
    return [
        [line for number, line in enumerate(lines) if number not in drop]
        for lines, drop in zip(pages, dropped, strict=True)
    ]


def _running_line_numbers(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """Each page's running header and footer, by line number: the line that opens (or
    closes) two or more pages, and RUNNING_LINE_MIN_SHARE of them, alike but for its digits
    ("Page 2 of 9"); a date it states must be the same. Cleaning the joined text needs three
    repeats to be sure; the page edges make two enough. A page whose only text is such a
    line keeps it, unless it is a bare page number."""
    texts = [[n for n, line in enumerate(lines) if line.strip()] for lines in pages]
    drop: list[set[int]] = [set() for _ in pages]
    for edge in (0, -1):
        keys = {
            n: furniture_key(pages[n][filled[edge]]) for n, filled in enumerate(texts) if filled
        }
        counts = Counter(keys.values())
        needed = max(2, RUNNING_LINE_MIN_SHARE * len(keys))
        for n, key in keys.items():
            if counts[key] >= needed:
                drop[n].add(texts[n][edge])
    for n, filled in enumerate(texts):
        if drop[n] >= set(filled) and any(c.isalpha() for i in drop[n] for c in pages[n][i]):
            drop[n] = set()
    return drop


# A PDF line shorter than this share of the page's full lines ends its paragraph (or is a
# heading): text layers keep the typeset line breaks and often lose the blank lines.
SHORT_LINE_SHARE = 0.75
# Space above a line this much wider than the body's line spacing opens a paragraph: the
# space a typesetter leaves between paragraphs, whose last line may run full (justified).
PARAGRAPH_SPACE_RATIO = 1.3


def reflow_pdf_lines(
    printed: Sequence[str],
    levels: Sequence[int | None] | None = None,
    baselines: Sequence[float | None] | None = None,
) -> str:
    """Join a PDF page's wrapped lines back into paragraphs, separated by blank lines.

    levels gives each line's heading level (None for body text) when the type sizes tell
    it. A heading's lines, wrapped in its large type, join into one Markdown heading, unless
    they run longer than a headline: then they are a lead paragraph. baselines gives the
    height each line is printed at, when known: a wider space above a line opens a paragraph
    (see _spaced_after)."""
    lines = [line.strip() for line in printed]
    if not any(lines):
        return ""
    marks = list(levels) if levels is not None else [None] * len(lines)
    spaced = _spaced_after(lines, marks, baselines) if baselines is not None else set()
    body = [line for line, level in zip(lines, marks, strict=True) if line and level is None]
    lengths = sorted(map(len, body))
    full = lengths[len(lengths) * 3 // 4] if lengths else 0  # the length of an unbroken line
    paragraphs: list[str] = []
    current: list[str] = []
    heading: list[str] = []
    heading_level: int | None = None

    def end_heading() -> None:
        nonlocal heading, heading_level
        if heading:
            text = _join_wrapped(heading)
            if word_count(text) <= HEADING_MAX_WORDS and any(c.isalpha() for c in text):
                paragraphs.append(f"{'#' * (heading_level or 1)} {text}")
            else:
                paragraphs.append(text)
        heading, heading_level = [], None

    for number, (line, level, following) in enumerate(
        zip([*lines, ""], [*marks, None], [*lines[1:], "", ""], strict=True)
    ):
        if line and level is not None:
            if current:
                paragraphs.append(_join_wrapped(current))
                current = []
            if level != heading_level:
                end_heading()
            heading.append(line)
            heading_level = level
            continue
        end_heading()
        if line:
            current.append(line)
        # A short line ends its paragraph unless the next goes on in lower case: a headline
        # set in a larger type wraps early too ("... as JASM" / "expands").
        short = len(line) < SHORT_LINE_SHARE * full and not following[:1].islower()
        if current and (not line or short or number in spaced):
            paragraphs.append(_join_wrapped(current))
            current = []
    return "\n\n".join(paragraphs)


def _spaced_after(
    lines: Sequence[str], levels: Sequence[int | None], baselines: Sequence[float | None]
) -> set[int]:
    """The body lines followed, in the same column, by a space wider than the body's line
    spacing (the most common step down between body lines) by PARAGRAPH_SPACE_RATIO. A step
    up (the next column or page) says nothing."""
    steps: dict[int, float] = {}
    for number in range(len(lines) - 1):
        above, below = baselines[number], baselines[number + 1]
        if (
            above is not None
            and below is not None
            and lines[number]
            and lines[number + 1]
            and levels[number] is None
            and levels[number + 1] is None
            and above > below
        ):
            steps[number] = above - below
    if not steps:
        return set()
    spacing = Counter(round(step, 1) for step in steps.values()).most_common(1)[0][0]
    return {number for number, step in steps.items() if step > PARAGRAPH_SPACE_RATIO * spacing}


def _join_wrapped(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        # "Gyeongsangnam-" + "do": a line broken after a hyphen continues the word.
        joined += line if joined.endswith("-") else line_joint(joined, line) + line
    return joined
