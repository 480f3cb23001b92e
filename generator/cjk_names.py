"""Discovery in Chinese, Japanese and Korean text: companies by their legal form, and the names
a list gives beside a company the taxonomy knows.

- A Chinese company's legal form ends its name (重庆长安汽车股份有限公司), a Japanese one's opens
  or ends it (株式会社デンソー, トヨタ自動車株式会社, ㈱): the name is kept without it, the full
  name and the short name a text declares for it (（以下简称“宁德时代”）, （以下「デンソー」）)
  as aliases.
- A list closed by "and other companies" (长安汽车、东方电气等企业, 포스코퓨처엠, 에코프로비엠 등
  양극재 기업, トヨタ自動車、デンソーなどの企業) lists companies, but also industries (动力电池、
  电驱动系统等配套企业): its names are companies only when one of them is a company the taxonomy
  knows or one found by its legal form, which is checked when candidates are chosen (see
  CjkName.peers).

Chinese and Japanese write no spaces between words, so where a name starts is read from what
bounds it: punctuation; in Japanese the hiragana of particles, which names are not written in;
in Chinese the verbs and prepositions that open a clause (支持, 吸引, 与, 由), cut off the front.
Korean company names are found by their legal mark in korean_names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.korean_names import NAME_CHARS as _KOREAN_CHARS
from generator.korean_names import marked_names
from generator.text import HAN_RANGE, KATAKANA_RANGE

LEGAL_FORM_CUE = "legal form"
LISTED_CUE = "listed beside a known company"

# Characters of a Chinese company's name: Han, Latin letters and digits (TCL科技).
_CHINESE_CHARS = f"{HAN_RANGE}A-Za-z0-9&"
# Japanese: katakana (ー and the middle dot ・ included), Han and Latin letters; not hiragana,
# which writes the particles around names.
_JAPANESE_CHARS = f"{KATAKANA_RANGE}・{HAN_RANGE}A-Za-z0-9&"
_CHINESE_CHAR = re.compile(f"[{_CHINESE_CHARS}]")

# Longest first: 股份有限公司 is one form, not 股份 in a name before 有限公司.
_CHINESE_FORMS = "股份有限公司|有限责任公司|有限責任公司|有限公司|股份公司"
_CHINESE_FORM = re.compile(_CHINESE_FORMS)
_CHINESE_FORM_END = re.compile(f"(?:{_CHINESE_FORMS})$")
# A legal name is rarely longer before its form (中国石油天然气集团); what is, is a clause whose
# start was not told.
_LONGEST_LEGAL_NAME = 16
_JAPANESE_FORMS = r"株式会社|有限会社|合同会社|㈱|（株）|\(株\)"
_JAPANESE_BEFORE = re.compile(
    rf"(?:{_JAPANESE_FORMS})\s*(?P<name>[{_JAPANESE_CHARS}]{{2,30}})(?![{_JAPANESE_CHARS}])"
)
_JAPANESE_AFTER = re.compile(
    rf"(?<![{_JAPANESE_CHARS}])(?P<name>[{_JAPANESE_CHARS}]{{2,30}}?)\s*(?P<mark>{_JAPANESE_FORMS})"
)
# "（以下简称“宁德时代”）", "(简称: 宁德时代)", "（以下「デンソー」という）" right after a name.
_SHORT_NAME = re.compile(
    r"\s*[（(](?:以下简称|以下簡稱|简称|簡稱|下称|下稱|以下)[、,:：]?\s*[“\"「『]?"
    rf"(?P<short>[{_JAPANESE_CHARS}]{{2,12}})[”\"」』]?(?:という|と言う)?[）)]"
)

# "…等企业", "…等整车企业", "…등 양극재 기업", "…などの自動車メーカー": what closes a list of
# companies, with a few words of what they make between.
_CHINESE_LIST_END = re.compile(rf"等(?:[{HAN_RANGE}]{{0,6}}?)(?:企业|公司|车企|厂商|厂家)")
_KOREAN_LIST = re.compile(
    rf"(?<![{_KOREAN_CHARS}])(?P<items>[{_KOREAN_CHARS}]{{2,20}}(?:\s*[,·]\s*[{_KOREAN_CHARS}]{{2,20}})+)"
    rf"\s*등\s*(?:[{_KOREAN_CHARS}]{{1,8}}\s+){{0,2}}(?:대?기업|업체|회사|완성차)(?!인)"
)
_JAPANESE_LIST = re.compile(
    rf"(?<![{_JAPANESE_CHARS}])(?P<items>[{_JAPANESE_CHARS}]{{2,20}}(?:[、や][{_JAPANESE_CHARS}]{{2,20}})+)"
    rf"(?:など|等)の?[{_JAPANESE_CHARS}]{{0,6}}?(?:企業|会社|メーカー)"
)
_ITEM_SEPARATORS = re.compile(r"\s*[,、·]\s*|や")
# What ends a Korean clause before a comma, not a name: connective endings (하며, 하고, 해서)
# and the particles of cases (기술을, 센터는). Only the list's first item can be such a clause;
# 다 is left out, which ends names too (혼다, 야마다).
_KOREAN_CLAUSE_ENDINGS = tuple("며 고 서 면 는 은 을 를 에 의 와 과".split())

# Words that open a Chinese clause before a name: verbs of support, attraction and signing,
# listing words. The name runs from after the last one. 投资, 联合 and the like are left out:
# they open company names too (国家开发投资集团, 联合利华).
_CLAUSE_VERBS = (
    "支持 吸引 引进 引导 鼓励 推动 带动 依托 携手 联手 包括 例如 比如 其中 以及 签署 签约 宣布 表示"
    " 指出 透露 邀请 会见 会同 牵头 推荐 培育 扶持 围绕 落户 入驻 收购 并购 控股 参股 入股 企业"
    " 龙头 分别 共同"
).split()
# Prepositions and conjunctions that join a name to the words before it (重庆市政府与重庆长安
# 汽车): cut where a subject of two characters or more comes before and a name of four or more
# after, since one character is also a name's (华为, 和利时).
_JOINING_CHARACTERS = "与和及同跟向由对在将把被从给"
# Those that join the names of a list (长安汽车和比亚迪) or two legal names.
_LIST_JOINS = "和与及"
# Those that open no name and are cut from a name's front (由比亚迪, 吸引了比亚迪).
_OPENING_CHARACTERS = "与及由对向在将把被让从给并了"
_SHORTEST_JOINED_NAME = 4
# A listed name is short: a list of brands, not of legal names.
_LONGEST_LISTED_NAME = 12


@dataclass(frozen=True)
class CjkName:
    """A company found in a Chinese, Japanese or Korean sentence."""

    name: str
    aliases: tuple[str, ...]
    cue: str
    # A listed name's fellow items: it is a company if one of them is a company known or
    # found by its legal form.
    peers: tuple[str, ...] = ()


def cjk_names(sentence: str) -> Iterable[CjkName]:
    """The companies a sentence in Chinese, Japanese or Korean names by form or by list."""
    yield from _chinese_legal_names(sentence)
    yield from _japanese_legal_names(sentence)
    for items in _listed_items(sentence):
        for item in items:
            yield CjkName(item, (), LISTED_CUE, tuple(other for other in items if other != item))


def _chinese_legal_names(sentence: str) -> Iterable[CjkName]:
    last_form = 0  # a name runs back to the punctuation before it or the form of the last
    for match in _CHINESE_FORM.finditer(sentence):
        start = _run_start(sentence, match.start(), last_form)
        run = sentence[start : match.start()]
        if start == last_form > 0 and run[:1] in _LIST_JOINS:
            run = run[1:]  # "…有限公司和北京…有限公司"
        last_form = match.end()
        name = _clause_name(run)
        if 2 <= len(name) <= _LONGEST_LEGAL_NAME:
            full = name + match.group(0)
            yield CjkName(name, (full, *_short_name(sentence, match.end(), name)), LEGAL_FORM_CUE)


def _japanese_legal_names(sentence: str) -> Iterable[CjkName]:
    for match, opens in marked_names(sentence, _JAPANESE_BEFORE, _JAPANESE_AFTER):
        name = match["name"]
        full = () if opens else (sentence[match.start("name") : match.end()],)
        yield CjkName(name, (*full, *_short_name(sentence, match.end(), name)), LEGAL_FORM_CUE)


def _short_name(sentence: str, end: int, name: str) -> tuple[str, ...]:
    """The short name declared in brackets right after a company's name, if it abbreviates
    the name: its characters are the name's, in order (上汽集团 of 上海汽车集团). "公司",
    "本公司" and "当社" stand for any company and are no alias."""
    match = _SHORT_NAME.match(sentence, end)
    if match is None:
        return ()
    rest = iter(name)
    short = match.group("short")
    return (short,) if all(character in rest for character in short) else ()


def _clause_name(run: str) -> str:
    """A name from the run of name characters that ends on it, the words opening the clause
    before it cut off: "支持长安汽车" → "长安汽车", "重庆市政府与重庆长安汽车" → "重庆长安汽车"."""
    for verb in _CLAUSE_VERBS:
        position = run.rfind(verb)
        if position >= 0 and len(run) - position - len(verb) >= 2:
            run = run[position + len(verb) :]
    for position in range(len(run) - _SHORTEST_JOINED_NAME - 1, 1, -1):
        if run[position] in _JOINING_CHARACTERS:
            run = run[position + 1 :]
            break
    while len(run) > 2 and run[0] in _OPENING_CHARACTERS:
        run = run[1:]
    return run


def _listed_items(sentence: str) -> Iterable[list[str]]:
    """The names of each list of companies in the sentence, two or more."""
    for end in _CHINESE_LIST_END.finditer(sentence):
        start = _run_start(sentence, end.start(), 0, also="、")
        items = sentence[start : end.start()].split("、")
        items[0] = _clause_name(items[0])
        yield from _usable([*items[:-1], *_joined_pair(items[-1])])
    for match in _KOREAN_LIST.finditer(sentence):
        items = _ITEM_SEPARATORS.split(match.group("items"))
        # A comma also ends a clause: "기술을 실증하며, 에코프로 등 기업" lists one name.
        yield from _usable(items[1:] if items[0].endswith(_KOREAN_CLAUSE_ENDINGS) else items)
    for match in _JAPANESE_LIST.finditer(sentence):
        yield from _usable(_ITEM_SEPARATORS.split(match.group("items")))


def _joined_pair(item: str) -> list[str]:
    """The two names an item joins by 和, 与 or 及 (长安汽车和比亚迪); else the item alone."""
    for position in range(2, len(item) - 1):
        if item[position] in _LIST_JOINS:
            return [item[:position], item[position + 1 :]]
    return [item]


def _usable(items: Sequence[str]) -> Iterable[list[str]]:
    """The list, if it has two names or more and each is short enough to be one; a name
    listed with its legal form (重庆弗迪电池研究院有限公司) without it."""
    names = [_CHINESE_FORM_END.sub("", item.strip()) for item in items]
    if len(names) >= 2 and all(_may_be_listed_name(name) for name in names):
        yield names


def _may_be_listed_name(name: str) -> bool:
    return 2 <= len(name) <= _LONGEST_LISTED_NAME and not name.isdigit()


def _run_start(sentence: str, end: int, floor: int, also: str = "") -> int:
    """Where the run of Chinese name characters (and those in also) ending at end starts,
    not before floor."""
    start = end
    while start > floor and (
        sentence[start - 1] in also or _CHINESE_CHAR.match(sentence[start - 1])
    ):
        start -= 1
    return start
