"""Small text helpers shared by the stages: plain text from inline markup, language, slugs."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from slugify import slugify as _slugify

_SUP_NUMBER = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>", re.I)
# A Markdown footnote reference, "[^2]", reads as the marker "[2]" its note is listed by.
_MARKDOWN_FOOTNOTE = re.compile(r"\[\^(\d{1,3})\]")
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+)>")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)\)")
_LATEX_INLINE = re.compile(r"\$([^$\n]{1,80}?)\$")
_LATEX_COMMAND = re.compile(r"\\(?:mathrm|text|mathbf|mathit|operatorname)\s*\{([^{}]*)\}")
_LATEX_SYMBOLS = {
    r"\pm": "±",
    r"\alpha": "α",
    r"\beta": "β",
    r"\times": "×",
    r"\%": "%",
    r"\sim": "~",
    r"\leq": "≤",
    r"\geq": "≥",
    r"\cdot": "·",
    r"\circ": "°",
}
_LATEX_SCRIPT = re.compile(r"[_^]\{([^{}]*)\}")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
# A character some markup plain_text undoes opens with; a line without any is plain already.
_MARKUP_START = re.compile(r"[\\<\[*_$&]")


def _latex_to_text(match: re.Match[str]) -> str:
    body = match.group(1)
    if not re.search(r"[\\^_{}]", body) and re.match(r"\s*\d", body):
        return match.group(0)  # "$600 million to $" is money, not maths
    body = _LATEX_COMMAND.sub(r"\1", body)
    for command, symbol in _LATEX_SYMBOLS.items():
        body = body.replace(command, symbol)
    body = _LATEX_SCRIPT.sub(r"\1", body)
    return body.replace("{", "").replace("}", "").replace("\\", "").strip()


def plain_text(markup: str) -> str:
    """Turn one line of Markdown-with-tags into plain text, keeping footnote markers as [N]."""
    text = _without_markup(markup) if _MARKUP_START.search(markup) else markup
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _without_markup(markup: str) -> str:
    text = markup.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
    text = _SUP_NUMBER.sub(r"[\1]", text)
    text = _MARKDOWN_FOOTNOTE.sub(r"[\1]", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = re.sub(r"<li>\s*", "\n", text, flags=re.I)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.I)
    text = _TAG.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _LATEX_INLINE.sub(_latex_to_text, text)
    for _ in range(2):  # nested emphasis such as ***x***
        text = _EMPHASIS.sub(r"\2", text)
    return html.unescape(text)


# Lowercase words that join the words of one name: "Ministry of Trade, Industry and Energy".
NAME_JOINS = ("of", "for", "and", "&", "on", "the", "de")

# Code point ranges of Hangul syllables, of kana, and of Han characters (compatibility
# ideographs included).
HANGUL_RANGE = "\uac00-\ud7a3"
KANA_RANGE = "\u3040-\u30ff"
# Katakana and its long-vowel mark: the kana names are written in.
KATAKANA_RANGE = "\u30a1-\u30fa\u30fc"
HAN_RANGE = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Scripts that mark a paragraph as not English; ordered so kana wins over shared Han. Hangul
# counts its letters (jamo) too.
_HANGUL = re.compile(f"[{HANGUL_RANGE}\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(f"[{KANA_RANGE}]")
_HAN = re.compile(f"[{HAN_RANGE}]")
_LATIN = re.compile("[A-Za-z]")
# A character of Korean, Chinese or Japanese script.
CJK_CHARACTER = re.compile(f"[{HANGUL_RANGE}{KANA_RANGE}{HAN_RANGE}]")
# Their punctuation: the CJK symbols (、。「」…) and the full-width forms of ASCII's.
CJK_PUNCTUATION_RANGE = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
# A person's name printed in one of those scripts: two to four characters (박완수, 習近平).
CJK_PERSON_NAME = re.compile(f"^{CJK_CHARACTER.pattern}{{2,4}}$")
# Lower-case particles inside Western names ("van der", "bin", "al").
NAME_PARTICLES = frozenset("van von der de da di du le la bin al".split())
# The country written in Hangul, and its syllables.
KOREAN_COUNTRY = "KR"
HANGUL_SYLLABLE = re.compile(f"[{HANGUL_RANGE}]")
# Chinese characters and kana: their words are written without spaces between them.
UNSPACED_CHARACTER = re.compile(f"[{KANA_RANGE}{HAN_RANGE}]")
# Korean, Chinese and Japanese end a statement with its predicate: a Korean sentence with its
# verb ending (밝혔다, 지원한다; a bulleted one's 추진함, 예정임, 밝힘), a Chinese or Japanese
# one with its full stop. A heading or a phrase ends with a noun ("추진 배경").
CJK_STATEMENT = re.compile(
    rf"(?:[{HANGUL_RANGE}](?:다|요|음|함|임|됨|힘)\s*[.!?。]?|{CJK_CHARACTER.pattern}[。！？])"
    r"[\"”’'」』)）]*\s*$"
)
# A name written wholly in Korean, Chinese or Japanese script, spaces aside.
_NATIVE_NAME = re.compile(f"{CJK_CHARACTER.pattern}+")
# Endings that make such a name an administrative one: special and metropolitan city,
# province, city, county, district (창원시, 경상남도); the Chinese and Japanese ones (四川省).
# Without them, the name is the place's bare name (창원, 四川).
KOREAN_ADMIN_ENDINGS = ("특별자치시", "특별자치도", "특별시", "광역시", "시", "군", "구", "도")
# Korean particles and copulas written onto a name (창원에서, 경남은, 울산이나).
KOREAN_PARTICLES = tuple(
    "에서 에게 에는 에도 에선 으로 로서 로써 께서 까지 부터 보다 처럼 마다 조차"
    " 밖에 이나 이라 이란 이며 이고 이다 였다 이었다 한테"
    " 이 가 은 는 을 를 의 에 와 과 도 로 만 나 라 란 며 고 다".split()
)
# Those that are neither a word of their own nor a name's last syllable: every longer one,
# and 은, 는, 을, 를, 의, 에, 와, 과 (도 is also "the province", 이 "this", and both end names).
KOREAN_BOUND_PARTICLES = tuple(
    particle for particle in KOREAN_PARTICLES if len(particle) > 1 or particle in "은는을를의에와과"
)
HAN_ADMIN_ENDINGS = (
    "特别行政区", "自治区", "广域市", "広域市", "特别市", "特別市",
    "省", "市", "县", "縣", "区", "區", "県", "府",
)  # fmt: skip
NATIVE_ADMIN_ENDINGS = (*KOREAN_ADMIN_ENDINGS, *HAN_ADMIN_ENDINGS)


def strip_ending(name: str, endings: Iterable[str]) -> str:
    """The name without the first of the endings it has, if anything is left (창원시 → 창원)."""
    for ending in endings:
        if name.endswith(ending) and len(name) > len(ending):
            return name.removesuffix(ending)
    return name


def is_native_name(text: str) -> bool:
    """Tell whether a name is written wholly in Korean, Chinese or Japanese script."""
    return _NATIVE_NAME.fullmatch(text.replace(" ", "")) is not None


def detect_language(text: str) -> str:
    """Name the language of a paragraph from its script: ko, ja, zh, or en."""
    hangul, kana = len(_HANGUL.findall(text)), len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    # A CJK character carries about as much as a short Latin word, hence the weight of 3.
    cjk = hangul + kana + han
    # Most paragraphs have no CJK at all: one Latin letter then settles it, without counting
    # every letter of the text.
    latin = (1 if _LATIN.search(text) else 0) if cjk == 0 else len(_LATIN.findall(text))
    if cjk * 3 < latin:
        return "en"
    if hangul >= kana and hangul >= han:
        return "ko"
    if kana:
        return "ja"
    return "zh"


# English month names, as pages write dates and as text names them; never localised.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Month names and the short forms dates print them in ("Mar.", "Sept"), for patterns read
# without regard to case.
MONTH_PATTERN = "|".join(
    [
        *(name.casefold() for name in MONTH_NAMES),
        *"jan feb mar apr jun jul aug sep sept oct nov dec".split(),
    ]
)
# A full date as documents print it: "2025-03-18", "2025. 3. 18", "2025년 3월 18일",
# "2025年3月18日", "March 18, 2025", "18 March 2025".
STATED_DATE = re.compile(
    rf"(?<!\d)(\d{{4}})\s*[-./년年]\s*(\d{{1,2}})\s*[-./월月]\s*(\d{{1,2}})(?!\d)[일日]?"
    rf"|\b({MONTH_PATTERN})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})(?!\d)"
    rf"|\b(\d{{1,2}})\s+({MONTH_PATTERN})\.?,?\s+(\d{{4}})(?!\d)",
    re.I,
)


# A dateline opening a news story: the place it was filed from, its date or the agency (or
# both), then a dash: "DRESDEN, 12 June 2025 – ", "Seoul, March 18 (Yonhap) -- ",
# "BUDAPEST (Reuters) - ", "ULSAN — ". A date must follow the place, or a place in capitals
# stand before an agency or a long dash, so a sentence such as "Samsung - the group's flagship -
# said" is never taken for one.
_PLACE_WORD = r"[A-Z][\w'’.-]*"
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:\s{_PLACE_WORD}){{0,3}})"
    rf"(?P<date>,?\s+(?i:{STATED_DATE.pattern}|\b(?:{MONTH_PATTERN})\.?\s+\d{{1,2}}\b))?"
    r"(?:\s*\([^()]{1,40}\))?\s*(?P<dash>–|—|--|-)\s+(?=\S)"
)


def _dateline(sentence: str) -> re.Match[str] | None:
    match = DATELINE.match(sentence)
    if match is None or match.group("date"):
        return match
    if not match.group("place").isupper():
        return None
    if "(" in match[0]:
        return match  # an agency after the place
    # A place alone before a long dash, unless the dash opens an aside another one closes:
    # "KOTRA — the trade agency — said" is no dateline.
    dash = match.group("dash")
    return match if dash != "-" and dash not in sentence[match.end() :] else None


def dateline_place(sentence: str) -> str | None:
    """The place of the dateline that opens a story's first sentence, if it has one."""
    match = _dateline(sentence)
    return match.group("place") if match else None


