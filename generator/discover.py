"""Discovery: name the companies, organizations, people and places no taxonomy lists yet.

Each rule looks for a form that marks a proper name as one kind: a legal suffix or a cue
phrase for a company, an institutional head word for an organization, a title before a name
for a person, a gazetteer place with its country named nearby. A candidate must look like a
proper name in this corpus: at least one of its words is never written in lower case here, so
title-cased generic phrases ("Research Institute") are not taken for names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from generator.cjk_names import LISTED_CUE, CjkName, cjk_names
from generator.entities import taggable_paragraphs
from generator.gazetteer import Place, country_forms
from generator.korean_names import OFFICE_OF_A_PLACE, KoreanName, korean_names, korean_words
from generator.model import ENTITY_KINDS, Paragraph
from generator.taxonomy import Taxonomy
from generator.text import (
    CJK_CHARACTER,
    KOREAN_ADMIN_ENDINGS,
    LEGAL_FORMS,
    MONTH_NAMES,
    NAME_JOINS,
    dateline_place,
    name_key,
    split_sentences,
    strip_ending,
)

# Letters of names, accents included ("Péter Szijjártó", "Łódź", "Đào Quang Khải"): Latin-1's,
# Latin Extended's and Vietnamese's (Latin Extended Additional), whose capitals and small
# letters alternate.
_EXTENDED = [chr(code) for code in [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]]
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(letter for letter in _EXTENDED if letter.isupper())
_LOWER = "a-zß-öø-ÿ" + "".join(letter for letter in _EXTENDED if letter.islower())
# A word of a proper name: capitalised, or an acronym, possibly with inner & . ' - (LG, SK-On).
_WORD = rf"(?:[{_UPPER}][\w&'’.-]*[\w&]|[{_UPPER}])"
_NAME = rf"{_WORD}(?:\s+{_WORD}){{0,4}}"
# An acronym in parentheses after a name is its short form: "(KOTRA)".
_ACRONYM = re.compile(r"^\s*\((?P<acronym>[A-Z][A-Za-z&-]{1,11})\)")

# Legal forms that make a name a company; the name is kept without them.
_LEGAL_SUFFIX = re.compile(rf"(?P<name>{_NAME})\s*,?\s+(?P<suffix>{LEGAL_FORMS})(?!\w)")
# Head words that end many company names; with these a name needs a second sighting or a cue.
_COMPANY_HEADS = (
    "Electronics|Chemicals?|Motors?|Steel|Semiconductors?|Materials|Solutions?|Technologies"
    "|Technology|Industries|Heavy Industries|Engineering|Construction|Pharmaceuticals?"
    "|Biologics|Holdings|Corporation|Group|Energy|Batteries|Battery|Systems|Networks|Telecom"
    "|Shipbuilding|Logistics|Aerospace|Robotics|Automotive|Display|Chem"
)
_COMPANY_HEAD = re.compile(rf"{_WORD}(?:\s+{_WORD}){{0,3}}\s+(?:{_COMPANY_HEADS})")
# Business groups whose name opens their companies' names, so "Doosan Enerbility" or "Hanwha
# Ocean" is a company however the text introduces it: Korea's large business groups (the
# Fair Trade Commission's list, in the groups' own Latin spelling) and Japan's and China's
# best known. Longest first, so "HD Hyundai" wins over "Hyundai".
_BUSINESS_GROUPS = sorted(
    (
        "Samsung|SK|Hyundai|HD Hyundai|LG|Lotte|POSCO|Posco|Hanwha|GS|Shinsegae|CJ|Hanjin|KT"
        "|Kakao|Doosan|LS|Naver|Kumho|Hyosung|HL|Mirae Asset|Celltrion|Youngpoong|Taekwang"
        "|Amorepacific|SeAH|Kolon|OCI|Ecopro|EcoPro|Hankook|Halla|DB|Daewoo|Dongkuk"
        "|Toyota|Hitachi|Panasonic|Mitsubishi|Sumitomo|Mitsui|Toshiba|Honda|Nissan"
        "|Huawei|Alibaba|Tencent|Geely|Haier"
    ).split("|"),
    key=lambda name: (-len(name), name),
)
_GROUP_NAMES = frozenset(_BUSINESS_GROUPS)
# Words after a group's name that make the span a place or a site, not a company.
_SITE_WORDS = frozenset(
    {"City", "Province", "County", "Prefecture", "District", "Park", "Campus", "Tower", "Plaza"}
)
_GROUP_COMPANY = re.compile(
    rf"(?<![\w-])(?:{'|'.join(map(re.escape, _BUSINESS_GROUPS))})(?:\s+{_WORD}){{1,3}}"
)
# "companies such as A, B and C", "companies—A, B and C—": every item of the list is a company.
# The items are a lookahead, so a cue inside another's list is found too ("companies, including
# leading firms such as A and B").
_COMPANY_LIST = re.compile(
    r"\b(?:companies|firms|manufacturers|makers|enterprises|corporations|conglomerates)"
    r"(?:,?\s+(?:such as|including|like|namely)\s+|\s*[—–]\s*)(?=(?P<items>[^.;:()—–]+))"
)
# "A, B and C", "A and B": the names one list joins are of one kind, so a list naming a
# business group's company lists companies ("with Sungil Hitech, Daejoo Electronic Materials
# and Lotte Energy Materials").
_NAME_LIST = re.compile(rf"(?<![\w-]){_NAME}(?:,\s+{_NAME})*,?\s+and\s+{_NAME}")
# Separators between the items of such a list: "A, B, and C", "A or B".
_LIST_SEPARATOR = re.compile(r",?\s+(?:and|or|as well as)\s+|,\s*")
# Lower-case words that may follow the last name of such a list: the sentence goes on.
_LIST_END_WORDS = frozenset(
    "to in at on of for from with as have has had are is was were will would can could may "
    "that which who whose among plus already also all both each".split()
)
# "X, a battery maker" / "X, the Korean company": the appositive names X's kind.
_COMPANY_APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:company|firm|manufacturer|maker|producer|supplier|conglomerate|start-?up)\b"
)
# "battery maker CATL", "Chinese automaker BYD", "chipmaker TSMC": a word for a company
# right before a name says what the name is; the only cue a one-word name like these gets.
_COMPANY_DESCRIPTOR = re.compile(
    r"(?<![\w-])(?:[a-z]+-)?(?:(?:auto|car|chip|steel|battery|cell|drug)?maker|shipbuilder"
    r"|manufacturer|producer|supplier|company|firm|giant|conglomerate|start-?up|chaebol)"
    rf"\s+(?P<name>{_NAME})"
)

# Head words of institutions: a proper-name span holding one is an organization.
_ORG_HEADS = frozenset(
    {
        "Ministry",
        "Association",
        "Institute",
        "Agency",
        "Foundation",
        "Council",
        "Commission",
        "Federation",
        "Committee",
        "Center",
        "Centre",
        "University",
        "Bureau",
        "Administration",
        "Authority",
        "Organization",
        "Organisation",
        "Society",
        "Forum",
        "Alliance",
        "Consortium",
        "Academy",
        "College",
        "Bank",
        "Chamber",
        "Service",
        "Office",
        "Department",
        "Assembly",
        "Government",
        "Secretariat",
        "Union",
    }
)
# The words a title's portfolio ends with ("Minister of Economic Affairs", "of Trade, Industry
# and Energy"): never the first word of the name after it, however the text writes them.
_PORTFOLIO_WORDS = frozenset(
    """affairs agriculture commerce culture defence defense development economy education
    employment energy environment finance fisheries health industry infrastructure innovation
    interior justice labor labour planning science security technology tourism trade transport
    welfare""".split()
)
# The joining words between the words of one name (NAME_JOINS).
_CONNECTOR = rf"(?:\s+(?:{'|'.join(NAME_JOINS)})(?=\s+[{_UPPER}]))*\s+"
_LIST_COMMA = rf",\s+(?={_WORD}(?:,\s+{_WORD})*,?\s+and\s+{_WORD})"
_SPAN = re.compile(rf"{_WORD}(?:(?:{_CONNECTOR}|{_LIST_COMMA}){_WORD})*")
_POSSESSIVE = re.compile(r"^.*['’]s\s+")
# The possessive ending of a word or a name: "CATL's" → "CATL".
_POSSESSIVE_END = re.compile(r"['’]s$")

# Titles before a name; the longest title wins ("Vice Minister" before "Minister").
_TITLES = sorted(
    (
        "Governor",
        "Vice Governor",
        "Lieutenant Governor",
        "Deputy Governor",
        "Mayor",
        "Deputy Mayor",
        "Vice Mayor",
        "Marshal",  # of a Polish voivodeship
        "Voivode",
        "Prefect",
        "Chancellor",
        "Vice Chancellor",
        "Speaker",
        "Consul",
        "Envoy",
        "Minister",
        "Vice Minister",
        "Deputy Minister",
        "Prime Minister",
        "Deputy Prime Minister",
        "Minister-President",
        "Minister President",
        "Chief Minister",
        "State Secretary",
        "President",
        "Vice President",
        "Chairman",
        "Vice Chairman",
        "Chairwoman",
        "Chairperson",
        "Chair",
        "CEO",
        "Chief Executive",
        "Director",
        "Director-General",
        "Director General",
        "Ambassador",
        "Consul General",
        "Professor",
        "Prof.",
        "Dr.",
        "Secretary",
        "Secretary-General",
        "Secretary General",
        "Premier",
        "Vice Premier",
        "Commissioner",
        "Party Secretary",
        "General Manager",
        "Senior Researcher",
        "Researcher",
        "Head",
        "Chief",
        "Representative",
        "Senator",
        "Congressman",
        "Congresswoman",
        "Mr.",
        "Ms.",
    ),
    key=lambda title: (-len(title), title),
)
_TITLE_WORDS = frozenset(word for title in _TITLES for word in re.split(r"[\s-]+", title))
_TITLE_PATTERN = "|".join(re.escape(title) for title in _TITLES)
# Korean names are written "Lee Cheol-woo"; other names are two or three capitalised words.
_KOREAN_NAME = r"[A-Z][a-z]{1,3}\s+[A-Z][a-z]+[-—–][A-Za-z][a-z]+"
_KOREAN_NAME_FORM = re.compile(_KOREAN_NAME)
# A part may be double ("Hoffmeister-Kraut", "Anne-Marie") or take an apostrophe ("O'Neill").
_NAME_PART = rf"[{_UPPER}](?:'[{_UPPER}])?[{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PERSON_NAME = rf"(?:{_KOREAN_NAME}|{_NAME_PART}(?:\s+{_NAME_PART}){{1,2}})"
# The portfolio a title may name before the name: "Minister of Foreign Affairs and Trade
# Péter Szijjártó". The pattern gives the name the fewest words it can (see _titled_name).
_PORTFOLIO = rf"\s+of\s+(?:the\s+)?{_WORD}(?:(?:,|\s+(?:and|&))?\s+{_WORD})*"
_TITLED_PERSON = re.compile(
    rf"(?<![\w-])(?P<role>{'|'.join(re.escape(title) for title in _TITLES)})"
    rf"(?P<portfolio>{_PORTFOLIO})?\s+(?P<name>{_PERSON_NAME})(?![\w-])"
)
_PERSON_ROLE_AFTER = re.compile(
    rf"(?P<name>{_KOREAN_NAME}),\s+(?:the\s+)?"
    rf"(?P<role>{'|'.join(re.escape(title) for title in _TITLES)})"
    rf"(?:\s+of\s+(?:the\s+)?(?P<organization>{_NAME}))?"
)
# Courtesy titles say nothing of the role.
_NO_ROLE = frozenset({"Mr.", "Ms.", "Dr.", "Prof."})

# A place is confident when a place word follows it or a preposition of place precedes it.
_PLACE_WORDS = (
    "City|Province|County|Prefecture|State|Region|District|Voivodeship|Oblast|Governorate|Canton"
)
_PLACE_AFTER = re.compile(rf"^[\s-]*(?:{_PLACE_WORDS}|si|gun|gu|do)\b")
# A gazetteer name that ends with a place word says what it is: "Silesian Voivodeship".
_PLACE_WORD_LAST = re.compile(rf"\s(?:{_PLACE_WORDS})$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|near|to|of|across|around|between|and|visited)\s+$")
# Month and day names are capitalised and name towns somewhere; they are never taken for places.
_CALENDAR_WORDS = frozenset(
    {
        *MONTH_NAMES,
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }
)
_CAPITALISED_RUN = re.compile(rf"{_WORD}(?:\s+{_WORD}){{0,2}}")

# Words that capitalised open a sentence or a name without being part of it.
_LEADING_WORDS = frozenset(
    {
        "The",
        "A",
        "An",
        "This",
        "These",
        "That",
        "Those",
        "Its",
        "Their",
        "Our",
        "In",
        "At",
        "On",
        "For",
        "With",
        "By",
        "And",
        "But",
        "Also",
        "As",
        "While",
        "When",
        "According",
        "Under",
        "Through",
        "Meanwhile",
        "Since",
        "If",
        "After",
        "Before",
        "Following",
        "Both",
        "All",
        "Each",
        "Such",
        "Last",
        "Next",
        "During",
        "From",
        "To",
        "Of",
    }
)
# After "battery maker", a role or a word opening the sentence's next words ends the name.
_DESCRIBED_NAME_STOPS = _TITLE_WORDS | _LEADING_WORDS
_WORD_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


# A company that signed an article is a company however it writes its name ("bp").
_AUTHOR_CUE = "author of an article"


@dataclass(frozen=True)
class Candidate:
    """An entity found in the texts that the taxonomy does not list yet."""

    kind: str  # one of ENTITY_KINDS
    name: str
    aliases: tuple[str, ...]
    fields: Mapping[str, Any] = field(default_factory=dict)  # the kind's fields, e.g. role
    count: int = 1  # sightings across all texts
    cue: str = ""  # which rule found it, for the curator
    sentence: str = ""  # the first sentence it was seen in


@dataclass
class _Sighting:
    kind: str
    name: str
    aliases: list[str]
    fields: dict[str, Any]
    cue: str
    sentence: str
    count: int = 0
    confident: bool = False
    place: Place | None = None  # a region's gazetteer place; its parent is found at selection
    peers: list[str] = field(default_factory=list)  # a listed name's fellow items (cjk_names)


@dataclass(frozen=True)
class Sightings:
    """What discovery saw in one document, before the taxonomy is consulted.

    Kept per source, so a source that has not changed is not scanned again.
    """

    found: tuple[dict[str, Any], ...]  # each sighting as plain data
    lowercase: frozenset[str]  # words the document writes in lower case


def find_sightings(
    texts: Sequence[Sequence[Paragraph]], gazetteer: Mapping[str, tuple[Place, ...]]
) -> Sightings:
    """Scan one document's articles for names that look like entities of some kind."""
    lowercase = _lowercase_words(texts)
    countries = _countries()
    hangul_words = korean_words(p.text for paragraphs in texts for p in paragraphs)
    found = []
    for paragraphs in texts:
        # Sentences as written, a table's rows together: the rules that would run a name
        # from one cell into the next keep out of them (see _GROUP_COMPANY).
        all_sentences = [
            sentence
            for paragraph in taggable_paragraphs(paragraphs)
            for sentence in split_sentences(paragraph.text)
        ]
        sentences = [sentence for sentence in all_sentences if _is_english(sentence)]
        named_countries = _countries_named(" ".join(sentences), countries)
        for sentence in sentences:
            for sighting in _sentence_candidates(sentence, gazetteer, named_countries, lowercase):
                found.append(asdict(sighting))
        for sentence in all_sentences if hangul_words else ():
            found += [
                asdict(_korean_sighting(name, sentence))
                for name in korean_names(sentence, hangul_words)
            ]
        for sentence in all_sentences:
            if CJK_CHARACTER.search(sentence):
                found += [asdict(_cjk_sighting(name, sentence)) for name in cjk_names(sentence)]
    return Sightings(tuple(found), frozenset(lowercase))


