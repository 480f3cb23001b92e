"""The summarizer: verbatim sentences within limits, skipped furniture, tiny inputs, real seeds."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import BLOCK_KINDS, Paragraph
from generator.summarize import _LEANS_BACK, _shorten, summarize_article, summarize_document
from generator.text import detect_language, split_sentences, strip_dateline
from tests.helpers import ROOT

TITLE = "Haneul City opens battery recycling plant with Nordvolt"


def paragraph(text: str, kind: str = "text", language: str | None = None) -> Paragraph:
    """Build a paragraph whose language is detected as the ingest stage does it."""
    anchor = "p-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:7]
    return Paragraph(anchor, text, kind, language or detect_language(text))


# Traps first: each names the title's words, so only its filter keeps it out of the output.
HEADING = "Haneul City opens battery recycling plant with Nordvolt to lead the battery industry."
FOOTNOTE = "[1] Haneul City battery recycling plant figures come from the Nordvolt annual report."
TABLE = "Haneul City battery recycling plant\t2023\t2024\nCapacity of the Nordvolt plant\t10\t20"
QUESTION = "Will the Haneul City battery recycling plant with Nordvolt change the battery industry?"
BYLINE = "By Kim Min-ji, reporter, Haneul battery recycling desk, kim.minji@haneul-daily.example."
SHORT = "Haneul recycling plant opens."
LONG = (
    "Haneul City opened the battery recycling plant with Nordvolt on Monday, and the plant, "
    "which stands on the former shipyard site that the city bought from the national "
    "government in 2019 after a long negotiation that involved three ministries, two "
    "provincial offices and a citizens' committee that met every month for two years, is "
    "the largest battery recycling plant in the region and the first one run with Nordvolt."
)
# Korean naming the title's English words: only the language filter keeps it out.
KOREAN = (
    "하늘시는 Nordvolt 와 함께 battery recycling plant 를 열었으며 이 공장은 지역 배터리 산업의 "
    "중심이 될 것으로 기대된다고 밝혔다."
)
LIST_FRAGMENT = "Haneul City battery recycling plant with Nordvolt"

BODY = [
    "Haneul City opened a battery recycling plant with the Swedish maker Nordvolt on Monday, "
    "the first plant of its kind in the province.",
    "The plant will recover lithium, nickel and cobalt from 20,000 tonnes of used batteries a "
    "year. Nordvolt invested KRW 120 billion in the site, and the city added KRW 30 billion "
    "for roads and a training centre.",
    "Mayor Park Ji-won signed the operating agreement with Nordvolt chief executive Lena "
    "Berg at the opening ceremony. About 300 workers will be hired by the end of 2025.",
    "Officials said the plant would reduce the region's dependence on imported raw materials. "
    "Car makers in the region have already agreed to supply their used batteries.",
    "Nordvolt plans to build a second line in 2027, which would double the capacity of the "
    "site, if demand for recycled cathode materials keeps growing.",
]


def news_article() -> tuple[str, list[Paragraph]]:
    """An invented news article with every kind of trap the summarizer must step around."""
    paragraphs = [
        paragraph(HEADING, "heading"),
        paragraph(BODY[0]),
        paragraph(QUESTION),
        paragraph(BODY[1]),
        paragraph(TABLE, "table"),
        paragraph(SHORT),
        paragraph(BODY[2]),
        paragraph(LONG),
        paragraph(LIST_FRAGMENT, "list"),
        paragraph(KOREAN),
        paragraph(BODY[3]),
        paragraph(BODY[4]),
        paragraph(BYLINE),
        paragraph(FOOTNOTE, "footnote"),
    ]
    return TITLE, paragraphs


def locate(sentence: str, paragraphs: list[Paragraph]) -> tuple[int, int]:
    """Find where a sentence sits in the text paragraphs, or fail."""
    for index, para in enumerate(paragraphs):
        offset = para.text.find(sentence)
        if offset >= 0 and para.kind in ("text", "list"):
            return index, offset
    raise AssertionError(f"not verbatim in any text paragraph: {sentence!r}")


def verbatim_part(point: str, paragraphs: list[Paragraph]) -> str:
    """Take off the full stop a key point cut to its main clause was given."""
    return point if any(point in p.text for p in paragraphs) else point.removesuffix(".")


def words(text: str) -> int:
    return len(text.split())


def test_summary_is_two_to_four_verbatim_sentences_in_order() -> None:
    title, paragraphs = news_article()
    summary, _ = summarize_article(title, paragraphs)
    sentences = split_sentences(summary)
    assert 2 <= len(sentences) <= 4
    assert words(summary) <= 90
    places = [locate(sentence, paragraphs) for sentence in sentences]
    assert places == sorted(places)
    assert len(set(places)) == len(places)
    # The lead names the title's city, company and plant: it is the sentence to keep.
    assert BODY[0] in summary


def test_key_points_are_distinct_short_and_drawn_from_the_text() -> None:
    title, paragraphs = news_article()
    summary, points = summarize_article(title, paragraphs)
    assert 3 <= len(points) <= 6
    assert len(set(points)) == len(points)
    summary_sentences = set(split_sentences(summary))
    for point in points:
        assert words(point) <= 25
        # The article has enough other facts, so no point repeats a summary sentence.
        assert point not in summary_sentences
    # Each point is verbatim, or its main clause with a full stop; points keep the text's order.
    places = [locate(verbatim_part(point, paragraphs), paragraphs) for point in points]
    assert places == sorted(places)


def test_citation_markers_are_not_quoted_but_exponents_are() -> None:
    marked = [
        "Haneul City opened the battery recycling plant with Nordvolt on Monday.[12]",
        "The Nordvolt plant recovers 84.1%[13] of the lithium in used battery cells.",
        "Haneul City said the recycling plant with Nordvolt cost 100 yen/Nm[3] to heat.",
        "The battery recycling plant will employ 300 workers from Haneul City by 2026.¹⁶",
    ]
    summary, points = summarize_article(TITLE, [paragraph(text) for text in marked])
    quoted = " ".join([summary, *points])
    assert "Monday." in quoted and "84.1% of the lithium" in quoted
    assert "2026." in quoted
    assert not re.search(r"[.%\"]\[\d+\]|¹⁶", quoted), quoted
    assert "100 yen/Nm[3]" in quoted  # after a letter, a bracketed digit is an exponent


def test_key_points_prefer_sentences_carrying_facts() -> None:
    title, paragraphs = news_article()
    _, points = summarize_article(title, paragraphs)
    # The signing names a mayor, a chief executive and a company: a fact a bullet should carry.
    assert (
        "Mayor Park Ji-won signed the operating agreement with Nordvolt chief executive Lena Berg at the opening ceremony."
        in points
    )
    assert any(re.search(r"\d", point) for point in points)


def test_headings_footnotes_tables_questions_and_bylines_are_never_used() -> None:
    title, paragraphs = news_article()
    summary, points = summarize_article(title, paragraphs)
    output = " ".join([summary, *points])
    for trap in (HEADING, FOOTNOTE, QUESTION, BYLINE, SHORT, LONG, LIST_FRAGMENT):
        assert trap not in output, trap
    for row in TABLE.split("\n"):
        assert row.split("\t")[0] not in output
    assert "Haneul City opens battery" not in output  # the heading's opening words


def test_chinese_sentences_holding_numbers_are_quoted_not_taken_for_rows_of_figures() -> None:
    # A Chinese sentence is one unspaced token: one number in it is not a third of its words.
    lead = (
        "2026年11月18日，重庆市发布智能制造工作要点，提出全年新建智能工厂150个、数字化车间800个。"
    )
    second = "重庆长安汽车将在两江新区建设新能源汽车智能工厂，总投资120亿元。"
    closing = "详见重庆市经济和信息化委员会网站。"
    row = "两江新区 40 200 永川区 15 90。"
    paragraphs = [paragraph(lead), paragraph(second), paragraph(row), paragraph(closing)]
    summary, _ = summarize_article("重庆市推进智能制造", paragraphs)
    # Joined as Chinese is written: no space after a full stop.
    assert summary.startswith(f"{lead}{second}")
    assert "永川区" not in summary


def test_a_chinese_caption_repeating_the_title_is_not_quoted() -> None:
    # The title, one unspaced token, is eight words: a sentence holding all of it is a caption.
    title = "重庆市推进智能制造建成智能工厂"
    caption = "图为重庆市推进智能制造建成智能工厂现场照片，摄于两江新区。"
    body = [
        "重庆市经济和信息化委员会发布工作要点，提出全年新建智能工厂150个。",
        "长安汽车将在两江新区建设新能源汽车智能工厂，总投资120亿元。",
    ]
    summary, points = summarize_article(title, [paragraph(caption), *map(paragraph, body)])
    assert "现场照片" not in " ".join([summary, *points])


def test_sentences_opening_with_by_are_bylines_only_before_a_name() -> None:
    by_year = "By 2030, Nordvolt will recycle 50,000 tonnes of batteries at the Haneul plant."
    by_month = "By December, the plant will employ 300 workers from Haneul City and nearby towns."
    summary, _ = summarize_article(TITLE, [paragraph(by_year), paragraph(by_month)])
    assert summary == f"{by_year} {by_month}"
    byline = "By Lena Berg, Haneul battery recycling plant correspondent for the Nordvolt weekly."
    summary, _ = summarize_article(
        TITLE, [paragraph(byline), paragraph(by_year), paragraph(by_month)]
    )
    assert byline not in summary


@pytest.mark.parametrize(
    ("dateline", "kept"),
    [
        ("DRESDEN, 12 June 2025 – ", ""),
        ("Seoul, March 18 (Yonhap) -- ", ""),
        ("BUDAPEST (Reuters) - ", ""),
        ("CHANGWON, Sept. 4, 2024 — ", ""),
        ("ULSAN — ", ""),
        # Not datelines: no date after the place, or a place in ordinary case before an agency,
        # or a name in capitals before a hyphen.
        ("Nordvolt - ", "Nordvolt - "),
        ("Haneul (Korea) - ", "Haneul (Korea) - "),
        ("KOTRA - ", "KOTRA - "),
    ],
)
def test_a_dateline_opening_a_story_is_not_part_of_its_summary(dateline: str, kept: str) -> None:
    lead = "Nordvolt will build a battery recycling plant in Haneul City by the end of next year."
    second = "The plant will employ 300 workers from Haneul City and nearby towns, it said."
    summary, _ = summarize_article(TITLE, [paragraph(f"{dateline}{lead} {second}")])
    assert summary == f"{kept}{lead} {second}"


KOREAN_LEAD = (
    "경상북도와 포항시는 21일 양극재 공장 투자협약을 체결했다고 밝혔다.",
    "총사업비는 1조2천억원이며 일자리 800개가 생길 것으로 기대된다.",
)
CHINESE_LEAD = (
    "重庆市与四川省在成都签署氢能产业合作协议。",
    "双方将共建成渝氢走廊，到2028年推广燃料电池汽车1万辆。",
)

JAPANESE_LEAD = (
    "愛知県は20日、トヨタ自動車と水素ステーションの整備に関する協定を締結したと発表した。",
    "総事業費は120億円で、2028年までに県内に30カ所の水素ステーションを設ける。",
)


@pytest.mark.parametrize(
    ("dateline", "lead", "language"),
    [
        ("(포항=연합뉴스) 김철수 기자 = ", KOREAN_LEAD, "ko"),
        ("【서울=뉴시스】홍길동 박영희 기자 = ", KOREAN_LEAD, "ko"),
        ("[이데일리 김철수 기자] ", KOREAN_LEAD, "ko"),
        ("新华社北京11月17日电（记者 张三）", CHINESE_LEAD, "zh"),
        ("本报讯（记者 李四 通讯员 王五）", CHINESE_LEAD, "zh"),
        ("【名古屋＝山田太郎】", JAPANESE_LEAD, "ja"),
        ("【ソウル共同】", JAPANESE_LEAD, "ja"),
    ],
)
def test_a_korean_chinese_or_japanese_dateline_is_not_part_of_the_summary(
    dateline: str, lead: tuple[str, str], language: str
) -> None:
    text = f"{dateline}{lead[0]} {lead[1]}"
    summary, _ = summarize_article("투자협약", [paragraph(text, language=language)])
    assert summary.startswith(lead[0])


def test_brackets_opening_a_sentence_are_no_dateline() -> None:
    for text in (
        "(주)에코프로비엠은 투자를 늘렸다.",
        "(1) 첫째, 정부는 지원을 늘렸다.",
        "[표1] 투자 현황",
    ):
        assert strip_dateline(text) == text


def test_a_name_in_capitals_opening_an_aside_is_no_dateline() -> None:
    lead = "KOTRA — the trade agency — will open an office in Haneul City by the end of next year."
    second = "The office will employ 30 staff from Haneul City and nearby towns, it said."
    summary, _ = summarize_article(TITLE, [paragraph(f"{lead} {second}")])
    assert summary == f"{lead} {second}"


def test_an_article_written_in_points_is_summarised_from_its_points() -> None:
    points = [
        "경상남도는 15일 창원국가산업단지에서 수소연료전지 부품 실증센터 착공식을 개최했다고 밝혔다.",
        "실증센터는 총사업비 450억 원을 투입해 2027년 6월 준공을 목표로 조성된다고 도는 설명했다.",
        "도는 2030년까지 수소 부품 기업 50개사를 유치하고 일자리 1,200개를 창출할 계획이라고 밝혔다.",
    ]
    note = "붙임 자료는 착공식 사진 두 장과 실증센터 배치도 한 장으로 구성되어 있다."
    paragraphs = [*(paragraph(point, "list") for point in points), paragraph(note)]
    summary, _ = summarize_article("경남도, 창원에 수소연료전지 부품 실증센터 착공", paragraphs)
    assert summary.startswith(points[0])  # not the lone prose line after them
    # A few list items under prose stay out of the summary, as before.
    prose = [paragraph(point) for point in points]
    summary, _ = summarize_article("실증센터 착공", [*prose, paragraph(note, "list")])
    assert note not in summary


def test_non_english_text_is_not_chosen_in_an_english_article() -> None:
    title, paragraphs = news_article()
    summary, points = summarize_article(title, paragraphs)
    assert "하늘시" not in summary and not any("하늘시" in point for point in points)
    # A Korean sentence inside a paragraph marked English is caught sentence by sentence.
    mixed = paragraph(KOREAN + " " + BODY[0], language="en")
    summary, points = summarize_article(title, [mixed, *paragraphs[2:]])
    assert BODY[0] in summary
    assert "하늘시" not in summary and not any("하늘시" in point for point in points)


def test_a_korean_article_is_summarised_in_korean() -> None:
    text = " ".join([KOREAN] * 1) + " 시는 올해 공장 두 곳을 더 짓기로 하고 투자 계획을 발표했다."
    summary, _ = summarize_article("하늘시 배터리 공장", [paragraph(text)])
    assert summary.startswith("하늘시는")


KOREAN_RELEASE = [
    "□ 하늘시는 19일 시청에서 노르드볼트와 배터리 재활용 공장 건립을 위한 업무협약을 체결했다고 "
    "20일 밝혔다.",
    "ㅇ 이번 협약에 따라 노르드볼트는 총 1,200억 원을 투자해 2027년까지 연간 2만 톤 규모의 "
    "공장을 짓는다.",
    "ㅇ 시는 부지 조성과 기반 시설을 지원하고, 신규 인력 300명 채용을 돕는다.",
    "□ 협약식에는 지역 대학과 협력 기업 관계자 50여 명이 참석했다.",
    "ㅇ 시는 올해 안에 공장 부지 보상을 마무리할 예정임.",
    "※ 추진 배경 및 향후 계획",
    "외부 배포 시 투자유치과와 사전 협의 바랍니다.",
]


def test_a_korean_article_has_key_points_stated_with_their_predicate() -> None:
    paragraphs = [paragraph(text.lstrip("□ㅇ ")) for text in KOREAN_RELEASE]
    summary, points = summarize_article("하늘시, 노르드볼트 배터리 재활용 공장 유치", paragraphs)
    assert summary.startswith("하늘시는 19일")
    assert len(points) >= 3
    assert all(point.endswith(("다.", "임.")) for point in points)
    # A heading states nothing; a request to the reader is no content.
    text = summary + " ".join(points)
    assert "추진 배경" not in text and "바랍니다" not in text


def test_summaries_are_deterministic_across_runs_and_hash_seeds() -> None:
    title, paragraphs = news_article()
    assert summarize_article(title, paragraphs) == summarize_article(title, paragraphs)
    script = (
        "import json; from tests.test_summarize import news_article; "
        "from generator.summarize import summarize_article; "
        "print(json.dumps(summarize_article(*news_article())))"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    summary, points = json.loads(outputs.pop())
    assert (summary, tuple(points)) == summarize_article(title, paragraphs)


def test_summary_of_an_over_long_lead_chooses_shorter_sentences() -> None:
    paragraphs = [paragraph(LONG), *(paragraph(text) for text in BODY)]
    summary, _ = summarize_article(TITLE, paragraphs)
    assert LONG not in summary and "Haneul City opened the battery recycling plant" not in summary
    assert len(split_sentences(summary)) >= 2 and words(summary) <= 90


def test_near_repeats_are_left_out() -> None:
    near_copy = (
        "Haneul City opened a battery recycling plant with the Swedish maker Nordvolt on Monday, "
        "the first such plant in the province."
    )
    paragraphs = [paragraph(BODY[0]), paragraph(near_copy), *(paragraph(t) for t in BODY[1:])]
    summary, points = summarize_article(TITLE, paragraphs)
    assert BODY[0] in summary and near_copy not in summary
    assert near_copy not in points and BODY[0] not in points


def test_an_overlong_best_sentence_gives_way_to_a_pair() -> None:
    # 56, 41 and 41 words: the lead scores best but leaves no room for a second sentence.
    lead = (
        "Haneul City and the Swedish battery maker Nordvolt opened the battery recycling plant on "
        "Monday at the former shipyard, after three years of building work that cost KRW 150 "
        "billion, employed more than one thousand builders and engineers, and needed the approval "
        "of three ministries, two provincial offices and the port authority before it could start."
    )
    second = (
        "The battery recycling plant will take used batteries from car makers across the province "
        "and recover lithium, nickel and cobalt, which Nordvolt will sell to cathode makers in "
        "Korea, Japan and Sweden under contracts that run until the end of 2030."
    )
    third = (
        "Nordvolt plans to build a second recycling line at the Haneul site in 2027 and a research "
        "centre for battery chemistry in 2028, and it has asked the city for a larger share of the "
        "port to ship recycled materials abroad."
    )
    summary, _ = summarize_article(TITLE, [paragraph(lead), paragraph(second), paragraph(third)])
    assert summary == f"{second} {third}"


def test_two_long_sentences_are_paired_rather_than_one_kept_alone() -> None:
    # Each of these is about 50 words: any two exceed 90, so the summary needs a shorter one.
    long_ones = [
        f"Haneul City and Nordvolt agreed in {year} to extend the battery recycling plant with a "
        "new line for cathode materials, a testing centre for used batteries, a training school "
        "for two hundred technicians and a logistics hub at the port that will serve car makers "
        "across the whole province for at least ten years."
        for year in (2021, 2022, 2023)
    ]
    short = "The battery recycling plant employs 300 workers from Haneul City."
    summary, _ = summarize_article(TITLE, [paragraph(" ".join(long_ones)), paragraph(short)])
    assert len(split_sentences(summary)) == 2 and words(summary) <= 90
    assert short in summary


def test_tiny_articles_give_what_exists() -> None:
    one = "Haneul City opened a battery recycling plant with Nordvolt on Monday."
    summary, points = summarize_article(TITLE, [paragraph(one)])
    assert summary == one
    assert points in ((), (one,))
    # Nothing usable as a sentence: the paragraph itself, or its first 40 words and "…".
    assert summarize_article(TITLE, [paragraph("Plant opens today.")]) == ("Plant opens today.", ())
    summary, _ = summarize_article(TITLE, [paragraph(LONG + " " + LONG)])
    assert summary.endswith("…") and words(summary) == 40
    assert (LONG + " " + LONG).startswith(summary[:-1])


def test_empty_and_textless_articles_give_nothing() -> None:
    assert summarize_article(TITLE, []) == ("", ())
    assert summarize_article("", [paragraph(HEADING, "heading"), paragraph(TABLE, "table")]) == (
        "",
        (),
    )
    assert summarize_article(TITLE, [paragraph("   ")]) == ("", ())


def test_shorten_cuts_to_the_main_clause_only() -> None:
    assert _shorten("Nordvolt plans to build a second line in 2027.") == (
        "Nordvolt plans to build a second line in 2027."
    )
    sentence = (
        "Nordvolt plans to build a second line at the Haneul site in 2027, which would double "
        "the capacity of the site if demand for recycled cathode materials keeps growing."
    )
    assert _shorten(sentence) == "Nordvolt plans to build a second line at the Haneul site in 2027."
    # A cut that would part a subject from its verb is refused.
    assert (
        _shorten(
            "Since the designation of the zone in 2019, over 30 companies, including leading firms "
            "such as Ecopro and POSCO Future M, have moved into the two industrial complexes in Pohang."
        )
        is None
    )
    # Semicolons after a colon separate list items: cutting there would drop items unsaid.
    assert (
        _shorten(
            "The ministry said its new design strategy will center around four main initiatives in "
            "the coming three years: launching flagship projects; gaining a competitive edge in "
            "global markets; creating new markets; and writing norms."
        )
        is None
    )
    # ", and" before a noun phrase is a list, before a clause it may be cut.
    assert (
        _shorten(
            "The two delegations will negotiate over the coming three days on goods, services, "
            "investment, digital trade, public procurement, competition policy, customs procedures, "
            "and intellectual property rights."
        )
        is None
    )
    assert (
        _shorten(
            "Korea and the UK are to hold the inaugural general meeting of the committee this May in "
            "Seoul, and the two sides discussed measures for aligning their standards strategies."
        )
        == "Korea and the UK are to hold the inaugural general meeting of the committee this May in Seoul."
    )


def test_document_overview_lists_first_sentences_within_limit() -> None:
    summaries = [
        "Haneul City opened a battery plant. It employs 300 workers.",
        "Nordvolt signed a deal with two car makers. The deal runs ten years.",
        "The province approved a port expansion. Work starts in May.",
    ]
    overview = summarize_document(summaries, "Haneul Bulletin")
    assert overview == (
        "3 briefings: Haneul City opened a battery plant. Nordvolt signed a deal with two car "
        "makers. The province approved a port expansion."
    )
    many = [
        f"Briefing number {n} describes a long list of regional industry news items today."
        for n in range(30)
    ]
    overview = summarize_document(many, "Haneul Bulletin")
    assert overview.startswith("30 briefings: Briefing number 0 ") and words(overview) <= 90
    assert summarize_document(many, "Haneul Bulletin") == overview
    assert summarize_document([summaries[0]], "Haneul Bulletin") == summaries[0]
    assert summarize_document([], "Haneul Bulletin") == ""
    assert summarize_document(["", ""], "Haneul Bulletin") == ""


def seed_004() -> tuple[str, list[Paragraph]]:
    """Read the news seed: blank lines part its blocks; the headline is its first line of
    five words or more (the web page's menu lines come before it); the body follows."""
    path = next((ROOT / "seeds").glob("004_*.txt"))
    blocks = [block.strip() for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    blocks = [block for block in blocks if block]
    start = next(i for i, block in enumerate(blocks) if len(block.split()) >= 5)
    return blocks[start], [paragraph(" ".join(block.split("\n"))) for block in blocks[start + 1 :]]


def test_seed_004_summary_keeps_the_central_sentence() -> None:
    title, paragraphs = seed_004()
    assert title.startswith("Pohang City and Gyeongbuk Province Join Forces")
    summary, points = summarize_article(title, paragraphs)
    # Hand-checked: the lead says who (Pohang with Gyeongbuk Province), what (a bid to be the
    # first "Global Innovation Special Zone") and why it matters (minimum, negative
    # regulation to international standards) — the headline's claim in one sentence; every
    # later paragraph explains or backs that bid.
    lead = (
        "Pohang City, together with Gyeongbuk Province, is making an all-out effort to take on "
        "the challenge of becoming the first in Korea to be designated as a ‘Global Innovation "
        "Special Zone’ where comprehensive minimum regulations (negative regulations) that meet "
        "international standards are applied."
    )
    assert summary.startswith(lead)
    assert 2 <= len(split_sentences(summary)) <= 4 and words(summary) <= 90
    # The photo caption repeats the headline; the copyright line is page furniture.
    assert "Secondary Battery Integrated Management Center" not in summary
    assert not any("Asia Business Daily" in text for text in (summary, *points))
    assert 3 <= len(points) <= 6 and all(words(point) <= 25 for point in points)
    # The city's own money is the article's hardest fact.
    assert any("10.7 billion KRW" in point for point in points)


def test_bulletin_item_summary_keeps_its_lead() -> None:
    path = next((ROOT / "seeds").glob("003_*.txt"))
    # Items are parted by a line "-"; each is a category line, a title line and one body line
    # ending in its date, which the bulletin splitter takes off.
    items = [
        item.strip() for item in re.split(r"^-$", path.read_text(encoding="utf-8"), flags=re.M)
    ]
    _, title, body = next(item for item in items if item).split("\n")[:3]
    body = re.sub(r"\s*date\d{4}-\d\d-\d\d$", "", body)
    assert (
        title
        == "Public and private sectors join hands for development of all-solid-state batteries"
    )
    summary, points = summarize_article(title, [paragraph(body)])
    # The lead reports the meeting the title is about and the makers' agreement.
    assert summary.startswith(
        "Trade, Industry and Energy Minister Dukgeun Ahn attended the public-private Battery Alliance meeting on March 11"
    )
    assert 3 <= len(points) <= 6
    assert any(re.search(r"\d", point) for point in points)


# Fragments that reach the filters and the cutter, mixed with any text at all.
FRAGMENTS = [
    *"abcXYZ .,;:!?—-()[]“”\"'\t\n0123456789한국語…",
    "Haneul",
    "Nordvolt signed",
    " plant. ",
    ", which ",
    ", and ",
    "; ",
    " — ",
    "[1] ",
    "Dep. ",
    "U.S. ",
    "2024",
    "www.",
    "@",
    "(1) ",
    "....",
    "하늘시는 ",
    "工場",
]
texts = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), max_size=120).map("".join), st.text(max_size=200)
)
paragraphs_strategy = st.lists(
    st.builds(
        Paragraph,
        id=st.just("p-0"),
        text=texts,
        kind=st.sampled_from(BLOCK_KINDS),
        language=st.sampled_from(["en", "ko", "ja", "zh"]),
    ),
    max_size=8,
)


