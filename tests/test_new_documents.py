"""Documents of kinds the seeds lack, ingested with the shipped taxonomy: a ministry bulletin
with other items, a saved news page, a Markdown note, a CP949 text file, a PDF made here, and
a Word and a Hangul (HWPX) press release made here, and a Korean press release (EUC-KR) and a Chinese news
item (GBK) written in those languages; and, made here with the standard library's email
package, a ministry newsletter email laid out in tables, a forwarded Korean release in
Outlook's ks_c_5601-1987, a covering note with the bulletin attached as a PDF, and a news page
saved as one file (MHTML); a Hangul binary (.hwp) release made here record by record; an
OpenDocument text LibreOffice saved from a web page; a Chinese Word 97 (.doc) notice and a
PowerPoint investment deck, both saved by LibreOffice; a Japanese prefecture's release; a
Korean agency's report, a Chinese government page (GBK) and a Japanese regional paper's page
(Shift_JIS) as their sites lay them out; a page saved "complete", with its files folder; a
Chinese city's page (GB18030 text) and a Korean and a Japanese paper's (UTF-8, Shift_JIS)
naming companies by legal form and in lists; and a Chinese notice made here with python-docx.
Each must come out as proper articles with dates, entities and themes; unseen names are
suggested. The expectations were written from the documents' text, not from the output."""

from __future__ import annotations

import base64
import email.policy
import quopri
import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from fpdf import FPDF

from generator.build import Report, ingest
from generator.model import Publication
from generator.project import Project
from tests.helpers import (
    ROOT,
    hwp_bytes,
    hwp_header_footer,
    hwp_paragraph,
    hwp_table,
    hwpx_bytes,
    hwpx_paragraph,
    hwpx_table,
)

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


NEWSLETTER_STORIES = (
    (
        "Korea and Poland agree to deepen battery supply chain cooperation",
        "Trade Minister Yeo Han-koo met Poland's Minister of Development and Technology "
        "Krzysztof Paszyk in Warsaw on 13 November and agreed to set up a working group on "
        "battery materials. LG Energy Solution and Samsung SDI joined the business round table.",
    ),
    (
        "Chungcheongbuk-do picked as a hydrogen industry cluster",
        "The ministry named Chungcheongbuk-do a hydrogen fuel cell cluster on 12 November. The "
        "province will receive 120 billion won over five years to build a test bed in Chungju.",
    ),
)


def newsletter_email() -> bytes:
    """A ministry newsletter as mailing tools send one: the HTML set in nested layout tables,
    with a plain alternative, a view-in-browser line and an unsubscribe footer."""
    stories = "".join(f"<h2>{title}</h2><p>{text}</p>" for title, text in NEWSLETTER_STORIES)
    html = (
        '<html><body><table width="100%"><tr><td align="center"><table width="600">'
        '<tr><td>Having trouble reading this email? <a href="https://x.test/45">View it in your '
        "browser</a></td></tr><tr><td>MOTIE WEEKLY NEWS | No. 45</td></tr>"
        f"<tr><td>{stories}</td></tr><tr><td><p>You are receiving this email because you "
        'subscribed to MOTIE Weekly News.<br><a href="https://x.test/u">Unsubscribe</a> | '
        "Update your preferences</p><p>402 Hannuri-daero, Sejong 30118</p></td></tr>"
        "</table></td></tr></table></body></html>"
    )
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "MOTIE Press Office <press@motie.go.kr>"
    message["Subject"] = "[MOTIE Weekly] Battery talks with Poland, Chungbuk hydrogen cluster"
    message["Date"] = "Tue, 17 Nov 2026 09:30:00 +0900"
    message.set_content("\n\n".join(f"{t}\n\n{x}" for t, x in NEWSLETTER_STORIES))
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    return message.as_bytes()


