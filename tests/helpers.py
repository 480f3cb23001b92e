"""Small builders so a stage test needs no files on disk."""

from __future__ import annotations

from pathlib import Path

from generator.clean import clean_source
from generator.model import CleanText, SourceText
from generator.readers import normalize_text

ROOT = Path(__file__).resolve().parent.parent


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
