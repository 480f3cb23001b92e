"""The single-story and fallback shapes, fed in forms the seeds do not have."""

from __future__ import annotations

import dataclasses
import textwrap

import pytest

from generator.clean import clean_source, copyright_holder
from generator.errors import SourceError
from generator.readers import read_markdown_file, read_text_file
from generator.split import detect_shape, split_document
from generator.split.article import masthead_issuer
from generator.text import issue_date

BODY = (
    "The provincial government said on Tuesday that the new plant would supply cathode "
    "materials to carmakers in Europe and North America from the second half of next year."
)


def _split_text(text: str, name: str = "seeds/story.txt"):
    return split_document(clean_source(read_text_file(name, text.encode("utf-8"))))


def _split_markdown(text: str, name: str = "seeds/story.md"):
    return split_document(clean_source(read_markdown_file(name, text.encode("utf-8"))))


def test_a_news_story_keeps_headline_decks_date_and_publisher() -> None:
    text = (
        "Ulsan Opens Hydrogen Valley\n\n"
        "City targets 30,000 fuel-cell vehicles\n\n"
        "Posted : 2025-03-18 09:12\n\n"
        f"{BODY}\n\n{BODY.replace('Tuesday', 'Friday')}\n\n"
        "ⓒ 2025 Ulsan Daily News. All rights reserved.\n"
    )
    draft = _split_text(text, "seeds/anything.md.txt")
    assert draft.kind == "article" and len(draft.articles) == 1
    article = draft.articles[0]
    assert article.title == "Ulsan Opens Hydrogen Valley"
    assert article.subtitles == (
        "City targets 30,000 fuel-cell vehicles",
        "Posted : 2025-03-18 09:12",
    )
    assert article.date == "2025-03-18" and draft.date == "2025-03-18"
    assert draft.publisher is not None and "Ulsan Daily News" in draft.publisher
    bodies = " ".join(block.text for block in article.blocks)
    assert "Friday" in bodies and "rights reserved" not in bodies


@pytest.mark.parametrize(
    "dating",
    [
        "Posted 2025-06-04",
        "Published: 4 June 2025",
        "Updated on June 4, 2025",
        "2025.06.04",
        "Release date: June 4, 2025",
        "Publication date: 4 June 2025",
        # A news site's stamps of when it posted and revised the story, to the minute.
        "송고2025-06-04 10:15",
        "입력 2025.06.04 10:15 수정 2025.06.04 11:02",
        "发布时间：2025-06-04 09:30",
    ],
)
def test_a_deck_that_only_dates_the_story_is_no_subtitle(dating: str) -> None:
    article = _story_with_deck(dating)
    assert article.subtitles == ("City targets 30,000 cars",)
    assert article.date == "2025-06-04"


@pytest.mark.parametrize(
    "contact",
    [
        "Department : Hydrogen Industry Division   Tel : 055-211-3742",
        "Contact: Press Office, +82-52-229-2000",
        "문의처 : 수소산업과 055-211-3742",
        "2025-07-15 10:32 Source: Chengdu Municipal Government Editor: Wang Li",
        "Global Market Intelligence Team +82-2-3460-7000",
        "Press office, +1 (212) 555-0100",
    ],
)
def test_a_contact_or_source_field_under_the_headline_is_no_subtitle(contact: str) -> None:
    assert _story_with_deck(contact).subtitles == ("City targets 30,000 cars",)


def _story_with_deck(deck: str):
    """A story whose headline has two decks: a subtitle, then the deck given."""
    text = f"Ulsan Opens Hydrogen Valley\n\nCity targets 30,000 cars\n\n{deck}\n\n{BODY}\n"
    return _split_text(text).articles[0]


@pytest.mark.parametrize(
    "site",
    [
        "Ulsan Daily News\nHome > Economy > Industry",
        "Home › Press releases",
        "ULSAN DAILY NEWS",
    ],
)
def test_a_sites_name_and_trail_of_sections_above_a_story_are_not_its_headline(
    site: str,
) -> None:
    text = (
        f"{site}\n\nUlsan Opens Hydrogen Valley\n\n{BODY}\n\n"
        "ⓒ 2025 Ulsan Daily News. All rights reserved.\n"
    )
    article = _split_text(text).articles[0]
    assert article.title == "Ulsan Opens Hydrogen Valley" and article.subtitles == ()


def test_a_headline_is_kept_when_no_copyright_names_the_site_or_it_is_no_trail() -> None:
    # No copyright line: a first line is the headline, whatever it says.
    article = _split_text(f"Ulsan Daily News\n\nUlsan Opens Hydrogen Valley\n\n{BODY}\n")
    assert article.articles[0].title == "Ulsan Daily News"
    # An arrow inside a headline is no trail of sections.
    for headline in ("Exports > imports in June", "Chips > cars > ships as Korea's top export"):
        assert _split_text(f"{headline}\n\n{BODY}\n").articles[0].title == headline


