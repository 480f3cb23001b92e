"""The taxonomy files: every bad entry reported at its line, merges followed, rejected names
kept out of matching, and the matcher's word, case and ambiguity rules."""

from __future__ import annotations

from pathlib import Path

from generator.curation import ParsedYaml
from generator.entities import build_matcher, find_mentions, tag_article
from generator.extract import article_tags
from generator.figures import extract_figures
from generator.model import Article, Digest, Paragraph
from generator.taxonomy import Entity, Taxonomy, entity_names, load_taxonomy
from generator.writer import Writer

COMPANIES = """\
- id: ecopro
  name: EcoPro
  aliases: [Ecopro]
- id: ecopro
  name: Duplicate
- id: Bad Id
  name: X
- id: nameless
- id: acme
  name: Acme
  colour: red
- id: acme-old
  name: Acme Old Name
  status: merged
  merged_into: acme
- id: spam-corp
  name: Spam Corp
  status: rejected
- id: odd
  name: Odd
  status: maybe
"""


def _load(tmp_path: Path, kind: str, text: str):
    (tmp_path / f"{kind}.yaml").write_text(text, encoding="utf-8")
    return load_taxonomy(tmp_path)


def test_every_bad_entry_is_reported_at_its_line_and_the_rest_load(tmp_path: Path) -> None:
    taxonomy, errors = _load(tmp_path, "companies", COMPANIES)
    messages = {str(error).removeprefix(f"{tmp_path.name}/") for error in errors}
    assert messages == {
        "companies.yaml:21: 'status': 'maybe' is not a status — use one of accepted, suggested, "
        "rejected, merged",
        "companies.yaml:11: 'colour': unknown field (ignored) — fields of companies: aliases, "
        "context, country, id, merged_into, name, note, sector, status, themes",
        "companies.yaml:4: 'id': 'ecopro' is used twice — give one of them another id",
        "companies.yaml:6: 'id': 'Bad Id' is not a valid id — use lowercase letters, digits "
        "and hyphens",
        "companies.yaml:8: 'name': missing or not text — give the entity a name",
    }
    assert {"ecopro", "acme", "acme-old", "spam-corp"} <= set(taxonomy.entities["companies"])
    assert len(errors) == 5


def test_a_file_read_from_the_parse_cache_reports_its_bad_entries_at_the_same_lines(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "companies.yaml").write_text(COMPANIES, encoding="utf-8")
    parsed = ParsedYaml(tmp_path / "cache", Writer(tmp_path))
    first = load_taxonomy(content, parsed)
    assert list((tmp_path / "cache").glob("*.json")), "the parse was not kept"
    second = load_taxonomy(content, ParsedYaml(tmp_path / "cache", Writer(tmp_path)))
    assert [str(error) for error in second[1]] == [str(error) for error in first[1]]
    assert len(second[1]) == 5
    assert second[0].entities == first[0].entities


def test_a_syntax_error_names_the_file_and_line_and_marks_the_kind_unreadable(
    tmp_path: Path,
) -> None:
    taxonomy, errors = _load(tmp_path, "people", "- id: a\n  name: [A\n- id: b\n")
    assert len(errors) == 1 and str(errors[0]).startswith(f"{tmp_path.name}/people.yaml:")
    assert "people" in taxonomy.unreadable