@settings(max_examples=300, deadline=None)
@given(title=texts, paragraphs=paragraphs_strategy)
def test_random_paragraphs_never_raise_and_keep_the_limits(
    title: str, paragraphs: list[Paragraph]
) -> None:
    summary, points = summarize_article(title, paragraphs)
    assert words(summary) <= 90
    assert len(points) <= 6 and all(words(point) <= 25 for point in points)
    assert len(set(points)) == len(points)
    if any(p.kind == "text" and p.text.strip() for p in paragraphs):
        assert summary
    assert summarize_document([summary, summary], title) == summarize_document(
        [summary, summary], title
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("It is 20 percent of China's economy.[53] This cluster grew.", "economy.[53]"),
        ("Exports rose 5%.[1][2] Imports fell.", "5%.[1][2]"),
        ("Exports rose.¹² Imports fell.", "rose.¹²"),
        ('He said "we will invest." The plan follows.', 'invest."'),
    ],
)
def test_a_footnote_marker_after_a_stop_stays_with_its_sentence(text: str, first: str) -> None:
    sentences = split_sentences(text)
    assert len(sentences) == 2 and sentences[0].endswith(first)


@pytest.mark.parametrize("marker", ["[1]", "[12][13]", "¹", '"[2]'])
def test_a_lead_sentence_ending_in_a_footnote_marker_is_still_a_sentence(marker: str) -> None:
    opening = '"' if marker.startswith('"') else ""
    lead = (
        f"{opening}Haneul City opened a battery recycling plant with the Swedish maker Nordvolt "
        f"on Monday, the first plant of its kind in the province.{marker}"
    )
    summary, _ = summarize_article(TITLE, [paragraph(lead), *map(paragraph, BODY[1:])])
    # Quoted without the marker: the note it points to is not quoted.
    assert summary.startswith(lead.removesuffix(marker.lstrip('"')) + " ")


