"""Curation through real regeneration: every kind of human edit survives a re-ingest, a broken
file is reported at its line and left untouched, and merged or rejected entities behave."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import generator.curation
from generator.build import TAXONOMY_COPIES_DIR, generate, ingest
from generator.curation import ParsedYaml
from generator.project import Project
from tests.helpers import ROOT, shipped_project

BULLETIN = "001_cf58bbf3b5f6d030.txt"
ARTICLE = "004_23e27db7ed9fbb43.txt"
OTHER = "003_b96b697718aef645.txt"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    """A project with two small seeds and the shipped taxonomy, ingested once."""
    project = shipped_project(tmp_path, [BULLETIN, ARTICLE], site=False)
    assert ingest(project).errors == []
    return project


def _yaml_path(project: Project, source: str) -> Path:
    for path in sorted(project.documents.glob("*.yaml")):
        if yaml.safe_load(path.read_text(encoding="utf-8"))["source"] == f"seeds/{source}":
            return path
    raise AssertionError(f"no YAML for {source}")


def _briefings(report) -> dict:
    return {b.article.id: b for p in report.publications for b in p.briefings}


def test_every_kind_of_edit_survives_regeneration(project: Project) -> None:
    path = _yaml_path(project, BULLETIN)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second, third = data["articles"][:3]
    assert first["regions"], "the first item should name a region"
    dropped_region = first["regions"][0]
    first["summary"] = "A curator's own summary."
    first["regions"] = first["regions"][1:]
    first["themes"] = [*first["themes"], "quantum"] if "quantum" not in first["themes"] else []
    added_theme = "quantum" if first["themes"] else None
    second["reviewed"] = True
    second["key_points"] = ["Checked by hand."]
    reviewed_before = dict(second)
    data["articles"].remove(third)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    report = ingest(project)
    assert report.errors == []
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in again["articles"]}
    assert by_id[first["id"]]["summary"] == "A curator's own summary."
    assert dropped_region not in by_id[first["id"]]["regions"]
    if added_theme:
        assert added_theme in by_id[first["id"]]["themes"]
    assert by_id[second["id"]] == reviewed_before
    assert third["id"] not in by_id  # a deleted article stays deleted
    shown = _briefings(report)
    assert shown[first["id"]].summary == "A curator's own summary."
    assert dropped_region not in shown[first["id"]].tags["regions"]
    assert third["id"] not in shown

    # A third run changes nothing at all.
    before = path.read_bytes()
    assert ingest(project).changed == [] and path.read_bytes() == before


def test_a_retitled_article_keeps_its_id_and_its_title(project: Project) -> None:
    """Ids are found again by title: the title the generator proposed, not the curator's."""
    path = _yaml_path(project, BULLETIN)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    first, second = data["articles"][:2]
    first["title"] = "A curator's own title"
    second["title"] = second["title"].upper() + " (edited)"
    data["title"] = "A retitled bulletin"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    for _ in range(2):  # and stays so on the run after
        report = ingest(project)
        assert report.errors == []
        again = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [a["id"] for a in again["articles"]] == [a["id"] for a in data["articles"]]
        assert again["articles"][0]["title"] == "A curator's own title"
        assert again["articles"][1]["title"] == second["title"]
        assert again["title"] == "A retitled bulletin"
        assert _briefings(report)[first["id"]].title == "A curator's own title"


def _propose_otherwise(project: Project, path: Path, **fields: object) -> dict:
    """Make the snapshot say the generator last proposed other values for the first article,
    as a generator that read its title otherwise would have; return the curated record."""
    snapshot = project.snapshots / path.name
    proposed = yaml.safe_load(snapshot.read_text(encoding="utf-8"))
    proposed["articles"][0].update(fields)
    snapshot.write_text(yaml.safe_dump(proposed, sort_keys=False, allow_unicode=True), "utf-8")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][0]["summary"] = "A curator's own summary."
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return data