def test_python_tags_are_refused(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f"- id: x\n  name: !!python/object/apply:os.system ['touch {marker}']\n"
    taxonomy, errors = _load(tmp_path, "companies", text)
    assert errors and not marker.exists() and not taxonomy.entities["companies"]


def test_merged_entities_resolve_and_their_names_tag_the_survivor(tmp_path: Path) -> None:
    taxonomy, _ = _load(tmp_path, "companies", COMPANIES)
    assert taxonomy.get("companies", "acme-old").id == "acme"
    mentions = find_mentions(
        build_matcher(taxonomy),
        [Paragraph("p-1", "Acme Old Name opened a plant, and Spam Corp did too.")],
    )
    assert [(m.entity, m.surface) for m in mentions] == [("acme", "Acme Old Name")]
    assert "spam corp" in taxonomy.known_names("companies")  # never suggested again


def _taxonomy(*entities: Entity) -> Taxonomy:
    taxonomy = Taxonomy()
    for entity in entities:
        taxonomy.add(entity)
    return taxonomy


def test_matching_respects_word_boundaries_case_and_aliases() -> None:
    taxonomy = _taxonomy(
        Entity("ecopro", "companies", "EcoPro", ("Ecopro",)),
        Entity("sk-on", "companies", "SK On"),
        Entity("bp", "companies", "bp", ("BP",)),
        Entity("ulsan", "regions", "Ulsan", fields={"kind": "city"}),
    )
    text = (
        "Ecopro and EcoPro BM expanded in Ulsan. SK On hired. The skon plan and "
        "bpm levels rose; bp signed; Ulsanite is no word."
    )
    found = [
        (m.entity, m.surface)
        for m in find_mentions(build_matcher(taxonomy), [Paragraph("p-1", text)])
    ]
    assert found == [
        ("ecopro", "Ecopro"),
        ("ecopro", "EcoPro"),
        ("ulsan", "Ulsan"),
        ("sk-on", "SK On"),
        ("bp", "bp"),
    ]


def test_a_name_is_found_written_with_or_without_its_diacritics() -> None:
    city = {"kind": "city"}
    taxonomy = _taxonomy(
        Entity("wroclaw", "regions", "Wrocław", fields=city),
        Entity("sao-paulo", "regions", "São Paulo", fields=city),
        Entity("lodz", "regions", "Łódź", fields=city),  # short: matched in its own case
        Entity("krakow", "regions", "Krakow", fields=city),  # listed without them
    )
    found = _found(
        taxonomy,
        "Wroclaw and Sao Paulo signed it; Lodz and Krakow joined, LODZ did not.",
        "Wrocław, São Paulo, Łódź and Kraków, as their own languages write them.",
    )
    assert found == [
        ("wroclaw", "Wroclaw"),
        ("sao-paulo", "Sao Paulo"),
        ("lodz", "Lodz"),
        ("krakow", "Krakow"),
        ("wroclaw", "Wrocław"),
        ("sao-paulo", "São Paulo"),
        ("lodz", "Łódź"),
        ("krakow", "Kraków"),
    ]


def test_a_currency_prefix_is_not_the_country() -> None:
    taxonomy = _taxonomy(
        Entity("united-states", "regions", "United States", ("US",), fields={"kind": "country"}),
        Entity("hong-kong", "regions", "Hong Kong", ("HK",), fields={"kind": "region"}),
    )
    text = "Exports to the US reached US$13.8 billion and HK$ 2 billion; HK lagged."
    found = [m.surface for m in find_mentions(build_matcher(taxonomy), [Paragraph("p", text)])]
    assert found == ["US", "HK"]


def test_a_name_in_capitals_inside_a_sentence_is_a_brand_not_the_place() -> None:
    taxonomy = _taxonomy(
        Entity("ebara", "regions", "Ebara", fields={"kind": "city"}),
        Entity("budapest", "regions", "Budapest", fields={"kind": "city"}),
    )
    paragraphs = [
        Paragraph("p-1", "Equipment makers Tokyo Electron and EBARA will expand in Ebara."),
        Paragraph("p-2", "BUDAPEST, 14 May 2025 - The plant opens."),  # a dateline
        Paragraph("p-3", "EBARA AND BUDAPEST SIGN A DEAL"),  # a headline in capitals
    ]
    found = [(m.paragraph, m.surface) for m in find_mentions(build_matcher(taxonomy), paragraphs)]
    assert found == [
        ("p-1", "Ebara"),
        ("p-2", "BUDAPEST"),
        ("p-3", "EBARA"),
        ("p-3", "BUDAPEST"),
    ]


def test_an_ambiguous_name_is_settled_by_the_country_the_article_names() -> None:
    taxonomy = _taxonomy(
        Entity("indonesia", "regions", "Indonesia", fields={"kind": "country", "country": "ID"}),
        Entity(
            "united-states", "regions", "United States", fields={"kind": "country", "country": "US"}
        ),
        Entity(
            "java",
            "regions",
            "Java",
            fields={"kind": "island", "parent": "indonesia", "country": "ID"},
        ),
        Entity("georgia", "regions", "Georgia", fields={"kind": "country", "country": "GE"}),
        Entity(
            "georgia-us",
            "regions",
            "Georgia",
            fields={"kind": "state", "parent": "united-states", "country": "US"},
        ),
    )
    matcher = build_matcher(taxonomy)
    us = find_mentions(matcher, [Paragraph("p-1", "A battery plant in Georgia, United States.")])
    assert ("georgia-us", "Georgia") in [(m.entity, m.surface) for m in us]
    assert "georgia" not in [m.entity for m in us]
    island = find_mentions(matcher, [Paragraph("p-1", "Factories on Java, Indonesia.")])
    assert "java" in [m.entity for m in island]


def test_headings_footnotes_and_reference_lists_tag_nothing() -> None:
    taxonomy = _taxonomy(Entity("ulsan", "regions", "Ulsan", fields={"kind": "city"}))
    paragraphs = [
        Paragraph("p-1", "Ulsan plans", kind="heading"),
        Paragraph("p-2", "1. Ulsan statistics, 2020.", kind="footnote"),
        Paragraph("p-3", "References", kind="heading"),
        Paragraph("p-4", "Ulsan Development Institute (2021). Report."),
    ]
    assert find_mentions(build_matcher(taxonomy), paragraphs) == ()


def test_a_theme_term_in_a_persons_title_signals_no_theme() -> None:
    trade = Entity("trade-investment", "themes", "Trade", fields={"terms": ["trade", "exports"]})
    diplomacy = Entity("local-diplomacy", "themes", "Local diplomacy", fields={"terms": ["mayor"]})
    matcher = build_matcher(_taxonomy(trade, diplomacy))
    titles = (
        "Trade, Industry and Energy Vice Minister Kang Kyungsung attended. Deputy Trade Minister "
        "Yang met them. Minister for Trade Inkyo Cheong spoke."
    )
    assert [m.entity for m in find_mentions(matcher, [Paragraph("p-1", titles)])] == []
    topics = (
        "Trade between the two rose. They signed the Korea-Sweden Trade and Investment "
        "Promotion Framework. Mayor Lee spoke."
    )
    found = [(m.entity, m.surface) for m in find_mentions(matcher, [Paragraph("p-1", topics)])]
    # A term that is itself the office ("mayor") was listed as a signal and still counts.
    assert found == [
        ("trade-investment", "Trade"),
        ("trade-investment", "Trade"),
        ("local-diplomacy", "Mayor"),
    ]


def test_merged_entities_are_listed_under_the_one_their_merges_end_at() -> None:
    taxonomy = _taxonomy(
        Entity("acme", "companies", "Acme"),
        Entity("acme-old", "companies", "Acme Old", status="merged", merged_into="acme-older"),
        Entity("acme-older", "companies", "Acme Older", status="merged", merged_into="acme"),
        Entity("lost", "companies", "Lost", status="merged", merged_into="nowhere"),
        Entity("beta", "companies", "Beta"),
    )
    merged = taxonomy.merged_by_survivor("companies")
    assert {key: [e.id for e in value] for key, value in merged.items()} == {
        "acme": ["acme-old", "acme-older"]
    }
    assert entity_names(taxonomy.entities["companies"]["acme"], merged["acme"]) == [
        "Acme",
        "Acme Old",
        "Acme Older",
    ]
    mentions = find_mentions(build_matcher(taxonomy), [Paragraph("p-1", "Acme Old grew.")])
    assert [(m.entity, m.surface) for m in mentions] == [("acme", "Acme Old")]


def _place(
    place_id: str, names: tuple[str, ...], kind: str, parent: str = "", country: str = "KR"
) -> Entity:
    fields = {"kind": kind, "country": country} | ({"parent": parent} if parent else {})
    return Entity(place_id, "regions", place_id.title(), names, fields=fields)


def _korean_places() -> Taxonomy:
    return _taxonomy(
        _place("south-korea", ("한국",), "country"),
        _place("china", ("중국", "中国"), "country", country="CN"),
        _place("gyeongsangnam-do", ("경상남도", "경남", "경남도"), "province", "south-korea"),
        _place("daejeon", ("대전", "대전광역시"), "metropolitan-city", "south-korea"),
        _place("changwon", ("창원시", "창원"), "city", "gyeongsangnam-do"),
        _place("yangsan", ("양산시", "양산"), "city", "gyeongsangnam-do"),
        _place("sichuan", ("四川省", "四川"), "province", "china", "CN"),
        _place("chengdu", ("成都市", "成都", "청두"), "city", "sichuan", "CN"),
        Entity("hydrogen", "themes", "Hydrogen", fields={"terms": ["수소", "氢能"]}),
    )


def _found(taxonomy: Taxonomy, *texts: str) -> list[tuple[str, str]]:
    paragraphs = [Paragraph(f"p-{n}", text) for n, text in enumerate(texts, 1)]
    return [(m.entity, m.surface) for m in find_mentions(build_matcher(taxonomy), paragraphs)]


def test_a_korean_name_takes_its_particles_but_not_another_word() -> None:
    found = _found(
        _korean_places(),
        "경상남도는 대전에서 중국산 부품과 한국의 기술을 비교했다.",
        "산업 대전환을 위해 서부경남 지역과 협력한다.",  # a great shift; western Gyeongnam
        "경남도와 경남대학교, 대전광역시가 참여했다.",
        "창원시장과 경남지사가 만났다.",  # Changwon's mayor, Gyeongnam's governor
    )
    assert found == [
        ("gyeongsangnam-do", "경상남도"),
        ("daejeon", "대전"),
        ("china", "중국"),
        ("south-korea", "한국"),
        ("gyeongsangnam-do", "경남도"),
        ("daejeon", "대전광역시"),
        ("changwon", "창원시"),
        ("gyeongsangnam-do", "경남"),
    ]


def test_a_bare_korean_place_name_counts_only_beside_its_province() -> None:
    taxonomy = _korean_places()
    # 양산 is also mass production: without its province or its full name it tags nothing.
    assert _found(taxonomy, "배터리 양산을 시작했다. 창원에 공장이 있다.") == []
    assert _found(taxonomy, "경남 창원에 공장이 있고, 양산에서도 배터리를 만든다.") == [
        ("gyeongsangnam-do", "경남"),
        ("changwon", "창원"),
        ("yangsan", "양산"),
    ]
    assert _found(taxonomy, "창원은 창원시의 옛 이름이 아니다.") == [
        ("changwon", "창원"),
        ("changwon", "창원시"),
    ]
    # A foreign city in Hangul needs its country or province: 한다 (Handa) is also "does".
    assert _found(taxonomy, "청두에 법인을 세웠다.") == []
    assert _found(taxonomy, "중국 청두에 법인을 세웠다.") == [
        ("china", "중국"),
        ("chengdu", "청두"),
    ]


def test_a_title_setting_the_scene_settles_bare_names_in_the_body_and_tags_nothing() -> None:
    """A slide's table names its cities bare, under a deck titled for their province."""
    matcher = build_matcher(_korean_places())
    table = [Paragraph("p-1", "지역\t투자액\n창원\t7000억 원\n양산\t5000억 원", "table")]
    assert find_mentions(matcher, table) == ()
    found = find_mentions(matcher, table, ("경남 수소경제 투자설명회", "지역별 투자 계획"))
    # Each row is its mentions' sentence, as it is its figures'.
    assert [(m.entity, m.sentence) for m in found] == [
        ("changwon", "창원\t7000억 원"),
        ("yangsan", "양산\t5000억 원"),
    ]
    # So a row's figure is about the place the row names (see index.EntityEntry.figures_in).
    figures = {figure.value: figure.sentence for figure in extract_figures(table)}
    assert figures == {"7000억 원": found[0].sentence, "5000억 원": found[1].sentence}
    # The scene is context, not a mention: a title naming no province settles nothing.
    assert find_mentions(matcher, table, ("수소경제 투자설명회",)) == ()


def test_chinese_names_match_without_spaces_and_a_bare_city_needs_its_province() -> None:
    taxonomy = _korean_places()
    assert _found(taxonomy, "中国企业在四川省成都市投资氢能项目。") == [
        ("china", "中国"),
        ("sichuan", "四川省"),
        ("chengdu", "成都市"),
        ("hydrogen", "氢能"),
    ]
    assert _found(taxonomy, "成都的企业很多。") == []
    assert ("chengdu", "成都") in _found(taxonomy, "四川成都的企业很多。")


def test_a_latin_name_written_against_chinese_is_a_whole_word() -> None:
    # Chinese writes a Latin name against its words ("供应LG新能源等", "在LG工厂"); Korean
    # and Latin letters around it still make it part of another word.
    taxonomy = _taxonomy(
        Entity("lges", "companies", "LG Energy Solution", ("LG新能源",)),
        Entity("lg", "companies", "LG"),
    )
    assert _found(taxonomy, "工厂将供应LG新能源等电池厂。", "在LG工厂投产。") == [
        ("lges", "LG新能源"),
        ("lg", "LG"),
    ]
    assert _found(taxonomy, "삼성LG전자와 BLGX가 참여했다.") == []


def test_a_korean_theme_term_counts_inside_compounds() -> None:
    mentions = find_mentions(
        build_matcher(_korean_places()),
        [Paragraph("p-1", "수소연료전지 부품을 만든다. 그린수소 생산도 늘린다.")],
    )
    assert [(m.entity, m.surface) for m in mentions] == [
        ("hydrogen", "수소"),
        ("hydrogen", "수소"),
    ]
    assert tag_article(mentions)["themes"] == ["hydrogen"]


def test_an_entity_only_the_title_names_is_tagged_after_those_the_body_names() -> None:
    taxonomy = Taxonomy()
    for entity_id, name in (("vietnam", "Vietnam"), ("south-korea", "South Korea")):
        taxonomy.add(Entity(entity_id, "regions", name, fields={"kind": "country"}))
    taxonomy.add(Entity("hana-micron", "companies", "Hana Micron"))
    matcher = build_matcher(taxonomy)
    body = (Paragraph("p-1", "Hana Micron of South Korea will build a packaging plant there."),)
    article = Article(
        "a", "Vietnam: Bac Ninh courts chip packaging", None, None, None, (), None, body
    )
    digest = Digest("", (), (), find_mentions(matcher, body))
    tags = article_tags(article, digest, matcher)
    assert (tags["regions"], tags["companies"]) == (["south-korea", "vietnam"], ["hana-micron"])
