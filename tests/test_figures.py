"""The figure extractor: each kind of figure, what it is about, what never counts, real seed text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.figures import extract_figures, figures_in_sentence
from generator.model import FIGURE_KINDS, Figure, Paragraph
from generator.text import plain_text
from tests.helpers import ROOT


def paragraph(text: str, kind: str = "text", pid: str = "p-test") -> Paragraph:
    return Paragraph(id=pid, text=text, kind=kind)


def figures(text: str, kind: str = "text") -> tuple[Figure, ...]:
    return extract_figures([paragraph(text, kind)])


def values(text: str) -> list[tuple[str, str]]:
    return [(figure.value, figure.kind) for figure in figures(text)]


def only(text: str) -> Figure:
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The government will invest KRW 117.2 billion in batteries.", "KRW 117.2 billion"),
        ("Pledges to Korea reached $15.3 bln in the first half.", "$15.3 bln"),
        ("Sales reached 1.2 trillion won last year.", "1.2 trillion won"),
        ("The fund will provide USD 2 million to startups.", "USD 2 million"),
        ("China will spend 100 billion yuan on hydrogen.", "100 billion yuan"),
        ("Hongkong Land raised US$500 million through a green bond.", "US$500 million"),
        ("The company raised €50 million from investors.", "€50 million"),
        ("The region's GDP of RMB6.5 trillion leads the west.", "RMB6.5 trillion"),
        ("The city invested 10.7 billion KRW of local funds.", "10.7 billion KRW"),
        ("Investment exceeded 8 billion U.S. dollars in total.", "8 billion U.S. dollars"),
        ("The plan costs ¥1.4 trillion over a decade.", "¥1.4 trillion"),
        ("The insurance program is worth ₩2.7 trillion this year.", "₩2.7 trillion"),
        ("The ministry will pour KRW 117.2 billion won by 2028 into R&D.", "KRW 117.2 billion won"),
        ("The city invested 30억 원 in the project.", "30억 원"),
        # An amount as an adjective, its words hyphenated.
        ("Hyundai will build a $5-billion plant in Georgia.", "$5-billion"),
        ("They will co-fund a 300-billion-VND training centre.", "300-billion-VND"),
        ("It is a 1.2-trillion-won project in Ulsan.", "1.2-trillion-won"),
    ],
)
def test_money_is_found_as_written(sentence: str, value: str) -> None:
    figure = only(sentence)
    assert (figure.value, figure.kind) == (value, "money")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Exports grew 25% year-on-year.", "25%"),
        ("Exports grew 25 percent year-on-year.", "25 percent"),
        ("Unemployment fell by 3.5 per cent in March.", "3.5 per cent"),
        ("The adoption rate went up 1.2%p over the quarter.", "1.2%p"),
        ("Margins widened by 0.5 percentage points.", "0.5 percentage points"),
        ("Recycled content must reach 5-10% by 2030.", "5-10%"),
    ],
)
def test_percentages_are_found_as_written(sentence: str, value: str) -> None:
    figure = only(sentence)
    assert (figure.value, figure.kind) == (value, "percent")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The plant has a capacity of 1.5 GW near the coast.", "1.5 GW"),
        ("The battery farm will store 400MWh for the grid.", "400MWh"),
        ("The firm produced 120,000 tons of cathode materials.", "120,000 tons"),
        ("The site covers 50,000 square meters near the port.", "50,000 square meters"),
        ("The two cities are 320 km apart.", "320 km"),
        ("The greenhouse spans 20 hectares of desert.", "20 hectares"),
        ("The plan targets 6GW per annum of new solar.", "6GW per annum"),
        (
            "The terminal gasifies 680 metric tons per hour for the grid.",
            "680 metric tons per hour",
        ),
        ("The port can berth a 180,000m3 LNG carrier.", "180,000m3"),
        ("They built a 12-kilometre railway across the sea.", "12-kilometre"),
    ],
)
def test_capacities_are_found_as_written(sentence: str, value: str) -> None:
    figure = only(sentence)
    assert (figure.value, figure.kind) == (value, "capacity")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The project will create 3,000 jobs in the region.", "3,000 jobs"),
        ("The cluster will attract 45 companies by 2030.", "45 companies"),
        ("The strategy will nurture 500 innovative design firms.", "500 innovative design firms"),
        ("The two cities produced about 2 million vehicles.", "2 million vehicles"),
        ("The meeting was attended by 5,000 people from abroad.", "5,000 people"),
        ("The plants will create 37,000 related jobs.", "37,000 related jobs"),
        ("The maker shipped 1,200 units last month.", "1,200 units"),
    ],
)
def test_quantities_are_found_as_written(sentence: str, value: str) -> None:
    figure = only(sentence)
    assert (figure.value, figure.kind) == (value, "quantity")


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Korea and Thailand held the 1st official negotiating round.", "1st"),
        ("Air Products is the world's third-largest industrial gas supplier.", "third-largest"),
        ("It is Korea's No. 1 exporter of chips.", "No. 1"),
        ("Korea ranked 5th in the innovation index.", "5th"),
        ("The items will rank among Korea's top 10 export items.", "top 10"),
        ("The Bay Area is the second largest metropolitan area in California.", "second largest"),
        ("It is MOTIE's 4th strategy for the sector.", "4th"),
        ("Chongqing has ranked first in global notebook output.", "first"),
    ],
)
def test_ranks_are_found_as_written(sentence: str, value: str) -> None:
    figure = only(sentence)
    assert (figure.value, figure.kind) == (value, "rank")


def test_about_says_what_the_figure_measures_in_words_of_its_sentence() -> None:
    cases = [
        (
            "The government will invest KRW 117.2 billion in next-generation batteries by 2028.",
            "KRW 117.2 billion",
            {"invest", "next-generation", "batteries"},
        ),
        (
            "FDI pledged from Japan rose 18.9 percent to $2.9 billion.",
            "$2.9 billion",
            {"FDI", "Japan", "rose"},
        ),
        (
            "The service sector's FDI pledges totaled $6.4 billion.",
            "$6.4 billion",
            {"FDI", "pledges", "totaled"},
        ),
        (
            "Semiconductors account for 41.8% of total exports.",
            "41.8%",
            {"account", "total", "exports"},
        ),
        ("The plant has a capacity of 1.5 GW near the coast.", "1.5 GW", {"plant", "capacity"}),
        ("The project will create 3,000 jobs in the region.", "3,000 jobs", {"project", "create"}),
        (
            "Samsung is the world's third-largest maker of phones.",
            "third-largest",
            {"maker", "phones"},
        ),
        (
            "There are 3.86 million businesses in Japan as of 2022.",
            "3.86 million businesses",
            {"Japan"},
        ),
    ]
    for sentence, value, words in cases:
        about = {figure.value: figure.about for figure in figures(sentence)}[value]
        assert words <= set(about.split()), (sentence, about)
        assert 1 <= len(about.split()) <= 10
        assert all(word in sentence for word in about.split())


@pytest.mark.parametrize(
    ("sentence", "value", "about"),
    [
        # What is said is about the figure; who said it is not.
        (
            "Marshal Pawel Gancarz said Lower Silesia accounted for 42 percent of exports.",
            "42 percent",
            "Lower Silesia accounted for exports",
        ),
        # A long title before the verb: the words said are what the figure measures.
        (
            "Vice Chairman of the Bac Ninh Provincial People's Committee Dao Quang Khai said "
            "the province had attracted US$4.2 billion in foreign direct investment.",
            "US$4.2 billion",
            "province had attracted in foreign direct investment",
        ),
        # With nothing said but a pronoun, the speaker stays.
        (
            "Kim said it accounted for 42 percent of exports.",
            "42 percent",
            "Kim said it accounted for exports",
        ),
        # "value added" is no reporting verb.
        (
            "The financial sector added value of Chengdu reached 221 billion yuan.",
            "221 billion yuan",
            "financial sector added value of Chengdu reached",
        ),
        # "a combined" only qualifies the figure, in the clause and before its bracket.
        (
            "The two regions will invest a combined 180 billion won ($128 million) in the hub.",
            "180 billion won",
            "two regions will invest in the hub",
        ),
        (
            "The two regions will invest a combined 180 billion won ($128 million) in the hub.",
            "$128 million",
            "two regions will invest",
        ),
    ],
)
def test_about_keeps_the_clause_the_figure_is_in(sentence: str, value: str, about: str) -> None:
    found = {figure.value: figure.about for figure in figures(sentence)}
    assert found[value] == about


def test_a_figure_in_brackets_is_about_what_the_bracket_annotates() -> None:
    sentence = "Items that grew were machinery (up 102.6 percent) and pharmaceuticals."
    about = only(sentence).about
    assert "machinery" in about.split()


def test_a_trailing_aside_borrows_the_subject_of_its_clause() -> None:
    sentence = (
        "By industry, the manufacturing sector saw an investment of $8.1 billion, up 6.5 percent."
    )
    found = {figure.value: figure.about for figure in figures(sentence)}
    assert set(found) == {"$8.1 billion", "6.5 percent"}
    assert "manufacturing" in found["6.5 percent"].split()
    assert "investment" in found["$8.1 billion"].split()


@pytest.mark.parametrize("quotes", ['""', "“”", "‘’", "«»"])
def test_a_quoted_clause_ends_at_its_closing_quote(quotes: str) -> None:
    opening, closing = quotes
    sentence = (
        f"{opening}The plant will host fuel-cell makers and create 1,200 jobs,{closing} "
        "said Governor Park Wan-su."
    )
    about = only(sentence).about
    assert "create" in about.split() and "Governor" not in about.split()


@pytest.mark.parametrize(
    ("sentence", "company"),
    [
        ("EcoPro BM Co., Ltd. will build a EUR 780 million cathode plant in Debrecen.", "EcoPro"),
        ("Samsung SDI, Inc. said exports rose 12 percent last year.", "Samsung"),
        ("Posco Future M Co., Limited invested KRW 300 billion in Pohang.", "Posco"),
    ],
)
def test_a_comma_before_a_legal_form_does_not_end_the_clause(sentence: str, company: str) -> None:
    # "Co., Ltd." is one name: cut at its comma, the about read "Ltd will build ...".
    about = only(sentence).about.split()
    assert about[0] == company and about[1] != "Ltd"


def test_figures_sharing_words_share_their_about() -> None:
    sentence = "They account for 47% and 75% of competitive industries in Sichuan, respectively."
    first, second = figures(sentence)
    assert (first.value, second.value) == ("47%", "75%")
    assert "industries" in first.about.split() and first.about == second.about


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2024, exports recovered after the COVID-19 slump.",
        "In H1 2024 exports recovered.",
        "Article 3 of the act applies from July 1, 2024.",
        "The meeting was held on July 9th and on the 11th, the talks ended.",
        "The talks ran through July 9–11 in Bangkok.",
        "Call 02-2110-5000 or +82-44-203-4000 for details.",
        "See page 12 and footnote 3 for the 2023 figures.",
        "The program follows the 14th Five-Year Plan and the 11th Basic Plan.",
        "The 21st century began well and the 2nd half was strong.",
        "In the first place, nothing was decided.",
        "Gwangyang LNG Terminal No. 1 opened on July 9.",
        "In 2024 Korean companies invested heavily.",
        "The Industry 4.0 initiative provided participating companies with advice.",
        "Fourteen regions and 38 cities in 18 countries took part.",
        "The 4680 battery line and the JTC3 committee were discussed.",
        "The Grand Challenge 2 project started in Q3 2023.",
        "The number of invention patents per 10,000 people was slightly lower.",
        "One hospital for every 100,000 residents is not enough.",
    ],
)
def test_numbers_that_are_not_figures_are_left_alone(sentence: str) -> None:
    assert figures(sentence) == ()


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Chinese amounts and counts, written against the words around them.
        (
            "协议还提出，成都和重庆将联合建设3个氢能产业园，总投资120亿元。",
            [("3个", "quantity", "成都和重庆将联合建设氢能产业园"), ("120亿元", "money", "总投资")],
        ),
        ("到2027年推广燃料电池汽车1万辆。", [("1万辆", "quantity", "到2027年推广燃料电池汽车")]),
        (
            "产值同比增长25%，达到350亿元。",
            [("25%", "percent", "产值同比增长"), ("350亿元", "money", "达到")],
        ),
        # A particle the cut bracket leaves alone is dropped from the about.
        (
            "실증센터는 총사업비 450억 원(국비 225억 원)을 투입해 조성된다.",
            [("450억 원", "money", "실증센터는 총사업비 투입해 조성된다"), ("225억 원", "money")],
        ),
        # Korean written without the space before a number.
        ("총사업비450억원을 투입한다.", [("450억원", "money")]),
        # Japanese "1人当たり" is per person, not a count of one; the amount is a figure.
        ("1人当たりGDPは7.2万元である。", [("7.2万元", "money")]),
        # After a Latin letter a number is still part of a code.
        ("型号ABC123元件已量产。", []),
        # Japanese amounts in yen and counts of companies and sites; traditional Chinese 億.
        (
            "総事業費は120億円で、県内に30か所の水素ステーションを設ける。",
            [("120億円", "money"), ("30か所", "quantity")],
        ),
        (
            "部品メーカー50社が参加し、国の補助は5兆円規模となる。",
            [("50社", "quantity"), ("5兆円", "money")],
        ),
        ("臺中市與台積電合作，總投資新臺幣2000億元。", [("2000億元", "money")]),
        # Scales in turn, and together; measure words that open longer words are no counts.
        (
            "総額は1兆2000億円、車両は1万5000台。",
            [("1兆2000億円", "money"), ("1万5000台", "quantity")],
        ),
        ("売上は1,000百万円、投資は3千億円。", [("1,000百万円", "money"), ("3千億円", "money")]),
        ("第3社区在2023台北展上发布,1社あたり3億円。", [("3億円", "money")]),
        # The Japanese particles that tie a figure in are no part of what it measures.
        (
            "総事業費は120億円で、2028年までに県内に30カ所の水素ステーションを設ける。",
            [
                ("120億円", "money", "総事業費"),
                ("30カ所", "quantity", "2028年までに県内に水素ステーション"),
            ],
        ),
        # A topic marked before the figure is what it measures; the verb after is not.
        ("総投資額は50億円を見込む。", [("50億円", "money", "総投資額")]),
        # Korean scales together and in turn, as news writes them.
        (
            "2028년까지 1조2천억원을 들여 연산 10만t 규모의 공장을 짓는다.",
            [("1조2천억원", "money"), ("10만t", "quantity")],
        ),
        (
            "3천억원, 5백억원, 1억 5000만원을 지원한다.",
            [("3천억원", "money"), ("5백억원", "money"), ("1억 5000만원", "money")],
        ),
        # Korean counters: items, sites, ships, countries; 대 only after a scale.
        ("일자리 800개가 생긴다.", [("800개", "quantity", "일자리 생긴다")]),
        (
            "충전소 30곳과 선박 10척, 30개국.",
            [("30곳", "quantity"), ("10척", "quantity"), ("30개국", "quantity")],
        ),
        ("전기차 30만 대를 생산한다.", [("30만 대", "quantity", "전기차 생산한다")]),
        # Months, five-year plans, people in their twenties, the three main fields, a top 100.
        ("2개월 만에 5개년 계획으로 20대 청년과 3대 분야, 100대 기업을 1대 1로 돕는다.", []),
        # Capacities and areas written against the word before, with a scale or in Chinese
        # units.
        (
            "新增年产能30GWh，装机容量100万千瓦，光伏电站50兆瓦，占地300亩，面积2万平方米。",
            [
                ("30GWh", "capacity", "新增年产能"),
                ("100万千瓦", "capacity"),
                ("50兆瓦", "capacity"),
                ("300亩", "capacity"),
                ("2万平方米", "capacity"),
            ],
        ),
        ("年間発電量は6万MWh。", [("6万MWh", "capacity", "年間発電量")]),
        # Traditional Chinese measure words as the simplified ones.
        ("年產能達到2萬噸。", [("2萬噸", "quantity", "年產能達到")]),
        (
            "발전소 용량은 120만kW, 부지 5만㎡ 규모다.",
            [("120만kW", "capacity"), ("5만㎡", "capacity")],
        ),
    ],
)
def test_figures_in_chinese_and_unspaced_korean(sentence: str, expected: list[tuple]) -> None:
    # Two-item rows check the value and kind only; three-item rows the about too.
    found = figures_in_sentence(sentence)
    assert [figure[: len(row)] for figure, row in zip(found, expected, strict=False)] == expected
    assert len(found) == len(expected)


def test_headings_and_footnotes_carry_no_figures() -> None:
    text = "Exports rose 25 percent to $3 billion."
    assert extract_figures([paragraph(text, "heading"), paragraph(text, "footnote")]) == ()
    for kind in ("text", "list", "quote", "table"):
        assert [f.value for f in extract_figures([paragraph(text, kind)])] == [
            "25 percent",
            "$3 billion",
        ]


def test_table_rows_are_sentences_of_their_own() -> None:
    table = "Region\tShare\nEast coast\t51.9%\nWest\t20.8%"
    found = figures(table, "table")
    assert [(f.value, f.sentence) for f in found] == [
        ("51.9%", "East coast\t51.9%"),
        ("20.8%", "West\t20.8%"),
    ]
    assert found[0].about == "East coast"


def test_order_is_paragraph_then_position_and_values_are_not_repeated() -> None:
    first = paragraph("Sales rose 5% to $2 billion. Profits rose 5% as well.", pid="p-1")
    second = paragraph("Exports hit $2 billion and 300 jobs were added.", pid="p-2")
    found = extract_figures([first, second])
    assert [(f.paragraph, f.value) for f in found] == [
        ("p-1", "5%"),
        ("p-1", "$2 billion"),
        ("p-2", "$2 billion"),
        ("p-2", "300 jobs"),
    ]
    assert found[0].sentence == "Sales rose 5% to $2 billion."


def test_extraction_is_deterministic() -> None:
    text = (
        "Lotte Biologics is investing KRW 4.6 trillion in Songdo. The plants will create "
        "37,000 related jobs and rank among the global top 10. Exports grew 8.8 percent."
    )
    paragraphs = [paragraph(text, pid="p-a"), paragraph(text.upper(), pid="p-b")]
    assert extract_figures(paragraphs) == extract_figures(list(paragraphs))
    assert [f.value for f in extract_figures(paragraphs)][:4] == [
        "KRW 4.6 trillion",
        "37,000 related jobs",
        "top 10",
        "8.8 percent",
    ]


def _seed_item_body(seed: str, title: str) -> str:
    """Return the body line that follows an item's title line in a bulletin seed."""
    lines = (ROOT / "seeds" / seed).read_text(encoding="utf-8").splitlines()
    body = lines[lines.index(title) + 1]
    return re.sub(r"\s*date\d{4}-\d{2}-\d{2}\s*$", "", body)


