"""Spot check of what the generator proposes against the source text, for the 004 story, two
bulletin items and two compendium articles.

Every expectation here was checked by hand in the seed file: the entities a reader needs (and
a few a careless matcher would add), the figures that matter with what they measure, and a
summary and key points copied faithfully from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from generator.build import Report
from generator.model import ENTITY_KINDS, Briefing, Figure
from generator.text import split_sentences
from tests.helpers import ROOT

_WORD = re.compile(r"[\w’'&-]+")


@dataclass(frozen=True)
class Expected:
    """What a careful reader finds in one article."""

    article: str
    source: str  # the seed file
    tagged: dict[str, set[str]]  # ids that must be tagged, by kind
    not_tagged: dict[str, set[str]] = field(default_factory=dict)  # ids that must not be
    figures: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> words of about
    not_figures: tuple[str, ...] = ()  # numbers that are no figure of their own
    summary_mentions: tuple[str, ...] = ()  # what the summary must name to be on topic


EXPECTED = (
    Expected(
        article="pohang-city-and-gyeongbuk-province-join-forces-to-secure-designation",
        source="004_23e27db7ed9fbb43.txt",
        tagged={
            "regions": {"pohang", "gyeongsangbuk-do", "south-korea", "china"},
            "companies": {"ecopro", "posco-future-m"},
            "organizations": {"ministry-of-smes-and-startups", "motie"},
            "people": {"lee-kang-deok"},
            "themes": {"batteries", "regulation-policy"},
        },
        # "POSCO Future M" is not POSCO Holdings; "Korea" is South Korea.
        not_tagged={"companies": {"posco-holdings"}, "regions": {"north-korea"}},
        figures={"10.7 billion KRW": ("invested",), "30 companies": ("moved", "into")},
        not_figures=("2019",),
        summary_mentions=("Pohang", "Global Innovation Special Zone"),
    ),
    Expected(
        article="lotte-biologics-biopharma-plant-breaks-ground-in-songdo",
        source="001_cf58bbf3b5f6d030.txt",
        tagged={
            "regions": {"incheon", "south-korea"},
            "companies": {"lotte-biologics", "lotte-group"},
            "organizations": {"motie"},
            "people": {"kang-kyungsung", "shin-dong-bin", "han-duck-soo"},
            "themes": {"healthcare-bio"},
        },
        # "Trade" here is only the Vice Minister's title; one export figure is not a topic.
        not_tagged={"themes": {"trade-investment"}},
        figures={
            "KRW 4.6 trillion": ("Lotte", "Biologics", "investing"),
            "360,000L": ("manufacturing", "volume"),
            "37,000 related jobs": ("economic", "effect"),
            "USD 7.4 billion": ("exports",),
            "top 10": ("biopharma",),
        },
        summary_mentions=("Lotte Biologics",),
    ),
    Expected(
        article="public-and-private-sectors-join-hands-for-development-of-all-solid",
        source="003_b96b697718aef645.txt",
        tagged={
            "regions": {"south-korea"},
            "companies": {"ecopro", "l-and-f"},
            "organizations": {"motie"},
            "people": {"ahn-duk-geun"},
            "themes": {"batteries"},
        },
        not_tagged={"themes": {"trade-investment"}},
        figures={
            "KRW 117.2 billion won": ("government", "2028"),
            "9 trillion won": ("invest",),
            "7.1 trillion won": ("invest",),
        },
        # "the 4680 battery production line" names a cell format.
        not_figures=("4680",),
        summary_mentions=("battery",),
    ),
    Expected(
        article="leading-the-way-in-clean-and-low-carbon-transformation-to-promote",
        source="002_f654724fc78e6d2e.txt",
        tagged={
            "regions": {
                "chongqing",
                "chengdu-chongqing-economic-circle",
                "china",
                "canada",
                "shanghai",
            },
            "companies": {"air-products"},
            "organizations": {
                "chinese-academy-of-sciences",
                "shanghai-institute-for-advanced-research",
            },
            "themes": {"carbon-neutrality", "hydrogen-energy"},
        },
        figures={
            "1.99%": ("R&D", "investment", "intensity"),
            "6.2%": ("growth", "rate"),
            "95%": ("online",),
        },
        # "invention patents per 10,000 people": the base of a rate, not a count.
        not_figures=("10,000 people",),
        summary_mentions=("Chongqing", "low-carbon"),
    ),
    Expected(
        article="improving-international-influence-with-joint-efforts-on-sports-events",
        source="002_f654724fc78e6d2e.txt",
        tagged={
            "regions": {
                "chongqing",
                "chengdu",
                "china",
                "chengdu-chongqing-economic-circle",
                "france",
                "paris",
            },
            # Sodefinance signed the article; its name is nowhere in the body.
            "companies": {"sodefinance"},
            "organizations": {"chinese-government", "french-government"},
            "people": {"xi-jinping"},
            "themes": {"tourism-culture"},
        },
        figures={
            "340 kilometers": ("Chongqing", "Chengdu", "apart"),
            "10,000 kilometers": ("rail", "transit"),
            "9,000 kilometers": ("railway", "network"),
        },
        not_figures=("2025",),
        summary_mentions=("sports events", "Chongqing"),
    ),
)
IDS = [expected.article for expected in EXPECTED]


@pytest.fixture(scope="module")
def briefings(seeded_report: Report) -> dict[str, Briefing]:
    return {
        briefing.article.id: briefing
        for publication in seeded_report.publications
        for briefing in publication.briefings
    }


def source_text(name: str) -> str:
    """The seed's text with Markdown emphasis and escapes dropped and spaces collapsed."""
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    text = text.replace("\\", "").replace("*", "")
    return " ".join(text.split())