def test_an_article_of_lists_only_is_summarised_by_its_first_items() -> None:
    paragraphs = [
        paragraph("1. Infrastructure for specialized complexes", "heading"),
        paragraph("KRW 612 billion for power and water infrastructure, up to 50% of costs", "list"),
        paragraph("Early start of the wastewater reuse pipeline for the Gumi complex", "list"),
        paragraph(
            "Fast-track permitting through a single joint review committee in 90 days", "list"
        ),
        paragraph(
            "Extension of the grid connection priority list to battery materials plants", "list"
        ),
    ]
    summary, _ = summarize_article("Key measures", paragraphs)
    assert summary.startswith(
        "KRW 612 billion for power and water infrastructure, up to 50% of costs; Early start"
    )
    assert summary.endswith(".") and len(summary.split()) <= 41


@pytest.mark.parametrize(
    ("sentence", "leans"),
    [
        ("To this end, the city opened a battery recycling plant on Monday.", True),
        ("However, the plant will only open in 2027 after a long delay.", True),
        ("In May, for example, Incheon held the annual meeting of the bank.", True),
        ("It will recover lithium and nickel from used batteries every year.", True),
        ("He also said the ministry would support companies abroad.", True),
        ("These plants will employ about 300 workers by the end of 2025.", True),
        ("Its eighth local administration elected by popular vote.", True),
        ("Since then 31 companies have signed agreements to invest in the complex.", True),
        ("Two years later, the plant doubled its output of battery cells.", True),
        ("After that, the province opened a permit office in Gunsan.", True),
        ("The following year the city hosted the forum for a second time.", True),
        ("Since 2023, 31 companies have signed agreements to invest in the complex.", False),
        ("After this year's vote, the council approved the battery budget.", False),
        ("At the time of writing, the plant had not yet opened in Gunsan.", False),
        # A time, the document itself, or an "it" that points forward: standing alone.
        ("This year, Korea will host the summit of the economic forum in Gyeongju.", False),
        ("This paper introduces the hydrogen industry of Japan and its policies.", False),
        ("It is expected that the plant will open in 2027 as planned.", False),
        ("Hyundai, its partner Kia and LG signed a battery agreement on Monday.", False),
        ("Then-minister Ahn Duk-geun signed the agreement in London last year.", False),
        ("Itaewon hosts a festival of world food in Seoul every October.", False),
        ("Heavy industry leads the economy of the province with shipbuilding.", False),
    ],
)
def test_a_sentence_leaning_on_the_one_before_it_is_told(sentence: str, leans: bool) -> None:
    assert bool(_LEANS_BACK.match(sentence)) is leans


