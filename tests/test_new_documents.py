"""Documents of kinds the seeds lack, ingested with the shipped taxonomy: a ministry bulletin
with other items, a saved news page, a Markdown note, a CP949 text file, a PDF made here, and
a Word and a Hangul (HWPX) press release made here, and a Korean press release (EUC-KR) and a Chinese news
item (GBK) written in those languages.
Each must come out as proper articles with dates, entities and themes; unseen names are
suggested. The expectations were written from the documents' text, not from the output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fpdf import FPDF

from generator.build import Report, ingest
from generator.project import Project
from tests.helpers import ROOT, hwpx_bytes, hwpx_paragraph, hwpx_table

FIXTURES = Path(__file__).parent / "fixtures" / "new_documents"
PDF_TEXT = (
    "Gyeongnam smart factories reach 3,000\n\n"
    "Changwon, October 8, 2024. Gyeongsangnam-do said that 3,000 small manufacturers in "
    "Changwon, Gimhae and Geoje have installed smart factory systems since 2019, raising "
    "productivity by 28 percent on average. The province will spend KRW 60 billion next year "
    "on robots and AI quality inspection with the Korea Institute of Industrial Technology.\n\n"
    "Governor Park Wan-su said the programme would help 1,500 more companies by 2027."
)


def write_pdf(path: Path, text: str) -> None:
    """Typeset text into a real PDF with a text layer, as an office suite would."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(0, 6, text)
    pdf.output(str(path))


