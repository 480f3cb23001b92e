"""Find the figures that matter in article text: money, percentages, capacities, counts, ranks.

Each figure keeps its value exactly as written and says what it measures in a few words taken
from its own sentence. Only numbers with a unit count (a currency, a percent sign, GW, tons,
jobs...) or ordinals that rank something: bare years, dates, list numbers, phone numbers and
numbers inside identifiers (H1, COVID-19, Article 3) never match.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from generator.model import Figure, Paragraph
from generator.text import (
    CJK_CHARACTER,
    KOREAN_BOUND_PARTICLES,
    LEGAL_FORMS,
    UNSPACED_CHARACTER,
    line_sentences,
)

# Paragraph kinds that carry figures: headings repeat the body, footnotes are references.
FIGURE_PARAGRAPH_KINDS = frozenset({"text", "list", "table", "quote"})

# Words an `about` takes from each side of its figure, and in all; the brief asks for 3-10.
LEFT_WORDS = 7
RIGHT_WORDS = 5
ABOUT_WORDS = 10
# A description with fewer content words than this borrows from the neighbouring clause.
MIN_CONTENT_WORDS = 2

# A number as printed: 1,234.5 or 6830 or 0.89; never the tail of a word or of another
# number (H1, COVID-19, v2.5, 1,234), which the look-behind rules out.
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])"
_START = r"(?<![\w.,/\\#])(?<!\w-)"
# Korean, Chinese and Japanese write a number against the word before it (사업비450억 원,
# 推广1万辆, 增长25%): a figure may start right after a character of those scripts too.
_CJK_START = rf"(?:{_START}|(?<={CJK_CHARACTER.pattern}))"
# "5-10", and "5 to 10" unless the first number is a year ("2020 and 25 percent").
_RANGE = rf"(?:{_NUM}\s?[-–~]\s?|(?!(?:19|20)\d\d\b){_NUM}\s(?:to|and|or)\s)?{_NUM}"
_SCALE = r"(?:trillion|billion|million|thousand|tn|trn|bn|bln|mln|mn)"
_CURRENCY_CODE = r"(?:KRW|USD|EUR|JPY|CNY|RMB|GBP|HKD|SGD|TWD|AUD|CAD|INR|VND|CHF)"
_CURRENCY_PREFIX = rf"(?:US\$|U\.S\.\s?\$|HK\$|NT\$|S\$|A\$|C\$|\$|₩|€|£|¥|{_CURRENCY_CODE})"
_CURRENCY_WORD = (
    rf"(?:(?:(?:U\.S\.|US|Hong\sKong|Singapore|Australian|Canadian|New\sTaiwan)\s)?dollars?"
    rf"|(?:Korean\s)?won|yuan|renminbi|euros?|yen|{_CURRENCY_CODE})"
)
_MONEY_PREFIX = (
    rf"(?:(?<![\w$])|(?<=\d\s)){_CURRENCY_PREFIX}\s?{_RANGE}"
    rf"(?:[\s-]?{_SCALE}(?![A-Za-z])|[mMbBkK](?![A-Za-z]))?"
    r"(?:\s(?:Korean\s)?(?:won|dollars|yuan|euros|yen)(?![A-Za-z]))?"
)
# Hyphens join the words of an amount used as an adjective: "a $5-billion plant", "a
# 300-billion-VND centre".
_MONEY_SUFFIX = rf"{_START}{_RANGE}(?:[\s-]?{_SCALE})?[\s-]?{_CURRENCY_WORD}(?![A-Za-z])"
# Korean scale words, alone or a thousand or a hundred of them (3천억 is 300 billion, 5백만
# 5 million); a number and its scales in turn as they are written: 1조 2000억, 1조2천억, 5천500억.
_KOREAN_SCALE = r"(?:[천백]?(?:조|억|만)|천)"


def _amount(scale: str) -> str:
    """A number and its scales as they are written in turn: a number after a scale with or
    without one of its own (1조 2000억, 1万5000, 5億3000万)."""
    return rf"{_NUM}\s?(?:{scale}\s?(?:{_NUM}\s?{scale}?\s?)*)?"


_KOREAN_AMOUNT = _amount(_KOREAN_SCALE)
_KOREAN_MONEY = (
    rf"{_CJK_START}{_KOREAN_AMOUNT}"
    r"(?:원(?!자|전|료|칙|인|장|리|산|형|래|룸|작|활|천)|달러|위안|엔|유로)"
)
# Chinese and Japanese scale words, alone or together (3千億 is 300 billion, 500百万 is 500
# million): 万亿 in Chinese, 億 and 萬 in Japanese and traditional Chinese.
_HAN_SCALE = r"(?:[万亿千兆億萬百]+)"
_HAN_AMOUNT = _amount(_HAN_SCALE)
# Chinese and Japanese amounts: 120亿元, 3.5万亿元, 2000万美元, 120億円, and with scales in
# turn as they are written, 1兆2000億円.
_CHINESE_MONEY = (
    rf"{_CJK_START}{_HAN_AMOUNT}(?:美元|人民币|韩元|日元|欧元|元|円|ドル|ユーロ|ウォン)"
)
_PERCENT = (
    rf"{_CJK_START}(?:{_NUM}\s?%?\s?[-–~]\s?|(?!(?:19|20)\d\d\b){_NUM}\s(?:to|and|or)\s)?{_NUM}"
    r"(?:\s?%p(?![A-Za-z])|\s?%|\s?(?:percentage\spoints?|percent|per\scent|pct|pp|bps"
    r"|basis\spoints?)(?![A-Za-z])|\s?(?:퍼센트|포인트))"
)
_CAPACITY_UNIT = (
    r"(?:[GMkT]Wh|[GMkT]W[pe]?|kV|MVA|GVA"
    r"|(?:giga|mega|kilo|tera)watt(?:[- ]hours?)?s?"
    r"|(?:metric\s)?(?:tons?|tonnes?)|toe|TEUs?|MTPA|mtpa|barrels?"
    r"|square\s(?:met(?:er|re)s?|kilomet(?:er|re)s?|feet|foot|miles?)"
    r"|square-(?:foot|feet|met(?:er|re))|sq\.?\s?(?:m|ft|km)|m2|m²|㎡|km2|km²|pyeong"
    r"|kilomet(?:er|re)s?|km|hectares?|ha|acres?"
    r"|cubic\smet(?:er|re)s?|m3|m³|kl|kL|lit(?:er|re)s?"
    r"|(?<=\d)(?:[kM]?t|L))"  # a bare "t" or "L" only when written against its number
)
_PER = r"(?:\s?(?:per|/|a)\s?(?:hour|day|year|annum|month|h|yr|d)(?![A-Za-z]))?"
_CAPACITY = (
    rf"{_CJK_START}{_RANGE}(?:\s?(?:million|thousand|billion))?\s?-?\s?{_CAPACITY_UNIT}"
    rf"(?![A-Za-z0-9²³]){_PER}"
)
# Chinese, Japanese and Korean capacities and areas, a scale before the unit or none: 6万MWh,
# 100万千瓦, 50兆瓦, 2万平方米, 300亩, 120万kW, 5만㎡.
_HAN_CAPACITY = (
    rf"{_CJK_START}{_HAN_AMOUNT}"
    r"(?:[GMkT]Wh|[GMkT]W|千瓦时|千瓦|兆瓦时|兆瓦|吉瓦时|吉瓦|平方公里|平方千米|平方米|公顷|亩|立方米"
    r"|キロワット|メガワット|平方メートル|ヘクタール)(?![A-Za-z])"
)
_KOREAN_CAPACITY = rf"{_CJK_START}{_KOREAN_AMOUNT}(?:[GMkT]Wh|[GMkT]W|㎾|㎿|㎡)(?![A-Za-z])"
_COUNT_NOUN = (
    r"(?:jobs|companies|firms|businesses|enterprises|start-?ups|SMEs|units|people|persons"
    r"|residents|workers|employees|staff|households|visitors|tourists|vehicles|cars|EVs"
    r"|plants|factories)"
)
# Up to three modifiers between a number and what it counts: "37,000 related jobs".
_MODIFIER = r"(?:\s(?!(?:of|in|and|or|the|to|for|with|at|by|from|on|than)\b)[A-Za-z][\w’'&/-]*)"
_QUANTITY = (
    rf"{_START}(?:{_NUM}\s?[-–~]\s?)?{_NUM}(?:\s(?:million|thousand|billion|mln))?"
    rf"(?P<modifiers>{_MODIFIER}{{0,3}})\s{_COUNT_NOUN}(?![A-Za-z])"
)
# Korean counts by their counters: 명 (people), 개사 and 개 기업 (companies), 개국 (countries),
# 개소 and 곳 (sites), 가구 (households), 척 (ships), 톤 and t, and 개 (items: 일자리 800개)
# but not 개월 or 개년 (months, years); 대 (vehicles, machines) only after a scale (30만 대),
# since 20대 is people in their twenties and 3대 분야 the three main fields.
_KOREAN_QUANTITY = (
    rf"{_CJK_START}{_KOREAN_AMOUNT}"
    r"(?:명|개사|개\s?기업|개국|개소|가구|곳|척|톤"
    r"|개(?!월|년|발|최|편|선|정|혁|방|통|장|시|념|인|별|요|량|성|관|막|업|학|교)"
    r"|(?<=[만천])\s?(?:대|t(?![A-Za-z])))"
)
# Chinese and Japanese counts by their measure words: 1万辆 (vehicles), 30家 (companies),
# 5000名 (people), 50社 (companies), 30か所 (sites); "1人当たり" is Japanese for "per person".
_CHINESE_QUANTITY = (
    rf"{_CJK_START}{_HAN_AMOUNT}"
    r"(?:辆|輛|家企业|家|名|人(?!当)|吨|噸|台(?![湾灣北中南东東州])|座|套|个项目|个"
    r"|社(?![区區会會屋員员長长当]|あたり)|か所|カ所|ヶ所|箇所)"
)
_ORDINAL_WORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
_SUPERLATIVE = (
    r"(?:largest|biggest|highest|lowest|greatest|smallest|fastest|strongest|best|worst"
    r"|busiest|richest|longest|most\s[a-z]+|place|position)"
)
_RANK_WORDS = (
    r"(?:\b(?:No\.|no\.|Number|number)\s?|(?<![\w#])#)\d{1,3}(?![\d.,]\d|\d)"
    r"|\b[Tt]op[- ](?:\d{1,3}(?![\d.,]\d|\d)|one|two|three|four|five|six|seven|eight|nine|ten"
    r"|twenty|fifty|hundred)\b"
    rf"|\b(?i:{_ORDINAL_WORD})[- ]{_SUPERLATIVE}\b"
    rf"|(?:(?<=ranked\s)|(?<=ranks\s)|(?<=ranking\s)|(?<=placed\s)|(?<=finished\s)){_ORDINAL_WORD}\b"
)
_RANK_ORDINAL = rf"{_START}\d{{1,3}}(?:st|nd|rd|th)(?:[- ]{_SUPERLATIVE}\b)?(?![A-Za-z0-9])"
_KOREAN_RANK = rf"{_START}\d{{1,3}}\s?위(?=[\s,.)을를는은가이에의와과로도]|$)"

# One pass over a sentence; at one position the first alternative that matches wins, so
# money (which needs a currency) comes before percent, capacity, quantity and rank.
_FIGURE = re.compile(
    rf"(?P<money>{_MONEY_PREFIX}|{_MONEY_SUFFIX}|{_KOREAN_MONEY}|{_CHINESE_MONEY})"
    rf"|(?P<percent>{_PERCENT})"
    rf"|(?P<capacity>{_CAPACITY}|{_HAN_CAPACITY}|{_KOREAN_CAPACITY})"
    rf"|(?P<quantity>{_QUANTITY}|{_KOREAN_QUANTITY}|{_CHINESE_QUANTITY})"
    rf"|(?P<rank>{_RANK_WORDS}|{_RANK_ORDINAL}|{_KOREAN_RANK})"
)
# Every place a figure can start: a number, a currency sign or code, a rank word. Trying
# _FIGURE only there makes the pass about three times faster on the seeds; rank words are
# looked for only in sentences holding one, as a case-blind search everywhere costs as much.
_ANCHOR = re.compile(r"\d(?<![\d.,]\d)|[$₩€£¥#]|[A-Z](?:[A-Z]{2}|[A-Z]?\$|\.S\.)")
_RANK_ANCHOR = re.compile(rf"\b(?:[Nn]o\.|[Nn]umber|[Tt]op|(?i:{_ORDINAL_WORD}))")
_RANK_HINTS = ("no.", "number", "top", *_ORDINAL_WORD[3:-1].split("|"))
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_WON = re.compile(r"(?:19|20)\d\d[\s-](?:Korean\s)?won")
_LEADING_NUMBER = re.compile(_NUM)
_SCALED_COUNT = re.compile(rf"{_NUM}\s(?:million|thousand|billion|mln)\b")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_MONTH_BEFORE = re.compile(rf"\b{_MONTH}\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*(?:,|and|to|&|-|–)\s*)?$")
_MONTH_AFTER = re.compile(rf"^\s+of\s+{_MONTH}\b")
# An ordinal followed by one of these counts periods or editions, not a rank.
_NOT_RANK_AFTER = re.compile(
    r"^[- ](?:century|centuries|anniversary|birthday|annual|edition|session|floor|grade"
    r"|generation|half|quarter|week|day|month|year|time|times|term|phase|stage"
    r"|(?:five|5)[- ]year)\b",
    re.I,
)
_CAPITALISED_AFTER = re.compile(r"^\s+(?:[A-Z]|\d)")
_CLAUSE_END_AFTER = re.compile(r"\s*(?:[,.;:)]|$)")
_RANKING_BEFORE = re.compile(
    r"(?:['’]s?|\b(?:ranked|ranks|ranking|placed|finished|came|was|is|remains?))\s*$", re.I
)
_CAPITALISED_WORD_BEFORE = re.compile(r"(?:^|\s)([A-Z][\w-]*)\s*$")
# Before these a four-digit number 19xx/20xx is a year: "in 2024", "the 2024 list".
_TEMPORAL_BEFORE = re.compile(
    r"\b(?:in|by|since|from|until|till|to|during|before|after|of|through|the|this|that|its"
    r"|their)\s*$",
    re.I,
)
_IN_THE_BEFORE = re.compile(r"\bin\s+the\s*$", re.I)
# After these a count is what a rate is measured against, not a figure of its own.
_RATE_BASE_BEFORE = re.compile(r"\b(?:per|every)\s*$", re.I)

# Tokens of a sentence for `about`: brackets, clause stops, and words (which may hold
# inner commas and colons, as 1,000 and 10:30 do). A comma before a closing quotation mark
# ends a quoted clause ("... create 1,200 jobs," said the governor); a comma before a legal
# form is part of a company's name ("EcoPro BM Co., Ltd.", "Acme, Inc.").
_TOKEN = re.compile(
    r"(?P<open>[(\[{])|(?P<close>[)\]}])"
    rf"|(?P<stop>(?:,(?!\s+(?:{LEGAL_FORMS})(?!\w))|[;:])"
    r"[\"”»’']*(?=[\s)\]}]|$)|[\t\n]|(?<=\s)[-–—](?=\s)|[–—]|[|])"
    r"|(?P<word>(?:[^\s()\[\]{},;:–—|]|[,;:](?![\"”»’']*(?:[\s)\]}]|$)))+)"
)
# Words that open a new clause; the clause of a figure stops there.
_CLAUSE_WORDS = frozenset(
    "that which who whom whose while whereas where when because although though if unless".split()
)
# Verbs that link a subject to its figure: "exports reached $7 billion".
_MEASURE_VERBS = frozenset(
    """reached reach reaches reaching totaled totalled totals totaling totalling amounted
    amounts amounting stood stands hit hits rose rise rises rising increased increases
    increasing grew grow grows growing fell falls falling dropped drops dropping declined
    declines declining decreased decreases surged surges climbed climbs jumped jumps soared
    soars plunged exceeded exceeds exceeding surpassed surpasses topped tops recorded records
    posted posts was were is are accounted accounts accounting represents represented came
    expanded shrank""".split()
)
_AUXILIARIES = frozenset("is are was were has have had will would can could may might".split())
# Verbs that report what follows them: "the governor said | exports accounted for 42%".
# Not "added" ("value added"), forms that are nouns as well ("states", "notes"), nor verbs
# whose passive leads the figure's own clause ("demand is expected to reach 25 GW").
_REPORTING_VERBS = frozenset(
    "said says say told noted stated explained explains announced announces".split()
)
# Prepositions that end a subject worth keeping: "FDI pledged to Korea | in the first half".
_SUBJECT_CUT = frozenset("in on at during over since by as with".split())
# Function words: trimmed from both ends of an `about`, not counted as content.
# "may" is left out: "in May" ends many a description.
_STOPWORDS = frozenset(
    """a an the and or but nor of to in on at by for from with as into onto than then that
    this these those its it their his her our your they there is are was were be been being
    will would shall should can could might has have had do does did about around
    approximately nearly almost roughly some over under up down more less least most just
    only also which who whom whose while respectively per each such both either estimated
    additional another total than so very well since there""".split()
)
# Words that only qualify the figure after them; stripped from before it, longest first.
_APPROXIMATOR_PHRASES = (
    "a total of|total of|an estimated|estimated|a combined|combined|a record|a further|further"
    "|more than|less than|fewer than|at least|up to"
    "|as much as|as many as|as high as|as little as|as low as|as few as|some|about|around"
    "|approximately|nearly|almost|roughly|over|under|just|only|an additional|additional"
    "|another|a|an|the|its|their|his|her|our|respectively"
)
_APPROXIMATORS = sorted(
    (tuple(phrase.split()) for phrase in _APPROXIMATOR_PHRASES.split("|")), key=len, reverse=True
)
_PREPOSITIONS = frozenset(
    "of to in on at by for from with into toward towards than as and or".split()
)
# Function words swallowed with another figure when it is dropped from a description.
_BEFORE_OTHER_FIGURE = frozenset(
    "of from to by and or at about around approximately nearly almost over some than".split()
)
_AFTER_OTHER_FIGURE = frozenset("to of respectively".split())
_COORDINATORS = frozenset("and or but nor".split())
# Words that open an aside listing examples, skipped when a clause borrows the next one.
_ASIDE_OPENERS = frozenset("including such like e.g. i.e. especially notably".split())
_DECIMAL_WORD = re.compile(r"[\d,]*\d\.\d+[.,;]?")
_QUOTES = "\"“”«»‘'`"
_FIG = object()  # stands for another figure inside a description's token list


@dataclass(frozen=True)
class _Match:
    """One figure found in a sentence: its span and kind."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class _Token:
    """One token of a sentence: a word, a bracket or a clause stop."""

    kind: str  # "word", "open", "close" or "stop"
    text: str
    start: int
    end: int


