"""Drop the lines of a decoded source that are not content: web chrome, captions,
copyright, page furniture. Keep everything else, and say what was dropped."""

from __future__ import annotations

import re
from collections import Counter

from generator.model import CleanText, SourceText
from generator.text import RIGHTS_RESERVED, furniture_key, word_count

# Whole lines that web pages and their text dumps carry around the story.
# Compared case-insensitively after trimming; a line must match entirely.
WEB_CHROME = frozenset(
    line.casefold()
    for line in (
        "본문 바로가기",
        "본문으로 바로가기",
        "주메뉴 바로가기",
        "메뉴 바로가기",
        "검색 바로가기",
        "skip to content",
        "skip to main content",
        "skip navigation",
        "go to content",
        "text size",
        "font size",
        "글자크기",
        "글자 크기",
        "close",
        "닫기",
        "open",
        "menu",
        "search",
        "검색",
        "login",
        "log in",
        "sign in",
        "subscribe",
        "share",
        "공유",
        "공유하기",
        "print",
        "인쇄",
        "인쇄하기",
        "scrap",
        "스크랩",
        "copy url",
        "url 복사",
        "copy link",
        "facebook",
        "twitter",
        "x",
        "kakaotalk",
        "kakao story",
        "naver blog",
        "linkedin",
        "email",
        "top",
        "back to top",
        "go to top",
        "맨 위로",
        "위로",
        "previous",
        "next",
        "이전",
        "다음",
        "list",
        "목록",
        "more",
        "더보기",
        "join us on social!",
        "follow us",
        "related articles",
        "관련기사",
        "많이 본 뉴스",
        "most viewed",
        "advertisement",
        "광고",
    )
)
# A line of e-mail addresses alone (the reporter's, under a news story) or of hashtags alone
# (a news site's keywords, "#경북 #포항 #이차전지"): the story's furniture, not its text.
_ADDRESSES = re.compile(r"^\s*(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+[\s,;/]*)+$")
_HASHTAGS = re.compile(r"^\s*(?:\\?#[^\s#]+\s*){2,}$")
# CSS-ish ids that leak from a page's markup into its text ("bar_progress").
_MARKUP_ID = re.compile(r"^[a-z]+(?:[_-][a-z0-9]+)+$")
# The years a copyright runs: "2025", "2019-2025".
_YEARS = r"\d{4}(?:\s*[-–]\s*\d{4})?"
_COPYRIGHT = re.compile(
    rf"^\s*(?:©|ⓒ|\(c\)|copyright\b|저작권자)\s*(?:©|ⓒ|\(c\))?\s*(?:{_YEARS}\s*)?(.*)$", re.I
)
# A copyright line set in brackets, as Korean news sites print it: "<ⓒ경향신문, 무단전재 금지>"
# (a web page's text, as Markdown, escapes the bracket: "\<").
_ENCLOSED = re.compile(r"^\s*\\?[<\[【〈《]\s*(.*?)\s*\\?[>\]】〉》]\s*$")
# A Chinese site's copyright, within its footer line: "版权所有：重庆市人民政府 渝ICP备…".
_CHINESE_COPYRIGHT = re.compile(
    rf"(?:^|\s)版[权權]所有\s*[：:]?\s*(?:[©ⓒ]\s*)?(?:{_YEARS}\s*)?([^\s：:]{{2,30}})"
)
# What every copyright line holds, looked for first: most lines hold none, and the patterns
# above cost twenty times as much to try.
_COPYRIGHT_SIGN = re.compile(r"©|ⓒ|\(c\)|copyright|저작권자|版[权權]所有", re.I)
_YEAR_AFTER_HOLDER = re.compile(rf"[\s,]+{_YEARS}$")
_RIGHTS_TAIL = re.compile(rf"[.,]?\s*(?:(?:{RIGHTS_RESERVED}).*|unauthorized.*)\.?\s*$", re.I)
# A photo's caption: "▲ Governor Lee signs...", "[Photo: ...]". Not "▶", which newsletters and
# releases set before their points ("▶ Implication: ...") as often as news sites before a caption.
_CAPTION = re.compile(
    r"^\s*(?:[▲△]|\[(?:photo|사진)[^\]]*\]|\((?:photo|사진)[^)]*\)|photo\s*[:=])", re.I
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*page\s+\d{1,4}(?:\s+of\s+\d+)?\s*$", re.I
)
_HEADING = re.compile(r"^\s*#")
# A mailing's notices to its reader: how to view it, why it came, how to stop it.
_MAILING_NOTICE = re.compile(
    r"^\W*(?:having trouble (?:reading|viewing)|can(?:no|')t see (?:this|the) (?:e-?mail|images)"
    r"|view (?:(?:this|it|the) )?(?:e-?mail |newsletter |message )?(?:in|on) (?:your|a|the) "
    r"(?:web )?browser|view (?:it |this )?(?:online|as a web ?page|the web version)"
    r"|you (?:are )?(?:receiving|received|got) this (?:e-?mail|message|newsletter|mailing)"
    r"|this (?:e-?mail|message|newsletter) (?:was|is|has been) sent to"
    r"|(?:to |click here to )?unsubscribe\b|update (?:your )?(?:subscription |e-?mail )?preferences"
    r"|manage (?:your )?(?:subscription|preferences|e-?mail)"
    r"|if you (?:no longer|do not|don't) (?:wish|want) to receive"
    r"|forward (?:this )?(?:e-?mail |newsletter )?to a (?:friend|colleague)"
    r"|수신\s*거부|수신을 원하지 않|수신을 원치 않|본 메일은 발신\s*전용|退订|取消订阅|配信停止"
    r"|메일이 (?:잘 )?(?:보이지 않|안 보이)|웹(?:에서|으로) 보기"
    r"|newsletter abbestellen|abmelden\b)",
    re.I,
)
# A mailing's notice this near its end opens its footer: what follows is the sender's address.
MAILING_FOOTER_MAX_LINES = 6
# A line this long is a paragraph of text, which a mailing's footer comes after.
FOOTER_AFTER_CHARACTERS = 60
# A line seen this often, in this shape, is a running header or footer of a paged document.
REPEATED_HEADER_MIN_COUNT = 3
# What ends a sentence or a clause, in Latin and in Chinese, Japanese and full-width
# punctuation: a line ending so is text, never a running header.
SENTENCE_ENDS = (".", "!", "?", ":", ";", ",", "。", "！", "？", "：", "；", "，", "、")
# Formats whose readers keep page furniture out of the text already.
PAGELESS_FORMATS = frozenset({"docx", "doc", "hwpx", "hwp", "odt"})


