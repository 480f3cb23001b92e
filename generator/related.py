"""Related briefings: for each briefing, the others sharing the most tags, the rarest weighing most.

A briefing scores, against another, the weight of every tag they share (times how often each
lists it). A tag n briefings carry weighs 1/n rounded down to a power of two, kept as an integer
(2**WEIGHT_BITS for one carrier): scores are exact whatever order they are added in, and a tag's
weight changes only when its count passes a power of two, so a new briefing leaves the weights
of nearly every tag as they were.

Ranking every briefing from scratch grows with the square of the corpus. A run keeps what it
ranked (RelatedMemory); the next ranks afresh only the briefings a change can have moved (new or
changed ones, those carrying a tag whose weight changed, those whose list held a briefing now
gone or changed) and, for every other briefing, sets the changed briefings against its kept
list: nothing else it scores against has moved. The result is the same as ranking from scratch.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy

from generator.cache import generator_fingerprint, value_bytes

# How many related briefings an article page lists.
RELATED_LIMIT = 6
# A briefing whose candidates pool would hold more than a quarter of the corpus is scored
# against every briefing at once: cheaper than pooling that many.
RELATED_DENSE_SHARE = 4
# The weight of a tag one briefing carries, as a power of two; a score stays far inside int64
# (numpy's) unless two briefings share millions of tag occurrences.
WEIGHT_BITS = 30
# Bump when what the memory holds, or what a score means, changes.
MEMORY_FORMAT = 2
# The memory's file in the cache folder.
RELATED_FILE = "related.json"

Tag = tuple[str, str]  # (kind, entity id)


@dataclass(frozen=True)
class Ranked:
    """One briefing as ranking reads it, given in listing order (ties go to the earlier)."""

    id: str
    order: tuple[str, str]  # what places it in listing order: its date and its title's key
    tags: Mapping[Tag, int]  # tag -> how many times the briefing lists it

    def fingerprint(self) -> str:
        """What ranking reads of the briefing, hashed: equal means it ranks as it did.

        Pickled (see value_bytes), a quarter of the cost of JSON for every briefing of a large
        corpus.
        """
        row = value_bytes((self.order, sorted(self.tags.items())))
        return hashlib.blake2b(row, digest_size=12).hexdigest()


def ranked(article_id: str, date: str, title_key: str, tags: Mapping[str, Sequence[str]]) -> Ranked:
    """Make a briefing's ranking row from its tags by kind."""
    counts: dict[Tag, int] = {}
    for kind, ids in tags.items():
        for entity_id in ids:
            counts[(kind, entity_id)] = counts.get((kind, entity_id), 0) + 1
    return Ranked(article_id, (date, title_key), counts)


def tag_weight(carriers: int) -> int:
    """1/carriers rounded down to a power of two, in units of 2**-WEIGHT_BITS."""
    return 1 << max(0, WEIGHT_BITS - (carriers - 1).bit_length())


