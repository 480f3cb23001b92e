"""The bulletin splitter on both ministry seeds and on a bulletin of another form."""

from __future__ import annotations

from generator.split.bulletin import looks_like_bulletin, split_bulletin
from tests.helpers import ROOT, clean_seed, clean_text

# Hand-copied from seeds/001: title lines and the dateYYYY-MM-DD tail of each item.
JULY_ITEMS = [
    ("MOTIE lays out initial blueprint for K-design and AI convergence", "2024-07-10"),
    ("Korea and Thailand launch 1st official negotiating round for bilateral EPA", "2024-07-09"),
    (
        "Vice Minister attends completion ceremony of POSCO International's Gwangyang LNG Terminal",
        "2024-07-09",
    ),
    ("FDI pledged to Korea in H1 2024 reaches $15.3 bln", "2024-07-05"),
    (
        "Electric power equipment industry gearing up as Korea's new export growth engine",
        "2024-07-05",
    ),
    ("Solar power distribution blueprint built around Korea's industrial complexes", "2024-07-04"),
    ("Lotte Biologics' biopharma plant breaks ground in Songdo", "2024-07-04"),
    ("Korea and Indonesia to accelerate bilateral economic cooperation", "2024-07-03"),
]
# Hand-copied from seeds/003; every item there carries the category line "Industry".
MARCH_ITEMS = [
    (
        "Public and private sectors join hands for development of all-solid-state batteries",
        "2024-03-11",
    ),
    (
        "Korea and UK deepen cooperation in international standards for quantum technologies as "
        "summit follow-up",
        "2024-03-11",
    ),
    (
        "Korea and Sweden discuss cooperation in advanced industries and digital economy",
        "2024-03-07",
    ),
    ("Korea and U.S. discuss chip cooperation", "2024-03-05"),
    (
        "Korea discusses measures to bolster critical minerals cooperation with MSP partners",
        "2024-03-05",
    ),
    (
        "Deputy Trade Minister attends MOU ceremony for Korea-Indonesia cooperation in foundational "
        "technology talent training",
        "2024-03-05",
    ),
    ("Deputy Trade Minister meets Head of BSKJI of Indonesia’s Industry Ministry", "2024-03-05"),
    (
        "Deputy Trade Minister meets Indonesia’s Energy and Natural Resources Ministry Directorate "
        "General",
        "2024-03-05",
    ),
    ("Korea and Indonesia to push forward cooperation in future new industries", "2024-03-05"),
    (
        "Korea engages in MSP meeting to further global collaboration in critical minerals supply "
        "chain",
        "2024-03-04",
    ),
]


def test_july_bulletin_items_titles_and_dates() -> None:
    draft = split_bulletin(clean_seed("001_cf58bbf3b5f6d030.txt"))
    assert [(a.title, a.date) for a in draft.articles] == JULY_ITEMS
    assert all(a.section is None for a in draft.articles)


def test_march_bulletin_items_titles_dates_and_category() -> None:
    draft = split_bulletin(clean_seed("003_b96b697718aef645.txt"))
    assert [(a.title, a.date) for a in draft.articles] == MARCH_ITEMS
    assert {a.section for a in draft.articles} == {"Industry"}


def test_bulletin_gets_publisher_and_date_range_title() -> None:
    draft = split_bulletin(clean_seed("003_b96b697718aef645.txt"))
    assert draft.publisher == "Ministry of Trade, Industry and Energy"
    assert draft.title == "MOTIE news, March 4–11, 2024"
    assert draft.date == "2024-03-11"


def test_date_tail_is_removed_from_body() -> None:
    raw = (ROOT / "seeds" / "001_cf58bbf3b5f6d030.txt").read_text(encoding="utf-8")
    draft = split_bulletin(clean_seed("001_cf58bbf3b5f6d030.txt"))
    for article in draft.articles:
        text = " ".join(block.text for block in article.blocks)
        assert "date2024" not in text
        # The body ends exactly where the source's "dateYYYY-MM-DD" tail began.
        assert f"{text[-60:]} date{article.date}" in raw


def test_a_bulletin_of_another_form() -> None:
    # Another ministry, a "Date: YYYY.MM.DD" tail, body over two lines, one item
    # without a category and one with a two-word category.
    text = """-
Energy Policy
Ministry hosts hydrogen forum in Ulsan
The Ministry of Environment (ME) held a hydrogen forum in Ulsan on May 2 with twenty
companies and local officials, and ME announced a plan for 300 hydrogen buses in the city
by 2026 to cut emissions in the port area and create new jobs for the region. Date: 2025.05.02
-
ME signs water technology MOU with Vietnam
Environment Minister Kim met Vietnam's minister in Hanoi on May 9 to sign a memorandum on water technology and clean industry cooperation between the two countries' agencies and firms. date2025-05-09
"""
    clean = clean_text(text)
    assert looks_like_bulletin(clean.lines)
    draft = split_bulletin(clean)
    assert [(a.title, a.date, a.section) for a in draft.articles] == [
        ("Ministry hosts hydrogen forum in Ulsan", "2025-05-02", "Energy Policy"),
        ("ME signs water technology MOU with Vietnam", "2025-05-09", None),
    ]
    assert draft.publisher == "Ministry of Environment"
    assert draft.title == "ME news, May 2–9, 2025"
    assert "Date:" not in draft.articles[0].blocks[-1].text
    assert "300 hydrogen buses" in draft.articles[0].blocks[0].text


def test_other_seeds_are_not_bulletins() -> None:
    for name in (
        "000_f32b58c6a1245bd4.txt",
        "002_f654724fc78e6d2e.txt",
        "004_23e27db7ed9fbb43.txt",
    ):
        assert not looks_like_bulletin(clean_seed(name).lines), name