# Korean, Chinese and Japanese agencies' and papers' datelines, with the reporter's byline:
# "(포항=연합뉴스) 김철수 기자 = ", "【서울=뉴시스】", "[이데일리 김철수 기자] ",
# "新华社北京11月17日电（记者 张三）", "本报讯（记者 李四）", "【名古屋＝山田太郎】",
# "【ソウル共同】". Each opens the story's first sentence and is no part of it.
_REPORTER = r"(?:기자|특파원|통신원|객원기자|선임기자|전문기자)"
_CJK_DATELINE = re.compile(
    r"^\s*(?:"
    r"[(\[【][^()\[\]【】=＝]{1,15}[=＝][^()\[\]【】]{1,20}[)\]】]\s*"
    rf"(?:[{HANGUL_RANGE}]{{2,4}}(?:\s[{HANGUL_RANGE}]{{2,4}}){{0,3}}\s?{_REPORTER}\s*=\s*)?"
    r"|【[^【】]{1,15}(?:共同|時事)】\s*"
    rf"|[\[【][^\[\]【】]{{1,20}}\s{_REPORTER}[\]】]\s*"
    rf"|(?:[{HAN_RANGE}]{{1,12}}\d{{1,2}}月\d{{1,2}}日电|本报讯)\s*"
    r"(?:[（(](?:记者|通讯员|实习生)[^（）()]{0,30}[）)]\s*)?"
    r")(?=\S)"
)