@dataclass
class RelatedMemory:
    """What the last ranking saw (each briefing's fingerprint, each tag's count of carriers)
    and what it ranked (each briefing's list, with the scores); a run updates it in place."""

    fingerprints: dict[str, str] = field(default_factory=dict)
    carriers: dict[Tag, int] = field(default_factory=dict)
    best: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    ranked_afresh: int = 0  # how many briefings the last run ranked from scratch

    @classmethod
    def read(cls, path: Path) -> RelatedMemory:
        """Read the memory kept at path, made by this same code; else an empty one."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return cls()
        return cls.load(text, memory_salt())

    @classmethod
    def load(cls, text: str | None, salt: str) -> RelatedMemory:
        """Read a memory kept by render_record; a missing, damaged or stale one holds nothing,
        so everything is ranked afresh."""
        try:
            data = json.loads(text or "")
            if data["salt"] != salt:
                return cls()
            return cls(
                {str(k): str(v) for k, v in data["fingerprints"].items()},
                {(str(kind), str(i)): int(n) for kind, i, n in data["carriers"]},
                {
                    str(k): [(str(other), int(score)) for other, score in v]
                    for k, v in data["best"].items()
                },
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def render_record(self, salt: str) -> str:
        """The memory as sorted JSON, for the cache."""
        data = {
            "salt": salt,
            "fingerprints": self.fingerprints,
            "carriers": sorted([*tag, n] for tag, n in self.carriers.items()),
            "best": self.best,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def memory_salt() -> str:
    """What a memory must have been made by to be used: this format and this code."""
    return f"{MEMORY_FORMAT}/{generator_fingerprint()}"


def rank_related(rows: Sequence[Ranked], memory: RelatedMemory | None = None) -> list[list[int]]:
    """For each briefing, the positions of its RELATED_LIMIT best others, best first.

    Args:
        rows: every briefing, in listing order; a lower position wins a tie.
        memory: what the last run ranked; it is brought up to date here.

    Returns:
        One list of positions per row.
    """
    memory = memory if memory is not None else RelatedMemory()
    groups = _groups(rows)
    fingerprints = [row.fingerprint() for row in rows]
    changed = [
        n for n, row in enumerate(rows) if memory.fingerprints.get(row.id) != fingerprints[n]
    ]
    if len(changed) * RELATED_DENSE_SHARE > len(rows):
        # So much changed that setting it against every kept list costs more than ranking.
        kept: list[list[tuple[str, int]] | None] = [None] * len(rows)
        against_changed: dict[int, dict[int, int]] = {}
    else:
        kept = _still_valid(rows, changed, groups, memory)
        against_changed = _scores_against(rows, changed, groups, kept)
    positions = {row.id: n for n, row in enumerate(rows)}
    best: list[list[tuple[int, int]]] = []
    for position, row in enumerate(rows):
        listed = kept[position]
        if listed is None:
            best.append(_row_best(position, row, groups, len(rows)))
        elif position not in against_changed:
            # Nothing new to set against it: the kept list, best first, is still the list
            # (positions moved, but in the same order, so ties still go the same way).
            best.append([(positions[other], score) for other, score in listed])
        else:
            candidates = {positions[other]: score for other, score in listed}
            candidates.update(against_changed[position])
            best.append(_top(candidates))
    memory.fingerprints = dict(zip((row.id for row in rows), fingerprints, strict=True))
    memory.carriers = {tag: group.occurrences for tag, group in groups.items()}
    memory.best = {
        row.id: [(rows[other].id, score) for other, score in listed]
        for row, listed in zip(rows, best, strict=True)
    }
    memory.ranked_afresh = kept.count(None)
    return [[other for other, _ in listed] for listed in best]


def _still_valid(
    rows: Sequence[Ranked], changed: list[int], groups: dict[Tag, _TagGroup], memory: RelatedMemory
) -> list[list[tuple[str, int]] | None]:
    """Each briefing's kept list where it still holds (None where it must be ranked afresh):
    the briefing is unchanged, none of its tags changed weight, and every briefing its list
    holds is here and unchanged; every other briefing still scores what it did."""
    changed_set = set(changed)
    unchanged = {row.id for position, row in enumerate(rows) if position not in changed_set}
    reweighed = {
        tag
        for tag in groups.keys() | memory.carriers.keys()
        if tag not in groups
        or tag not in memory.carriers
        or tag_weight(groups[tag].occurrences) != tag_weight(memory.carriers[tag])
    }
    valid: list[list[tuple[str, int]] | None] = []
    for position, row in enumerate(rows):
        listed = memory.best.get(row.id)
        if (
            listed is None
            or position in changed_set
            or any(other not in unchanged for other, _ in listed)
            or any(tag in reweighed for tag in row.tags)
        ):
            valid.append(None)
        else:
            valid.append(listed)
    return valid


def _scores_against(
    rows: Sequence[Ranked],
    changed: list[int],
    groups: dict[Tag, _TagGroup],
    kept: list[list[tuple[str, int]] | None],
) -> dict[int, dict[int, int]]:
    """Every kept briefing's scores against the changed briefings it shares a tag with."""
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    for other in changed:
        for tag, count in rows[other].tags.items():
            group = groups[tag]
            for position, occurrences in group.members.items():
                if kept[position] is not None:
                    row_scores = scores[position]
                    row_scores[other] = (
                        row_scores.get(other, 0) + count * occurrences * group.weight
                    )
    return scores


