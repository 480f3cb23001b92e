"""Index stage: every briefing against every entity, the cross-reference graph pages need.

Backlinks need the whole graph, so this runs once over all publications before rendering.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy

from generator.model import ENTITY_KINDS, Briefing, Figure, Mention, Publication
from generator.taxonomy import Entity, Taxonomy, breadcrumbs_of
from generator.text import normalize_title

# How many related briefings an article page lists.
RELATED_LIMIT = 6
# A briefing whose candidates pool would hold more than a quarter of the corpus is scored
# against every briefing at once: cheaper than pooling that many.
RELATED_DENSE_SHARE = 4
# Scores summed in different orders may differ in their last bits; a bound is raised by this
# much before a score is taken to beat it.
FLOAT_MARGIN = 1 + 1e-9


@dataclass(frozen=True)
class Coverage:
    """One briefing as an entity's page lists it."""

    briefing: Briefing
    publication: Publication
    date: str | None  # the briefing's date, else its document's
    sentence: str  # the first sentence naming the entity ("" when only a curator tagged it)
    paragraph: str  # that sentence's paragraph id


@dataclass
class EntityEntry:
    """Everything the site knows about one entity."""

    entity: Entity
    coverage: list[Coverage] = field(default_factory=list)  # newest first
    figures: list[tuple[Figure, Coverage]] = field(default_factory=list)
    related: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # kind -> (id, n)
    children: list[str] = field(default_factory=list)  # child region ids with pages
    authored: list[Coverage] = field(default_factory=list)  # articles a company wrote


@dataclass(frozen=True)
class SiteIndex:
    """The graph: entity entries by kind and id, and related briefings by article id."""

    entries: dict[str, dict[str, EntityEntry]]
    related: dict[str, list[Coverage]]
    breadcrumbs: dict[str, list[str]]  # region id -> ancestor ids, outermost first

    def has_page(self, kind: str, entity_id: str) -> bool:
        """Tell whether an entity has a page (it is covered, or is an ancestor of one)."""
        return entity_id in self.entries[kind]


def build_index(publications: Sequence[Publication], taxonomy: Taxonomy) -> SiteIndex:
    """Gather, for each entity, the briefings, sentences and figures that concern it."""
    entries: dict[str, dict[str, EntityEntry]] = {kind: {} for kind in ENTITY_KINDS}
    coverages = [
        _coverage(briefing, publication)
        for publication in publications
        for briefing in publication.briefings
    ]
    coverages.sort(key=lambda c: (c.briefing.title.casefold(), c.briefing.article.id))
    coverages.sort(key=lambda c: c.date or "", reverse=True)
    for coverage in coverages:
        mentions = _mentions_by_entity(coverage.briefing)
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                entity = taxonomy.get(kind, entity_id)
                if entity is None:
                    continue
                entry = entries[kind].setdefault(entity.id, EntityEntry(entity))
                named = mentions.get((kind, entity.id), [])
                entry.coverage.append(_first_mention(coverage, named))
                entry.figures.extend(_figures_about(coverage, named))
    _add_authored(entries, coverages, taxonomy)
    breadcrumbs = _add_region_ancestors(entries, taxonomy)
    for kind in ENTITY_KINDS:
        for entry in entries[kind].values():
            entry.related = _co_occurring(entry, kind)
    for entry in entries["regions"].values():
        # A zone that spans regions (an economic circle over a city and a province) lists
        # them with its own children.
        spanned = [
            region_id
            for region_id in entry.entity.fields.get("spans") or ()
            if isinstance(region_id, str) and region_id in entries["regions"]
        ]
        entry.children = sorted(
            {
                *spanned,
                *(
                    region_id
                    for region_id, crumbs in breadcrumbs.items()
                    if crumbs and crumbs[-1] == entry.entity.id
                ),
            }
        )
    sorted_entries = {kind: dict(sorted(entries[kind].items())) for kind in ENTITY_KINDS}
    return SiteIndex(sorted_entries, _related_briefings(coverages), breadcrumbs)