@pytest.mark.parametrize(
    ("byline", "name", "role"),
    [
        ("*By Choi Seo-yeon, Cheongju*", "Choi Seo-yeon", None),
        ("By Kim Min-ji, staff reporter", "Kim Min-ji", "staff reporter"),
        ("Lee Jae-won | Correspondent", "Lee Jae-won", "Correspondent"),
        ("By Anna Kovács, Budapest correspondent", "Anna Kovács", "Budapest correspondent"),
        ("Dresden, 12 June 2025 · By Jürgen Müller", "Jürgen Müller", None),
        ("BUSAN | March 3, 2025 | By Park Ji-hoon, staff writer", "Park Ji-hoon", "staff writer"),
        # The publishing date after the role is not part of it.
        ("By Lee Min-ji, staff reporter · Published Nov. 3, 2025", "Lee Min-ji", "staff reporter"),
        (
            "Choi Yu-na | Senior Reporter | Updated 2025-11-03 10:00",
            "Choi Yu-na",
            "Senior Reporter",
        ),
    ],
)
def test_a_byline_under_the_headline_is_the_author_not_a_deck(
    byline: str, name: str, role: str | None
) -> None:
    text = f"Ulsan Opens Hydrogen Valley\n\nCity targets 30,000 vehicles\n\n{byline}\n\n{BODY}\n"
    article = _split_text(text).articles[0]
    assert article.author is not None
    assert (article.author.name, article.author.role) == (name, role)
    assert article.subtitles == ("City targets 30,000 vehicles",)


@pytest.mark.parametrize("deck", ["By 2030, a hydrogen city", "By the Industrial Policy Division"])
def test_a_deck_opening_with_by_but_naming_no_person_stays_a_deck(deck: str) -> None:
    article = _split_text(f"Ulsan Opens Hydrogen Valley\n\n{deck}\n\n{BODY}\n").articles[0]
    assert article.author is None and article.subtitles == (deck,)


def test_a_hard_wrapped_story_keeps_its_body() -> None:
    wrapped = textwrap.fill(f"{BODY} {BODY}", 72)
    text = (
        f"Ulsan Opens Hydrogen Valley\n\nCity targets 30,000 vehicles\n\n{wrapped}\n\n{wrapped}\n"
    )
    article = _split_text(text).articles[0]
    assert article.subtitles == ("City targets 30,000 vehicles",)
    assert [block.text for block in article.blocks] == [f"{BODY} {BODY}"] * 2


def test_a_hard_wrapped_korean_story_keeps_its_body_under_rules() -> None:
    rule = "━" * 40
    body = (
        "부산시는 2월 11일 베트남 호치민시 인민위원회와 화상회의를\n열고 자매결연 30주년 "
        "기념사업 추진계획에 합의했으며\n관련 예산 4억 5천만 원을 확보하고 청년 창업 교류 "
        "프로그램을\n신설하기로 했다고 밝혔다."
    )
    text = f"{rule}\n부산광역시 국제협력 소식지\n제37호 | 2025년 2월 14일\n{rule}\n\n{body}\n"
    draft = _split_text(text)
    article = draft.articles[0]
    assert draft.title == article.title == "부산광역시 국제협력 소식지"
    assert article.subtitles == ("제37호 | 2025년 2월 14일",)
    assert len(article.blocks) == 1 and article.blocks[0].text.startswith("부산시는")
    assert article.date == "2025-02-14"


def test_shape_comes_from_the_text_not_the_file_name() -> None:
    # Named like a bulletin seed, written like a story: read as a story.
    draft = _split_text(f"A Headline\n\n{BODY}\n", "seeds/001_bulletin.txt")
    assert draft.kind == "article"


def test_markdown_with_top_level_headings_is_a_collection() -> None:
    text = (
        "# Annual notes\n\nIntro line.\n\n## Batteries in Chungbuk\n\n"
        f"{BODY}\n\n## Chips in Gyeonggi\n\n{BODY}\n\n### A subsection\n\n{BODY}\n"
    )
    source = read_markdown_file("seeds/notes.md", text.encode("utf-8"))
    draft = split_document(clean_source(source))
    assert draft.kind == "collection"
    assert [a.title for a in draft.articles] == ["Batteries in Chungbuk", "Chips in Gyeonggi"]
    # The subsection stays inside its article rather than becoming one.
    assert len(draft.articles[1].blocks) >= 2


def test_text_without_structure_is_one_article() -> None:
    assert detect_shape([BODY, "", BODY]) == "article"
    draft = _split_text(f"{BODY}\n\n{BODY}\n")
    assert len(draft.articles) == 1 and len(draft.articles[0].blocks) == 2
    assert draft.articles[0].title.startswith("The provincial government said on Tuesday")