def test_the_fdi_item_of_the_july_bulletin() -> None:
    body = _seed_item_body(
        "001_cf58bbf3b5f6d030.txt", "FDI pledged to Korea in H1 2024 reaches $15.3 bln"
    )
    found = figures(plain_text(body))
    by_value = {figure.value: figure for figure in found}
    # The title says "$15.3 bln"; the body writes the same figure as "USD 15.3 billion".
    headline = by_value["USD 15.3 billion"]
    assert headline.kind == "money"
    assert {"foreign", "direct", "investments", "reached"} <= set(headline.about.split())
    assert headline.sentence.startswith("The Ministry of Trade, Industry and Energy (MOTIE)")
    expected = {
        "$6.9 billion": "money",
        "$3.1 billion": "money",
        "10.3 percent": "percent",
        "$8.1 billion": "money",
        "102.6 percent": "percent",
        "$11.5 billion": "money",
        "third highest": "rank",
    }
    assert {value: by_value[value].kind for value in expected} == expected
    assert "Japan" in by_value["$2.9 billion"].about.split()
    assert "H1" not in by_value and "2024" not in by_value
    assert all(figure.value in figure.sentence for figure in found)


_PIECES = st.sampled_from(
    [
        "KRW",
        "USD",
        "$",
        "₩",
        "€",
        "US$",
        "RMB",
        "won",
        "yuan",
        "billion",
        "bln",
        "trillion",
        "%",
        "%p",
        "percent",
        "per cent",
        "GW",
        "MWh",
        "tons",
        "t",
        "m2",
        "km",
        "jobs",
        "companies",
        "people",
        "1st",
        "3rd",
        "No.",
        "No. 1",
        "top",
        "third-largest",
        "ranked",
        "in",
        "of",
        "to",
        "and",
        ",",
        ".",
        ";",
        "(",
        ")",
        "-",
        "—",
        "'s",
        "July",
        "2024",
        "H1",
        "COVID-19",
        "1,234.5",
        "0.5",
        "12",
        "300",
        "억",
        "원",
        "the",
        "Exports",
        "rose",
        "reached",
        "\t",
        "\n",
        "that",
        "including",
    ]
)
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=40).map(" ".join),
    st.lists(_PIECES, max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_any_text_gives_well_formed_figures(text: str) -> None:
    found = extract_figures([paragraph(text)])
    for figure in found:
        assert figure.value and figure.value in figure.sentence
        assert figure.kind in FIGURE_KINDS
        assert figure.about.strip()
        assert all(word in figure.sentence for word in figure.about.split())
    assert len({figure.value for figure in found}) == len(found)


def test_sentence_level_api_lists_value_kind_and_about() -> None:
    assert figures_in_sentence("Nothing to count here.") == []
    [(value, kind, about)] = figures_in_sentence("Exports rose 25% in May.")
    assert (value, kind) == ("25%", "percent")
    assert about == "Exports rose in May"