def strip_dateline(sentence: str) -> str:
    """A story's first sentence without the dateline that opens it."""
    match = _dateline(sentence) or _CJK_DATELINE.match(sentence)
    return sentence[match.end() :] if match else sentence


def stated_dates(text: str) -> Iterator[str]:
    """The full dates the text prints, as ISO dates, in order; impossible ones left out."""
    for match in STATED_DATE.finditer(text):
        numeric_year, month_name, day_first = match.group(1), match.group(4), match.group(7)
        try:
            if numeric_year:
                year, month, day = (int(match.group(n)) for n in (1, 2, 3))
                yield date(year, month, day).isoformat()
                continue
            name, day, year = (
                (month_name, match.group(5), match.group(6))
                if month_name
                else (match.group(8), day_first, match.group(9))
            )
            yield date(int(year), month_number(name), int(day)).isoformat()
        except ValueError:
            continue


_MONTH_NUMBERS = {name[:3].casefold(): number for number, name in enumerate(MONTH_NAMES, 1)}


def month_number(name: str) -> int:
    """The number of a month named in full or short, in any case ("March", "mar", "Sept")."""
    return _MONTH_NUMBERS[name[:3].casefold()]


_DIGITS = re.compile(r"\d+")


def furniture_key(line: str) -> str:
    """A line's shape as a running header or footer repeats it, page after page: its digits
    aside ("Page 2 of 9"), but not the dates it states: a header repeats its date unchanged
    ("July 1, 2024 · 2 / 5"), while dated items each print their own ("12 May 2025")."""
    text = " ".join(line.split()).casefold()
    return " ".join([_DIGITS.sub("#", text), *stated_dates(text)])