def test_an_article_whose_title_is_read_otherwise_keeps_its_id_and_its_edits(
    project: Project,
) -> None:
    """An upgrade that reads a better title must not move the briefing or drop its edits:
    the article's text still holds what was proposed for it, so its id is taken back."""
    path = _yaml_path(project, BULLETIN)
    data = _propose_otherwise(project, path, title="Home > News > Item")
    first = data["articles"][0]
    for _ in range(2):  # and stays so on the run after
        report = ingest(project)
        assert report.errors == [] and report.warnings == []
        again = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [a["id"] for a in again["articles"]] == [a["id"] for a in data["articles"]]
        assert again["articles"][0]["title"] == first["title"]  # the title read now
        assert _briefings(report)[first["id"]].summary == "A curator's own summary."


def test_an_edited_article_no_longer_read_is_kept_with_a_warning_at_its_line(
    project: Project,
) -> None:
    """When no article read now holds what was proposed for an edited one, its edits stay in
    the file, shown nowhere, and the curator is told where and what to do."""
    path = _yaml_path(project, BULLETIN)
    data = _propose_otherwise(
        project, path, title="Another story", summary="Ferry timetables changed.", key_points=[]
    )
    first = data["articles"][0]
    report = ingest(project)
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    ids = [a["id"] for a in again["articles"]]
    assert ids[-1] == first["id"] and ids.count(first["id"]) == 1
    assert again["articles"][-1]["summary"] == "A curator's own summary."
    assert first["id"] not in _briefings(report)
    assert [a.title for a in report.documents[0].articles if a.id == ids[0]] == [first["title"]]
    lines = path.read_text(encoding="utf-8").splitlines()
    (warning,) = [w for w in report.warnings if first["id"] in str(w)]
    assert warning.line is not None and lines[warning.line - 1] == f"  - id: {first['id']}"
    assert "move your edits" in str(warning)


def test_a_broken_yaml_edit_is_reported_at_its_line_and_left_untouched(project: Project) -> None:
    path = _yaml_path(project, BULLETIN)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_line = next(i for i, line in enumerate(lines) if line.startswith("    summary:"))
    lines[broken_line] = "    summary: [unclosed\n"
    path.write_text("".join(lines), encoding="utf-8")
    before = path.read_bytes()

    report = ingest(project)
    assert len(report.errors) == 1
    message = str(report.errors[0])
    assert path.name in message and "YAML syntax error" in message
    assert f"started at line {broken_line + 1}" in message
    assert path.read_bytes() == before
    # The other document still ingests and is shown.
    assert [p.document.source for p in report.publications] == [f"seeds/{ARTICLE}"]


def _conflicted(path: Path) -> str:
    """Leave a merge conflict in a file, as git does; return its text before."""
    text = path.read_text(encoding="utf-8")
    path.write_text(f"<<<<<<< Updated upstream\n{text}=======\n>>>>>>> Stashed\n", "utf-8")
    return text


@pytest.mark.parametrize("copy_kept", [True, False], ids=["last-copy-kept", "cache-deleted"])
def test_a_broken_taxonomy_file_empties_no_documents_tags(
    project: Project, copy_kept: bool
) -> None:
    # A merge conflict left in regions.yaml: matching cannot read its places. With the copy
    # the last run kept, it reads them from there; without (a cache deleted), the documents
    # keep the tags last proposed.
    if not copy_kept:
        shutil.rmtree(project.cache / TAXONOMY_COPIES_DIR)
    regions = project.content / "regions.yaml"
    text = _conflicted(regions)
    # The curated records, their snapshots and the other taxonomy files, which a discovery
    # that cannot tell a place from a company would add suggestions to.
    documents = [
        *sorted(project.documents.glob("*.yaml")),
        *sorted(project.snapshots.glob("*")),
        *(project.content / f"{kind}.yaml" for kind in ("companies", "organizations", "people")),
    ]
    before = {path: path.read_bytes() for path in documents}
    report = ingest(project)
    assert [str(w.path) for w in report.warnings if "syntax" in str(w)] == ["content/regions.yaml"]
    assert {path: path.read_bytes() for path in documents} == before
    # Only that one warning: the curated region ids are not each reported unknown.
    assert not any("regions id" in str(warning) for warning in report.warnings)
    assert report.taxonomy.stand_ins == ({"regions"} if copy_kept else set())
    assert report.taxonomy.unreadable == (set() if copy_kept else {"regions"})
    # Mended, the file tags as before: nothing to change.
    regions.write_text(text, encoding="utf-8")
    ingest(project)
    assert {path: path.read_bytes() for path in documents} == before