def extract_figures(paragraphs: Sequence[Paragraph]) -> tuple[Figure, ...]:
    """Find the figures in an article's paragraphs, in reading order, once per paragraph."""
    figures: list[Figure] = []
    for paragraph in paragraphs:
        if paragraph.kind not in FIGURE_PARAGRAPH_KINDS:
            continue
        seen: set[str] = set()
        for sentence in line_sentences(paragraph.text):
            for value, kind, about in figures_in_sentence(sentence):
                if value in seen:
                    continue
                seen.add(value)
                figures.append(
                    Figure(
                        value=value,
                        about=about,
                        kind=kind,
                        paragraph=paragraph.id,
                        sentence=sentence,
                    )
                )
    return tuple(figures)


def figures_in_sentence(sentence: str) -> list[tuple[str, str, str]]:
    """List the (value, kind, about) of each figure in one sentence, left to right."""
    matches = list(_find_matches(sentence))
    if not matches:
        return []
    if _is_unspaced(sentence):
        return [(sentence[m.start : m.end], m.kind, _unspaced_about(sentence, m)) for m in matches]
    tokens = [
        _Token(m.lastgroup or "word", m.group(), m.start(), m.end())
        for m in _TOKEN.finditer(sentence)
    ]
    items = _items(tokens, matches)
    positions = {id(item): index for index, item in enumerate(items)}
    return [
        (
            sentence[match.start : match.end],
            match.kind,
            _describe(items, positions[id(match)]) or sentence.strip(),
        )
        for match in matches
    ]


