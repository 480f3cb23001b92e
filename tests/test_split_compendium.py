"""The compendium splitter on the CMIA volume, on a compendium of another form, and detection."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from generator.model import Author, CleanText, DocumentDraft
from generator.split.compendium import (
    find_contents,
    looks_like_compendium,
    parse_contents_entry,
    split_compendium,
)
from generator.text import plain_text
from tests.helpers import clean_seed, clean_text

SEED = "002_f654724fc78e6d2e.txt"

# Hand-copied from seeds/002: each report's title as its body heading prints it (two heading
# lines joined, or a heading and the line finishing it), and its company as CONTENTS prints it.
REPORTS = [
    (
        "Synergetic Development, Strategically Building a Sustainable Industrial System in the Region",
        "CORNING",
    ),
    ("Suggestions and Prospects of Developing Modern Industrial System", "NOMURA"),
    (
        "Promote the Integrated Development of Advanced Manufacturing and Modern Service Industries in Chengdu-Chongqing Twin-City Economic Circle to Drive China-EU Economic Cooperation",
        "SAP",
    ),
    (
        "Good tales of two cities Building Chengdu-Chongqing Economic Circle: Opportunities and Challenges",
        "JARDINE MATHESON",
    ),
    ("The Chengdu-Chongqing Economic Circle To Empower High-quality Development", "FORD"),
    ("Transform Chengdu-Chongqing Economic Circle into the Silicon Valley in China's West", "AT&S"),
    (
        "Scientific and Technological Innovation and Digital Transformation to Accelerate the Construction of a Modern Industrial System",
        "SCHNEIDER-ELECTRIC",
    ),
    (
        "Chengdu-Chongqing Economic Circle Leading China's High-Quality Development with Smart Manufacturing",
        "HP",
    ),
    (
        "Fast-upscaling of the Industrial System and Sustainable Innovations Unlock Chengdu-Chongqing Economic Circle's full potential to be the Powerhouse for the Country's Future Growth",
        "BASF",
    ),
    (
        "Leverage Transformative Opportunity of Intelligent Connectivity to Build Larger and Stronger Automotive Industry",
        "QUALCOMM",
    ),
    ("Suggestions on the Development of 5G+ Manufacturing in Chongqing", "ERICSSON"),
    (
        "Accelerate the Development of Chengdu-Chongqing Economic Circle through Digitalization",
        "MICROSOFT",
    ),
    (
        "Coupling Technological Innovation and Coordinated Synergy to Drive Green and High-quality Development",
        "ABB",
    ),
    (
        "Collaborate to Build a Modern Industrial System - On Upgrading Chongqing's Industrial Structure to Meet the Carbon Peaking and Neutrality Goals",
        "bp",
    ),
    (
        "The Development of Japan's Hydrogen Energy Industry and the Development of Chengdu-Chongqing Economic Circle's Green Industry",
        "SMBC",
    ),
    (
        "Leading the Way in Clean and Low Carbon Transformation to Promote Modern Industrial System",
        "AIR PRODUCTS",
    ),
    (
        "Suggestions on Chongqing's Policies for the Path to High-quality Development of Manufacturing Industry",
        "CUMMINS",
    ),
    (
        'The "Tale of Two Cities" and the "Economic Circle": Opportunities and Challenges-Collaboration on Building a Modern Industrial System with Innovative Dynamics',
        "ISUZU",
    ),
    (
        "International Exchange and Cooperation in the Chengdu-Chongqing Region from the Perspectives of Geographical Advantages and Harmony Among People",
        "MUFG",
    ),
    (
        "Integrated Development of Smart Manufacturing and Smart Logistics: The Key to Driving Advanced Manufacturing Clusters in the Chengdu-Chongqing Twin City Economic Circle",
        "HONEYWELL",
    ),
    (
        "Industrial Digitalization and Rail Transit Digital Interconnection Core Engine for the Chengdu-Chongqing Economic Circle",
        "SIEMENS",
    ),
    (
        "Powering Good for a Sustainable Energy Future of the Chengdu-Chongqing Economic Circle",
        "HITACHIABB",
    ),
    (
        "Decarbonization in the Chengdu-Chongqing Economic Circle With consideration of Japanese trends aiming at the achievement of carbon neutrality in 2050",
        "MIZUHO",
    ),
    (
        "A Brief Analysis of the Chengdu-Chongqing Twin-City Economic Circle in the Post-Epidemic Era - Public Health Development Strategy",
        "MSD",
    ),
    ("Current Conditions, Issues, and Potential of the Inland Chinese Healthcare Market", "MITSUI"),
    ("Improving International Influence with Joint Efforts on Sports Events", "SODEFINANCE"),
    (
        "Optimization of Production Layout, the Fostering of Globally Competitive Advanced Manufacturing Clusters, and the Promotion of High Quality Development in Manufacturing",
        "FANUC",
    ),
]

# Hand-copied bylines: a title repeated below its abstract (QUALCOMM), a plain role line (AT&S), an italic name (CUMMINS), a role in one italic
# span over two lines (MSD), three role lines (SIEMENS), a name after a title's second line
# (MIZUHO), and a byline naming only the company, which is no author (ISUZU).
AUTHORS = {
    "CORNING": Author(
        "John Zhang",
        "Senior Vice President and General Manager, Corning; President, Corning Display",
        "CORNING",
    ),
    "FORD": Author(
        "Chen Anning",
        "Executive Vice President of Ford Motor Company; President and CEO, Ford China",
        "FORD",
    ),
    "QUALCOMM": Author(
        "Frank Meng", "Executive Vice President, Chairman of Qualcomm China", "QUALCOMM"
    ),
    "AT&S": Author("Hannes Androsch", "AT&S Chairman of the Supervisory Board", "AT&S"),
    "CUMMINS": Author(
        "Nathan Stoner", "Vice President, China-ABO, Cummins (China) Investment Co. Ltd.", "CUMMINS"
    ),
    "SIEMENS": Author(
        "Xiao Song",
        "Global Executive Vice President; President and CEO Siemens Greater China; "
        "Chairman, President and CEO Siemens Ltd., China",
        "SIEMENS",
    ),
    "MIZUHO": Author("SATO Yasuhiro", "Chairman, Mizuho Financial Group", "MIZUHO"),
    "MSD": Author(
        "Anna Van Acker",
        "Senior Vice President and President of China, MSD China Holding Co., Ltd.",
        "MSD",
    ),
    "ISUZU": None,
}

_WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def seed() -> CleanText:
    return clean_seed(SEED)


@pytest.fixture(scope="module")
def volume(seed: CleanText) -> DocumentDraft:
    return split_compendium(seed)


def _article_texts(draft: DocumentDraft) -> list[str]:
    return ["\n".join(block.text for block in article.blocks) for article in draft.articles]


def test_seed_is_a_compendium_of_27_reports(seed: CleanText, volume: DocumentDraft) -> None:
    assert looks_like_compendium(seed.lines)
    assert volume.kind == "compendium"
    assert volume.title == "THE 16TH CMIA"
    assert [(a.title, a.company) for a in volume.articles] == REPORTS
    assert all(a.section is None for a in volume.articles)  # its CONTENTS has no parts


def test_seed_bylines(volume: DocumentDraft) -> None:
    by_company = {article.company: article.author for article in volume.articles}
    for company, author in AUTHORS.items():
        assert by_company[company] == author, company
    # Every report but ISUZU's names a person; no role line leaks into a name.
    named = [a.author.name for a in volume.articles if a.author]
    assert len(named) == 26
    assert all(len(name.split()) <= 3 and "," not in name for name in named)


def test_seed_bodies_hold_no_contents_lines(seed: CleanText, volume: DocumentDraft) -> None:
    contents = find_contents(seed.lines)
    assert contents is not None
    listed = [plain_text(line) for line in seed.lines[contents.heading + 1 : contents.end]]
    assert sum(1 for line in listed if line) == 27
    for text in _article_texts(volume):
        assert "....." not in text  # neither the main list nor an article's own
        assert not any(line and line in text for line in listed)


def test_seed_bodies_are_non_empty_and_in_source_order(
    seed: CleanText, volume: DocumentDraft
) -> None:
    source = "\n".join(plain_text(line) for line in seed.lines)
    offset = 0
    for article in volume.articles:
        assert sum(len(block.text.split()) for block in article.blocks) >= 300, article.company
        opening = next(b.text for b in article.blocks if len(b.text.split()) >= 20)
        found = source.find(opening[:60], offset)
        assert found > offset, article.company
        offset = found


def test_seed_reports_keep_their_edges(volume: DocumentDraft) -> None:
    texts = dict(zip((a.company for a in volume.articles), _article_texts(volume), strict=True))
    # QUALCOMM repeats its title under its abstract: the repeat starts no report.
    assert "This paper fully analyzes the opportunities for car manufacturing" in texts["QUALCOMM"]
    assert "I. Intelligent, Connected, Electrified and Shared Car" in texts["QUALCOMM"]
    # The Chinese references stay as content; the Chinese cover line is in no report.
    assert "北京外汇管理部" in texts["CUMMINS"]
    assert not any("重庆市市长国际经济顾问团会议" in text for text in texts.values())
    # Footnotes come last, as blocks_from_lines orders them.
    nomura = next(a for a in volume.articles if a.company == "NOMURA")
    assert nomura.blocks[-1].kind == "footnote"
    assert texts["FANUC"].endswith("Harvard Business Review, Vol.76, pp.77-90, 1998.")


def test_seed_loses_almost_no_body_words(seed: CleanText, volume: DocumentDraft) -> None:
    contents = find_contents(seed.lines)
    assert contents is not None
    body = Counter(
        word.lower()
        for line in seed.lines[contents.end :]
        for word in _WORD.findall(plain_text(line))
    )
    kept_parts = [a.title for a in volume.articles] + _article_texts(volume)
    kept_parts += [f"{a.author.name} {a.author.role}" for a in volume.articles if a.author]
    kept = Counter(word.lower() for part in kept_parts for word in _WORD.findall(part))
    # Measured 0.995: what is missing is the articles' own tables of contents.
    share = sum(min(count, kept[word]) for word, count in body.items()) / sum(body.values())
    assert share >= 0.99


# A compendium of another form: "Table of Contents" as an h3 over "…" and ". . ." leaders,
# an attribution with a comma page, titles at h1 to h5, a title split over two headings, a
# title in capitals with an em dash where CONTENTS has an en dash, a section heading that
# quotes the next title, a mini table of contents, a repeated title, a footnote, a foreword,
# part labels in bold and in capitals, and prose with an ellipsis.
SYNTHETIC = """\
REGIONAL INDUSTRY REVIEW 2023