FORWARDED_RELEASE = """팀장님, 참고하시라고 공유드립니다.

-----Original Message-----
From: 충청남도 국제통상과 <trade@chungnam.go.kr>
Sent: Thursday, November 12, 2026 3:05 PM
To: press@chungnam.go.kr
Subject: [보도자료] 충남도, 베트남 박닌성과 이차전지 협력 업무협약

충남도, 베트남 박닌성과 이차전지 협력 업무협약
- 이차전지 소재·부품 기업 진출 지원, 인력 교류 확대 -

충청남도는 12일 도청에서 베트남 박닌성과 이차전지 산업 협력 업무협약을 체결했다고 밝혔다.

협약에 따라 양 지역은 이차전지 기업의 투자 진출을 지원하고 인력 교류를 추진한다. 박닌성에는 삼성전자 등 한국 기업 1,200여 곳이 진출해 있다.
"""


def forwarded_email() -> bytes:
    """A Korean press release forwarded from Outlook: plain text in ks_c_5601-1987 (CP949),
    base64, under a covering note and Outlook's header block."""
    subject = base64.b64encode("FW: [보도자료] 충남도 협약".encode("cp949")).decode()
    body = base64.encodebytes(FORWARDED_RELEASE.replace("\n", "\r\n").encode("cp949"))
    return (
        "From: Kim Min-ji <mjkim@kiet.re.kr>\r\n"
        f"Subject: =?ks_c_5601-1987?B?{subject}?=\r\n"
        "Date: Fri, 13 Nov 2026 08:02:00 +0900\r\nMIME-Version: 1.0\r\n"
        'Content-Type: text/plain; charset="ks_c_5601-1987"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + body


def covering_email(pdf: Path) -> bytes:
    """A two-line covering note with the document itself attached as a PDF."""
    message = EmailMessage(policy=email.policy.SMTP)
    message["From"] = "Gyeongnam Investment <invest@gyeongnam.go.kr>"
    message["Subject"] = "Smart factory news, October"
    message["Date"] = "Thu, 10 Oct 2024 14:00:00 +0900"
    message.set_content("Dear partners,\n\nPlease find the October news attached.\n")
    message.add_attachment(
        pdf.read_bytes(), maintype="application", subtype="pdf", filename="october.pdf"
    )
    return message.as_bytes()


def saved_page() -> bytes:
    """A news page as Chrome saves it as one file: quoted-printable HTML in a MIME message
    dated when it was saved."""
    page = (
        '<html><head><meta property="og:site_name" content="Central Europe Industry Watch">'
        "<title>Saxony office | Central Europe Industry Watch</title></head><body>"
        '<header class="site-header"><nav><a href="/">Home</a></nav></header><article>'
        "<h1>Saxony courts Korean battery makers with a Dresden investor office</h1>"
        '<p class="byline">By Anna Weber | 19 November 2026</p>'
        "<p>Saxony opened an investor office for Korean companies in Dresden on Wednesday, as it "
        "competes with Hungary and Poland for battery suppliers of Samsung SDI and SK On.</p>"
        "<p>The office will host a delegation from Chungcheongbuk-do in March, the state's "
        "economic development agency said.</p></article></body></html>"
    )
    encoded = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    return (
        "From: <Saved by Blink>\r\nSubject: Saxony office\r\n"
        "Date: Tue, 24 Nov 2026 10:12:44 +0100\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="B"\r\n\r\n'
        "--B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://x.test/saxony\r\n\r\n{encoded}\r\n--B--\r\n"
    ).encode("ascii")


CHUNGBUK_RELEASE = b"".join(
    [
        hwp_header_footer("충청북도 보도자료"),
        hwp_table([["보도자료", "충청북도"], ["보도일시", "2026. 11. 12.(목) 09:00"]]),
        hwp_paragraph("충북도, 오창에 이차전지 시험인증센터 착공"),
        hwp_paragraph("- 국비 등 1,200억 원 투입, 2028년 완공 -"),
        hwp_paragraph(
            "□ 충청북도는 12일 청주시 오창읍에서 이차전지 시험인증센터 착공식을 열었다고 밝혔다."
        ),
        hwp_paragraph(
            "ㅇ 센터는 LG에너지솔루션과 에코프로비엠 등 기업 40곳의 배터리 셀 시험을 "
            "지원하며, 국비 800억 원과 도비 400억 원이 투입된다."
        ),
        hwp_header_footer("- 1 -", "foot"),
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
    seeds = root / "seeds"
    (seeds / "chungbuk_cluster.hwp").write_bytes(hwp_bytes(CHUNGBUK_RELEASE))
    (seeds / "motie_weekly.eml").write_bytes(newsletter_email())
    (seeds / "fw_chungnam_release.eml").write_bytes(forwarded_email())
    (seeds / "gyeongnam_cover.eml").write_bytes(
        covering_email(seeds / "gyeongnam_smart_factory.pdf")
    )
    (seeds / "saxony_office.mhtml").write_bytes(saved_page())
    (root / "content").mkdir()
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", root / "content" / f"{kind}.yaml")
    result = ingest(Project(root))
    assert result.errors == []
    return result


def _publication(report: Report, source: str) -> Publication:
    [publication] = [p for p in report.publications if p.document.source == f"seeds/{source}"]
    return publication


def _briefings(report: Report, source: str) -> list:
    return list(_publication(report, source).briefings)


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
    publication = _publication(report, "jeonbuk_hydrogen_bus.html")
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
    # Wanju, a county GeoNames counts by its centre, is in the shipped regions: tagged, not
    # suggested.
    assert ("regions", "Wanju") not in suggested
    [story] = _briefings(report, "jeonbuk_hydrogen_bus.html")
    assert "wanju" in story.tags["regions"]


def test_a_korean_press_release_is_tagged_from_its_korean_names(report: Report) -> None:
    [story] = _briefings(report, "gyeongnam_hydrogen_euckr.txt")
    assert story.title == "경남도, 창원에 수소연료전지 부품 실증센터 착공"
    assert story.date == "2025-04-15"
    # 경상남도/경남도, 창원, 울산, 충남 and 당진 are named; 한다 ("does") and 위해 ("for") are
    # also the Korean names of a Japanese and a Chinese city, and tag nothing.
    regions = ("gyeongsangnam-do", "changwon", "ulsan", "chungcheongnam-do", "dangjin")
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


def test_a_newsletter_email_laid_out_in_tables_gives_its_stories(report: Report) -> None:
    stories = _briefings(report, "motie_weekly.eml")
    assert [b.title for b in stories] == [title for title, _ in NEWSLETTER_STORIES]
    [publication] = [p for p in report.publications if p.document.source.endswith("weekly.eml")]
    assert publication.document.title == "Battery talks with Poland, Chungbuk hydrogen cluster"
    assert (publication.publisher, publication.date) == ("MOTIE Press Office", "2026-11-17")
    assert [b.date for b in stories] == ["2026-11-13", "2026-11-12"]
    text = " ".join(p.text for b in stories for p in b.article.paragraphs)
    for notice in ("View it in your browser", "receiving this email", "Unsubscribe", "Hannuri"):
        assert notice not in text
    battery, hydrogen = stories
    assert {"poland", "warsaw"} <= set(battery.tags["regions"])
    assert {"yeo-han-koo"} <= set(battery.tags["people"])
    assert {"chungcheongbuk-do", "chungju"} <= set(hydrogen.tags["regions"])
    assert "sejong" not in hydrogen.tags["regions"]  # the footer's address is gone


def test_a_forwarded_korean_email_is_read_as_the_release_it_forwards(report: Report) -> None:
    [story] = _briefings(report, "fw_chungnam_release.eml")
    [document] = [d for d in report.documents if d.source.endswith("fw_chungnam_release.eml")]
    assert document.encoding == "cp949"
    [publication] = [p for p in report.publications if p.document is document]
    assert publication.publisher == "충청남도 국제통상과"  # the forwarded message's sender
    assert story.title == "충남도, 베트남 박닌성과 이차전지 협력 업무협약"
    assert story.date == "2026-11-12"  # sent, not forwarded
    assert story.article.subtitles == ("이차전지 소재·부품 기업 진출 지원, 인력 교류 확대",)
    text = " ".join(p.text for p in story.article.paragraphs)
    assert "팀장님" not in text and "Original Message" not in text
    assert text.startswith("충청남도는 12일")  # the lead, though short, is the body's
    assert "chungcheongnam-do" in story.tags["regions"]


def test_a_covering_note_gives_way_to_the_document_attached(report: Report) -> None:
    [story] = _briefings(report, "gyeongnam_cover.eml")
    assert story.title == "Gyeongnam smart factories reach 3,000" and story.date == "2024-10-08"
    assert "Please find" not in " ".join(p.text for p in story.article.paragraphs)
    assert "smart-manufacturing" in story.tags["themes"]


def test_a_page_saved_as_one_file_is_read_as_the_page(report: Report) -> None:
    [story] = _briefings(report, "saxony_office.mhtml")
    assert story.title == "Saxony courts Korean battery makers with a Dresden investor office"
    assert story.date == "2026-11-19"  # printed under the headline, not when it was saved
    assert story.article.author is not None and story.article.author.name == "Anna Weber"
    assert {"hungary", "chungcheongbuk-do"} <= set(story.tags["regions"])
    assert {"samsung-sdi", "sk-on"} <= set(story.tags["companies"])


def test_a_hangul_binary_press_release_reads_its_framed_fields_deck_and_body(
    report: Report,
) -> None:
    [story] = _briefings(report, "chungbuk_cluster.hwp")
    assert story.title == "충북도, 오창에 이차전지 시험인증센터 착공"
    assert story.date == "2026-11-12"  # the release field in the framed table
    assert story.article.subtitles == ("국비 등 1,200억 원 투입, 2028년 완공",)
    text = " ".join(p.text for p in story.article.paragraphs)
    assert text.startswith("충청북도는 12일") and "- 1 -" not in text
    assert {"chungcheongbuk-do", "cheongju"} <= set(story.tags["regions"])
    assert "lg-energy-solution" in story.tags["companies"] and "batteries" in story.tags["themes"]


def test_an_opendocument_text_saved_by_libreoffice_reads_its_heading_list_and_table(
    report: Report,
) -> None:
    # Saved by LibreOffice 7.4 from a web page: its headline a paragraph whose automatic
    # style is based on "Heading 1".
    [story] = _briefings(report, "gyeonggi_chip_testbed_libreoffice.odt")
    assert story.title == "Gyeonggi opens a chip equipment testbed in Yongin"
    assert story.date == "2026-11-04"
    assert [p.kind for p in story.article.paragraphs].count("table") == 1
    assert "gyeonggi-do" in story.tags["regions"]
    assert {"samsung-electronics", "sk-hynix"} <= set(story.tags["companies"])
    assert "semiconductors" in story.tags["themes"]
    assert "KRW 45 billion" in [f.value for f in story.figures]


def test_a_chinese_word_97_notice_saved_by_libreoffice_reads_its_lead_and_tags(
    report: Report,
) -> None:
    # Saved by LibreOffice 7.4 as "MS Word 97": a municipal notice with a page header and
    # footer, a footnote, a list and a table. Its lead sentences hold numbers, as Chinese
    # ones do, and the summary opens with them.
    [story] = _briefings(report, "chongqing_smart_factories_libreoffice.doc")
    assert story.title == "重庆市推进智能制造 建成智能工厂150个"
    assert story.date == "2026-11-18"
    assert story.summary.startswith("2026年11月18日，重庆市经济和信息化委员会发布")
    assert not any("委员会文件" in p.text for p in story.article.paragraphs)  # the page header
    assert [p.kind for p in story.article.paragraphs].count("table") == 1
    assert "chongqing" in story.tags["regions"]
    assert "smart-manufacturing" in story.tags["themes"]
    assert "120亿元" in [f.value for f in story.figures]


def test_a_powerpoint_deck_gives_a_briefing_per_slide_and_its_publisher(report: Report) -> None:
    # Saved by LibreOffice 7.4 Impress: a title slide naming the division, a slide of
    # bullets, a table slide, a contact slide and a hidden draft slide.
    publication = _publication(report, "gyeongbuk_battery_deck_libreoffice.pptx")
    assert publication.title == "Gyeongbuk battery investment briefing"
    assert publication.date == "2026-11-20"
    assert publication.document.publisher == "Gyeongsangbuk-do Investment Promotion Division"
    stories = {b.title: b for b in publication.briefings}
    assert set(stories) == {"Why Pohang", "Investment so far"}
    why = stories["Why Pohang"]
    assert "pohang" in why.tags["regions"]
    assert {"ecopro", "posco-future-m"} <= set(why.tags["companies"])
    assert "batteries" in why.tags["themes"]
    assert "KRW 2.6 trillion" in [f.value for f in why.figures]
    assert not any(
        "Internal numbers" in p.text for b in publication.briefings for p in b.article.paragraphs
    )


def test_a_japanese_release_is_dated_tagged_and_its_yen_amounts_found(report: Report) -> None:
    # Written in Japanese; the shipped themes name hydrogen in Japanese (水素) too.
    [story] = _briefings(report, "aichi_hydrogen_stations_ja.txt")
    assert story.title == "愛知県、トヨタ自動車と水素ステーション整備で協定"
    assert story.date == "2026-11-20"
    assert story.summary.startswith("愛知県は11月20日、トヨタ自動車と水素ステーションの整備")
    assert {"aichi", "nagoya"} <= set(story.tags["regions"])
    assert "hydrogen-energy" in story.tags["themes"]
    assert {"120億円", "30か所", "100台"} <= {f.value for f in story.figures}


def test_a_korean_agency_report_drops_its_dateline_stamps_and_furniture(report: Report) -> None:
    publication = _publication(report, "yonhap_pohang_cathode.html")
    [story] = publication.briefings
    assert publication.publisher == "연합뉴스"  # after the headline in its <title>
    assert story.summary.startswith(
        "경상북도와 포항시는 21일"
    )  # no "(포항=연합뉴스) 김철수 기자 ="
    assert story.article.subtitles == ()  # "송고2026-11-21 10:15" only dates it
    text = " ".join(p.text for p in story.article.paragraphs)
    for furniture in ("yna.co.kr", "저작권자", "#경북", "많이 본 뉴스"):
        assert furniture not in text, furniture
    assert {"1조2천억원", "10만t", "800개"} <= {f.value for f in story.figures}
    assert {"pohang", "gyeongsangbuk-do"} <= set(story.tags["regions"])
    assert "batteries" in story.tags["themes"]


def test_a_chinese_government_page_keeps_its_punctuation_and_names_its_office(
    report: Report,
) -> None:
    publication = _publication(report, "cq_hydrogen_gov_gbk.html")
    [story] = publication.briefings
    assert publication.publisher == "重庆市经济和信息化委员会"  # its ContentSource
    assert story.date == "2026-11-18"
    assert story.summary.startswith("11月17日，重庆市经济和信息化委员会与四川省")
    text = " ".join(p.text for p in story.article.paragraphs)
    for chrome in ("字体", "打印本页", "关闭窗口", "分享到", "渝ICP备"):
        assert chrome not in text, chrome
    assert {"chongqing", "sichuan", "chengdu"} <= set(story.tags["regions"])
    assert "changan" in story.tags["companies"]
    # "支持长安汽车、东方电气等企业": listed beside Changan, 东方电气 is a company, suggested
    # and tagged.
    suggested = {e.name: e for e in report.suggested if e.kind == "companies"}
    assert suggested["东方电气"].id in story.tags["companies"]
    assert "hydrogen-energy" in story.tags["themes"]
    assert {"1万辆", "80座", "150亿元", "500亿元"} <= {f.value for f in story.figures}


def test_a_japanese_paper_page_drops_its_dateline_and_names_what_a_figure_measures(
    report: Report,
) -> None:
    publication = _publication(report, "chukei_aichi_hydrogen_sjis.html")
    [story] = publication.briefings
    assert publication.publisher == "中部経済新聞"
    assert story.summary.startswith("愛知県は20日、トヨタ自動車と")  # no "【名古屋＝山田太郎】"
    figures = {f.value: f.about for f in story.figures}
    assert figures["120億円"] == "総事業費"
    assert figures["30カ所"].endswith("水素ステーション")
    assert {"aichi", "nagoya", "toyota"} <= set(story.tags["regions"])  # 豊田市 is Toyota City


def test_a_page_saved_complete_is_one_document_without_its_files(report: Report) -> None:
    # The fixture's report has no errors: its .css, .js and .jpg were no sources.
    [story] = _briefings(report, "chungbuk_battery_news.html")
    assert story.title == "Chungbuk lands new battery plant"
    assert not [
        p for p in report.publications if "chungbuk_battery_news_files" in p.document.source
    ]  # its advertising frame is part of the page, not a document
    assert "ecopro" in story.tags["companies"]


def _suggested_companies(report: Report) -> dict[str, object]:
    return {e.name: e for e in report.suggested if e.kind == "companies"}


def test_a_chinese_city_page_names_a_company_by_its_legal_form_and_its_list_by_it(
    report: Report,
) -> None:
    publication = _publication(report, "yibin_catl_gb18030.txt")
    [story] = publication.briefings
    assert publication.publisher == "宜宾市经济和信息化局"  # its date line's 来源
    assert story.date == "2026-11-20"
    suggested = _suggested_companies(report)
    # 宁德时代新能源科技股份有限公司（以下简称“宁德时代”）: named without its legal form, in
    # Pinyin read by phrase (宁德 is "ning de"), the declared short name an alias.
    catl = suggested["宁德时代新能源科技"]
    assert catl.id == "ning-de-shi-dai-xin-neng-yuan-ke-ji"
    assert "宁德时代" in catl.aliases
    # "支持宁德时代、天原集团、英联新能源等企业": listed beside it, so companies too.
    assert {"天原集团", "英联新能源"} <= set(suggested)
    assert {suggested[name].id for name in ("天原集团", "宁德时代新能源科技")} <= set(
        story.tags["companies"]
    )
    assert {"120亿元", "30GWh", "5000人", "3000亿元"} <= {f.value for f in story.figures}


def test_a_japanese_page_names_companies_by_their_legal_form(report: Report) -> None:
    [story] = _briefings(report, "denso_iwatani_sjis.html")
    suggested = _suggested_companies(report)
    # 株式会社デンソー: suggested, its id by Hepburn; 岩谷産業株式会社 is the shipped Iwatani's
    # alias, so it is tagged, not suggested again.
    assert suggested["デンソー"].id == "denso"
    assert "岩谷産業" not in suggested
    assert {"denso", "iwatani"} <= set(story.tags["companies"])
    # 総投資額は50億円を見込む: the topic is what the figure measures.
    assert ("50億円", "総投資額") in {(f.value, f.about) for f in story.figures}


def test_a_korean_page_lists_companies_beside_one_with_a_legal_mark(report: Report) -> None:
    [story] = _briefings(report, "ulsan_battery_news.html")
    suggested = _suggested_companies(report)
    # "삼성SDI, 고려아연, 에스엠랩 등 이차전지 기업", and "㈜에스엠랩" later.
    assert {"삼성SDI", "고려아연", "에스엠랩"} <= set(suggested)
    assert {suggested[name].id for name in ("삼성SDI", "고려아연", "에스엠랩")} <= set(
        story.tags["companies"]
    )
    assert {"4조원", "3천개"} <= {f.value for f in story.figures}


def test_a_chinese_word_notice_split_on_its_headings_is_signed_dated_and_tagged(
    report: Report,
) -> None:
    # Made with python-docx, whose template dates the file 2013-12-23: the date it is signed
    # on at its end wins, and the commission signing it is its publisher.
    publication = _publication(report, "cq_storage_measures.docx")
    assert publication.publisher == "重庆市经济和信息化委员会"
    assert publication.date == "2026-11-10"
    assert [b.title for b in publication.briefings][1:] == ["一、总体目标", "二、重点任务"]
    figures = {f.value for b in publication.briefings for f in b.figures}
    assert {"300万千瓦", "1000亿元", "20GWh", "200万元"} <= figures
    # "支持比亚迪、赛力斯、重庆弗迪电池研究院有限公司等企业": beside BYD, known.
    assert {"赛力斯", "重庆弗迪电池研究院"} <= set(_suggested_companies(report))