# Korean particles that never stand as words of their own (도 "the province" and 이 "this" do).
_ORPHAN_PARTICLES = frozenset(KOREAN_BOUND_PARTICLES)
# Chinese and Japanese clauses end at these; their words are not spaced.
_UNSPACED_CLAUSE = re.compile(r"[，。；：、！？,;:!?（）()]")
# The characters an unspaced `about` keeps at most, nearest the figure first.
ABOUT_CHARACTERS = 20


def _is_unspaced(sentence: str) -> bool:
    """A sentence mostly in Chinese or Japanese script, whose words are not spaced."""
    return len(UNSPACED_CHARACTER.findall(sentence)) * 2 > len(sentence.replace(" ", ""))


# Japanese particles that tie a figure to the words around it: "120億円で" (for), "30カ所の
# 水素ステーション" (of): without the figure they would join its neighbours ("総事業費はで").
_PARTICLE_AFTER = re.compile(r"^(?:には|では|[のでをにがはともへ])")
_PARTICLE_BEFORE = re.compile(r"(?:には|では|[はがをにでもと])$")
# The particles that mark a clause's topic or subject: before a figure, they mark what it
# measures.
_TOPIC_BEFORE = re.compile(r"(?<!で|に)[はが]$")


def _unspaced_about(sentence: str, match: _Match) -> str:
    """What a figure in unspaced text measures: its clause without it ("到2027年推广燃料电池
    汽车" for 1万辆), cut to ABOUT_CHARACTERS on the side away from the figure; the Japanese
    particles that tied the figure in left out ("総事業費" for 120億円 in "総事業費は120億円で"),
    and only the topic kept when one is marked before it."""
    starts = [m.end() for m in _UNSPACED_CLAUSE.finditer(sentence, 0, match.start)]
    end = _UNSPACED_CLAUSE.search(sentence, match.end)
    before = sentence[starts[-1] if starts else 0 : match.start].strip()
    topic = _TOPIC_BEFORE.sub("", before)
    if topic != before and len(topic) >= 2:
        return topic  # "総投資額は50億円を見込む": what は or が marks is what is measured
    after = sentence[match.end : end.start() if end else len(sentence)].strip()
    after = _PARTICLE_AFTER.sub("", after)[: max(0, ABOUT_CHARACTERS - len(before))]
    about = " ".join((before[-ABOUT_CHARACTERS:] + after).split())
    about = _PARTICLE_BEFORE.sub("", about) if len(about) > 2 else about
    return about or " ".join(sentence.split())


