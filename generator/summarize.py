"""Summarise stage helpers: choose verbatim sentences for an article's summary and key points.

Extractive and pure Python, in the manner of sumy's centroid and lead summarizers: every
sentence is scored by its term centrality within the article, its overlap with the title and
its position; the summary keeps the best sentences in their original order, the key points
prefer sentences carrying facts. Nothing is reworded: a key point may only be cut back to its
main clause.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.model import Paragraph
from generator.text import (
    CJK_CHARACTER,
    CJK_STATEMENT,
    CONTACT_FIELD,
    FOOTNOTE_MARKER,
    RIGHTS_RESERVED,
    UNSPACED_CHARACTER,
    detect_language,
    join_sentences,
    normalize_title,
    split_sentences,
    strip_dateline,
    word_count,
)

# Limits from the editorial brief: a summary of 2-4 sentences within about 90 words,
# 3-6 key points of at most 25 words each; usable sentences run 6 to 60 words.
SUMMARY_MAX_WORDS = 90
SUMMARY_MAX_SENTENCES = 4
KEY_POINT_MAX_WORDS = 25
KEY_POINTS_MIN = 3
KEY_POINTS_MAX = 6
SENTENCE_MIN_WORDS = 6
SENTENCE_MAX_WORDS = 60
# The fallback summary when no sentence is usable: the opening words of the first paragraph.
FALLBACK_WORDS = 40
ELLIPSIS = "…"

# Weights of the three signals in a sentence's score; they sum to 1 so scores compare across
# articles. Position weighs as much as the title because briefings are written lead-first.
CENTRALITY_WEIGHT = 0.4
TITLE_WEIGHT = 0.3
POSITION_WEIGHT = 0.3
# How fast the position signal decays: the 6th sentence of an article is worth half the 1st.
POSITION_DECAY = 0.2
# Direct speech is opinion more often than news: a quoted sentence keeps 85% of its score.
QUOTE_PENALTY = 0.85
# Two sentences sharing this share of their terms (Jaccard) say the same thing.
REDUNDANCY = 0.5
# The summary looks for sentences among this many of the best; further down they only pad.
SUMMARY_POOL = 8
# A summary stops growing at 3 sentences once it has this many words.
SUMMARY_ENOUGH_WORDS = 60
# An article whose list items hold this many times the words of its prose is written in points.
POINTS_SHARE = 3
# A sentence leaning on the one before it keeps this share of its key-point score.
LEANING_PENALTY = 0.7
# Key points beyond the third must score at least this share of the best one's score.
KEY_POINT_FLOOR = 0.6

_STOPWORDS = frozenset(
    "a about above after again against all also am an and any are as at be because been before "
    "being below between both but by can could did do does doing down during each few for from "
    "further had has have having he her here hers herself him himself his how i if in into is it "
    "its itself just me more most my myself no nor not now of off on once only or other our ours "
    "ourselves out over own same she should so some such than that the their theirs them "
    "themselves then there these they this those through to too under until up very was we were "
    "what when where which while who whom why will with would you your yours yourself "
    "yourselves said says say shall may might must upon within without across among per "
    "via whose one two three new year years well however including".split()
)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLOSERS = "\"”’')]»"
_OPENERS = "\"“‘'([«"
# Footnote markers after a sentence's stop or closing quote: "[53]", "¹²".
_TRAILING_FOOTNOTE = re.compile(rf"(?:{FOOTNOTE_MARKER})+$")
_SENTENCE_END = ".!。！…"
# A citation's marker inside a quoted sentence: after a stop, a comma, a closing quote or a
# percent sign ("alumni.[23]", "84.1%[29]"). Right after a letter it is as often an exponent
# ("100 yen/Nm[3]"), and after a space a reference ("item [2]"): those stay.
_CITATION = re.compile(rf"(?<=[.,;:!?%{re.escape(_CLOSERS)}])(?:{FOOTNOTE_MARKER})+")
# Bylines, contact lines, copyright notices and links are page furniture, not content.
_FURNITURE = re.compile(
    rf"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w|©|\(c\)\s*\d{{4}}|{RIGHTS_RESERVED}|copyright"
    rf"|{CONTACT_FIELD}"
    r"|^(?:reporter|photo(?:graph)?|source|editor|contact|note)s?\s*(?:[:|/]|by\b)|^written by\b"
    # Instructions to the reader ("Please see the attached...", "For more information, ...",
    # "외부 배포 시 사전 협의 바랍니다").
    r"|^please\b|^(?:see|refer to|click)\b|^for (?:more|further|full) (?:information|details)\b"
    r"|(?:바랍니다|주십시오|주세요)\s*[.!]?\s*$"
    # A periodical saying what it is ("This newsletter is published every two weeks"), or a
    # release its issuer ("About WFS: Wirtschaftsförderung Sachsen GmbH is ...").
    r"|^(?:this|our)\s+(?:newsletter|bulletin|digest)\b|^본\s*(?:소식지|뉴스레터)"
    r"|^about\s+(?-i:[A-Z])[^:.,]{0,60}:",
    re.I,
)
# "By Kim Min-ji, reporter": a name after "By", unlike "By 2030," or "By contrast,".
_BYLINE = re.compile(
    r"^(?i:by)\s+(?!(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|then|now)\b)[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}\s*(?:[,|/(]|$)"
)
# "Table 1 summarizes...", "The chart below shows...": a sentence about a table or a figure
# the reader of a briefing does not see beside it.
_EXHIBIT = re.compile(
    r"^(?:the |this )?(?:table|chart|figure|fig\.|graph|map|box)\s*(?:\d+[a-z]?\b|below|above)",
    re.I,
)
_NUMBER = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")
# "(1) Take", "2. Build", "a) Open", "[3] Source": items and footnotes, not sentences.
_ENUMERATION = re.compile(
    r"^\s*(?:[(\[]\s*(?:\d{1,3}|[a-zA-Z]|[ivx]{1,4})\s*[)\]]|\d{1,2}[.)]\s|[a-z][.)]\s)"
)
_LONE_ABBREVIATION = re.compile(r"^[A-Z][a-z]{1,4}\.$")
_DANGLING_ITEM = re.compile(r"(?:,|\band|\bor)\s+\d{1,2}\.$")
_LEADER = re.compile(r"\.{4,}|…{2,}|·{3,}|\.\s\.\s\.")
# Verbs that announce a fact worth a bullet: deals signed, money invested, plants built.
_FACT_VERB = re.compile(
    r"\b(?:sign|invest|launch|agree|build|built|open|announc|establish|acquir|expand|develop"
    r"|produc|complet|partner|attract|host|rais|allocat|pour|designat|select|export|import"
    r"|contract|construct|plan|award|win|won|merg|suppl)\w*",
    re.I,
)
# Where a sentence may be cut back to its main clause: before a relative, participle or
# trailing clause, a semicolon or a dash; ", and" only when a new clause follows (_shorten).
_CLAUSE_CUT = re.compile(
    r",\s+(?:which|who|whom|whose|where|while|whereas|but|as(?! well)|aiming|adding|according"
    r"|including|such as|with|bringing|making|thereby|in order|during|and|[a-z]+ing|[a-z]{3,}ed)\b"
    r"|;\s|\s[—–]\s|\s-\s"
)
# A main clause needs a verb; without a tagger, these words are the likely ones. The "-ed"
# branch is lowercase only, so names such as "Used Battery Center" do not pass for verbs.
_VERB_HINT = re.compile(
    r"\b(?i:is|are|was|were|be|been|will|would|shall|should|can|could|may|might|must|has|have"
    r"|had|does|do|did|plans?|aims?|intends?|seeks?|signs?|invests?|launch(?:es)?"
    r"|agrees?|builds?|opens?|announces?|holds?|leads?|takes?|makes?|provides?|supports?"
    r"|expects?|includes?|becomes?|remains?|says?|needs?|wants?|goes|gets?|shows?"
    r"|led|held|met|made|took|set|won|built|gave|saw|began|rose|fell|grew|said|paid|sold|spent"
    r"|went|came|became|left|brought)\b|\b[a-z]{2,}ed\b"
)
# A sentence that leans on the one before it: a connective ("However,", "To this end,", "For
# example,"), a pronoun or a "this"/"such" pointing back ("It will", "He said", "These
# plants"), at its start or after a short opening phrase ("In May, for example,"). Read alone,
# as a key point or the first sentence of a summary, it refers to nothing. English only.
_CONNECTIVE = (
    r"however|moreover|furthermore|additionally|meanwhile|therefore|thus|hence|accordingly"
    r"|consequently|nevertheless|nonetheless|besides|likewise|similarly|instead|otherwise"
    r"|in addition|as a result|to (?:this|that|such|these) ends?|for (?:example|instance)"
    r"|in particular|on the other hand|in turn|in other words|by contrast|in contrast"
    r"|at the same time|as such|of (?:these|them|those)|among (?:them|these|those)"
    # A time told by the sentence before: "Since then", "Two years later", "After that,"
    # ("After this year's vote" and "At the time of writing" point nowhere).
    r"|since then|by then|until then|from then on|at that time|at the time(?=,)"
    r"|(?:after|following) (?:that|this)(?=,)|the (?:following|next) (?:day|week|month|year)"
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r" (?:days?|weeks?|months?|years?) later"
)
# Pronouns and determiners that point back, as a sentence's subject: after an opening phrase
# only these count, for "its" there often points forward ("Hyundai, its partner Kia and LG").
_SUBJECT_POINTER = (
    # "It is ... that/to" is no pointer: "It is hoped that", "It is urgent for X to".
    r"it\b(?!\s+(?:is|was|has been|will be|would be)\b[^.]*\b(?:that|to)\b)|they|he|she|such"
    # "This year" and "this paper" point at a time or the document itself, not back.
    r"|(?:this|that|these)\b(?!\s+(?:year|month|week|quarter|season|spring|summer|autumn|fall"
    r"|winter|morning|afternoon|evening|time|article|paper|report|study|document|chapter"
    r"|section|issue|edition|bulletin|newsletter)\b)"
)
_POINTER = (
    rf"{_SUBJECT_POINTER}|its|their|them|his|her|those|another|others|one such"
    r"|the (?:former|latter|same)"
)
# An interview marks its questions and answers ("Q. Why Gyeonggi?", "A. Because ..."): the
# answer's mark is no part of its first sentence.
_QUESTION_MARK = re.compile(r"^Q[.:]\s+\S")
_ANSWER_MARK = re.compile(r"^A[.:]\s+(?=\S)")
_LEANS_BACK = re.compile(
    rf"^[{_OPENERS}]?(?:(?i:also|and|but|or|so|yet|then|{_CONNECTIVE}|{_POINTER})(?![\w-])"
    rf"|[^,]{{1,40}},\s+(?i:{_CONNECTIVE}|{_SUBJECT_POINTER})(?![\w-]))"
)


@dataclass(frozen=True)
class Candidate:
    """One sentence of an article that may be quoted in its summary or key points."""

    text: str  # verbatim from the paragraph
    position: int  # ordinal among the article's sentences; ties break on it
    kind: str  # kind of the paragraph it comes from: "text" or "list"
    terms: frozenset[str]  # content terms, lowercased and lightly stemmed
    words: int
    quoted: bool  # carries direct speech
    leans_back: bool  # refers to the sentence before it (_LEANS_BACK)


def summarize_article(title: str, paragraphs: Sequence[Paragraph]) -> tuple[str, tuple[str, ...]]:
    """Choose a summary and key points for an article, copying sentences from its text
    (without their citation markers).

    Args:
        title: the article's headline; its words mark the sentences on topic.
        paragraphs: the article body; "text" paragraphs feed the summary ("list" items too
            in an article written in points), "text" and full-sentence "list" items the key
            points.

    Returns:
        The summary (2-4 sentences in their original order, at most 90 words, or the
        opening words of the first paragraph when no sentence is usable) and the key points.
    """
    language = _main_language(paragraphs)
    candidates = _candidates(title, paragraphs, language)
    scores = _scores(candidates, content_terms(title))
    summary_sentences = _pick_summary(_summary_pool(candidates), scores)
    if summary_sentences:
        summary = join_sentences(c.text for c in summary_sentences)
    else:
        summary = _fallback_summary(paragraphs, language)
    key_points = _pick_key_points(candidates, scores, summary_sentences)
    # The notes the markers point to are not quoted with them.
    return _CITATION.sub("", summary), tuple(_CITATION.sub("", point) for point in key_points)


def summarize_document(articles_summaries: Sequence[str], title: str) -> str:
    """Compose an overview of a document from the first sentences of its article summaries.

    A single article gives its own summary; several give "N briefings:" followed by the
    first sentence of as many summaries as fit in 90 words. A sentence that only repeats the
    document's title is left out; with nothing left the overview is empty.
    """
    title_key = normalize_title(title)
    firsts: list[str] = []
    for summary in articles_summaries:
        sentences = [s for s in split_sentences(summary) if normalize_title(s) != title_key]
        if sentences and sentences[0] not in firsts:
            firsts.append(sentences[0])
        if len(articles_summaries) == 1:
            return _fit_sentences(sentences, SUMMARY_MAX_WORDS) or _cut_words(
                join_sentences(sentences), SUMMARY_MAX_WORDS
            )
    if not firsts:
        return ""
    head = f"{len(articles_summaries)} briefings:"
    budget = SUMMARY_MAX_WORDS - word_count(head)
    # A first sentence too long for the budget keeps its opening words.
    body = _fit_sentences(firsts, budget) or _cut_words(firsts[0], budget)
    return f"{head} {body}"


def _main_language(paragraphs: Sequence[Paragraph]) -> str:
    """Name the language most of the article's text is in, by characters; English on a tie."""
    weights: Counter[str] = Counter()
    for paragraph in paragraphs:
        if paragraph.kind == "text":
            weights[paragraph.language] += len(paragraph.text)
    if not weights:
        return "en"
    return min(weights.items(), key=lambda pair: (-pair[1], pair[0] != "en", pair[0]))[0]