def test_odd_inputs_never_crash() -> None:
    for text in ("#\n##\n###", "- \n-\n-\n", "date2024-01-01\n-\n", "■" * 500, "a\n" * 3000):
        draft = _split_text(text)
        assert draft.kind in ("article", "collection", "bulletin", "magazine", "compendium")


def test_empty_text_is_a_clear_error_naming_the_file() -> None:
    for text in ("", "\n\n\n", "   \t\n"):
        with pytest.raises(SourceError, match=r"seeds/story\.txt"):
            _split_text(text)


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        ("ⓒ 2025 Ulsan Daily News. All rights reserved.", "Ulsan Daily News"),
        ("© 2025 Invest in Saxony GmbH. Alle Rechte vorbehalten.", "Invest in Saxony GmbH"),
        ("© 2024 Le Journal de Lyon. Tous droits réservés.", "Le Journal de Lyon"),
        ("Copyright 2023 Diario Económico, todos los derechos reservados", "Diario Económico"),
        ("© 2025 日本経済新聞社 無断転載を禁じます", "日本経済新聞社"),
        ("저작권자 © 울산신문 무단전재 및 재배포 금지", "울산신문"),
        ("© KOTRA 2025", "KOTRA"),  # the year after the holder, as often at a page's foot
        ("Copyright Chengdu Daily, 2019-2025. All rights reserved.", "Chengdu Daily"),
        # Korean news sites set it in brackets (escaped in Markdown), with their domain.
        ("<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "연합뉴스"),
        ("\\<ⓒ경향신문(www.khan.co.kr), 무단전재 및 재배포 금지>", "경향신문"),
        ("저작권자 © 매일경제 & mk.co.kr, 무단 전재 및 재배포 금지", "매일경제"),
        # A Chinese site's, within its footer line.
        ("主办：重庆市人民政府办公厅 版权所有：重庆市人民政府 渝ICP备05003300号", "重庆市人民政府"),
        ("版权所有 © 2026 新华网", "新华网"),
    ],
)
def test_a_copyright_line_names_its_holder_in_any_language(line: str, holder: str) -> None:
    # "Alle Rechte vorbehalten" stayed in the publisher of a German page.
    assert copyright_holder(line) == holder


@pytest.mark.parametrize(
    "masthead",
    [
        "보 도 자 료\n배포일시 2025. 4. 15.(화) 09:00 | 담당부서 미래산업과\n과장 김영수 ☎ 055-211-3510",
        "PRESS RELEASE\nContact: Kim Min-ji, +82 55 211 3510 | 2025-04-15 09:00",
        "PRESS RELEASE\nRelease date: April 15, 2025 (Tue)",
        "Gyeongsangnam-do Province — Press Release\nReleased: 15 April 2025\n"
        "Contact: Future Industry Division, +82-55-211-3510",
        "PRESS RELEASE | Gyeongsangnam-do\nRelease date: April 15, 2025 (Tue)",
        "Tuesday, 15 April 2025",
        # A masthead drawn as a table, as a word processor's release is (DOCX, HWPX).
        "| 보도자료 | 경상남도 |\n|---|---|\n| 보도일시 | 2025. 4. 15.(화) 09:00 |\n"
        "| 담당부서 | 미래산업과 |\n| 담당자 | 과장 김영수 (055-211-3510) |",
        "| PRESS RELEASE |\n| Release date | April 15, 2025 (Tue) |",
    ],
)
def test_a_press_releases_label_and_fields_are_not_its_headline(masthead: str) -> None:
    text = (
        f"{masthead}\n\n경남도, 창원에 수소연료전지 부품 실증센터 착공\n"
        "- 총사업비 450억 원 투입, 2027년 준공 목표 -\n\n"
        "□ 경상남도는 15일 창원국가산업단지에서 실증센터 착공식을 개최했다고 밝혔다.\n"
        "  ㅇ 이날 착공식에는 200여 명이 참석했다.\n"
    )
    article = _split_text(text).articles[0]
    assert article.title == "경남도, 창원에 수소연료전지 부품 실증센터 착공"
    assert article.subtitles == ("총사업비 450억 원 투입, 2027년 준공 목표",)
    assert article.date == "2025-04-15"
    assert [block.text for block in article.blocks] == [
        "경상남도는 15일 창원국가산업단지에서 실증센터 착공식을 개최했다고 밝혔다.",
        "이날 착공식에는 200여 명이 참석했다.",
    ]