def _figure_candidates(sentence: str) -> Iterator[re.Match[str]]:
    """Yield what _FIGURE.finditer would, trying the pattern only where a figure can start."""
    starts = [anchor.start() for anchor in _ANCHOR.finditer(sentence)]
    lowered = sentence.lower()
    if any(hint in lowered for hint in _RANK_HINTS):
        starts = sorted(starts + [anchor.start() for anchor in _RANK_ANCHOR.finditer(sentence)])
    position = 0
    for start in starts:
        if start < position:
            continue
        match = _FIGURE.match(sentence, start)
        if match is not None:
            yield match
            position = max(match.end(), start + 1)


def _find_matches(sentence: str) -> Iterator[_Match]:
    """Yield the figure spans of a sentence that survive the checks regexes cannot make."""
    for match in _figure_candidates(sentence):
        kind = match.lastgroup or ""
        if kind == "quantity" and not _is_count(sentence, match):
            continue
        if kind == "money" and _YEAR_WON.fullmatch(match.group()):
            continue  # "in 2024 won the award"
        if kind == "rank" and not _is_rank(sentence, match):
            continue
        value = match.group().rstrip()
        yield _Match(match.start(), match.start() + len(value), kind)


def _is_count(sentence: str, match: re.Match[str]) -> bool:
    """Keep whole counts ("2,024 companies", "1.2 million people"); drop a year before a
    noun ("In 2024 Korean companies"), versions ("Industry 4.0 initiative ... companies") and
    the base of a rate ("11.3 patents per 10,000 people")."""
    if _RATE_BASE_BEFORE.search(sentence[: match.start()]):
        return False
    value = match.group()
    number = _LEADING_NUMBER.match(value)
    if number is None:
        return False
    if "." in number.group() and not _SCALED_COUNT.match(value):
        return False
    if not _YEAR.fullmatch(number.group()):
        return True
    return not (match.group("modifiers") or _TEMPORAL_BEFORE.search(sentence[: match.start()]))