def _coverage(briefing: Briefing, publication: Publication) -> Coverage:
    return Coverage(briefing, publication, briefing.date or publication.date, "", "")


def _mentions_by_entity(briefing: Briefing) -> dict[tuple[str, str], list[Mention]]:
    """A briefing's mentions by (kind, entity id), in text order."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for mention in briefing.mentions:
        grouped[(mention.kind, mention.entity)].append(mention)
    return grouped


def _first_mention(coverage: Coverage, mentions: list[Mention]) -> Coverage:
    """The coverage quoting the first of an entity's mentions in the briefing."""
    if not mentions:
        return coverage
    return Coverage(
        coverage.briefing,
        coverage.publication,
        coverage.date,
        mentions[0].sentence,
        mentions[0].paragraph,
    )


def _figures_about(coverage: Coverage, mentions: list[Mention]) -> list[tuple[Figure, Coverage]]:
    """Figures whose sentence names the entity (in one of its mentions) are figures about it."""
    sentences = {m.sentence for m in mentions}
    return [
        (figure, coverage)
        for figure in coverage.briefing.figures
        if figure.sentence and figure.sentence in sentences
    ]


def _add_authored(
    entries: dict[str, dict[str, EntityEntry]], coverages: list[Coverage], taxonomy: Taxonomy
) -> None:
    """Attach articles a company wrote (the compendium's) to that company's page."""
    by_name = {
        normalize_title(form): entity
        for entity in taxonomy.active("companies")
        for form in entity.forms
    }
    for coverage in coverages:
        company = coverage.briefing.article.company
        entity = by_name.get(normalize_title(company)) if company else None
        if entity is not None:
            entry = entries["companies"].setdefault(entity.id, EntityEntry(entity))
            entry.authored.append(coverage)


def _add_region_ancestors(
    entries: dict[str, dict[str, EntityEntry]], taxonomy: Taxonomy
) -> dict[str, list[str]]:
    """Give every covered region's ancestors a page too, so breadcrumbs never dead-end."""
    for region_id in list(entries["regions"]):
        for ancestor in breadcrumbs_of(region_id, taxonomy):
            parent = taxonomy.get("regions", ancestor)
            if parent is not None:
                entries["regions"].setdefault(ancestor, EntityEntry(parent))
    return {
        region_id: breadcrumbs_of(region_id, taxonomy) for region_id in sorted(entries["regions"])
    }


