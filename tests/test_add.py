"""`add_sources`: new files join seeds/, exact duplicates are refused, near-duplicates flagged."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.add import add_sources
from tests.helpers import ROOT

ARTICLE = "004_23e27db7ed9fbb43.txt"


def _seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "project" / "seeds"
    seeds.mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / ARTICLE, seeds / ARTICLE)
    return seeds


def test_a_new_file_is_copied_and_an_exact_duplicate_refused(tmp_path: Path) -> None:
    seeds = _seeds(tmp_path)
    new = tmp_path / "news.md"
    new.write_text("# Ulsan hydrogen\n\nUlsan opened a hydrogen plant on Monday.\n", "utf-8")
    copy = tmp_path / "copy.txt"
    shutil.copy(seeds / ARTICLE, copy)
    result = add_sources(seeds, [new, copy])
    assert result.added == ["seeds/news.md"]
    assert (seeds / "news.md").read_bytes() == new.read_bytes()
    assert [str(error) for error in result.refused] == [
        f"{copy.as_posix()}: already in the corpus as seeds/{ARTICLE} — nothing to add"
    ]
    assert not (seeds / "copy.txt").exists()


def test_a_reissue_is_added_but_flagged_as_a_near_duplicate(tmp_path: Path) -> None:
    seeds = _seeds(tmp_path)
    reissue = tmp_path / "reissue.txt"
    text = (seeds / ARTICLE).read_text(encoding="utf-8")
    reissue.write_text(text.replace("\n\n", "\n\nCorrected: ", 1), encoding="utf-8")
    result = add_sources(seeds, [reissue])
    assert result.added == ["seeds/reissue.txt"]
    [(new, old, share)] = result.near_duplicates
    assert (new, old) == ("seeds/reissue.txt", f"seeds/{ARTICLE}") and share > 0.9


def test_a_name_taken_by_another_file_is_numbered_and_bad_paths_refused(tmp_path: Path) -> None:
    seeds = _seeds(tmp_path)
    other = tmp_path / ARTICLE
    other.write_text("A different story about Busan ports and their cranes.\n", "utf-8")
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(b"PK")
    page = tmp_path / "page.webarchive"
    page.write_bytes(b"bplist00")
    result = add_sources(seeds, [other, tmp_path / "missing.txt", sheet, page])
    assert result.added == ["seeds/004_23e27db7ed9fbb43-2.txt"]
    assert [error.message for error in result.refused] == [
        "no such file",
        "unsupported file type '.xlsx'",
        "unsupported file type '.webarchive'",
    ]
    # What to save a known format as, as a build says it.
    assert result.refused[2].hint == "save the page as Page Source (.html) or export it as PDF"