def _is_rank(sentence: str, match: re.Match[str]) -> bool:
    """Keep ordinals that rank; drop dates, periods, editions and numbered names."""
    value = match.group()
    before = sentence[: match.start()]
    after = sentence[match.end() :]
    if value[:1] in "Nn#":  # "No. 1": a rank, unless it numbers a name ("Terminal No. 1")
        previous = _CAPITALISED_WORD_BEFORE.search(before)
        return not (
            previous
            and previous.group(1) not in {"The", "A", "Its", "Their"}
            and before.strip() != previous.group(1)
        )
    if value.lower().endswith("first place") and _IN_THE_BEFORE.search(before):
        return False  # "in the first place" is an idiom, not a result
    if not value[:1].isdigit() or re.search(r"[A-Za-z]{4,}", value[2:]):
        return True  # "top 10", "third-largest", "5th-largest"
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.search(after):
        return False  # "July 9th", "July 11th and 12th", "9th of July"
    if _NOT_RANK_AFTER.search(after):
        return False  # "21st century", "2nd half", "3rd quarter", "14th five-year plan"
    if _RANKING_BEFORE.search(before):
        return True  # "ranked 5th", "Korea's 4th", "came 3rd."
    # "the 14th Five-Year Plan", "the 3rd Plenary Session": the edition of a named thing;
    # "on the 11th,": a day of the month.
    return not (_CAPITALISED_AFTER.search(after) or _CLAUSE_END_AFTER.match(after))