Proceedings of the Northern Ports Business Forum
Published by Northern Ports Business Forum
Busan, 14 November 2023

### Table of Contents

**PART I — SHIPPING AND PORTS**

Green Shipping – The Next Decade … Hanseong Marine (3)
Smart Ports and Digital Logistics: Lessons from Rotterdam …… Delta Logistics 12
PART II — ENERGY AND PEOPLE
Hydrogen Valleys for Coastal Cities . . . . . Kestrel Energy, 20
Talent for the Battery Age . . . Norvik Batteries (31)

## Foreword

This volume gathers the reports that four member companies wrote for the forum's annual meeting in Busan. Each report looks at one industry of the coastal region, names what holds it back, and proposes what the city and its partners could do together in the coming years.

#### GREEN SHIPPING — THE NEXT DECADE

Mina Park

_Chief Executive Officer, Hanseong Marine_

Shipowners on the southern coast ordered twelve methanol-ready vessels last year, and the port authority plans shore power at every container berth by 2027.

Ten years ago owners asked whether... Now they ask when, and at what price.

### Smart Ports and Digital Logistics

### Lessons from Rotterdam

By Hans de Vries, Director of Strategy, Delta Logistics

#### Contents

1. Terminal automation ..... 13
2. Data sharing between terminals ..... 15