def _korean_sighting(found: KoreanName, sentence: str) -> _Sighting:
    fields = {"role": found.role} if found.role else {}
    if found.office:
        fields["organization"] = found.office
    return _Sighting(found.kind, found.name, [], fields, found.cue, sentence, confident=True)


def _cjk_sighting(found: CjkName, sentence: str) -> _Sighting:
    # A listed name is confirmed by its peers, when candidates are chosen.
    return _Sighting(
        "companies",
        found.name,
        list(found.aliases),
        {},
        found.cue,
        sentence,
        confident=found.cue != LISTED_CUE,
        peers=list(found.peers),
    )


def read_sightings(data: Mapping[str, Any]) -> Sightings:
    """Rebuild Sightings from the plain data `asdict` gave, as a cache stores it."""
    return Sightings(tuple(data["found"]), frozenset(data["lowercase"]))


def discover_candidates(
    texts: Sequence[Sequence[Paragraph]],
    taxonomy: Taxonomy,
    gazetteer: Mapping[str, tuple[Place, ...]],
    authors: Sequence[tuple[str, str]] = (),
) -> list[Candidate]:
    """Find confident new entities in the articles' paragraphs, in a stable order.

    Args:
        texts: each article's paragraphs.
        taxonomy: the entities already known, in any status; none of their forms is proposed.
        gazetteer: places by name_key, from `gazetteer_index`.
        authors: (company name, article title) for articles a company wrote, as a compendium
            prints them; each such company is a candidate.

    Returns:
        Candidates sorted by kind and name, each with its aliases, fields and first sentence.
    """
    return select_candidates([find_sightings(texts, gazetteer)], taxonomy, authors)