@pytest.mark.parametrize(
    ("above", "title", "publisher"),
    [
        # The office over its label is the masthead's.
        (
            "Saxony Economic Development Corporation (WFS)\nPress Release | 12 November 2026",
            "Korean battery suppliers choose Saxony",
            "Saxony Economic Development Corporation (WFS)",
        ),
        # A headline in title case naming an office, over a field that is no label, stays.
        (
            "Busan City Hosts Battery Forum\nRelease date: 12 November 2026",
            "Busan City Hosts Battery Forum",
            None,
        ),
    ],
)
def test_an_office_named_over_a_release_label_is_its_masthead(
    above: str, title: str, publisher: str | None
) -> None:
    text = f"{above}\n\nKorean battery suppliers choose Saxony\n\n{BODY}\n"
    draft = _split_text(text)
    assert (draft.articles[0].title, draft.publisher) == (title, publisher)
    assert draft.date == "2026-11-12"


@pytest.mark.parametrize(
    ("masthead", "publisher"),
    [
        ("| 보도자료 | 경상남도 |\n| 보도일시 | 2025. 4. 15.(화) 09:00 |", "경상남도"),
        ("Gyeongsangnam-do — Press Release\nReleased: 15 April 2025", "Gyeongsangnam-do"),
        ("PRESS RELEASE\nRelease date: April 15, 2025 (Tue)", None),  # no office named
    ],
)
def test_the_office_a_release_label_names_is_the_publisher(
    masthead: str, publisher: str | None
) -> None:
    text = f"{masthead}\n\n경남도, 창원에 수소연료전지 부품 실증센터 착공\n\n" + (
        "□ 경상남도는 15일 창원국가산업단지에서 실증센터 착공식을 개최했다고 밝혔다.\n"
    )
    assert _split_text(text).publisher == publisher


@pytest.mark.parametrize(
    "headline",
    [
        "Ulsan and Busan make contact on hydrogen deal",
        "Markets close at 15:30 on holiday",
        "Hyundai — press release shows record orders",
    ],
)
def test_a_headline_that_names_a_contact_or_a_time_stays_the_headline(headline: str) -> None:
    article = _split_text(f"{headline}\n\n{BODY}\n").articles[0]
    assert article.title == headline


@pytest.mark.parametrize(
    "headline",
    [
        "Update: Ulsan and Busan sign a hydrogen pact on 15 April 2025 after two years of talks",
        "Korea–Japan summit: leaders meet in Busan on May 20, 2025",
    ],
)
def test_a_headline_with_a_colon_and_a_date_stays_the_headline(headline: str) -> None:
    article = _split_text(f"{headline}\n\n{BODY}\n").articles[0]
    assert article.title == headline


def test_dated_items_keep_their_date_lines_and_office_files_their_repeated_lines() -> None:
    items = "".join(
        f"Item {n}\n\n{day} May 2025\n\n{BODY}\n\nSource: provincial government\n\n"
        for n, day in enumerate((12, 14, 16), 1)
    )
    # Three date lines alike but for their digits are dates, not a running header.
    kept = clean_source(read_text_file("seeds/items.txt", items.encode())).lines
    assert [line for line in kept if line.endswith("May 2025")] == [
        "12 May 2025",
        "14 May 2025",
        "16 May 2025",
    ]
    assert "Source: provincial government" not in kept  # repeated three times in plain text
    # A Word or Hangul reader has left headers out already: a repeated line there is text.
    office = dataclasses.replace(read_text_file("seeds/items.txt", items.encode()), format="docx")
    assert clean_source(office).lines.count("Source: provincial government") == 3


def test_a_memo_of_one_sentence_paragraphs_keeps_its_body() -> None:
    # No paragraph reaches the body's length; its sentences are still body, not decks.
    text = (
        "울산시, 수소 버스 120대 추가 도입\n\n"
        "- 2030년까지 시내버스 절반 전환 -\n\n"
        "울산시는 올해 하반기까지 수소 시내버스 120대를 추가로 도입한다고 4일 밝혔다.\n\n"
        "사업비 360억 원은 국비와 시비로 절반씩 부담한다.\n\n"
        "현대자동차는 울산공장에서 생산한 수소버스를 공급한다.\n"
    )
    article = _split_text(text).articles[0]
    assert article.subtitles == ("2030년까지 시내버스 절반 전환",)
    assert len(article.blocks) == 3
    assert article.blocks[0].text.startswith("울산시는 올해 하반기까지")


def test_a_collection_splits_at_items_under_group_headings_and_keeps_its_printed_title() -> None:
    text = (
        "# Regional Industry Brief No. 19\n\n9 June 2025\n\n"
        f"## China\n\n### Hefei wins battery plant\n\n{BODY}\n\n### Chongqing robotics fund\n\n"
        f"{BODY}\n\n## Korea\n\n### Gumi materials hub\n\n{BODY}\n"
    )
    source = read_markdown_file("seeds/brief.md", text.encode())
    # The file's metadata names last week's issue; the printed title and date win.
    stale = dataclasses.replace(source, title="Regional Industry Brief No. 18", date="2025-06-02")
    draft = split_document(clean_source(stale))
    assert (draft.title, draft.date) == ("Regional Industry Brief No. 19", "2025-06-09")
    assert [(a.section, a.title) for a in draft.articles] == [
        ("China", "Hefei wins battery plant"),
        ("China", "Chongqing robotics fund"),
        ("Korea", "Gumi materials hub"),
    ]
    assert all(block.text == BODY for a in draft.articles for block in a.blocks)


