"""Find the taxonomy's entities in article text: one automaton over every name and alias.

Matching respects word boundaries and case (acronyms and brand names must match as written;
other names must at least be capitalised), prefers the longest name at a position, and
settles ambiguous names by context: a name several entities share, or an entity that lists
`context`, counts only when the article also names one of its context entities.

Names in Korean, Chinese and Japanese script follow those languages' writing: Chinese and
Japanese put no spaces between words, and Korean attaches particles to a name (창원에서, 경남은),
so only a Korean name's start needs a boundary and its end may carry particles. A place's bare
name in its own script (창원, 成都) is often an everyday word too (양산 is also mass production),
so it counts only when the article also names its province or the place by a fuller name.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import ahocorasick

from generator.model import ENTITY_KINDS, Document, Mention, Paragraph
from generator.taxonomy import Entity, Taxonomy, breadcrumbs_of, entity_names
from generator.text import (
    HANGUL_RANGE,
    HANGUL_SYLLABLE,
    KOREAN_ADMIN_ENDINGS,
    KOREAN_COUNTRY,
    KOREAN_PARTICLES,
    NATIVE_ADMIN_ENDINGS,
    UNSPACED_CHARACTER,
    is_native_name,
    line_sentences,
    name_key,
    without_marks,
)

# Paragraph kinds whose words tag nothing: headings repeat the body, footnotes are references.
SKIPPED_KINDS = frozenset({"heading", "footnote"})
# Headings after which a section is a reference list, until the next heading.
_REFERENCE_HEADING = re.compile(
    r"^(?:\d+\.?\s*)?(?:references?|bibliography|sources|notes|works cited"
    r"|참고\s*문헌|参考文献)\s*$",
    re.I,
)
# A form this short, or written with capitals inside it ("SK On", "EcoPro", "bp"), is matched
# exactly as written; longer ordinary names only need a capital first letter.
EXACT_CASE_MAX_LENGTH = 4
# A name of this many letters or more, found in capitals inside a sentence written in lower
# case, is an acronym or a brand ("EBARA", "SUMCO"), not the place or firm spelt "Ebara".
SHOUTED_MIN_LENGTH = 4
# Words of a person's title; a theme term among them signals no theme (see _in_title).
_OFFICE_WORDS = frozenset(
    "Minister Vice Deputy Mayor Governor Director Director-General President Chairman "
    "Chairwoman Chairperson Secretary Secretary-General Commissioner Ambassador CEO Chief".split()
)
# The capitalised words, and the commas and small words joining them, before and after a match.
_RUN_LINK = r"(?:,?\s+(?:(?:and|of|for|the)\s+)*)"
_RUN_BEFORE = re.compile(rf"(?:[A-Z][\w’'&.-]*{_RUN_LINK})+$")
_RUN_AFTER = re.compile(rf"(?:{_RUN_LINK}[A-Z][\w’'&.-]*)+")
_HANGUL_RUN = re.compile(f"[{HANGUL_RANGE}]+")
# What may follow a Korean name inside its word, in any sequence: particles and copulas
# (창원에서, 경남은, 울산이나, 중국과의), and the nouns that make a place's office, its head,
# adjective or origin (경남도, 부산시, 창원시장, 광주형, 중국산). "대전환" (a great shift) is
# not Daejeon.
_KOREAN_TRAILER = re.compile(
    "(?:"
    + "|".join(
        sorted(
            dict.fromkeys(
                (
                    *KOREAN_ADMIN_ENDINGS,
                    *KOREAN_PARTICLES,
                    *"지역 소재 일대 일원 전역 권 형 산 내 측".split(),  # its area, its kind
                    *"청 장 지사 군수".split(),  # its office and head (창원시장, 경남지사)
                )
            ),
            key=len,
            reverse=True,
        )
    )
    + ")*"
)
# Particles stack a few syllables deep at most (에서까지는); a longer run is another word, and
# the cap keeps the pattern's backtracking small on hostile text.
KOREAN_TRAILER_MAX = 8
# Themes are tagged by their terms; this many distinct sentences make a theme an article's.
THEME_MIN_SENTENCES = 2


@dataclass(frozen=True)
class _Form:
    """One way of writing an entity, as the automaton stores it."""

    text: str
    entity: Entity
    exact_case: bool
    # Entity ids one of which the article must also name for the form to count: a bare
    # native place name's province, or its own fuller name.
    context: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Matcher:
    """The compiled automaton over every form of every active entity."""

    automaton: ahocorasick.Automaton | None
    taxonomy: Taxonomy
    countries: dict[str, str]  # ISO code -> id of the country's region entry
    # What each name means to matching (its forms, entities, their context, parent and
    # country), hashed, by name key (text.name_key); and a hash of what matching reads beyond
    # names.
    signatures: dict[str, str] = field(default_factory=dict)
    context_signature: str = ""


def document_texts(document: Document) -> Iterator[str]:
    """Every text of a document that matching or tagging reads: its title (the setting of
    its articles, see find_mentions), its articles' titles and signing companies (tagging
    matches them too) and paragraphs."""
    yield document.title
    for article in document.articles:
        yield article.title
        if article.company:
            yield article.company
        for paragraph in article.paragraphs:
            yield paragraph.text


def matching_keys(matcher: Matcher, texts: Iterable[str]) -> set[str]:
    """The names of the taxonomy (as the automaton keeps them, by name_key) found in texts."""
    if matcher.automaton is None:
        return set()
    keys: set[str] = set()
    for text in texts:
        for _, (_, entries) in matcher.automaton.iter(name_key(text)):
            keys.add(name_key(entries[0].text))  # the key every entry is stored under
    return keys


def keys_signature(matcher: Matcher, keys: Iterable[str]) -> str:
    """Hash the names a text holds (matching_keys) with what the taxonomy says of each.
    Equal signatures give equal mentions, so mentions found before can be reused while the
    taxonomy changes elsewhere (a new company named in another document).

    Every name matched within a sentence is found in its whole text too, so the names
    listed are a superset of those matching can use. A name the taxonomy no longer has
    counts as changed.
    """
    if matcher.automaton is None:
        return "empty"
    digest = hashlib.sha256(matcher.context_signature.encode())
    for key in sorted(keys):
        digest.update(f"{key}\0{matcher.signatures.get(key, '-')}\n".encode())
    return digest.hexdigest()[:32]


def needs_exact_case(form: str, kind: str) -> bool:
    """Tell whether a form must match as written: acronyms, brands, lowercase names."""
    if kind == "themes":
        return any(ch.isupper() for ch in form)  # "AI", "EV", "R&D"; other terms any case
    words = [word for word in re.split(r"[^\w]+", form) if word]
    acronym_or_brand = any(
        len(word) >= 2 and (word.isupper() or not word[1:].islower())
        for word in words
        if word.isalpha()
    )
    starts_lowercase = bool(words) and words[0][:1].islower()
    return len(form) <= EXACT_CASE_MAX_LENGTH or acronym_or_brand or starts_lowercase


def build_matcher(taxonomy: Taxonomy) -> Matcher:
    """Compile one automaton over the names, aliases and theme terms of the taxonomy."""
    forms: dict[str, list[_Form]] = defaultdict(list)
    for kind in ENTITY_KINDS:
        merged = taxonomy.merged_by_survivor(kind)
        for entity in taxonomy.active(kind):
            for text in _entity_forms(entity, merged.get(entity.id, [])):
                forms[name_key(text)].append(
                    _Form(
                        text,
                        entity,
                        needs_exact_case(text, kind),
                        _bare_name_context(text, entity, taxonomy),
                    )
                )
    if not forms:
        return Matcher(None, taxonomy, {})
    automaton = ahocorasick.Automaton()
    for key, entries in forms.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    automaton.make_automaton()
    countries = {code: region.id for code, region in taxonomy.countries().items()}
    signatures = {key: _form_signature(entries) for key, entries in forms.items()}
    # Beyond a name's own entities, matching reads the country regions and every region's
    # parent (a named city makes its province and country context).
    parents = sorted(
        (entity.id, str(entity.fields.get("parent")))
        for entity in taxonomy.entities["regions"].values()
    )
    context = json.dumps([sorted(countries.items()), parents], ensure_ascii=False)
    return Matcher(
        automaton,
        taxonomy,
        countries,
        signatures,
        hashlib.sha256(context.encode()).hexdigest(),
    )


def _form_signature(entries: Sequence[_Form]) -> str:
    described = [
        [
            form.text,
            form.exact_case,
            sorted(form.context),
            form.entity.kind,
            form.entity.id,
            sorted(context_ids(form.entity)),
            str(form.entity.fields.get("parent")),
            str(form.entity.fields.get("country", "")),
        ]
        for form in entries
    ]
    text = json.dumps(described, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _bare_name_context(text: str, entity: Entity, taxonomy: Taxonomy) -> frozenset[str]:
    """What a place's bare name in Korean, Chinese or Japanese script (창원, 成都, 청두; not
    창원시) needs the article to name as well, since it may be an everyday word (양산, 한다).

    In its own script, a place below its country's first level needs its province (the
    country goes without saying there); a foreign place in Hangul needs its country or any
    region above it. Either way, the place named by a fuller form counts too.
    """
    if entity.kind != "regions" or not is_native_name(text):
        return frozenset()
    if text.endswith(NATIVE_ADMIN_ENDINGS):
        return frozenset()
    ancestors = breadcrumbs_of(entity.id, taxonomy)[::-1]  # the parent first
    if not ancestors:  # a country
        return frozenset()
    if HANGUL_SYLLABLE.match(text) and entity.fields.get("country") != KOREAN_COUNTRY:
        return frozenset({entity.id, *ancestors})
    if len(ancestors) == 1:  # a first-level region
        return frozenset()
    return frozenset({entity.id, ancestors[0]})


def _entity_forms(entity: Entity, merged: list[Entity]) -> list[str]:
    # A merged entity's names are aliases of the one it was merged into.
    forms = entity_names(entity, merged)
    if entity.kind == "themes":
        forms += [str(term) for term in entity.fields.get("terms") or ()]
    return sorted({form.strip() for form in forms if form.strip()})


def find_mentions(
    matcher: Matcher, paragraphs: Sequence[Paragraph], setting: Sequence[str] = ()
) -> tuple[Mention, ...]:
    """List every entity mention in an article's body, in text order, ambiguity settled.

    setting: texts that set the scene for the article without being part of it (the title of
    the document it is one article of): what they name outright settles names in the body
    too, as the body's own would ("당진" in a slide's table, under a deck titled "충남 …").
    """
    if matcher.automaton is None:
        return ()
    candidates = [
        (paragraph, sentence, start, form, options)
        for paragraph, sentence in taggable_sentences(paragraphs)
        for start, form, options in _matches(matcher.automaton, sentence)
    ]
    scene = [options for text in setting for *_, options in _matches(matcher.automaton, text)]
    named = {
        option.entity.id
        for options in (*(options for *_, options in candidates), *scene)
        if len(options) == 1
        for option in options
        if not context_ids(option.entity) and not option.context
    }
    named |= _ancestors(named, matcher.taxonomy)
    mentions = []
    for paragraph, sentence, _, form, options in candidates:
        entity = _settle(options, named, matcher.countries)
        if entity is not None:
            mentions.append(
                Mention(
                    entity=entity.id,
                    kind=entity.kind,
                    surface=form,
                    paragraph=paragraph.id,
                    sentence=sentence,
                )
            )
    return tuple(mentions)


def taggable_paragraphs(paragraphs: Iterable[Paragraph]) -> Iterable[Paragraph]:
    """Yield the body paragraphs that may name entities: no headings, footnotes or references."""
    in_references = False
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            in_references = bool(_REFERENCE_HEADING.match(paragraph.text.strip()))
        if paragraph.kind in SKIPPED_KINDS or in_references:
            continue
        yield paragraph


def taggable_sentences(paragraphs: Iterable[Paragraph]) -> Iterable[tuple[Paragraph, str]]:
    """Yield the sentences of the taggable paragraphs, a table's rows and a list's items
    apart (as figures read them, so a figure and a name in one row share their sentence)."""
    for paragraph in taggable_paragraphs(paragraphs):
        for sentence in line_sentences(paragraph.text):
            yield paragraph, sentence


def _matches(
    automaton: ahocorasick.Automaton, sentence: str
) -> list[tuple[int, str, tuple[_Form, ...]]]:
    """Find forms at word boundaries, written acceptably; the longest wins where they overlap."""
    found = []
    for end, (length, forms) in automaton.iter(name_key(sentence)):
        start = end - length + 1
        bounded = _at_word_boundaries(sentence, start, end + 1)
        # A theme's Korean term names the topic inside compounds too (수소연료전지, 그린수소).
        if not bounded and not HANGUL_SYLLABLE.match(sentence, start):
            continue
        if opens_amount(sentence, end + 1):
            continue
        written = sentence[start : end + 1]
        options = tuple(
            form
            for form in forms
            if (bounded or form.entity.kind == "themes")
            and _case_fits(form, written)
            and not _shouted(form, written, sentence, start)
            and not (form.entity.kind == "themes" and _in_title(sentence, start, end + 1))
        )
        if options:
            found.append((start, written, options))
    found.sort(key=lambda match: (match[0], -len(match[1])))
    kept, reach = [], -1
    for start, written, options in found:
        if start > reach:
            kept.append((start, written, options))
            reach = start + len(written) - 1
    return kept


def opens_amount(text: str, end: int) -> bool:
    """Tell whether the word ending at end is a currency's prefix ("US$13.8 billion", "HK$"),
    which names no place."""
    return text.startswith("$", end)


def _at_word_boundaries(text: str, start: int, end: int) -> bool:
    """Tell whether text[start:end] is a whole word: Chinese and Japanese need no boundary,
    beside a name in their script or a Latin one written against it ("供应LG新能源等",
    "在LG工厂"); the end of a Korean word may carry particles."""
    before = text[start - 1] if start > 0 else " "
    left = (
        UNSPACED_CHARACTER.match(text, start) is not None
        or UNSPACED_CHARACTER.match(before) is not None
        or not _word_character(before)
    )
    if UNSPACED_CHARACTER.match(text, end - 1):
        return left
    trailer = _HANGUL_RUN.match(text, end) if HANGUL_SYLLABLE.match(text, end - 1) else None
    if trailer is not None:
        return left and _is_korean_trailer(trailer.group())
    after = text[end] if end < len(text) else " "
    return left and (UNSPACED_CHARACTER.match(after) is not None or not _word_character(after))


def _is_korean_trailer(run: str) -> bool:
    """Tell whether the Hangul after a Korean name is particles, not more of another word."""
    return len(run) <= KOREAN_TRAILER_MAX and _KOREAN_TRAILER.fullmatch(run) is not None


def _word_character(char: str) -> bool:
    return char.isalnum() or char == "_"


def _in_title(sentence: str, start: int, end: int) -> bool:
    """Tell whether the words at start:end belong to a person's title.

    "Trade" in "Trade, Industry and Energy Vice Minister Kang" or "Deputy Trade Minister Yang"
    names an office, not a topic: the capitalised run of words around the match (joined by
    commas, "and", "of", "for", "the") holds an office word besides the match. A term that is itself
    an office word ("mayor") was listed as a signal and still counts.
    """
    left = _RUN_BEFORE.search(sentence, 0, start)
    right = _RUN_AFTER.match(sentence, end)
    before = sentence[left.start() if left else start : start]
    after = sentence[end : right.end() if right else end]
    return any(word in _OFFICE_WORDS for word in re.split(r"[\s,]+", f"{before} {after}"))


def _shouted(form: _Form, written: str, sentence: str, start: int) -> bool:
    """Tell a brand in capitals from a name: "EBARA" inside a sentence is the company, not the
    town of Ebara. A dateline ("BUDAPEST, 14 May -") opens its sentence and a headline is in
    capitals throughout; there the capitals are only the typesetting."""
    if not written.isupper() or form.text.isupper() or len(written) < SHOUTED_MIN_LENGTH:
        return False
    if not sentence[:start].strip():
        return False
    letters = [ch for ch in sentence if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) * 2 < len(letters)


def _case_fits(form: _Form, written: str) -> bool:
    if form.exact_case:  # as written, diacritics aside ("Lodz" for "Łódź")
        return written == form.text or without_marks(written) == without_marks(form.text)
    if form.entity.kind == "themes":
        return True
    return written[:1].isupper() or not written[:1].isalpha()


def context_ids(entity: Entity) -> frozenset[str]:
    """The entity ids an article must also name for this entity to count.

    Only a list is such a condition: discovery records the sentence it first saw a suggested
    entity in as a text `context`, a note for the curator that must not stop it tagging.
    """
    context = entity.fields.get("context")
    if isinstance(context, list):
        return frozenset(str(entity_id) for entity_id in context)
    return frozenset()


def _ancestors(ids: set[str], taxonomy: Taxonomy) -> set[str]:
    """A named city implies its province and country as context, and so on up."""
    found: set[str] = set()
    for entity_id in ids:
        entity = taxonomy.entities["regions"].get(entity_id)
        while entity is not None and entity.fields.get("parent") not in found | {None}:
            parent_id = entity.fields["parent"]
            found.add(parent_id)
            entity = taxonomy.entities["regions"].get(parent_id)
    return found


def _settle(
    options: tuple[_Form, ...], named: set[str], countries: dict[str, str]
) -> Entity | None:
    """Pick the entity a matched form means, or none when the article gives no context."""
    entities = {form.entity.id: form.entity for form in options}
    if len(entities) == 1:
        entity = next(iter(entities.values()))
        context = context_ids(entity).union(*(form.context for form in options))
        return entity if not context or context & named else None
    fitting = [
        entity
        for _, entity in sorted(entities.items())
        if context_ids(entity) & named
        or {entity.fields.get("parent"), countries.get(entity.fields.get("country", ""))} & named
    ]
    return fitting[0] if len(fitting) == 1 else None


def tag_article(
    mentions: Sequence[Mention], title_mentions: Sequence[Mention] = ()
) -> dict[str, list[str]]:
    """Decide an article's entities of each kind from its mentions, in order of first mention,
    then those only its title names.

    Themes need several sentences (or the title) to count; one passing term is not a topic.
    """
    tags: dict[str, list[str]] = {kind: [] for kind in ENTITY_KINDS}
    theme_sentences: dict[str, set[str]] = defaultdict(set)
    title_themes = {mention.entity for mention in title_mentions if mention.kind == "themes"}
    for mention in (*mentions, *title_mentions):
        if mention.kind == "themes":
            theme_sentences[mention.entity].add(mention.sentence)
        elif mention.entity not in tags[mention.kind]:
            tags[mention.kind].append(mention.entity)
    ordered = [m.entity for m in (*title_mentions, *mentions) if m.kind == "themes"]
    for theme in dict.fromkeys(ordered):
        if len(theme_sentences[theme]) >= THEME_MIN_SENTENCES or theme in title_themes:
            tags["themes"].append(theme)
    return tags