def _candidates(title: str, paragraphs: Sequence[Paragraph], language: str) -> list[Candidate]:
    """List the sentences fit to quote, each once, in article order."""
    title_key = normalize_title(title)
    # A title of a word or two may well recur in a real sentence; a longer one is a caption.
    caption_key = title_key if word_count(title_key) >= 3 else ""
    candidates: list[Candidate] = []
    seen: set[str] = set()
    position = 0
    interview = any(_QUESTION_MARK.match(paragraph.text) for paragraph in paragraphs)
    for paragraph in paragraphs:
        if paragraph.kind not in ("text", "list"):
            continue
        for number, sentence in enumerate(_sentences(paragraph.text)):
            position += 1
            # The place and date a story was filed from are not part of its first sentence.
            sentence = strip_dateline(sentence) if number == 0 else sentence
            if number == 0 and interview:
                sentence = _ANSWER_MARK.sub("", sentence)
            if paragraph.language != language or sentence in seen:
                continue
            if not _usable(sentence, language, caption_key):
                continue
            seen.add(sentence)
            candidates.append(
                Candidate(
                    text=sentence,
                    position=position,
                    kind=paragraph.kind,
                    terms=frozenset(content_terms(sentence)),
                    words=word_count(sentence),
                    quoted=any(mark in sentence for mark in '"“”'),
                    leans_back=language == "en" and bool(_LEANS_BACK.match(sentence)),
                )
            )
    return candidates