def test_a_report_whose_headings_number_its_sections_is_one_article() -> None:
    text = (
        "# 경북 이차전지 산업 동향 보고\n\n2025. 6. 27. 경상북도 배터리산업과\n\n"
        f"## 1. 추진 배경\n\n{BODY}\n\n## 2. 향후 계획\n\n{BODY}\n"
    )
    draft = _split_markdown(text, "seeds/report.md")
    [article] = draft.articles
    assert (article.title, article.date) == ("경북 이차전지 산업 동향 보고", "2025-06-27")
    assert article.subtitles == ("2025. 6. 27. 경상북도 배터리산업과",)
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "1. 추진 배경",
        "2. 향후 계획",
    ]
    # Numbered headlines of a bulletin are items, not sections.
    bulletin = text.replace("1. 추진 배경", "1. Korea and Australia sign a hydrogen supply deal")
    assert split_document(
        clean_source(read_markdown_file("seeds/b.md", bulletin.encode()))
    ).kind == ("collection")


def test_a_date_alone_above_a_heading_dates_the_piece_under_it_not_the_one_before() -> None:
    text = (
        f"2 June 2025\n\n# Anhui offers chip makers land\n\n{BODY}\n\n"
        f"3 June 2025\n\n# Hubei expands its optical valley\n\n{BODY}\n\n"
        f"Posted: 4 June 2025\n\n# Shaanxi cuts wafer power prices\n\n{BODY}\n"
    )
    draft = _split_markdown(text, "seeds/daily.md")
    assert [(a.title, a.date) for a in draft.articles] == [
        ("Anhui offers chip makers land", "2025-06-02"),
        ("Hubei expands its optical valley", "2025-06-03"),
        # A labelled date more often closes the piece before; it stays there.
        ("Shaanxi cuts wafer power prices", None),
    ]
    assert [[b.text for b in a.blocks] for a in draft.articles] == [
        [BODY],
        [BODY, "Posted: 4 June 2025"],
        [BODY],
    ]


def test_a_korean_release_boxed_masthead_dashed_decks_and_drawn_table() -> None:
    lead = (
        "□ 경상북도(도지사 이철우)는 3월 10일부터 17일까지 헝가리와 폴란드에 투자유치 "
        "사절단을 파견해 5개 기업으로부터 총 1조 2,400억원 규모의 투자를 유치했다고 18일 밝혔다."
    )
    text = textwrap.dedent(
        f"""\
        보 도 자 료
        경상북도
        ┌──────────────────────────────┐
        │ 배포일시 : 2025. 3. 18.(화) 10:00 │
        │ 담당부서 : 투자유치실 투자유치과   │
        │ 담 당 자 : 이수진                │
        │ 총 4쪽 (사진 2매 포함)           │
        └──────────────────────────────┘

        경북도, 유럽 투자유치 사절단 성과… 1조 2,400억원 유치

         - 이철우 도지사, 헝가리·폴란드 방문해 5개 기업과 투자양해각서(MOU) 체결
         - 포항 영일만 산단에 양극재 전구체 공장 신설… 신규 일자리 850개 창출 기대 -

        {lead}

        ┌────┬──────────┬────────┐
        │ 연번 │ 기업명   │ 투자액(억원) │
        ├────┼──────────┼────────┤
        │  1   │ ㈜에코프로비엠 │ 6,500 │
        │  2   │ ㈜엔켐   │ 2,300 │
        └────┴──────────┴────────┘
        """
    )
    [article] = _split_text(text).articles
    # The office's name between the label and the fields is no headline; the lead that
    # starts with it is no caption repeating the headline.
    assert (article.title, article.date) == (
        "경북도, 유럽 투자유치 사절단 성과… 1조 2,400억원 유치",
        "2025-03-18",
    )
    assert article.subtitles == (
        "이철우 도지사, 헝가리·폴란드 방문해 5개 기업과 투자양해각서(MOU) 체결",
        "포항 영일만 산단에 양극재 전구체 공장 신설… 신규 일자리 850개 창출 기대",
    )
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("list", lead.removeprefix("□ ")),
        ("table", "연번\t기업명\t투자액(억원)\n1\t㈜에코프로비엠\t6,500\n2\t㈜엔켐\t2,300"),
    ]


