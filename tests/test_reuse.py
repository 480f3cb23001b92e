"""Page reuse: a page is rendered again exactly when what it is made from changed, and the
files on disk always equal a render of every page from scratch."""

from __future__ import annotations

import json
import pickle
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.render
from generator.build import generate, read_site_info
from generator.curation import dump_yaml
from generator.index import EntityEntry, SiteIndex, build_index
from generator.model import (
    Article,
    Briefing,
    Document,
    Mention,
    PackedMentions,
    Paragraph,
    Publication,
    mentioned,
)
from generator.project import Project
from generator.render import ENTITY_LATEST, create_environment, render_site, years_of
from generator.reuse import PAGES_FILE, PageReuse
from generator.taxonomy import Entity, taxonomy_path
from tests.helpers import ROOT, shipped_project

SEED = "004_23e27db7ed9fbb43.txt"
SEED_PATH = f"seeds/{SEED}"
OTHER_SEED = "003_b96b697718aef645.txt"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    return shipped_project(tmp_path, [SEED])


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    original = generator.render._render

    def counting(environment: object, template: str, **values: object) -> str:
        rendered.append(template)
        return original(environment, template, **values)

    monkeypatch.setattr(generator.render, "_render", counting)
    return rendered


def _record_rendered_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    rendered: list[str] = []
    original = PageReuse.unchanged

    def recording(self: PageReuse, page: str, inputs: object) -> bool:
        unchanged = original(self, page, inputs)
        if not unchanged:
            rendered.append(page)
        return unchanged

    monkeypatch.setattr(PageReuse, "unchanged", recording)
    return rendered


def _assert_disk_equals_a_full_render(project: Project) -> None:
    report = generate(project)  # nothing changed since: every page is reused
    pages = render_site(
        report.publications,
        report.taxonomy,
        create_environment(project.templates),
        read_site_info(project),
    )
    for relative, text in pages.items():
        assert (project.docs / relative).read_text(encoding="utf-8") == text, relative


def _hash(*inputs: object) -> str:
    return PageReuse(Path("."), "salt").input_hash(inputs)


def test_equal_inputs_hash_equal_and_any_difference_shows() -> None:
    paragraph = Paragraph("p-1", "Busan opens a plant.")
    assert _hash(paragraph, {"a": [1, "x"]}) == _hash(
        Paragraph("p-1", "Busan opens a plant."), {"a": [1, "x"]}
    )
    assert _hash(paragraph) != _hash(Paragraph("p-1", "Busan opens a plant!"))
    assert _hash(paragraph) != _hash(Paragraph("p-1", "Busan opens a plant.", kind="heading"))
    assert _hash({"a": 1, "b": 2}) != _hash({"b": 2, "a": 1})  # templates iterate in order
    assert _hash(["ab", "c"]) != _hash(["a", "bc"])
    assert _hash(1) != _hash("1") != _hash(True)
    assert PageReuse(Path("."), "one").input_hash(1) != PageReuse(Path("."), "two").input_hash(1)


def test_a_shared_object_is_hashed_by_its_content_once_per_run() -> None:
    reuse = PageReuse(Path("."), "salt")
    entity = Entity("busan", "regions", "Busan", fields={"kind": "city"})
    first = reuse.input_hash([entity, entity])
    assert first == PageReuse(Path("."), "salt").input_hash([entity, entity])
    assert first != PageReuse(Path("."), "salt").input_hash(
        [Entity("busan", "regions", "Busan", fields={"kind": "metropolitan city"})] * 2
    )
    assert reuse.shared_digest(entity) is reuse.shared_digest(entity)


def _publication(sentence: str, paragraph: str = "Busan opens a plant.") -> Publication:
    article = Article(
        "a-1",
        "Busan",
        None,
        None,
        None,
        (),
        None,
        (Paragraph("p-1", paragraph), Paragraph("p-2", "x")),
    )
    mention = Mention("busan", "regions", "Busan", "p-1", sentence)
    briefing = Briefing(
        article, "Busan", None, "", (), (), {"regions": ("busan",)}, (mention,), False
    )
    document = Document(
        "d", "seeds/d.txt", "0", "news", "D", None, None, "en", "text", "utf-8", (article,)
    )
    return Publication(document, "D", None, None, "", (briefing,))