# The sentence before the lead is too short to quote, so the lead's "To this end" and the
# later "It" point at nothing a reader of the summary or a bullet would see.
LEANING_ARTICLE = [
    "Haneul City wants batteries.",
    "To this end, Haneul City opened a battery recycling plant with Nordvolt on Monday in the "
    "port district.",
    "The Haneul City battery recycling plant with Nordvolt will recover lithium and nickel "
    "from 20,000 tonnes of used batteries a year.",
    "It will employ 300 workers from the city and the province by the end of 2025.",
    "Nordvolt invested KRW 120 billion in the battery recycling plant, and the city added KRW "
    "30 billion for roads.",
    "Car makers in the province have agreed to supply their used batteries to the plant.",
]


def test_a_summary_opens_with_a_sentence_that_stands_alone() -> None:
    summary, _ = summarize_article(TITLE, [paragraph(" ".join(LEANING_ARTICLE))])
    first = split_sentences(summary)[0]
    assert not _LEANS_BACK.match(first), summary
    assert not summary.startswith("To this end")
    assert 2 <= len(split_sentences(summary)) <= 4


def test_a_leaning_sentence_comes_only_right_after_the_one_it_leans_on() -> None:
    text = " ".join(LEANING_ARTICLE)
    summary, _ = summarize_article(TITLE, [paragraph(text)])
    sentences = split_sentences(summary)
    leaning = [n for n, sentence in enumerate(sentences) if _LEANS_BACK.match(sentence)]
    assert leaning, summary  # "It will employ" comes, after the plant it speaks of
    for n in leaning:
        assert n > 0 and text.index(sentences[n - 1]) + len(sentences[n - 1]) + 1 == text.index(
            sentences[n]
        ), summary


