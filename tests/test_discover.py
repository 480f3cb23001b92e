"""Discovery of entities no taxonomy lists: each rule finds its kind with the right fields,
known names in any status are never proposed, generic phrases and month names are not taken
for names, and the order is stable."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.discover import Candidate, Sightings, discover_candidates, select_candidates
from generator.gazetteer import Place, gazetteer_index
from generator.model import Paragraph
from generator.taxonomy import Entity, Taxonomy

COMPANY = "Hanbit Materials Co., Ltd. will build a cathode plant in Ulsan next year."
LISTED = "The province has attracted companies such as Xylo and Brightcell to its battery cluster."
AGENCY = (
    "The roadmap was drawn up by the Gangwon Hydrogen Promotion Agency (GHPA) with two local "
    "universities."
)
GOVERNOR = "Governor Park Min-soo met the delegation and promised to support the new plant."
PLACE = "The delegation then travelled to Kraków in Poland to visit two cell makers."
# Title-cased words that are no name: each of them is also written in lower case here, and
# "March" is a town in England as well as a month.
GENERIC = (
    "The Research Institute will hire more researchers, said the institute, a research body. "
    "In March the mission arrived in the United Kingdom; it left in March."
)


def article(*texts: str) -> list[Paragraph]:
    """Build one article's paragraphs from texts, as ingestion would."""
    return [Paragraph(f"p-{index}", text) for index, text in enumerate(texts)]


def region(entity_id: str, name: str, code: str, kind: str = "country") -> Entity:
    return Entity(entity_id, "regions", name, fields={"kind": kind, "country": code})


def small_taxonomy(*entities: Entity) -> Taxonomy:
    """A taxonomy with the two countries the texts name, plus the given entities."""
    taxonomy = Taxonomy()
    for entity in (
        region("poland", "Poland", "PL"),
        region("united-kingdom", "United Kingdom", "GB"),
        *entities,
    ):
        taxonomy.add(entity)
    return taxonomy


@pytest.fixture(scope="module")
def gazetteer() -> Mapping[str, tuple[Place, ...]]:
    return gazetteer_index()


@pytest.fixture(scope="module")
def found(gazetteer: Mapping[str, tuple[Place, ...]]) -> dict[str, Candidate]:
    texts = [article(COMPANY), article(LISTED), article(AGENCY), article(GOVERNOR), article(PLACE)]
    candidates = discover_candidates(texts, small_taxonomy(), gazetteer)
    return {candidate.name: candidate for candidate in candidates}


def names(candidates: Sequence[Candidate]) -> list[tuple[str, str]]:
    return [(candidate.kind, candidate.name) for candidate in candidates]


def test_a_company_with_a_legal_suffix_is_found_without_it(found: dict) -> None:
    company = found["Hanbit Materials"]
    assert company.kind == "companies" and company.cue == "legal suffix"
    assert company.aliases == ("Hanbit Materials Co., Ltd.",)
    assert company.sentence == COMPANY
    assert company.fields["context"] == COMPANY  # the curator sees where it came from


def test_every_company_a_cue_lists_is_found(found: dict) -> None:
    for name in ("Xylo", "Brightcell"):
        assert found[name].kind == "companies" and found[name].cue == "listed as a company"


def test_an_organization_keeps_its_acronym_as_an_alias(found: dict) -> None:
    agency = found["Gangwon Hydrogen Promotion Agency"]
    assert agency.kind == "organizations" and agency.aliases == ("GHPA",)


def test_a_titled_person_is_found_with_the_title_as_role(found: dict) -> None:
    governor = found["Park Min-soo"]
    assert governor.kind == "people" and governor.fields["role"] == "governor"
    assert "Governor Park Min-soo" not in found


def test_a_gazetteer_place_with_its_country_named_hangs_under_that_country(found: dict) -> None:
    city = found["Kraków"]
    assert city.kind == "regions"
    assert city.fields["country"] == "PL" and city.fields["parent"] == "poland"
    assert city.fields["kind"] == "city" and len(city.fields["coordinates"]) == 2


