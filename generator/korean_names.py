"""Discovery in Korean text: companies by their legal mark ((주), ㈜, 주식회사) and people by
the title written after their name (박완수 도지사는, 이철우 경북도지사가).

Names stay in Hangul. Korean names are romanised many ways (이철우 is "Lee Cheol-woo" in his
province's English releases, "I Cheoru" by the rules), so a name found here is never guessed
to be one written in Latin letters elsewhere; a curator joins the two by adding an alias.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.text import (
    HANGUL_RANGE,
    KOREAN_ADMIN_ENDINGS,
    KOREAN_BOUND_PARTICLES,
    KOREAN_PARTICLES,
)

# Characters of a Korean company's name: Hangul, Latin letters and digits (LG에너지솔루션).
NAME_CHARS = f"{HANGUL_RANGE}A-Za-z0-9&"
_MARK = r"(?:\(주\)|㈜)"
_MARKED_BEFORE = re.compile(rf"(?:{_MARK}|주식회사)\s*(?P<name>[{NAME_CHARS}]{{2,30}})")
_MARKED_AFTER = re.compile(
    rf"(?<![{NAME_CHARS}])(?P<name>[{NAME_CHARS}]{{2,30}})\s?(?P<mark>{_MARK})"
)
# A word with Hangul in it, Latin letters and digits too (LG에너지솔루션은).
_KOREAN_WORD = re.compile(f"[{NAME_CHARS}]*[{HANGUL_RANGE}][{NAME_CHARS}]*")
# Particles that end no company's name, cut from a name the mark precedes (㈜에코프로비엠은),
# longest first. The others (이, 가, 도, 로...) also end names (LG디스플레이); those are cut
# only when the document writes the name without them too.
_SURE_PARTICLES = sorted(KOREAN_BOUND_PARTICLES, key=len, reverse=True)

# Titles written after a person's name, with the role in English. The ambiguous ones are
# also common nouns (시장 "market", 지사 "branch office", 대표 "leading") and count only
# after a place's name (부산시장, 경남지사): see OFFICE_OF_A_PLACE.
PERSON_TITLES = {
    "도지사": "governor",
    "부지사": "vice governor",
    "시장": "mayor",
    "부시장": "deputy mayor",
    "지사": "governor",
    "군수": "county governor",
    "구청장": "district mayor",
    "장관": "minister",
    "차관": "vice minister",
    "차관보": "assistant minister",
    "총리": "prime minister",
    "부총리": "deputy prime minister",
    "대통령": "president",
    "대사": "ambassador",
    "총영사": "consul general",
    "의원": "lawmaker",
    "대표이사": "ceo",
    "회장": "chairman",
    "부회장": "vice chairman",
    "사장": "president",
    "이사장": "chairman",
    "위원장": "chairperson",
    "청장": "commissioner",
    "원장": "president",
    "총장": "president",
    "본부장": "director general",
    "교수": "professor",
}
AMBIGUOUS_TITLES = frozenset({"시장", "지사"})
# Cue of a sighting whose title counts only if its office names a known place.
OFFICE_OF_A_PLACE = "name before the title of a place's office"
# Korean surnames of one syllable, the commonest hundred or so (김, 이, 박...).
_SURNAMES = (
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄"
    "채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉사부"
)
_TITLE_PATTERN = "|".join(sorted(PERSON_TITLES, key=len, reverse=True))
# "박완수 도지사는", "이철우 경북도지사가", "안덕근 산업통상자원부 장관은": a name of three
# syllables, then perhaps its office's place or body, then the title and its particles. The
# shortest office is tried first, none before any: 도지사 is a title, not 지사 of 도.
_TITLED_NAME = re.compile(
    rf"(?<![{NAME_CHARS}])(?P<name>[{_SURNAMES}][{HANGUL_RANGE}]{{2}})\s+"
    rf"(?:(?P<office>[{NAME_CHARS}]{{1,12}}?)\s?)??(?P<title>{_TITLE_PATTERN})"
    rf"(?P<after>[{HANGUL_RANGE}]*)"
)
# What a title may carry: particles, a few deep at most (도지사에게는).
_PARTICLE_RUN = re.compile(
    "(?:" + "|".join(sorted(KOREAN_PARTICLES, key=len, reverse=True)) + "){0,3}"
)
# A word that ends so names a body or a place, not a person (국토부, 경남도, 창원시).
_BODY_ENDINGS = ("부", "처", "청", *KOREAN_ADMIN_ENDINGS)


@dataclass(frozen=True)
class KoreanName:
    """A name found in a Korean sentence, with its kind, role and how it was found."""

    kind: str  # "companies" or "people"
    name: str
    role: str | None
    office: str | None  # the place or body a title belongs to (경북 in 경북도지사)
    cue: str


def korean_names(sentence: str, words: frozenset[str]) -> Iterable[KoreanName]:
    """The companies and people a Korean sentence names.

    Args:
        sentence: one sentence.
        words: the document's korean_words, to tell a particle from the end of a name.
    """
    for match, opens in marked_names(sentence, _MARKED_BEFORE, _MARKED_AFTER):
        if not opens:
            yield KoreanName("companies", match["name"], None, None, "legal mark after the name")
        elif len(name := _without_particle(match["name"], words)) >= 2:
            yield KoreanName("companies", name, None, None, "legal mark before the name")
    for match in _TITLED_NAME.finditer(sentence):
        name, title, office = match.group("name"), match.group("title"), match.group("office")
        if not _PARTICLE_RUN.fullmatch(match.group("after")):
            continue  # 시장점유율 (market share): the title is part of a longer word
        if name.endswith(_BODY_ENDINGS):
            continue  # 국토부 장관: the ministry's minister, not a person's name
        if title in AMBIGUOUS_TITLES and not office:
            continue  # 반도체 시장은: the semiconductor market
        cue = OFFICE_OF_A_PLACE if title in AMBIGUOUS_TITLES else "name before a title"
        yield KoreanName("people", name, PERSON_TITLES[title], office or None, cue)


def marked_names(
    sentence: str, before: re.Pattern[str], after: re.Pattern[str]
) -> Iterator[tuple[re.Match[str], bool]]:
    """The names a legal mark opens (before's matches, with True) and ends (after's, with
    False; its mark is the group "mark"). A mark that opens a name is not the end of the word
    before it: "11일 ㈜에코프로비엠", "本日株式会社デンソー"."""
    opening = set()
    for match in before.finditer(sentence):
        opening.add(match.start())
        yield match, True
    for match in after.finditer(sentence):
        if match.start("mark") not in opening:
            yield match, False


def korean_words(texts: Iterable[str]) -> frozenset[str]:
    """The words the texts write with Hangul in them: what korean_names tells particles from
    the ends of names by."""
    return frozenset(word for text in texts for word in _KOREAN_WORD.findall(text))


def _without_particle(name: str, words: frozenset[str]) -> str:
    """A marked name without the particle written onto it: a sure one is always cut, an
    ambiguous one when the document also writes the name with another ending or none."""
    for particle in _SURE_PARTICLES:
        if name.endswith(particle) and len(name) > len(particle) + 1:
            return name[: -len(particle)]
    last = name[-1]
    stem = name[:-1]
    if last in KOREAN_PARTICLES and len(stem) >= 2 and _written_otherwise(stem, last, words):
        return stem
    return name


def _written_otherwise(stem: str, ending: str, words: frozenset[str]) -> bool:
    """Whether some word of the document is the stem alone or goes on after it with
    something other than the ending."""
    return any(
        word == stem or (word.startswith(stem) and not word[len(stem) :].startswith(ending))
        for word in words
    )
