"""The digest splitter: stories between rule lines under a masthead, dated by their datelines."""

from __future__ import annotations

import pytest

from generator.split import detect_shape, split_document
from generator.text import first_stated_date
from tests.helpers import clean_text

STORY = (
    "Chongqing produced 162,300 new energy vehicles in the first two months of the year, up "
    "38.2% year on year, according to the municipal statistics bureau."
)
DIGEST = f"""{"=" * 60}
 Chengdu-Chongqing Economic Circle Weekly | Issue 47 | 10 January 2025
{"=" * 60}
 Industry digest for Sichuan and Chongqing.

IN THIS ISSUE
  1. Chongqing NEV output up 38%
  2. CATL adds 40 GWh in Yibin

{"-" * 60}
[1] Chongqing NEV output climbs 38% in Jan-Feb

CHONGQING, January 6 — {STORY}

Sources: Chongqing Municipal Bureau of Statistics

{"-" * 60}
[2] CATL's Yibin base adds a 40 GWh line

YIBIN, December 30 — {STORY}

* * *

A closing note on the week's figures, with no headline of its own, that goes on for long
enough to be read as a paragraph of the story before it.
"""


def test_a_digest_gives_one_dated_story_per_part_under_its_masthead() -> None:
    clean = clean_text(DIGEST)
    assert detect_shape(clean.lines) == "digest"
    draft = split_document(clean)
    assert draft.kind == "digest"
    assert draft.title == "Chengdu-Chongqing Economic Circle Weekly | Issue 47 | 10 January 2025"
    assert draft.date == "2025-01-10"
    assert [(a.title, a.date) for a in draft.articles] == [
        ("Chongqing NEV output climbs 38% in Jan-Feb", "2025-01-06"),
        # A December dateline in a January issue is last year's.
        ("CATL's Yibin base adds a 40 GWh line", "2024-12-30"),
    ]
    first, second = draft.articles
    assert first.blocks[0].text.startswith("CHONGQING, January 6")
    assert first.blocks[-1].text == "Sources: Chongqing Municipal Bureau of Statistics"
    # The part with no headline stays with the story before it; the contents list is no story.
    assert second.blocks[-1].text.startswith("A closing note on the week's figures")
    assert all("IN THIS ISSUE" not in block.text for a in draft.articles for block in a.blocks)


@pytest.mark.parametrize("date_line", ["2025.03.12 (Wed)", "Wednesday, 12 March 2025"])
def test_a_line_of_the_date_above_each_headline_dates_its_story(date_line: str) -> None:
    # A weekly digest printing each day's item under its date read as one article titled by
    # its masthead: the date line was taken for the headline, and the headline for the body.
    first = f"{date_line}\nSichuan and Gyeongbuk agree on battery recycling\n\n{STORY}\n"
    second = first.replace("12", "14").replace("Wed", "Fri").replace("Sichuan", "Chongqing")
    rule = "=" * 40
    # A masthead long enough to read as a story: the stories' date lines tell it is not one.
    masthead = (
        "Regional investment digest\nWeek 11, 2025\nCompiled by the trade center for the "
        "local governments and companies of the region, for internal circulation only"
    )
    text = f"{masthead}\n\n{rule}\n\n{first}\n{rule}\n\n{second}"
    clean = clean_text(text)
    assert detect_shape(clean.lines) == "digest"
    draft = split_document(clean)
    assert [(a.title, a.date) for a in draft.articles] == [
        ("Sichuan and Gyeongbuk agree on battery recycling", "2025-03-12"),
        ("Chongqing and Gyeongbuk agree on battery recycling", "2025-03-14"),
    ]
    assert draft.title == "Regional investment digest"
    assert draft.articles[0].blocks[0].text == STORY


@pytest.mark.parametrize(
    "part",
    [
        "※ This newsletter is shared with partner agencies every two weeks, do not forward",
        "2. 18.(Tue) Welcome dinner for the Chengdu delegation at the BEXCO convention hall",
    ],
)
def test_parts_headed_by_a_note_or_a_table_row_are_no_stories(part: str) -> None:
    text = f"Busan newsletter\n\n{STORY}\n\n{'-' * 40}\n{part}\n{STORY}\n\n{'-' * 40}\n{part}\n{STORY}\n"
    assert detect_shape(clean_text(text).lines) == "article"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Issue 47 | 10 March 2025", "2025-03-10"),
        ("Posted March 10, 2025", "2025-03-10"),
        ("2025.03.10 09:12", "2025-03-10"),
        ("Issue 47 | 31 February 2025 | March 1, 2025", "2025-03-01"),
        # One reader for every splitter: the forms the magazine and compendium read too.
        ("발행일 2025. 3. 10.", "2025-03-10"),
        ("2025年3月10日発行", "2025-03-10"),
        ("Sept. 9, 2024", "2024-09-09"),
    ],
)
def test_first_date_reads_the_common_forms(line: str, expected: str) -> None:
    assert first_stated_date([line]) == expected


