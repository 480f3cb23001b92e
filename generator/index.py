"""Index stage: every briefing against every entity, the cross-reference graph pages need.

Backlinks need the whole graph, so this runs once over all publications before rendering.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy

from generator.model import ENTITY_KINDS, Briefing, Figure, Mention, Publication, mentions_of
from generator.parallel import run_beside
from generator.related import RelatedMemory, rank_related, ranked
from generator.taxonomy import Entity, Taxonomy, breadcrumbs_of
from generator.text import normalize_title

# How many entities of each kind an entity page lists as often tagged together with it.
CO_OCCURRING_LIMIT = 8


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
    # The briefings tagging it, newest first, as listed before the sentence naming it is
    # looked up (see quote).
    listings: list[Coverage] = field(default_factory=list)
    # kind -> (id, times tagged together), the most frequent first, at most CO_OCCURRING_LIMIT
    related: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    children: list[str] = field(default_factory=list)  # child region ids with pages
    authored: list[Coverage] = field(default_factory=list)  # articles a company wrote

    def quote(self, listings: Iterable[Coverage]) -> list[Coverage]:
        """The listings with the first sentence naming the entity in each.

        Looked up only for what a page shows: a run that reuses an entity's pages never needs
        it, and the lookups for every listing of a large corpus are a fifth of the index.
        """
        return [_first_mention(listing, self._named(listing)) for listing in listings]

    def figures_in(
        self, listings: Iterable[Coverage], limit: int | None = None
    ) -> list[tuple[Figure, Coverage]]:
        """The figures of these listings whose sentence names the entity; the first `limit`."""
        figures: list[tuple[Figure, Coverage]] = []
        for listing in listings:
            if limit is not None and len(figures) >= limit:
                break
            if listing.briefing.figures:  # most have none: their mentions need not be read
                figures.extend(_figures_about(listing, self._named(listing)))
        return figures[:limit]

    def _named(self, listing: Coverage) -> list[Mention]:
        """The entity's mentions in a listed briefing, in text order."""
        return mentions_of(listing.briefing.mentions, self.entity.kind, self.entity.id)


@dataclass(frozen=True)
class SiteIndex:
    """The graph: entity entries by kind and id, and related briefings by article id."""

    entries: dict[str, dict[str, EntityEntry]]
    related: dict[str, list[Coverage]]
    breadcrumbs: dict[str, list[str]]  # region id -> ancestor ids, outermost first

    def has_page(self, kind: str, entity_id: str) -> bool:
        """Tell whether an entity has a page (it is covered, or is an ancestor of one)."""
        return entity_id in self.entries[kind]


def build_index(
    publications: Sequence[Publication],
    taxonomy: Taxonomy,
    related: RelatedMemory | None = None,
) -> SiteIndex:
    """Gather, for each entity, the briefings, sentences and figures that concern it.

    What an entry quotes of each listing (the sentence naming the entity, the figures about
    it) is a function of the listing (its briefing, publication and date) and the entity
    alone: page reuse relies on it to stand for an entity's quotes by its listings' digests.

    Args:
        publications: every document as curated.
        taxonomy: the entities tags and mentions name.
        related: the related briefings the last run ranked; brought up to date here.
    """
    coverages = [
        _coverage(briefing, publication)
        for publication in publications
        for briefing in publication.briefings
    ]
    coverages.sort(key=lambda c: (c.briefing.title.casefold(), c.briefing.article.id))
    coverages.sort(key=lambda c: c.date or "", reverse=True)
    # Ranking related briefings and gathering the entities' entries take about as long, and
    # neither reads the other: they run side by side, on two cores where there are.
    (best, ranked_memory), (entries, breadcrumbs) = run_beside(
        functools.partial(_rank_related, coverages, related),
        functools.partial(_gather_entries, coverages, taxonomy),
        len(coverages),
    )
    if related is not None:
        vars(related).update(vars(ranked_memory))  # ranked in another process, maybe
    listed = {
        coverage.briefing.article.id: [coverages[other] for other in others]
        for coverage, others in zip(coverages, best, strict=True)
    }
    return SiteIndex(entries, listed, breadcrumbs)


