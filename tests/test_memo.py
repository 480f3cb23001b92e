"""The document memo: an unchanged document takes its last publication, and whatever changes
(its curated YAML, the taxonomy, other documents) the result is byte for byte a full build's."""

from __future__ import annotations

import io
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import generator.build
import generator.curation
import generator.filekeys
from generator.build import Report, generate
from generator.model import PackedMentions
from generator.project import Project
from generator.reuse import PageReuse
from tests.helpers import ROOT, shipped_project

SEEDS = ("003_b96b697718aef645.txt", "004_23e27db7ed9fbb43.txt")
POHANG = "content/documents/pohang-city-and-gyeongbuk-province-join-forces-to-secure.yaml"
NEW = ROOT / "tests" / "fixtures" / "new_documents"
ALIAS = "Secondary Battery Comprehensive Management Center"


def _load(root: Path, relative: str):
    return yaml.safe_load((root / relative).read_text(encoding="utf-8"))


def _save(root: Path, relative: str, data) -> None:
    (root / relative).write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def _edit_entity(root: Path, kind: str, entity_id: str, **fields) -> None:
    entities = _load(root, f"content/{kind}.yaml")
    entity = next(e for e in entities if e["id"] == entity_id)
    for key, value in fields.items():
        entity[key] = value(entity.get(key)) if callable(value) else value
    _save(root, f"content/{kind}.yaml", entities)


def _edit_summary(root: Path) -> None:
    record = _load(root, POHANG)
    record["articles"][0]["summary"] = "A summary a curator wrote."
    _save(root, POHANG, record)


def _merge_company(root: Path) -> None:
    _edit_entity(root, "companies", "posco-future-m", status="merged", merged_into="posco-holdings")


def _merge_a_company_only_the_yaml_names(root: Path) -> None:
    # A curator tagged a company the text never names; it is then merged into another.
    record = _load(root, POHANG)
    record["articles"][0]["companies"].append("apple")
    _save(root, POHANG, record)
    generate(Project(root))
    _edit_entity(root, "companies", "apple", status="merged", merged_into="abb")


def _add_alias_the_text_holds(root: Path) -> None:
    # The Pohang article names its "Secondary Battery Comprehensive Management Center".
    _edit_entity(root, "companies", "abb", aliases=lambda old: [*(old or []), ALIAS])


def _move_a_region(root: Path) -> None:
    # No name changes: what matching reads beyond names (each region's parent) does.
    _edit_entity(root, "regions", "pohang", parent="jeollanam-do")


def _rename_an_article(root: Path) -> None:
    record = _load(root, POHANG)
    record["articles"][0]["id"] = "pohang-battery-zone"
    _save(root, POHANG, record)


def _drop_snapshot(root: Path) -> None:
    (root / POHANG.replace("documents/", ".generated/")).unlink()


def _add_document(root: Path) -> None:
    shutil.copy(NEW / "motie_news_august_2024.txt", root / "seeds")