def test_a_paragraph_opening_with_the_headline_is_body_text_not_a_caption_echo() -> None:
    body = f"Gyeongsangbuk-do {BODY[0].lower()}{BODY[1:]}"
    text = (
        f"Gyeongsangbuk-do\n\n{body}\n\nGyeongsangbuk-do (Photo: provincial government)\n\n{BODY}\n"
    )
    [article] = _split_text(text).articles
    assert article.title == "Gyeongsangbuk-do"
    assert [b.text for b in article.blocks] == [body, BODY]


def test_a_group_heading_with_no_items_under_it_is_a_piece_of_its_own() -> None:
    text = (
        "# Regional Industry Monthly\n\n"
        f"## Gyeongsangnam-do\n\n### Changwon bus fleet grows\n\n{BODY}\n\n"
        f"### Gimhae smart-factory deal\n\n{BODY}\n\n"
        f"## Chungcheongbuk-do\n\n### Cheongju fab expands\n\n{BODY}\n\n"
        f"## Exports at a glance\n\n{BODY}\n\n"
        f"## Calendar\n\n{BODY}\n"
    )
    draft = _split_markdown(text, "seeds/monthly.md")
    assert [(a.section, a.title) for a in draft.articles] == [
        ("Gyeongsangnam-do", "Changwon bus fleet grows"),
        ("Gyeongsangnam-do", "Gimhae smart-factory deal"),
        ("Chungcheongbuk-do", "Cheongju fab expands"),
        (None, "Exports at a glance"),
        (None, "Calendar"),
    ]
    assert all([b.text for b in a.blocks] == [BODY] for a in draft.articles)


@pytest.mark.parametrize(
    "lead",
    [
        f"**Sejong, January 22** – {BODY}",  # the dateline opens the lead
        f"*By the Policy Division*\n\nCheongju, 18 March 2025 — Provincial Government\n\n{BODY}",
    ],
)
def test_a_release_whose_sections_follow_a_dated_lead_is_one_story(lead: str) -> None:
    text = (
        f"# Ministry Announces Support for Battery Complexes\n\n{lead}\n\n"
        f"## Background\n\n{BODY}\n\n## Next steps\n\n{BODY}\n"
    )
    [article] = _split_markdown(text).articles
    assert article.title == "Ministry Announces Support for Battery Complexes"
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Background", "Next steps"]
    assert sum(b.text.endswith(BODY) for b in article.blocks) == 3


@pytest.mark.parametrize(
    "opening",
    [
        f"# Regional notes\n\n{BODY}",  # a long introduction, but no dateline
        f"# Regional notes\n\n## March\n\nSejong, January 22 – {BODY}",  # two headings above
        "# Regional notes\n\nSejong, January 22 – short.",  # a dateline, but no lead
    ],
)
def test_headlines_after_anything_but_a_dated_lead_still_split_a_collection(opening: str) -> None:
    text = f"{opening}\n\n### Batteries in Chungbuk\n\n{BODY}\n\n### Chips in Gyeonggi\n\n{BODY}\n"
    text = text if "## March" in opening else text.replace("### ", "## ")
    draft = _split_markdown(text)
    assert draft.kind == "collection"
    assert [a.title for a in draft.articles][-2:] == ["Batteries in Chungbuk", "Chips in Gyeonggi"]


def test_a_chinese_introduction_above_the_first_headline_is_kept() -> None:
    # Unspaced, the introduction is one token a paragraph but well over twenty words.
    intro = "成渝地区双城经济圈今年推进氢能、智能制造和新能源汽车三大产业合作，两地共同发布了一批重点项目。"
    body = "成都市经济和信息化局表示，全市今年新建智能工厂五十个，单个项目最高补助五百万元。"
    text = f"# 成渝产业合作周报\n\n{intro}\n\n## 成都建设智能工厂\n\n{body}\n\n## 重庆发展氢能\n\n{body}\n"
    draft = _split_markdown(text)
    assert draft.articles[0].title == "成渝产业合作周报"
    assert [b.text for b in draft.articles[0].blocks] == [intro]


def test_the_office_named_after_a_dateline_under_the_headline_is_the_publisher() -> None:
    def publisher(deck: str) -> str | None:
        return _split_text(
            f"Chungbuk Mission Secures Battery Deals\n\n{deck}\n\n{BODY}\n"
        ).publisher

    deck = "Cheongju, 18 March 2025 — Chungcheongbuk-do Provincial Government"
    assert publisher(deck) == "Chungcheongbuk-do Provincial Government"
    assert publisher("ULSAN, Oct. 14 – Ulsan Metropolitan City") == "Ulsan Metropolitan City"
    # A deck that goes on as a sentence, or names no office, names no publisher.
    assert publisher("Cheongju, 18 March 2025 — Governor visits the Wroclaw plant") is None
    assert publisher("Cheongju, 18 March 2025 — Kim Young-hwan") is None