def _sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, joining a lone abbreviation ("Dep.", "Amb.") that
    the splitter does not know to the sentence it opens; every sentence stays verbatim."""
    sentences: list[str] = []
    cursor = 0
    pending = -1  # where a lone abbreviation starts, waiting for its sentence
    for piece in split_sentences(text):
        start = text.find(piece, cursor)
        if start < 0:  # not expected: the splitter only strips; keep the piece as it is
            sentences.append(piece)
            pending = -1
            continue
        cursor = start + len(piece)
        if pending >= 0:
            start, pending = pending, -1
            piece = text[start:cursor]
        elif _LONE_ABBREVIATION.match(piece):
            pending = start
            continue
        sentences.append(piece)
    if pending >= 0:
        sentences.append(text[pending:cursor])
    return sentences


def _usable(sentence: str, language: str, caption_key: str) -> bool:
    """Tell whether a sentence reads as a whole sentence of content in the article's language."""
    words = word_count(sentence)
    if not SENTENCE_MIN_WORDS <= words <= SENTENCE_MAX_WORDS:
        return False
    if (
        "\t" in sentence
        or "|" in sentence
        or _FURNITURE.search(sentence)
        or _BYLINE.match(sentence)
    ):
        return False
    # The marker goes first: "]" is also a closer, and stripping it would leave "[1".
    ending = _TRAILING_FOOTNOTE.sub("", sentence.rstrip()).rstrip(_CLOSERS + " ")
    if not ending or ending[-1] not in _SENTENCE_END:
        return False  # a question, a heading, a caption or a cut-off fragment
    opening = sentence.lstrip(_OPENERS)
    if not opening or opening[0].islower() or opening[0] in "-•*·" or _ENUMERATION.match(sentence):
        return False  # a continuation, a footnote or a list fragment
    if _LEADER.search(sentence):
        return False  # a row of a table of contents
    if _EXHIBIT.match(opening):
        return False
    if not _quotes_closed(sentence):
        return False  # a piece of a quotation of several sentences, cut by the splitter
    tokens = sentence.split()
    # A row of figures: more than a third of the words are numbers.
    if _numbers(tokens) * 3 > words:
        return False
    letters = [char for char in sentence if char.isalpha()]
    if letters and sum(char.isupper() for char in letters) * 2 > len(letters):
        return False  # a shouted heading
    words_of_letters = [token.lstrip(_OPENERS) for token in tokens if token[-1:].isalpha()]
    capitalised = sum(1 for token in words_of_letters if token[:1].isupper())
    if capitalised * 10 > len(words_of_letters) * 6 and not _VERB_HINT.search(sentence):
        return False  # a name or a headline in title case, cut off by the sentence splitter
    if _DANGLING_ITEM.search(sentence):
        return False  # "..., and 2." ends where the splitter met the next list item
    if detect_language(sentence) != language:
        return False
    return not (caption_key and caption_key in normalize_title(sentence))