def leading_iso_date(value: str | None) -> str | None:
    """The ISO date a metadata value starts with ("2025-06-09T08:00:00Z"), or None."""
    match = re.match(r"\d{4}-\d{2}-\d{2}", (value or "").strip())
    return match.group(0) if match else None


def first_stated_date(lines: Iterable[str]) -> str | None:
    """The first full date the lines print, as an ISO date."""
    return next((found for line in lines for found in stated_dates(line)), None)


# A period an issue is printed for, without its day: "Spring 2025", "March 2025", "2025년 3월".
_SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_PRINTED_PERIOD = re.compile(
    rf"\b(?P<season>{'|'.join(_SEASON_MONTHS)})\s+(?P<season_year>(?:19|20)\d\d)\b"
    rf"|\b(?P<month>{MONTH_PATTERN})\.?\s+(?P<month_year>(?:19|20)\d\d)\b"
    r"|(?P<korean_year>(?:19|20)\d\d)년\s*(?P<korean_month>1[0-2]|0?[1-9])월",
    re.I,
)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def issue_date(lines: Iterable[str], metadata: str | None) -> str | None:
    """The date an issue is printed with; else the file's own date, unless the issue prints
    a period that date is not in ("Spring 2025" on a file dated 2013 from its template), when
    the period's first day stands for it."""
    lines = list(lines)
    printed = first_stated_date(lines)
    if printed is not None:
        return printed
    period = next((found for line in lines if (found := _PRINTED_PERIOD.search(line))), None)
    if period is None:
        return metadata
    year, month, span = _period_start(period)
    if metadata is not None and _ISO_DATE.match(metadata):
        months_in = int(metadata[:4]) * 12 + int(metadata[5:7]) - (year * 12 + month)
        if 0 <= months_in < span:  # winter runs into the next year
            return metadata
    return f"{year:04d}-{month:02d}-01"


def _period_start(period: re.Match[str]) -> tuple[int, int, int]:
    """A printed period's year, first month and length in months."""
    if period.group("season"):
        return int(period.group("season_year")), _SEASON_MONTHS[period.group("season").lower()], 3
    if period.group("month"):
        return int(period.group("month_year")), month_number(period.group("month")), 1
    return int(period.group("korean_year")), int(period.group("korean_month")), 1