def _co_occurring(entry: EntityEntry, own_kind: str) -> dict[str, list[tuple[str, int]]]:
    """Count the other entities tagged together with this one, most frequent first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for coverage in entry.coverage:
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                if not (kind == own_kind and entity_id == entry.entity.id):
                    counts[kind][entity_id] += 1
    return {
        kind: sorted(counts[kind].items(), key=lambda pair: (-pair[1], pair[0]))
        for kind in ENTITY_KINDS
        if counts[kind]
    }


def _related_briefings(coverages: list[Coverage]) -> dict[str, list[Coverage]]:
    """For each briefing, the others sharing most entities and themes, newest first on ties.

    A briefing scores 1/n for every tag it shares, n being how many briefings carry the tag:
    a country named everywhere says little about relatedness. Scoring every pair grows with
    the square of the corpus, so each briefing's candidates are gathered from its rarest tags
    first, and gathering stops once its best scores beat anything its remaining, commoner
    tags could give a briefing not gathered (see _row_best); the result is the same.
    """
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, coverage in enumerate(coverages):
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                owners[(kind, entity_id)].append(position)
    groups = {key: _TagGroup.of(positions) for key, positions in owners.items()}
    related: dict[str, list[Coverage]] = {}
    for position, coverage in enumerate(coverages):
        row = [
            (kind, entity_id) for kind, ids in coverage.briefing.tags.items() for entity_id in ids
        ]
        best = _row_best(position, row, groups, len(coverages))
        related[coverage.briefing.article.id] = [coverages[other] for other in best]
    return related


@dataclass(frozen=True)
class _TagGroup:
    """The briefings carrying one tag, for ranking: how many times each carries it (once,
    unless it lists the tag twice) and the weight each shared occurrence adds."""

    members: dict[int, int]  # position -> occurrences
    positions: numpy.ndarray  # every occurrence's position, for scoring all briefings at once
    weight: float
    repeats: int  # the most occurrences in one briefing

    @classmethod
    def of(cls, positions: list[int]) -> _TagGroup:
        members = Counter(positions)
        return cls(
            dict(members),
            numpy.array(positions, dtype=numpy.intp),
            1.0 / len(positions),
            max(members.values()),
        )


def _row_best(
    position: int, row: list[tuple[str, str]], groups: dict[tuple[str, str], _TagGroup], total: int
) -> list[int]:
    """The RELATED_LIMIT best positions for the briefing at `position`, whose tags are `row`.

    Tags are taken rarest first; a briefing carrying none of those taken so far scores at most
    the weights of the rest (`bound`), so once the limit-th best score of those gathered is
    above it, no other briefing can enter the list.
    """
    counts = Counter(row)
    order = sorted(counts, key=lambda key: (len(groups[key].members), key))
    # What the tags after each step can still add to a briefing (exactly 0 after the last).
    bounds = [0.0] * len(order)
    for step in range(len(order) - 2, -1, -1):
        key = order[step + 1]
        bounds[step] = bounds[step + 1] + groups[key].weight * groups[key].repeats * counts[key]
    pool: set[int] = set()
    scores: dict[int, float] = {}  # a briefing's score is over the whole row: taken once
    for step, key in enumerate(order):
        pool.update(groups[key].members)
        last = step == len(order) - 1
        if not last and len(pool) <= RELATED_LIMIT:
            continue  # too few to fill the list: take the next tag before scoring
        if len(pool) * RELATED_DENSE_SHARE > total:
            return _best_positions(_dense_scores(position, row, groups, total), RELATED_LIMIT)
        for other in pool.difference(scores, (position,)):
            scores[other] = _score(other, row, groups)
        best = heapq.nsmallest(
            RELATED_LIMIT, ((-score, other) for other, score in scores.items() if score > 0)
        )
        if last or (len(best) == RELATED_LIMIT and -best[-1][0] > bounds[step] * FLOAT_MARGIN):
            return [other for _, other in best]
    return []


def _score(
    other: int, row: list[tuple[str, str]], groups: dict[tuple[str, str], _TagGroup]
) -> float:
    """One briefing's score: a weight per shared occurrence, added in the row's order (the
    order every run adds them in, so equal inputs give equal sums)."""
    score = 0.0
    for key in row:
        group = groups[key]
        for _ in range(group.members.get(other, 0)):
            score += group.weight
    return score


def _dense_scores(
    position: int, row: list[tuple[str, str]], groups: dict[tuple[str, str], _TagGroup], total: int
) -> numpy.ndarray:
    """Score every briefing at once, when the pool would hold most of them anyway."""
    scores = numpy.zeros(total)
    for key in row:
        group = groups[key]
        numpy.add.at(scores, group.positions, group.weight)  # a position listed twice, twice
    scores[position] = 0.0
    return scores


def _best_positions(scores: numpy.ndarray, limit: int) -> list[int]:
    """The positions of the `limit` highest positive scores; the lower position wins a tie."""
    candidates = numpy.flatnonzero(scores)
    if len(candidates) > limit:
        # Everything below the limit-th highest score is out; ties at it are settled below.
        threshold = numpy.partition(scores[candidates], len(candidates) - limit)[-limit]
        candidates = candidates[scores[candidates] >= threshold]
    order = numpy.lexsort((candidates, -scores[candidates]))[:limit]
    return [int(position) for position in candidates[order]]