def _numbers(tokens: Sequence[str]) -> int:
    """How many of the words are numbers: each spaced token holding a digit, and in a run of
    Chinese or Japanese (one token for a whole sentence) each number in it."""
    return sum(
        len(_DIGIT_RUN.findall(token)) if UNSPACED_CHARACTER.search(token) else 1
        for token in tokens
        if _NUMBER.search(token)
    )


def _scores(candidates: Sequence[Candidate], title_terms: Sequence[str]) -> dict[int, float]:
    """Score each candidate by term centrality, title overlap and position, keyed by position."""
    # Sentence frequency of each term: a term shared by many sentences is the article's topic.
    frequency: Counter[str] = Counter()
    for candidate in candidates:
        frequency.update(candidate.terms)
    # A sentence gets no credit for its own terms (the -1), so a long sentence full of words
    # used nowhere else does not rank as central; the square root tempers length.
    centrality = [
        sum(frequency[term] - 1 for term in c.terms) / math.sqrt(len(c.terms)) if c.terms else 0.0
        for c in candidates
    ]
    top = max(centrality, default=0.0) or 1.0
    title_set = set(title_terms)
    scores = {}
    for candidate, central in zip(candidates, centrality, strict=True):
        on_title = len(title_set & candidate.terms) / len(title_set) if title_set else 0.0
        lead = 1.0 / (1.0 + POSITION_DECAY * (candidate.position - 1))
        score = CENTRALITY_WEIGHT * central / top + TITLE_WEIGHT * on_title + POSITION_WEIGHT * lead
        scores[candidate.position] = score * QUOTE_PENALTY if candidate.quoted else score
    return scores


