"""Property-based tests: for any input, readers, splitter and extractors raise no unexpected
exception and their output stays valid and traceable to the text."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.discover import discover_candidates
from generator.entities import build_matcher, find_mentions
from generator.errors import SourceError
from generator.figures import extract_figures
from generator.model import Paragraph
from generator.readers import read_source
from generator.render import Segment, cut_segments, link_segments
from generator.split import split_document
from generator.taxonomy import Entity, Taxonomy
from generator.text import detect_language, slugify, without_marks
from tests.helpers import clean_text

# Text that looks like the documents: words, numbers with units, names, markup and junk.
_PIECES = st.sampled_from(
    [
        "KRW 1.2 trillion",
        "$3.4 billion",
        "40%",
        "2,000 jobs",
        "5 GW",
        "No. 1",
        "Busan",
        "EcoPro",
        "Ecopro",
        "Governor Lee Cheol-woo",
        "Hanbit Co., Ltd.",
        "Ministry of Trade",
        "<script>",
        "{{ x }}",
        "-",
        "date2024-01-01",
        "#",
        "##",
        "▲",
        "—",
        "\n",
        "\n\n",
        ".",
        ",",
        "경상북도",
        "成渝",
        "the",
        "plant",
        "in",
        "and",
        "U.S.",
        "US",
        "US$6.2",
        "(KOTRA)",
        "*",
        "|",
        "```",
    ]
)
DOCUMENT_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=80).map(" ".join)


def _taxonomy() -> Taxonomy:
    taxonomy = Taxonomy()
    for entity in (
        Entity("busan", "regions", "Busan", fields={"kind": "city", "country": "KR"}),
        Entity(
            "south-korea",
            "regions",
            "South Korea",
            ("Korea",),
            fields={"kind": "country", "country": "KR"},
        ),
        Entity("ecopro", "companies", "EcoPro", ("Ecopro",)),
        Entity("hydrogen", "themes", "Hydrogen", fields={"terms": ["hydrogen", "fuel cell"]}),
    ):
        taxonomy.add(entity)
    return taxonomy


@given(st.binary(max_size=2000))
@settings(max_examples=60)
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seeds" / "doc.txt"
        path.parent.mkdir()
        path.write_bytes(data)
        try:
            source = read_source(path, Path(folder))
        except SourceError as error:
            assert str(error).startswith("seeds/doc.txt: ") and "\n" not in str(error)
            return
        assert source.text.strip() and "\x00" not in source.text


@given(DOCUMENT_TEXT)
@settings(max_examples=80)
def test_any_text_splits_into_titled_articles_with_text(text: str) -> None:
    try:
        draft = split_document(clean_text(text))
    except SourceError:
        return  # nothing readable: reported, not crashed
    for article in draft.articles:
        assert article.title.strip()
        assert all(block.text.strip() for block in article.blocks)


@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=4))
@settings(max_examples=80)
def test_every_figure_is_traceable_to_its_sentence_and_paragraph(texts: list[str]) -> None:
    paragraphs = [Paragraph(f"p-{i}", text) for i, text in enumerate(texts) if text.strip()]
    by_id = {paragraph.id: paragraph.text for paragraph in paragraphs}
    for figure in extract_figures(paragraphs):
        assert figure.value and figure.value in figure.sentence
        assert (
            figure.sentence.strip() in " ".join(by_id[figure.paragraph].split())
            or figure.sentence in by_id[figure.paragraph]
        )


@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=4))
@settings(max_examples=80)
def test_every_mention_is_written_in_its_sentence(texts: list[str]) -> None:
    taxonomy = _taxonomy()
    paragraphs = [Paragraph(f"p-{i}", text) for i, text in enumerate(texts) if text.strip()]
    for mention in find_mentions(build_matcher(taxonomy), paragraphs):
        assert mention.surface in mention.sentence
        entity = taxonomy.get(mention.kind, mention.entity)
        assert entity is not None
        forms = {form.casefold() for form in entity.forms}
        forms |= {str(term).casefold() for term in entity.fields.get("terms", [])}
        assert mention.surface.casefold() in forms


@given(st.lists(DOCUMENT_TEXT, min_size=1, max_size=3))
@settings(max_examples=40)
def test_discovery_never_proposes_a_known_or_empty_name(texts: list[str]) -> None:
    taxonomy = _taxonomy()
    texts_as_articles = [[Paragraph(f"p-{i}", text)] for i, text in enumerate(texts)]
    for candidate in discover_candidates(texts_as_articles, taxonomy, {}):
        assert candidate.name.strip()
        assert candidate.name.casefold() not in taxonomy.known_names(candidate.kind)


@given(st.text(max_size=200), st.integers(min_value=8, max_value=80))
def test_slugs_are_safe_file_names(text: str, length: int) -> None:
    slug = slugify(text, length)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug
    assert len(slug) <= max(length, len("untitled")) + len("-page")
    assert slug not in {"con", "prn", "aux", "nul", "index"}


def test_korean_chinese_and_japanese_slugs_follow_their_romanizations() -> None:
    # Word by word, sounds assimilated: not "cungnam" or "gyeongbugdo", letter by letter.
    assert slugify("충남 수소경제 투자설명회") == "chungnam-susogyeongje-tujaseolmyeonghoe"
    assert slugify("경북도, 포항에 이차전지") == "gyeongbukdo-pohange-ichajeonji"
    assert slugify("LG에너지솔루션 투자") == "lgeneojisollusyeon-tuja"
    # Chinese in Pinyin read by phrase: 重 is "chong" in 重庆, 宁 "ning" in 宁德.
    assert slugify("重庆市") == "chong-qing-shi"
    assert slugify("宁德时代") == "ning-de-shi-dai"
    # Kana by Hepburn, voicing, contracted sounds and doubled consonants kept; a katakana
    # name and the particle after it are two words.
    assert slugify("デンソーと岩谷") == "denso-to-yan-gu"
    assert (
        slugify("ガス・きゃべつ・がっこう・マッチ・ファミリー")
        == "gasu-kyabetsu-gakkou-matchi-famiri"
    )


def _link_segments_by_definition(text: str, links: list[tuple[str, str]]) -> list[Segment]:
    """The first word-bounded, unclaimed occurrence of each target's longest form, by regex;
    a form right before "$" is a currency's prefix ("US$"), not a word."""
    taken: list[tuple[int, int, str]] = []
    for surface, href in sorted(set(links), key=lambda pair: (-len(pair[0]), pair)):
        if not surface or any(href == claimed for *_, claimed in taken):
            continue
        for match in re.finditer(re.escape(surface), text):
            start, end = match.span()
            bounded = (
                not (text[start - 1 : start] or " ").isalnum()
                and not (text[end : end + 1] or " ").isalnum()
                and text[end : end + 1] != "$"
            )
            if bounded and all(end <= t_start or t_end <= start for t_start, t_end, _ in taken):
                taken.append((start, end, href))
                break
    return cut_segments(text, taken)