## Terminal automation

Rotterdam's automated terminals move containers with guided vehicles that run day and night without a driver on board.

## Lessons for hydrogen valleys for coastal cities

Ports that share data with their neighbours can plan hydrogen bunkering together.<sup>1</sup>

---

<sup>1</sup> Port of Rotterdam Authority, annual report 2022.

# PART II — ENERGY AND PEOPLE

# Hydrogen Valleys for Coastal Cities

Ingrid Solberg

*Head of Hydrogen, Kestrel Energy*

A hydrogen valley links production, storage and use in one place, so that each part of the chain finds its buyer nearby.

## Hydrogen Valleys for Coastal Cities

The valley proposed for the eastern industrial park would start with two electrolysers of ten megawatts each.

##### Talent for the Battery Age

*Norvik Batteries Ltd.*

Battery plants need technicians more than they need land. 电池产业人才培养是关键。 The region's colleges could train four hundred of them a year.
"""


def test_a_compendium_of_another_form() -> None:
    clean = clean_text(SYNTHETIC)
    assert looks_like_compendium(clean.lines)
    draft = split_compendium(clean)
    assert (draft.title, draft.publisher, draft.date) == (
        "REGIONAL INDUSTRY REVIEW 2023",
        "Northern Ports Business Forum",
        "2023-11-14",
    )
    assert [(a.title, a.company) for a in draft.articles] == [
        ("Foreword", None),
        ("GREEN SHIPPING — THE NEXT DECADE", "Hanseong Marine"),
        ("Smart Ports and Digital Logistics: Lessons from Rotterdam", "Delta Logistics"),
        ("Hydrogen Valleys for Coastal Cities", "Kestrel Energy"),
        ("Talent for the Battery Age", "Norvik Batteries"),
    ]
    assert [a.section for a in draft.articles] == [None] + ["PART I — SHIPPING AND PORTS"] * 2 + [
        "PART II — ENERGY AND PEOPLE"
    ] * 2
    assert [a.author for a in draft.articles] == [
        None,
        Author("Mina Park", "Chief Executive Officer, Hanseong Marine", "Hanseong Marine"),
        Author("Hans de Vries", "Director of Strategy, Delta Logistics", "Delta Logistics"),
        Author("Ingrid Solberg", "Head of Hydrogen, Kestrel Energy", "Kestrel Energy"),
        None,
    ]
    foreword, shipping, ports, hydrogen, talent = _article_texts(draft)
    assert foreword.startswith("This volume gathers the reports")
    assert "REGIONAL INDUSTRY REVIEW" not in foreword and "…" not in foreword
    assert shipping.startswith("Shipowners on the southern coast")
    assert "Ten years ago owners asked whether... Now they ask when" in shipping
    # The mini table of contents is gone; the section quoting the next title stays here.
    assert "....." not in ports and "Contents" not in ports
    assert "Lessons for hydrogen valleys for coastal cities" in ports
    assert ports.endswith("[1] Port of Rotterdam Authority, annual report 2022.")
    assert "PART II" not in ports  # a part label is no body text
    # The repeated title neither starts a report nor stays as a heading.
    assert hydrogen.count("Hydrogen Valleys for Coastal Cities") == 0
    assert "two electrolysers" in hydrogen
    assert "Norvik Batteries Ltd." not in talent
    assert "电池产业人才培养是关键。" in talent


def test_an_entry_missing_from_the_body_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    text = """# Annual Reports