def _ranked(candidates: Sequence[Candidate], scores: dict[int, float]) -> list[Candidate]:
    """Order candidates best first, the earlier sentence first on a tie."""
    return sorted(candidates, key=lambda c: (-scores[c.position], c.position))


def _redundant(candidate: Candidate, chosen: Sequence[Candidate]) -> bool:
    """Tell whether a candidate says what a chosen sentence already says."""
    for other in chosen:
        union = candidate.terms | other.terms
        if union and len(candidate.terms & other.terms) / len(union) >= REDUNDANCY:
            return True
    return False


def _summary_pool(candidates: Sequence[Candidate]) -> Sequence[Candidate]:
    """The sentences a summary may quote: the prose, or every sentence when the article is
    written in points (a Korean ministry's "□" and "ㅇ" lines) whose items hold most of its
    words; a few sentences of prose around a list still keep the list out."""
    prose = [c for c in candidates if c.kind == "text"]
    if sum(c.words for c in candidates) > POINTS_SHARE * sum(c.words for c in prose):
        return candidates
    return prose


def _pick_summary(candidates: Sequence[Candidate], scores: dict[int, float]) -> list[Candidate]:
    """Choose 2-4 non-redundant sentences within the word limit, in their original order.

    A sentence leaning on the one before it comes only after that one; when that leaves
    fewer than two, the rule gives way rather than the summary.
    """
    pool = _ranked(candidates, scores)[:SUMMARY_POOL]
    for standalone in (True, False):
        chosen = _fill_summary(pool, standalone)
        if len(chosen) < 2:
            chosen = _best_pair(pool, scores, standalone) or chosen
        if len(chosen) >= 2:
            break
    return sorted(chosen, key=lambda c: c.position)


