"""The cross-reference index: related briefings ranked by the tags they share."""

from __future__ import annotations

from collections import defaultdict
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import index
from generator.index import RELATED_LIMIT, _related_briefings


def _coverage(article_id: str, **tags: list[str]) -> Any:
    """A stand-in for Coverage with only what ranking reads: the briefing's id and tags."""
    return SimpleNamespace(
        briefing=SimpleNamespace(tags=tags, article=SimpleNamespace(id=article_id))
    )


def _ids(related: dict[str, list[Any]]) -> dict[str, list[str]]:
    return {key: [c.briefing.article.id for c in value] for key, value in related.items()}


def _reference(coverages: list[Any]) -> dict[str, list[str]]:
    """The ranking as defined: sum 1/n over shared tags, highest first, earlier on ties."""
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, coverage in enumerate(coverages):
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                owners[(kind, entity_id)].append(position)
    result = {}
    for position, coverage in enumerate(coverages):
        shared: dict[int, float] = defaultdict(float)
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                others = owners[(kind, entity_id)]
                for other in others:
                    if other != position:
                        shared[other] += 1.0 / len(others)
        best = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0]))[:RELATED_LIMIT]
        result[coverage.briefing.article.id] = [coverages[o].briefing.article.id for o, _ in best]
    return result


def test_a_rare_shared_tag_outranks_a_common_one_and_ties_keep_the_newer_first() -> None:
    # Newest first: the list order is the order ties are settled in.
    coverages = [
        _coverage("newest", regions=["south-korea"]),
        _coverage("pohang-battery", regions=["south-korea", "pohang"], themes=["batteries"]),
        _coverage("pohang-steel", regions=["south-korea", "pohang"]),
        _coverage("seoul", regions=["south-korea", "seoul"]),
        _coverage("alone", themes=["quantum"]),
    ]
    related = _ids(_related_briefings(coverages))
    assert related["pohang-steel"] == ["pohang-battery", "newest", "seoul"]
    assert related["newest"] == ["pohang-battery", "pohang-steel", "seoul"]
    assert related["alone"] == []


def test_at_most_the_limit_are_listed() -> None:
    coverages = [_coverage(f"a{n}", themes=["batteries"]) for n in range(RELATED_LIMIT + 5)]
    related = _ids(_related_briefings(coverages))
    assert related["a0"] == [f"a{n}" for n in range(1, RELATED_LIMIT + 1)]


_tag_lists = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_tag_lists, _tag_lists), max_size=30))
def test_ranking_matches_its_definition(tagged: list[tuple[list[str], list[str]]]) -> None:
    coverages = [
        _coverage(f"a{n}", regions=regions, themes=themes)
        for n, (regions, themes) in enumerate(tagged)
    ]
    assert _ids(_related_briefings(coverages)) == _reference(coverages)


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
    coverages = [
        _coverage(f"a{n}", regions=regions, companies=companies)
        for n, (regions, companies) in enumerate(tagged)
    ]
    with pytest.MonkeyPatch.context() as patch:
        # Never fall back to scoring every briefing, so the early stop is what is tested.
        patch.setattr(index, "RELATED_DENSE_SHARE", 0)
        assert _ids(_related_briefings(coverages)) == _reference(coverages)


def test_scoring_every_briefing_at_once_ranks_as_defined(monkeypatch: pytest.MonkeyPatch) -> None:
    coverages = [
        _coverage(f"a{n}", regions=["korea", "korea"][: 1 + n % 2], companies=[str(n % 7)])
        for n in range(40)
    ]
    monkeypatch.setattr(index, "RELATED_DENSE_SHARE", 10**6)  # every pool counts as large
    assert _ids(_related_briefings(coverages)) == _reference(coverages)