def _describe(items: list[_Token | _Match], position: int) -> str:
    """Say in a few words of its sentence what the figure at items[position] measures."""
    left, left_stop = _walk(items, position, -1)
    right, right_stop = _walk(items, position, 1)
    left = _strip_approximators(_drop_other_figures(left))
    right = _drop_other_figures(right)
    if right and right[0].lower() in _COORDINATORS:
        right = []  # what follows is another clause, not this figure's complement
    if right and right[0].lower() == "of":
        right = right[1:]  # "accounting for 41.8% of exports" -> "accounting for exports"
        left = _strip_tail(left, {"of"})
    else:
        left = _strip_tail(left, _PREPOSITIONS)  # "invest $5 bln in X" -> "invest in X"
    if len(left) > LEFT_WORDS:  # a long lead: the words said, not the speaker's title
        left = _reported(left)
    left = _trim_start(_subject_and_verb(left))[-LEFT_WORDS:]
    # With little before it, the figure is a subject: what follows says more.
    right = _trim_end(right[: RIGHT_WORDS if len(left) >= 3 else ABOUT_WORDS - len(left)])
    own, before, after = left + right, [], []
    words = _trim(own)
    # A clause too thin to say anything borrows a neighbour: a subject ("over 30 companies,
    # including ..., have moved") the clause after it, an aside ("up 6.5 percent") the one before.
    neighbours = [(-1, left_stop), (1, right_stop)]
    if not left and not _is_opening_bracket(items, left_stop):
        neighbours.reverse()
    for step, stop in neighbours:
        for _ in range(2):
            if stop is None or _content_count(words) >= MIN_CONTENT_WORDS:
                break
            borrowed, stop = _borrow(items, stop, step)
            if step < 0:
                before = borrowed + before
            else:
                after = after + borrowed
            words = _trim(before + own + after)
    # A Korean particle left alone once a figure (or its bracket) is cut: "총사업비 을 투입해".
    words = [word for word in words if word not in _ORPHAN_PARTICLES]
    return " ".join(words[:ABOUT_WORDS] or _nearby_words(items, position))


