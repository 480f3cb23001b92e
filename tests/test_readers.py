"""Readers: every format and encoding a user may drop in, and clear refusals."""

from __future__ import annotations

import base64
import datetime
import io
import random
import re
import struct
import time
import zipfile
from pathlib import Path

import pytest

from generator.clean import clean_source
from generator.errors import SourceError
from generator.ingest import read_and_split
from generator.mime import Forwarded, clean_subject, without_forward_headers
from generator.pdf import reflow_pdf_lines, without_running_lines
from generator.readers import decode_declared, read_source
from generator.split import split_document
from tests.helpers import (
    DOC_IN_TABLE,
    DOC_ROW_END,
    HWP_CTRL_HEADER,
    HWP_LIST_HEADER,
    HWPX_NAMESPACES,
    compound_file,
    doc_bytes,
    doc_paragraph,
    doc_row,
    docx_parts,
    hwp_bytes,
    hwp_header_footer,
    hwp_paragraph,
    hwp_record,
    hwp_summary,
    hwp_table,
    hwpx_bytes,
    hwpx_paragraph,
    hwpx_table,
    pptx_bytes,
    pptx_shape,
    pptx_table,
    zip_bytes,
)

KOREAN = (
    "포항시와 경북도가 배터리 글로벌 혁신특구 지정을 위해 힘을 모은다. 이차전지 소재 자립이 목표다."
)


FIXTURES = Path(__file__).parent / "fixtures"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "seeds" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("cp949", b""),
        ("euc-kr", b""),
        ("iso2022_kr", b""),  # seven bits, switched by escapes: they read as UTF-8 too
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = f"Pohang battery news\n\n{KOREAN}\n\n{KOREAN}\n"
    path = write(tmp_path, "doc.txt", bom + text.encode(encoding))
    source = read_source(path, tmp_path)
    assert source.text == text.rstrip("\n") + "\n" or source.text.strip() == text.strip()
    assert source.path == "seeds/doc.txt"
    assert "\ufeff" not in source.text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        # charset-normalizer scored ISO-8859-10 as high (ś read as ķ, ł as ģ).
        (
            "iso8859_2",
            "Województwo dolnośląskie podpisało porozumienie z koreańską firmą LG Energy "
            "Solution w sprawie rozbudowy zakładu pod Wrocławiem. Inwestycja o wartości "
            "1,5 mld zł stworzy 800 nowych miejsc pracy. Marszałek województwa podkreślił, "
            "że to największa inwestycja zagraniczna w regionie w tym roku.",
        ),
        # ...and the Baltic DOS page cp775 for a short French text (é read as ķ).
        (
            "cp1252",
            "Le conseil régional d’Auvergne-Rhône-Alpes a signé un accord – 120 M€ – avec "
            "Hyundai pour une usine de piles à combustible à Lyon. L’investissement créera "
            "400 emplois.",
        ),
        (
            "cp1257",
            "Lietuvos Kauno laisvoji ekonominė zona pasirašė susitarimą su Korėjos bendrove "
            "LG Energy Solution dėl baterijų gamyklos statybos. Investicijos sieks 500 "
            "milijonų eurų.",
        ),
    ],
)
def test_a_latin_text_is_read_in_the_encoding_that_makes_one_language(
    tmp_path: Path, encoding: str, text: str
) -> None:
    source = read_source(write(tmp_path, "region.txt", text.encode(encoding)), tmp_path)
    assert source.text.strip() == text


def test_a_japanese_email_in_iso_2022_jp_is_read_in_its_charset(tmp_path: Path) -> None:
    # Japanese mail is still sent in ISO-2022-JP: seven-bit bytes that also read as UTF-8.
    from email.header import Header
    from email.mime.text import MIMEText

    body = "愛知県は11月20日、トヨタ自動車と水素ステーションの整備に関する協定を締結した。"
    message = MIMEText(body, "plain", "iso-2022-jp")
    message["Subject"] = Header("愛知県、トヨタ自動車と協定", "iso-2022-jp")
    message["Date"] = "Fri, 20 Nov 2026 10:00:00 +0900"
    source = read_source(write(tmp_path, "aichi.eml", message.as_bytes()), tmp_path)
    assert source.title == "愛知県、トヨタ自動車と協定"
    assert body in source.text
    text = f"愛知県の発表\n\n{body}\n"
    source = read_source(write(tmp_path, "aichi.txt", text.encode("iso2022_jp")), tmp_path)
    assert source.text == text


def test_cp949_punctuation_read_as_latin1_is_repaired(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", "Korea¡¯s minister said ¡°batteries first¡±.".encode())
    assert read_source(path, tmp_path).text == "Korea’s minister said “batteries first”."


def test_utf8_mojibake_is_repaired(tmp_path: Path) -> None:
    path = write(tmp_path, "doc.txt", "Korea\u00e2\u20ac\u2122s minister".encode())
    assert read_source(path, tmp_path).text == "Korea’s minister"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the two cities，part of the plan", "the two cities, part of the plan"),
        (
            "1.8 billion yuan（about 250 million dollars）in all",
            "1.8 billion yuan (about 250 million dollars) in all",
        ),
        ("Source：Chengdu Municipal Government", "Source: Chengdu Municipal Government"),
        # Beside Chinese or Japanese it is their punctuation, and stays as written.
        ("11月17日，重庆（四川）：好！“共建”！", "11月17日，重庆（四川）：好！“共建”！"),
        (
            "Chengdu（成都）and 成渝（Chengdu-Chongqing）",
            "Chengdu （成都） and 成渝（Chengdu-Chongqing）",
        ),
        # Full-width marks a wrong decoding garbled are folded once repaired.
        ("Total ２０２６ cities，part".encode().decode("latin-1"), "Total 2026 cities, part"),
        # A number goes against them, as it goes against Chinese characters.
        ("公司（以下簡稱「台塑」）24日與", "公司（以下簡稱「台塑」）24日與"),
        # Full-width letters and digits are ASCII's; half-width katakana the usual width.
        ("２０２６年１１月２０日　ＡＢＣ ￥500 ｶﾀｶﾅ", "2026年11月20日 ABC ¥500 カタカナ"),
    ],
)
def test_full_width_punctuation_between_latin_words_is_spaced_as_ascii(
    tmp_path: Path, text: str, read: str
) -> None:
    path = write(tmp_path, "doc.txt", text.encode())
    assert read_source(path, tmp_path).text.strip() == read


def test_html_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: Chungcheongbuk-do expanded its battery cluster in Ochang with new "
        f"investment from EcoPro and LG Energy Solution, creating {n * 100} jobs.</p>"
        for n in range(1, 6)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8">
<title>Chungbuk battery cluster grows | Daily News</title>
<meta property="og:site_name" content="Daily News">
<meta name="date" content="2024-05-02"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy navigation link</a></li></ul></nav></header>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Print this page</a></div>
<article><h1>Chungbuk battery cluster grows</h1>{paragraphs}</article>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Another story about football</a></li></ul></aside>
<footer>Copyright Daily News. All rights reserved. Contact us</footer></body></html>"""
    path = write(tmp_path, "page.html", page.encode())
    source = read_source(path, tmp_path)
    assert source.format == "html"
    assert "Paragraph 5: Chungcheongbuk-do expanded" in source.text
    assert "Economy navigation link" not in source.text
    assert "football" not in source.text
    assert source.title and "Chungbuk battery cluster grows" in source.title
    assert source.date == "2024-05-02"


def test_a_korean_news_page_drops_its_stamps_contacts_and_keywords_and_names_its_site(
    tmp_path: Path,
) -> None:
    page = """<html><head><meta charset="utf-8">
<title>경북도, 포항에 양극재 공장 유치 | 연합뉴스</title></head><body><article>
<h1>경북도, 포항에 양극재 공장 유치</h1><p>송고2026-11-21 10:15</p>
<p>(포항=연합뉴스) 김철수 기자 = 경상북도와 포항시는 21일 에코프로비엠과 양극재 공장 신설을 위한
투자협약을 체결했다고 밝혔다. 에코프로비엠은 2028년까지 1조2천억원을 들여 공장을 짓는다.</p>
<p>이철우 경북도지사는 행정 지원을 아끼지 않겠다고 말했다.</p>
<p>chulsoo@yna.co.kr</p><p>&lt;저작권자(c) 연합뉴스, 무단 전재-재배포 금지&gt;</p>
<p>#경북 #포항 #이차전지</p></article></body></html>"""
    source = read_source(write(tmp_path, "yonhap.html", page.encode()), tmp_path)
    assert source.publisher == "연합뉴스"  # after the headline in its <title>
    document = clean_source(source)
    text = "\n".join(document.lines)
    assert "이철우 경북도지사는" in text
    for furniture in ("yna.co.kr", "저작권자", "#경북"):
        assert furniture not in text, furniture
    draft = split_document(document)
    assert draft.articles[0].subtitles == ()  # the stamp only dates the story


def test_a_chinese_government_page_is_published_by_the_office_it_comes_from(
    tmp_path: Path,
) -> None:
    page = """<html><head><meta charset="utf-8"><title>重庆市签署氢能合作协议_重庆市人民政府网</title>
<meta name="ContentSource" content="重庆市经济和信息化委员会"></head><body><div class="article">
<h1>重庆市签署氢能合作协议</h1><p>11月17日，重庆市经济和信息化委员会与四川省经济和信息化厅在成都签署合作协议，
到2028年推广燃料电池汽车1万辆，建成加氢站80座。</p><p>双方将围绕制氢、储运、加注等环节加强协作。</p>
</div><div class="footer">版权所有：重庆市人民政府 渝ICP备05003300号</div></body></html>"""
    path = write(tmp_path, "cq.html", page.encode())
    assert read_source(path, tmp_path).publisher == "重庆市经济和信息化委员会"
    # Without it, the site its <title> names after the headline.
    page = page.replace('<meta name="ContentSource"', '<meta name="x"')
    path.write_bytes(page.encode())
    assert read_source(path, tmp_path).publisher == "重庆市人民政府网"
    # A date after the headline names no site: the copyright line does.
    path.write_bytes(page.replace("_重庆市人民政府网", " - 2026-11-18").encode())
    assert read_source(path, tmp_path).publisher == "重庆市人民政府"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # The site titles every page by its section: the body's h1 is the headline.
        ("Press Releases &lt; News &lt; Gyeongnam", "Gyeongnam signs hydrogen shipbuilding MOU"),
        # "Headline | Site": the title holds the h1, and trafilatura trims the site away.
        ("Gyeongnam signs hydrogen shipbuilding MOU | Gyeongnam", None),
    ],
)
def test_a_web_pages_headline_is_its_h1_not_its_section_title(
    tmp_path: Path, title: str, expected: str | None
) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: Gyeongsangnam-do signed an agreement with three shipbuilders to "
        f"build a hydrogen shipbuilding cluster on its southern coast, creating {n} jobs.</p>"
        for n in range(1, 6)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><div id="header"><h1 class="logo"><a href="/">Gyeongsangnam-do Provincial Office</a></h1>