def test_a_broken_taxonomy_file_keeps_its_pages_until_it_is_mended(tmp_path: Path) -> None:
    project = shipped_project(tmp_path, [BULLETIN, ARTICLE])
    assert generate(project).errors == []
    pages = {p: p.read_bytes() for p in sorted(project.docs.rglob("*.md"))}
    assert any(p.parent.name == "regions" for p in pages)
    regions = project.content / "regions.yaml"
    text = _conflicted(regions)
    report = generate(project)
    (warning,) = [w for w in report.warnings if w.path == "content/regions.yaml"]
    assert warning.line and "until then the regions are read as the last run" in str(warning)
    # Every page as it was: the regions' own, and the links to them from the briefings.
    assert report.removed == []
    assert {p: p.read_bytes() for p in sorted(project.docs.rglob("*.md"))} == pages
    # The broken file is left as the person left it, and the copy as it was read.
    assert regions.read_text(encoding="utf-8").startswith("<<<<<<<")
    assert (project.cache / TAXONOMY_COPIES_DIR / "regions.yaml").read_text("utf-8") == text


def test_a_new_document_is_tagged_from_a_broken_files_last_copy(project: Project) -> None:
    _conflicted(project.content / "regions.yaml")
    shutil.copy(ROOT / "seeds" / OTHER, project.seeds / OTHER)
    report = ingest(project)
    (publication,) = [p for p in report.publications if p.document.source == f"seeds/{OTHER}"]
    assert any(b.tags.get("regions") for b in publication.briefings)
    # What the broken file knows now cannot be told: nothing is suggested meanwhile.
    assert report.suggested == []


def test_python_tags_never_run_and_are_reported(project: Project) -> None:
    path = _yaml_path(project, ARTICLE)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("summary:", "summary: !!python/object/apply:os.system ['touch pwned'] #", 1),
        encoding="utf-8",
    )
    report = ingest(project)
    assert any(path.name in str(error) for error in report.errors)
    assert not (project.root / "pwned").exists() and not Path("pwned").exists()


def test_an_unknown_entity_id_is_a_warning_at_its_line_and_not_shown(project: Project) -> None:
    path = _yaml_path(project, ARTICLE)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][0]["regions"] = ["no-such-place", *data["articles"][0]["regions"]]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    report = ingest(project)
    warnings = [str(w) for w in report.warnings if "no-such-place" in str(w)]
    assert len(warnings) == 1 and path.name in warnings[0]
    assert "no-such-place" not in _briefings(report)[data["articles"][0]["id"]].tags["regions"]