def test_packed_mentions_stand_for_the_tuple_of_their_mentions() -> None:
    """A kept publication's mentions are packed rows: equal to, hashed and digested as, the
    tuple of Mention objects they stand for."""
    mentions = (
        Mention("busan", "regions", "Busan", "p-1", "Busan opens a plant."),
        Mention("abb", "companies", "ABB", "p-2", "ABB builds it."),
    )
    packed = PackedMentions.of(mentions)
    assert packed == mentions and mentions == packed and packed == PackedMentions.of(mentions)
    assert packed != mentions[:1] and mentions[:1] != packed
    assert hash(packed) == hash(mentions) and len(packed) == 2 and packed[1] == mentions[1]
    assert list(packed) == list(mentions) and tuple(packed) == mentions
    assert (
        list(mentioned(packed))
        == list(mentioned(mentions))
        == [
            ("regions", "busan"),
            ("companies", "abb"),
        ]
    )
    assert pickle.loads(pickle.dumps(packed)) == mentions
    assert _hash(packed) == _hash(PackedMentions.of(mentions)) != _hash(packed.of(mentions[:1]))
    tupled = _publication("Busan opens a plant.")
    packed_publication = replace(
        tupled,
        briefings=tuple(
            replace(b, mentions=PackedMentions.of(b.mentions)) for b in tupled.briefings
        ),
    )
    assert packed_publication == tupled
    for other in (tupled, _publication("Busan opens a plant!")):
        same = other is tupled
        first, second = PageReuse(Path("."), "s"), PageReuse(Path("."), "s")
        assert (first.shared_digest(packed_publication) == second.shared_digest(other)) is same


def test_a_difference_deep_inside_a_shared_object_changes_its_digest() -> None:
    """Shared objects hash tuples of dataclasses as plain tuples: nothing inside is lost."""
    first = _publication("Busan opens a plant.")
    assert PageReuse(Path("."), "s").shared_digest(first) == PageReuse(
        Path("."), "s"
    ).shared_digest(_publication("Busan opens a plant."))
    for other in (_publication("Busan opens a plant!"), _publication("x", paragraph="Busan.")):
        assert PageReuse(Path("."), "s").shared_digest(first) != PageReuse(
            Path("."), "s"
        ).shared_digest(other)
    # The same values in another dataclass are another input.
    assert _hash((Paragraph("p", "t", "text", "en"),)) != _hash(
        (Mention("p", "t", "text", "en", ""),)
    )


def test_inputs_that_cannot_be_hashed_are_rendered(tmp_path: Path) -> None:
    reuse = PageReuse(tmp_path, "salt", {"page.md": ["x", 0, 0]})
    assert not reuse.unchanged("page.md", lambda: None)


