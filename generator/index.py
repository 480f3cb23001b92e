"""Index stage: every briefing against every entity, the cross-reference graph pages need.

Backlinks need the whole graph, so this runs once over all publications before rendering.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy

from generator.model import ENTITY_KINDS, Briefing, Figure, Mention, Publication
from generator.taxonomy import Entity, Taxonomy
from generator.text import normalize_title

# How many related briefings an article page lists.
RELATED_LIMIT = 6


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


def breadcrumbs_of(region_id: str, taxonomy: Taxonomy) -> list[str]:
    """List a region's ancestors, outermost first, stopping at a loop."""
    chain: list[str] = []
    entity = taxonomy.get("regions", region_id)
    while entity is not None and entity.fields.get("parent"):
        parent = taxonomy.get("regions", entity.fields["parent"])
        if parent is None or parent.id in chain or parent.id == region_id:
            break
        chain.insert(0, parent.id)
        entity = parent
    return chain


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
    a country named everywhere says little about relatedness. The scores of all briefings are
    summed in one array per briefing (in the order of its tags, so the sums are the same on
    every run); a loop over pairs in Python took a minute at a thousand documents.
    """
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for position, coverage in enumerate(coverages):
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                owners[(kind, entity_id)].append(position)
    groups = {
        key: (numpy.array(positions, dtype=numpy.intp), 1.0 / len(positions))
        for key, positions in owners.items()
    }
    scores = numpy.zeros(len(coverages))
    related: dict[str, list[Coverage]] = {}
    for position, coverage in enumerate(coverages):
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                others, weight = groups[(kind, entity_id)]
                numpy.add.at(scores, others, weight)  # a position listed twice counts twice
        scores[position] = 0.0
        related[coverage.briefing.article.id] = [
            coverages[other] for other in _best_positions(scores, RELATED_LIMIT)
        ]
        scores[:] = 0.0
    return related


def _best_positions(scores: numpy.ndarray, limit: int) -> list[int]:
    """The positions of the `limit` highest positive scores; the lower position wins a tie."""
    candidates = numpy.flatnonzero(scores)
    if len(candidates) > limit:
        # Everything below the limit-th highest score is out; ties at it are settled below.
        threshold = numpy.partition(scores[candidates], len(candidates) - limit)[-limit]
        candidates = candidates[scores[candidates] >= threshold]
    order = numpy.lexsort((candidates, -scores[candidates]))[:limit]
    return [int(position) for position in candidates[order]]