_SURFACES = st.sampled_from(["Busan", "Korea", "South Korea", "EcoPro", "Eco", "US", "a", "aa", ""])


@given(
    DOCUMENT_TEXT,
    st.lists(st.tuples(_SURFACES, st.sampled_from(["x.md", "y.md", "z.md"])), max_size=6),
)
@settings(max_examples=150)
def test_linked_segments_keep_the_text_and_link_each_target_once(
    text: str, links: list[tuple[str, str]]
) -> None:
    segments = link_segments(text, links)
    assert "".join(segment.text for segment in segments) == text
    hrefs = [segment.href for segment in segments if segment.href]
    assert len(hrefs) == len(set(hrefs))
    assert segments == _link_segments_by_definition(text, links)


def _language_by_counting(text: str) -> str:
    """The definition detect_language follows: script counts, CJK weighted by three."""
    hangul = len(re.findall("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]", text))
    kana = len(re.findall("[\u3040-\u30ff]", text))
    # Unified ideographs, extension A, and the compatibility ideographs (hanja in KS X 1001).
    han = len(re.findall("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]", text))
    latin = len(re.findall("[A-Za-z]", text))
    if (hangul + kana + han) * 3 < latin:
        return "en"
    if hangul >= kana and hangul >= han:
        return "ko"
    return "ja" if kana else "zh"


@given(
    st.text(alphabet=st.sampled_from("ab Z1.,’한국語漢字かな-"), max_size=40) | st.text(max_size=40)
)
@settings(max_examples=300)
def test_language_detection_agrees_with_counting_every_script(text: str) -> None:
    assert detect_language(text) == _language_by_counting(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x2FFF)))
def test_a_text_without_its_diacritics_keeps_every_offset(text: str) -> None:
    # Matching finds names in the unmarked text and cuts them from the text as written.
    plain = without_marks(text)
    assert len(plain) == len(text)
    assert all(a == b for a, b in zip(text, plain, strict=True) if a.isascii())
    assert without_marks(plain) == plain