def select_candidates(
    scans: Sequence[Sightings], taxonomy: Taxonomy, authors: Sequence[tuple[str, str]] = ()
) -> list[Candidate]:
    """Keep the confident sightings no taxonomy entry names, merged across documents."""
    lowercase = set().union(*(scan.lowercase for scan in scans))
    return choose_candidates([scan.found for scan in scans], lowercase, taxonomy, authors)


def known_names(taxonomy: Taxonomy) -> frozenset[str]:
    """Every name, alias and theme term the taxonomy holds, by name_key: none is a candidate."""
    return _every_known({kind: taxonomy.known_names(kind) for kind in ENTITY_KINDS}, taxonomy)


def _every_known(known: Mapping[str, set[str]], taxonomy: Taxonomy) -> frozenset[str]:
    """known_names, from the names of each kind already gathered."""
    return frozenset().union(*known.values(), _theme_terms(taxonomy))


def choose_candidates(
    found: Iterable[Iterable[Mapping[str, Any]]],
    lowercase: Container[str],
    taxonomy: Taxonomy,
    authors: Sequence[tuple[str, str]] = (),
) -> list[Candidate]:
    """select_candidates from each document's sightings (found, in document order; those of
    known names may be left out) and the words any document writes in lower case."""
    known = {kind: taxonomy.known_names(kind) for kind in ENTITY_KINDS}
    every_known = _every_known(known, taxonomy)
    regions = _region_ids(taxonomy)
    sightings: dict[tuple[str, str], _Sighting] = {}
    for company, title in authors:
        _record(
            sightings, _Sighting("companies", company, [], {}, _AUTHOR_CUE, title, confident=True)
        )
    for document_found in found:
        for data in document_found:
            # A known name is no candidate, whatever its other forms; nor is any other
            # sighting of that name (see below), which is then known as well. Most of what a
            # grown corpus sees is known: not rebuilding it is most of this loop.
            if name_key(data["name"]) not in every_known:
                _record(sightings, _sighting(data, regions))
    companies = known["companies"] | _confident_companies(sightings.values())
    candidates = []
    for sighting in sightings.values():
        forms = {name_key(sighting.name), *map(name_key, sighting.aliases)}
        if forms & every_known or _prefixes_known(sighting, known):
            continue
        if sighting.cue != _AUTHOR_CUE and not _looks_proper(sighting.name, lowercase):
            continue
        if sighting.kind == "people" and not _looks_like_person(sighting.name, lowercase):
            continue
        if sighting.cue == OFFICE_OF_A_PLACE and not _names_a_region(
            sighting.fields.get("organization", ""), known["regions"]
        ):
            continue  # 소재시장 is the materials market; 부산시장 is Busan's mayor
        if sighting.kind == "regions" and any(
            (kind, name_key(sighting.name)) in sightings
            for kind in ENTITY_KINDS
            if kind != "regions"
        ):
            continue  # "Dongfeng" the carmaker, not the town
        if sighting.peers and not sighting.confident:
            # Listed only: a company if one of its list's names is a company already known or
            # found by a sure sign (its legal form); seen again, it is still only listed
            # (动力电池、电驱动系统等配套企业).
            if any(name_key(peer) in companies for peer in sighting.peers):
                candidates.append(_candidate(sighting))
        elif sighting.confident or sighting.count >= 2:
            candidates.append(_candidate(sighting))
    return sorted(candidates, key=lambda c: (ENTITY_KINDS.index(c.kind), c.name.casefold(), c.name))