# A dateline without its year: "CHONGQING, March 6 —" takes the issue's year.
_MONTHS = "|".join(MONTH_NAMES)
_YEARLESS_DATELINE = re.compile(rf"^[A-Z][\w .'-]*,\s+({_MONTHS})\s+(\d{{1,2}})\b")
# With no dateline, the day the opening sentence says the news happened: "said on 3 September".
_YEARLESS_DAY = re.compile(
    rf"\bon\s+(?:(?P<day>\d{{1,2}})\s+(?P<month>{_MONTHS})|(?P<month_first>{_MONTHS})\s+"
    rf"(?P<day_after>\d{{1,2}}))\b(?!,?\s*\d{{4}})"
)
# A Korean story's day, with its month or in the month it is reported in: "충청북도는 12일 …
# 밝혔다", "11월 12일"; not a count of days ("30일간", "3일째").
_KOREAN_DAY = re.compile(
    r"(?<![\d.])(?:(?P<month>1[0-2]|[1-9])월\s*)?(?P<day>3[01]|[12]\d|[1-9])일(?![간째])"
)


def names_a_day(text: str) -> bool:
    """Whether a paragraph's opening sentence names the day something happened: a full date,
    or a day of a month without its year ("on 12 November", "12일")."""
    sentence = next(iter(split_sentences(text)), "")
    return next(stated_dates(sentence), None) is not None or any(
        pattern.search(sentence) for pattern in (_YEARLESS_DAY, _KOREAN_DAY)
    )


def yearless_date(texts: Sequence[str], issued: str | None) -> str | None:
    """The date a story's dateline gives without a year, or else its opening sentence ("said
    on 3 September", "도는 12일 … 밝혔다"), in the year of the issue it is printed in (the
    year before, for a December story in a January issue); a Korean day without its month
    in the issue's month."""
    if not issued or not texts:
        return None
    dateline = _YEARLESS_DATELINE.match(texts[0])
    opening = next(iter(split_sentences(texts[0])), "")
    issue = date.fromisoformat(issued)
    if dateline:
        month, day = month_number(dateline.group(1)), dateline.group(2)
    elif said := _YEARLESS_DAY.search(opening):
        month = month_number(said.group("month") or said.group("month_first"))
        day = said.group("day") or said.group("day_after")
    elif korean := _KOREAN_DAY.search(opening):
        month = int(korean.group("month") or issue.month)
        day = korean.group("day")
    else:
        return None
    year = issue.year - 1 if month > issue.month + 1 else issue.year
    try:
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


_ACRONYM_DOT = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_]\.|\s|$)")
_RESERVED_NAMES = frozenset(
    [
        "index",
        *("con", "prn", "aux", "nul"),
        *(f"com{n}" for n in range(10)),
        *(f"lpt{n}" for n in range(10)),
    ]
)
_APOSTROPHES = [("'", ""), ("’", ""), ("‘", ""), ("`", "")]


def _base_letters() -> dict[int, str]:
    """Each Latin letter with marks that stands for one plain letter: é → e, Ł → L, ộ → o."""
    table = {}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base, *marks = unicodedata.normalize("NFKD", chr(code))
        if marks and base.isascii() and base.isalpha() and all(map(unicodedata.combining, marks)):
            table[code] = base
    # Letters Unicode does not decompose, though written without their stroke in English.
    strokes = zip("łŁøØđĐħĦıŧŦ", "lLoOdDhHitT", strict=True)
    table.update({ord(marked): plain for marked, plain in strokes})
    return table


_BASE_LETTERS = _base_letters()
_MARKED_LETTER = re.compile("[" + "".join(map(chr, sorted(_BASE_LETTERS))) + "]")


def without_marks(text: str) -> str:
    """Latin letters without their diacritics, one character for one, so an offset in the
    result is one in the text. English news often writes names without them: Wroclaw, Sao
    Paulo, Ha Noi."""
    return text.translate(_BASE_LETTERS) if _MARKED_LETTER.search(text) else text


def name_key(text: str) -> str:
    """A name, or a text names are looked for in, as matching compares them: casefolded and
    without diacritics, so "Wrocław" is found in "Wroclaw" and "São Paulo" in "Sao Paulo"."""
    return without_marks(text.casefold())