CONTENTS

Ports of Tomorrow ..... Alpha Co. (1)
A Report Nobody Printed ..... Beta Co. (5)
Rail for Freight ..... Gamma Co. (9)

## Ports of Tomorrow

The port will double its berths by 2030 and add a rail link to the inland terminal.

## Rail for Freight

Freight trains to the north will run daily from next spring on the upgraded line.
"""
    draft = split_compendium(clean_text(text))
    assert [(a.title, a.company) for a in draft.articles] == [
        ("Ports of Tomorrow", "Alpha Co."),
        ("Rail for Freight", "Gamma Co."),
    ]
    assert [record.getMessage() for record in caplog.records] == [
        "seeds/example.txt: contents entry 'A Report Nobody Printed' not found in the body"
    ]


def test_contents_entry_forms() -> None:
    entry = parse_contents_entry("Title of a report .....\tACME (12)")
    assert entry is not None and (entry.title, entry.company) == ("Title of a report", "ACME")
    entry = parse_contents_entry("<b>Summary.....</b>\t<b>208</b>")
    assert entry is not None and (entry.title, entry.company) == ("Summary", None)
    entry = parse_contents_entry("What next... for ports . . . . Port Authority p. 7")
    assert entry is not None and (entry.title, entry.company) == (
        "What next... for ports",
        "Port Authority",
    )
    # seeds/000 prints the page before a title: no attribution.
    assert parse_contents_entry("[Korea Institute] ··· 40 The Local Governments of Kyushu") is None
    assert parse_contents_entry("A sentence without any leader at all.") is None


def test_a_plain_contents_list_is_no_compendium() -> None:
    text = "CONTENTS\n\nIntroduction ..... 1\nMethods ..... 4\nResults ..... 9\n\n# Introduction\n\nText."
    assert not looks_like_compendium(clean_text(text).lines)


@pytest.mark.parametrize(
    "name",
    [
        "000_f32b58c6a1245bd4.txt",
        "001_cf58bbf3b5f6d030.txt",
        "003_b96b697718aef645.txt",
        "004_23e27db7ed9fbb43.txt",
    ],
)
def test_other_seeds_are_not_compendiums(name: str) -> None:
    assert not looks_like_compendium(clean_seed(name).lines)