def test_merged_company_tags_point_to_the_survivor_and_rejected_names_stay_out(
    project: Project,
) -> None:
    companies = project.content / "companies.yaml"
    entries = yaml.safe_load(companies.read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in entries}
    # Fold POSCO Future M into POSCO; reject a suggestion so discovery never offers it again.
    by_id["posco-future-m"]["status"] = "merged"
    by_id["posco-future-m"]["merged_into"] = "posco-holdings"
    suggested = next(entry for entry in entries if entry.get("status") == "suggested")
    suggested["status"] = "rejected"
    companies.write_text(
        yaml.safe_dump(entries, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )

    report = ingest(project)
    assert report.taxonomy.get("companies", "posco-future-m").id == "posco-holdings"
    assert all(entity.name != suggested["name"] for entity in report.suggested)
    text = companies.read_text(encoding="utf-8")
    assert text.count(f"name: {suggested['name']}\n") == 1
    for briefing in _briefings(report).values():
        assert suggested["id"] not in briefing.tags["companies"]


def test_a_removed_source_archives_its_curation_and_putting_it_back_restores_it(
    project: Project,
) -> None:
    path = _yaml_path(project, BULLETIN)
    edited = path.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true", 1)
    path.write_text(edited, encoding="utf-8")
    seed = project.seeds / BULLETIN
    kept = seed.read_bytes()
    seed.unlink()

    report = ingest(project)
    archived = project.content / "archive" / path.name
    assert not path.exists() and archived.read_text(encoding="utf-8") == edited
    assert report.archived == [f"content/archive/{path.name}"]
    assert any("the source is gone" in str(w) and BULLETIN in str(w) for w in report.warnings)
    assert [p.document.source for p in report.publications] == [f"seeds/{ARTICLE}"]

    seed.write_bytes(kept)
    ingest(project)
    assert path.read_text(encoding="utf-8") == edited and not archived.exists()


def test_a_page_saved_complete_is_one_document_and_its_files_none(project: Project) -> None:
    """A page saved with its files is read alone; a frame in its folder that an earlier run
    read as a document has its curated YAML archived, saying why."""
    files = project.seeds / "Battery plant_files"
    files.mkdir()
    frame = "<html><body><p>Cheap flights to Jeju from 9,900 won, book this week only.</p>"
    (files / "ad.html").write_text(frame, encoding="utf-8")
    report = ingest(project)
    assert len(report.documents) == 3  # the frame alone is no saved page's yet
    (project.seeds / "Battery plant.html").write_text(
        "<html><head><title>EcoPro picks Cheongju</title>"
        '<link rel="stylesheet" href="Battery%20plant_files/style.css"></head><body><article>'
        "<h1>EcoPro picks Cheongju</h1><p>EcoPro will build a cathode plant in Cheongju,"
        " North Chungcheong Province, investing 1.2 trillion won by 2028.</p>"
        '<iframe src="Battery%20plant_files/ad.html"></iframe></article></body></html>',
        encoding="utf-8",
    )
    (files / "style.css").write_text("p { margin: 0 }", encoding="utf-8")

    report = ingest(project)
    assert report.errors == []
    sources = sorted(p.document.source for p in report.publications)
    assert sources == [f"seeds/{BULLETIN}", f"seeds/{ARTICLE}", "seeds/Battery plant.html"]
    assert [str(w) for w in report.warnings if "ad.html" in str(w)] == [
        "seeds/Battery plant_files/ad.html: the source is no longer read as a document;"
        f" its curated YAML was moved to {report.archived[0]} — if it is a document of its own,"
        " move it out of the folder saved with a web page"
    ]
    assert ingest(project).archived == []  # and stays archived


def test_the_run_after_a_first_build_parses_nothing_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build writes is kept with its parse: the records and snapshots, with their ids
    in one file, and the taxonomy files it appended suggestions to. So the next run (the usual
    one: a document added after a first build) neither parses nor reads any of it again."""

    def refuse(self: ParsedYaml, text: str, label: str) -> object:
        if "documents/" in label or ".generated/" in label:
            raise AssertionError(f"{label} was read again")
        return read(self, text, label)

    def refuse_parsing(text: str, label: str) -> object:
        raise AssertionError(f"{label} was parsed again")

    read = ParsedYaml.read
    monkeypatch.setattr(ParsedYaml, "read", refuse)
    monkeypatch.setattr(generator.curation, "read_yaml_with_lines", refuse_parsing)
    report = ingest(project)
    assert report.errors == [] and len(report.publications) == 2