def _remove_document(root: Path) -> None:
    (root / "seeds" / SEEDS[0]).unlink()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once, to copy for each change."""
    root = tmp_path_factory.mktemp("memo") / "built"
    generate(shipped_project(root, SEEDS))
    return root


def _incremental_and_full(built: Path, tmp_path: Path, change: Callable[[Path], None]):
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    shutil.copytree(built, incremental)
    change(incremental)
    shutil.copytree(incremental, full)
    shutil.rmtree(full / ".briefing" / "cache")  # what `briefing build --full` does
    return (incremental, generate(Project(incremental))), (full, generate(Project(full)))


@pytest.mark.parametrize(
    "change",
    [
        _edit_summary,
        _merge_company,
        _merge_a_company_only_the_yaml_names,
        _add_alias_the_text_holds,
        _move_a_region,
        _rename_an_article,
        _drop_snapshot,
        _add_document,
        _remove_document,
    ],
)
def test_after_any_change_a_build_gives_what_a_full_build_gives(
    built: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    (incremental, report), (full, full_report) = _incremental_and_full(built, tmp_path, change)
    assert _tree(incremental / "content") == _tree(full / "content")
    assert [str(w) for w in report.warnings] == [str(w) for w in full_report.warnings]
    assert sorted(report.changed) == sorted(full_report.changed)
    assert report.changed  # each change shows, so equal trees mean both builds saw it


def _kept_texts(root: Path, tail: Callable[[bytes], bytes]) -> None:
    """Change what each memo entry keeps after itself: the text names are looked for in."""
    for path in (root / ".briefing/cache/memo").glob("*.pickle"):
        data = path.read_bytes()
        stream = io.BytesIO(data)
        pickle.load(stream)
        end = stream.tell()
        assert pickle.loads(data[end:])  # the text is there to change
        path.write_bytes(data[:end] + tail(data[end:]))


def test_a_name_new_to_the_taxonomy_is_found_in_a_document_kept_from_the_last_run(
    built: Path, tmp_path: Path
) -> None:
    # The alias makes the name a company's: the suggested organization of that name leaves
    # the Pohang article's tags, which only a fresh look at its text can tell.
    (incremental, report), _ = _incremental_and_full(built, tmp_path, _add_alias_the_text_holds)
    assert POHANG in report.changed
    assert "secondary-battery-comprehensive" not in (incremental / POHANG).read_text("utf-8")


def _add_organization_the_text_names(root: Path) -> None:
    # No name of it was in the taxonomy (the run before suggested "Battery Alliance"): only
    # looking for new names in the text finds it.
    organizations = _load(root, "content/organizations.yaml")
    organizations.append({"id": "alliance-meeting", "name": "Battery Alliance meeting"})
    _save(root, "content/organizations.yaml", organizations)


@pytest.mark.parametrize(
    "tail",
    [
        lambda text: text,
        lambda text: b"",  # an entry without one: the text is made from the document
        lambda text: text[: len(text) // 2],  # a damaged one: the same
        lambda text: pickle.dumps(["not", "text"]),
    ],
    ids=["kept", "missing", "damaged", "not-text"],
)
def test_a_name_the_taxonomy_never_had_is_found_in_a_document_kept_from_the_last_run(
    built: Path, tmp_path: Path, tail: Callable[[bytes], bytes]
) -> None:
    def change(root: Path) -> None:
        _kept_texts(root, tail)
        _add_organization_the_text_names(root)

    (incremental, _), (full, _) = _incremental_and_full(built, tmp_path, change)
    tagged = [path.name for path in (incremental / "content/documents").glob("*.yaml")
              if "alliance-meeting" in path.read_text("utf-8")]  # fmt: skip
    assert tagged and _tree(incremental / "content") == _tree(full / "content")


_original_proposed_fields = generator.build.proposed_fields


def _proposed_for_pohang_only(article, digest, matcher):
    if "Pohang" not in article.title:
        raise AssertionError(f"{article.title!r} was unchanged, yet curated again")
    return _original_proposed_fields(article, digest, matcher)


def test_only_the_edited_document_is_curated_again(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(built, tmp_path / "p")
    _edit_summary(tmp_path / "p")
    monkeypatch.setattr(generator.build, "proposed_fields", _proposed_for_pohang_only)
    report = generate(Project(tmp_path / "p"))
    assert len(report.publications) == len(SEEDS)
    # Curated again: its page shows the new summary.
    page = (
        tmp_path
        / "p/content/site/documents/pohang-city-and-gyeongbuk-province-join-forces-to-secure.md"
    )
    assert "A summary a curator wrote." in page.read_text(encoding="utf-8")


def test_a_reused_document_reports_its_curation_warnings_again(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    record = _load(root, POHANG)
    record["articles"][0]["companies"].append("no-such-company")
    _save(root, POHANG, record)
    first: Report = generate(Project(root))
    second: Report = generate(Project(root))
    assert any("no-such-company" in str(w) for w in first.warnings)
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings]
    assert second.changed == []


class _Payload:
    def __reduce__(self):
        return (Path.touch, (Path("/tmp/briefing-memo-payload-ran"),))


def test_a_memo_entry_holding_anything_but_the_model_is_not_run(
    built: Path, tmp_path: Path
) -> None:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    marker = Path("/tmp/briefing-memo-payload-ran")
    marker.unlink(missing_ok=True)
    entries = sorted((root / ".briefing/cache/memo").glob("*.pickle"))
    assert entries
    for entry in entries:
        entry.write_bytes(pickle.dumps(_Payload()))
    report = generate(Project(root))
    assert not marker.exists()
    assert report.changed == [] and len(report.publications) == len(SEEDS)


def test_a_kept_publication_is_the_one_made_afresh_with_its_mentions_packed(
    built: Path, tmp_path: Path
) -> None:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    kept = sorted(generate(Project(root)).publications, key=lambda p: p.document.id)
    shutil.rmtree(root / ".briefing" / "cache")
    afresh = sorted(generate(Project(root)).publications, key=lambda p: p.document.id)
    briefings = [b for publication in kept for b in publication.briefings]
    assert briefings and all(isinstance(b.mentions, PackedMentions) for b in briefings)
    assert sum(len(b.mentions) for b in briefings) > 10
    assert kept == afresh
    # Digested as the publication made afresh is, so its pages are reused.
    digests = [PageReuse(root, "s").shared_digest(p) for p in (*kept, *afresh)]
    assert digests[: len(kept)] == digests[len(kept) :]


def test_entries_of_sources_gone_are_deleted(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    memo = root / ".briefing/cache/memo"
    assert len(list(memo.glob("*.pickle"))) == len(SEEDS)
    _remove_document(root)
    generate(Project(root))
    assert len(list(memo.glob("*.pickle"))) == len(SEEDS) - 1


def test_a_moved_region_makes_the_documents_kept_from_the_last_run_curated_again(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "p"
    shutil.copytree(built, root)
    _move_a_region(root)
    curated = []
    curate = generator.build.curate_document

    def counted(project, document, *rest):
        curated.append(document.id)
        return curate(project, document, *rest)

    monkeypatch.setattr(generator.build, "curate_document", counted)
    generate(Project(root))
    assert len(curated) == len(SEEDS)


def test_a_run_after_a_build_reads_no_curated_file_the_build_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        generator.filekeys, "settled", lambda info: True
    )  # as if the files had settled
    project = shipped_project(tmp_path / "p", SEEDS)
    generate(project)
    read_text = generator.curation._read_text

    def refuse(path: Path, label: str) -> str:
        if path.parent.name in ("documents", ".generated"):
            raise AssertionError(f"{label} was read again")
        return read_text(path, label)

    monkeypatch.setattr(generator.curation, "_read_text", refuse)
    report = generate(project)
    assert len(report.publications) == len(SEEDS) and report.changed == []