# The Revised Romanization of Korean (2000), as it writes place names: each syllable's
# initial, vowel and final, a final read into the next syllable's silent initial (밀양
# Miryang), and the assimilations of consonants that meet (강릉 Gangneung, 신라 Silla,
# 왕십리 Wangsimni).
_RR_INITIALS = (
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
    "p", "h",
)  # fmt: skip
_RR_VOWELS = (
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
    "we", "wi", "yu", "eu", "ui", "i",
)  # fmt: skip
# Each final as it sounds before a consonant or at the end.
_RR_FINALS = (
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
    "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
)  # fmt: skip
# A final before a silent initial: it opens the next syllable, as these.
_RR_LIAISON = {
    1: "g", 2: "kk", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 20: "ss", 22: "j",
    23: "ch", 24: "k", 25: "t", 26: "p", 27: "",
}  # fmt: skip
_SILENT, _NIEUN, _RIEUL, _MIEUM = 11, 2, 5, 6  # the initials ㅇ, ㄴ, ㄹ, ㅁ
_RR_NASALIZED = {"k": "ng", "t": "n", "p": "m"}  # a stop before ㄴ, ㅁ or ㄹ
_HANGUL_WORD = re.compile(f"[{HANGUL_RANGE}]+")
# Katakana and hiragana apart: a name in katakana is a word, the particle after it another.
_KANA_WORD = re.compile(f"[{KATAKANA_RANGE}]+|[\u3041-\u3096]+")
_HAN_WORD = re.compile(f"[{HAN_RANGE}]+")
_KATAKANA_OFFSET = 0x60  # ア is あ's code point plus this
_HEPBURN = dict(
    zip(
        "あいうえおかきくけこがぎぐげごさしすせそざじずぜぞたちつてとだぢづでどなにぬねの"
        "はひふへほばびぶべぼぱぴぷぺぽまみむめもやゆよらりるれろわゐゑをんゔぁぃぅぇぉゃゅょゎ",
        (
            "a i u e o ka ki ku ke ko ga gi gu ge go sa shi su se so za ji zu ze zo ta chi tsu"
            " te to da ji zu de do na ni nu ne no ha hi fu he ho ba bi bu be bo pa pi pu pe po"
            " ma mi mu me mo ya yu yo ra ri ru re ro wa i e o n vu a i u e o ya yu yo wa"
        ).split(),
        strict=True,
    )
)
_SMALL_Y = "ゃゅょ"
_SMALL_VOWELS = "ぁぃぅぇぉ"


def hepburn(kana: str) -> str:
    """Romanise kana by Hepburn's rules as slugs write them: きゃ "kya", しゃ "sha", っ doubling
    the consonant after it (がっこう "gakkou"), ファ "fa", the long-vowel mark left out."""
    text = "".join(
        chr(ord(char) - _KATAKANA_OFFSET) if "\u30a1" <= char <= "\u30f6" else char for char in kana
    )
    syllables: list[str] = []
    for char in text:
        if syllables and char in _SMALL_Y and syllables[-1].endswith("i"):
            stem = syllables[-1][:-1]
            vowel = _HEPBURN[char][1]
            syllables[-1] = stem + vowel if stem in ("sh", "ch", "j") else f"{stem}y{vowel}"
        elif syllables and char in _SMALL_VOWELS and syllables[-1][-1:] in "aiueo":
            stem = syllables[-1][:-1]
            syllables[-1] = ("w" if not stem else stem.removesuffix("u")) + _HEPBURN[char]
        elif char != "ー":
            syllables.append(_HEPBURN.get(char, char))
    romanised = ""
    for position, syllable in enumerate(syllables):
        if syllable == "っ":
            following = syllables[position + 1] if position + 1 < len(syllables) else ""
            romanised += "t" if following.startswith("ch") else following[:1]
        else:
            romanised += syllable
    return romanised


def _pinyin(text: str) -> list[str]:
    """Han characters in Hanyu Pinyin without tones, a syllable each."""
    from pypinyin import lazy_pinyin  # its dictionaries load only when a slug needs them

    return lazy_pinyin(text)


