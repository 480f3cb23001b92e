"""The magazine splitter on the GLOCALISM QUARTERLY issue, on a magazine of another form,
and detection."""

from __future__ import annotations

import logging
import re
from collections import Counter

import pytest

from generator.model import ArticleDraft, Author, DocumentDraft
from generator.split import detect_shape
from generator.split.magazine import (
    ContentsEntry,
    find_contents,
    looks_like_magazine,
    parse_contents_entry,
    split_magazine,
)
from generator.text import plain_text
from tests.helpers import clean_seed, clean_text

SEED = "000_f32b58c6a1245bd4.txt"

METROPOLITAN = "Korea's Metropolitan & Provincial Government Diplomacy"
ABROAD = "Local Government Diplomacy in Other Countries"
PARTNERS = "Partners in Local Diplomacy"
NEWS = "Local Diplomacy News"
# Hand-copied from seeds/000: each piece's title as its body prints it, and the part of the
# issue its CONTENTS list puts it in. Two exceptions, by design: the Gyeonggi-do piece opens
# with no title of its own (its listed title heads its last part, in lower case), so it keeps
# the listed one; the Chungcheongnam-do entry lost its title in the list, so the body's
# first heading names it, without its "••" bullet.
PIECES = [
    ("Seeking to grow into a leading city in Northeast Asia", METROPOLITAN),
    ("Gyeonggi-do's Evolving Global Networks", METROPOLITAN),
    (
        "Chungbuk heading toward the center of the global battery industry beyond Korea",
        METROPOLITAN,
    ),
    ("Chungnam: taking leaps as a center of high-tech industry", METROPOLITAN),
    ("Gyeongbuk's secondary battery leading industrial innovation", METROPOLITAN),
    ("Japan's Fukui Prefecture: Evolving Home to High-Tech Small & Medium Companies", ABROAD),
    (
        "Implications of China's Balanced Regional Development and Promotion of Innovation Clusters",
        ABROAD,
    ),
    (
        "Korea's Smart Farming Technology Can Help Australian Local Governments Improve the International Competitiveness of Agriculture",
        ABROAD,
    ),
    (
        "The Local Governments of Kyushu and Trends in the Construction of New Semiconductor Plants in Japan",
        PARTNERS,
    ),
    ("Chengdu-Chongqing Economic Circle and Promotion of New Industries", PARTNERS),
    ("APEC Member Embassy Meeting Held in Incheon for the Hosting of 2025 APEC Incheon", NEWS),
    ("Jeollanam-do - China Economic and Tourism Day", NEWS),
]
# The partner institutes' bylines stand before their titles: name line, then role line.
PARTNER_AUTHORS = {
    8: Author(
        "KIM Gyu-Pan",
        "Senior Research fellow",
        "Korea Institute for International Economic Policy (KIEP)",
    ),
    9: Author(
        "Kim Dongsoo",
        "Senior Research fellow",
        "Korea Institute for Industrial Economics & Trade (KIET)",
    ),
}
# The GAROK pieces' bylines follow their titles, with "By" or without.
GAROK_AUTHORS = {
    5: Author("Jung Young-hyo", "Tokyo correspondent", "The Korea Economic Daily"),
    6: Author(
        "Kim Sang-gwang",
        "head of the China office",
        "Governors Association of the Republic of Korea",
    ),
    7: Author(
        "Kyung Joon-hyung",
        "Head of the Global Business Team",
        "Korea Agriculture Technology Promotion Agency",
    ),
}
# Lines of the CONTENTS list, the colophon, the editorial note after the last piece and
# the cover, copied from seeds/000: none may reach an article.
NOT_BODY_TEXT = [
    "[Incheon] 4",
    "Chungcheongnam-do] 16",
    "Gyeongsangbuk-do] 20",
    "[GAROK China]",
    "[2025 APEC Incheon]",
    "Date of Publication September 27, 2023",
    "Publisher Lee Cheol-woo",
    "Tel +82-2-2170-6041",
    "English Editor Bazil (Joseph) Manietta",
    "12F Gwanghwamun Building",
    "Fall 2023, Volume 3",
    "Editorial Review",
    "GLOCALISM QUARTERLY magazine features",
    "Theme Emerging Industries for Local Governments",
]
# Printed over three pieces with only the province changing.
RUNNING_HEADER = "The Center of the Republic of Korea"
# Share of the source's body words found in the articles; measured 0.997 (the running
# headers, a kicker, "By" and a fragment the layout printed twice are the rest).
WORD_COVERAGE_FLOOR = 0.99


@pytest.fixture(scope="module")
def issue() -> DocumentDraft:
    return split_magazine(clean_seed(SEED))