def _confident_companies(sightings: Iterable[_Sighting]) -> set[str]:
    """The names and aliases of the companies found by a sure sign, by name_key."""
    return {
        name_key(name)
        for sighting in sightings
        if sighting.kind == "companies" and sighting.confident
        for name in (sighting.name, *sighting.aliases)
    }


def _sentence_candidates(
    sentence: str,
    gazetteer: Mapping[str, tuple[Place, ...]],
    named_countries: set[str],
    lowercase: set[str],
) -> Iterable[_Sighting]:
    titled = list(_titled_people(sentence, lowercase))  # read once for both kinds
    yield from _organizations(sentence, lowercase, titled)
    yield from _companies(sentence)
    yield from _listed_with_a_company(sentence, gazetteer)
    yield from _people(sentence, titled)
    yield from _places(sentence, gazetteer, named_countries)


def _organizations(
    sentence: str, lowercase: set[str], titled: Sequence[_TitledPerson]
) -> Iterable[_Sighting]:
    # A titled person's name is no part of an institution's: "the People's Committee Đào
    # Quang Khải" ends before the name.
    names = [start for start, *_ in titled]
    for span in _SPAN.finditer(sentence):
        end = min((n for n in names if span.start() < n < span.end()), default=span.end())
        parts = _org_parts(sentence[span.start() : end].rstrip())
        for index, part in enumerate(parts):
            name = _org_name(part, lowercase)
            if name is None:
                continue
            # Only the last part is followed by the span's "(ACRONYM)".
            acronym = _ACRONYM.match(sentence[end:]) if index == len(parts) - 1 else None
            yield _Sighting(
                "organizations",
                name,
                [acronym.group("acronym")] if acronym else [],
                {},
                "institution word",
                sentence,
                confident=True,
            )


