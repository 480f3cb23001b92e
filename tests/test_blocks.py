"""Grouping an article's lines into blocks: list items, their wrapped lines, paragraphs."""

from __future__ import annotations

import pytest

from generator.blocks import blocks_from_lines


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in blocks_from_lines(text.split("\n"))]


@pytest.mark.parametrize("bullet", ["-", "•", "○", "■", "▶", "※"])
def test_a_wrapped_item_is_one_item(bullet: str) -> None:
    text = f"{bullet} Sino-Soviet Affairs, Volume 42, No.\n2 (summer 2018), by Shin Jong-ho.\n"
    assert kinds_and_texts(text) == [
        ("list", "Sino-Soviet Affairs, Volume 42, No. 2 (summer 2018), by Shin Jong-ho.")
    ]


# Each text and the blocks it reads as: (kind, text) in order.
CASES = [
    pytest.param(
        "○ 부산시는 2월 11일 호치민시 인민위원회와 화상회의를\n열고 기념사업 추진계획에 합의했음.",
        [
            (
                "list",
                "부산시는 2월 11일 호치민시 인민위원회와 화상회의를 열고 기념사업 추진계획에 합의했음.",
            )
        ],
        id="a wrapped Korean item is one item",
    ),
    pytest.param(
        "□ 경상남도는 15일 착공식을 개최했다.\n  ㅇ 이날 착공식에는 200여 명이 참석했다.\n"
        "  ㆍ 국비 225억 원을 투입한다.",
        [
            ("list", "경상남도는 15일 착공식을 개최했다."),
            ("list", "이날 착공식에는 200여 명이 참석했다."),
            ("list", "국비 225억 원을 투입한다."),
        ],
        id="the points and sub-points of a Korean official document are items",
    ),
    pytest.param(
        '- EcoPro creates "a cycle of cathode materials"\nPOSCO penetrates the supply chain',
        [
            ("list", 'EcoPro creates "a cycle of cathode materials"'),
            ("text", "POSCO penetrates the supply chain"),
        ],
        id="a capitalised line after an item is its own block",
    ),
    pytest.param(
        "The ministry listed three measures:\n- New grants\n- Lower tariffs",
        [
            ("text", "The ministry listed three measures:"),
            ("list", "New grants"),
            ("list", "Lower tariffs"),
        ],
        id="a bullet right after a paragraph line starts an item",
    ),
    pytest.param(
        "Exports of chips rose by\n3. per cent in May, the ministry said.",
        [("text", "Exports of chips rose by 3. per cent in May, the ministry said.")],
        id="a number opening a wrapped paragraph line stays in the paragraph",
    ),
    pytest.param(
        "The ministry will fund ten complexes.[^1] More follow.\n\n[^1]: Designated in 2023.\n",
        [
            ("text", "The ministry will fund ten complexes.[1] More follow."),
            ("footnote", "[1] Designated in 2023."),
        ],
        id="a markdown footnote reads as its marker and its note goes last",
    ),
    *(
        pytest.param(
            f"{heading}\n1. Chongqing NEV output up 38%\n2. CATL adds 40 GWh in Yibin\n",
            [
                ("text", heading),
                ("list", "Chongqing NEV output up 38%"),
                ("list", "CATL adds 40 GWh in Yibin"),
            ],
            id=f"a numbered list right under a line is a list ({heading})",
        )
        for heading in ["IN THIS ISSUE", "The plan has two parts:"]
    ),
    pytest.param(
        '> "Companies have made their investment decisions," the Vice Minister said.',
        [("text", '"Companies have made their investment decisions," the Vice Minister said.')],
        id="a markdown quotation reads without its marker",
    ),
    pytest.param(
        "**1. Infrastructure for specialized complexes**\n\n- KRW 612 billion for power\n",
        [
            ("heading", "1. Infrastructure for specialized complexes"),
            ("list", "KRW 612 billion for power"),
        ],
        id="a line set wholly in bold is a heading",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_lines_group_into_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


def test_rules_and_borders_separate_and_a_tables_alignment_row_is_no_data() -> None:
    text = "First paragraph.\n━━━━━━━━\nSecond paragraph.\n\n| Region | KRW bn |\n|---|---:|\n| Ulsan | 120 |\n"
    blocks = blocks_from_lines(text.split("\n"))
    assert [(b.kind, b.text.split("\n")) for b in blocks] == [
        ("text", ["First paragraph."]),
        ("text", ["Second paragraph."]),
        ("table", ["Region\tKRW bn", "Ulsan\t120"]),
    ]


def test_a_tabbed_tables_empty_corner_cell_is_kept() -> None:
    text = "\tEU\tJapan\nLong-term goals\tNeutral by 2050\tNeutral by 2050\n"
    (table,) = blocks_from_lines(text.split("\n"))
    assert table.kind == "table"
    assert table.text.split("\n") == [
        "\tEU\tJapan",
        "Long-term goals\tNeutral by 2050\tNeutral by 2050",
    ]


def test_a_hard_wrapped_chinese_paragraph_joins_without_spaces() -> None:
    # Chinese breaks lines anywhere, beside a number too; English at its spaces.
    lines = ["成渝地区双城", "经济圈建设加快，到2028年推广", "1万辆，总投资120", "亿元。"]
    lines += ["", "The plan was", "approved in 2024", "by Chengdu 成都", "and Chongqing."]
    assert [block.text for block in blocks_from_lines(lines)] == [
        "成渝地区双城经济圈建设加快，到2028年推广1万辆，总投资120亿元。",
        "The plan was approved in 2024 by Chengdu 成都 and Chongqing.",
    ]


def test_a_chinese_paragraph_cut_by_a_page_break_is_joined_again() -> None:
    # No lower case tells a continuation: a long block stopping on a character or a comma is
    # cut, a short one without a stop is a title.
    cut = "成渝地区双城经济圈建设加快推进，两地共同发布了一批重点项目，涉及氢能、"
    lines = [
        cut,
        "",
        "智能制造等领域，总投资达到1200亿元。",
        "",
        "一、总体要求",
        "",
        "重庆市将加快建设。",
    ]
    assert [block.text for block in blocks_from_lines(lines)] == [
        cut + "智能制造等领域，总投资达到1200亿元。",
        "一、总体要求",
        "重庆市将加快建设。",
    ]


def test_a_short_line_ends_its_paragraph_in_hard_wrapped_chinese() -> None:
    # Wrapped at 32 characters: the addressee line and each signature are much shorter than
    # the lines the text goes on from, so each ends its paragraph.
    lines = [
        "各市（州）、区县经济和信息化主管部门：",
        "为贯彻落实成渝地区双城经济圈建设部署，推动两地汽车产业协同发展，",
        "现将《成渝地区双城经济圈汽车产业协同发展实施方案》印发给你们，请",
        "结合实际认真贯彻执行。",
        "",
        "四川省经济和信息化厅",
        "重庆市经济和信息化委员会",
    ]
    assert [block.text for block in blocks_from_lines(lines)] == [
        "各市（州）、区县经济和信息化主管部门：",
        "为贯彻落实成渝地区双城经济圈建设部署，推动两地汽车产业协同发展，现将《成渝地区双城经济圈"
        "汽车产业协同发展实施方案》印发给你们，请结合实际认真贯彻执行。",
        "四川省经济和信息化厅",
        "重庆市经济和信息化委员会",
    ]
    # Wrapped lines narrowed by the digits and Latin letters in them still run on; the short
    # line ending a sentence ends its paragraph.
    wrapped = [
        "到2028年，成渝地区汽车产量达到400万辆，其中新能源",
        "汽车产量突破200万辆，TCL科技、长安汽车等企业扩大",
        "产能，培育零部件企业20家，带动就业。",
        "到2030年全面建成。",
    ]
    assert [block.text for block in blocks_from_lines(wrapped)] == [
        "".join(wrapped[:3]),
        wrapped[3],
    ]