<ul class="gnb"><li><a href="/news">News</a></li></ul></div>
<div id="content"><h2>Press Releases</h2><div class="view">
<h1>Gyeongnam signs hydrogen shipbuilding MOU</h1>{paragraphs}</div></div></body></html>"""
    source = read_source(write(tmp_path, "page.html", page.encode()), tmp_path)
    assert source.title == (expected or "Gyeongnam signs hydrogen shipbuilding MOU")
    assert source.text.startswith(f"# {source.title}")


def test_a_web_page_updated_later_is_dated_when_it_was_first_published(tmp_path: Path) -> None:
    body = " ".join(["SK On and Hyundai Mobis will build a battery-pack plant in Ulsan."] * 6)
    page = (
        "<html><head><title>SK On and Mobis plan Ulsan plant</title>"
        '<meta property="article:published_time" content="2025-05-22T14:05:00+09:00">'
        '<meta property="article:modified_time" content="2025-05-23T09:12:00+09:00">'
        f"</head><body><article><h1>SK On and Mobis plan Ulsan plant</h1><p>{body}</p>"
        "</article></body></html>"
    )
    source = read_source(write(tmp_path, "page.html", page.encode()), tmp_path)
    assert source.date == "2025-05-22"


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Hydrogen valley report")
    pdf.set_font("helvetica", size=11)
    for page in range(2):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Page {page + 1}: Ulsan plans a hydrogen valley with 300 buses.")
    path = write(tmp_path, "report.pdf", bytes(pdf.output()))
    source = read_source(path, tmp_path)
    assert source.format == "pdf"
    assert "Page 2: Ulsan plans a hydrogen valley with 300 buses." in source.text
    assert source.title == "Hydrogen valley report"


def test_an_unspaced_chinese_running_header_is_dropped_from_a_text(tmp_path: Path) -> None:
    # A text saved from a paged notice: the page header, one spaced token, on every page.
    page = "重庆市经济和信息化委员会文件\n\n{}\n\n"
    text = "".join(
        page.format(f"第{n}条 重庆市支持企业建设智能工厂，单个项目最高补助{n}00万元。")
        for n in range(1, 4)
    )
    path = write(tmp_path, "notice.txt", f"重庆市智能工厂支持办法\n\n{text}".encode())
    [article] = read_and_split(path, tmp_path).draft.articles
    assert article.title == "重庆市智能工厂支持办法"
    assert [block.text[:3] for block in article.blocks] == ["第1条", "第2条", "第3条"]


def test_a_pdf_running_header_and_footer_are_dropped_from_two_pages(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=11)
    for page, text in enumerate(PDF_PARAGRAPHS, 1):
        pdf.add_page()
        pdf.cell(0, 6, "Kyushu Economic Review | September 2025", new_x="LMARGIN", new_y="NEXT")
        if page == 1:
            pdf.multi_cell(0, 9, "Hydrogen buses for the south-east", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.cell(0, 6, f"Page {page} of 2", align="C")
    path = write(tmp_path, "review.pdf", bytes(pdf.output()))
    [article] = read_and_split(path, tmp_path).draft.articles
    assert article.title == "Hydrogen buses for the south-east"
    assert [block.text for block in article.blocks] == PDF_PARAGRAPHS


PDF_PARAGRAPHS = [
    "Ulsan said on Monday that it plans a hydrogen valley with 300 fuel-cell buses and 40 "
    "refuelling stations by 2030, run with Hyundai Motor.",
    "Busan will join the valley with 120 more buses on its port routes from 2027.",
]


def test_the_space_a_pdf_leaves_between_paragraphs_ends_one_whose_last_line_runs_full(
    tmp_path: Path,
) -> None:
    from fpdf import FPDF

    # Justified: every paragraph's last line is as long as the others, so only the space
    # above the next paragraph tells where it ends. A column break (a step up) is no end.
    paragraphs = [
        [
            "Ulsan said on Monday that it plans a hydrogen valley with 300 fuel-cell buses",
            "and 40 refuelling stations by 2030, which the city will run with Hyundai Motor.",
        ],
        [
            "Busan will join the valley with 120 more buses on its port routes from 2027, the",
            "city said, and Changwon will add 60 buses on its industrial complex routes soon.",
        ],
    ]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    y = 20.0
    for paragraph in paragraphs:
        for line in paragraph:
            pdf.text(20, y, line)
            y += 5  # the line spacing
        y += 3  # the space between paragraphs
    pdf.text(110, 20, "Gyeongnam will follow in 2028 with buses for the Changwon routes of its")
    pdf.text(110, 25, "industrial complex and for the routes that link Gimhae to Busan New Port.")
    path = write(tmp_path, "letter.pdf", bytes(pdf.output()))
    assert read_source(path, tmp_path).text.split("\n\n") == [
        " ".join(paragraphs[0]),
        " ".join(paragraphs[1])
        + " Gyeongnam will follow in 2028 with buses for the Changwon routes of its industrial"
        " complex and for the routes that link Gimhae to Busan New Port.",
    ]


def test_pdf_lines_set_in_a_larger_type_are_headings_even_over_narrow_columns(
    tmp_path: Path,
) -> None:
    from fpdf import FPDF

    column = (
        "Ochang in North Chungcheong hosts the largest cell plant of LG Energy Solution, "
        "which employs 4,000 people and will add a line for cylindrical cells next year."
    )
    lead = (
        "The province's two battery clusters grew faster than any other region's last year, "
        "the ministry said in its annual review of regional industry published on Monday."
    )
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=20)
    pdf.multi_cell(0, 9, "Gyeongbuk Newsletter", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=12)  # a lead paragraph set large is no heading
    pdf.multi_cell(0, 6, lead, new_x="LMARGIN", new_y="NEXT")
    # The headline is as long as the narrow column's lines: only its type tells it apart.
    pdf.set_font("helvetica", size=15)
    pdf.multi_cell(70, 7, "Battery clusters compared", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    pdf.multi_cell(70, 5, column, new_x="LMARGIN", new_y="NEXT")
    path = write(tmp_path, "newsletter.pdf", bytes(pdf.output()))
    assert read_source(path, tmp_path).text.split("\n\n") == [
        "# Gyeongbuk Newsletter",
        lead,
        "## Battery clusters compared",
        column,
    ]


def test_a_pdf_digest_of_dated_stories_is_split_at_its_headlines(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    stories = [(2, "Anhui offers chip makers land"), (3, "Hubei expands a valley")]
    for (day, headline), text in zip(stories, PDF_PARAGRAPHS, strict=True):
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 6, f"{day} June 2025", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=16)
        pdf.multi_cell(0, 9, headline, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    path = write(tmp_path, "daily.pdf", bytes(pdf.output()))
    draft = read_and_split(path, tmp_path).draft
    assert [(a.title, a.date) for a in draft.articles] == [
        ("Anhui offers chip makers land", "2025-06-02"),
        ("Hubei expands a valley", "2025-06-03"),
    ]
    assert [[b.text for b in a.blocks] for a in draft.articles] == [[p] for p in PDF_PARAGRAPHS]


def test_a_line_opening_one_pdf_page_only_stays() -> None:
    pages = [["Annual report", "Text one."], ["Text two.", "2"], ["Text three.", "3"]]
    assert without_running_lines(pages) == [
        ["Annual report", "Text one."],
        ["Text two."],
        ["Text three."],
    ]
    # Pages holding one line each, alike but for a number, are text, not furniture.
    alike = [["Step 1: fit the stack."], ["Step 2: fit the stack."]]
    assert without_running_lines(alike) == alike
    # Each page opening with its own date is a dated item; a header repeats one date.
    dated = [["2 June 2025", "Anhui item."], ["3 June 2025", "Hefei item."]]
    assert without_running_lines(dated) == dated
    header = [["Weekly, 2 June 2025", "Anhui item."], ["Weekly, 2 June 2025", "Hefei item."]]
    assert without_running_lines(header) == [["Anhui item."], ["Hefei item."]]
    # A footer repeats its date and counts the pages.
    footer = [[item, f"Press release · July 1, 2024 · {n} / 2"] for n, item in enumerate("AB")]
    assert without_running_lines(footer) == [["A"], ["B"]]
    # Odd and even pages' headers, each on two pages of five.
    books = [
        [f"{'Report' if n % 2 else 'Chapter'} 2025-07", text] for n, text in enumerate("ABCDE")
    ]
    assert all(len(page) == 1 for page in without_running_lines(books))


@pytest.mark.parametrize(
    ("metadata", "title"),
    [
        ("Microsoft Word - 0415 hydrogen release.docx", None),
        ("0520 보도자료.hwp", None),
        # A title that only ends in a word after a full stop is a title.
        (
            "Ulsan hydrogen valley: Hyundai Motor Co.Ltd",
            "Ulsan hydrogen valley: Hyundai Motor Co.Ltd",
        ),
    ],
)
def test_a_pdf_titled_by_the_file_it_was_printed_from_has_no_metadata_title(
    tmp_path: Path, metadata: str, title: str | None
) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(metadata)
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Ulsan plans a hydrogen valley with 300 buses.")
    path = write(tmp_path, "release.pdf", bytes(pdf.output()))
    assert read_source(path, tmp_path).title == title


def write_docx(path: Path) -> None:
    """A press release as Word writes one: a framed masthead, a title, a heading, body text,
    bullets, a table with a merged cell, an italic contact line, a running header and footer."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Microsoft Word - release.hwp"
    document.core_properties.modified = datetime.datetime(2025, 5, 21, 9, 0)
    document.sections[0].header.paragraphs[0].text = "Ministry of Trade, Industry and Energy"
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = "PRESS RELEASE"
    frame.add_paragraph("Release date: May 20, 2025 (Tue)")
    document.add_paragraph("Chungbuk to host battery testing centre", style="Title")
    document.add_paragraph(f"Chungcheongbuk-do will host the centre in Ochang. {BODY_TAIL}")
    document.add_heading("Why Ochang", level=1)
    document.add_paragraph("Budget: KRW 80 billion from the state", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("Year", "Tests", "Share"), ("2027", "800", "5%")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    table.cell(2, 0).merge(table.cell(2, 1)).text = "2028 | 2029"
    table.cell(2, 2).text = "9%"
    contact = document.add_paragraph().add_run("Contact: Battery Industry Division")
    contact.italic = True
    document.save(str(path))


BODY_TAIL = "It will test solid-state cells for 40 companies a year from 2027."


def test_a_word_document_is_read_in_order_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "seeds" / "release.docx"
    path.parent.mkdir()
    write_docx(path)
    source = read_source(path, tmp_path)
    assert (source.format, source.title, source.date) == ("docx", None, "2025-05-21")
    assert source.text.split("\n\n") == [
        "PRESS RELEASE",
        "Release date: May 20, 2025 (Tue)",
        "# Chungbuk to host battery testing centre",
        f"Chungcheongbuk-do will host the centre in Ochang. {BODY_TAIL}",
        "## Why Ochang",
        "- Budget: KRW 80 billion from the state",
        "| Year | Tests | Share |\n| 2027 | 800 | 5% |\n| 2028 / 2029 |  | 9% |",
        "*Contact: Battery Industry Division*",
    ]
    [article] = read_and_split(path, tmp_path).draft.articles
    assert article.title == "Chungbuk to host battery testing centre"
    assert article.date == "2025-05-20"  # the date it prints, not the file's


# A sentence of 32 characters and a stop: 16 words as Chinese counts them.
CHINESE_SENTENCE = "为贯彻落实成渝地区双城经济圈建设部署加快推动两地汽车产业协同发展。"


def test_a_hangul_document_is_read_in_order_as_markdown(tmp_path: Path) -> None:
    body = "".join(
        [
            hwpx_table([["보도일시", "2025. 6. 10.(화) 11:00", "담당부서", "배터리산업과"]]),
            hwpx_table([["경북도, 포항에 이차전지 재활용 실증센터 유치"]]),  # a framed title
            hwpx_paragraph("추진 배경", style="2"),
            # Outline level 2 by the paragraph's shape, and by a house style on that shape.
            '<hp:p paraPrIDRef="20" styleIDRef="0"><hp:run><hp:t>세부 과제</hp:t></hp:run></hp:p>',
            hwpx_paragraph("소제목 문단", style="30"),
            # A table with its caption set above it.
            hwpx_table([["구분", "금액"], ["국비", "200억 원"]]).replace(
                "<hp:tbl>",
                f'<hp:tbl><hp:caption side="TOP"><hp:subList>{hwpx_paragraph("표 1. 예산")}'
                "</hp:subList></hp:caption>",
            ),
            # Highlighting inside a text run, and a footnote, marked where it is referenced.
            '<hp:p styleIDRef="0"><hp:run><hp:t>경상북도는 <hp:markpenBegin color="#FF0"/>'
            "10일<hp:markpenEnd/> 밝혔다.</hp:t><hp:ctrl><hp:footNote><hp:subList>"
            f"{hwpx_paragraph('각주 내용')}</hp:subList></hp:footNote></hp:ctrl></hp:run></hp:p>",
            # A text box anchored in an empty paragraph.
            '<hp:p styleIDRef="0"><hp:run><hp:rect><hp:drawText><hp:subList>'
            f"{hwpx_paragraph('상자 안의 글')}</hp:subList></hp:drawText></hp:rect></hp:run></hp:p>",
            hwpx_table(
                [["연도", "예산", "비고"], ["2025~2026", "300억 원"]], spans={(1, 1): (2, 1)}
            ),
            # A cell spanning two rows: the next row's cells start after it.
            hwpx_table([["양극재", "A사", "4,000"], ["B사", "3,000"]], spans={(0, 0): (1, 2)}),
            # Special spaces set the point marks apart.
            '<hp:p styleIDRef="0"><hp:run><hp:t>□<hp:fwSpace/>산업부<hp:nbSpace/>발표</hp:t>'
            "</hp:run></hp:p>",
            # Outline style on a whole sentence: a numbered body paragraph, not a heading; in
            # Chinese too, whose words are not spaced (two characters count as a word).
            hwpx_paragraph(" ".join(["재활용"] * 16), style="3"),
            hwpx_paragraph(CHINESE_SENTENCE, style="3"),
        ]
    )
    path = write(tmp_path, "release.hwpx", hwpx_bytes(body, "보도자료", "2025-06-09T08:00:00Z"))
    source = read_source(path, tmp_path)
    assert (source.format, source.title, source.date) == ("hwpx", "보도자료", "2025-06-09")
    assert source.text.split("\n\n") == [
        "| 보도일시 | 2025. 6. 10.(화) 11:00 | 담당부서 | 배터리산업과 |",
        "경북도, 포항에 이차전지 재활용 실증센터 유치",
        "# 추진 배경",
        "## 세부 과제",
        "## 소제목 문단",
        "표 1. 예산",
        "| 구분 | 금액 |\n| 국비 | 200억 원 |",
        "경상북도는 10일 밝혔다.[^1]",
        "상자 안의 글",
        "| 연도 | 예산 | 비고 |\n| 2025~2026 | 300억 원 |  |",
        "| 양극재 | A사 | 4,000 |\n|  | B사 | 3,000 |",
        "□ 산업부 발표",
        " ".join(["재활용"] * 16),
        CHINESE_SENTENCE,
        "[^1]: 각주 내용",  # the footnote, listed at the end as Markdown writes notes
    ]
    # How such a release splits (framed title, release date) is in test_new_documents.


def test_a_hangul_document_cannot_read_other_files_or_expand_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    section = (
        f'<?xml version="1.0"?><!DOCTYPE sec [<!ENTITY leak SYSTEM "{secret.as_uri()}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<hs:sec {HWPX_NAMESPACES}><hp:p><hp:run><hp:t>Ulsan &leak; &b; hydrogen buses"
        "</hp:t></hp:run></hp:p></hs:sec>"
    )
    path = write(tmp_path, "leak.hwpx", zip_bytes({"Contents/section0.xml": section}))
    text = read_source(path, tmp_path).text
    assert "TOP-SECRET-VALUE" not in text and "aaaaaaaaaa" not in text
    assert "Ulsan" in text and "hydrogen buses" in text


def test_word_text_in_revisions_fields_controls_boxes_and_nested_tables_is_read(
    tmp_path: Path,
) -> None:
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    document = docx.Document()
    body = document.element.body

    def add(xml: str) -> None:
        body.insert(len(body) - 1, parse_xml(xml))  # before the section's properties

    # A cover page's title inside a block content control.
    add(
        f"<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:pPr><w:pStyle w:val='Title'/></w:pPr>"
        "<w:r><w:t>Cathode outlook</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    # An inserted revision, a deleted one, and a field's shown result.
    add(
        f"<w:p {w}><w:r><w:t xml:space='preserve'>Imports </w:t></w:r><w:ins w:id='1'>"
        "<w:r><w:t xml:space='preserve'>from Indonesia </w:t></w:r></w:ins><w:del w:id='2'>"
        "<w:r><w:delText>from Chile </w:delText></w:r></w:del><w:fldSimple w:instr='REF x'>"
        "<w:r><w:t>rose 18 percent</w:t></w:r></w:fldSimple></w:p>"
    )
    # A text box, which Word writes twice (the copy in mc:Fallback is for old readers).
    box = "<w:txbxContent><w:p><w:r><w:t>KEY FIGURES: 4 stations</w:t></w:r></w:p></w:txbxContent>"
    add(
        f"<w:p {w} {mc}><w:r><mc:AlternateContent><mc:Choice Requires='wps'>{box}"
        f"</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Pohang park"
    table.cell(0, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Land 50"
    path = tmp_path / "seeds" / "outlook.docx"
    path.parent.mkdir()
    document.save(str(path))
    assert read_source(path, tmp_path).text.split("\n\n") == [
        "# Cathode outlook",
        "Imports from Indonesia rose 18 percent",
        "KEY FIGURES: 4 stations",
        "| Pohang park | Land 50 |",
    ]


def _word_with_notes(paragraphs: list[str], notes: dict[str, list[str]]) -> bytes:
    """A Word document whose paragraphs hold note references written as "{footnote:1}",
    with the given foot- and endnote parts (kind -> each note's text, ids from 1)."""
    import docx
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        for piece in re.split(r"(\{\w+:\d+\})", text):
            reference = re.fullmatch(r"\{(\w+):(\d+)\}", piece)
            if reference:
                kind, number = reference.groups()
                xml = f'<w:r xmlns:w="{w}"><w:{kind}Reference w:id="{number}"/></w:r>'
                paragraph._p.append(parse_xml(xml))
            elif piece:
                paragraph.add_run(piece)
    parts = docx_parts(document)
    for kind, texts in notes.items():
        # Word keeps its separator lines as notes with a type; they are no notes to read.
        separator = f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
        bodies = "".join(
            f'<w:{kind} w:id="{number}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}>'
            for number, text in enumerate(texts, 1)
        )
        parts[f"word/{kind}s.xml"] = f'<w:{kind}s xmlns:w="{w}">{separator}{bodies}</w:{kind}s>'
        content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
        parts["[Content_Types].xml"] = bytes(parts["[Content_Types].xml"]).replace(
            b"</Types>",
            f'<Override PartName="/word/{kind}s.xml" ContentType="{content_type}"/></Types>'.encode(),
        )
        relation = f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}s"
        parts["word/_rels/document.xml.rels"] = bytes(
            parts["word/_rels/document.xml.rels"]
        ).replace(
            b"</Relationships>",
            f'<Relationship Id="rId{kind}" Type="{relation}" Target="{kind}s.xml"/>'
            "</Relationships>".encode(),
        )
    return zip_bytes(parts)


def test_word_footnotes_are_marked_in_the_text_and_listed_at_the_end(tmp_path: Path) -> None:
    data = _word_with_notes(
        ["Capacity reached 40,000 wafers a month{footnote:1}"],
        {"footnote": ["Commission briefing, 4 April 2025."]},
    )
    path = write(tmp_path, "note.docx", data)
    assert read_source(path, tmp_path).text.split("\n\n") == [
        "Capacity reached 40,000 wafers a month[^1]",
        "[^1]: Commission briefing, 4 April 2025.",
    ]
    [article] = read_and_split(path, tmp_path).draft.articles
    assert [(b.kind, b.text) for b in article.blocks][-1] == (
        "footnote",
        "[1] Commission briefing, 4 April 2025.",
    )


def test_word_endnotes_and_footnotes_are_numbered_in_one_series_as_they_are_referred_to(
    tmp_path: Path,
) -> None:
    # Word numbers foot- and endnotes apart, each from 1: read as they are, two notes would
    # both be "[^1]" and the text would point at the wrong source.
    data = _word_with_notes(
        [
            "Exports rose 12 percent{endnote:1} in March.",
            "The Ulsan plant opened{footnote:1} and hired 400 people{endnote:2}.",
        ],
        {
            "footnote": ["Company filing, 2 May 2025."],
            "endnote": ["Ministry of Trade data.", "Ulsan City press release."],
        },
    )
    path = write(tmp_path, "notes.docx", data)
    assert read_source(path, tmp_path).text.split("\n\n") == [
        "Exports rose 12 percent[^1] in March.",
        "The Ulsan plant opened[^2] and hired 400 people[^3].",
        "[^1]: Ministry of Trade data.",
        "[^2]: Company filing, 2 May 2025.",
        "[^3]: Ulsan City press release.",
    ]


def test_word_styles_based_on_each_other_in_a_loop_are_read_once_round(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Ulsan plans a hydrogen valley with 300 buses.")
    parts = docx_parts(document)
    # A damaged file: two house styles, each based on the other; the paragraph uses one.
    looped = "".join(
        f'<w:style w:type="paragraph" w:styleId="{name}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{base}"/></w:style>'
        for name, base in (("LoopA", "LoopB"), ("LoopB", "LoopA"))
    )
    parts["word/styles.xml"] = bytes(parts["word/styles.xml"]).replace(
        b"</w:styles>", looped.encode() + b"</w:styles>"
    )
    parts["word/document.xml"] = bytes(parts["word/document.xml"]).replace(
        b"<w:p>", b'<w:p><w:pPr><w:pStyle w:val="LoopA"/></w:pPr>', 1
    )
    path = write(tmp_path, "looped.docx", zip_bytes(parts))
    assert read_source(path, tmp_path).text == "Ulsan plans a hydrogen valley with 300 buses."


def test_a_word_document_cannot_read_other_files(tmp_path: Path) -> None:
    import docx

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph("Ulsan LEAK hydrogen buses")
    parts = docx_parts(document)
    xml = str(parts["word/document.xml"], "utf-8")
    declaration = xml.index("?>") + 2
    parts["word/document.xml"] = (
        xml[:declaration]
        + f'<!DOCTYPE d [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
        + xml[declaration:].replace("LEAK", "&leak;")
    )
    path = write(tmp_path, "leak.docx", zip_bytes(parts))
    text = read_source(path, tmp_path).text
    assert "Ulsan" in text and "TOP-SECRET-VALUE" not in text


@pytest.mark.parametrize("name", ["bomb.docx", "bomb.hwpx"])
def test_an_office_archive_that_unpacks_too_large_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr("generator.office.MAX_UNPACKED_BYTES", 10_000)
    path = write(tmp_path, name, zip_bytes({"Contents/section0.xml": "0" * 20_000}))
    with pytest.raises(SourceError, match="would unpack to 0 MB, over the 0 MB limit"):
        read_source(path, tmp_path)


@pytest.mark.parametrize("name", ["release.docx", "release.hwpx"])
def test_an_office_file_with_a_damaged_part_gives_one_line(tmp_path: Path, name: str) -> None:
    body = hwpx_paragraph("Ulsan hydrogen buses " * 200)
    path = tmp_path / "seeds" / name
    path.parent.mkdir()
    if name.endswith(".docx"):
        write_docx(path)
    else:
        path.write_bytes(hwpx_bytes(body))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        part = next(
            i
            for i in archive.infolist()
            if i.filename.endswith("document.xml") or i.filename.endswith("section0.xml")
        )
    start = part.header_offset + 30 + len(part.filename) + len(part.extra)
    data[start + 10 : start + 40] = bytes(30)  # inside the compressed stream
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as caught:
        read_source(path, tmp_path)
    assert str(caught.value).startswith(f"seeds/{name}: ") and "damaged" in str(caught.value)


def test_a_pdf_headline_wrapped_early_stays_one_line() -> None:
    # Body lines run to about 95 characters; the headline's larger type wraps at 62.
    body = [
        "Fukuoka Prefecture and the Kyushu Bureau of Economy, Trade and Industry said on Tuesday that",
        "Kumamoto will host a second semiconductor training centre as TSMC's joint venture JASM opens",
        "its second fab in Kikuyo in 2027, and that the centre would train 1,200 engineers a year.",
    ]
    page = "\n".join(
        ["Kumamoto to host second semiconductor training centre as JASM", "expands", *body]
    )
    assert reflow_pdf_lines(page.split("\n")).split("\n\n") == [
        "Kumamoto to host second semiconductor training centre as JASM expands",
        " ".join(body),
    ]


def test_wrapped_chinese_and_japanese_lines_join_without_a_space() -> None:
    # They break lines anywhere, a word or a number included; Korean and English at spaces.
    page = ["成渝地区双城经济圈建设加快推进，两地", "共同发布重点项目，总投资120亿", "元。"]
    assert (
        reflow_pdf_lines(page)
        == "成渝地区双城经济圈建设加快推进，两地共同发布重点项目，总投资120亿元。"
    )
    assert (
        reflow_pdf_lines(["医療費は全国が2019年、", "病床数は2017年。"])
        == "医療費は全国が2019年、病床数は2017年。"
    )
    assert (
        reflow_pdf_lines(["경상북도는 21일 투자", "협약을 체결했다."])
        == "경상북도는 21일 투자 협약을 체결했다."
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b"  \n\n\t \n", "the file is empty"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        ("archive.md", b"PK\x03\x04" + bytes(200), "ZIP archive"),
        ("noise.txt", bytes(range(256)) * 8, "NUL bytes"),
        ("fake.pdf", b"just some text, not a pdf", "not a PDF file"),
        ("table.xlsx", b"whatever", "unsupported file type '.xlsx'"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "password-protected"),
        (
            "locked.hwpx",
            zip_bytes(
                {
                    "META-INF/manifest.xml": "<manifest><file-entry><encryption-data/>"
                    "</file-entry></manifest>",
                    "Contents/section0.xml": "\x8f\x02 encrypted bytes",
                }
            ),
            "the Hangul document is password-protected",
        ),
        ("cut.docx", b"PK\x03\x04" + bytes(200), "the Word document is damaged"),
        ("notes.docx", b"Meeting notes, saved with the wrong extension", "not a .docx document"),
        ("sheet.docx", zip_bytes({"a.csv": "year,tests"}), "holds no Word document"),
        ("odd.docx", zip_bytes({"[Content_Types].xml": "<Types/>"}), "Word document is damaged"),
        ("letter.hwpx", zip_bytes({"a.txt": "hello"}), "holds no Hangul document"),
        ("cut.hwpx", b"PK\x03\x04" + bytes(200), "the Hangul document is damaged"),
        ("bad.hwpx", zip_bytes({"Contents/section0.xml": "<hs:sec"}), "Hangul document is damaged"),
        ("cut.hwp", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "the Hangul document is damaged"),
        ("v3.hwp", b"HWP Document File V3.00 \x1a\x01\x02\x03\x04\x05", "not a Hangul 5 document"),
        (
            "named.hwp",
            zip_bytes({"mimetype": "application/hwp+zip"}),
            "an HWPX document named .hwp",
        ),
        ("locked.hwp", hwp_bytes(hwp_paragraph("text"), flags=1 | 2), "password-protected"),
        ("shared.hwp", hwp_bytes(hwp_paragraph("text"), flags=1 | 4), "a distribution copy"),
        ("sheet.hwp", compound_file({"Workbook": b"\x09\x08"}), "not a Hangul document"),
        ("old.doc", doc_bytes([doc_paragraph("text")], version=0x0068), "Word 6 or Word 95"),
        (
            "w6.doc",
            doc_bytes([doc_paragraph("t")], version=0x65, ident=0xA5DC),
            "Word 6 or Word 95",
        ),
        (
            "shared.doc",
            doc_bytes([doc_paragraph("Pieces on the same bytes")], piece_copies=500),
            "more text than the file holds",
        ),
        ("locked.doc", doc_bytes([doc_paragraph("text")], flags=0x0300), "password-protected"),
        (
            "locked2.doc",
            compound_file({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"x"}),
            "password-protected",
        ),
        ("sheet.doc", compound_file({"Workbook": b"\x09\x08"}), "not a Word document"),
        ("works.wps", compound_file({"CONTENTS": b"\x01\x00"}), "a Microsoft Works document"),
        ("hangul.doc", hwp_bytes(hwp_paragraph("text")), "a Hangul document"),
        ("named.doc", zip_bytes({"word/document.xml": "<w:document/>"}), "a .docx document"),
        ("notes.doc", b"Meeting notes, saved as .doc", "not a Word 97-2003 document"),
        ("cut.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "the Word document is damaged"),
        ("cut.odt", b"PK\x03\x04" + bytes(200), "the OpenDocument file is damaged"),
        ("cut.pptx", b"PK\x03\x04" + bytes(200), "the PowerPoint file is damaged"),
        ("sheet.pptx", zip_bytes({"xl/workbook.xml": "<w/>"}), "holds no PowerPoint presentation"),
        ("locked.pptx", compound_file({"EncryptedPackage": b"x"}), "password-protected"),
        ("bad.pptx", zip_bytes({"ppt/presentation.xml": "<p:pre"}), "PowerPoint file is damaged"),
        ("sheet.odt", zip_bytes({"a.csv": "year"}), "holds no OpenDocument text"),
        ("bad.odt", zip_bytes({"content.xml": "<office:document"}), "OpenDocument file is damaged"),
        (
            "locked.odt",
            zip_bytes({"META-INF/manifest.xml": "<m><encryption-data/></m>", "content.xml": "x"}),
            "password-protected",
        ),
        ("note.eml", b"Just some notes, no headers at all.\n", "not a saved email"),
        (
            "images.eml",
            b"Subject: Banner\r\nContent-Type: text/html\r\n\r\n<img src=x.png>",
            "no text found in the email",
        ),
        ("page.mhtml", b"Subject: x\r\nContent-Type: text/plain\r\n\r\nhi", "no web page"),
    ],
)
def test_broken_inputs_give_one_clear_line(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(SourceError) as caught:
        read_source(path, tmp_path)
    line = str(caught.value)
    assert line.startswith(f"seeds/{name}: ")
    assert message in line
    assert "\n" not in line


def test_a_50_mb_file_is_refused_at_once_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "seeds" / "dump.txt"
    path.parent.mkdir()
    with path.open("wb") as stream:  # sparse: 50 MB on paper, nothing to read in the test
        stream.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    with pytest.raises(SourceError) as caught:
        read_source(path, tmp_path)
    assert time.perf_counter() - started < 1.0
    assert str(caught.value) == (
        "seeds/dump.txt: file is 50 MB, over the 10 MB limit — split it into separate documents"
    )


def test_mixed_encodings_and_nul_bytes_are_decoded_best_effort_or_refused(tmp_path: Path) -> None:
    mixed = "Gyeongbuk plans “battery” growth.\n".encode() + "경상북도 이차전지\n".encode("cp949")
    path = write(tmp_path, "mixed.txt", mixed * 20)
    text = read_source(path, tmp_path).text
    assert "Gyeongbuk plans “battery”" in text and "경상북도 이차전지" in text
    nul = write(tmp_path, "nul.txt", b"Ulsan hydrogen\x00 port plan\n" * 50)
    try:
        assert "\x00" not in read_source(nul, tmp_path).text
    except SourceError as error:
        assert str(error).startswith("seeds/nul.txt: ")


def test_markdown_front_matter_gives_title_date_and_publisher(tmp_path: Path) -> None:
    path = tmp_path / "seeds" / "note.md"
    path.parent.mkdir()
    path.write_text(
        "---\ntitle: Chungbuk widens its battery corridor\ndate: 2025-03-11\n"
        "publisher: Regional Economy Weekly\ntags: [batteries]\n---\n\n"
        "Chungcheongbuk-do announced a KRW 1.2 trillion plan.\n",
        encoding="utf-8",
    )
    source = read_source(path, tmp_path)
    assert (source.title, source.date, source.publisher) == (
        "Chungbuk widens its battery corridor",
        "2025-03-11",
        "Regional Economy Weekly",
    )
    assert source.text.startswith("# Chungbuk widens its battery corridor\n\nChungcheongbuk-do")
    assert "tags:" not in source.text and "---" not in source.text


@pytest.mark.parametrize(
    "text",
    [
        "---\n\nA paragraph between two rules.\n\n---\n\nMore text.\n",  # rules, not YAML
        "---\ntitle: [unclosed\n---\nText.\n",  # broken YAML stays text
        "---\n!!python/object/apply:os.system [echo]\n---\nText.\n",  # never run
    ],
)
def test_lines_between_rules_that_are_not_front_matter_stay_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "note.md"
    path.write_text(text, encoding="utf-8")
    source = read_source(path, tmp_path)
    assert source.text.startswith("---") and source.title is None


@pytest.mark.parametrize(
    ("head", "meta_line", "author"),
    [
        # Extraction drops a "meta" paragraph as page furniture; the byline in it is read.
        (
            "",
            '<p class="meta">Dresden, 12 June 2025 &middot; By J&uuml;rgen M&uuml;ller</p>',
            "Jürgen Müller",
        ),
        ('<meta name="author" content="Kim Min-ji">', "", "Kim Min-ji"),
        # Metadata naming no person ("admin", a desk) gives no author.
        ('<meta name="author" content="admin">', "", None),
    ],
)
def test_a_web_pages_byline_names_the_author(
    tmp_path: Path, head: str, meta_line: str, author: str | None
) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: Chinese battery maker CATL will expand its cell plant in Arnstadt, "
        f"Thuringia, raising annual capacity to {n * 4} GWh by 2027, the ministry said.</p>"
        for n in range(1, 5)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>News</title>{head}</head>
<body><article><h1>CATL expands its Thuringia battery plant</h1>{meta_line}{paragraphs}</article>
</body></html>"""
    path = write(tmp_path, "page.html", page.encode())
    [article] = read_and_split(path, tmp_path).draft.articles
    assert (article.author.name if article.author else None) == author
    assert article.title == "CATL expands its Thuringia battery plant"
    assert "Paragraph 1:" in article.blocks[0].text


@pytest.mark.parametrize(
    ("under_headline", "subtitles"),
    [
        # The page's header holds the deck, which extraction drops with it.
        (
            "<h2>Plant to make 40 GWh of cells a year by 2027</h2>",
            ("Plant to make 40 GWh of cells a year by 2027",),
        ),
        (
            '<div class="article-subhead">Plant to make 40 GWh of cells a year by 2027</div>',
            ("Plant to make 40 GWh of cells a year by 2027",),
        ),
        # Inside a wrapper: the deck is the heading, not the wrapper's text.
        (
            '<div class="article-head"><h2>Plant to make 40 GWh of cells a year by 2027</h2></div>',
            ("Plant to make 40 GWh of cells a year by 2027",),
        ),
        # Not marked as a deck: share links are no subtitle.
        ('<div class="share">Facebook X LinkedIn Copy link</div>', ()),
        # A byline is the author, not a deck.
        ("<h3>By Park Ji-won</h3>", ()),
    ],
)
def test_a_web_pages_deck_under_its_headline_is_its_subtitle(
    tmp_path: Path, under_headline: str, subtitles: tuple[str, ...]
) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {n}: Chinese battery maker CATL will expand its cell plant in Arnstadt, "
        f"Thuringia, raising annual capacity to {n * 4} GWh by 2027, the ministry said.</p>"
        for n in range(1, 5)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>News</title></head>
<body><main><article><h1>CATL expands its Thuringia battery plant</h1>{under_headline}
<div class="date">Published : Nov. 18, 2026 - 14:32</div>
<div class="article-body">{paragraphs}</div></article></main></body></html>"""
    path = write(tmp_path, "page.html", page.encode())
    [article] = read_and_split(path, tmp_path).draft.articles
    assert article.title == "CATL expands its Thuringia battery plant"
    assert article.subtitles == subtitles
    assert article.blocks[0].text.startswith("Paragraph 1:")


def test_a_chinese_web_pages_deck_is_counted_in_its_words(tmp_path: Path) -> None:
    # An unspaced deck is one token: its length is counted as word_count counts words.
    paragraphs = "".join(
        f"<p>成都市经济和信息化局{n}日发布通知，支持企业建设智能工厂，单个项目最高补助500万元。</p>"
        for n in range(1, 5)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>通知</title></head>
<body><main><article><h1>成都发布智能工厂支持政策</h1><h2>单个项目最高补助五百万元</h2>
<div class="article-body">{paragraphs}</div></article></main></body></html>"""
    path = write(tmp_path, "page.html", page.encode())
    [article] = read_and_split(path, tmp_path).draft.articles
    assert article.subtitles == ("单个项目最高补助五百万元",)


def test_a_korean_page_quoting_hanja_keeps_the_threshold_of_spaced_text() -> None:
    # Hangul is spaced: a page of it with a few Han characters is not a dense Chinese page.
    from generator.readers import _page_tree, _written_in_characters

    korean = "<p>韓中 경제협력 포럼이 서울에서 열렸다. 中 대사와 美 기업인이 참석했다.</p>"
    chinese = "<p>成都市经济和信息化局发布通知，支持企业建设智能工厂。Chengdu</p>"
    assert not _written_in_characters(_page_tree(f"<html><body>{korean}</body></html>"))
    assert _written_in_characters(_page_tree(f"<html><body>{chinese}</body></html>"))


def test_a_heading_deeper_than_markdown_has_is_written_at_its_deepest() -> None:
    from generator.office import markdown_from_blocks

    assert markdown_from_blocks([(1, "Plan"), (12, "Detail"), (None, "Text")]) == (
        "# Plan\n\n###### Detail\n\nText"
    )


def test_a_web_pages_date_is_the_one_printed_under_its_headline(tmp_path: Path) -> None:
    # No date in the markup; the byline prints it. A search of the free text would read the
    # bare year in the body ("2025년") as the first of January.
    paragraphs = "".join(
        f"<p>충청북도는 청주시 오창에 배터리 실증단지를 조성한다고 밝혔다. 2025년 안에 {n}단계"
        " 설비를 갖추고 2028년까지 시험 설비를 늘린다.</p>"
        for n in range(1, 5)
    )
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>뉴스</title></head>
<body><article><h1>충북, 오창에 차세대 배터리 실증단지 조성</h1>
<p class="byline">이서연 기자 · 2025년 6월 3일 14:20</p>{paragraphs}</article></body></html>"""
    path = write(tmp_path, "page.html", page.encode())
    ingested = read_and_split(path, tmp_path)
    assert ingested.draft.date == "2025-06-03"
    assert [a.date for a in ingested.draft.articles] == ["2025-06-03"]


def test_a_web_pages_layout_tables_are_read_as_its_blocks(tmp_path: Path) -> None:
    # An older site sets the whole page in nested tables; a data table without header cells
    # (cells holding paragraphs, as an export from Hangul writes them) stays a table.
    story = (
        "<p>Gangwon-do said on Monday it will build a hydrogen refuelling network along the "
        "East Sea coast, with twenty stations in Gangneung, Donghae and Samcheok by 2028.</p>"
    )
    data = "<table><tr><td><p>2027</p></td><td><p>12 stations</p></td></tr>" + (
        "<tr><td><p>2028</p></td><td><p>20 stations</p></td></tr></table>"
    )
    html = (
        '<html><body><table width="100%"><tr><td><table><tr><td>'
        f"<h1>Gangwon builds a coastal hydrogen network</h1>{story}{story}"
        f"<h2>Stations by year</h2>{data}</td></tr></table></td></tr></table></body></html>"
    )
    text = read_source(write(tmp_path, "page.html", html.encode()), tmp_path).text
    assert "## Stations by year" in text
    assert "| 2028 | 20 stations |" in text
    assert not any(line.startswith("|") and "Gangwon-do said" in line for line in text.split("\n"))


def test_a_declared_charset_is_read_as_the_superset_mail_means_by_it() -> None:
    # "똠" is in CP949 only: mail labelled EUC-KR (or Outlook's ks_c_5601-1987) carries it.
    data = "똠방각하 경남".encode("cp949")
    assert decode_declared("a.eml", data, "euc-kr") == ("똠방각하 경남", "cp949")
    assert decode_declared("a.eml", data, "ks_c_5601-1987") == ("똠방각하 경남", "cp949")
    # A label that names no codec, or the wrong one, is detected instead.
    assert decode_declared("a.eml", "Düsseldorf".encode(), "x-unknown")[0] == "Düsseldorf"
    assert decode_declared("a.eml", "Düsseldorf".encode(), "us-ascii")[0] == "Düsseldorf"
    assert decode_declared("a.eml", b"plain text", "utf\0-8") == ("plain text", "utf-8")


def test_an_email_with_a_plain_body_only_is_titled_by_its_subject(tmp_path: Path) -> None:
    data = (
        b'From: "Busan Metropolitan City" <intl@busan.go.kr>\r\n'
        b"Subject: Re: Fwd: Busan and Shanghai renew port cooperation\r\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0900\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Busan and Shanghai renewed their port cooperation agreement on Monday.\r\n"
    )
    source = read_source(write(tmp_path, "busan.eml", data), tmp_path)
    assert (source.title, source.publisher, source.date, source.format) == (
        "Busan and Shanghai renew port cooperation",
        "Busan Metropolitan City",
        "2026-11-02",
        "email",
    )
    assert source.text.startswith("# Busan and Shanghai renew port cooperation\n\nBusan and")


def test_a_gmail_forward_gives_the_forwarded_messages_sender_date_and_subject() -> None:
    text = (
        "FYI\n\n---------- Forwarded message ---------\n"
        "From: Daegu Investment <invest@daegu.go.kr>\n"
        "Date: Tue, Nov 3, 2026 at 9:12 AM\n"
        "Subject: [News] Daegu robot cluster\nTo: <me@example.org>\n\n"
        "Daegu named its robot cluster on Tuesday."
    )
    body, forwarded = without_forward_headers(text)
    assert body == "Daegu named its robot cluster on Tuesday."
    assert forwarded == Forwarded(
        "Daegu Investment", "Tue, Nov 3, 2026 at 9:12 AM", "Daegu robot cluster"
    )
    # A rule with no header block under it forwards nothing.
    assert without_forward_headers("Text\n________\nMore text") == (
        "Text\n________\nMore text",
        None,
    )


def test_an_outlook_forward_drawn_under_a_rule_is_found_by_its_header_block() -> None:
    # Outlook's HTML draws a rule, not a mark line; extraction leaves its fields in bold.
    text = (
        "FYI – see the release below.\n\nRegards, Park\n\n"
        "**From:** Daegu Investment Promotion \\<invest@daegu.go.kr>\n\n"
        "**Sent:** Tuesday, November 3, 2026 9:12 AM\n\n**To:** press@kiet.re.kr\n\n"
        "**Subject:** \\[Press release\\] Daegu names Dalseong robot cluster\n\n"
        "# Daegu names Dalseong robot cluster\n\nDaegu named its robot cluster."
    )
    body, forwarded = without_forward_headers(text)
    assert body == "# Daegu names Dalseong robot cluster\n\nDaegu named its robot cluster."
    assert forwarded == Forwarded(
        "Daegu Investment Promotion",
        "Tuesday, November 3, 2026 9:12 AM",
        "Daegu names Dalseong robot cluster",
    )
    # A "From:" line with no date and subject under it is text, not a forward.
    letter = "From: the Governor's office\n\nThe province will invest more."
    assert without_forward_headers(letter) == (letter, None)


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Fwd: RE: [보도자료] 충남도, 베트남 박닌성과 협약", "충남도, 베트남 박닌성과 협약"),
        ("【通知】关于 成渝 地区 合作", "关于 成渝 地区 合作"),
        # Unspaced Chinese: words as word_count counts them, every two characters one.
        ("【通知】关于开展2026年智能制造试点工作的通知", "关于开展2026年智能制造试点工作的通知"),
        ("[MOTIE Weekly] No. 45", "[MOTIE Weekly] No. 45"),  # no headline after the tag
        ("Re:", None),
    ],
)
def test_a_subject_loses_reply_marks_and_a_tag_before_its_headline(
    subject: str, title: str | None
) -> None:
    assert clean_subject(subject) == title


@pytest.mark.parametrize("compressed", [1, 0], ids=["deflated", "stored"])
def test_a_hangul_binary_document_is_read_in_order_as_markdown(
    tmp_path: Path, compressed: int
) -> None:
    # A release as Hangul saves one: a page header, the label and fields drawn as a table,
    # the headline, a deck, body paragraphs, one with a footnote.
    note = hwp_record(HWP_CTRL_HEADER, 1, b"  nf") + hwp_record(HWP_LIST_HEADER, 2, bytes(8))
    note += hwp_paragraph("국비 200억 원 포함", 2)
    body = (
        hwp_header_footer("바탕쪽 문구", "secd")  # the section's definition, its master page
        + hwp_header_footer("경상북도 보도자료")
        + hwp_table([["보도자료", "경상북도"], ["보도일시", "2025. 6. 10.(화) 11:00"]])
        + hwp_paragraph("경북도, 포항에 이차전지 재활용 실증센터 유치")
        + hwp_paragraph("- 총사업비 300억 원 투입, 2027년 완공 목표 -")
        + hwp_paragraph("□ 경상북도는 10일 실증센터를 유치했다고 밝혔다.")
        + hwp_paragraph(
            "ㅇ 사업비는 300억 원이다.", controls=note, anchors="\x11" + "\0" * 6 + "\x11"
        )
        + hwp_header_footer("- 1 -", "foot")
    )
    summary = hwp_summary("경북도 보도자료", datetime.datetime(2025, 6, 9, 8))
    path = write(tmp_path, "release.hwp", hwp_bytes(body, compressed, summary))
    source = read_source(path, tmp_path)
    assert (source.format, source.title, source.date) == ("hwp", "경북도 보도자료", "2025-06-09")
    assert source.text == (
        "| 보도자료 | 경상북도 |\n| 보도일시 | 2025. 6. 10.(화) 11:00 |\n\n"
        "경북도, 포항에 이차전지 재활용 실증센터 유치\n\n"
        "- 총사업비 300억 원 투입, 2027년 완공 목표 -\n\n"
        "□ 경상북도는 10일 실증센터를 유치했다고 밝혔다.\n\n"
        "ㅇ 사업비는 300억 원이다.[^1]\n\n[^1]: 국비 200억 원 포함"
    )


def test_controls_nested_past_any_real_depth_are_cut_off_not_a_crash(tmp_path: Path) -> None:
    nested = b"".join(
        hwp_record(HWP_CTRL_HEADER, level + 1, b" lbt")
        + hwp_record(HWP_LIST_HEADER, level + 2, b"")
        for level in range(0, 800, 2)
    )
    body = hwp_paragraph("경북도", 0, nested) + hwp_paragraph("끝")
    path = write(tmp_path, "deep.hwp", hwp_bytes(body))
    assert read_source(path, tmp_path).text == "경북도\n\n끝"


def _forwarded_as_attachment(message: bytes, times: int) -> bytes:
    """A message attached to a two-word covering note, that to another, times times."""
    for number in range(times):
        boundary = f"B{number}".encode()
        message = (
            b"Subject: cover\r\nDate: Tue, 03 Nov 2026 10:00:00 +0900\r\n"
            b"Content-Type: multipart/mixed; boundary="
            + boundary
            + b"\r\n\r\n--"
            + boundary
            + b"\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--"
            + boundary
            + b"\r\nContent-Type: message/rfc822\r\n\r\n"
            + message
            + b"\r\n--"
            + boundary
            + b"--\r\n"
        )
    return message


def test_a_message_forwarded_as_an_attachment_is_read_and_deep_nesting_refused(
    tmp_path: Path,
) -> None:
    inner = (
        b"Subject: Busan and Shanghai renew port cooperation\r\n"
        b"Date: Mon, 02 Nov 2026 10:00:00 +0900\r\nContent-Type: text/plain\r\n\r\n"
        b"Busan and Shanghai renewed their port cooperation agreement.\r\n"
    )
    path = write(tmp_path, "fwd.eml", _forwarded_as_attachment(inner, 1))
    source = read_source(path, tmp_path)
    assert (source.title, source.date) == (
        "Busan and Shanghai renew port cooperation",
        "2026-11-02",
    )
    # Nested past what the standard library's parser follows: one line, never a crash.
    path = write(tmp_path, "deep.eml", _forwarded_as_attachment(inner, 400))
    with pytest.raises(SourceError, match="nests messages too deeply"):
        read_source(path, tmp_path)


def test_an_unspaced_chinese_email_body_is_the_document_not_a_covering_note(
    tmp_path: Path,
) -> None:
    # A hundred and fifty characters of Chinese are one spaced token but seventy words; a
    # covering note is sixty words at most, so this body is the notice, the form attached.
    body = (
        "成都市经济和信息化局发布通知，支持企业建设智能工厂，单个项目最高补助500万元。"
        "申报企业须在2026年12月15日前提交材料，经专家评审后公布名单。"
        "入选项目将获得市级财政资金支持，并优先推荐申报国家级智能制造示范工厂。"
        "各区县经济和信息化部门负责组织本地区企业申报，并对申报材料的真实性进行审核。"
    )
    message = (
        "Subject: 关于开展2026年智能工厂申报工作的通知\r\n"
        "Date: Tue, 03 Nov 2026 10:00:00 +0800\r\n"
        'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\n'
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{body}\r\n--B\r\nContent-Type: text/plain\r\n"
        'Content-Disposition: attachment; filename="form.txt"\r\n\r\n'
        "Application form: company name, address, project.\r\n--B--\r\n"
    ).encode()
    source = read_source(write(tmp_path, "notice.eml", message), tmp_path)
    assert source.title == "关于开展2026年智能工厂申报工作的通知"
    assert "成都市经济和信息化局发布通知" in source.text
    assert "Application form" not in source.text


def test_a_damaged_email_gives_one_line_never_a_crash(tmp_path: Path) -> None:
    message = (
        b'From: "Busan City" <intl@busan.go.kr>\r\nSubject: =?utf-8?q?Busan_port?=\r\n'
        b"Date: Mon, 02 Nov 2026 10:00:00 +0900\r\n"
        b'Content-Type: multipart/alternative; boundary="B"\r\n\r\n--B\r\n'
        b'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + base64.encodebytes(b"Busan and Shanghai renewed their port agreement.")
        + b'\r\n--B\r\nContent-Type: text/html; charset="euc-kr"\r\n'
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n<p>Busan=20port</p>\r\n--B--\r\n"
    )
    rng = random.Random(5)
    for number in range(300):
        data = bytearray(message)
        for _ in range(rng.randint(1, 20)):
            data[rng.randrange(len(data))] = rng.choice([rng.randrange(256), *b'=;"\n?<(\0'])
        path = write(tmp_path, f"damaged{number}.eml", bytes(data))
        try:
            read_source(path, tmp_path)
        except SourceError as error:
            assert str(error).startswith(f"seeds/damaged{number}.eml: ") and "\n" not in str(error)


ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def odt_bytes(body: str, title: str = "", date: str = "", styles: str = "") -> bytes:
    """An OpenDocument text as LibreOffice saves one: its mimetype, content and meta parts;
    styles: the content's automatic styles."""
    content = (
        f"<office:document-content {ODT_NAMESPACES}>"
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    meta = (
        f"<office:document-meta {ODT_NAMESPACES}><office:meta><dc:title>{title}</dc:title>"
        f"<dc:date>{date}</dc:date></office:meta></office:document-meta>"
    )
    return zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": content,
            "meta.xml": meta,
        }
    )


def test_an_opendocument_text_is_read_in_order_as_markdown(tmp_path: Path) -> None:
    body = (
        '<text:p text:style-name="Title">Saxony courts Korean battery makers</text:p>'
        '<text:p>Saxony opened<text:s text:c="3"/>an office in <text:span>Dresden</text:span>'
        ' (see <text:bookmark-ref text:ref-name="r1">Annex 2</text:bookmark-ref>)'
        "<text:note><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>Wilsdruffer Strasse.</text:p></text:note-body></text:note>"
        "<office:annotation><text:p>check this</text:p></office:annotation>.</text:p>"
        '<text:h text:outline-level="1">Who takes part</text:h>'
        "<text:list><text:list-item><text:p>Samsung SDI suppliers</text:p></text:list-item>"
        "<text:list-item><text:p>SK On suppliers</text:p></text:list-item></text:list>"
        "<table:table><table:table-row><table:table-cell><text:p>Year</text:p></table:table-cell>"
        "<table:table-cell><text:p>Firms</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>2027</text:p></table:table-cell>"
        "<table:table-cell><text:p>12</text:p></table:table-cell></table:table-row></table:table>"
        "<text:section><text:p>Contact: WFS<draw:frame><draw:text-box><text:p>Boxed note</text:p>"
        "</draw:text-box></draw:frame></text:p></text:section>"
    )
    path = write(tmp_path, "saxony.odt", odt_bytes(body, "Saxony office", "2026-11-19T10:00:00"))
    source = read_source(path, tmp_path)
    assert (source.format, source.title, source.date) == ("odt", "Saxony office", "2026-11-19")
    assert source.text == (
        "# Saxony courts Korean battery makers\n\n"
        "Saxony opened an office in Dresden (see Annex 2)[^1].\n\n## Who takes part\n\n"
        "- Samsung SDI suppliers\n\n- SK On suppliers\n\n| Year | Firms |\n| 2027 | 12 |\n\n"
        "Contact: WFS\n\nBoxed note\n\n[^1]: Wilsdruffer Strasse."
    )


# A release as Word 97 saves one, made here: styles for its title and headings (Word's own,
# one named so, one based on a heading), a field, a footnote, a table, a list and an outline.
WORD_STYLES = (
    ("Normal", 0, 0x0FFF),
    ("heading 1", 1, 0),
    ("Title", 62, 0),
    ("Release heading", 0x0FFE, 1),
    ("Heading 3", 0x0FFE, 0),
)
WORD_RELEASE = [
    doc_paragraph("Chungnam press release", 2),
    doc_paragraph("Hydrogen plant for Dangjin", 1),
    doc_paragraph(
        'Chungcheongnam-do signed\x02 a deal on \x13 HYPERLINK "https://x.kr" \x14the plant'
        "\x15 today \u2013 the province said.\x0bIt opens in 2029."
    ),
    *doc_row(["Year", "MW"]),
    *doc_row(["2027", "80"]),
    doc_paragraph("Next steps", 3),
    doc_paragraph("Permits", 4),
    doc_paragraph("Build the plant", sprms=b"\x0b\x46\x01\x00"),  # numbered (sprmPIlfo)
    doc_paragraph("Financing", sprms=b"\x40\x26\x01"),  # outline level 2 (sprmPOutLvl)
    doc_paragraph("\x01\x08Page \x13 PAGE \x14 3\x15\x0c"),  # a picture, a drawing, a break
]
WORD_MARKDOWN = (
    "# Chungnam press release\n\n## Hydrogen plant for Dangjin\n\n"
    "Chungcheongnam-do signed[^1] a deal on the plant today \u2013 the province said. "
    "It opens in 2029.\n\n| Year | MW |\n| 2027 | 80 |\n\n## Next steps\n\n#### Permits\n\n"
    "- Build the plant\n\n### Financing\n\nPage 3\n\n[^1]: KRW 320 billion."
)


@pytest.mark.parametrize(
    ("pieces", "name"), [("u", "r.doc"), ("c", "r.doc"), ("cu", "r.wps"), ("ucu", "r.doc")]
)
def test_a_word_97_document_is_read_in_order_as_markdown(
    tmp_path: Path, pieces: str, name: str
) -> None:
    # One piece or several, stored one byte per character or in UTF-16, out of order in the
    # file as a fast save leaves them: the same text. WPS Writer saves the same format as .wps.
    summary = hwp_summary("Chungnam release", datetime.datetime(2026, 11, 12, 9), 1252)
    data = doc_bytes(WORD_RELEASE, WORD_STYLES, ("KRW 320 billion.",), pieces, summary=summary)
    source = read_source(write(tmp_path, name, data), tmp_path)
    assert (source.format, source.title, source.date) == ("doc", "Chungnam release", "2026-11-12")
    assert source.text == WORD_MARKDOWN


def test_a_korean_word_97_document_reads_its_style_names_and_summary_code_page(
    tmp_path: Path,
) -> None:
    styles = (("바탕글", 0, 0x0FFF), ("제목 1", 0x0FFE, 0), ("标题 2", 0x0FFE, 0))
    release = [
        doc_paragraph("충남, 당진에 수소 발전소 유치", 1),
        doc_paragraph("충청남도는 12일 협약을 체결했다고 밝혔다."),
        doc_paragraph("추진 계획", 2),
        doc_paragraph("2027년 착공"),
    ]
    summary = hwp_summary("충남 보도자료", datetime.datetime(2026, 11, 12, 9), 949)
    source = read_source(
        write(tmp_path, "k.doc", doc_bytes(release, styles, summary=summary)), tmp_path
    )
    assert source.title == "충남 보도자료"
    assert source.text == (
        "# 충남, 당진에 수소 발전소 유치\n\n충청남도는 12일 협약을 체결했다고 밝혔다.\n\n"
        "## 추진 계획\n\n2027년 착공"
    )


def test_word_97_tables_in_cells_and_rows_marked_in_the_data_stream(tmp_path: Path) -> None:
    # A table in a cell (depth 2: its cells and rows end with marks of their own) reads into
    # the cell; a row whose properties outgrew their page keeps its row mark in the Data
    # stream, where sprmPHugePapx points.
    inner = DOC_IN_TABLE + struct.pack("<HI", 0x6649, 2)
    inner_cell = inner + struct.pack("<HB", 0x244B, 1)
    inner_row = inner_cell + struct.pack("<HB", 0x244C, 1)
    huge_row = DOC_IN_TABLE + struct.pack("<HI", 0x6646, 4)
    paragraphs = [
        *doc_row(["Year", "Plants"]),
        ("2027\x07", 0, DOC_IN_TABLE),
        ("Dangjin\x07", 0, inner_cell),
        ("Boryeong\x07", 0, inner_cell),
        ("\x07", 0, inner_row),
        ("\x07", 0, DOC_IN_TABLE),  # the outer cell's end, after the table in it
        ("\x07", 0, DOC_ROW_END),
        ("2028\x07", 0, DOC_IN_TABLE),
        ("Seosan\x07", 0, DOC_IN_TABLE),
        ("\x07", 0, huge_row),
        doc_paragraph("After the table."),
    ]
    extra = bytes(4) + struct.pack("<H", 3) + struct.pack("<HB", 0x2417, 1)
    data = doc_bytes(paragraphs, data=extra)
    source = read_source(write(tmp_path, "nested.doc", data), tmp_path)
    assert source.text == (
        "| Year | Plants |\n| 2027 | Dangjin Boryeong |\n| 2028 | Seosan |\n\nAfter the table."
    )


def test_word_97_text_outside_the_bmp_keeps_later_marks_in_place(tmp_path: Path) -> None:
    # 𠮷 (Extension B) takes two CPs: a table row's mark and a note's reference after it are
    # where the file says.
    paragraphs = [
        *doc_row(["𠮷野家", "Busan"]),
        doc_paragraph("𠮷野家 opened a plant\x02 in Busan."),
    ]
    data = doc_bytes(paragraphs, footnotes=("KRW 10 billion.",))
    source = read_source(write(tmp_path, "wide.doc", data), tmp_path)
    assert source.text == (
        "| 𠮷野家 | Busan |\n\n𠮷野家 opened a plant[^1] in Busan.\n\n[^1]: KRW 10 billion."
    )


@pytest.mark.parametrize("huge", [0x6646, 0x6645])
def test_word_97_sprms_of_every_size_are_read_past(tmp_path: Path, huge: int) -> None:
    # A row mark whose tab stops are in sprmPChgTabs's long form before its row sprm, and one
    # whose properties are in the Data stream under either id of sprmPHugePapx.
    tabs = struct.pack("<HBBHHB", 0xC615, 255, 1, 720, 720, 1) + struct.pack("<HB", 1440, 0)
    row_end = tabs + DOC_ROW_END
    in_data = DOC_IN_TABLE + struct.pack("<HI", huge, 4)
    paragraphs = [
        ("Year\x07", 0, DOC_IN_TABLE),
        ("MW\x07", 0, DOC_IN_TABLE),
        ("\x07", 0, row_end),
        ("2027\x07", 0, DOC_IN_TABLE),
        ("80\x07", 0, DOC_IN_TABLE),
        ("\x07", 0, in_data),
        doc_paragraph("Heading 12 is no heading.", 1),
    ]
    extra = bytes(4) + struct.pack("<H", 3) + struct.pack("<HB", 0x2417, 1)
    styles = (("Normal", 0, 0x0FFF), ("Heading 123456789", 0x0FFE, 0))
    source = read_source(
        write(tmp_path, "t.doc", doc_bytes(paragraphs, styles, data=extra)), tmp_path
    )
    assert source.text == "| Year | MW |\n| 2027 | 80 |\n\nHeading 12 is no heading."


@pytest.mark.parametrize(
    ("name", "title", "date", "text"),
    [
        # Saved by LibreOffice 7.4 as "MS Word 97" from an OpenDocument file with a page
        # header and footer, a footnote, a link, a list and a table.
        (
            "chongqing_smart_factories_libreoffice.doc",
            "重庆市2026年智能制造工作要点",
            "2026-11-18",
            "# 重庆市推进智能制造 建成智能工厂150个\n\n"
            "2026年11月18日，重庆市经济和信息化委员会发布《重庆市2026年智能制造工作要点》，"
            "提出全年新建智能工厂150个、数字化车间800个。[^1]\n\n"
            "重庆长安汽车和赛力斯将在两江新区建设新能源汽车智能工厂，总投资120亿元。"
            "详见重庆市经济和信息化委员会网站。\n\n## 重点任务\n\n"
            "- 推动工业互联网平台建设，接入企业5000家。\n\n- 培育智能制造系统解决方案供应商50家。\n\n"
            "| 区县 | 智能工厂 | 数字化车间 |\n| 两江新区 | 40 | 200 |\n| 永川区 | 15 | 90 |\n\n"
            "联系人：市经济信息委智能制造处 023-63890000\n\n[^1]: 数据来源：重庆市经济和信息化委员会。",
        ),
        # Saved by LibreOffice 7.4 Impress from a deck python-pptx made on PowerPoint's
        # template: the title slide's title is a plain title there; its hidden slide and
        # speaker notes are left out.
        (
            "gyeongbuk_battery_deck_libreoffice.pptx",
            "Gyeongbuk battery investment briefing",
            "2026-11-20",
            "# Gyeongbuk battery investment briefing\n\n"
            "Gyeongsangbuk-do Investment Promotion Division · 20 November 2026\n\n## Why Pohang\n\n"
            "- Pohang hosts the Battery Regulation-Free Special Zone since 2019.\n\n"
            "- EcoPro and POSCO Future M produce cathode materials in Yeongil Bay.\n\n"
            "- KRW 2.6 trillion invested by 2025\n\n## Investment so far\n\n"
            "| Company | Site | Investment |\n| EcoPro | Pohang | KRW 1.2 trillion |\n"
            "| POSCO Future M | Pohang | KRW 1.4 trillion |\n\n"
            "Contact: Gyeongbuk Investment Promotion Division, +82-54-880-0000",
        ),
    ],
)
def test_a_document_saved_by_libreoffice_is_read_as_markdown(
    tmp_path: Path, name: str, title: str, date: str, text: str
) -> None:
    source = read_source(
        write(tmp_path, name, (FIXTURES / "new_documents" / name).read_bytes()), tmp_path
    )
    assert (source.title, source.date) == (title, date)
    assert source.text == text


@pytest.mark.parametrize(
    ("suffix", "good", "seed"),
    [
        (
            "hwp",
            hwp_bytes(hwp_table([["보도자료", "경상북도"]]) + hwp_paragraph("경북도 " * 40)),
            7,
        ),
        ("doc", doc_bytes(WORD_RELEASE, WORD_STYLES, ("KRW 320 billion.",), "cu"), 11),
    ],
)
def test_a_damaged_compound_document_gives_one_line_never_a_crash(
    tmp_path: Path, suffix: str, good: bytes, seed: int
) -> None:
    # A Hangul binary or a Word 97 document, damaged byte by byte and cut short.
    rng = random.Random(seed)
    for number in range(300):
        data = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        name = f"damaged{number}.{suffix}"
        path = write(tmp_path, name, bytes(data[: rng.randrange(600, len(data))]))
        try:
            read_source(path, tmp_path)
        except SourceError as error:
            assert str(error).startswith(f"seeds/{name}: ") and "\n" not in str(error)


def test_a_summary_claiming_billions_of_values_is_read_past(tmp_path: Path) -> None:
    # A damaged summary's title typed as a vector of 2^31 doubles: a parser that walks it
    # never ends; the title is left unread and the document read.
    value = struct.pack("<II", 0x1005, 0x7FFFFFFF)
    section = struct.pack("<IIII", 16 + len(value), 1, 2, 16) + value
    summary = struct.pack("<HHI16sI", 0xFFFE, 0, 0, bytes(16), 1) + bytes(16)
    summary += struct.pack("<I", 48) + section
    data = doc_bytes([doc_paragraph("Hydrogen plant for Dangjin")], summary=summary)
    source = read_source(write(tmp_path, "vector.doc", data), tmp_path)
    assert (source.title, source.text) == (None, "Hydrogen plant for Dangjin")


def test_a_powerpoint_deck_reads_each_slide_title_as_a_heading(tmp_path: Path) -> None:
    # The title slide, a body of bullets (one turned off), a text box with its own bullets in
    # a group, a table with a spanned cell, a one-column table, the slide's date, footer and
    # number, a hidden slide; the slides are stored under names in reverse order.
    frame = pptx_table([["Pohang hosts the special zone since 2019."]])
    slides = [
        pptx_shape(["Gyeongbuk battery briefing"], "ctrTitle")
        + pptx_shape(["Investment Promotion Division"], "subTitle"),
        pptx_shape(["Pohang at a glance"], "title")
        + pptx_shape(["EcoPro makes cathodes in Pohang.", "KRW 2.6 trillion by 2025"], "")
        + pptx_shape(["Source: province"], "body", "<a:buNone/>")
        + "<p:grpSp>"
        + pptx_shape(["Port of Yeongil Bay"], None, "<a:buChar char='•'/>")
        + "</p:grpSp>"
        + pptx_shape(["20 November 2026"], "dt")
        + pptx_shape(["Gyeongsangbuk-do"], "ftr")
        + pptx_shape(["2"], "sldNum"),
        pptx_shape(["Draft"], "title") + pptx_shape(["Numbers to check"], "body"),
        pptx_table([["Company", "Investment", "Site"], ["EcoPro", "KRW 1.2 trillion", None]])
        + frame
        + pptx_shape(["Investment so far"], "title"),
    ]
    # A hidden slide and a spanned cell in xsd:boolean's other spelling.
    slides = [slide.replace('hMerge="1"', 'hMerge="true"') for slide in slides]
    data = pptx_bytes(slides, "Battery briefing", "2026-11-20T09:00:00Z", 2, "false")
    source = read_source(write(tmp_path, "deck.pptx", data), tmp_path)
    assert (source.format, source.title, source.date) == ("pptx", "Battery briefing", "2026-11-20")
    assert source.text == (
        "# Gyeongbuk battery briefing\n\nInvestment Promotion Division\n\n"
        "## Pohang at a glance\n\n- EcoPro makes cathodes in Pohang.\n\n"
        "- KRW 2.6 trillion by 2025\n\nSource: province\n\n- Port of Yeongil Bay\n\n"
        "## Investment so far\n\n| Company | Investment | Site |\n| EcoPro | KRW 1.2 trillion |  |"
        "\n\nPohang hosts the special zone since 2019."
    )


def _damaged_archive(data: bytes, damage: str) -> bytes:
    """An archive's first part damaged as zipfile meets it in the wild: compressed by a method
    it does not know, flagged encrypted, or named in bytes that are not the UTF-8 it claims."""
    archive = bytearray(data)
    local, central = archive.find(b"PK\x03\x04"), archive.find(b"PK\x01\x02")
    if damage == "method":
        archive[local + 8 : local + 10] = archive[central + 10 : central + 12] = b"\x63\x00"
    elif damage == "encrypted":
        archive[local + 6] |= 1
        archive[central + 8] |= 1
    else:  # a name of bytes that are not UTF-8, flagged as UTF-8
        archive[central + 9] |= 0x08
        archive[central + 46] = 0xFF
    return bytes(archive)


@pytest.mark.parametrize("damage", ["method", "encrypted", "name"])
@pytest.mark.parametrize("name", ["release.docx", "release.hwpx", "release.odt", "deck.pptx"])
def test_an_office_archive_damaged_anywhere_gives_one_line(
    tmp_path: Path, name: str, damage: str
) -> None:
    if name.endswith(".docx"):
        write_docx(tmp_path / "sound.docx")
        sound = (tmp_path / "sound.docx").read_bytes()
    elif name.endswith(".hwpx"):
        sound = hwpx_bytes(hwpx_paragraph("경북도, 포항에 실증센터 유치"))
    elif name.endswith(".pptx"):
        sound = pptx_bytes([pptx_shape(["Pohang"], "title")])
    else:
        sound = odt_bytes("<text:p>Saxony opened an office.</text:p>")
    path = write(tmp_path, name, _damaged_archive(sound, damage))
    with pytest.raises(SourceError) as caught:
        read_source(path, tmp_path)
    assert str(caught.value).startswith(f"seeds/{name}: ") and "is damaged" in str(caught.value)


def test_an_opendocument_heading_set_as_a_styled_paragraph_is_a_heading(tmp_path: Path) -> None:
    # LibreOffice saves a page's first heading as a paragraph under an automatic style based
    # on "Heading 1" (here P1), and a house style may be based on a heading style (P2).
    styles = (
        '<style:style style:name="P1" style:family="paragraph" '
        'style:parent-style-name="Heading_20_1"/>'
        '<style:style style:name="Memo" style:family="paragraph" '
        'style:parent-style-name="Heading_20_2"/>'
        '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Memo"/>'
        '<style:style style:name="P3" style:family="paragraph" '
        'style:parent-style-name="Text_20_body"/>'
    )
    body = (
        '<text:p text:style-name="P1">Saxony courts Korean battery makers</text:p>'
        '<text:p text:style-name="P3">Saxony opened an office in Dresden.</text:p>'
        '<text:p text:style-name="P2">Who takes part</text:p>'
        '<text:p text:style-name="P3">Suppliers of Samsung SDI and SK On.</text:p>'
    )
    path = write(tmp_path, "lo.odt", odt_bytes(body, styles=styles))
    assert read_source(path, tmp_path).text == (
        "# Saxony courts Korean battery makers\n\nSaxony opened an office in Dresden.\n\n"
        "## Who takes part\n\nSuppliers of Samsung SDI and SK On."
    )


@pytest.mark.parametrize(
    ("text", "read"),
    [
        # A dash a bad conversion left as "?" between words is put back; a query string stays.
        ("new standards?from the ministry", "new standards—from the ministry"),
        ("see index.php?id=1 and ok?no", "see index.php?id=1 and ok—no"),
        # Word by word, beside a long run of unspaced Chinese as anywhere.
        ("成渝" * 3000 + " plans?for growth", "成渝" * 3000 + " plans—for growth"),
    ],
)
def test_a_dash_lost_to_a_question_mark_is_restored(tmp_path: Path, text: str, read: str) -> None:
    path = write(tmp_path, "doc.txt", text.encode())
    assert read_source(path, tmp_path).text.strip() == read
