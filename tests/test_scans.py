"""Discovery's memory of the corpus: whatever comes and goes (sources, taxonomy names, cached
scans), candidates from the kept scans are those a scan of every source gives."""

from __future__ import annotations

import pickle
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.build
from generator.build import generate
from generator.discover import Sightings, choose_candidates, known_names, select_candidates
from generator.model import Document
from generator.project import Project
from generator.scans import SCANS_FILE, CorpusScans, gather_scans, read_scans
from generator.taxonomy import Entity, Taxonomy
from tests.helpers import shipped_project

_NAMES = ["Acme Motors", "Boryeong", "Kim Min-su", "Dongfeng", "Hanil Steel", "Orion Lab"]
_WORDS = ["motors", "lab", "steel", "kim", "acme"]
_SALT = "test"


def _found(kind: str, name: str, confident: bool) -> dict[str, object]:
    return {
        "kind": kind, "name": name, "aliases": [], "fields": {}, "cue": "legal suffix",
        "sentence": f"{name} said.", "count": 0, "confident": confident, "place": None, "peers": [],
    }  # fmt: skip


_SCANS = st.builds(
    Sightings,
    st.lists(
        st.builds(
            _found,
            st.sampled_from(["companies", "people"]),
            st.sampled_from(_NAMES),
            st.booleans(),
        ),
        max_size=4,
    ).map(tuple),
    st.frozensets(st.sampled_from(_WORDS)),
)
# One run: its sources (a scan each, by the hash of the source's bytes), the names the
# taxonomy knows, and the hashes whose cached scans were lost.
_RUNS = st.lists(
    st.tuples(
        st.lists(st.sampled_from(range(6)), max_size=5),
        st.frozensets(st.sampled_from(_NAMES)),
        st.frozensets(st.sampled_from(range(6))),
    ),
    min_size=1,
    max_size=5,
)


def _document(number: int, sha256: str) -> Document:
    return Document(
        id=f"doc-{number}", source=f"seeds/{number}.txt", sha256=sha256, kind="article",
        title="t", publisher=None, date=None, language="en", format="text", encoding="utf-8",
    )  # fmt: skip


def _taxonomy(names: frozenset[str]) -> Taxonomy:
    taxonomy = Taxonomy()
    for number, name in enumerate(sorted(names)):
        taxonomy.add(Entity(f"known-{number}", "companies", name))
    return taxonomy


@settings(max_examples=200, deadline=None)
@given(st.lists(_SCANS, min_size=6, max_size=6), _RUNS)
def test_kept_scans_give_the_candidates_of_a_full_scan(
    scans: list[Sightings], runs: list[tuple[list[int], frozenset[str], frozenset[int]]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _run_all(scans, runs, Path(folder) / SCANS_FILE)


def _run_all(
    scans: list[Sightings],
    runs: list[tuple[list[int], frozenset[str], frozenset[int]]],
    path: Path,
) -> None:
    """Each run reads the scans the one before it wrote, and is checked against a full scan."""
    for sources, names, lost in runs:
        documents = [_document(n, f"sha-{source}") for n, source in enumerate(sources)]
        taxonomy = _taxonomy(names)
        scanned: list[str] = []

        def scan(pending, scanned=scanned):
            scanned.extend(d.sha256 for d in pending)
            return {d.id: scans[int(d.sha256[4:])] for d in pending}

        def load_scan(sha256, lost=lost):
            return None if int(sha256[4:]) in lost else scans[int(sha256[4:])]

        previous = read_scans(path, _SALT)
        corpus = gather_scans(documents, known_names(taxonomy), previous, load_scan, scan)
        found = [corpus.unknown[d.sha256] for d in documents]
        full = [scans[source] for source in sources]
        assert choose_candidates(found, corpus.words, taxonomy) == select_candidates(full, taxonomy)
        assert set(corpus.words) == set().union(*(s.lowercase for s in full))
        assert len(scanned) == len(set(scanned))  # a source is scanned once a run at most
        path.write_bytes(corpus.render_record(_SALT))


def test_a_growing_taxonomy_keeps_the_scans_a_smaller_one_restarts_them() -> None:
    scan = Sightings((_found("companies", "Orion Lab", True),), frozenset({"lab"}))
    documents = [_document(0, "sha-0")]
    scanned: list[str] = []

    def scans(pending):
        scanned.extend(d.sha256 for d in pending)
        return {d.id: scan for d in pending}

    corpus = gather_scans(documents, frozenset({"acme"}), None, lambda sha: scan, scans)
    grown = gather_scans(documents, frozenset({"acme", "kim"}), corpus, lambda sha: scan, scans)
    assert scanned == ["sha-0"] and grown.unknown["sha-0"] == scan.found
    gather_scans(documents, frozenset({"kim"}), grown, lambda sha: scan, scans)
    assert scanned == ["sha-0", "sha-0"]


def test_a_damaged_or_foreign_scans_file_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / SCANS_FILE
    assert read_scans(path, _SALT) is None
    path.write_bytes(b"\x80\x05not a pickle")
    assert read_scans(path, _SALT) is None
    path.write_bytes(CorpusScans().render_record("another generator"))
    assert read_scans(path, _SALT) is None
    # Plain data of another shape (a hand-edited file) is made again, not let fail the run.
    for damaged in (
        ("x", {"a": 1}, {"sha": ({"name": "A"},)}),
        ("x", {"a": "1"}, {}),
        ("x", {}, {"sha": [_found("companies", "A", True)]}),
    ):
        path.write_bytes(pickle.dumps((_SALT, ["a"], *damaged[1:]), protocol=5))
        assert read_scans(path, _SALT) is None
    good = CorpusScans(frozenset({"a"}), Counter({"lab": 1}), {"s": (_found("people", "B", 1),)})
    path.write_bytes(good.render_record(_SALT))
    assert read_scans(path, _SALT) == good
    # A pickle naming a class could run code when loaded: it is refused, not loaded.
    path.write_bytes(b"cos\nsystem\n(S'echo unsafe'\ntR.")
    assert read_scans(path, _SALT) is None


def _no_scan(texts):
    raise AssertionError("an unchanged source was scanned for new names again")


def test_an_unchanged_source_is_not_scanned_again_even_without_its_cached_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = shipped_project(tmp_path / "p", seeds=("003_b96b697718aef645.txt",))
    root = project.root
    generate(project)
    for scan in (root / ".briefing/cache/sources").glob("*.sightings.json"):
        scan.unlink()
    shutil.rmtree(root / ".briefing/cache/memo")  # curated again, discovery's memory holds
    monkeypatch.setattr(generator.build, "_scan_texts", _no_scan)
    monkeypatch.setenv("BRIEFING_JOBS", "1")  # the scan would run in this process
    report = generate(Project(root))
    assert len(report.publications) == 1 and not report.errors and report.changed == []
    # Without the file, the cached scans are gone too: the source is scanned again.
    (root / ".briefing/cache" / SCANS_FILE).unlink()
    monkeypatch.undo()
    assert generate(Project(root)).changed == []