def _text(article: ArticleDraft) -> str:
    return "\n".join(block.text for block in article.blocks)


def test_issue_has_one_article_per_piece_with_its_part(issue: DocumentDraft) -> None:
    assert issue.kind == "magazine"
    assert [(a.title, a.section) for a in issue.articles] == PIECES


def test_issue_name_publisher_and_date_come_from_the_colophon(issue: DocumentDraft) -> None:
    assert issue.title == "GLOCALISM QUARTERLY Magazine, Fall 2023, Volume 3"
    assert issue.publisher == "Governors Association of the Republic of Korea"
    assert issue.date == "2023-09-27"


def test_partner_bylines_before_titles_credit_their_own_piece(issue: DocumentDraft) -> None:
    for index, author in PARTNER_AUTHORS.items():
        assert issue.articles[index].author == author
        # The byline opens this piece, not the end of the one before it.
        previous = _text(issue.articles[index - 1])
        assert author.name not in previous
        assert "Senior Research fellow" not in previous


def test_bylines_after_titles_are_read_and_kept_out_of_the_body(issue: DocumentDraft) -> None:
    for index, author in GAROK_AUTHORS.items():
        assert issue.articles[index].author == author
        assert author.name not in _text(issue.articles[index])
    # Pieces without a byline get no author, quoted speakers notwithstanding.
    assert [a.author for a in issue.articles[10:]] == [None, None]


def test_contents_colophon_and_cover_stay_out_of_every_body(issue: DocumentDraft) -> None:
    for article in issue.articles:
        text = _text(article)
        for line in NOT_BODY_TEXT:
            assert line not in text, (article.title, line)


def test_running_header_is_neither_title_nor_body(issue: DocumentDraft) -> None:
    assert all(RUNNING_HEADER not in a.title for a in issue.articles)
    assert all(RUNNING_HEADER not in _text(a) for a in issue.articles)
    # A real sub-heading sharing its first words stays.
    chungbuk = _text(issue.articles[2])
    assert "Chungcheongbuk-do, The Center of the K-battery Industry" in chungbuk


def test_sentences_cut_by_captions_are_joined(issue: DocumentDraft) -> None:
    blocks = [block.text for article in issue.articles for block in article.blocks]
    for phrase in (
        "global leaders such as Canadian Prime Minister Justin Trudeau",
        "including the Great Western Development Strategy",
        "vertical farming. Research and development for Australia's",
        "focusing on eco-friendly energy",
    ):
        assert any(phrase in block for block in blocks), phrase


def test_nearly_all_body_words_reach_an_article(issue: DocumentDraft) -> None:
    lines = list(clean_seed(SEED).lines)
    # The source's body: from the first piece's kicker to the editorial note after the last.
    body = lines[lines.index("Incheon's Local Diplomacy") + 1 : lines.index("Editorial Review")]
    source = Counter(word for line in body for word in _words(line))
    found: Counter[str] = Counter()
    for article in issue.articles:
        found.update(_words(article.title))
        if article.author:
            found.update(_words(f"{article.author.name} {article.author.role or ''}"))
            found.update(_words(article.author.organization or ""))
        found.update(_words(_text(article)))
    covered = sum(min(count, found[word]) for word, count in source.items())
    assert covered / sum(source.values()) >= WORD_COVERAGE_FLOOR


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", plain_text(text).lower())