def _fill_summary(pool: Sequence[Candidate], standalone: bool) -> list[Candidate]:
    """Take the pool's sentences best first while they fit and say something new; with
    standalone, one leaning back only right after its predecessor."""
    chosen: list[Candidate] = []
    words = 0
    for candidate in pool:
        if len(chosen) == SUMMARY_MAX_SENTENCES or (
            len(chosen) >= 3 and words >= SUMMARY_ENOUGH_WORDS
        ):
            break
        if words + candidate.words > SUMMARY_MAX_WORDS or _redundant(candidate, chosen):
            continue
        if standalone and not _follows(candidate, chosen):
            continue
        chosen.append(candidate)
        words += candidate.words
    return chosen


def _follows(candidate: Candidate, chosen: Sequence[Candidate]) -> bool:
    """Tell whether a candidate reads right among the chosen: it stands alone, or the
    sentence it leans on is chosen."""
    return not candidate.leans_back or any(c.position == candidate.position - 1 for c in chosen)


def _best_pair(
    pool: Sequence[Candidate], scores: dict[int, float], standalone: bool
) -> list[Candidate]:
    """Find the two best-scoring sentences that fit the word limit together, if any do."""
    best: list[Candidate] = []
    best_score = -1.0
    for i, first in enumerate(pool):
        for second in pool[i + 1 :]:
            if first.words + second.words > SUMMARY_MAX_WORDS or _redundant(first, [second]):
                continue
            earlier, later = sorted((first, second), key=lambda c: c.position)
            if standalone and not (_follows(earlier, []) and _follows(later, [earlier])):
                continue
            score = scores[first.position] + scores[second.position]
            if score > best_score:  # strict: the earlier pair in rank order wins a tie
                best, best_score = [first, second], score
    return best


def _fallback_summary(paragraphs: Sequence[Paragraph], language: str) -> str:
    """Open the first text paragraph, in the article's language if any, up to 40 words; an
    article of lists only gives its first items, joined by semicolons, within the same."""
    texts = [p for p in paragraphs if p.kind == "text" and p.text.strip()]
    preferred = [p for p in texts if p.language == language] or texts
    if preferred:
        return _cut_words(preferred[0].text.strip(), FALLBACK_WORDS)
    items = [p.text.strip().rstrip(".;") for p in paragraphs if p.kind == "list" and p.text.strip()]
    if not items:
        return ""
    joined = _fit_sentences(items, FALLBACK_WORDS, "; ".join)
    return f"{joined}." if joined else _cut_words(items[0], FALLBACK_WORDS)


def _pick_key_points(
    candidates: Sequence[Candidate], scores: dict[int, float], summary: Sequence[Candidate]
) -> tuple[str, ...]:
    """Choose 3-6 distinct factual sentences, cut to their main clause when long, in order.

    Sentences already in the summary are used only when the others are too few.
    """
    # First pass: neither a summary sentence nor one saying the same thing.
    in_summary = {c.position for c in candidates if c in summary or _redundant(c, summary)}
    points: dict[int, str] = {}  # by position, so the bullets keep the article's order
    chosen: list[Candidate] = []
    top = 0.0
    for allow_summary in (False, True):
        ranked = sorted(
            (c for c in candidates if allow_summary or c.position not in in_summary),
            key=lambda c: (-_key_score(c, scores), c.position),
        )
        for candidate in ranked:
            if len(chosen) == KEY_POINTS_MAX:
                break
            score = _key_score(candidate, scores)
            if len(chosen) >= KEY_POINTS_MIN and score < KEY_POINT_FLOOR * top:
                break
            if candidate.position in points or _redundant(candidate, chosen):
                continue
            point = _shorten(candidate.text)
            if point is None or not (_VERB_HINT.search(point) or CJK_STATEMENT.search(point)):
                continue  # too long to cut, or a phrase without a verb states no fact
            top = max(top, score)
            points[candidate.position] = point
            chosen.append(candidate)
        if len(chosen) >= KEY_POINTS_MIN:
            break
    return tuple(points[position] for position in sorted(points))


