"""Entity extraction held to the hand-made gold file: a drop below a pinned floor fails.

The floors sit a little below what `python -m benchmarks.entity_quality` measured when they
were set, as trafilatura's evaluation gate does; raise them when the generator improves.
"""

from __future__ import annotations

import pytest

from benchmarks.entity_quality import (
    GoldArticle,
    Score,
    differences,
    load_gold,
    score,
    tag_articles,
)
from generator.build import Report
from generator.model import ENTITY_KINDS
from generator.taxonomy import load_taxonomy
from tests.helpers import ROOT

# (precision, recall) floors per kind. Measured on 12 gold articles, 124 tags:
# regions 0.776/1.000, companies 0.941/0.941, organizations 0.774/1.000, people 1.000/1.000,
# themes 0.676/1.000, all 0.794/0.992 (F1 0.882).
FLOORS = {
    "regions": (0.74, 0.95),
    "companies": (0.88, 0.88),
    "organizations": (0.72, 0.95),
    "people": (0.93, 0.93),
    "themes": (0.62, 0.95),
}
F1_FLOOR = 0.85


@pytest.fixture(scope="module")
def gold() -> list[GoldArticle]:
    return load_gold()


@pytest.fixture(scope="module")
def scores(gold: list[GoldArticle], seeded_report: Report) -> dict[str, Score]:
    return score(gold, tag_articles(seeded_report))


def test_the_gold_file_covers_every_seed_and_names_only_known_ids(
    gold: list[GoldArticle], seeded_report: Report
) -> None:
    assert len(gold) >= 10
    # All five shipped seeds: the story, both bulletins, the magazine and the compendium.
    sources = {article.source for article in gold}
    assert len(sources) == 5 and all((ROOT / source).is_file() for source in sources)
    assert len({article.article for article in gold}) == len(gold)
    produced = tag_articles(seeded_report)
    taxonomy, _ = load_taxonomy(ROOT / "content")
    for article in gold:
        assert article.article in produced, f"no article {article.article} in the run"
        for kind in ENTITY_KINDS:
            unknown = {i for i in article.tags[kind] if taxonomy.get(kind, i) is None}
            assert not unknown, f"{article.article}: unknown {kind} {sorted(unknown)}"


@pytest.mark.parametrize("kind", ENTITY_KINDS)
def test_precision_and_recall_stay_above_their_floors(scores: dict[str, Score], kind: str) -> None:
    precision, recall = FLOORS[kind]
    measured = scores[kind]
    assert measured.precision >= precision, f"{kind} precision fell to {measured.precision:.3f}"
    assert measured.recall >= recall, f"{kind} recall fell to {measured.recall:.3f}"


def test_micro_averaged_f1_stays_above_its_floor(scores: dict[str, Score]) -> None:
    found = sum(s.true_positives for s in scores.values())
    total = Score(
        "all",
        found,
        sum(s.false_positives for s in scores.values()),
        sum(s.false_negatives for s in scores.values()),
    )
    assert total.f1 >= F1_FLOOR, f"F1 fell to {total.f1:.3f}"


def test_scores_are_micro_averaged_and_differences_listed() -> None:
    gold = [
        GoldArticle("a", "seeds/a.txt", {k: frozenset() for k in ENTITY_KINDS}),
        GoldArticle(
            "b",
            "seeds/b.txt",
            {**{k: frozenset() for k in ENTITY_KINDS}, "regions": frozenset({"x", "y", "z"})},
        ),
    ]
    predicted = {
        "a": {**{k: frozenset() for k in ENTITY_KINDS}, "regions": frozenset({"w"})},
        "b": {**{k: frozenset() for k in ENTITY_KINDS}, "regions": frozenset({"x", "y"})},
    }
    regions = score(gold, predicted)["regions"]
    assert (regions.true_positives, regions.false_positives, regions.false_negatives) == (2, 1, 1)
    assert regions.precision == pytest.approx(2 / 3) and regions.recall == pytest.approx(2 / 3)
    assert score(gold, predicted)["people"].f1 == 1.0  # nothing expected, nothing found
    assert [(d.article, d.missed, d.extra) for d in differences(gold, predicted)] == [
        ("a", (), ("w",)),
        ("b", ("z",), ()),
    ]
    # An article the run did not produce counts as tagged with nothing.
    assert score(gold, {})["regions"].recall == 0.0