def words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def find(briefings: dict[str, Briefing], expected: Expected) -> Briefing:
    assert expected.article in briefings, f"no article {expected.article}"
    return briefings[expected.article]


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_the_entities_a_reader_needs_are_tagged(briefings: dict, expected: Expected) -> None:
    tags = find(briefings, expected).tags
    for kind in ENTITY_KINDS:
        missing = expected.tagged.get(kind, set()) - set(tags[kind])
        assert not missing, f"{kind}: missing {sorted(missing)}, tagged {list(tags[kind])}"
        wrong = expected.not_tagged.get(kind, set()) & set(tags[kind])
        assert not wrong, f"{kind}: wrongly tagged {sorted(wrong)}"


def test_a_quoted_mayor_does_not_make_a_story_local_diplomacy(briefings: dict) -> None:
    """A domestic story that only quotes a mayor is not about exchanges across borders."""
    briefing = find(briefings, EXPECTED[0])
    assert "local-diplomacy" not in briefing.tags["themes"]


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_the_figures_that_matter_are_found_as_written(briefings: dict, expected: Expected) -> None:
    briefing = find(briefings, expected)
    by_value: dict[str, Figure] = {}
    for figure in briefing.figures:
        by_value.setdefault(figure.value, figure)
    for value, about_words in expected.figures.items():
        assert value in by_value, f"{value!r} not among {[f.value for f in briefing.figures]}"
        about = words(by_value[value].about)
        assert {word.casefold() for word in about_words} <= about, (value, by_value[value].about)
    for value in expected.not_figures:
        assert value not in by_value, f"{value!r} is not a figure"


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_every_figure_is_traceable_to_its_sentence(briefings: dict, expected: Expected) -> None:
    briefing = find(briefings, expected)
    paragraphs = {paragraph.id: paragraph.text for paragraph in briefing.article.paragraphs}
    source = source_text(expected.source)
    assert briefing.figures
    for figure in briefing.figures:
        assert figure.value in figure.sentence, figure
        assert figure.paragraph in paragraphs and figure.sentence in paragraphs[figure.paragraph]
        assert " ".join(figure.sentence.split()) in source, figure.sentence
        # `about` says what the number measures in a few words of its own sentence.
        assert 1 <= len(figure.about.split()) <= 12, figure
        assert words(figure.about) <= words(figure.sentence), figure


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_the_summary_is_short_faithful_and_on_topic(briefings: dict, expected: Expected) -> None:
    summary = find(briefings, expected).summary
    sentences = split_sentences(summary)
    assert 2 <= len(sentences) <= 4, sentences
    assert len(summary.split()) <= 90, len(summary.split())
    source = source_text(expected.source)
    for sentence in sentences:
        assert sentence in source, f"not in the text: {sentence}"
    for name in expected.summary_mentions:
        assert name in summary, f"the summary does not name {name!r}: {summary}"


@pytest.mark.parametrize("expected", EXPECTED, ids=IDS)
def test_key_points_are_three_to_six_pieces_of_the_text(
    briefings: dict, expected: Expected
) -> None:
    briefing = find(briefings, expected)
    assert 3 <= len(briefing.key_points) <= 6, briefing.key_points
    source = source_text(expected.source)
    for point in briefing.key_points:
        # A key point is a sentence of the text, at most cut back to its main clause.
        assert point.endswith("."), point
        assert point.removesuffix(".") in source, f"not in the text: {point}"
        assert len(point.split()) <= 30, point
    assert len(set(briefing.key_points)) == len(briefing.key_points)