def test_a_gazetteer_place_whose_country_is_not_named_is_not_proposed(found: dict) -> None:
    assert "Ulsan" not in found  # no country named in its article: it may be anywhere


def test_nothing_else_is_proposed(found: dict) -> None:
    assert sorted(found) == [
        "Brightcell",
        "Gangwon Hydrogen Promotion Agency",
        "Hanbit Materials",
        "Kraków",
        "Park Min-soo",
        "Xylo",
    ]


@pytest.mark.parametrize(
    "entity",
    [
        Entity("hanbit", "companies", "Hanbit Materials", status="rejected"),
        Entity("hanbit", "companies", "Hanbit", aliases=("Hanbit Materials",)),
        Entity("ghpa", "organizations", "Gangwon H2 Agency", aliases=("GHPA",)),
        Entity("park", "people", "Park Min-soo", status="merged", merged_into="park-ms"),
        Entity("xylo", "companies", "XYLO", status="suggested"),
        Entity("krakow", "regions", "Kraków", status="rejected"),
    ],
    ids=["rejected", "alias", "acronym-alias", "merged", "suggested", "rejected-place"],
)
def test_a_known_name_in_any_status_is_never_proposed(
    entity: Entity, gazetteer: Mapping[str, tuple[Place, ...]]
) -> None:
    texts = [article(COMPANY), article(LISTED), article(AGENCY), article(GOVERNOR), article(PLACE)]
    proposed = {
        c.name.casefold() for c in discover_candidates(texts, small_taxonomy(entity), gazetteer)
    }
    assert not {form.casefold() for form in entity.forms} & proposed
    # "GHPA" names the agency: neither its full name nor its acronym comes back.
    if "GHPA" in entity.forms:
        assert "gangwon hydrogen promotion agency" not in proposed


def test_theme_terms_are_never_proposed(gazetteer: Mapping[str, tuple[Place, ...]]) -> None:
    theme = Entity("batteries", "themes", "Batteries", fields={"terms": ["Xylo"]})
    proposed = names(discover_candidates([article(LISTED)], small_taxonomy(theme), gazetteer))
    assert proposed == [("companies", "Brightcell")]