def _org_parts(span: str) -> list[str]:
    """Split a span that joins two names: "A Institute and B University", "A and the B Forum"."""
    parts = []
    for piece in re.split(r"\s+and\s+the\s+", span):
        halves = re.split(r"\s+and\s+", piece)
        current = halves[0]
        for half in halves[1:]:
            if _has_org_head(half) and (_has_org_head(current) or _has_title(current)):
                parts.append(current)
                current = half
            else:
                current = f"{current} and {half}"
        parts.append(current)
    return parts


def _org_name(part: str, lowercase: set[str]) -> str | None:
    """Cut an organization's name out of a span part, or None when it names none."""
    part = _POSSESSIVE.sub("", part)
    # "Chairman of the X Association" and "Website of X Government" name the institution;
    # a common noun before "of" is the sentence's word, unless it is the institution's own.
    leading = re.match(
        rf"^(?:(?P<title>{_TITLE_PATTERN})|(?P<word>\w+))\s+(?:of|for)\s+"
        r"(?:the\s+)?",
        part,
    )
    if leading and (
        leading.group("title")
        or (
            leading.group("word").casefold() in lowercase
            and leading.group("word") not in _ORG_HEADS
        )
    ):
        part = part[leading.end() :]
    name = _trim(part)
    words = name.split()
    if len(words) < 2 or not _has_org_head(name) or _has_title(name):
        return None
    return name


def _has_org_head(text: str) -> bool:
    return any(word in _ORG_HEADS for word in text.split())


def _has_title(text: str) -> bool:
    return re.search(rf"(?<![\w-])(?:{_TITLE_PATTERN})(?![\w-])", text) is not None


def _companies(sentence: str) -> Iterable[_Sighting]:
    for match in _LEGAL_SUFFIX.finditer(sentence):
        name = _trim(match.group("name"))
        if name:
            full = sentence[match.start("name") : match.end()].strip()
            # "Taiwan Semiconductor Manufacturing Co. (TSMC)": the short form is an alias, so
            # a company the taxonomy knows by it is not proposed again under its long name.
            acronym = _ACRONYM.match(sentence[match.end() :])
            yield _Sighting(
                "companies",
                name,
                [
                    *([full] if full != name else []),
                    *([acronym.group("acronym")] if acronym else []),
                ],
                {},
                "legal suffix",
                sentence,
                confident=True,
            )
    for span in _SPAN.finditer(sentence):
        name = _trim(_POSSESSIVE.sub("", span.group(0)))
        if len(name.split()) >= 2 and _COMPANY_HEAD.fullmatch(name) and not _has_org_head(name):
            yield _Sighting("companies", name, [], {}, "company word", sentence)
    # Not across a table's rows and cells, where a group's name runs into the next cell's words.
    for match in _GROUP_COMPANY.finditer(sentence) if "\n" not in sentence else ():
        if name := _group_company(match.group(0)):
            yield _Sighting(
                "companies", name, [], {}, "name of a business group", sentence, confident=True
            )
    for match in _COMPANY_APPOSITIVE.finditer(sentence):
        name = _trim(match.group("name"))
        if name:
            yield _Sighting(
                "companies", name, [], {}, "described as a company", sentence, confident=True
            )
    for match in _COMPANY_LIST.finditer(sentence):
        yield from _listed_companies(match.group("items"), sentence)
    for match in _COMPANY_DESCRIPTOR.finditer(sentence) if "\n" not in sentence else ():
        if name := _described_company(match.group("name")):
            yield _Sighting(
                "companies", name, [], {}, "described as a company", sentence, confident=True
            )