def _key_score(candidate: Candidate, scores: dict[int, float]) -> float:
    """Score a candidate as a key point: half its summary score, half the facts it carries."""
    tokens = candidate.text.split()
    numbers = sum(1 for token in tokens if _NUMBER.search(token))
    # Capitalised words after the first stand for named entities.
    names = sum(1 for token in tokens[1:] if token.lstrip(_OPENERS)[:1].isupper())
    verb = 1.0 if _FACT_VERB.search(candidate.text) else 0.0
    facts = (min(numbers, 2) / 2 + min(names, 3) / 3 + verb) / 3
    score = 0.5 * scores[candidate.position] + 0.5 * facts
    # A bullet is read alone: one leaning on the sentence before it gives way to one that
    # does not, unless it carries clearly more.
    return score * LEANING_PENALTY if candidate.leans_back else score


def _shorten(sentence: str) -> str | None:
    """Cut a sentence back to its longest main clause within the key-point limit, or None."""
    if word_count(sentence) <= KEY_POINT_MAX_WORDS:
        return sentence
    best = None
    for match in _CLAUSE_CUT.finditer(sentence):
        prefix = sentence[: match.start()].rstrip(" ,;:")
        words = word_count(prefix)
        if words > KEY_POINT_MAX_WORDS:
            break
        if words < SENTENCE_MIN_WORDS or not _balanced(prefix):
            continue
        # After a colon, semicolons separate the items of a list, not clauses.
        if match.group().startswith(";") and ":" in prefix:
            continue
        # ", and" joins list items as often as clauses: cut only before a clause with a verb.
        if match.group().startswith(", and") and not _VERB_HINT.search(
            " ".join(sentence[match.end() :].split()[:8])
        ):
            continue
        # The clause after the last comma must hold a verb, or the cut split a subject
        # from its verb ("Since 2019, over 30 companies, including X, have moved ...").
        if not _VERB_HINT.search(prefix.rsplit(", ", 1)[-1]):
            continue
        best = prefix
    if best is None:
        return None
    return best if best[-1] in _SENTENCE_END else best + "."


def _balanced(text: str) -> bool:
    """Tell whether brackets and quotes in text are all closed."""
    return text.count("(") == text.count(")") and _quotes_closed(text)


def _quotes_closed(text: str) -> bool:
    """Tell whether every double quote in text, curly or straight, is closed."""
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def content_terms(text: str) -> list[str]:
    """List the content terms of a text: lowercased, stopwords out, plurals folded; Chinese,
    Japanese and unspaced Korean runs as character bigrams."""
    terms = []
    for token in _TOKEN.findall(unicodedata.normalize("NFKC", text).lower()):
        if CJK_CHARACTER.search(token):
            terms.extend(token[i : i + 2] for i in range(max(1, len(token) - 1)))
            continue
        token = re.sub(r"['’]s$", "", token)
        if token in _STOPWORDS or (len(token) < 2 and not token.isdigit()):
            continue
        if len(token) > 4 and token.endswith("ies"):
            token = token[:-3] + "y"
        elif len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
            token = token[:-1]
        terms.append(token)
    return terms


def _cut_words(text: str, limit: int) -> str:
    """Keep a text whole if it has at most limit words, else its first limit words and '…'."""
    spans = list(re.finditer(r"\S+", text))
    if len(spans) <= limit:
        return text
    return text[: spans[limit - 1].end()].rstrip(",;:") + ELLIPSIS


def _fit_sentences(
    sentences: Sequence[str], limit: int, join: Callable[[Sequence[str]], str] = join_sentences
) -> str:
    """Join sentences (or list items) from the first while they stay within limit words."""
    kept: list[str] = []
    words = 0
    for sentence in sentences:
        count = word_count(sentence)
        if words + count > limit:
            break
        kept.append(sentence)
        words += count
    return join(kept)