def test_a_newsletter_marking_its_headlines_gives_one_story_per_mark() -> None:
    text = (
        "Global Market Weekly\nIssue No. 214 | 9 September 2025\n\n"
        f"■ Hungary: Samsung SDI expands its Göd battery plant\n{STORY}\n"
        "▶ Implication: Korean cathode suppliers in Hungary are expected to see higher orders.\n\n"
        f"■ Vietnam: Bac Ninh courts semiconductor packaging\n{STORY}\n\n"
        f"◆ Mexico: Nuevo León builds an EV supply chain\n{STORY}\n\n"
        "Contact: Global Market Intelligence Team (+82-2-3460-7000)\n"
    )
    clean = clean_text(text)
    assert detect_shape(clean.lines) == "digest"
    draft = split_document(clean)
    assert (draft.title, draft.date) == ("Global Market Weekly", "2025-09-09")
    assert [a.title for a in draft.articles] == [
        "Hungary: Samsung SDI expands its Göd battery plant",
        "Vietnam: Bac Ninh courts semiconductor packaging",
        "Mexico: Nuevo León builds an EV supply chain",
    ]
    assert draft.articles[0].blocks[-1].text.endswith("expected to see higher orders.")
    # The newsletter's contact line is no part of its last story.
    assert draft.articles[-1].blocks[-1].text == STORY


def test_a_newsletter_numbering_its_headlines_gives_one_story_per_number() -> None:
    text = (
        "CHUNGNAM GLOBAL NEWSLETTER\nVol. 12 No. 6 · 2024.06.14\n\n"
        f"1. Chungnam signs display materials MOU with Japanese investors\n{STORY}\n\n"
        f"2. Dangjin hydrogen port project selected for national pilot\n{STORY}\n\n"
        f"3. Cheonan secondary-battery parts complex breaks ground\n{STORY}\n"
    )
    clean = clean_text(text)
    assert detect_shape(clean.lines) == "digest"
    draft = split_document(clean)
    assert [a.title for a in draft.articles] == [
        "Chungnam signs display materials MOU with Japanese investors",
        "Dangjin hydrogen port project selected for national pilot",
        "Cheonan secondary-battery parts complex breaks ground",
    ]
    assert all([b.text for b in a.blocks] == [STORY] for a in draft.articles)


@pytest.mark.parametrize(
    "numbered",
    [
        # Numbers that do not run 1, 2, 3: a list's items, or a report's own numbering.
        [
            "2. Dangjin hydrogen port project selected for national pilot",
            "4. Cheonan secondary-battery parts complex breaks ground",
        ],
        # Points are sentences.
        [
            "1. The province will fund the port with KRW 64 billion.",
            "2. The city will lease the land for fifty years.",
        ],
    ],
)
def test_numbered_lines_that_are_no_headlines_do_not_split(numbered: list[str]) -> None:
    first, second = numbered
    text = f"CHUNGNAM GLOBAL NEWSLETTER\n\n{first}\n{STORY}\n\n{second}\n{STORY}\n"
    clean = clean_text(text)
    assert detect_shape(clean.lines) != "digest"


@pytest.mark.parametrize(
    "marked",
    [
        # A release marks its sections' names and its paragraphs the same way.
        ["□ 추진 배경", "□ 주요 내용"],
        ["■ Background", "■ Next steps"],
        [f"■ {STORY}", f"■ {STORY}"],
    ],
)
def test_a_release_marking_its_sections_or_paragraphs_is_one_story(marked: list[str]) -> None:
    first, second = marked
    text = f"Gyeongnam opens hydrogen test centre\n\n{first}\n{STORY}\n\n{second}\n{STORY}\n"
    clean = clean_text(text)
    assert detect_shape(clean.lines) == "article"
    assert len(split_document(clean).articles) == 1


def test_a_newsletter_with_a_story_above_its_first_mark_loses_nothing() -> None:
    text = (
        f"Busan Global Cooperation Newsletter\n\n1. Busan and Ho Chi Minh City mark 30 years\n"
        f"{STORY}\n\n▶ Chengdu delegation visits Busan on 18 February\n{STORY}\n\n"
        f"▶ Busan trade mission to Hanoi and Bac Ninh\n{STORY}\n"
    )
    texts = [b.text for a in split_document(clean_text(text)).articles for b in a.blocks]
    assert texts.count(STORY) == 3
    assert "Chengdu delegation visits Busan on 18 February" in texts  # a point, no caption