def _listed_with_a_company(
    sentence: str, gazetteer: Mapping[str, tuple[Place, ...]]
) -> Iterable[_Sighting]:
    """The other names of a list that names a business group's company: companies too, unless
    one is a place, a country, a person, an institution or a date."""
    for match in _NAME_LIST.finditer(sentence) if "\n" not in sentence else ():
        items = _LIST_SEPARATOR.split(match.group(0))
        if len(items) == 2 and "," in match.group(0):
            continue  # "A, and B" closes a clause: "X, which has a plant in A, and B"
        groups = [
            item
            for item in items
            if _GROUP_COMPANY.fullmatch(item) and _group_company(item) == item
        ]
        if not groups:
            continue
        for item in map(_trim, items):
            words = item.split()
            if (
                not words
                or item in groups
                or words[0] in _LEADING_WORDS
                or any(word in _CALENDAR_WORDS or word in _SITE_WORDS for word in words)
                or item in _GROUP_NAMES
                or _has_org_head(item)
                or _has_title(item)
                or _KOREAN_NAME_FORM.fullmatch(item)
                or name_key(item) in gazetteer
                or item in _countries().codes
            ):
                continue
            yield _Sighting(
                "companies", item, [], {}, "listed with a company", sentence, confident=True
            )


def _described_company(span: str) -> str | None:
    """The name after "battery maker": its words up to a role, a possessive or the sentence's
    next word; none when it names a person's role, an institution, a site or a date."""
    kept = _company_words(span.split(), _DESCRIBED_NAME_STOPS)
    name = _trim(" ".join(kept)) if kept is not None else ""
    return name if name and name not in _CALENDAR_WORDS else None


def _group_company(span: str) -> str | None:
    """A group's company in "Doosan Enerbility Chairman Park": the words up to a role or a
    possessive, if a word follows the group's name; none when the span names an institution
    ("Samsung Foundation") or a site ("LG Science Park")."""
    words = span.split()
    rest = _company_words(words[1:], _TITLE_WORDS)
    if rest is None:
        return None
    name = _trim(" ".join([words[0], *rest]))
    return name if len(name.split()) >= 2 and name.split()[0] == words[0] else None


def _company_words(words: Sequence[str], stops: frozenset[str]) -> list[str] | None:
    """A company name's words: up to one of `stops` (a role) or a possessive ("POSCO
    International's plant" ends at it); None when a word names an institution or a site."""
    kept = []
    for word in words:
        bare = _POSSESSIVE_END.sub("", word)
        if bare in stops:
            break
        if bare in _ORG_HEADS or bare in _SITE_WORDS:
            return None
        kept.append(bare)
        if bare != word:
            break
    return kept


def _listed_companies(items: str, sentence: str) -> Iterable[_Sighting]:
    """Take the names a cue lists, up to the first item that is not one: the list ends there.

    "companies like Ericsson and other firms serving big data, IoT and AI" lists Ericsson only.
    """
    for item in _LIST_SEPARATOR.split(items.strip()):
        name = re.match(_NAME, item)
        if name is None or name.group(0).split()[0] in _LEADING_WORDS:
            return
        rest = item[name.end() :].split()
        # A name written on in lower case ("SK hynix") is not one this rule can cut out.
        if rest and rest[0] not in _LIST_END_WORDS:
            return
        # "Hanul Precision Co., Ltd.": the items stop at the first full stop, so a legal form
        # is cut short; the legal suffix rule names the company.
        listed = _trim(name.group(0))
        yield _Sighting(
            "companies", listed, [], {}, "listed as a company", sentence, confident=True
        )
        if rest:
            return  # the sentence goes on after the last name: "... and Brightcell to invest"


def _people(sentence: str, titled: Sequence[_TitledPerson]) -> Iterable[_Sighting]:
    for _, name, role, portfolio in titled:
        # The title in lower case, as a role reads; the portfolio's names as written.
        fields = (
            {} if role in _NO_ROLE else {"role": " ".join([role.lower().rstrip("."), *portfolio])}
        )
        yield _Sighting(
            "people",
            name,
            [],
            fields,
            "title before a name",
            sentence,
            confident=True,
        )
    for match in _PERSON_ROLE_AFTER.finditer(sentence):
        fields: dict[str, Any] = {"role": match.group("role").lower().rstrip(".")}
        if match.group("organization"):
            fields["organization"] = _trim(match.group("organization"))
        yield _Sighting(
            "people",
            match.group("name"),
            [],
            fields,
            "name with its role",
            sentence,
            confident=True,
        )


_TitledPerson = tuple[int, str, str, list[str]]  # where the name starts, name, title, portfolio


def _titled_people(sentence: str, lowercase: Container[str]) -> Iterable[_TitledPerson]:
    """Each name after a title, with where it starts, the title and its portfolio's words
    (see _titled_name). A name holding an institution's head word is none: "Chairman of the
    Korea Battery Industry Association (KBIA)" names no one."""
    for match in _TITLED_PERSON.finditer(sentence):
        name, portfolio = _titled_name(match, lowercase)
        if _has_org_head(name):
            continue
        start = match.start("name")
        if name != match.group("name"):  # it took the portfolio's last word
            start = sentence.rindex(name.split()[0], match.start(), start)
        yield start, name, match.group("role"), portfolio


