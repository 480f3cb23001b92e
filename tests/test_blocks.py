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


def test_a_wrapped_korean_item_is_one_item() -> None:
    text = (
        "○ 부산시는 2월 11일 호치민시 인민위원회와 화상회의를\n열고 기념사업 추진계획에 합의했음."
    )
    assert kinds_and_texts(text) == [
        (
            "list",
            "부산시는 2월 11일 호치민시 인민위원회와 화상회의를 열고 기념사업 추진계획에 합의했음.",
        )
    ]


def test_a_capitalised_line_after_an_item_is_its_own_block() -> None:
    text = '- EcoPro creates "a cycle of cathode materials"\nPOSCO penetrates the supply chain'
    assert kinds_and_texts(text) == [
        ("list", 'EcoPro creates "a cycle of cathode materials"'),
        ("text", "POSCO penetrates the supply chain"),
    ]


def test_a_bullet_right_after_a_paragraph_line_starts_an_item() -> None:
    text = "The ministry listed three measures:\n- New grants\n- Lower tariffs"
    assert kinds_and_texts(text) == [
        ("text", "The ministry listed three measures:"),
        ("list", "New grants"),
        ("list", "Lower tariffs"),
    ]


def test_a_number_opening_a_wrapped_paragraph_line_stays_in_the_paragraph() -> None:
    text = "Exports of chips rose by\n3. per cent in May, the ministry said."
    assert kinds_and_texts(text) == [
        ("text", "Exports of chips rose by 3. per cent in May, the ministry said.")
    ]


def test_a_markdown_footnote_reads_as_its_marker_and_its_note_goes_last() -> None:
    text = "The ministry will fund ten complexes.[^1] More follow.\n\n[^1]: Designated in 2023.\n"
    assert kinds_and_texts(text) == [
        ("text", "The ministry will fund ten complexes.[1] More follow."),
        ("footnote", "[1] Designated in 2023."),
    ]


@pytest.mark.parametrize("heading", ["IN THIS ISSUE", "The plan has two parts:"])
def test_a_numbered_list_right_under_a_line_is_a_list(heading: str) -> None:
    text = f"{heading}\n1. Chongqing NEV output up 38%\n2. CATL adds 40 GWh in Yibin\n"
    assert kinds_and_texts(text) == [
        ("text", heading),
        ("list", "Chongqing NEV output up 38%"),
        ("list", "CATL adds 40 GWh in Yibin"),
    ]


def test_a_markdown_quotation_reads_without_its_marker() -> None:
    text = '> "Companies have made their investment decisions," the Vice Minister said.'
    assert kinds_and_texts(text) == [
        ("text", '"Companies have made their investment decisions," the Vice Minister said.')
    ]


def test_a_line_set_wholly_in_bold_is_a_heading() -> None:
    text = "**1. Infrastructure for specialized complexes**\n\n- KRW 612 billion for power\n"
    assert kinds_and_texts(text) == [
        ("heading", "1. Infrastructure for specialized complexes"),
        ("list", "KRW 612 billion for power"),
    ]


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
