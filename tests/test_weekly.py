"""The weekly routine end to end: build from the seeds, commit, curate, add two documents,
rebuild. Every edit survives, the new articles and entities get pages, the git diff touches
only what really changed, and a second rebuild changes nothing."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import shipped_project
from tests.sitebuild import run_briefing

NEW = Path(__file__).parent / "fixtures" / "new_documents"
BULLETIN = "content/documents/motie-news-july-3-10-2024.yaml"
UNTOUCHED_DOCUMENT = "content/site/documents/the-16th-cmia.md"


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
    )
    return result.stdout


def _load(root: Path, relative: str):
    return yaml.safe_load((root / relative).read_text(encoding="utf-8"))


def _save(root: Path, relative: str, data) -> None:
    (root / relative).write_text(
        yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("weekly")
    shipped_project(root, curated=True)
    first = run_briefing(root, "build", "--no-site")
    assert first.returncode == 0, first.stderr
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "site")

    # A curator's week: a summary rewritten, a region dropped, an article reviewed, two
    # companies merged.
    bulletin = _load(root, BULLETIN)
    first_item, second_item = bulletin["articles"][0], bulletin["articles"][1]
    first_item["summary"] = "A summary a curator wrote."
    dropped = first_item["regions"].pop(0)
    second_item["reviewed"] = True
    reviewed = dict(second_item)
    _save(root, BULLETIN, bulletin)
    companies = _load(root, "content/companies.yaml")
    for entry in companies:
        if entry["id"] == "posco-future-m":
            entry.update(status="merged", merged_into="posco-holdings")
    _save(root, "content/companies.yaml", companies)

    added = run_briefing(
        root,
        "add",
        "--no-site",
        str(NEW / "motie_news_august_2024.txt"),
        str(NEW / "jeonbuk_hydrogen_bus.html"),
    )
    assert added.returncode == 0, added.stderr
    changed = {line[3:] for line in _git(root, "status", "--porcelain", "-uall").splitlines()}
    again = run_briefing(root, "build", "--no-site")
    full = run_briefing(root, "build", "--full", "--no-site")
    return {
        "first": first,
        "full": full,
        "root": root,
        "first_item": first_item,
        "dropped": dropped,
        "reviewed": reviewed,
        "added": added.stdout,
        "changed": changed,
        "again": again,
    }


def test_the_shipped_content_is_what_the_shipped_seeds_build(week: dict) -> None:
    # A fresh clone's first build must not rewrite committed pages: content/ is regenerated
    # and committed with every change to what the generator writes.
    assert "0 files changed, 0 removed" in week["first"].stdout, week["first"].stdout


def test_every_curator_edit_survives(week: dict) -> None:
    bulletin = _load(week["root"], BULLETIN)
    by_id = {article["id"]: article for article in bulletin["articles"]}
    first = by_id[week["first_item"]["id"]]
    assert first["summary"] == "A summary a curator wrote."
    assert week["dropped"] not in first["regions"]
    assert by_id[week["reviewed"]["id"]] == week["reviewed"]
    page = (week["root"] / "content/site/briefings" / f"{first['id']}.md").read_text("utf-8")
    assert "A summary a curator wrote." in page


def test_merged_company_pages_point_to_the_survivor(week: dict) -> None:
    docs = week["root"] / "content" / "site"
    assert (docs / "companies" / "posco-holdings.md").is_file()
    # The old address keeps working: a page that forwards to the survivor.
    old = (docs / "companies" / "posco-future-m.md").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../posco-holdings/"' in old
    assert "[POSCO](../companies/posco-holdings.md)" in old and "exclude: true" in old
    for page in docs.rglob("*.md"):
        assert "companies/posco-future-m.md" not in page.read_text(encoding="utf-8"), page


def test_new_articles_and_entities_have_pages_and_are_reported(week: dict) -> None:
    docs = week["root"] / "content" / "site"
    for slug in (
        "korea-and-vietnam-agree-to-expand-battery-materials-supply-chains",
        "jeonbuk-to-build-hydrogen-bus-plant-in-wanju",
    ):
        assert (docs / "briefings" / f"{slug}.md").is_file()
    assert (docs / "companies" / "hanbit-materials.md").is_file()
    out = week["added"]
    assert "added seeds/motie_news_august_2024.txt" in out
    assert "new articles (4):" in out and "  Jeonbuk to build hydrogen bus plant in Wanju" in out
    assert "  companies/hanbit-materials.md" in out
    assert "suggested" in out


def test_the_diff_touches_only_what_changed(week: dict) -> None:
    changed = week["changed"]
    assert UNTOUCHED_DOCUMENT not in changed
    root = week["root"]
    new_ids = set()
    for relative in changed:
        if relative.startswith("content/documents/") and relative != BULLETIN:
            record = _load(root, relative)
            new_ids |= {
                entity
                for article in record["articles"]
                for kind in ("regions", "companies", "organizations", "people", "themes")
                for entity in article.get(kind) or []
            }
    edited = _load(root, BULLETIN)
    touched = new_ids | {"posco-holdings", "posco-future-m", week["dropped"]}
    # Every other briefing page that changed shares an entity with what was added or edited
    # (its "related" list or its links moved); the rest of the site is byte for byte the same.
    for relative in changed:
        if not relative.startswith("content/site/briefings/") or relative.endswith("index.md"):
            continue
        if relative.startswith("content/site/briefings/archive/"):
            continue  # the month's listing, not a briefing
        slug = Path(relative).stem
        records = [
            a
            for path in (root / "content/documents").glob("*.yaml")
            for a in _load(root, str(path.relative_to(root)))["articles"]
            if a["id"] == slug
        ]
        if not records or any(a["id"] == slug for a in edited["articles"]):
            continue
        tags = {
            entity
            for kind in ("regions", "companies", "organizations", "people", "themes")
            for entity in records[0].get(kind) or []
        }
        assert tags & touched, relative


def test_a_second_rebuild_changes_nothing(week: dict) -> None:
    assert week["again"].returncode == 0, week["again"].stderr
    assert "0 files changed, 0 removed" in week["again"].stdout


def test_a_full_rebuild_gives_the_same_bytes(week: dict) -> None:
    assert week["full"].returncode == 0, week["full"].stderr
    assert "0 files changed, 0 removed" in week["full"].stdout


def test_whats_new_lists_the_added_documents_under_the_day_they_came(week: dict) -> None:
    page = (week["root"] / "content" / "site" / "whats-new.md").read_text(encoding="utf-8")
    # The tests date new documents by SOURCE_DATE_EPOCH (tests/conftest.py): 2026-01-01.
    day = page.split("## 2026-01-01", 1)[1].split("\n## ", 1)[0]
    assert "MOTIE news, August 2–7, 2024" in day
    assert "(briefings/jeonbuk-to-build-hydrogen-bus-plant-in-wanju.md)" in day
    assert "GLOCALISM" not in day