def test_an_unchanged_site_renders_nothing_again(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(project)
    before = {p: p.read_bytes() for p in project.docs.rglob("*.md")}
    rendered = _count_renders(monkeypatch)
    report = generate(project)
    assert report.errors == [] and report.changed == [] and report.removed == []
    assert rendered == ["feed.xml.j2"]  # the feed is small and always made
    assert {p: p.read_bytes() for p in project.docs.rglob("*.md")} == before


def test_a_curated_edit_renders_only_the_pages_it_reaches(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ROOT / "seeds" / OTHER_SEED, project.seeds / OTHER_SEED)
    first = generate(project)
    edited, other = sorted(first.publications, key=lambda p: p.document.source != SEED_PATH)
    briefing = edited.briefings[0]
    path = project.documents / f"{edited.document.id}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = next(a for a in record["articles"] if a["id"] == briefing.article.id)
    article["summary"] = "Edited. " + article["summary"]
    path.write_text(dump_yaml(record), encoding="utf-8")
    made_again = _record_rendered_pages(monkeypatch)
    report = generate(project)
    page = f"briefings/{briefing.article.id}.md"
    assert "Edited." in (project.docs / page).read_text(encoding="utf-8")
    assert report.changed and f"content/site/{page}" in report.changed
    assert page in made_again and f"documents/{edited.document.id}.md" in made_again
    # The other document's own page, and the indexes of entities, do not show the summary.
    assert f"documents/{other.document.id}.md" not in made_again
    assert "regions/index.md" not in made_again
    monkeypatch.undo()
    _assert_disk_equals_a_full_render(project)


def test_a_page_edited_or_deleted_by_hand_is_made_again(project: Project) -> None:
    generate(project)
    edited, deleted = sorted(project.docs.rglob("*.md"))[1:3]
    original = edited.read_bytes(), deleted.read_bytes()
    edited.write_text("hand edit\n", encoding="utf-8")
    deleted.unlink()
    generate(project)
    assert (edited.read_bytes(), deleted.read_bytes()) == original


def test_a_template_edit_renders_every_page(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate(project)
    template = project.templates / "entity.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{# edited #}\n", "utf-8")
    rendered = _count_renders(monkeypatch)
    generate(project)
    pages = list(project.docs.rglob("*.md")) + list(project.docs.rglob("*.xml"))
    assert len(rendered) == len(pages)


def _count_entity_workings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the entities whose page values are worked out (their group was not reused)."""
    worked: list[str] = []
    original = generator.render._entity_values

    def counting(kind: str, entry: EntityEntry, *rest: Any) -> dict[str, Any]:
        worked.append(f"{kind}/{entry.entity.id}")
        return original(kind, entry, *rest)

    monkeypatch.setattr(generator.render, "_entity_values", counting)
    return worked


def test_an_entity_is_worked_out_again_only_when_a_briefing_it_lists_changed(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = generate(project)
    worked = _count_entity_workings(monkeypatch)
    generate(project)
    assert worked == []  # every entity's pages reused as a group
    publication, briefing = next(
        (p, b) for p in first.publications for b in p.briefings if b.tags.get("regions")
    )
    path = project.documents / f"{publication.document.id}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = next(a for a in record["articles"] if a["id"] == briefing.article.id)
    article["title"] = "A retitled briefing"
    path.write_text(dump_yaml(record), encoding="utf-8")
    generate(project)
    tagged = {f"{kind}/{i}" for kind, ids in briefing.tags.items() for i in ids}
    assert worked and set(worked) <= tagged
    region = f"regions/{briefing.tags['regions'][0]}"
    assert region in worked
    assert "A retitled briefing" in (project.docs / f"{region}.md").read_text(encoding="utf-8")
    monkeypatch.undo()
    _assert_disk_equals_a_full_render(project)


def test_renaming_an_entity_reaches_the_pages_that_list_it_beside_others(
    project: Project,
) -> None:
    first = generate(project)
    index = build_index(first.publications, first.taxonomy)
    page, other_kind, other_id = next(
        (f"{kind}/{entity_id}.md", other, pairs[0][0])
        for kind in ("companies", "regions")
        for entity_id, entry in index.entries[kind].items()
        for other, pairs in entry.related.items()
        if other == "themes" and pairs
    )
    path = taxonomy_path(project.content, other_kind)
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in records:
        if record["id"] == other_id:
            record["name"] = "Renamed Theme"
    path.write_text(dump_yaml(records), encoding="utf-8")
    generate(project)
    assert "Renamed Theme" in (project.docs / page).read_text(encoding="utf-8")
    _assert_disk_equals_a_full_render(project)


def test_a_group_page_deleted_by_hand_makes_the_group_again(project: Project) -> None:
    report = generate(project)
    entity_id = next(iter(build_index(report.publications, report.taxonomy).entries["regions"]))
    page = project.docs / "regions" / f"{entity_id}.md"
    original = page.read_bytes()
    page.unlink()
    generate(project)
    assert page.read_bytes() == original


def test_a_retitled_briefing_shows_on_the_pages_listing_it_as_related(project: Project) -> None:
    shutil.copy(ROOT / "seeds" / OTHER_SEED, project.seeds / OTHER_SEED)
    first = generate(project)
    index = build_index(first.publications, first.taxonomy)
    page, listed = next(
        (f"briefings/{article_id}.md", related[0])
        for article_id, related in index.related.items()
        if related
    )
    path = project.documents / f"{listed.publication.document.id}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = next(a for a in record["articles"] if a["id"] == listed.briefing.article.id)
    article["title"] = "A retitled briefing"
    path.write_text(dump_yaml(record), encoding="utf-8")
    generate(project)
    assert "A retitled briefing" in (project.docs / page).read_text(encoding="utf-8")
    _assert_disk_equals_a_full_render(project)


def test_a_retitled_briefing_remakes_only_its_own_year_page_of_an_entity(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = shipped_project(tmp_path)  # every seed: some entities list years of briefings
    first = generate(project)
    index = build_index(first.publications, first.taxonomy)
    kind, entry = next(
        (kind, entry)
        for kind in ("regions", "themes", "companies")
        for entry in index.entries[kind].values()
        if len(years_of(entry.listings)) > 1 and len(entry.listings) > ENTITY_LATEST
    )
    year, other_year = years_of(entry.listings)[-2:]
    listed = year.coverage[-1]  # its oldest: beyond the entity page's latest
    path = project.documents / f"{listed.publication.document.id}.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    article = next(a for a in record["articles"] if a["id"] == listed.briefing.article.id)
    article["title"] = "A retitled briefing"
    path.write_text(dump_yaml(record), encoding="utf-8")
    made_again = _record_rendered_pages(monkeypatch)
    generate(project)
    page = f"{kind}/{entry.entity.id}/{year.key}.md"
    assert page in made_again
    assert f"{kind}/{entry.entity.id}/{other_year.key}.md" not in made_again
    assert "A retitled briefing" in (project.docs / page).read_text(encoding="utf-8")
    monkeypatch.undo()
    _assert_disk_equals_a_full_render(project)


def test_a_damaged_record_of_groups_reuses_nothing_it_cannot_vouch_for(project: Project) -> None:
    generate(project)
    path = project.cache / PAGES_FILE
    record = json.loads(path.read_text(encoding="utf-8"))
    group, (key, pages) = next(iter(record["groups"].items()))
    damaged = {
        **record,
        "groups": {
            **record["groups"],
            group: [key, [*pages, "index.md"]],  # a page not of this group
        },
        "pages": {**record["pages"], pages[0]: 5},  # not an entry
    }
    path.write_text(json.dumps(damaged), encoding="utf-8")
    (project.docs / "index.md").write_text("stale\n", encoding="utf-8")
    report = generate(project)
    assert report.errors == []
    _assert_disk_equals_a_full_render(project)
    record["groups"][group] = [key, "not a list"]
    path.write_text(json.dumps(record), encoding="utf-8")
    generate(project)
    _assert_disk_equals_a_full_render(project)


def test_renaming_a_region_reaches_its_childrens_breadcrumbs_and_its_parents_list(
    tmp_path: Path,
) -> None:
    """A city tagged alone: its province has a page for the breadcrumbs only, so the names
    of the province (on the city's page) and of the city (on the province's) reach those
    pages through nothing but the breadcrumbs and the children."""
    project = shipped_project(tmp_path, [])
    index = _index_of_stories(
        project,
        "Changwon opens a hydrogen bus depot\n\nThe city of Changwon opened a hydrogen bus"
        " depot on Monday. The depot will serve 120 buses, the city said.\n",
    )
    assert index.breadcrumbs["changwon"][-1] == "gyeongsangnam-do"
    assert not index.entries["regions"]["gyeongsangnam-do"].listings
    # One at a time, so that neither page is made again for its own entity's sake.
    for renamed, page in (("gyeongsangnam-do", "changwon"), ("changwon", "gyeongsangnam-do")):
        _rename_region(project, renamed, f"Renamed {renamed}")
        generate(project)
        text = (project.docs / f"regions/{page}.md").read_text(encoding="utf-8")
        assert f"Renamed {renamed}" in text
        _assert_disk_equals_a_full_render(project)


def test_renaming_a_country_reaches_the_pages_naming_it_as_their_country(
    tmp_path: Path,
) -> None:
    """A company's facts name its country's region: renaming the region reaches the company's
    page even when nothing else on it names the country."""
    project = shipped_project(tmp_path, [])
    index = _index_of_stories(
        project,
        "BASF expands its battery materials plant\n\nBASF said on Monday that it would expand"
        " its battery materials plant. The plant will make cathode materials, BASF said.\n",
        "Germany raises its hydrogen target\n\nGermany raised its hydrogen target on Tuesday."
        " The target is 10 gigawatts of electrolysers by 2030, the government said.\n",
    )
    assert "germany" in index.entries["regions"]
    assert "germany" not in [
        i for i, _ in index.entries["companies"]["basf"].related.get("regions", [])
    ]
    page = project.docs / "companies/basf.md"
    assert "| Country | [Germany](../regions/germany.md) |" in page.read_text(encoding="utf-8")
    _rename_region(project, "germany", "Federal Republic of Germany")
    generate(project)
    text = page.read_text(encoding="utf-8")
    assert "| Country | [Federal Republic of Germany](../regions/germany.md) |" in text
    _assert_disk_equals_a_full_render(project)


def _index_of_stories(project: Project, *stories: str) -> SiteIndex:
    """Add each story to the seeds as a text file, generate, and index what it made."""
    for number, story in enumerate(stories):
        (project.seeds / f"story-{number}.txt").write_text(story, encoding="utf-8")
    report = generate(project)
    return build_index(report.publications, report.taxonomy)


def _rename_region(project: Project, region_id: str, name: str) -> None:
    """Rename a region in its curated file; the old name stays an alias, so the text is
    matched as before."""
    path = taxonomy_path(project.content, "regions")
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    for record in records:
        if record["id"] == region_id:
            record["aliases"] = [*record.get("aliases", []), record["name"]]
            record["name"] = name
    path.write_text(dump_yaml(records), encoding="utf-8")