def write_docx(path: Path) -> None:
    """A ministry press release as Word writes one: the label and release date in a framed
    box above the title, a deck, body, a heading, bullets and a table."""
    import docx

    document = docx.Document()
    document.core_properties.title = "보도자료"
    document.sections[0].header.paragraphs[0].text = "Ministry of Trade, Industry and Energy"
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.text = "PRESS RELEASE"
    frame.add_paragraph("Release date: May 20, 2025 (Tue)")
    document.add_paragraph(
        "Chungbuk to host KRW 120 billion battery testing centre in Ochang", style="Title"
    )
    document.add_paragraph("- The centre will certify next-generation cells for 40 SMEs a year -")
    document.add_paragraph(
        "The Ministry of Trade, Industry and Energy (MOTIE) announced on May 20 that "
        "Chungcheongbuk-do will host a KRW 120 billion secondary battery testing and "
        "certification centre in Ochang, Cheongju. The centre will test solid-state cells for "
        "battery makers including LG Energy Solution and EcoPro BM."
    )
    document.add_heading("Why Ochang", level=1)
    document.add_paragraph("Budget: KRW 80 billion from the state", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Year", "Cell tests"), ("2028", "2,000")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.save(str(path))


GYEONGBUK_RELEASE = "".join(
    [
        hwpx_table([["보도일시", "2025. 6. 10.(화) 11:00", "담당부서", "배터리산업과"]]),
        hwpx_table([["경북도, 포항에 이차전지 재활용 실증센터 유치"]]),
        hwpx_paragraph("- 총사업비 300억 원 투입, 2027년 완공 목표 -"),
        hwpx_paragraph(
            "□ 경상북도는 10일 포항시 영일만 산업단지에 이차전지 재활용 실증센터를 "
            "유치했다고 밝혔다."
        ),
        hwpx_paragraph(
            "ㅇ 센터는 사용 후 배터리에서 리튬과 니켈을 회수하는 기술을 실증하며, "
            "에코프로 등 기업 20곳이 참여한다."
        ),
        hwpx_paragraph("향후 계획", style="2"),
        hwpx_paragraph("□ 경북도는 2027년까지 국비 200억 원과 도비 100억 원을 투입한다."),
        hwpx_table([["구분", "국비", "도비"], ["예산", "200억 원", "100억 원"]]),
    ]
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("new-documents")
    shutil.copytree(FIXTURES, root / "seeds")
    write_pdf(root / "seeds" / "gyeongnam_smart_factory.pdf", PDF_TEXT)
    write_docx(root / "seeds" / "motie_battery_centre.docx")
    (root / "seeds" / "gyeongbuk_recycling.hwpx").write_bytes(
        hwpx_bytes(GYEONGBUK_RELEASE, title="보도자료", modified="2025-06-09T08:00:00Z")
    )
    (root / "content").mkdir()
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", root / "content" / f"{kind}.yaml")
    result = ingest(Project(root))
    assert result.errors == []
    return result


def _briefings(report: Report, source: str) -> list:
    [publication] = [p for p in report.publications if p.document.source == f"seeds/{source}"]
    return list(publication.briefings)


def test_a_bulletin_of_other_items(report: Report) -> None:
    items = _briefings(report, "motie_news_august_2024.txt")
    assert [(b.date, b.title) for b in items] == [
        ("2024-08-07", "Korea and Vietnam agree to expand battery materials supply chains"),
        ("2024-08-05", "Vice Minister visits offshore wind farm in Ulsan"),
        ("2024-08-02", "Semiconductor cluster in Yongin secures water and power supply plan"),
    ]
    vietnam, ulsan, chips = items
    assert {"vietnam", "hanoi"} <= set(vietnam.tags["regions"])
    assert "lg-energy-solution" in vietnam.tags["companies"]
    assert {"batteries", "critical-minerals"} <= set(vietnam.tags["themes"])
    assert "ulsan" in ulsan.tags["regions"] and "renewable-energy" in ulsan.tags["themes"]
    assert {"samsung-electronics", "sk-hynix"} <= set(chips.tags["companies"])
    assert "semiconductors" in chips.tags["themes"] and "gyeonggi-do" in chips.tags["regions"]
    assert "KRW 622 trillion" in [f.value for f in chips.figures]


def test_a_saved_news_page_keeps_its_article_and_publisher(report: Report) -> None:
    [story] = _briefings(report, "jeonbuk_hydrogen_bus.html")
    [publication] = [p for p in report.publications if p.document.format == "html"]
    assert publication.publisher == "Regional Industry Daily"
    assert (
        story.date == "2024-09-12" and story.title == "Jeonbuk to build hydrogen bus plant in Wanju"
    )
    text = " ".join(p.text for p in story.article.paragraphs)
    for chrome in ("Share on", "Related articles", "Most read", "Log in", "Join us on social"):
        assert chrome not in text
    assert "jeollabuk-do" in story.tags["regions"] and "hyundai-motor" in story.tags["companies"]
    assert "hydrogen-energy" in story.tags["themes"]
    assert {"KRW 150 billion", "400 jobs"} <= {f.value for f in story.figures}


def test_a_markdown_note_splits_at_its_headings(report: Report) -> None:
    asan, cheonan = _briefings(report, "chungnam_display_forum.md")
    assert asan.title == "Asan display cluster plans new OLED line" and asan.date == "2024-10-15"
    assert "samsung-display" in asan.tags["companies"] and "displays" in asan.tags["themes"]
    assert "chungcheongnam-do" in asan.tags["regions"]
    assert cheonan.title == "Cheonan supports small display parts makers"
    assert "cheonan" in cheonan.tags["regions"]


def test_a_cp949_text_file_is_decoded_and_tagged(report: Report) -> None:
    [story] = _briefings(report, "gangwon_hydrogen_cp949.txt")
    assert (
        report.documents[
            [d.source for d in report.documents].index("seeds/gangwon_hydrogen_cp949.txt")
        ].encoding
        == "cp949"
    )
    assert story.date == "2024-11-04" and "강원특별자치도" in story.title
    assert "gangwon-do" in story.tags["regions"] and "hydrogen-energy" in story.tags["themes"]
    assert "KRW 280 billion" in [f.value for f in story.figures]


def test_a_pdf_is_reflowed_into_paragraphs(report: Report) -> None:
    [story] = _briefings(report, "gyeongnam_smart_factory.pdf")
    assert story.title == "Gyeongnam smart factories reach 3,000" and story.date == "2024-10-08"
    assert len(story.article.paragraphs) == 2
    assert {"gyeongsangnam-do", "changwon"} <= set(story.tags["regions"])
    assert "smart-manufacturing" in story.tags["themes"]
    assert "KRW 60 billion" in [f.value for f in story.figures]


def test_a_word_press_release_reads_its_title_date_deck_and_table(report: Report) -> None:
    [story] = _briefings(report, "motie_battery_centre.docx")
    assert story.title == "Chungbuk to host KRW 120 billion battery testing centre in Ochang"
    assert story.date == "2025-05-20"  # from "Release date:", above the title
    assert story.article.subtitles == (
        "The centre will certify next-generation cells for 40 SMEs a year",
    )
    assert {"chungcheongbuk-do", "cheongju"} <= set(story.tags["regions"])
    assert story.tags["companies"] == ("lg-energy-solution", "ecopro-bm")
    assert "motie" in story.tags["organizations"] and "batteries" in story.tags["themes"]
    assert "KRW 120 billion" in [f.value for f in story.figures]
    assert [p.kind for p in story.article.paragraphs][-2:] == ["list", "table"]


def test_a_hangul_press_release_reads_its_framed_title_fields_and_table(report: Report) -> None:
    [story] = _briefings(report, "gyeongbuk_recycling.hwpx")
    assert story.title == "경북도, 포항에 이차전지 재활용 실증센터 유치"
    assert story.date == "2025-06-10"  # the release field, not the file's last save
    assert story.article.subtitles == ("총사업비 300억 원 투입, 2027년 완공 목표",)
    assert {"gyeongsangbuk-do", "pohang"} <= set(story.tags["regions"])
    assert story.tags["companies"] == ("ecopro",)
    assert story.tags["themes"] == ("batteries",)
    assert "200억 원" in [f.value for f in story.figures]
    kinds = [p.kind for p in story.article.paragraphs]
    assert kinds == ["list", "list", "heading", "list", "table"]


def test_unseen_names_are_suggested_with_their_kind_and_role(report: Report) -> None:
    suggested = {(e.kind, e.name): e for e in report.suggested}
    assert ("companies", "Hanbit Materials") in suggested
    assert ("companies", "Doosan Fuel Cell") in suggested
    assert ("organizations", "Gangwon Hydrogen Promotion Agency") in suggested
    assert "GHPA" in suggested[("organizations", "Gangwon Hydrogen Promotion Agency")].aliases
    assert suggested[("people", "Kim Jin-tae")].fields["role"] == "governor"
    assert suggested[("people", "Park Wan-su")].fields["role"] == "governor"
    assert ("regions", "Wanju") in suggested


def test_a_korean_press_release_is_tagged_from_its_korean_names(report: Report) -> None:
    [story] = _briefings(report, "gyeongnam_hydrogen_euckr.txt")
    assert story.title == "경남도, 창원에 수소연료전지 부품 실증센터 착공"
    assert story.date == "2025-04-15"
    # 경상남도/경남도, 창원, 울산 and 충남 are named; 한다 ("does") and 위해 ("for") are
    # also the Korean names of a Japanese and a Chinese city, and tag nothing.
    regions = ("gyeongsangnam-do", "changwon", "ulsan", "chungcheongnam-do")
    assert story.tags["regions"] == regions
    assert story.tags["organizations"] == ("motie",)  # 산업통상자원부
    assert story.tags["themes"] == ("hydrogen-energy",)  # 수소 in its compounds
    assert "450억 원" in [f.value for f in story.figures]
    # The governor and the mayor, named before their titles (박완수 도지사, 홍남표 창원시장),
    # are suggested under their Hangul names and tagged.
    people = {e.id: e for e in report.suggested if e.kind == "people"}
    assert (people["bagwansu"].name, people["bagwansu"].fields["role"]) == ("박완수", "governor")
    assert people["hongnampyo"].fields["organization"] == "창원"
    assert story.tags["people"] == ("bagwansu", "hongnampyo")


def test_a_chinese_news_item_is_tagged_from_its_chinese_names(report: Report) -> None:
    [story] = _briefings(report, "chengdu_chongqing_hydrogen_gbk.txt")
    assert story.title == "四川省与重庆市签署氢能产业合作协议" and story.date == "2025-03-18"
    assert story.tags["regions"] == ("sichuan", "chongqing", "chengdu")
    assert story.tags["companies"] == ("byd",)  # 比亚迪
    assert story.tags["themes"] == ("hydrogen-energy",)
    assert {(f.value, f.about) for f in story.figures} >= {("1万辆", "到2027年推广燃料电池汽车")}