def test_seed_splits_without_warnings(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        split_magazine(clean_seed(SEED))
    assert caplog.records == []


HARBOUR = """HARBOUR CITIES MONTHLY

Spring 2025 · Issue 12

Contents

Features
4 Busan opens its cruise terminal
9 Incheon bets on hydrogen ships
Opinion
14 Why ports need their cities .....
News
18 Ulsan hosts the Asia shipping forum

Busan opens its new cruise terminal to the world

Busan's new cruise terminal at North Port opened on 3 March with a ceremony attended by the mayor, the port authority and three cruise lines, which have booked 180 calls for this year.

The terminal can berth two ships of 220,000 tonnes at once and its customs hall clears 4,000

▲ The new terminal at dusk

passengers an hour, twice the old building's rate.

Busan, Gateway of the East Sea

The city expects 400,000 cruise passengers in 2025.

Incheon bets on hydrogen ships

By Lee Soo-jin, Harbour correspondent of the Coastal Times

Incheon Port Authority will order six hydrogen-powered tugboats by 2027 and build a bunkering station at the inner harbour, it said on 10 March, in a plan worth 120 billion won.

Incheon, Gateway of the East Sea

The first two tugboats are to enter service in 2026 after trials with the Korean Register.

Park Min-ji

Senior Fellow at the Maritime Policy Institute

Why ports need their cities

A port that turns its back on its city loses the workers, the land and the public support it needs to grow, and the cities that have thrived treated their waterfronts as neighbourhoods.

Rotterdam and Hamburg show how a port authority and a city council can share plans for housing, rail and energy on the same shore.

Ulsan hosts the Asia shipping forum

Ulsan welcomed 600 delegates from 14 countries to the Asia Shipping Forum on 12 March, where shipbuilders and ports discussed green fuels and digital logistics.

Ulsan, Gateway of the East Sea

The next forum meets in Busan in 2026.

Harbour Cities Monthly
Published 15 March 2025
Published by Harbour Cities Network
Editor Kim Ha-na
Address 10 Harbour Road, Jung-gu, Busan
"""


def test_a_magazine_of_another_form() -> None:
    # Page numbers before the titles, one-word parts, a listed title shorter than the body's,
    # a byline after one title and another before one, a running header naming each city,
    # a "Published 15 March 2025" colophon.
    clean = clean_text(HARBOUR)
    assert looks_like_magazine(clean.lines)
    draft = split_magazine(clean)
    assert [(a.title, a.section) for a in draft.articles] == [
        ("Busan opens its new cruise terminal to the world", "Features"),
        ("Incheon bets on hydrogen ships", "Features"),
        ("Why ports need their cities", "Opinion"),
        ("Ulsan hosts the Asia shipping forum", "News"),
    ]
    assert [a.author for a in draft.articles] == [
        None,
        Author("Lee Soo-jin", "Harbour correspondent", "Coastal Times"),
        Author("Park Min-ji", "Senior Fellow", "Maritime Policy Institute"),
        None,
    ]
    assert draft.title == "HARBOUR CITIES MONTHLY, Spring 2025 · Issue 12"
    assert draft.publisher == "Harbour Cities Network"
    assert draft.date == "2025-03-15"
    # The caption between the halves of a sentence is gone and the sentence whole again.
    assert "clears 4,000 passengers an hour" in _text(draft.articles[0])
    # A running header printed from one template, with the city changing, is dropped.
    assert all("Gateway of the East Sea" not in _text(a) for a in draft.articles)
    assert "400,000 cruise passengers" in _text(draft.articles[0])
    # The byline before "Why ports ..." is not the end of the Incheon piece.
    assert "Park Min-ji" not in _text(draft.articles[1])
    texts = "\n".join(_text(article) for article in draft.articles)
    for line in ("Published", "Harbour Road", "Kim Ha-na", "Contents", "Features", "14 Why"):
        assert line not in texts


def test_a_bylined_piece_the_contents_list_lost_is_kept() -> None:
    draft = split_magazine(clean_text(HARBOUR.replace("9 Incheon bets on hydrogen ships\n", "")))
    assert [(a.title, a.section) for a in draft.articles][:2] == [
        ("Busan opens its new cruise terminal to the world", "Features"),
        ("Incheon bets on hydrogen ships", "Features"),
    ]
    assert len(draft.articles) == 4


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        (
            "[GAROK Japan]26 Japan's Fukui Prefecture: Evolving Home",
            ContentsEntry("GAROK Japan", "Japan's Fukui Prefecture: Evolving Home"),
        ),
        ("Chungcheongnam-do] 16", ContentsEntry("Chungcheongnam-do", None)),
        ("[2025 APEC Incheon] -------44", ContentsEntry("2025 APEC Incheon", None)),
        (
            "[Korea Institute for Trade] ··· 42 New Industries in Chengdu 04",
            ContentsEntry("Korea Institute for Trade", "New Industries in Chengdu"),
        ),
        ("14 Why ports need their cities", ContentsEntry(None, "Why ports need their cities")),
        (
            "Why ports need their cities ..... 14",
            ContentsEntry(None, "Why ports need their cities"),
        ),
        ("A line of prose without a page", None),
    ],
)
def test_contents_entry_forms(line: str, entry: ContentsEntry | None) -> None:
    assert parse_contents_entry(line) == entry


def test_a_garbled_contents_list_is_read_once_per_piece() -> None:
    # An entry printed twice, its title only on the second copy; a title on its own line.
    text = """COTENTS

Regions
[Busan] 4
[Busan] 4 Busan opens its cruise terminal
[Ulsan] 9
Ulsan hosts the forum
Partners
[Maritime Policy Institute] ··· 12 Why ports need their cities

Ulsan hosts the forum

Ulsan welcomed 600 delegates from 14 countries to the Asia Shipping Forum on 12 March, where shipbuilders and ports discussed green fuels.
"""
    contents = find_contents(clean_text(text).lines)
    assert contents is not None
    assert contents.entries == (
        ContentsEntry("Busan", "Busan opens its cruise terminal", "Regions"),
        ContentsEntry("Ulsan", "Ulsan hosts the forum", "Regions"),
        ContentsEntry("Maritime Policy Institute", "Why ports need their cities", "Partners"),
    )