def _titled_name(match: re.Match[str], lowercase: Container[str]) -> tuple[str, list[str]]:
    """The name after a title, and the words of the title's portfolio ("of Commerce and
    Industry"). The name takes the portfolio's last word when that word is a name too:
    "Consul General of China Zhang Cheng Gang" names Zhang Cheng Gang. A portfolio's word
    follows "and" ("of Industry and Energy"), ends a country's name ("China", "the United
    States") or is written in lower case elsewhere ("trade")."""
    name, portfolio = match.group("name"), match.group("portfolio")
    words = portfolio.split() if portfolio else []
    if len(words) < 3 or len(name.split()) != 2 or _KOREAN_NAME_FORM.fullmatch(name):
        return name, words  # no portfolio word to spare ("of" and one word), or a whole name
    before, last = words[-2:]
    if (
        before not in NAME_JOINS
        and not before.endswith(",")
        and re.fullmatch(_NAME_PART, last)
        and last not in _ORG_HEADS  # "of the People's Committee Đào Quang Khải"
        and last.casefold() not in _PORTFOLIO_WORDS  # "of Economic Affairs Dirk Panter"
        and last.casefold() not in lowercase
        and not any(" ".join(words[start:]) in _countries().codes for start in range(1, len(words)))
    ):
        return f"{last} {name}", words[:-1]
    return name, words


def _places(
    sentence: str,
    gazetteer: Mapping[str, tuple[Place, ...]],
    named_countries: set[str],
) -> Iterable[_Sighting]:
    for start, run in _place_runs(sentence):
        words = run.split()
        # Try the longest run first: "New Taipei" before "New".
        for size in range(len(words), 0, -1):
            # A place's own possessive is no part of its name: "in Leipzig's industrial zone".
            name = _POSSESSIVE_END.sub("", " ".join(words[:size]))
            if name in _CALENDAR_WORDS:
                break
            places = [
                place
                for place in gazetteer.get(name_key(name), ())
                if place.country in named_countries
            ]
            if not places or name_key(name) != name_key(places[0].name):
                continue
            end = start + len(name)
            cue = (
                _PLACE_AFTER.match(sentence[end:])
                or (_PLACE_BEFORE.search(sentence[:start]) and start > 0)
                or _after_its_country(sentence[:start], places[0].country)
                or _PLACE_WORD_LAST.search(name)
                or (start == 0 and dateline_place(sentence) == name)
            )
            if cue:
                yield _Sighting(
                    "regions",
                    places[0].name,
                    [],
                    {},
                    "gazetteer place, its country named",
                    sentence,
                    confident=True,
                    place=places[0],
                )
            break


def _place_runs(sentence: str) -> Iterable[tuple[int, str]]:
    """The sentence's capitalised runs with where each starts. The owner's possessive is no
    part of a place's name ("Poland's Kraków"): the run is read again after it, so the place
    keeps all its words ("Poland's Lower Silesian Voivodeship")."""
    position = 0
    while match := _CAPITALISED_RUN.search(sentence, position):
        owner = _POSSESSIVE.match(match.group(0))
        if owner is not None:
            match = _CAPITALISED_RUN.match(sentence, match.start() + owner.end()) or match
        yield match.start(), match.group(0)
        position = match.end()


def _after_its_country(before: str, country: str) -> bool:
    """Tell whether the text before a place ends in its own country's possessive, as in
    "Poland's Silesia" or "Germany’s Saxony": the country names it as one of its parts."""
    owner = re.sub(r"['’]s\s+$", "", before)
    if owner == before:
        return False
    return any(
        owner.endswith(form) and not owner[: -len(form)][-1:].isalnum()
        for form in country_forms().get(country, ())
    )


@dataclass(frozen=True)
class _RegionIds:
    """The taxonomy's region ids a new place can hang under."""

    countries: Mapping[str, str]  # ISO code → country id
    subdivisions: Mapping[tuple[str, str], str]  # (ISO code, form's name_key) → region id


def _region_ids(taxonomy: Taxonomy) -> _RegionIds:
    countries: dict[str, str] = {}
    subdivisions: dict[tuple[str, str], str] = {}
    for entity in sorted(taxonomy.active("regions"), key=lambda e: e.id):
        code = entity.fields.get("country")
        if not isinstance(code, str):
            continue
        if entity.fields.get("kind") == "country":
            countries.setdefault(code, entity.id)
        else:
            for form in entity.forms:
                subdivisions.setdefault((code, name_key(form)), entity.id)
    return _RegionIds(countries, subdivisions)


def _place_fields(place: Place, regions: _RegionIds) -> dict[str, Any]:
    """Hang a place under its first-level region when the taxonomy has it, else its country."""
    parent = regions.countries.get(place.country)
    if place.admin1:
        parent = regions.subdivisions.get((place.country, name_key(place.admin1)), parent)
    fields: dict[str, Any] = {"kind": place.kind, "parent": parent, "country": place.country}
    if place.coordinates is not None:
        fields["coordinates"] = list(place.coordinates)
    return fields