def test_a_storys_closing_paragraph_that_gives_a_number_among_other_news_is_kept() -> None:
    closing = (
        "Companies that wish to join the mission in March can register with the provincial "
        "trade office on 055-211-3742 until the end of February, the agency said."
    )
    text = (
        "Global Market Weekly\n\n"
        f"■ Hungary: Samsung SDI expands its Göd battery plant\n{STORY}\n\n{closing}\n\n"
        f"■ Vietnam: Bac Ninh courts semiconductor packaging\n{STORY}\n\nTel: 02-3460-7000\n"
    )
    first, second = split_document(clean_text(text)).articles
    assert first.blocks[-1].text == closing and second.blocks[-1].text == STORY


@pytest.mark.parametrize(
    ("issue", "said", "expected"),
    [
        ("9 September 2025", "the ministry said on 3 September", "2025-09-03"),
        ("9 September 2025", "the ministry said on September 3", "2025-09-03"),
        # A December story in a January issue is last year's.
        ("12 January 2025", "the ministry said on 30 December", "2024-12-30"),
        # A day in a later sentence dates something else.
        ("9 September 2025", "the ministry said. It opens on 3 October", None),
    ],
)
def test_a_story_with_no_dateline_is_dated_by_the_day_its_opening_sentence_names(
    issue: str, said: str, expected: str | None
) -> None:
    lead = f"Samsung SDI will add a fourth production line at its plant near Budapest, {said}."
    text = (
        f"Global Market Weekly\n{issue}\n\n"
        f"■ Hungary: Samsung SDI expands its Göd battery plant\n{lead} {STORY}\n\n"
        f"■ Vietnam: Bac Ninh courts semiconductor packaging\n{STORY}\n"
    )
    first, second = split_document(clean_text(text)).articles
    assert (first.date, second.date) == (expected, None)


def test_a_newsletter_setting_its_headlines_in_bold_gives_one_story_per_headline() -> None:
    # A web page's or an email's <p><strong> headlines, as extraction writes them.
    text = (
        "# MOTIE Weekly News No. 45\n\n"
        f"**Korea and Poland agree to deepen battery cooperation**\n\n{STORY}\n\n"
        f"__Chungbuk picked as a hydrogen industry cluster__\n\n{STORY}\n"
    )
    clean = clean_text(text, "seeds/weekly.md", "markdown", title="MOTIE Weekly News No. 45")
    draft = split_document(clean)
    assert (draft.kind, draft.title) == ("digest", "MOTIE Weekly News No. 45")
    assert [a.title for a in draft.articles] == [
        "Korea and Poland agree to deepen battery cooperation",
        "Chungbuk picked as a hydrogen industry cluster",
    ]


@pytest.mark.parametrize(
    "bold",
    [
        "**Korea and Poland agree** on **battery cooperation**",  # bold words, not a line
        "**The fund opens in May to every small maker.**",  # a sentence
    ],
)
def test_bold_that_is_no_headline_or_stands_under_a_lead_does_not_split(bold: str) -> None:
    text = f"# MOTIE Weekly\n\n{bold}\n\n{STORY}\n\n{bold}\n\n{STORY}\n"
    assert split_document(clean_text(text, "seeds/a.md", "markdown")).kind != "digest"
    # A story's own bold subheads, under its lead: one story.
    lead = f"# Ulsan opens hydrogen valley\n\n{STORY}\n\n"
    subheads = f"**What the valley will hold first**\n\n{STORY}\n\n**Where its money comes from**\n\n{STORY}\n"
    draft = split_document(clean_text(lead + subheads, "seeds/b.md", "markdown"))
    assert draft.kind == "article" and len(draft.articles) == 1


PLAIN_STORIES = (
    (
        "Korea and Poland agree to deepen battery cooperation",
        "Trade Minister Yeo Han-koo met Poland's Minister of Development and Technology in "
        "Warsaw on 13 November and agreed to set up a working group on battery materials.",
    ),
    (
        "Chungbuk picked as a hydrogen industry cluster",
        "The ministry named Chungcheongbuk-do a hydrogen fuel cell cluster on 12 November. The "
        "province will receive 120 billion won over five years to build a test bed in Chungju.",
    ),
    (
        "October exports rise 8.1 percent on chips",
        "Exports rose 8.1 percent year on year in October to 61.2 billion dollars, the ministry "
        "said, with semiconductor exports at a record 14.3 billion dollars.",
    ),
)


