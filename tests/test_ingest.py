"""Ingestion of all five seeds: shapes, counts, no junk, nothing lost, broken inputs isolated,
deterministic YAML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import ingest
from generator.clean import clean_source
from generator.curation import KnownIds
from generator.errors import SourceError
from generator.ingest import ingest_sources, list_sources, reclaim_article_ids
from generator.model import Article, Document, Paragraph
from generator.project import Project
from generator.readers import project_path, read_source
from tests.helpers import ROOT

SEEDS = sorted((ROOT / "seeds").iterdir())
# The shape and the number of articles each seed holds, counted by hand in the files.
EXPECTED = {
    "000_f32b58c6a1245bd4.txt": ("magazine", 12),
    "001_cf58bbf3b5f6d030.txt": ("bulletin", 8),
    "002_f654724fc78e6d2e.txt": ("compendium", 27),
    "003_b96b697718aef645.txt": ("bulletin", 10),
    "004_23e27db7ed9fbb43.txt": ("article", 1),
}
# Lines the issue names as junk: none may survive in any article body.
JUNK_LINES = {"본문 바로가기", "text size", "close", "join us on social!", "top"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}|[\uac00-\ud7a3]{2,}|[\u4e00-\u9fff]{2,}")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    return Project(root)


@pytest.fixture(scope="module")
def documents(project: Project) -> dict[str, object]:
    report = ingest(project)
    assert report.errors == []
    return {Path(document.source).name: document for document in report.documents}


def test_the_five_seeds_are_shipped() -> None:
    assert [path.name for path in SEEDS] == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_seed_splits_into_its_shape_and_count(documents: dict, name: str) -> None:
    document = documents[name]
    assert (document.kind, len(document.articles)) == EXPECTED[name]
    assert all(article.paragraphs for article in document.articles)
    assert len({article.id for article in document.articles}) == len(document.articles)


def test_no_listed_junk_line_remains_in_any_body(documents: dict) -> None:
    for document in documents.values():
        for article in document.articles:
            for paragraph in article.paragraphs:
                text = paragraph.text.strip()
                assert text.casefold() not in JUNK_LINES, (article.id, text)
                assert not text.startswith(("▲", "©", "ⓒ")), (article.id, text)
                assert "\\$" not in text and "<sup>" not in text, (article.id, text[:80])
                assert not re.match(r"(?i)copyright\b", text), (article.id, text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_nearly_every_word_of_the_source_reaches_an_article(name: str) -> None:
    clean = clean_source(read_source(ROOT / "seeds" / name, ROOT))
    [document], errors = ingest_sources([ROOT / "seeds" / name], ROOT, KnownIds())
    assert errors == []
    kept = " ".join(
        " ".join([article.title, *article.subtitles, *(p.text for p in article.paragraphs)])
        for article in document.articles
    )
    kept_words = set(_WORD.findall(kept.casefold()))
    removed = set(_WORD.findall(" ".join(clean.removed).casefold()))
    source_words = [
        word for word in _WORD.findall(clean.source.text.casefold()) if word not in removed
    ]
    missing = [word for word in source_words if word not in kept_words]
    assert len(missing) / len(source_words) < 0.02, sorted(set(missing))[:40]


def test_broken_inputs_give_one_line_each_and_the_rest_ingests(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / "004_23e27db7ed9fbb43.txt", seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (seeds / "garbage.txt").write_bytes(b"abc\x00\xff\xfe\x00def" * 50)
    report = ingest(Project(tmp_path))
    assert [Path(d.source).name for d in report.documents] == ["004_23e27db7ed9fbb43.txt"]
    messages = sorted(str(error) for error in report.errors)
    assert len(messages) == 3
    for message, name in zip(
        messages, ["seeds/empty.txt", "seeds/garbage.txt", "seeds/image.txt"], strict=True
    ):
        assert message.startswith(name + ": ") and "\n" not in message
    assert (tmp_path / "content" / "documents").is_dir()


def test_ingest_twice_gives_byte_identical_yaml(project: Project, documents: dict) -> None:
    before = {path.name: path.read_bytes() for path in project.documents.glob("*.yaml")}
    report = ingest(project)
    after = {path.name: path.read_bytes() for path in project.documents.glob("*.yaml")}
    assert before == after and len(after) == 5
    assert report.changed == []


def test_yaml_record_has_the_documented_fields_in_order(project: Project, documents: dict) -> None:
    bulletin = documents["001_cf58bbf3b5f6d030.txt"]
    data = yaml.safe_load((project.documents / f"{bulletin.id}.yaml").read_text(encoding="utf-8"))
    assert list(data) == [
        "id",
        "source",
        "sha256",
        "kind",
        "title",
        "publisher",
        "date",
        "added",
        "language",
        "summary",
        "articles",
    ]
    assert data["source"] == "seeds/001_cf58bbf3b5f6d030.txt"
    assert data["kind"] == "bulletin" and data["language"] == "en"
    first = data["articles"][0]
    assert list(first)[:3] == ["id", "title", "date"] and first["date"] == "2024-07-10"
    assert list(first)[-9:] == [
        "summary",
        "key_points",
        "figures",
        "regions",
        "companies",
        "organizations",
        "people",
        "themes",
        "reviewed",
    ]
    assert first["reviewed"] is False
    assert first["paragraphs"] == len(bulletin.articles[0].paragraphs)


def test_curated_ids_survive_a_title_slug_change(project: Project, documents: dict) -> None:
    bulletin = documents["003_b96b697718aef645.txt"]
    path = project.documents / f"{bulletin.id}.yaml"
    original = path.read_text(encoding="utf-8")
    first_id = bulletin.articles[0].id
    path.write_text(original.replace(f"id: {first_id}", "id: my-own-id", 1), encoding="utf-8")
    try:
        report = ingest(project)
        again = next(d for d in report.documents if d.id == bulletin.id)
        assert again.articles[0].id == "my-own-id"
        assert [a.id for a in again.articles[1:]] == [a.id for a in bulletin.articles[1:]]
    finally:
        path.write_text(original, encoding="utf-8")


def test_list_sources_skips_hidden_files_and_sorts(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", ".hidden.txt", ".git/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_sources(tmp_path)] == ["a.md", "b.txt"]


def test_list_sources_leaves_out_system_files_and_what_a_browser_saved_beside_a_page(
    tmp_path: Path,
) -> None:
    files = {
        # Chrome's and Firefox's "Webpage, complete": the page, and its files in a folder.
        "News page.html": b'<link href="News%20page_files/style.css"><p>Text</p>',
        "News page_files/style.css": b"p{}",
        "News page_files/ad.html": b"<p>Buy now</p>",
        # Chinese Internet Explorer's ".files", referred to in the page's own encoding.
        "뉴스.htm": '<meta charset="euc-kr"><img src="뉴스.files/image001.png">'.encode("euc-kr"),
        "뉴스.files/image001.png": b"\x89PNG",
        # Only named like a page's files: documents of their own.
        "report.html": b"<p>See the annex.</p>",
        "report_2024/annex.txt": b"An annex.",
        "Thumbs.db": b"\0",
        "sub/desktop.ini": b"[.ShellClassInfo]",
        "~$port.docx": b"owner",
        "~WRL0001.tmp": b"\0",
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    listed = [p.relative_to(tmp_path).as_posix() for p in list_sources(tmp_path)]
    assert listed == [
        "News page.html",
        "report.html",
        "report_2024/annex.txt",
        "~WRL0001.tmp",  # Word's temporary copy: reported as a type no reader takes
        "뉴스.htm",
    ]


def test_a_seed_linking_out_of_the_project_is_an_error_naming_it(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret notes kept outside the project.\n", encoding="utf-8")
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / "004_23e27db7ed9fbb43.txt", root / "seeds")
    (root / "seeds" / "linked.txt").symlink_to(outside)
    documents, errors = ingest_sources(list_sources(root / "seeds"), root, KnownIds())
    assert [document.source for document in documents] == ["seeds/004_23e27db7ed9fbb43.txt"]
    assert [str(error) for error in errors] == [
        "seeds/linked.txt: links to a file outside the project"
        " — copy the file into seeds/ instead of linking to it"
    ]


def test_a_source_in_a_linked_folder_is_named_by_where_it_really_is(tmp_path: Path) -> None:
    root = tmp_path / "project"
    for folder in (root / "seeds", root / "archive", tmp_path / "elsewhere"):
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text("text\n", encoding="utf-8")
    (root / "seeds" / "in").symlink_to(root / "archive")
    (root / "seeds" / "out").symlink_to(tmp_path / "elsewhere")
    folders: dict[Path, Path] = {}  # one loop's folders, each resolved once
    for _ in range(2):
        assert project_path(root / "seeds" / "a.txt", root, folders) == "seeds/a.txt"
        assert project_path(root / "seeds" / "in" / "a.txt", root, folders) == "archive/a.txt"
        with pytest.raises(SourceError, match="links to a file outside the project"):
            project_path(root / "seeds" / "out" / "a.txt", root, folders)


def _bulletin(*articles: tuple[str, str]) -> Document:
    return Document(
        id="d",
        source="seeds/d.txt",
        sha256="0",
        kind="bulletin",
        title="D",
        publisher=None,
        date=None,
        language="en",
        format="text",
        encoding="utf-8",
        articles=tuple(
            Article(article_id, article_id, None, None, None, (), None, (Paragraph("p", text),))
            for article_id, text in articles
        ),
    )


def test_ids_no_title_found_again_go_back_to_the_articles_holding_their_proposals() -> None:
    """Titles read otherwise gave two articles new ids: each old id goes back to the article
    whose text holds what was proposed for it (crossed here), never to one on the same
    subject that does not."""
    known = KnownIds(declared={"d": ["kept", "ports", "chips"]})
    proposals = {
        "ports": "Busan port handled 23.4 million containers, a record for the southern port.",
        "chips": "Gyeonggi approved the Yongin semiconductor cluster's second water pipeline.",
    }
    document = _bulletin(
        ("kept", "Unchanged."),
        (
            "new-1",
            "Gyeonggi approved the Yongin semiconductor cluster's second water pipeline on Monday.",
        ),
        (
            "new-2",
            "Busan port handled 23.4 million containers last year, a record for the southern port.",
        ),
        ("new-3", "Busan port plans a new container terminal for the southern coast."),
    )
    reclaimed = reclaim_article_ids(document, known, lambda document_id: proposals)
    assert [a.id for a in reclaimed.articles] == ["kept", "chips", "ports", "new-3"]
    assert [a.paragraphs for a in reclaimed.articles] == [a.paragraphs for a in document.articles]
    nothing_left = KnownIds(declared={"d": ["kept", "new-1", "new-2", "new-3"]})
    assert reclaim_article_ids(document, nothing_left, lambda _: {}) is document


def test_an_id_goes_back_by_the_terms_of_a_korean_proposal() -> None:
    known = KnownIds(declared={"d": ["hydrogen"]})
    proposal = "경상남도는 창원에 수소 충전소 10곳을 새로 짓는다고 밝혔다."
    document = _bulletin(("new-1", f"{proposal} 도는 내년까지 예산을 확보할 계획이다."))
    reclaimed = reclaim_article_ids(document, known, lambda _: {"hydrogen": proposal})
    assert [a.id for a in reclaimed.articles] == ["hydrogen"]
    other = _bulletin(("new-1", "부산시는 항만 물류 단지를 확장한다고 밝혔다."))
    assert reclaim_article_ids(other, known, lambda _: {"hydrogen": proposal}) is other