def test_an_article_of_leaning_sentences_still_has_a_summary() -> None:
    text = (
        "However, the plant will open in the port district of the city in 2027. "
        "It will recover lithium and nickel from used batteries of cars. "
        "They will be supplied by car makers of the province and the city."
    )
    summary, points = summarize_article(TITLE, [paragraph(text)])
    assert len(split_sentences(summary)) >= 2
    assert len(points) >= 1


def test_a_key_point_that_stands_alone_wins_over_one_leaning_back() -> None:
    _, points = summarize_article(TITLE, [paragraph(" ".join(LEANING_ARTICLE))])
    assert not any(point.startswith("It will employ") for point in points), points


# Each names the title's words, so only its rule keeps it out of the summary and key points.
EXHIBIT_TRAPS = [
    "Table 1 summarizes the Haneul City battery recycling plant with Nordvolt by its output.",
    "The chart below shows the Haneul City battery recycling plant with Nordvolt by year.",
    "Note: the Haneul City battery recycling plant with Nordvolt figures are for 2024 only.",
    # Instructions to the reader.
    "Please see the attached list of the Haneul City battery recycling plant with Nordvolt.",
    "For more information on the Haneul City battery recycling plant with Nordvolt, call us.",
    "See the annex for the Haneul City battery recycling plant with Nordvolt in full.",
    # A release's note on its issuer.
    "About Nordvolt: Nordvolt runs the Haneul City battery recycling plant and two others.",
]
SPLIT_QUOTE = [
    '"The Haneul City battery recycling plant with Nordvolt opened today.',
    'It will lead the battery industry," the mayor of Haneul City said at the plant.',
]