def revised_romanization(hangul: str) -> str:
    """A Korean word in the Revised Romanization, capitalised: 진주 → Jinju, 충남 → Chungnam."""
    syllables = [divmod(ord(character) - 0xAC00, 28) for character in hangul]
    parts = []
    for number, (onset_vowel, final) in enumerate(syllables):
        initial, vowel = divmod(onset_vowel, 21)
        before = _RR_FINALS[syllables[number - 1][1]] if number else ""
        following = divmod(syllables[number + 1][0], 21)[0] if number + 1 < len(syllables) else None
        onset = _RR_INITIALS[initial]
        if number and initial == _SILENT and syllables[number - 1][1] in _RR_LIAISON:
            onset = _RR_LIAISON[syllables[number - 1][1]]
        elif number and initial == _RIEUL:
            onset = "l" if before in ("l", "n") else "n" if before else "r"
        coda = _RR_FINALS[final]
        if following == _SILENT and final in _RR_LIAISON:
            coda = ""
        elif following in (_NIEUN, _MIEUM, _RIEUL) and coda in _RR_NASALIZED:
            coda = _RR_NASALIZED[coda]
        elif following == _RIEUL and coda == "n":
            coda = "l"
        parts.append(onset + _RR_VOWELS[vowel] + coda)
    text = "".join(parts)
    return text[:1].upper() + text[1:]


def slugify(text: str, max_length: int = 60) -> str:
    """Make a lowercase ASCII slug, transliterating Korean and Chinese; never empty."""
    text = unicodedata.normalize("NFKC", text)
    # Korean by the Revised Romanization, word by word ("충남 수소경제" → "chungnam-susogyeongje"),
    # not the letter-by-letter transliteration that writes "cungnam".
    text = _HANGUL_WORD.sub(lambda match: revised_romanization(match[0]).lower(), text)
    # Japanese kana by Hepburn (デンソー "denso", ガス "gasu"); Chinese by Hanyu Pinyin read
    # phrase by phrase (重庆 "chong qing", 宁德 "ning de"). The fallback python-slugify has
    # reads one way per character (重 "zhong", 宁 "zhu") and drops the voicing marks of kana
    # (デ "te"). Kanji are read as Chinese: a Japanese reading needs a dictionary.
    text = _KANA_WORD.sub(lambda match: f" {hepburn(match[0])} ", text)
    text = _HAN_WORD.sub(lambda match: f" {' '.join(_pinyin(match[0]))} ", text)
    # "U.S." and "U.K." become "us" and "uk", not "u-s".
    text = _ACRONYM_DOT.sub(r"\1", text)
    # "Korea's" and "Korea’s" both become "koreas", not "korea-s".
    slug = _slugify(
        text, max_length=max_length, word_boundary=True, save_order=True, replacements=_APOSTROPHES
    )
    slug = slug or "untitled"
    # Windows cannot create files named like its devices: a page con.md would break a checkout;
    # index.md is the listing of the folder a page goes in.
    return f"{slug}-page" if slug in _RESERVED_NAMES else slug