def _borrow(items: list[_Token | _Match], stop: int, step: int) -> tuple[list[str], int | None]:
    """Take a few words from the clause beyond a stop: the words just before a bracket it
    annotates, else the clause's subject; after the figure, the next clause not an aside."""
    words, next_stop = _walk(items, stop, step)
    clause = _drop_other_figures(words)
    if step > 0:
        if clause and clause[0].lower() in _ASIDE_OPENERS:
            return [], next_stop  # "including ..." lists examples; look one clause further
        return _trim_end(clause[:RIGHT_WORDS]), next_stop
    if _is_opening_bracket(items, stop):  # "invest a combined 180 billion won ($128 million)"
        return _trim(_strip_approximators(clause))[-LEFT_WORDS:], next_stop
    return _subject(clause), next_stop


def _is_opening_bracket(items: list[_Token | _Match], index: int | None) -> bool:
    item = items[index] if index is not None else None
    return isinstance(item, _Token) and item.kind == "open"


def _items(tokens: list[_Token], matches: list[_Match]) -> list[_Token | _Match]:
    """Replace the tokens each figure covers by the figure itself, once per figure."""
    items: list[_Token | _Match] = []
    placed: set[int] = set()
    cursor = 0
    for token in tokens:
        while cursor < len(matches) and matches[cursor].end <= token.start:
            cursor += 1
        covering = cursor
        while covering < len(matches) and matches[covering].start < token.end:
            if covering not in placed:  # one token may hold two figures: "5%/10%"
                placed.add(covering)
                items.append(matches[covering])
            covering += 1
        if covering == cursor:
            items.append(token)
    return items


def _walk(
    items: list[_Token | _Match], position: int, step: int
) -> tuple[list[object], int | None]:
    """Collect the words of the figure's clause on one side, skipping bracketed asides.

    Returns:
        The words in sentence order (other figures as a marker), and the index of the stop
        that ended the clause, or None when the sentence ended first.
    """
    opening, closing = ("close", "open") if step < 0 else ("open", "close")
    words: list[object] = []
    depth = 0
    index = position + step
    while 0 <= index < len(items):
        item = items[index]
        if isinstance(item, _Match):
            if depth == 0:
                if step < 0:
                    words.append(_FIG)
                elif words and all(str(word).lower() in _COORDINATORS for word in words):
                    words = []  # "47% and 75% of industries": both share what follows
                else:
                    return words, None  # what follows belongs to the next figure
        elif item.kind == opening:
            depth += 1
        elif item.kind == closing:
            if depth == 0:
                return _ordered(words, step), index
            depth -= 1
        elif depth == 0:
            if item.kind == "stop":
                return _ordered(words, step), index
            word = item.text.strip(_QUOTES)
            if word.lower() in _CLAUSE_WORDS and not (step < 0 and _opens_relative(words)):
                return _ordered(words, step), None if step > 0 else index
            if word:
                words.append(word)
        index += step
    return _ordered(words, step), None


def _opens_relative(words_after: list[object]) -> bool:
    """Tell "FDIs that actually arrived" (a relative clause, part of the subject) from
    "announced that exports rose" (a new clause): a relative pronoun comes before a verb."""
    if not words_after or words_after[-1] is _FIG:
        return False
    following = str(words_after[-1]).lower()
    return (
        following in _MEASURE_VERBS or following in _AUXILIARIES or following.endswith(("ed", "ly"))
    )


def _ordered(words: list[object], step: int) -> list[object]:
    return words[::-1] if step < 0 else words


def _drop_other_figures(words: list[object]) -> list[str]:
    """Remove other figures with the little words that tie them in ("rose 5% to").

    After "X and", the words that follow belong to a clause of their own ("... 50 percent and
    nurture 500 firms"); when none follow, the figures share the words before them
    ("targets of USD 16 billion and KRW 20 trillion").
    """
    kept: list[str] = []
    cut = 0
    skipping_after = False
    for word in words:
        if word is _FIG:
            while kept and kept[-1].lower() in _BEFORE_OTHER_FIGURE:
                kept.pop()
            skipping_after = True
            continue
        text = str(word)
        if skipping_after and text.lower() in _COORDINATORS:
            cut = len(kept)
            continue
        if skipping_after and text.lower() in _AFTER_OTHER_FIGURE:
            continue
        skipping_after = False
        kept.append(text)
    tail = kept[cut:]
    return tail if cut == 0 or _content_count(tail) else kept[:cut]