def test_a_collection_drops_its_contents_and_reads_each_pieces_byline() -> None:
    text = (
        "# Gyeonggi Global Review\n\nSpring 2025 · Vol. 12\n\n## Contents\n\n"
        "1. Pangyo's chip designers look to Europe\n2. Pyeongtaek bets on hydrogen\n\n"
        f"## Pangyo's chip designers look to Europe\n\nBy Kim Ha-eun, Senior Researcher\n\n{BODY}\n\n"
        f"## Pyeongtaek bets on hydrogen\n\n{BODY}\n"
    )
    draft = _split_markdown(text)
    assert [a.title for a in draft.articles] == [
        "Pangyo's chip designers look to Europe",
        "Pyeongtaek bets on hydrogen",
    ]
    first, second = draft.articles
    assert first.author is not None and first.author.name == "Kim Ha-eun"
    assert [b.text for b in first.blocks] == [BODY] and second.author is None
    # Dated by the season it prints, there being no other date.
    assert draft.date == "2025-03-01"


@pytest.mark.parametrize(
    ("line", "issuer"),
    [
        (
            "Vol. 12 No. 4 | October 2026 | Jeollanam-do Energy Industry Division",
            "Jeollanam-do Energy Industry Division",
        ),
        ("제37호 | 2025년 2월 14일 | 부산광역시 국제협력과", "부산광역시 국제협력과"),
        # The newsletter's own name is no office; whom to ask is not who publishes.
        ("Chengdu-Chongqing Economic Circle Weekly | Issue 47 | 10 March 2025", None),
        ("배포일시 2025. 4. 15.(화) 09:00 | 담당부서 미래산업과", None),
        # A byline's desk is the writer's, not the publisher.
        ("By Park Ji-won | Seoul Bureau | Nov. 18, 2026", None),
        # No issue number nor date beside it: a line of the body, not a masthead.
        ("Seoul · Samsung Electronics Foundation", None),
    ],
)
def test_a_masthead_names_its_issuer_beside_the_issue(line: str, issuer: str | None) -> None:
    assert masthead_issuer(["Jeonnam Energy Letter", line]) == issuer


def test_a_collections_pieces_take_the_issues_year_and_leave_its_contact_line() -> None:
    text = (
        "# Jeonnam Energy Letter\n\nVol. 12 No. 4 | January 2027 | Energy Industry Division\n\n"
        "## Offshore wind cluster in Sinan wins new orders\n\n"
        "Jeollanam-do said on 14 January that companies in the Sinan offshore wind cluster had "
        "won KRW 2.4 trillion in orders for turbines, foundations and cables.\n\n"
        "## Yeosu refiners turn to hydrogen and ammonia\n\n"
        "GS Caltex and Lotte Chemical will invest KRW 1.1 trillion in hydrogen and ammonia "
        "facilities in Yeosu, the province announced on December 21.\n\n"
        "Jeonnam Energy Letter is published by the Energy Industry Division. Contact: "
        "energy@jeonnam.example.kr | Tel: 061-286-0000\n"
    )
    draft = _split_markdown(text)
    # The December story of a January issue is last year's.
    assert [a.date for a in draft.articles] == ["2027-01-14", "2026-12-21"]
    assert draft.publisher == "Energy Industry Division"
    assert [len(a.blocks) for a in draft.articles] == [1, 1]
    # A table ending a piece stays, though its numbers read like a telephone number's.
    table = (
        "| Year | Start-ups | Funding |\n|---|---|---|\n| 2023 | 118 | 311 |\n| 2024 | 146 | 420 |"
    )
    draft = _split_markdown(text.replace("Jeonnam Energy Letter is published", f"{table}\n\nIt is"))
    assert [block.kind for block in draft.articles[1].blocks] == ["text", "table"]


@pytest.mark.parametrize(
    ("printed", "metadata", "expected"),
    [
        ("Spring 2025 · Vol. 12", "2013-12-23", "2025-03-01"),  # the file's template's date
        ("Spring 2025 · Vol. 12", "2025-04-10", "2025-04-10"),
        ("Winter 2024", "2025-01-15", "2025-01-15"),
        ("2025년 3월호", None, "2025-03-01"),
        ("Sept. 2025 issue", None, "2025-09-01"),  # a month as dates shorten it
        ("Issue 3 | 10 January 2025", "2013-01-01", "2025-01-10"),
        ("Issue 3", "2013-01-01", "2013-01-01"),
    ],
)
def test_an_issue_is_dated_within_the_period_it_prints(
    printed: str, metadata: str | None, expected: str
) -> None:
    assert issue_date([printed], metadata) == expected