def test_notes_instructions_sentences_about_tables_and_pieces_of_quotes_are_never_used() -> None:
    title, news = news_article()
    traps = [paragraph(" ".join(SPLIT_QUOTE)), *(paragraph(t) for t in EXHIBIT_TRAPS)]
    summary, points = summarize_article(title, [*traps, *news])
    output = " ".join([summary, *points])
    for trap in [*EXHIBIT_TRAPS, *SPLIT_QUOTE]:
        assert trap.removesuffix(".") not in output, trap
    # A whole quotation, and a table named inside a sentence, are quoted as before.
    whole = '"The Haneul City battery recycling plant with Nordvolt opened today," the mayor said.'
    inside = (
        "Output of the Haneul City battery recycling plant with Nordvolt doubled, as Table 1 shows."
    )
    summary, _ = summarize_article(title, [paragraph(whole), paragraph(inside), *news])
    assert whole in summary and inside in summary


def test_an_interviews_answer_mark_is_no_part_of_the_sentence_quoted() -> None:
    answer = (
        "BMW builds its Neue Klasse cars in Debrecen and Munich with cells from Samsung SDI "
        "and CATL."
    )
    paragraphs = [
        Paragraph("p-1", "Q. Why does Bavaria look to Gyeonggi for its battery suppliers?"),
        Paragraph("p-2", f"A. {answer}"),
    ]
    summary, key_points = summarize_article("A Bavarian view", paragraphs)
    assert summary == answer and "A. " not in " ".join(key_points)
    # With no question marked, "A." may be an initial: the sentence stays whole.
    initial = f"A. Kumar said {answer[0].lower()}{answer[1:]}"
    assert summarize_article("A view", [Paragraph("p-1", initial)])[0] == initial
