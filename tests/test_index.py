"""The cross-reference index: entities tagged together, counted as their pages list them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.index import CO_OCCURRING_LIMIT, build_index
from generator.model import (
    ENTITY_KINDS,
    Article,
    Briefing,
    Document,
    Figure,
    Mention,
    PackedMentions,
    Publication,
)
from generator.taxonomy import Entity, Taxonomy

# A few entities of two kinds, one merged into another: a tag naming it counts for its survivor
# (where the briefing is listed), never as an entity of its own.
_REGIONS = [f"r{n}" for n in range(12)]
_COMPANIES = [f"c{n}" for n in range(12)]


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    for entity_id in _REGIONS:
        taxonomy.add(Entity(entity_id, "regions", entity_id.upper()))
    for entity_id in _COMPANIES:
        taxonomy.add(Entity(entity_id, "companies", entity_id.upper()))
    taxonomy.add(Entity("old-c0", "companies", "Old C0", status="merged", merged_into="c0"))
    return taxonomy


def _publication(tagged: list[tuple[list[str], list[str]]]) -> Publication:
    articles = [
        Article(f"a{n}", f"A{n}", None, None, None, (), None, ()) for n in range(len(tagged))
    ]
    document = Document(
        "doc", "seeds/doc.txt", "0", "bulletin", "DOC", None, None, "en", "text", "utf-8",
        tuple(articles),
    )  # fmt: skip
    briefings = tuple(
        Briefing(
            article,
            article.title,
            "2025-01-01",
            "",
            (),
            (),
            {**{kind: () for kind in ENTITY_KINDS}, "regions": tuple(r), "companies": tuple(c)},
            (),
            False,
        )
        for article, (r, c) in zip(articles, tagged, strict=True)
    )
    return Publication(document, "Doc", None, "2025-01-01", "", briefings)


def _reference(
    tagged: list[tuple[list[str], list[str]]], taxonomy: Taxonomy
) -> dict[tuple[str, str], dict[str, list[tuple[str, int]]]]:
    """As defined: each time a briefing is listed on an entity's page, every other tag of it
    with a page counts once; the most frequent of each kind first, then by id."""
    listed: list[tuple[tuple[str, str], list[tuple[str, str]]]] = []
    for regions, companies in tagged:
        tags = [("regions", r) for r in regions] + [("companies", c) for c in companies]
        for kind, entity_id in tags:
            entity = taxonomy.get(kind, entity_id)
            assert entity is not None
            listed.append(((kind, entity.id), tags))
    pages = {key for key, _ in listed}
    result: dict[tuple[str, str], dict[str, list[tuple[str, int]]]] = {}
    for key in pages:
        counts: Counter[tuple[str, str]] = Counter()
        for owner, tags in listed:
            if owner == key:
                counts.update(tag for tag in tags if tag != key and tag in pages)
        result[key] = {}
        for kind in ENTITY_KINDS:
            ranked = sorted(
                ((i, n) for (k, i), n in counts.items() if k == kind),
                key=lambda pair: (-pair[1], pair[0]),
            )
            if ranked:
                result[key][kind] = ranked[:CO_OCCURRING_LIMIT]
    return result


_tags = st.tuples(
    st.lists(st.sampled_from(_REGIONS), max_size=5),
    st.lists(st.sampled_from([*_COMPANIES, "old-c0"]), max_size=5),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_tags, max_size=25))
def test_entities_tagged_together_are_counted_as_defined(
    tagged: list[tuple[list[str], list[str]]],
) -> None:
    taxonomy = _taxonomy()
    index = build_index([_publication(tagged)], taxonomy)
    found = {
        (kind, entity_id): entry.related
        for kind in ENTITY_KINDS
        for entity_id, entry in index.entries[kind].items()
    }
    assert found == _reference(tagged, taxonomy)


def test_the_most_frequent_of_each_kind_are_kept_most_first_then_by_id() -> None:
    tagged = [(["r0", f"r{n}"], ["c1"]) for n in range(1, 11)] + [(["r0", "r5"], [])]
    index = build_index([_publication(tagged)], _taxonomy())
    related = index.entries["regions"]["r0"].related
    assert related["regions"] == [
        ("r5", 2),
        *[(f"r{n}", 1) for n in sorted(range(1, 11), key=str) if n != 5][: CO_OCCURRING_LIMIT - 1],
    ]
    assert related["companies"] == [("c1", 10)]
    assert index.entries["companies"]["c1"].related == {
        "regions": [("r0", 10), ("r1", 1), ("r10", 1), ("r2", 1), ("r3", 1), ("r4", 1),
                    ("r5", 1), ("r6", 1)]
    }  # fmt: skip


@pytest.mark.parametrize("pack", [tuple, PackedMentions.of], ids=["made", "kept"])
def test_a_listing_quotes_the_first_sentence_naming_the_entity_and_its_figures(
    pack: Callable[[tuple[Mention, ...]], Sequence[Mention]],
) -> None:
    publication = _publication([(["r1", "r2"], ["c1"]), (["r1"], [])])
    first, second = publication.briefings
    mentions = (
        Mention("c1", "companies", "C1", "p-1", "C1 opens a plant."),  # another entity
        Mention("r1", "companies", "R1", "p-1", "Not the region."),  # same id, another kind
        Mention("r1", "regions", "R1", "p-2", "R1 invests."),
        Mention("r1", "regions", "R1", "p-3", "R1 hires 400 people."),
    )
    figures = (
        Figure("400 people", "hires", "jobs", "p-3", "R1 hires 400 people."),
        Figure("5 plants", "opens", "count", "p-1", "C1 opens a plant."),
    )
    quoted = replace(first, mentions=pack(mentions), figures=figures, date="2025-02-01")
    publication = replace(publication, briefings=(quoted, second))
    index = build_index([publication], _taxonomy())
    region = index.entries["regions"]["r1"]
    assert [(c.briefing, c.sentence, c.paragraph) for c in region.quote(region.listings)] == [
        (quoted, "R1 invests.", "p-2"),
        (second, "", ""),  # tagged, never named
    ]
    assert [(f.value, c.briefing) for f, c in region.figures_in(region.listings)] == [
        ("400 people", quoted)
    ]
    other = index.entries["regions"]["r2"]
    assert [c.sentence for c in other.quote(other.listings)] == [""]
    company = index.entries["companies"]["c1"]
    assert [c.sentence for c in company.quote(company.listings)] == ["C1 opens a plant."]
    assert [f.value for f, _ in company.figures_in(company.listings)] == ["5 plants"]