def test_title_cased_generic_phrases_and_month_names_are_not_names(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    assert discover_candidates([article(GENERIC)], small_taxonomy(), gazetteer) == []


def test_a_korean_name_is_found_though_its_surname_is_a_common_word(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    texts = [
        article("Governor Park Wan-su opened the plant in the national industrial park."),
        article("Mayor Song Ji-ho sang a song; Chairman Park Lane spoke in the park."),
    ]
    proposed = names(discover_candidates(texts, small_taxonomy(), gazetteer))
    # "Park Lane" has a word written in lower case here and no given name: not a person.
    assert proposed == [("people", "Park Wan-su"), ("people", "Song Ji-ho")]


def test_a_cue_list_ends_where_its_names_end(gazetteer: Mapping[str, tuple[Place, ...]]) -> None:
    texts = [
        article(
            "It will link companies like Ericsson and other firms serving big data, IoT and AI "
            "with local plants.",
            "Over 30 companies, including leading firms such as Ecopro and POSCO Future M, have "
            "moved in.",
            "Equipment companies—Applied Materials, ASML, and Tokyo Electron—opened offices.",
            "Automobile companies such as Volkswagen, Toyota and Suzuki in addition to chip firms came.",
        )
    ]
    proposed = [name for kind, name in names(discover_candidates(texts, Taxonomy(), gazetteer))]
    assert proposed == [
        "Applied Materials",
        "ASML",
        "Ecopro",
        "Ericsson",
        "POSCO Future M",
        "Suzuki",
        "Tokyo Electron",
        "Toyota",
        "Volkswagen",
    ]


def test_a_cue_list_item_with_a_legal_form_is_named_without_it(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    texts = [article("Local firms such as Hanul Precision Co., Ltd. cut their energy costs.")]
    proposed = discover_candidates(texts, Taxonomy(), gazetteer)
    # The cue's list stops at the full stop; the legal form's rule gives the same name.
    assert names(proposed) == [("companies", "Hanul Precision")]


def test_the_names_a_list_joins_to_a_group_company_are_companies(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    texts = [
        article(
            "Governor Kim Kwan-young signed the agreements with Sungil Hitech, Daejoo Electronic "
            "Materials and Lotte Energy Materials at the provincial office in Jeonju.",
            "Sumitomo Corporation, Kawasaki Kisen and Korea Zinc joined the association.",
        )
    ]
    proposed = names(discover_candidates(texts, Taxonomy(), gazetteer))
    assert [name for kind, name in proposed if kind == "companies"] == [
        "Daejoo Electronic Materials",
        "Kawasaki Kisen",
        "Korea Zinc",
        "Lotte Energy Materials",
        "Sumitomo Corporation",
        "Sungil Hitech",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Meanwhile, Samsung Electronics and Busan signed the agreement.",  # a place
        "The deal covers Hanwha Ocean, Vietnam and Poland.",  # countries
        "Hyundai Motor Group, Gyeongsan City and Kyungpook National University signed it.",
        "Samsung Electronics, Governor Kim Dong-yeon and Mayor Oh Se-hoon attended.",  # people
        "Samsung Electronics and March were cited.",  # a date
        "Xylo, Brightcell and Hanbit announced plans.",  # no company in the list
        # "A, and B" closes a clause: the town is no item of a list.
        "Samsung SDI, which runs a plant in Nowa Xylo, and Hyundai Mobis attended.",
    ],
)
def test_a_list_naming_a_group_company_lists_nothing_else_that_is_no_company(
    sentence: str, gazetteer: Mapping[str, tuple[Place, ...]]
) -> None:
    proposed = discover_candidates([article(sentence)], Taxonomy(), gazetteer)
    assert [c.name for c in proposed if c.cue == "listed with a company"] == []


def test_the_order_is_stable_whatever_the_order_of_the_texts(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    texts = [article(COMPANY), article(LISTED), article(AGENCY), article(GOVERNOR), article(PLACE)]

    def run(order: list[list[Paragraph]]) -> list[tuple[str, str, tuple[str, ...], int]]:
        return [
            (c.kind, c.name, c.aliases, c.count)
            for c in discover_candidates(order, small_taxonomy(), gazetteer)
        ]

    first = run(texts)
    assert first == run(texts) == run(texts[::-1])
    kinds = ["regions", "companies", "organizations", "people"]
    assert [(kind, name) for kind, name, *_ in first] == sorted(
        ((kind, name) for kind, name, *_ in first),
        key=lambda item: (kinds.index(item[0]), item[1].casefold()),
    )


GROUPS = (
    "Doosan Enerbility and Hanwha Ocean will supply the turbines, and Hyundai Motor Chairman "
    "Chung Eui-sun visited HD Hyundai Heavy Industries. POSCO International's terminal, the "
    "Samsung Foundation and LG Science Park hosted the delegation."
)


DESCRIBED = (
    "Chinese battery maker CATL and the automaker BYD will build plants in Debrecen, and "
    "chipmaker TSMC's Kumamoto fab opened. The company President Kim Ha-neul spoke; the firm "
    "Monday announced a deal with the state-owned company Korea Port Authority."
)


@pytest.mark.parametrize(
    ("text", "expected", "cue"),  # cue: the first name's
    [
        # Each once, cut before a role or a possessive; an institution or a site is no company.
        (
            GROUPS,
            [
                "Doosan Enerbility",
                "HD Hyundai Heavy Industries",
                "Hanwha Ocean",
                "Hyundai Motor",
                "POSCO International",
            ],
            "name of a business group",
        ),
        # A one-word name after a word for a company; a role, a weekday or an institution
        # after "company" is none.
        (DESCRIBED, ["BYD", "CATL", "TSMC"], "described as a company"),
    ],
)
def test_a_company_is_found_by_its_groups_name_or_a_word_for_a_company(
    gazetteer: Mapping[str, tuple[Place, ...]], text: str, expected: list[str], cue: str
) -> None:
    found = discover_candidates([article(text)], small_taxonomy(), gazetteer)
    companies = {c.name: c for c in found if c.kind == "companies"}
    assert sorted(companies) == expected
    assert companies[expected[0]].cue == cue


def test_a_known_company_under_its_groups_prefix_is_not_proposed_again(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    known = Entity("hyundai-heavy", "companies", "Hyundai Heavy Industries")
    found = discover_candidates([article(GROUPS)], small_taxonomy(known), gazetteer)
    assert "HD Hyundai Heavy Industries" not in {c.name for c in found}


def test_a_business_groups_name_in_a_table_row_is_not_cut_out(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    table = Paragraph("p-t", "2020/12/1 Hitachi Zosen JCOAL Yulin Zone\n2021/2/1 Toshiba", "table")
    assert discover_candidates([[table]], small_taxonomy(), gazetteer) == []


def test_a_titled_name_with_accents_is_a_person(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = "Foreign Minister Péter Szijjártó told reporters the plant would open in 2027."
    found = {c.name: c for c in discover_candidates([article(text)], small_taxonomy(), gazetteer)}
    assert found["Péter Szijjártó"].kind == "people"
    assert found["Péter Szijjártó"].fields["role"] == "minister"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Governor Kim signed it with Minister of Economic Affairs, Labour and Tourism Nicole"
            " Hoffmeister-Kraut.",
            "Nicole Hoffmeister-Kraut",
        ),
        (
            "Trade Minister Anne-Marie Trevelyan visited the Xylo plant in May.",
            "Anne-Marie Trevelyan",
        ),
        ("Ambassador Shaun O'Neill said the Xylo plant would open in 2027.", "Shaun O'Neill"),
    ],
)
def test_a_titled_name_with_a_double_or_apostrophised_part_is_a_person_whole(
    gazetteer: Mapping[str, tuple[Place, ...]], text: str, name: str
) -> None:
    found = {c.name: c for c in discover_candidates([article(text)], small_taxonomy(), gazetteer)}
    assert found[name].kind == "people"
    assert not {n for n in found if n != name and set(n.split()) & set(name.split())}


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("KRAKÓW, 12 June 2025 – Xylo opened a plant in Poland, the ministry said.", ["Kraków"]),
        ("Kraków, June 12 (PAP) - Xylo opened a plant in Poland, the ministry said.", ["Kraków"]),
        # No date after the name: a name opening a sentence is no dateline.
        ("Kraków - Xylo's home town - welcomed a plant in Poland, the ministry said.", []),
    ],
)
def test_the_place_of_a_dateline_is_a_place(
    gazetteer: Mapping[str, tuple[Place, ...]], lead: str, expected: list[str]
) -> None:
    found = discover_candidates([article(lead)], small_taxonomy(), gazetteer)
    places = [c for c in found if c.kind == "regions"]
    assert [c.name for c in places] == expected
    assert all(c.fields["parent"] == "poland" for c in places)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xylo signed a battery pact with Poland's Kraków in May.", ["Kraków"]),
        ("Xylo signed a battery pact with Poland’s Kraków in May.", ["Kraków"]),
        # The possessive is another country's, or no country's: no cue.
        ("Poland hosted it, and the United Kingdom's Kraków fund paid for it.", []),
        ("Xylo's Kraków fund paid for its plant in Poland.", []),
        # The name says what it is.
        ("Xylo signed it with the Silesian Voivodeship of Poland.", ["Silesian Voivodeship"]),
        # Three words after the possessive: the place keeps them all.
        ("Xylo and Poland's Lower Silesian Voivodeship signed it.", ["Lower Silesian Voivodeship"]),
        # Written without its diacritics, as English news often is: the gazetteer's name.
        ("Xylo signed a battery pact with Poland's Krakow in May.", ["Kraków"]),
        ("Xylo opened a plant in Wroclaw, Poland, in May.", ["Wrocław"]),
        # A name may open with a capital that has a mark.
        ("Xylo signed a battery pact with Poland's Łódź in May.", ["Łódź"]),
        # The place's own possessive.
        ("Xylo will build a plant in Kraków's northern zone in Poland.", ["Kraków"]),
    ],
)
def test_a_place_after_its_own_countrys_possessive_or_named_as_one_is_a_place(
    gazetteer: Mapping[str, tuple[Place, ...]], text: str, expected: list[str]
) -> None:
    found = discover_candidates([article(text)], small_taxonomy(), gazetteer)
    places = [c for c in found if c.kind == "regions"]
    assert [c.name for c in places] == expected
    assert all(c.fields["parent"] == "poland" for c in places)


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Saxony's Minister-President Michael Kretschmer met the Xylo board.",
            "Michael Kretschmer",
            "minister-president",
        ),
        (
            "Deputy Prime Minister Choi Sang-mok opened the Xylo plant in March.",
            "Choi Sang-mok",
            "deputy prime minister",
        ),
        (
            "Xylo's Chief Executive Lena Berg said the plant opens in March.",
            "Lena Berg",
            "chief executive",
        ),
        # A portfolio between the title and the name.
        (
            "Hungarian Minister of Foreign Affairs and Trade Péter Szijjártó met the Xylo board.",
            "Péter Szijjártó",
            "minister of Foreign Affairs and Trade",
        ),
        (
            "Minister of Commerce, Industry and Energy Piyush Goyal opened the Xylo plant.",
            "Piyush Goyal",
            "minister of Commerce, Industry and Energy",
        ),
        (
            "Governor of the Xylo Province Lee Cheol-woo met the Xylo board.",
            "Lee Cheol-woo",
            "governor of the Xylo Province",
        ),
        # A three-word name after a country; a country's name is no part of one.
        (
            "Consul General of China Zhang Cheng Gang met the Xylo board.",
            "Zhang Cheng Gang",
            "consul general of China",
        ),
        (
            "President of the United States Donald Trump met the Xylo board.",
            "Donald Trump",
            "president of the United States",
        ),
        # Titles of regional and state offices abroad.
        (
            "Marshal of the Voivodeship Wojciech Saługa-Nowak met the Xylo board.",
            "Wojciech Saługa-Nowak",
            "marshal of the Voivodeship",
        ),
        ("Chancellor Olaf Scholz opened the Xylo plant in March.", "Olaf Scholz", "chancellor"),
        # A portfolio's last word is never the name's first.
        (
            "Saxony's Minister of Economic Affairs Dirk Panter met the Xylo board.",
            "Dirk Panter",
            "minister of Economic Affairs",
        ),
        # Vietnamese letters; the institution's head word ends the portfolio, not the name.
        (
            "Vice Chairman of the Bắc Ninh Provincial People's Committee Đào Quang Khải met them.",
            "Đào Quang Khải",
            "vice chairman of the Bắc Ninh Provincial People's Committee",
        ),
    ],
)
def test_a_compound_title_and_its_portfolio_are_the_persons_whole_role(
    gazetteer: Mapping[str, tuple[Place, ...]], sentence: str, name: str, role: str
) -> None:
    found = discover_candidates([article(sentence)], small_taxonomy(), gazetteer)
    people = {c.name: c for c in found if c.kind == "people"}
    assert list(people) == [name] and people[name].fields["role"] == role