def _gather_entries(
    coverages: list[Coverage], taxonomy: Taxonomy
) -> tuple[dict[str, dict[str, EntityEntry]], dict[str, list[str]]]:
    """Each entity's entry (its listings, what it wrote, the others tagged with it, its child
    regions), by kind and id in id order; and each covered region's ancestors."""
    entries: dict[str, dict[str, EntityEntry]] = {kind: {} for kind in ENTITY_KINDS}
    covered: list[tuple[int, str, str]] = []  # (position, kind, entity id) per coverage listed
    for position, coverage in enumerate(coverages):
        for kind, ids in coverage.briefing.tags.items():
            for entity_id in ids:
                entity = taxonomy.get(kind, entity_id)
                if entity is None:
                    continue
                entry = entries[kind].get(entity.id)
                if entry is None:  # not setdefault: an entry is made once, not per listing
                    entry = entries[kind][entity.id] = EntityEntry(entity)
                entry.listings.append(coverage)
                covered.append((position, kind, entity.id))
    _add_authored(entries, coverages, taxonomy)
    breadcrumbs = _add_region_ancestors(entries, taxonomy)
    _add_co_occurring(entries, coverages, covered)
    children: dict[str, set[str]] = defaultdict(set)
    for region_id, crumbs in breadcrumbs.items():
        if crumbs:
            children[crumbs[-1]].add(region_id)
    for entry in entries["regions"].values():
        # A zone that spans regions (an economic circle over a city and a province) lists
        # them with its own children.
        spanned = [
            region_id
            for region_id in entry.entity.fields.get("spans") or ()
            if isinstance(region_id, str) and region_id in entries["regions"]
        ]
        entry.children = sorted({*spanned, *children[entry.entity.id]})
    return {kind: dict(sorted(entries[kind].items())) for kind in ENTITY_KINDS}, breadcrumbs


def _coverage(briefing: Briefing, publication: Publication) -> Coverage:
    return Coverage(briefing, publication, briefing.date or publication.date, "", "")


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
    if not mentions or not coverage.briefing.figures:
        return []
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


def _add_co_occurring(
    entries: dict[str, dict[str, EntityEntry]],
    coverages: list[Coverage],
    covered: list[tuple[int, str, str]],
) -> None:
    """Give each entity the others tagged together with it that have pages: the
    CO_OCCURRING_LIMIT most frequent of each kind, most first, then by id.

    Each listing of an entity pairs with each tag of its briefing: the pairs number about the
    corpus times its tags squared (840,000 for 1,000 documents), so they are counted as arrays.
    """
    keys = [(kind, entity_id) for kind in ENTITY_KINDS for entity_id in sorted(entries[kind])]
    codes = {key: code for code, key in enumerate(keys)}  # in id order within each kind
    tags: list[int] = []  # every briefing's tags that have pages, as codes, briefing by briefing
    lengths: list[int] = []
    for coverage in coverages:
        found = [
            codes[(kind, entity_id)]
            for kind, ids in coverage.briefing.tags.items()
            for entity_id in ids
            if (kind, entity_id) in codes
        ]
        tags.extend(found)
        lengths.append(len(found))
    if not covered or not tags:
        return
    positions = numpy.array([position for position, _, _ in covered], dtype=numpy.int64)
    left_codes = numpy.array([codes[(kind, i)] for _, kind, i in covered], dtype=numpy.int64)
    tag_codes = numpy.array(tags, dtype=numpy.int64)
    runs = numpy.array(lengths, dtype=numpy.int64)
    starts = numpy.cumsum(runs) - runs
    # Pair each listing with every tag of its briefing.
    widths = runs[positions]
    firsts = numpy.cumsum(widths) - widths
    offsets = numpy.repeat(starts[positions] - firsts, widths) + numpy.arange(widths.sum())
    left = numpy.repeat(left_codes, widths)
    right = tag_codes[offsets]
    apart = left != right  # an entity is not tagged together with itself
    pairs, counts = numpy.unique(left[apart] * len(keys) + right[apart], return_counts=True)
    left, right = pairs // len(keys), pairs % len(keys)
    kinds = numpy.array([ENTITY_KINDS.index(kind) for kind, _ in keys], dtype=numpy.int64)[right]
    order = numpy.lexsort((right, -counts, kinds, left))
    left, right, counts, kinds = left[order], right[order], counts[order], kinds[order]
    # Each row's rank within its (entity, kind of the other): rows since its group began.
    rows = numpy.arange(len(order))
    group = left * len(ENTITY_KINDS) + kinds
    begins = numpy.r_[True, group[1:] != group[:-1]]
    ranks = rows - numpy.maximum.accumulate(numpy.where(begins, rows, 0))
    listed_rows = ranks < CO_OCCURRING_LIMIT
    # As Python lists at once: reading numpy arrays element by element costs more than this.
    for left_code, right_code, count in zip(
        left[listed_rows].tolist(),
        right[listed_rows].tolist(),
        counts[listed_rows].tolist(),
        strict=True,
    ):
        kind, entity_id = keys[left_code]
        other_kind, other_id = keys[right_code]
        entries[kind][entity_id].related.setdefault(other_kind, []).append((other_id, count))


def _rank_related(
    coverages: list[Coverage], memory: RelatedMemory | None
) -> tuple[list[list[int]], RelatedMemory]:
    """For each briefing, the positions of the others sharing most entities and themes (see
    related); and the memory, brought up to date."""
    memory = memory if memory is not None else RelatedMemory()
    rows = [
        ranked(c.briefing.article.id, c.date or "", c.briefing.title.casefold(), c.briefing.tags)
        for c in coverages
    ]
    return rank_related(rows, memory), memory