@dataclass(frozen=True)
class _TagGroup:
    """The briefings carrying one tag: how many times each lists it, and its weight."""

    members: dict[int, int]  # position -> occurrences
    occurrences: int  # in all briefings: what the weight is worked out from
    weight: int
    repeats: int  # the most occurrences in one briefing

    @functools.cached_property
    def positions(self) -> numpy.ndarray:
        """Every occurrence's position, for scoring all briefings at once; made only for the
        few tags a dense scoring meets."""
        return numpy.repeat(
            numpy.fromiter(self.members, dtype=numpy.intp, count=len(self.members)),
            numpy.fromiter(self.members.values(), dtype=numpy.intp, count=len(self.members)),
        )


def _groups(rows: Sequence[Ranked]) -> dict[Tag, _TagGroup]:
    members: dict[Tag, dict[int, int]] = defaultdict(dict)
    for position, row in enumerate(rows):
        for tag, count in row.tags.items():
            members[tag][position] = count
    groups = {}
    for tag, carried in members.items():
        occurrences = sum(carried.values())
        groups[tag] = _TagGroup(
            carried, occurrences, tag_weight(occurrences), max(carried.values())
        )
    return groups


def _top(scores: Mapping[int, int]) -> list[tuple[int, int]]:
    """The RELATED_LIMIT highest positive scores, with their positions; the lower wins a tie."""
    best = heapq.nsmallest(
        RELATED_LIMIT, ((-score, other) for other, score in scores.items() if score > 0)
    )
    return [(other, -score) for score, other in best]


def _row_best(
    position: int, row: Ranked, groups: dict[Tag, _TagGroup], total: int
) -> list[tuple[int, int]]:
    """Rank one briefing from scratch.

    Tags are taken rarest first; a briefing carrying none of those taken so far scores at most
    the weights of the rest (`bound`), so once the limit-th best score of those gathered is
    above it, no other briefing can enter the list.
    """
    order = sorted(row.tags, key=lambda tag: (len(groups[tag].members), tag))
    # What the tags after each step can still add to a briefing (exactly 0 after the last).
    bounds = [0] * len(order)
    for step in range(len(order) - 2, -1, -1):
        tag = order[step + 1]
        bounds[step] = bounds[step + 1] + groups[tag].weight * groups[tag].repeats * row.tags[tag]
    pool: set[int] = set()
    scores: dict[int, int] = {}
    for step, tag in enumerate(order):
        pool.update(groups[tag].members)
        last = step == len(order) - 1
        if not last and len(pool) <= RELATED_LIMIT:
            continue  # too few to fill the list: take the next tag before scoring
        if len(pool) * RELATED_DENSE_SHARE > total:
            return _best_positions(_dense_scores(position, row, groups, total), RELATED_LIMIT)
        for other in pool.difference(scores, (position,)):
            scores[other] = _score(other, row, groups)
        best = _top(scores)
        if last or (len(best) == RELATED_LIMIT and best[-1][1] > bounds[step]):
            return best
    return []


def _score(other: int, row: Ranked, groups: dict[Tag, _TagGroup]) -> int:
    """One briefing's score against a row: a weight per pair of shared occurrences."""
    score = 0
    for tag, count in row.tags.items():
        group = groups[tag]
        score += count * group.members.get(other, 0) * group.weight
    return score


def _dense_scores(
    position: int, row: Ranked, groups: dict[Tag, _TagGroup], total: int
) -> numpy.ndarray:
    """Score every briefing at once, when the pool would hold most of them anyway."""
    scores = numpy.zeros(total, dtype=numpy.int64)
    for tag, count in row.tags.items():
        group = groups[tag]
        numpy.add.at(scores, group.positions, count * group.weight)  # a repeat, twice
    scores[position] = 0
    return scores


def _best_positions(scores: numpy.ndarray, limit: int) -> list[tuple[int, int]]:
    """The `limit` highest positive scores with their positions; the lower position wins a
    tie."""
    candidates = numpy.flatnonzero(scores)
    if len(candidates) > limit:
        # Everything below the limit-th highest score is out; ties at it are settled below.
        threshold = numpy.partition(scores[candidates], len(candidates) - limit)[-limit]
        candidates = candidates[scores[candidates] >= threshold]
    order = numpy.lexsort((candidates, -scores[candidates]))[:limit]
    return [(int(position), int(scores[position])) for position in candidates[order]]