@pytest.mark.parametrize(
    ("sentence", "organizations", "people"),
    [
        (
            "Chairman of the Korea Battery Industry Association Park Min-soo opened it.",
            ["Korea Battery Industry Association"],
            ["Park Min-soo"],
        ),
        # An institution's name is no person's, whatever title precedes it.
        (
            "Chairman of the Korea Battery Industry Association (KBIA) Park Min-soo opened it.",
            ["Korea Battery Industry Association"],
            [],
        ),
        (
            "Vice Chairman of the Bắc Ninh Provincial People's Committee Đào Quang Khải met them.",
            [],
            ["Đào Quang Khải"],
        ),
    ],
)
def test_an_institutions_name_ends_where_a_titled_persons_begins(
    gazetteer: Mapping[str, tuple[Place, ...]],
    sentence: str,
    organizations: list[str],
    people: list[str],
) -> None:
    found = discover_candidates([article(sentence)], small_taxonomy(), gazetteer)
    assert [c.name for c in found if c.kind == "organizations"] == organizations
    assert [c.name for c in found if c.kind == "people"] == people


def test_a_companys_acronym_after_its_legal_name_is_its_alias(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = "Nordhan Semiconductor Co. (NSC) will open a second fab in Poland next year."
    [found] = discover_candidates([article(text)], small_taxonomy(), gazetteer)
    assert found.name == "Nordhan Semiconductor"
    assert set(found.aliases) == {"Nordhan Semiconductor Co.", "NSC"}
    # Known by its acronym: not proposed again under its long name.
    known = Entity("nsc", "companies", "NSC")
    assert discover_candidates([article(text)], small_taxonomy(known), gazetteer) == []


KOREAN_TEXT = (
    "㈜에코프로비엠은 포항에 양극재 공장을 짓는다. 에코프로비엠 관계자는 착공을 밝혔다. "
    "LG디스플레이㈜와 (주)에스케이이노베이션이 참여하고, 주식회사 한화가 투자한다. 한화는 밝혔다. "
    "이철우 경북도지사가 참석했고, 박완수 도지사는 축사를 했다. 강기정 광주시장과 김영록 전남지사도 "
    "협약했다. 안덕근 산업통상자원부 장관은 지원을 약속했다."
)
# Titles that are also common nouns, inside phrases that name no one.
KOREAN_NOUNS = (
    "세계 반도체 시장은 커진다. 배터리 소재시장에서 경쟁한다. 국토부 장관이 방문했다. "
    "삼성전자 시장점유율은 높다. 해외 지사를 늘린다."
)


def korean_taxonomy() -> Taxonomy:
    """Regions named in Hangul, as the shipped taxonomy names them."""
    taxonomy = small_taxonomy()
    for entity_id, name, alias in (
        ("gwangju", "Gwangju", "광주"),
        ("jeollanam-do", "Jeollanam-do", "전남"),
    ):
        taxonomy.add(Entity(entity_id, "regions", name, (alias,), fields={"kind": "city"}))
    return taxonomy


def test_korean_companies_are_found_by_their_legal_mark_and_people_by_their_title(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    found = discover_candidates([article(KOREAN_TEXT)], korean_taxonomy(), gazetteer)
    assert {(c.kind, c.name): dict(c.fields).get("role") for c in found} == {
        ("companies", "LG디스플레이"): None,  # 이 ends its name: not cut
        ("companies", "에스케이이노베이션이"): None,  # written nowhere without 이: kept whole
        ("companies", "에코프로비엠"): None,  # 은 is cut
        ("companies", "한화"): None,  # 가 is cut: the text writes 한화는 too
        ("people", "강기정"): "mayor",
        ("people", "김영록"): "governor",
        ("people", "박완수"): "governor",
        ("people", "안덕근"): "minister",
        ("people", "이철우"): "governor",
    }
    kim = next(c for c in found if c.name == "김영록")
    assert kim.fields["organization"] == "전남"


def test_the_word_before_a_korean_companys_mark_is_not_a_company(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = (
        "도는 3월 11일 ㈜에코프로비엠과 협약했다. 전해액 기업 ㈜엔켐은 투자한다. "
        "분리판 기업 씨에스에이치 (주)는 공장을 짓는다."
    )
    found = discover_candidates([article(text)], korean_taxonomy(), gazetteer)
    assert sorted(c.name for c in found if c.kind == "companies") == [
        "씨에스에이치",
        "에코프로비엠",
        "엔켐",
    ]


def test_korean_titles_that_are_common_nouns_name_no_one(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    # 소재시장 (the materials market) has the shape of 광주시장 (Gwangju's mayor); 소재 is no
    # known place, and 시장 after a bare word is "market".
    assert discover_candidates([article(KOREAN_NOUNS)], korean_taxonomy(), gazetteer) == []


def known_companies(*names: tuple[str, str]) -> Taxonomy:
    """The Korean taxonomy with companies known by their native names: (id, name)."""
    taxonomy = korean_taxonomy()
    for entity_id, name in names:
        taxonomy.add(Entity(entity_id, "companies", name))
    return taxonomy


def test_chinese_companies_are_found_by_their_legal_form_from_where_the_clause_names_them(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = (
        "重庆市政府与重庆长安汽车股份有限公司（以下简称“公司”）签署战略合作协议。"
        "宁德时代新能源科技股份有限公司（以下简称“宁德时代”）在宜宾投资建设基地。"
        "项目由四川东材科技集团有限公司投资建设，华为技术有限公司参与。该有限公司表示支持。"
    )
    found = {c.name: c for c in discover_candidates([article(text)], small_taxonomy(), gazetteer)}
    assert sorted(found) == ["华为技术", "四川东材科技集团", "宁德时代新能源科技", "重庆长安汽车"]
    # The full name, and the short name the text declares, are aliases; "公司" (the company)
    # abbreviates no name and is none.
    assert found["宁德时代新能源科技"].aliases == ("宁德时代", "宁德时代新能源科技股份有限公司")
    assert found["重庆长安汽车"].aliases == ("重庆长安汽车股份有限公司",)
    assert {c.kind for c in found.values()} == {"companies"}


def test_japanese_companies_are_found_by_their_legal_form_before_or_after_the_name(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = (
        "愛知県は、トヨタ自動車株式会社（以下「トヨタ」という）と協定を締結した。"
        "本日株式会社デンソーが発表し、岩谷産業㈱も参加する。"
    )
    found = {c.name: c for c in discover_candidates([article(text)], small_taxonomy(), gazetteer)}
    # 本日 ("today") before a form that opens the next name is no company.
    assert sorted(found) == ["デンソー", "トヨタ自動車", "岩谷産業"]
    assert found["トヨタ自動車"].aliases == ("トヨタ", "トヨタ自動車株式会社")


def test_names_listed_beside_a_known_company_are_companies_in_any_east_asian_script(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = (
        "支持长安汽车、赛力斯和东方电气等整车企业扩大产能，带动动力电池、电驱动系统等配套企业集聚发展。"
        "포스코퓨처엠, 에코프로비엠 등 양극재 기업이 참여한다. 서울, 부산 등 대도시 기업이 많다. "
        "센터는 기술을 실증하며, 포스코퓨처엠 등 기업 20곳이 참여한다. "
        "포스코퓨처엠, 혼다 등 완성차 기업도 왔다. "
        "県はトヨタ自動車、デンソーなどの自動車メーカーと連携する。"
    )
    taxonomy = known_companies(
        ("changan", "长安汽车"), ("posco-future-m", "포스코퓨처엠"), ("toyota", "トヨタ自動車")
    )
    found = discover_candidates([article(text, text)], taxonomy, gazetteer)
    # Industries listed as 等配套企业, and cities before 등 대도시 기업, beside no known company:
    # not companies, though each is listed twice. A comma after a verb (실증하며,) ends a
    # clause, not a name.
    # 혼다 (Honda) ends as a sentence does (다), and is a name all the same.
    assert sorted(c.name for c in found) == [
        "デンソー",
        "东方电气",
        "赛力斯",
        "에코프로비엠",
        "혼다",
    ]
    assert {c.kind for c in found} == {"companies"}
    # Without a known company among them, the same lists propose nothing.
    assert discover_candidates([article(text)], korean_taxonomy(), gazetteer) == []


def test_a_company_found_by_its_legal_form_confirms_the_names_listed_beside_it(
    gazetteer: Mapping[str, tuple[Place, ...]],
) -> None:
    text = (
        "울산시는 삼성SDI, 고려아연, 에스엠랩 등 이차전지 기업과 간담회를 열었다. "
        "한편 ㈜에스엠랩은 공장을 증설한다. "
        "宜宾将支持宁德时代、天原集团等企业延伸产业链。"
        "支持比亚迪、赛力斯、重庆弗迪电池研究院有限公司等企业扩大产能。"
        "宁德时代新能源科技股份有限公司（以下简称“宁德时代”）签署协议。"
    )
    found = discover_candidates([article(text)], korean_taxonomy(), gazetteer)
    # A name listed with its legal form is listed by its name, so its list is no longer
    # than a list of names.
    assert sorted(c.name for c in found) == [
        "天原集团",
        "宁德时代新能源科技",
        "比亚迪",
        "赛力斯",
        "重庆弗迪电池研究院",
        "고려아연",
        "삼성SDI",
        "에스엠랩",
    ]


_NAMES = ["Acme Motors", "Boryeong", "Kim Min-su", "Dongfeng", "Hanil Steel"]
_KNOWN = ["Dongfeng", "Hanil Steel"]


def _found(kind: str, name: str, aliases: list[str], confident: bool) -> dict[str, object]:
    return {
        "kind": kind, "name": name, "aliases": aliases, "fields": {}, "cue": "legal suffix",
        "sentence": f"{name} said.", "count": 0, "confident": confident, "place": None, "peers": [],
    }  # fmt: skip


_SIGHTINGS = st.builds(
    _found,
    st.sampled_from(["companies", "regions", "people"]),
    st.sampled_from(_NAMES),
    st.lists(st.sampled_from(["Acme", "Acme Co", "Hanil", "Hanil Steel"]), max_size=2),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_SIGHTINGS, max_size=4), max_size=4), st.lists(_SIGHTINGS, max_size=6))
def test_sightings_of_known_names_never_change_the_candidates(
    documents: list[list[dict[str, object]]], noise: list[dict[str, object]]
) -> None:
    """What discovery skips early (a sighting of a name the taxonomy knows, in any kind) is
    what the rules would have set aside anyway, with everything merged into it."""
    taxonomy = Taxonomy()
    for number, name in enumerate(_KNOWN):
        taxonomy.add(Entity(f"known-{number}", "companies", name))
    scans = [Sightings(tuple(found), frozenset()) for found in documents]
    known_noise = [dict(data, name=_KNOWN[len(str(data["name"])) % 2]) for data in noise]
    assert select_candidates(scans, taxonomy) == select_candidates(
        [*scans, Sightings(tuple(known_noise), frozenset())], taxonomy
    )
    kinds_found = {(c.kind, c.name) for c in select_candidates(scans, taxonomy)}
    assert not {name for _, name in kinds_found} & set(_KNOWN)
    acme = [
        data
        for sightings in documents
        for data in sightings
        if (data["kind"], data["name"]) == ("companies", "Acme Motors")
    ]
    # Confidently seen, and never with a known name for an alias: a candidate; once seen with
    # one, never.
    aliases = {alias for data in acme for alias in data["aliases"]}  # type: ignore[attr-defined]
    company = ("companies", "Acme Motors")
    if aliases & set(_KNOWN):
        assert company not in kinds_found
    elif any(data["confident"] for data in acme):
        assert company in kinds_found
