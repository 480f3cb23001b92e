"""Related briefings: ranked by the tags they share, from scratch or brought up to date."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import related
from generator.related import (
    RELATED_LIMIT,
    Ranked,
    RelatedMemory,
    rank_related,
    ranked,
    tag_weight,
)

SALT = "test"


def _row(article_id: str, date: str = "2025-01-01", **tags: list[str]) -> Ranked:
    return ranked(article_id, date, article_id, tags)


def _ids(rows: list[Ranked], memory: RelatedMemory | None = None) -> dict[str, list[str]]:
    best = rank_related(rows, memory)
    return {
        row.id: [rows[other].id for other in listed] for row, listed in zip(rows, best, strict=True)
    }


def _reference(rows: list[Ranked]) -> dict[str, list[str]]:
    """The ranking as defined: every pair of shared occurrences adds its tag's weight; the
    highest first, the earlier on ties."""
    carriers: Counter[tuple[str, str]] = Counter()
    for row in rows:
        carriers.update(row.tags)
    result = {}
    for position, row in enumerate(rows):
        scores = []
        for other, candidate in enumerate(rows):
            score = sum(
                count * candidate.tags.get(tag, 0) * tag_weight(carriers[tag])
                for tag, count in row.tags.items()
            )
            if other != position and score > 0:
                scores.append((-score, other))
        result[row.id] = [rows[other].id for _, other in sorted(scores)[:RELATED_LIMIT]]
    return result


def test_a_tag_weighs_one_over_its_carriers_rounded_down_to_a_power_of_two() -> None:
    one = tag_weight(1)
    assert [tag_weight(n) * 8 // one for n in (1, 2, 3, 4, 5, 8, 9)] == [8, 4, 2, 2, 1, 1, 0]


def test_a_rare_shared_tag_outranks_a_common_one_and_ties_keep_the_newer_first() -> None:
    # Newest first: the list order is the order ties are settled in.
    rows = [
        _row("newest", regions=["south-korea"]),
        _row("pohang-battery", regions=["south-korea", "pohang"], themes=["batteries"]),
        _row("pohang-steel", regions=["south-korea", "pohang"]),
        _row("seoul", regions=["south-korea", "seoul"]),
        _row("alone", themes=["quantum"]),
    ]
    result = _ids(rows)
    assert result["pohang-steel"] == ["pohang-battery", "newest", "seoul"]
    assert result["newest"] == ["pohang-battery", "pohang-steel", "seoul"]
    assert result["alone"] == []


def test_at_most_the_limit_are_listed() -> None:
    rows = [_row(f"a{n}", themes=["batteries"]) for n in range(RELATED_LIMIT + 5)]
    assert _ids(rows)["a0"] == [f"a{n}" for n in range(1, RELATED_LIMIT + 1)]


_tag_lists = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_tag_lists, _tag_lists), max_size=30))
def test_ranking_matches_its_definition(tagged: list[tuple[list[str], list[str]]]) -> None:
    rows = [
        _row(f"a{n}", regions=regions, themes=themes) for n, (regions, themes) in enumerate(tagged)
    ]
    assert _ids(rows) == _reference(rows)


# Rare and common tags mixed, as in a real corpus: a few tags most briefings carry, many that
# a handful do. Ranking gathers candidates from the rarest tags and stops early; the result
# must be the definition's.
_skewed_tags = st.lists(
    st.one_of(st.sampled_from(["korea", "china", "batteries"]), st.integers(0, 60).map(str)),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_skewed_tags, _skewed_tags), min_size=20, max_size=120))
def test_early_stopping_ranks_as_defined(tagged: list[tuple[list[str], list[str]]]) -> None:
    rows = [
        _row(f"a{n}", regions=regions, companies=companies)
        for n, (regions, companies) in enumerate(tagged)
    ]
    with pytest.MonkeyPatch.context() as patch:
        # Never fall back to scoring every briefing, so the early stop is what is tested.
        patch.setattr(related, "RELATED_DENSE_SHARE", 0)
        assert _ids(rows) == _reference(rows)


def test_scoring_every_briefing_at_once_ranks_as_defined(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        _row(f"a{n}", regions=["korea", "korea"][: 1 + n % 2], companies=[str(n % 7)])
        for n in range(40)
    ]
    monkeypatch.setattr(related, "RELATED_DENSE_SHARE", 10**6)  # every pool counts as large
    assert _ids(rows) == _reference(rows)


# A corpus as (id, date, regions, companies); edits to it between two runs.
_briefings = st.lists(
    st.tuples(st.integers(0, 5).map(lambda d: f"2025-0{d + 1}-01"), _skewed_tags, _skewed_tags),
    min_size=5,
    max_size=60,
)
_edits = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove", "retag", "redate"]),
        st.integers(0, 10**6),
        _skewed_tags,
        st.integers(0, 5),
    ),
    max_size=6,
)


def _listing(briefings: dict[str, tuple[str, list[str], list[str]]]) -> list[Ranked]:
    """Rows in listing order: newest first, then by id."""
    order = sorted(briefings, key=lambda key: (briefings[key][0], key[::-1]), reverse=True)
    return [
        ranked(key, date, key, {"regions": regions, "companies": companies})
        for key in order
        for date, regions, companies in [briefings[key]]
    ]


@settings(max_examples=120, deadline=None)
@given(_briefings, _edits, st.booleans())
def test_ranking_brought_up_to_date_is_ranking_from_scratch(
    start: list[tuple[str, list[str], list[str]]],
    edits: list[tuple[str, int, list[str], int]],
    through_cache: bool,
) -> None:
    briefings = {f"a{n}": entry for n, entry in enumerate(start)}
    memory = RelatedMemory()
    rank_related(_listing(briefings), memory)
    for number, (edit, pick, tags, day) in enumerate(edits):
        key = sorted(briefings)[pick % len(briefings)] if briefings else None
        if edit == "add" or key is None:
            briefings[f"new{number}"] = (f"2025-0{day + 1}-01", tags, ["korea"])
        elif edit == "remove":
            del briefings[key]
        elif edit == "retag":
            briefings[key] = (briefings[key][0], tags, briefings[key][2])
        else:
            briefings[key] = (f"2025-0{day + 1}-01", *briefings[key][1:])
    if through_cache:
        memory = RelatedMemory.load(memory.render_record(SALT), SALT)
    rows = _listing(briefings)
    assert _ids(rows, memory) == _reference(rows)
    assert _ids(rows, RelatedMemory.load(memory.render_record(SALT), SALT)) == _reference(rows)


def test_one_new_briefing_ranks_afresh_only_what_it_can_move() -> None:
    rows = [
        _row(f"a{n:03}", regions=["korea", f"city{n % 40}"], companies=[f"firm{n % 25}"])
        for n in range(400)
    ]
    memory = RelatedMemory()
    rank_related(rows, memory)
    assert memory.ranked_afresh == len(rows)
    rows.insert(0, _row("fresh", regions=["korea", "city3"], companies=["firm7"]))
    assert _ids(rows, memory) == _reference(rows)
    # The fresh briefing and the carriers of a tag whose weight moved (city3: 10 -> 11 carriers
    # keeps its power of two; korea 400 -> 401 keeps it; firm7: 16 -> 17 passes one).
    assert memory.ranked_afresh == 1 + 16


def test_a_damaged_or_stale_memory_ranks_everything_afresh() -> None:
    rows = [_row(f"a{n}", themes=["batteries"]) for n in range(10)]
    memory = RelatedMemory()
    rank_related(rows, memory)
    record = memory.render_record(SALT)
    for text in (record[:-20], record.replace('"salt":"test"', '"salt":"other"'), None, "[]"):
        loaded = RelatedMemory.load(text, SALT)
        assert loaded.best == {}
        assert _ids(rows, loaded) == _reference(rows)


def test_a_kept_list_naming_a_briefing_the_memory_never_saw_is_ranked_afresh() -> None:
    rows = [_row(f"a{n}", themes=["batteries"]) for n in range(10)]
    memory = RelatedMemory()
    rank_related(rows, memory)
    memory.best["a3"] = [("ghost", 1 << 40)]  # a hand-edited cache file
    assert _ids(rows, memory) == _reference(rows)
    assert memory.ranked_afresh == 1


def test_a_fingerprint_is_of_the_values_not_of_which_objects_hold_them() -> None:
    kind = "regions"
    shared = Ranked("a", ("2025-01-01", "t"), {(kind, "korea"): 1, (kind, "busan"): 2})
    # The same values in objects of their own: a row read from another run's files.
    fresh = "".join(["reg", "ions"])
    separate = Ranked("a", ("2025-01-01", "t"), {(fresh, "korea"): 1, ("".join(fresh), "busan"): 2})
    assert shared.fingerprint() == separate.fingerprint()
    moved = Ranked("a", ("2025-01-01", "t"), {(kind, "korea"): 2, (kind, "busan"): 1})
    assert moved.fingerprint() != shared.fingerprint()