def test_a_korean_lead_of_few_spaced_words_is_the_body_not_a_deck() -> None:
    # Korean spaces between words with their endings: the lead runs to a dozen "words".
    draft = _split_text(
        "충남도, 베트남 박닌성과 이차전지 협력\n"
        "- 이차전지 기업 진출 지원, 인력 교류 확대 -\n\n"
        "충청남도는 12일 도청에서 베트남 박닌성과 이차전지 협력 업무협약을 체결했다고 밝혔다.\n\n"
        "협약에 따라 양 지역은 이차전지 기업의 투자 진출을 지원하고 기술 인력 교류와 공동 연구를 "
        "추진한다. 도는 내년까지 기업 20곳의 진출을 지원할 계획이다.\n"
    )
    [article] = draft.articles
    assert article.subtitles == ("이차전지 기업 진출 지원, 인력 교류 확대",)
    assert article.blocks[0].text.startswith("충청남도는 12일")


def test_a_deck_repeating_the_headline_is_no_subtitle() -> None:
    # A title from metadata (an email's subject) over the body's own copy of the headline.
    draft = _split_markdown(
        f"# Ulsan Opens Hydrogen Valley\n\nUlsan opens hydrogen valley\n\n{BODY}\n"
    )
    [article] = draft.articles
    assert article.title == "Ulsan Opens Hydrogen Valley" and article.subtitles == ()


@pytest.mark.parametrize(
    "notice",
    [
        "Having trouble reading this email? View it in your browser",
        "You are receiving this email because you subscribed to our newsletter.",
        "수신을 원하지 않으시면 수신거부를 눌러 주세요.",
        "메일이 잘 보이지 않으면 여기를 누르세요.",
    ],
)
def test_a_mailings_notices_and_the_footer_after_them_are_left_out(notice: str) -> None:
    draft = _split_text(
        f"{notice}\n\nUlsan Opens Hydrogen Valley\n\n{BODY}\n\n{notice}\n"
        "Unsubscribe | Update your preferences\n\nUlsan City Hall, 201 Jungang-ro, Nam-gu\n"
    )
    [article] = draft.articles
    assert article.title == "Ulsan Opens Hydrogen Valley"
    text = " ".join(block.text for block in article.blocks)
    assert notice not in text and "Unsubscribe" not in text and "Jungang-ro" not in text


NOTICE_BODY = (
    "为贯彻落实成渝地区双城经济圈建设部署，推动两地汽车产业协同发展，现将实施方案印发给你们，"
    "请结合实际认真贯彻执行。到2028年，成渝地区汽车产量达到400万辆。"
)


@pytest.mark.parametrize(
    ("under_title", "signature"),
    [
        ("四川省经济和信息化厅  重庆市经济和信息化委员会\n\n2026年11月19日\n\n", ""),
        ("", "\n\n四川省经济和信息化厅\n\n重庆市经济和信息化委员会\n\n2026年11月19日\n"),
    ],
)
def test_the_offices_issuing_a_chinese_notice_are_its_publisher(
    under_title: str, signature: str
) -> None:
    # Named under the title, or signed at the end above the date: together, in their order.
    text = f"关于印发实施方案的通知\n\n{under_title}{NOTICE_BODY}{signature}"
    draft = _split_text(text)
    assert draft.publisher == "四川省经济和信息化厅、重庆市经济和信息化委员会"
    assert draft.date == "2026-11-19"


def test_a_chinese_story_ending_on_a_sentence_has_no_signing_office() -> None:
    text = f"成渝签署汽车产业合作协议\n\n{NOTICE_BODY}\n\n重庆市将加快建设汽车产业园。\n"
    assert _split_text(text).publisher is None


def test_a_chinese_pages_source_note_is_its_publisher() -> None:
    text = (
        "宜宾签署动力电池项目合作协议\n\n"
        "发布时间：2026-11-20 10:30  来源：宜宾市经济和信息化局\n\n"
        f"{NOTICE_BODY}\n"
    )
    draft = _split_text(text)
    assert draft.publisher == "宜宾市经济和信息化局"
    assert draft.date == "2026-11-20"


def test_a_chinese_notice_split_on_its_headings_is_signed_and_dated_at_its_end() -> None:
    text = (
        "# 关于支持新型储能产业发展的若干措施\n\n"
        f"{NOTICE_BODY}\n\n"
        f"## 一、总体目标\n\n{NOTICE_BODY}\n\n"
        f"## 二、重点任务\n\n{NOTICE_BODY}\n\n"
        "重庆市经济和信息化委员会\n\n2026年11月10日\n"
    )
    draft = _split_markdown(text)
    assert draft.kind == "collection" and len(draft.articles) == 3
    assert draft.publisher == "重庆市经济和信息化委员会"
    assert draft.date == "2026-11-10"
