"""Curation rules: a three-way merge keeps every human edit and lets untouched fields improve."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import generator.curation
import generator.filekeys
from generator.curation import (
    ParsedYaml,
    dump_yaml,
    load_known_ids,
    load_yaml,
    load_yaml_with_lines,
    merge_document,
)
from generator.errors import CurationError
from generator.taxonomy import Entity, entity_record, render_appended_entities
from generator.writer import Writer


def article(**fields: object) -> dict[str, object]:
    record: dict[str, object] = {
        "id": "a",
        "title": "T",
        "summary": "Old summary.",
        "regions": ["seoul", "busan"],
        "themes": ["batteries"],
        "reviewed": False,
    }
    record.update(fields)
    return record


def document(*articles: dict[str, object]) -> dict[str, object]:
    return {"id": "d", "title": "D", "articles": list(articles)}


def test_untouched_fields_take_the_new_proposal() -> None:
    base = document(article())
    new = document(article(summary="Better summary.", regions=["seoul", "ulsan"]))
    assert merge_document(base, base, new) == new


def test_a_changed_summary_is_kept() -> None:
    base = document(article())
    current = document(article(summary="Curator's summary."))
    new = document(article(summary="Better summary."))
    assert merge_document(current, base, new)["articles"][0]["summary"] == "Curator's summary."


def test_a_removed_tag_does_not_come_back_and_an_added_one_stays() -> None:
    base = document(article())
    current = document(article(regions=["seoul", "incheon"]))  # busan removed, incheon added
    new = document(article(regions=["busan", "seoul", "ulsan"]))
    merged = merge_document(current, base, new)["articles"][0]["regions"]
    assert merged == ["seoul", "ulsan", "incheon"]


def test_a_reviewed_article_is_left_exactly_alone() -> None:
    base = document(article())
    current = document(article(reviewed=True))
    new = document(article(summary="Better.", regions=["ulsan"], themes=[]))
    assert merge_document(current, base, new)["articles"][0] == article(reviewed=True)


def test_fields_only_people_wrote_are_kept_and_deleted_fields_stay_deleted() -> None:
    base = document(article(author={"name": "X"}))
    current_article = article(note="check figure 2")
    current = document(current_article)
    new = document(article(author={"name": "X"}, summary="New."))
    merged = merge_document(current, base, new)["articles"][0]
    assert merged["note"] == "check figure 2" and "author" not in merged
    assert merged["summary"] == "New."


def test_new_articles_arrive_and_deleted_articles_stay_deleted() -> None:
    base = document(article(), article(id="b"))
    current = document(article())  # the curator deleted article b
    new = document(article(), article(id="b"), article(id="c"))
    assert [a["id"] for a in merge_document(current, base, new)["articles"]] == ["a", "c"]


def test_an_edited_article_the_generator_no_longer_proposes_is_kept_and_others_go() -> None:
    base = document(article(), article(id="b"), article(id="c"))
    current = document(article(), article(id="b", summary="Mine."), article(id="c"))
    new = document(article(), article(id="d"))  # b and c are read no more
    merged = merge_document(current, base, new)["articles"]
    assert [a["id"] for a in merged] == ["a", "d", "b"]
    assert merged[2]["summary"] == "Mine."


def test_without_a_snapshot_everything_curated_is_kept_and_gaps_filled() -> None:
    current = document(article(summary="Mine.", regions=["seoul"]))
    new = document(article(summary="Generated.", key_points=["p"]), article(id="c"))
    merged = merge_document(current, None, new)
    first = merged["articles"][0]
    assert first["summary"] == "Mine." and first["regions"] == ["seoul"]
    assert first["key_points"] == ["p"] and [a["id"] for a in merged["articles"]] == ["a", "c"]


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["summary", "regions", "x"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(
    st.dictionaries(st.sampled_from(["summary", "key_points", "note", "title"]), _values),
    st.dictionaries(st.sampled_from(["summary", "key_points", "note", "title"]), _values),
)
def test_merging_an_unchanged_file_gives_the_new_proposal(base: dict, new: dict) -> None:
    base_doc, new_doc = document(dict(base, id="a")), document(dict(new, id="a"))
    assert merge_document(base_doc, base_doc, new_doc) == new_doc


@given(
    st.dictionaries(st.sampled_from(["summary", "note", "title"]), st.text(max_size=5)),
    st.text(min_size=1, max_size=5),
)
def test_a_curated_value_survives_any_proposal(new: dict, edit: str) -> None:
    base = document(article())
    current = document(article(summary="Old summary." + edit))
    merged = merge_document(current, base, document(dict(new, id="a")))
    assert merged["articles"][0]["summary"] == "Old summary." + edit


def test_yaml_errors_name_file_and_line_and_never_run_code(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("id: d\narticles:\n  - id: a\n    title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CurationError) as error:
        load_yaml(broken, "content/documents/x.yaml")
    assert str(error.value).startswith("content/documents/x.yaml:")
    assert error.value.line is not None and error.value.line >= 4
    evil = tmp_path / "evil.yaml"
    evil.write_text("!!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    with pytest.raises(CurationError) as error:
        load_yaml(evil, "content/evil.yaml")
    assert error.value.line == 1 and not (tmp_path / "pwned").exists()


def test_lines_are_known_for_every_value(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        dump_yaml({"id": "d", "articles": [{"id": "a", "regions": ["seoul"]}]}), encoding="utf-8"
    )
    data, lines = load_yaml_with_lines(path, "x.yaml")
    assert data["articles"][0]["regions"] == ["seoul"]
    assert lines[("articles", 0, "regions", 0)] == 5


def _parsed_yaml(folder: Path) -> ParsedYaml:
    return ParsedYaml(folder / "cache", Writer(folder))


def test_parsed_yaml_is_read_back_from_json_with_its_lines_found_on_demand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "id: doc\narticles:\n- id: a\n  summary: One.\n  reviewed: false\n  rank: 1.5\n"
    data, lines = _parsed_yaml(tmp_path).read(text, "doc.yaml")
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1

    def refuse(*args: object) -> None:
        raise AssertionError("parsed the YAML again")

    monkeypatch.setattr(generator.curation, "_parse_yaml", refuse)
    again, lazy_lines = _parsed_yaml(tmp_path).read(text, "doc.yaml")
    assert again == data and type(again["articles"][0]["rank"]) is float
    monkeypatch.undo()
    assert lazy_lines[("articles", 0, "summary")] == lines[("articles", 0, "summary")] == 4


def test_yaml_json_cannot_carry_exactly_is_parsed_every_time(tmp_path: Path) -> None:
    for text in ("added: 2024-01-01\n", "1: one\n", "tags: !!set {a: null}\n"):
        data, _ = _parsed_yaml(tmp_path).read(text, "doc.yaml")
        assert data == yaml.safe_load(text)
    assert list((tmp_path / "cache").glob("*.json")) == []


def test_parsed_yaml_of_texts_not_read_this_run_is_pruned(tmp_path: Path) -> None:
    _parsed_yaml(tmp_path).read("a: 1\n", "a.yaml")
    _parsed_yaml(tmp_path).read("a: 2\n", "a.yaml")
    parsed = _parsed_yaml(tmp_path)
    parsed.read("a: 2\n", "a.yaml")
    (tmp_path / "cache" / "x.json").write_text("{damaged", encoding="utf-8")
    parsed.prune()
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    assert _parsed_yaml(tmp_path).read("a: 2\n", "a.yaml")[0] == {"a": 2}


_ID_RECORDS = {
    "one.yaml": "id: one\nadded: '2025-01-02'\nsource: seeds/one.txt\nsha256: ab12\n"
    "articles:\n- id: one-a\n  title: 'Korea – US: Chips'\n- id: one-b\n  title: Two\n"
    "- title: no id\n",
    "two.yaml": "id: two\narticles: {}\n",
    "broken.yaml": "id: [\n",
    "list.yaml": "- not a record\n",
}


def _known(content: Path, cache: Path, salt: str = "s") -> tuple[object, list[str], set[str]]:
    parsed = ParsedYaml(cache, Writer(content.parent), salt)
    known, errors = load_known_ids(content, parsed)
    parsed.prune()
    found = (
        known.by_source, known.by_sha256, known.articles, known.added,
        known.taken_documents, known.taken_articles, known.keys,
    )  # fmt: skip
    return found, [str(error) for error in errors], set(known.parsed)


def test_the_ids_records_declare_are_read_from_one_kept_file_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "documents").mkdir(parents=True)
    for name, text in _ID_RECORDS.items():
        (content / "documents" / name).write_text(text, encoding="utf-8")
    readable = {"one.yaml", "two.yaml", "list.yaml"}
    first, first_errors, parsed = _known(content, tmp_path / "cache")
    assert parsed == readable
    assert first[2] == {("one", "korea us chips"): ["one-a"], ("one", "two"): ["one-b"]}
    assert len(first_errors) == 2  # the broken file and the list, every run

    declared_ids = generator.curation._declared_ids

    def refuse(data: object) -> object:
        if isinstance(data, dict):
            raise AssertionError("a record's ids were read from its parse again")
        return declared_ids(data)

    monkeypatch.setattr(generator.curation, "_declared_ids", refuse)
    second, second_errors, parsed = _known(content, tmp_path / "cache")
    assert (second, second_errors) == (first, first_errors)
    assert parsed == {"list.yaml"}  # only the file that is no record is parsed again
    monkeypatch.undo()
    # Another generator (salt) finds ids with other code: it reads every record again.
    _, _, parsed = _known(content, tmp_path / "cache", salt="other")
    assert parsed == readable


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, folder: str) -> None:
    read_text = generator.curation._read_text

    def refuse(path: Path, label: str) -> str:
        if path.parent.name == folder:
            raise AssertionError(f"{label} was read again")
        return read_text(path, label)

    monkeypatch.setattr(generator.curation, "_read_text", refuse)


def test_a_record_unchanged_since_it_settled_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "documents").mkdir(parents=True)
    for name in ("one.yaml", "two.yaml"):
        (content / "documents" / name).write_text(_ID_RECORDS[name], encoding="utf-8")
    # Just written: a file system's timestamps may not tell a second write from the first.
    monkeypatch.setattr(generator.filekeys, "settled", lambda info: False)
    first = _known(content, tmp_path / "cache")[:2]  # the ids and the errors
    with monkeypatch.context() as patch:
        _refuse_reading(patch, "documents")
        with pytest.raises(AssertionError, match="read again"):
            _known(content, tmp_path / "cache")
    monkeypatch.setattr(generator.filekeys, "settled", lambda info: True)  # settled now
    assert _known(content, tmp_path / "cache")[:2] == first
    with monkeypatch.context() as patch:
        _refuse_reading(patch, "documents")
        assert _known(content, tmp_path / "cache")[:2] == first
        # A file that is no record has no ids to keep: it is read, and reported, every run.
        (content / "documents" / "list.yaml").write_text(_ID_RECORDS["list.yaml"], "utf-8")
        with pytest.raises(AssertionError, match=r"list\.yaml was read again"):
            _known(content, tmp_path / "cache")
    # An edit that keeps the size and the modification time still shows: its change time
    # moved, which no tool sets back.
    one = content / "documents" / "one.yaml"
    before = one.stat()
    one.write_text(_ID_RECORDS["one.yaml"].replace("one-b", "one-c"), encoding="utf-8")
    os.utime(one, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (one.stat().st_size, one.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    edited = _known(content, tmp_path / "cache")[0]
    assert edited[2][("one", "two")] == ["one-c"]


def test_the_same_text_read_twice_in_a_dry_run_is_parsed_without_error(tmp_path: Path) -> None:
    parsed = ParsedYaml(tmp_path / "cache", Writer(tmp_path, dry_run=True))
    assert parsed.read("a: 1\n", "a.yaml")[0] == parsed.read("a: 1\n", ".generated/a.yaml")[0]


_TRICKY = st.sampled_from(
    ["yes", "no", "null", "~", "1e3", "0x1F", "2024-01-01", "12:30", "- a", "a: b", "#x", "", " x "]
)
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(), _TRICKY
)
_RECORDS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(data=_RECORDS)
def test_what_the_generator_wrote_is_remembered_as_parsing_would_read_it(data: object) -> None:
    # remember() keeps the data dump_yaml was given as the parse of its text: a safe dump
    # must load back the same values of the same types (repr tells 1, 1.0 and True apart).
    parsed = ParsedYaml().read(dump_yaml(data), "x.yaml")[0]
    assert repr(parsed) == repr(data)


def test_a_file_the_generator_wrote_is_not_parsed_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = {"id": "doc", "added": "2024-01-01", "articles": [{"id": "a", "reviewed": False}]}
    text = dump_yaml(record)
    _parsed_yaml(tmp_path).remember(text, record)

    def refuse(*args: object) -> None:
        raise AssertionError("parsed the YAML again")

    monkeypatch.setattr(generator.curation, "_parse_yaml", refuse)
    assert _parsed_yaml(tmp_path).read(text, "doc.yaml")[0] == record


_PLAIN_LISTS = [
    "",
    "- id: a\n  name: A\n",
    "# regions\n\n- id: a\n  name: A  # kept\n  aliases: [A1, A2]\n\n\n",
    "- id: a\n  note: |+\n    kept lines\n\n",
    "- id: a\n  note: >-\n    folded\n    text\n- id: b\n  name: 'two\n    lines'",
    '- id: a\n  name: "no newline at the end"',
    "-\n  id: a\n",
]
_OTHER_TEXTS = ["[]", "[a, b]\n", "---\n- a\n", "%YAML 1.1\n---\n- a\n", "  - a\n", "a: 1\n"]


@pytest.mark.parametrize("before", _PLAIN_LISTS + _OTHER_TEXTS)
def test_a_list_given_entries_is_read_back_as_parsing_it_gives(
    before: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entities = [
        Entity("new", "companies", "New Co", aliases=("NC",), status="suggested"),
        Entity("b2", "companies", "B: Two", status="suggested", fields={"sector": "x"}),
    ]
    after = render_appended_entities(before, entities)
    parsed = _parsed_yaml(tmp_path)
    parsed.remember_appended(before, after, [entity_record(e) for e in entities], "x.yaml")
    parsed.prune()
    parse = generator.curation.read_yaml_with_lines
    try:
        expected: object = parse(after, "x.yaml")[0]
    except CurationError as error:  # appended to what is no list: an error, as before
        expected = error
    parses: list[str] = []

    def counting(text: str, label: str) -> object:
        parses.append(label)
        return parse(text, label)

    monkeypatch.setattr(generator.curation, "read_yaml_with_lines", counting)
    if isinstance(expected, CurationError):
        with pytest.raises(CurationError):
            _parsed_yaml(tmp_path).read(after, "x.yaml")
    else:
        assert _parsed_yaml(tmp_path).read(after, "x.yaml")[0] == expected
    # A plain list is not parsed again; any other text is, as it always was.
    assert parses == ([] if before in _PLAIN_LISTS else ["x.yaml"])
