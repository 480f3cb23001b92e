"""Tests for the gazetteer's region records and the editorial theme list."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.gazetteer import gazetteer_index, region_records
from generator.text import is_native_name, revised_romanization

THEMES = Path(__file__).resolve().parent.parent / "content" / "themes.yaml"
THEME_IDS = [
    "batteries", "semiconductors", "displays", "ai-digital", "smart-manufacturing",
    "automotive-mobility", "hydrogen-energy", "renewable-energy", "carbon-neutrality",
    "trade-investment", "local-diplomacy", "logistics-transport", "healthcare-bio",
    "agriculture-food", "quantum", "critical-minerals", "talent-education", "urban-development",
    "tourism-culture", "regulation-policy",
]  # fmt: skip


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return region_records()


@pytest.fixture(scope="module")
def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in records}


def _named(records: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [record for record in records if record["name"] == name]


def _chain(by_id: dict[str, dict[str, Any]], region_id: str) -> list[str]:
    chain = [region_id]
    while "parent" in by_id[chain[-1]]:
        chain.append(by_id[chain[-1]]["parent"])
    return chain


def test_pohang_lies_in_gyeongsangbuk_do_in_south_korea(records, by_id):
    (pohang,) = _named(records, "Pohang")
    assert _chain(by_id, pohang["id"]) == ["pohang", "gyeongsangbuk-do", "south-korea"]
    assert pohang["kind"] == "city"
    assert pohang["country"] == "KR"
    assert pohang["coordinates"] == pytest.approx([36.0, 129.4], abs=0.1)


def test_chengdu_lies_in_sichuan_in_china(records, by_id):
    (chengdu,) = _named(records, "Chengdu")
    assert _chain(by_id, chengdu["id"]) == ["chengdu", "sichuan", "china"]
    assert by_id["sichuan"]["aliases"][:2] == ["Sichuan Sheng", "Sichuan Province"]


def test_chongqing_is_one_municipality_under_china(records):
    (chongqing,) = _named(records, "Chongqing")
    assert chongqing["kind"] == "municipality"
    assert chongqing["parent"] == "china"
    assert "Chongqing Shi" in chongqing["aliases"]


def test_korean_provinces_get_their_english_and_short_forms(by_id):
    gyeongbuk = by_id["gyeongsangbuk-do"]
    assert gyeongbuk["name"] == "Gyeongsangbuk-do"
    assert gyeongbuk["kind"] == "province"
    assert gyeongbuk["parent"] == "south-korea"
    for alias in ("Gyeongbuk", "North Gyeongsang Province", "Gyeongbuk Province"):
        assert alias in gyeongbuk["aliases"]
    assert "Chungbuk" in by_id["chungcheongbuk-do"]["aliases"]
    assert "South Jeolla Province" in by_id["jeollanam-do"]["aliases"]
    assert "Jeonnam" in by_id["jeollanam-do"]["aliases"]
    assert "Gyeonggi Province" in by_id["gyeonggi-do"]["aliases"]


def test_metropolitan_cities_are_one_record_each(records, by_id):
    for name in ("Seoul", "Busan", "Incheon"):
        assert len(_named(records, name)) == 1
    assert by_id["seoul"]["kind"] == "special-city"
    assert by_id["busan"]["kind"] == "metropolitan-city"
    assert "Busan-gwangyeoksi" in by_id["busan"]["aliases"]
    assert "Busan Metropolitan City" in by_id["busan"]["aliases"]
    assert by_id["incheon"]["parent"] == "south-korea"


def test_korean_city_names_drop_si_and_use_revised_romanization(by_id):
    assert by_id["cheongju"]["name"] == "Cheongju"
    assert {"Cheongju-si", "Cheongju City"} <= set(by_id["cheongju"]["aliases"])
    assert by_id["cheongju"]["parent"] == "chungcheongbuk-do"
    assert by_id["gimhae"]["aliases"][0] == "Kimhae"  # GeoNames' McCune-Reischauer name
    assert by_id["pyeongtaek"]["parent"] == "gyeonggi-do"  # near the Chungcheongnam-do border


def test_korean_cities_geonames_counts_by_their_centre_are_kept_when_named_by_office(by_id):
    # GeoNames counts Asan's centre (97,749), Dangjin's (32,778, as McCune-Reischauer's
    # Tangjin): under the threshold, but named by their offices (아산시, 당진시), they are cities.
    assert by_id["asan"]["parent"] == "chungcheongnam-do"
    assert by_id["dangjin"]["name"] == "Dangjin"
    assert {"Tangjin", "Dangjin-si", "당진"} <= set(by_id["dangjin"]["aliases"])
    assert by_id["dangjin"]["parent"] == "chungcheongnam-do"
    assert by_id["seosan"]["parent"] == "chungcheongnam-do"
    assert {"Wanju-gun", "Wanju County"} <= set(by_id["wanju"]["aliases"])  # a county
    assert "Wanju-si" not in by_id["wanju"]["aliases"]
    # Named in McCune-Reischauer (Chinju) with the office 진주시: Jinju, the old name an alias.
    assert by_id["jinju"]["name"] == "Jinju" and "Chinju" in by_id["jinju"]["aliases"]
    # An eup (와부, no office) stays out, however many people GeoNames counts there.
    assert "wabu" not in by_id


@pytest.mark.parametrize(
    ("hangul", "romanized"),
    [
        ("진주", "Jinju"),
        ("밀양", "Miryang"),  # a final read into the next syllable
        ("강릉", "Gangneung"),  # ㄹ after ㅇ is n
        ("신라", "Silla"),  # ㄴ before ㄹ is l
        ("왕십리", "Wangsimni"),  # ㅂ before ㄹ is m, and the ㄹ n
        ("종로", "Jongno"),
        ("의정부", "Uijeongbu"),
        ("울릉", "Ulleung"),
        ("칠곡", "Chilgok"),
        ("동두천", "Dongducheon"),
    ],
)
def test_korean_names_are_written_in_the_revised_romanization(hangul, romanized):
    assert revised_romanization(hangul) == romanized


def test_places_get_their_names_in_korean_chinese_and_japanese_script(by_id):
    # Countries from ISO 3166's translations, with the short forms texts use (한국).
    assert {"한국", "대한민국", "韩国"} <= set(by_id["south-korea"]["aliases"])
    assert {"미국", "美国", "米国"} <= set(by_id["united-states"]["aliases"])
    # Subdivisions in their country's script, with the forms of their kind.
    assert by_id["gyeongsangnam-do"]["aliases"][-3:] == ["경상남도", "경남", "경남도"]
    assert {"부산", "부산광역시", "부산시"} <= set(by_id["busan"]["aliases"])
    assert {"四川省", "四川"} <= set(by_id["sichuan"]["aliases"])
    assert {"广西壮族自治区", "广西"} <= set(by_id["guangxi"]["aliases"])
    # 경기 alone is the economy, not the province.
    assert "경기" not in by_id["gyeonggi-do"]["aliases"]
    assert "경기도" in by_id["gyeonggi-do"]["aliases"]
    # Cities from GeoNames, also without their administrative ending and its space.
    assert {"창원시", "창원", "昌原市"} <= set(by_id["changwon"]["aliases"])
    assert {"成都市", "成都", "청두"} <= set(by_id["chengdu"]["aliases"])
    # Every native form is written wholly in those scripts; a hiragana reading (よこはま) is
    # a dictionary entry, not how texts write the city.
    native = [
        alias
        for record in by_id.values()
        for alias in record["aliases"]
        if re.search("[\uac00-\ud7a3\u3040-\u30ff\u4e00-\u9fff]", alias)
    ]
    assert native and all(is_native_name(alias) for alias in native)
    assert "横浜" in by_id["yokohama"]["aliases"]
    assert "よこはま" not in by_id["yokohama"]["aliases"]


def test_countries_use_short_english_names(by_id):
    assert {"Korea", "ROK", "S. Korea"} <= set(by_id["south-korea"]["aliases"])
    assert "parent" not in by_id["south-korea"]
    assert {"USA", "U.S.", "United States of America"} <= set(by_id["united-states"]["aliases"])
    assert {"UK", "Britain"} <= set(by_id["united-kingdom"]["aliases"])
    for region_id in ("russia", "vietnam", "taiwan", "china", "japan"):
        assert by_id[region_id]["kind"] == "country"


def test_a_countrys_index_form_turned_round_is_one_of_its_names(by_id):
    # ISO files them as "Korea, Republic of" and "Congo, The Democratic Republic of the".
    assert "Republic of Korea" in by_id["south-korea"]["aliases"]
    assert "Democratic People's Republic of Korea" in by_id["north-korea"]["aliases"]
    congo = by_id["democratic-republic-of-the-congo"]
    assert "Democratic Republic of the Congo" in [congo["name"], *congo["aliases"]]
    # Not every comma files a name: "Taiwan, Province of China" is no "Province of China Taiwan".
    assert not any("Province of China" in alias for alias in by_id["taiwan"]["aliases"])


def test_every_detail_city_has_a_subdivision_parent(records, by_id):
    for record in records:
        if record["kind"] == "city" and record["country"] in ("KR", "CN", "JP"):
            assert by_id[record["parent"]]["kind"] != "country", record


def test_ids_are_unique_and_parents_exist(records, by_id):
    assert len(by_id) == len(records)
    assert [record["id"] for record in records] == sorted(by_id)
    assert all(record["parent"] in by_id for record in records if "parent" in record)
    assert Counter(record["kind"] for record in records)["country"] == 249


def test_records_keep_the_schema_order_and_leave_out_empty_fields(records):
    order = ["id", "name", "kind", "parent", "country", "aliases", "coordinates"]
    for record in records:
        assert list(record) == [key for key in order if key in record]
        assert None not in record.values()
        assert record["name"] not in record["aliases"]


def test_records_are_deterministic(records):
    assert region_records() == records


def test_themes_file_lists_the_editorial_themes():
    themes = yaml.safe_load(THEMES.read_text(encoding="utf-8"))
    assert [theme["id"] for theme in themes] == THEME_IDS
    for theme in themes:
        assert list(theme) == ["id", "name", "description", "terms"]
        assert theme["description"] and "\n" not in theme["description"]
        assert len(theme["terms"]) >= 8
        assert len(set(theme["terms"])) == len(theme["terms"])
    terms = Counter(term for theme in themes for term in theme["terms"])
    assert [term for term, count in terms.items() if count > 1] == []  # one theme per term


def test_the_index_knows_english_names_of_regions_iso_spells_otherwise() -> None:
    index = gazetteer_index()
    for name, country, kind in [
        ("Saxony", "DE", "land"),
        ("Thuringia", "DE", "land"),
        ("Lombardy", "IT", "region"),
        ("Carinthia", "AT", "state"),
    ]:
        assert (name, country, kind) in {
            (p.name, p.country, p.kind) for p in index[name.casefold()]
        }
    # ISO's own names stay, and a generic name or an acronym is no region of its own.
    assert any(place.name == "Sachsen" for place in index["sachsen"])
    assert not [p for p in index.get("western", ()) if p.country == "LK"]  # "Western Province"
    assert "nct" not in index
    # A city keeps its place before the region of its name.
    assert index["madrid"][0].kind == "city"
