"""Measure entity extraction against the hand-made gold file: precision, recall and F1 per kind.

Runs the real pipeline on a temporary copy of seeds/ and the curated taxonomy, so nothing in the
repository is written, and micro-averages over the gold articles, as trafilatura's evaluation
does. Usage:

    python -m benchmarks.entity_quality [--details] [--gold PATH]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.build import Report, ingest
from generator.model import ENTITY_KINDS
from generator.project import Project
from generator.taxonomy import taxonomy_path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "entities.yaml"

# Tags by kind, for one article.
Tags = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class GoldArticle:
    """What a careful reader tags in one article, by kind, and what no taxonomy lists yet."""

    article: str  # article id, as in content/documents/*.yaml
    source: str  # the seed it comes from
    tags: Tags
    not_in_taxonomy: tuple[str, ...] = ()


@dataclass(frozen=True)
class Score:
    """Counts of one kind over all gold articles, and the measures they give."""

    kind: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """Share of the generator's tags the reader also gave; 1.0 when it gave none."""
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        """Share of the reader's tags the generator found; 1.0 when there were none."""
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class Difference:
    """Where the generator and the reader disagree on one article and kind."""

    article: str
    kind: str
    missed: tuple[str, ...]  # tagged by the reader only
    extra: tuple[str, ...]  # tagged by the generator only


def load_gold(path: Path = GOLD) -> list[GoldArticle]:
    """Read the gold file: a list of articles, each with its ids per kind."""
    records = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        GoldArticle(
            article=record["article"],
            source=record["source"],
            tags={kind: frozenset(record.get(kind) or ()) for kind in ENTITY_KINDS},
            not_in_taxonomy=tuple(record.get("not_in_taxonomy") or ()),
        )
        for record in records
    ]


def copy_project(source: Path, target: Path) -> Project:
    """Copy a project's seeds and taxonomy files, not its curated documents, into target.

    Without the curated documents the pipeline's tags are its own proposals.
    """
    shutil.copytree(source / "seeds", target / "seeds")
    (target / "content").mkdir(parents=True, exist_ok=True)
    for kind in ENTITY_KINDS:
        path = taxonomy_path(source / "content", kind)
        if path.is_file():
            shutil.copy2(path, target / "content" / path.name)
    return Project(target)


def tag_articles(report: Report) -> dict[str, Tags]:
    """Collect every article's tags from a run's report, by article id."""
    return {
        briefing.article.id: {kind: frozenset(briefing.tags[kind]) for kind in ENTITY_KINDS}
        for publication in report.publications
        for briefing in publication.briefings
    }


def tag_seeds(root: Path = ROOT) -> dict[str, Tags]:
    """Run the pipeline on a temporary copy of the project and return every article's tags."""
    with tempfile.TemporaryDirectory(prefix="entity-quality-") as folder:
        report = ingest(copy_project(root, Path(folder)))
    if report.errors:
        raise RuntimeError("; ".join(str(error) for error in report.errors))
    return tag_articles(report)


def score(gold: Sequence[GoldArticle], predicted: Mapping[str, Tags]) -> dict[str, Score]:
    """Micro-average precision and recall of each kind over the gold articles.

    An article missing from the run counts as tagged with nothing.
    """
    scores = {}
    for kind in ENTITY_KINDS:
        counts = [0, 0, 0]
        for expected in gold:
            found = predicted.get(expected.article, {}).get(kind, frozenset())
            wanted = expected.tags[kind]
            counts[0] += len(found & wanted)
            counts[1] += len(found - wanted)
            counts[2] += len(wanted - found)
        scores[kind] = Score(kind, *counts)
    return scores


def differences(gold: Sequence[GoldArticle], predicted: Mapping[str, Tags]) -> list[Difference]:
    """List the misses and false positives of every gold article, kind by kind."""
    found = []
    for expected in gold:
        for kind in ENTITY_KINDS:
            tagged = predicted.get(expected.article, {}).get(kind, frozenset())
            missed, extra = expected.tags[kind] - tagged, tagged - expected.tags[kind]
            if missed or extra:
                found.append(
                    Difference(expected.article, kind, tuple(sorted(missed)), tuple(sorted(extra)))
                )
    return found


def render_table(scores: Mapping[str, Score]) -> str:
    """Lay the scores out as a plain-text table, one row per kind and a micro-averaged total."""
    rows = [f"{'kind':<14}{'precision':>10}{'recall':>8}{'f1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for item in (*scores.values(), _total(scores.values())):
        rows.append(
            f"{item.kind:<14}{item.precision:>10.3f}{item.recall:>8.3f}{item.f1:>7.3f}"
            f"{item.true_positives:>5}{item.false_positives:>5}{item.false_negatives:>5}"
        )
    return "\n".join(rows)


def render_details(gold: Sequence[GoldArticle], predicted: Mapping[str, Tags]) -> str:
    """List each article's misses and false positives, then what no taxonomy lists yet."""
    lines = []
    for difference in differences(gold, predicted):
        lines.append(f"{difference.article} [{difference.kind}]")
        if difference.missed:
            lines.append("  missed: " + ", ".join(difference.missed))
        if difference.extra:
            lines.append("  false positives: " + ", ".join(difference.extra))
    untracked = [(expected.article, expected.not_in_taxonomy) for expected in gold]
    lines.append("")
    lines.append("not in any taxonomy file yet (a matter for discovery):")
    for article, names in untracked:
        if names:
            lines.append(f"  {article}: " + "; ".join(names))
    return "\n".join(lines)


def _total(scores: Iterable[Score]) -> Score:
    items = list(scores)
    return Score(
        "all",
        sum(item.true_positives for item in items),
        sum(item.false_positives for item in items),
        sum(item.false_negatives for item in items),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table of scores, and with --details every miss and false positive."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.entity_quality")
    parser.add_argument("--details", action="store_true", help="list misses and false positives")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold file to score against")
    options = parser.parse_args(argv)
    gold = load_gold(options.gold)
    predicted = tag_seeds()
    missing = [expected.article for expected in gold if expected.article not in predicted]
    if missing:
        print("gold articles the run did not produce: " + ", ".join(missing), file=sys.stderr)
    tags = sum(len(expected.tags[kind]) for expected in gold for kind in ENTITY_KINDS)
    print(f"{len(gold)} gold articles, {tags} tags")
    print(render_table(score(gold, predicted)))
    if options.details:
        print()
        print(render_details(gold, predicted))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