def clean_source(source: SourceText) -> CleanText:
    """Return the content lines of a source, the publisher its copyright line names,
    and the removed lines."""
    lines = source.text.split("\n")
    # Word and Hangul readers leave headers and footers out: a repeated line there is text.
    headers = frozenset() if source.format in PAGELESS_FORMATS else _running_headers(lines)
    kept: list[str] = []
    removed: list[str] = []
    publisher = source.publisher
    footer = _mailing_footer(lines)
    removed.extend(line.strip() for line in lines[footer:] if line.strip())
    for line in lines[:footer]:
        stripped = line.strip()
        holder = copyright_holder(stripped)
        if holder is not None:
            publisher = publisher or holder or None
            removed.append(stripped)
        elif stripped and _is_junk(stripped, headers):
            removed.append(stripped)
        else:
            kept.append(line.rstrip())
    return CleanText(
        source=source,
        lines=tuple(_squeeze_blank_lines(kept)),
        publisher=publisher,
        removed=tuple(removed),
    )


def _mailing_footer(lines: list[str]) -> int:
    """Where a mailing's footer starts: its first notice to the reader after a paragraph of
    text, followed by no more than MAILING_FOOTER_MAX_LINES lines; the end when there is none."""
    texts = [number for number, line in enumerate(lines) if line.strip()]
    read = False  # whether a paragraph of text came before: a notice above it is a header
    for rank, number in enumerate(texts):
        notice = _MAILING_NOTICE.match(lines[number]) is not None
        if notice and read and len(texts) - rank - 1 <= MAILING_FOOTER_MAX_LINES:
            return number
        read = read or (not notice and len(lines[number].strip()) >= FOOTER_AFTER_CHARACTERS)
    return len(lines)


def _is_junk(line: str, headers: frozenset[str]) -> bool:
    if line.casefold() in WEB_CHROME or _MARKUP_ID.match(line) or _MAILING_NOTICE.match(line):
        return True
    if _CAPTION.match(line) or _PAGE_NUMBER.match(line):
        return True
    if _ADDRESSES.match(line) or _HASHTAGS.match(line):
        return True
    return furniture_key(line) in headers


def copyright_holder(line: str) -> str | None:
    """Name the holder in a copyright line ("© The Asia Business Daily(www...)", "<저작권자(c)
    연합뉴스, 무단 전재-재배포 금지>", "版权所有：重庆市人民政府"); None if the line is not one, ""
    if it names nobody."""
    if len(line) > 200 or not _COPYRIGHT_SIGN.search(line):
        return None
    chinese = _CHINESE_COPYRIGHT.search(line)
    if chinese:
        return chinese.group(1)
    line = _ENCLOSED.sub(r"\1", line)
    match = _COPYRIGHT.match(line)
    if not match:
        return None
    holder = _RIGHTS_TAIL.sub("", match.group(1)).strip(" .,:")
    holder = re.sub(r"\s*\((?:www\.|https?://)[^)]*\)", "", holder)  # "(www.asiae.co.kr)"
    holder = re.sub(r"\s+(?:www\.|https?://)\S+$", "", holder)
    holder = re.sub(r"\s*&\s*[\w-]+(?:\.[\w-]+)+$", "", holder)  # "매일경제 & mk.co.kr"
    holder = _YEAR_AFTER_HOLDER.sub("", holder)  # "© KOTRA 2025"
    return holder.strip(" .,:")


def _running_headers(lines: list[str]) -> frozenset[str]:
    """Find lines repeated like page headers: several words, no sentence end, not a
    Markdown heading, recurring REPEATED_HEADER_MIN_COUNT times or more."""
    counts = Counter(
        furniture_key(line)
        for line in lines
        if word_count(line) >= 3
        and len(line) <= 100
        and not _HEADING.match(line)
        and not line.rstrip().endswith(SENTENCE_ENDS)
    )
    return frozenset(key for key, count in counts.items() if count >= REPEATED_HEADER_MIN_COUNT)


def _squeeze_blank_lines(lines: list[str]) -> list[str]:
    squeezed: list[str] = []
    for line in lines:
        if not line.strip() and (not squeezed or not squeezed[-1].strip()):
            continue
        squeezed.append(line)
    while squeezed and not squeezed[-1].strip():
        squeezed.pop()
    return squeezed