def test_a_contents_list_of_plain_titles() -> None:
    # No page numbers, no parts; one listed title carries its author's name.
    text = """GREEN PORTS QUARTERLY

Winter 2024

In this issue

Hydrogen tugs will come first to Korean ports
Rotterdam shares its shore with the city — essay by Anna de Vries
Three ports win the green harbour award

Hydrogen tugs will come first to Korean ports

Busan, Incheon and Ulsan will each run hydrogen tugboats before any large ship burns hydrogen, because tugs return to the same berth every night.

Rotterdam shares its shore with the city

Rotterdam turned three old basins into housing and parks while moving cargo to the sea edge, and the city council now sits on the port's planning board.

Three ports win the green harbour award

Gwangyang, Pyeongtaek and Mokpo won this year's award for shore power, electric cranes and a cut of 30 percent in diesel use since 2020.

Green Ports Quarterly
Publisher: Blue Coast Media
Date of publication: 2024.12.20
"""
    clean = clean_text(text)
    assert looks_like_magazine(clean.lines)
    draft = split_magazine(clean)
    assert [(a.title, a.section) for a in draft.articles] == [
        ("Hydrogen tugs will come first to Korean ports", None),
        ("Rotterdam shares its shore with the city", None),
        ("Three ports win the green harbour award", None),
    ]
    assert "Blue Coast Media" not in _text(draft.articles[-1])
    assert (draft.title, draft.publisher, draft.date) == (
        "GREEN PORTS QUARTERLY, Winter 2024",
        "Blue Coast Media",
        "2024-12-20",
    )


def test_the_seed_is_read_as_a_magazine() -> None:
    lines = clean_seed(SEED).lines
    assert looks_like_magazine(lines)
    assert detect_shape(lines) == "magazine"


@pytest.mark.parametrize(
    "name",
    [
        "001_cf58bbf3b5f6d030.txt",
        "002_f654724fc78e6d2e.txt",
        "003_b96b697718aef645.txt",
        "004_23e27db7ed9fbb43.txt",
    ],
)
def test_other_seeds_are_not_magazines(name: str) -> None:
    assert not looks_like_magazine(clean_seed(name).lines)


def test_short_plain_text_is_not_a_magazine() -> None:
    # A list under "Contents" reads as entries, but nothing marks a periodical.
    text = (
        "Apple cake\n\nContents\n\n2 eggs\n3 apples\n1 cup of flour\n\nMix and bake for an hour.\n"
    )
    assert not looks_like_magazine(clean_text(text).lines)
    assert looks_like_magazine(clean_text(text.replace("Apple cake", "Apple Monthly")).lines)


def _report_page(number: int, body: str) -> str:
    return (
        f"{body}\nSmart Manufacturing Outlook 2025 | Korea Smart Factory Foundation\n- {number} -\n"
    )


SENTENCE = (
    "Smart factories spread across the provinces as suppliers of sensors, vision inspection "
    "and scheduling software opened regional offices close to their customers last year."
)
REPORT = "\n".join(
    [
        "SMART MANUFACTURING\nOUTLOOK 2025\n\nKorea Smart Factory Foundation\nDecember 2024\n",
        _report_page(
            1,
            "Contents\n\n1. Introduction .......... 2\n2. Regional Progress .......... 3\n"
            "3. Workforce and Skills .......... 4\n\n"
            "This report was prepared with funding from the Ministry of SMEs and Startups.\n",
        ),
        _report_page(2, f"1. Introduction\n\n{SENTENCE}\n\n{SENTENCE}\n"),
        _report_page(3, f"2. Regional Progress\n\n{SENTENCE}\n\n{SENTENCE}\n"),
        _report_page(4, f"3. Workforce and Skills\n\n{SENTENCE}\n\n{SENTENCE}\n"),
    ]
)


def test_a_report_is_titled_by_its_cover_as_its_running_header_writes_it() -> None:
    draft = split_magazine(clean_text(REPORT))
    assert [a.title for a in draft.articles][-2:] == [
        "2. Regional Progress",
        "3. Workforce and Skills",
    ]
    assert draft.title == "Smart Manufacturing Outlook 2025, December 2024"