def test_a_newsletter_whose_headlines_nothing_marks_gives_its_dated_stories() -> None:
    # A mail's plain part, or a newsletter copied into a text file: a headline line over
    # each story, right above it or a blank line apart.
    stories = "\n\n".join(
        f"{title}\n{text}" if n % 2 else f"{title}\n\n{text}"
        for n, (title, text) in enumerate(PLAIN_STORIES)
    )
    text = f"KOREA REGIONAL INDUSTRY BRIEF\nNo. 112 | 20 November 2026\n\n{stories}\n"
    draft = split_document(clean_text(text))
    assert (draft.kind, draft.title, draft.date) == (
        "digest",
        "KOREA REGIONAL INDUSTRY BRIEF",
        "2026-11-20",
    )
    assert [(a.title, a.date) for a in draft.articles] == [
        ("Korea and Poland agree to deepen battery cooperation", "2026-11-13"),
        ("Chungbuk picked as a hydrogen industry cluster", "2026-11-12"),
        ("October exports rise 8.1 percent on chips", None),  # its opening names no day
    ]


def test_an_articles_unmarked_subheads_do_not_split_it() -> None:
    # Its sections open on no day; two dated stories are too few to tell a digest by.
    section = (
        "The valley will hold a liquefaction plant, a fuel cell test centre and a pipeline to "
        "the port, the city said, with the first phase finished by 2028 at the latest."
    )
    subheads = "\n\n".join(
        f"{title}\n\n{section}"
        for title in ("What the valley will hold first", "Where the money comes from now")
    )
    first, second, _ = PLAIN_STORIES
    for text in (
        f"Ulsan opens its hydrogen valley\n\n{STORY}\n\n{subheads}\n",
        f"Two stories\n\n{first[0]}\n{first[1]}\n\n{second[0]}\n{second[1]}\n",
    ):
        assert split_document(clean_text(text)).kind == "article"


def test_a_korean_newsletters_stories_are_dated_by_the_day_they_report() -> None:
    # "12일" is the 12th of the issue's month; a story may name its month; a count of days
    # ("30일간") names no day. A headline may open with a number run into a word ("10월").
    body = "양측은 기업 진출 지원과 인력 교류, 공동 연구를 추진하기로 했으며 도내 기업 10곳이 함께 참여해 현지 투자 설명회도 열었다."
    text = (
        "충청북도 국제협력 소식지\n제37호 | 2026년 11월 20일\n\n"
        f"■ 충북도, 폴란드 배터리 클러스터와 협력 강화\n충청북도는 12일 폴란드에서 협약을 체결했다고 밝혔다. {body}\n\n"
        f"■ 청주 오창에 시험인증센터 착공\n도는 지난 10월 17일 오창읍에서 착공식을 열었다. {body}\n\n"
        f"■ 10월 수출 8.1% 증가\n충북의 수출 상담회가 30일간 열린다고 도가 밝혔다. {body}\n"
    )
    draft = split_document(clean_text(text))
    assert [(a.title, a.date) for a in draft.articles] == [
        ("충북도, 폴란드 배터리 클러스터와 협력 강화", "2026-11-12"),
        ("청주 오창에 시험인증센터 착공", "2026-10-17"),
        ("10월 수출 8.1% 증가", None),
    ]


def test_a_korean_newsletter_whose_headlines_nothing_marks_gives_its_stories() -> None:
    body = "양측은 기업 진출 지원과 인력 교류, 공동 연구를 추진하기로 했으며 도내 기업 10곳이 함께 참여해 현지 투자 설명회도 열었다."
    stories = "\n\n".join(
        f"{title}\n{opening} {body}"
        for title, opening in (
            (
                "충북도, 폴란드 배터리 클러스터와 협력 강화",
                "충청북도는 12일 협약을 체결했다고 밝혔다.",
            ),
            ("청주 오창에 이차전지 시험인증센터 착공", "도는 17일 오창읍에서 착공식을 열었다."),
            ("충북 바이오 기업 유럽 시장 개척단 파견", "도는 18일 개척단을 파견했다고 밝혔다."),
        )
    )
    draft = split_document(clean_text(f"충청북도 국제협력 소식지\n2026년 11월 20일\n\n{stories}\n"))
    assert draft.kind == "digest"
    assert [a.date for a in draft.articles] == ["2026-11-12", "2026-11-17", "2026-11-18"]


def test_a_long_subject_set_over_a_newsletter_is_its_masthead_not_a_story() -> None:
    # An email's subject, set as the body's heading, runs long; it is no story above the
    # first headline that a digest would lose.
    subject = "# [Gyeongnam Investment News] No. 88 - Changwon hydrogen stations, Haiphong MOU, October exports"
    text = (
        f"{subject}\n\nGyeongnam Investment News No. 88 | 24 November 2026\n\n"
        f"**Changwon adds five hydrogen refuelling stations**\n\n{STORY}\n\n"
        f"**Gyeongnam signs shipbuilding parts MOU with Haiphong**\n\n{STORY}\n"
    )
    draft = split_document(clean_text(text, "seeds/news.md", "markdown"))
    assert draft.kind == "digest" and len(draft.articles) == 2
