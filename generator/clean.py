"""Drop the lines of a decoded source that are not content: web chrome, captions,
copyright, page furniture. Keep everything else, and say what was dropped."""

from __future__ import annotations

import re
from collections import Counter

from generator.model import CleanText, SourceText
from generator.text import RIGHTS_RESERVED, furniture_key

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
# CSS-ish ids that leak from a page's markup into its text ("bar_progress").
_MARKUP_ID = re.compile(r"^[a-z]+(?:[_-][a-z0-9]+)+$")
_COPYRIGHT = re.compile(
    r"^\s*(?:©|ⓒ|\(c\)|copyright\b|저작권자)\s*(?:©|ⓒ|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.*)$",
    re.I,
)
_YEAR_AFTER_HOLDER = re.compile(r"[\s,]+\d{4}(?:\s*[-–]\s*\d{4})?$")
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
# A line seen this often, in this shape, is a running header or footer of a paged document.
REPEATED_HEADER_MIN_COUNT = 3
# Formats whose readers keep page furniture out of the text already.
PAGELESS_FORMATS = frozenset({"docx", "hwpx"})


def clean_source(source: SourceText) -> CleanText:
    """Return the content lines of a source, the publisher its copyright line names,
    and the removed lines."""
    lines = source.text.split("\n")
    # Word and Hangul readers leave headers and footers out: a repeated line there is text.
    headers = frozenset() if source.format in PAGELESS_FORMATS else _running_headers(lines)
    kept: list[str] = []
    removed: list[str] = []
    publisher = source.publisher
    for line in lines:
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


def _is_junk(line: str, headers: frozenset[str]) -> bool:
    if line.casefold() in WEB_CHROME or _MARKUP_ID.match(line):
        return True
    if _CAPTION.match(line) or _PAGE_NUMBER.match(line):
        return True
    return furniture_key(line) in headers


def copyright_holder(line: str) -> str | None:
    """Name the holder in a copyright line ("© The Asia Business Daily(www...)"); None if
    the line is not one, "" if it names nobody."""
    match = _COPYRIGHT.match(line)
    if not match or len(line) > 200:
        return None
    if not re.match(r"\s*(?:©|ⓒ|\(c\)|copyright|저작권자)", line, re.I):
        return None
    holder = _RIGHTS_TAIL.sub("", match.group(1)).strip(" .,:")
    holder = re.sub(r"\s*\((?:www\.|https?://)[^)]*\)", "", holder)  # "(www.asiae.co.kr)"
    holder = re.sub(r"\s+(?:www\.|https?://)\S+$", "", holder)
    holder = _YEAR_AFTER_HOLDER.sub("", holder)  # "© KOTRA 2025"
    return holder.strip(" .,:")


def _running_headers(lines: list[str]) -> frozenset[str]:
    """Find lines repeated like page headers: several words, no sentence end, not a
    Markdown heading, recurring REPEATED_HEADER_MIN_COUNT times or more."""
    counts = Counter(
        furniture_key(line)
        for line in lines
        if len(line.split()) >= 3
        and len(line) <= 100
        and not _HEADING.match(line)
        and not line.rstrip().endswith((".", "!", "?", ":", ";", ","))
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