def _sighting(data: Mapping[str, Any], regions: _RegionIds) -> _Sighting:
    """Rebuild one sighting; a place gets its parent from the taxonomy of this run."""
    place_data = data.get("place")
    place = None
    fields = dict(data["fields"])
    if place_data:
        coordinates = place_data.get("coordinates")
        place = Place(**{**place_data, "coordinates": tuple(coordinates) if coordinates else None})
        fields = _place_fields(place, regions)
    return _Sighting(
        data["kind"],
        data["name"],
        list(data["aliases"]),
        fields,
        data["cue"],
        data["sentence"],
        0,
        data["confident"],
        place,
        list(data["peers"]),
    )


def _record(sightings: dict[tuple[str, str], _Sighting], found: _Sighting) -> None:
    key = (found.kind, name_key(found.name))
    seen = sightings.setdefault(key, found)
    seen.count += 1
    if seen is not found:
        seen.confident = seen.confident or found.confident
        seen.aliases += [alias for alias in found.aliases if alias not in seen.aliases]
        seen.peers += [peer for peer in found.peers if peer not in seen.peers]
        for name, value in found.fields.items():
            seen.fields.setdefault(name, value)


def _candidate(sighting: _Sighting) -> Candidate:
    fields = dict(sighting.fields)
    fields["context"] = sighting.sentence
    aliases = tuple(
        sorted({alias for alias in sighting.aliases if name_key(alias) != name_key(sighting.name)})
    )
    return Candidate(
        sighting.kind,
        sighting.name,
        aliases,
        fields,
        sighting.count,
        sighting.cue,
        sighting.sentence,
    )


def _trim(name: str) -> str:
    """Drop the sentence's words around a name: "The Korea Institute of" → "Korea Institute"."""
    words = _POSSESSIVE_END.sub("", name.strip()).split()
    while words and words[0].capitalize() in _LEADING_WORDS:
        words = words[1:]
    while words and (
        words[-1] in ("of", "and", "for", "on", "the", "&", "Co", "Ltd", "Inc", "Corp")
        or words[-1] in _CALENDAR_WORDS
    ):
        words = words[:-1]
    return " ".join(words).strip(" ,.'’")


def _prefixes_known(sighting: _Sighting, known: Mapping[str, set[str]]) -> bool:
    """Tell a known company's name under a prefix ("HD Hyundai Electric" for a listed
    "Hyundai Electric"): the listed entity already stands for it."""
    if sighting.kind != "companies":
        return False
    words = name_key(sighting.name).split()
    return any(" ".join(words[start:]) in known["companies"] for start in range(1, len(words) - 1))


def _looks_like_person(name: str, lowercase: Container[str]) -> bool:
    """Every word of a person's name is a name: no title, no word written in lower case here.

    A Korean name's hyphenated given name is never a common word, so its surname may be one
    ("Park", "Song", "Moon" are written in lower case in any corpus with an industrial park).
    """
    words = name.split()
    if any(word in _TITLE_WORDS for word in words):
        return False
    return _KOREAN_NAME_FORM.fullmatch(name) is not None or not any(
        word.casefold() in lowercase for word in words
    )


def _theme_terms(taxonomy: Taxonomy) -> set[str]:
    terms = set()
    for entity in taxonomy.entities["themes"].values():
        values = entity.fields.get("terms") or ()
        terms.update(name_key(str(term)) for term in values)
    return terms


def _names_a_region(office: str, regions: set[str]) -> bool:
    """Whether an office's name is a known region's, with or without its ending (경남도)."""
    return bool(office) and (
        office in regions or strip_ending(office, KOREAN_ADMIN_ENDINGS) in regions
    )


def _looks_proper(name: str, lowercase: Container[str]) -> bool:
    """Tell a name from a title-cased phrase: some word of it is never written in lower case.
    A name in Hangul, Han or kana has no case; it was found by its legal form, its title or
    the list it is in."""
    if CJK_CHARACTER.search(name):
        return True
    words = [word for word in _WORD_TOKEN.findall(name) if word[:1].isupper()]
    return any(word.casefold() not in lowercase or _is_acronym(word) for word in words)


def _is_acronym(word: str) -> bool:
    return sum(char.isupper() for char in word) >= 2


def _lowercase_words(texts: Sequence[Sequence[Paragraph]]) -> set[str]:
    words: set[str] = set()
    for paragraphs in texts:
        for paragraph in paragraphs:
            words.update(word for word in _WORD_TOKEN.findall(paragraph.text) if word.islower())
    return words


@dataclass(frozen=True)
class _CountryForms:
    """One pattern for every form of every country, and the ISO code each form stands for."""

    pattern: re.Pattern[str] | None
    codes: Mapping[str, str]


@functools.cache
def _countries() -> _CountryForms:
    """Every country's forms, made once a process: building the pattern takes a millisecond,
    which every document scanned spent again."""
    return _country_pattern(country_forms())


def _country_pattern(forms: Mapping[str, Sequence[str]]) -> _CountryForms:
    codes = {form: code for code, names in sorted(forms.items()) for form in names}
    if not codes:
        return _CountryForms(None, {})
    alternatives = "|".join(re.escape(form) for form in sorted(codes, key=lambda f: (-len(f), f)))
    return _CountryForms(re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), codes)


def _countries_named(text: str, countries: _CountryForms) -> set[str]:
    if countries.pattern is None:
        return set()
    return {countries.codes[match.group(0)] for match in countries.pattern.finditer(text)}


def _is_english(sentence: str) -> bool:
    letters = [char for char in sentence if char.isalpha()]
    return bool(letters) and sum(char.isascii() for char in letters) / len(letters) > 0.8