@functools.lru_cache(maxsize=1 << 16)  # titles recur: ids, contents lists, curated files
def normalize_title(text: str) -> str:
    """Reduce a title to lowercase words for matching across case, dashes and punctuation."""
    text = unicodedata.normalize("NFKC", plain_text(text)).lower()
    text = re.sub(r"[\u2010-\u2015\-–—]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


# Legal forms that end a company's name: "Co., Ltd.", "Inc.", "GmbH".
LEGAL_FORMS = r"Co\.,?\s*Ltd\.?|Co\.|Ltd\.?|Inc\.?|Corp\.?|GmbH|AG|S\.A\.|PLC|plc|LLC|Limited"
# "All rights reserved" in the languages copyright lines come in: the end of a copyright notice.
RIGHTS_RESERVED = (
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati"
    r"|alle rechten voorbehouden|wszelkie prawa zastrzeżone|všechna práva vyhrazena"
    r"|minden jog fenntartva|版权所有|版權所有|保留所有权利|無断転載を?禁|무단\s*전재|재배포\s*금지"
)
# A contact field: a labelled telephone, fax or e-mail, or a telephone number.
# A number's groups are apart by a dash, a dot or a space on its line: a tab or a line break
# between numbers parts a table's cells ("118\t311\n2024"), not a number's.
CONTACT_FIELD = (
    r"\b(?:tel|fax|phone|e-?mail)\s*[.:]|\+?\d{2,4}[-.) \u00a0]\d{3,4}[-. \u00a0]\d{4}\b"
    # An international number: "+82-2-3460-7000", "+82 55 211 3510", "+1 (212) 555-0100".
    r"|\+\d{1,3}[-. \u00a0(]+\d{1,4}[-. \u00a0)]+\d{3,4}[-. \u00a0]\d{4}\b"
)
# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st no nos co corp inc ltd jr sr vs etc e.g i.e u.s u.k u.n "
    "jan feb mar apr jun jul aug sep sept oct nov dec gov rep sen gen col lt vol pp fig "
    "approx dept univ assn bros".split()
)
# A footnote marker printed after a sentence: "[53]", "¹²".
FOOTNOTE_MARKER = r"\[\d{1,3}\]|[¹²³⁰⁴-⁹]"
# A sentence ends at its stop, with the closing quotes, brackets and footnote markers after it
# ("... of China's economy.[53] This city ...", "... rose.¹² Imports ...").
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?。！？])((?:[\"”’')\]]|{FOOTNOTE_MARKER})*)\s+"
    rf"(?=[\"“‘(\[]?[A-Z0-9{HANGUL_RANGE}\u4e00-\u9fff])|(?<=[。！？])()"
)


def word_count(text: str) -> int:
    """Count words: spaced tokens, with every two Chinese or Japanese characters as one."""
    count = 0
    for token in text.split():
        ideographs = len(UNSPACED_CHARACTER.findall(token))  # two of them count as a word
        count += max(1, (ideographs + 1) // 2) if ideographs else 1
    return count


# The stops Chinese and Japanese end a sentence with, which carry their own space.
FULL_WIDTH_STOPS = ("。", "！", "？")


def join_sentences(sentences: Iterable[str]) -> str:
    """Join sentences as their script does: a space after a Latin or Korean one, none after a
    Chinese or Japanese full stop ("…签署协议。双方将…")."""
    joined = ""
    for sentence in sentences:
        if joined and not joined.endswith(FULL_WIDTH_STOPS):
            joined += " "
        joined += sentence
    return joined


# What a line of Chinese or Japanese may end or start with: their characters and punctuation.
_UNSPACED_EDGE = re.compile(f"[{KANA_RANGE}{HAN_RANGE}{CJK_PUNCTUATION_RANGE}]")


def line_joint(left: str, right: str) -> str:
    """What joins a wrapped line to the next: nothing in Chinese or Japanese, which break
    lines anywhere without a space, a number included ("成渝地区双城" + "经济圈", "总投资120"
    + "亿元", "到2028年推广" + "1万辆"); else a space."""
    if not left or not right:
        return " "
    end, start = left[-1], right[0]
    unspaced_end, unspaced_start = _UNSPACED_EDGE.match(end), _UNSPACED_EDGE.match(start)
    if (unspaced_end and (unspaced_start or start.isdigit())) or (end.isdigit() and unspaced_start):
        return ""
    return " "


def line_sentences(text: str) -> list[str]:
    """The sentences of a paragraph line by line: a table's rows and a list's items never
    run together, whatever ends them (or does not)."""
    return [sentence for line in text.split("\n") for sentence in split_sentences(line)]


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations (U.S., Co.) and decimals whole."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        candidate = (text[start : match.start()] + (match.group(1) or match.group(2) or "")).strip()
        words = text[start : match.start()].split()
        last_word = words[-1].strip('(["“‘').rstrip(".").lower() if words else ""
        # An initial ("J.") or a listed abbreviation does not end a sentence.
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if candidate:
            sentences.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences
