"""The source cache: unchanged sources are not re-read, re-extracted or re-scanned, and a
changed generator, a changed file or a damaged entry means the work is done again."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

import generator.build
import generator.cache
import generator.ingest
from generator.build import ingest
from generator.cache import SourceCache, load_document_cache
from generator.model import Mention
from generator.project import Project
from generator.writer import Writer
from tests.helpers import ROOT, shipped_project

SEED = "004_23e27db7ed9fbb43.txt"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / SEED, tmp_path / "seeds" / SEED)
    (tmp_path / "content").mkdir()
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", tmp_path / "content" / f"{kind}.yaml")
    return Project(tmp_path)


def _forbid_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged source was processed again")

    monkeypatch.setattr(generator.ingest, "read_and_split", refuse)
    monkeypatch.setattr(generator.build, "digest_article", refuse)
    monkeypatch.setattr(generator.build, "find_sightings", refuse)
    monkeypatch.setattr(generator.build, "find_mentions", refuse)


def _yaml_bytes(project: Project) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(project.content.rglob("*.yaml"))}


def test_an_unchanged_source_is_not_processed_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest(project)
    before = _yaml_bytes(project)
    _forbid_work(monkeypatch)
    second = ingest(project)
    assert second.errors == [] and second.changed == []
    assert _yaml_bytes(project) == before
    assert [p.briefings[0].summary for p in second.publications] == [
        p.briefings[0].summary for p in first.publications
    ]


def test_a_renamed_source_keeps_its_cache_and_its_ids(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ingest(project)
    (project.seeds / SEED).rename(project.seeds / "renamed.txt")
    _forbid_work(monkeypatch)
    second = ingest(project)
    assert second.documents[0].source == "seeds/renamed.txt"
    assert second.documents[0].id == first.documents[0].id


def test_new_generator_code_or_a_damaged_entry_means_fresh_work(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(project)
    calls: list[str] = []
    real = generator.ingest.read_and_split

    def counting(path: Path, root: Path):
        calls.append(path.name)
        return real(path, root)

    monkeypatch.setattr(generator.ingest, "read_and_split", counting)
    monkeypatch.setattr(generator.cache, "generator_fingerprint", lambda: "another-version")
    ingest(project)
    assert calls == [SEED]
    monkeypatch.undo()
    monkeypatch.setattr(generator.ingest, "read_and_split", counting)
    for entry in (project.cache / "sources").glob("*.reading.json"):
        entry.write_text("{not json", encoding="utf-8")
    ingest(project)
    assert calls == [SEED, SEED]


def test_an_edited_source_is_read_again(project: Project) -> None:
    first = ingest(project)
    path = project.seeds / SEED
    path.write_text(
        path.read_text(encoding="utf-8") + "\nOne more closing paragraph about Ulsan "
        "and its hydrogen plans for the coming decade, added by an editor.\n",
        encoding="utf-8",
    )
    second = ingest(project)
    assert second.documents[0].sha256 != first.documents[0].sha256
    assert "editor" in second.documents[0].articles[0].paragraphs[-1].text


def _add_company(project: Project, company_id: str, name: str) -> None:
    path = project.content / "companies.yaml"
    entry = f"- id: {company_id}\n  name: {name}\n  aliases: []\n  country: KR\n"
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


def test_mentions_are_found_again_only_when_the_taxonomy_changes_a_name_the_text_holds(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(project)
    real = generator.build.find_mentions
    calls: list[int] = []

    def counting(matcher: object, paragraphs: list, setting: tuple = ()) -> tuple:
        calls.append(len(paragraphs))
        return real(matcher, paragraphs, setting)

    monkeypatch.setattr(generator.build, "find_mentions", counting)
    _add_company(project, "zyxvor", "Zyxvor Holdings")  # named nowhere in the source
    ingest(project)
    assert calls == []
    _add_company(project, "free-zone", "Battery Regulatory Free Zone")  # named in it
    third = ingest(project)
    assert calls
    mentioned = {m.entity for p in third.publications for b in p.briefings for m in b.mentions}
    assert "free-zone" in mentioned and "zyxvor" not in mentioned


def test_mentions_and_sightings_read_back_as_they_were_kept(tmp_path: Path) -> None:
    cache = SourceCache(tmp_path, Writer(tmp_path))
    said = "Busan and Ulsan signed it."
    mentions = [
        (
            Mention("busan", "regions", "Busan", "p-1", said),
            Mention("ulsan", "regions", "Ulsan", "p-1", said),
        ),
        (),
        (Mention("ecopro", "companies", "EcoPro", "p-2", "EcoPro grew."),),
    ]
    cache.save_mentions("a" * 64, "sig", mentions)
    assert cache.load_mentions("a" * 64, "sig") == mentions
    assert cache.load_mentions("a" * 64, "other") is None
    found = [
        {"kind": "people", "name": "Kim Ha-na", "fields": {"role": "governor"}, "sentence": said},
        {"kind": "regions", "name": "Ulsan", "fields": {}, "sentence": said},
    ]
    cache.save_sightings("b" * 64, {"found": found, "lowercase": ["signed"]})
    assert cache.load_sightings("b" * 64) == {"found": found, "lowercase": ["signed"]}
    # An entry whose table of sentences lost a line reads as missing, not as wrong data.
    entry = tmp_path / f"{'b' * 64}.sightings.json"
    entry.write_text(entry.read_text("utf-8").replace(f'"{said}"', ""), encoding="utf-8")
    assert cache.load_sightings("b" * 64) is None


def test_a_documents_cleaned_text_file_reads_back_as_the_document(project: Project) -> None:
    report = ingest(project)
    for document in report.documents:
        path = project.cache / f"{document.id}.json"
        assert load_document_cache(path) == document
        assert json.loads(path.read_text("utf-8")) == json.loads(json.dumps(asdict(document)))


def test_the_gazetteer_copy_is_made_once_and_replaces_older_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = tmp_path / "gazetteer-0123456789abcdef.json"  # as an earlier generator kept it
    older.write_text("{}\n", encoding="utf-8")
    other = tmp_path / "gazetteer-fedcba9876543210.pickle"
    other.write_bytes(b"")
    kept = tmp_path / "gazetteer-notes.txt"  # not a copy: left alone
    kept.write_text("mine", encoding="utf-8")
    index = generator.cache.load_gazetteer_index(tmp_path, Writer(tmp_path))
    assert index and not older.exists() and not other.exists() and kept.exists()
    assert len(list(tmp_path.glob("gazetteer-*"))) == 2  # the copy, and the notes

    def refuse() -> None:
        raise AssertionError("the gazetteer was built again")

    monkeypatch.setattr(generator.cache, "gazetteer_index", refuse)
    assert generator.cache.load_gazetteer_index(tmp_path, Writer(tmp_path)) == index


def test_a_stored_gazetteer_makes_places_as_they_are_looked_up() -> None:
    place = {"name": "Ulsan", "kind": "city", "country": "KR", "admin1": "Ulsan",
             "coordinates": [35.5, 129.3], "population": 1}  # fmt: skip
    stored = generator.cache.StoredGazetteer(
        {"ulsan": json.dumps([place]), "odd": json.dumps([{"name": 1}]), "x": 5}
    )
    (ulsan,) = stored["ulsan"]
    assert (ulsan.name, ulsan.coordinates) == ("Ulsan", (35.5, 129.3))
    assert stored.get("ulsan") is stored["ulsan"]  # made once
    assert stored.get("nowhere", ()) == ()
    assert stored["odd"] == () and stored["x"] == ()  # entries this code did not write
    assert sorted(stored) == ["odd", "ulsan", "x"] and len(stored) == 3


# Bytes flipped in a pickle, each making the unpickler raise something else than
# UnpicklingError: an overflow, a missing attribute, a huge allocation, a bad index.
FLIPPED_PICKLES = [
    b"\x80\x05\x956\x00\x00\x00\x00\x00\x00\xed(\x8c\x04salt\x94]\x94\xbe\x8c\x01a\x94\x8c"
    b"\x01b\x94e}\x94\x8c\x01x\x94K\x01s]\x94(K\x01K\x02\x8c\x01z\x94\x87\x94h\x08h\x08h\x08"
    b"h\x08et\x94.",
    b"\x80\x05\x956\x00\x00\x00\x00\x00\x00\x00(\x8c\x04sa\x14t\x94]\x94(\x8c\x01a\x94\x8c"
    b"\x01b\x94e}\x94\x8c\x01x\x94K\x01s2\x94(K\x01K\x02\x8c\x01z\x94\x87\x94h\x08h\x08h\x08"
    b"h\x08et\x94.",
    b"\x80\x05\x956\x00\x00\x00\x00\x00\x00\x00(\x8c\x04salt\x94]r\xfa\x8c\x01a\x94\x8c\x01b"
    b"\x94e}\x94\x8c\x01x\x94K\x01s]\x94(K\x01K\x02\x8c\x01z\x94\x87\x94h\x08h\x08h\x08h\x08"
    b"et\x94.",
    b"\x80\x05\x956\x00\x00\x00\x00\x00\x00\x00(\x8c\x04salt\x94]\x94(\x8c\x01a\x94\x8c\x01b"
    b"\x94eJ\x94\x8c\x01x\x94K\x01s]\x94(K\x01K\x02\x8c\x01z\x94\x87\x94h\x08h\x08h\x08h\x08"
    b"et\x94\xa5",
]


def test_a_cache_file_with_flipped_bytes_is_made_again_not_let_fail_the_run(
    tmp_path: Path,
) -> None:
    project = shipped_project(tmp_path, [SEED])
    first = generator.build.generate(project)
    pages = {p: p.read_bytes() for p in project.docs.rglob("*.md")}
    copies = sorted(project.cache.rglob("*.pickle"))
    assert {"memo", "scans.pickle", "sources"} <= {
        p.relative_to(project.cache).parts[0] for p in copies
    }
    for damaged in FLIPPED_PICKLES:
        for copy in copies:
            copy.write_bytes(damaged)
        again = generator.build.generate(project)
        assert not again.errors
        assert [d.id for d in again.documents] == [d.id for d in first.documents]
        assert {p: p.read_bytes() for p in project.docs.rglob("*.md")} == pages