def _strip_approximators(words: list[str]) -> list[str]:
    """Drop "a total of", "more than", "about" and articles from just before the figure."""
    lowered = [word.lower() for word in words]
    stripped = True
    while stripped:
        stripped = False
        for phrase in _APPROXIMATORS:
            if len(phrase) <= len(lowered) and tuple(lowered[-len(phrase) :]) == phrase:
                del lowered[-len(phrase) :]
                stripped = True
                break
    return words[: len(lowered)]


def _strip_tail(words: list[str], drop: Collection[str]) -> list[str]:
    """Drop the words in drop from the end."""
    end = len(words)
    while end and words[end - 1].lower() in drop:
        end -= 1
    return words[:end]


def _subject_and_verb(words: list[str]) -> list[str]:
    """For "X reached $5 bln" keep the head of X and the verb when the clause is long."""
    verb = len(words) - 1
    if verb > 0 and words[verb].lower() in _PREPOSITIONS:
        verb -= 1  # "amounted to", "accounting for"
    if len(words) <= LEFT_WORDS or words[verb].lower() not in _MEASURE_VERBS:
        return words
    return _subject(words[:verb], LEFT_WORDS - (len(words) - verb)) + words[verb:]


def _subject(words: list[object], limit: int = LEFT_WORDS) -> list[str]:
    """Take the subject of a clause: the words before its verb, cut before a time or place,
    and at a function word when it is still longer than limit."""
    texts = _trim_start([str(word) for word in words if word is not _FIG])
    for index, word in enumerate(texts):
        if word.lower() in _MEASURE_VERBS and index > 0:
            texts = texts[:index]
            break
    texts = _reported(texts)
    for index in range(3, len(texts)):
        if texts[index].lower() in _SUBJECT_CUT:
            texts = texts[:index]
            break
    if len(texts) > limit:
        cuts = [i for i in range(2, limit + 1) if texts[i].lower() in _STOPWORDS]
        texts = texts[: cuts[-1] if cuts else limit]
    return _trim_end(texts)


def _reported(words: list[str]) -> list[str]:
    """The reported clause of "Kim said Lower Silesia ...": its subject is the figure's, not
    the speaker; words without a reporting verb, or with nothing said after it, are kept."""
    for index in range(len(words) - 2, 0, -1):
        if words[index].lower() in _REPORTING_VERBS:
            said = _trim_start(words[index + 1 :])
            return said if _content_count(said) else words
    return words


def _trim(words: list[str]) -> list[str]:
    """Remove function words and stray punctuation from both ends."""
    return _trim_end(_trim_start(words))


def _trim_start(words: list[str]) -> list[str]:
    cleaned = [word for word in map(_clean_word, words) if word]
    start = 0
    while start < len(cleaned) and not _is_content_edge(cleaned[start]):
        start += 1
    return cleaned[start:]


def _trim_end(words: list[str]) -> list[str]:
    cleaned = [word for word in map(_clean_word, words) if word]
    end = len(cleaned)
    while end > 0 and not _is_content_edge(cleaned[end - 1]):
        end -= 1
    return cleaned[:end]


def _clean_word(word: str) -> str:
    if _DECIMAL_WORD.fullmatch(word) or word.lower() == "respectively":
        return ""  # a bare measurement (a table cell) says nothing about the figure
    word = word.strip(_QUOTES.replace("'", "") + "*…")
    if word.startswith(("'", "‘")):
        word = word[1:]
    if word.endswith((".", "!", "?")) and word.count(".") <= 1:
        word = word.rstrip(".!?")  # the sentence's full stop, not "U.S."
    return word


def _is_content_edge(word: str) -> bool:
    return word.lower() not in _STOPWORDS and any(char.isalnum() for char in word)


def _content_count(words: list[str]) -> int:
    return sum(
        1
        for word in words
        if word.lower() not in _STOPWORDS and any(char.isalpha() for char in word)
    )


def _nearby_words(items: list[_Token | _Match], position: int) -> list[str]:
    """Fall back on the words next to the figure, whatever clause they belong to."""

    def words(indices: range) -> list[str]:
        return [
            item.text
            for item in (items[i] for i in indices)
            if isinstance(item, _Token) and item.kind == "word"
        ]

    before = words(range(position))[-LEFT_WORDS:]
    after = words(range(position + 1, len(items)))[:RIGHT_WORDS]
    return _trim(before + after)
