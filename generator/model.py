"""Plain frozen data passed between the pipeline stages."""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

# Kinds of document the splitter recognises; "collection" is the heading-split fallback.
DOCUMENT_KINDS = ("bulletin", "magazine", "compendium", "collection", "digest", "article")

# Kinds of block inside an article body.
BLOCK_KINDS = ("text", "heading", "list", "table", "footnote", "quote")


@dataclass(frozen=True)
class SourceText:
    """A source file read and decoded, before cleaning."""

    path: str  # project-relative POSIX path, e.g. "seeds/004_x.txt"
    sha256: str  # of the raw bytes, so renames keep their identity
    format: str  # "text", "markdown", "html", "pdf", "docx", "doc", "odt", "hwp(x)", "email"
    encoding: str  # what the bytes were decoded from
    text: str  # decoded, newline-normalised, NFC, mojibake repaired
    title: str | None = None  # from document metadata (HTML <title>, PDF info)
    publisher: str | None = None  # from metadata, when the format carries it
    date: str | None = None  # ISO date from metadata


@dataclass(frozen=True)
class CleanText:
    """A source with non-content lines removed, plus what the removed lines told us."""

    source: SourceText
    lines: tuple[str, ...]  # content lines; blank lines kept as paragraph breaks
    publisher: str | None  # from a copyright line, if any
    removed: tuple[str, ...] = ()  # junk lines dropped, kept for the loss report


@dataclass(frozen=True)
class Block:
    """One paragraph-level unit of an article body."""

    text: str  # plain text, inline Markdown and tags removed
    kind: str = "text"  # one of BLOCK_KINDS


@dataclass(frozen=True)
class Author:
    """Who wrote an article, as the text says."""

    name: str
    role: str | None = None
    organization: str | None = None


@dataclass(frozen=True)
class ArticleDraft:
    """An article as a splitter finds it, before ids are assigned."""

    title: str
    blocks: tuple[Block, ...]
    date: str | None = None  # ISO YYYY-MM-DD
    author: Author | None = None
    section: str | None = None  # category or part of the issue ("Industry")
    subtitles: tuple[str, ...] = ()  # sub-headlines under the title
    company: str | None = None  # name of the company that authored it, as printed


@dataclass(frozen=True)
class DocumentDraft:
    """A document as a splitter finds it."""

    kind: str  # one of DOCUMENT_KINDS
    title: str | None
    publisher: str | None
    date: str | None
    articles: tuple[ArticleDraft, ...]


@dataclass(frozen=True)
class Paragraph:
    """A block with its stable anchor id and language."""

    id: str  # "p-" + short hash of the text: survives insertions before it
    text: str
    kind: str = "text"
    language: str = "en"


@dataclass(frozen=True)
class Article:
    """An article with its site-wide id."""

    id: str
    title: str
    date: str | None
    author: Author | None
    section: str | None
    subtitles: tuple[str, ...]
    company: str | None
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Document:
    """A fully ingested source document."""

    id: str
    source: str
    sha256: str
    kind: str
    title: str
    publisher: str | None
    date: str | None
    language: str
    format: str
    encoding: str
    articles: tuple[Article, ...] = field(default_factory=tuple)


# Kinds of entity the taxonomy holds, each with its own file in content/.
ENTITY_KINDS = ("regions", "companies", "organizations", "people", "themes")
# Kinds of figure the extractor recognises.
FIGURE_KINDS = ("money", "percent", "capacity", "quantity", "rank")


@dataclass(frozen=True)
class Figure:
    """A number that matters, exactly as written, traceable to its sentence."""

    value: str  # as written in the text: "KRW 117.2 billion"
    about: str  # what it measures, in a few words from its sentence
    kind: str  # one of FIGURE_KINDS
    paragraph: str  # id of the paragraph it comes from
    sentence: str  # the sentence it comes from, for quoting


@dataclass(frozen=True)
class Mention:
    """One entity named in one sentence of an article."""

    entity: str  # entity id
    kind: str  # one of ENTITY_KINDS
    surface: str  # the words as written ("Gyeongbuk")
    paragraph: str  # paragraph id
    sentence: str  # the sentence, for quoting on the entity's page


MentionRow = tuple[str, str, str, str, str]  # a Mention's fields, in order


class PackedMentions(Sequence[Mention]):
    """A briefing's mentions kept as plain rows, made into Mention objects when first read.

    A kept publication's mentions are three quarters of its objects, and a run reads them only
    for the pages it renders: loading rows instead of objects halves the time reading a large
    corpus's kept publications takes. Equal to the tuple of its mentions.
    """

    __slots__ = ("_mentions", "rows")

    def __init__(self, rows: tuple[MentionRow, ...]) -> None:
        self.rows = rows
        self._mentions: tuple[Mention, ...] | None = None

    @classmethod
    def of(cls, mentions: Iterable[Mention]) -> PackedMentions:
        fields = operator.attrgetter(*field_names(Mention))  # in the order Mention(*row) takes
        return cls(tuple(map(fields, mentions)))

    def unpacked(self) -> tuple[Mention, ...]:
        if self._mentions is None:
            self._mentions = tuple(Mention(*row) for row in self.rows)
        return self._mentions

    @overload
    def __getitem__(self, index: int) -> Mention: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Mention, ...]: ...
    def __getitem__(self, index: int | slice) -> Mention | tuple[Mention, ...]:
        return self.unpacked()[index]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[Mention]:
        return iter(self.unpacked())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedMentions):
            return self.rows == other.rows
        if isinstance(other, tuple):
            return self.unpacked() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.unpacked())  # as the equal tuple's

    def __reduce__(self) -> tuple[type[PackedMentions], tuple[tuple[MentionRow, ...]]]:
        return (PackedMentions, (self.rows,))

    def __repr__(self) -> str:
        return f"PackedMentions({len(self.rows)} mentions)"


def mentions_of(mentions: Sequence[Mention], kind: str, entity_id: str) -> list[Mention]:
    """One entity's mentions, in order, unpacking packed mentions of that entity only."""
    if isinstance(mentions, PackedMentions):
        return [Mention(*row) for row in mentions.rows if row[0] == entity_id and row[1] == kind]
    return [m for m in mentions if m.entity == entity_id and m.kind == kind]


def mentioned(mentions: Sequence[Mention]) -> Iterator[tuple[str, str]]:
    """Each mention's (kind, entity id), in order, without unpacking packed mentions."""
    if isinstance(mentions, PackedMentions):
        return ((row[1], row[0]) for row in mentions.rows)
    return ((m.kind, m.entity) for m in mentions)


@dataclass(frozen=True)
class Digest:
    """What the generator proposes for an article: the editorial fields before curation."""

    summary: str
    key_points: tuple[str, ...]
    figures: tuple[Figure, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Briefing:
    """An article as the site shows it: its cleaned text under the curated editorial fields."""

    article: Article  # the text, paragraphs and ids, from the cache
    title: str  # curated values from here on
    date: str | None  # the article's date, else its document's
    summary: str
    key_points: tuple[str, ...]
    figures: tuple[Figure, ...]
    tags: dict[str, tuple[str, ...]]  # entity ids by kind, as curated
    # The sentences naming the curated entities (PackedMentions in a kept publication).
    mentions: Sequence[Mention]
    reviewed: bool


@dataclass(frozen=True)
class Publication:
    """A document as the site shows it, with its curated fields and its briefings."""

    document: Document
    title: str
    publisher: str | None
    date: str | None
    summary: str
    briefings: tuple[Briefing, ...]
    added: str | None = None  # ISO date the document joined the corpus, for "What's new"


@functools.cache
def field_names(cls: type) -> tuple[str, ...]:
    """A dataclass's field names in order, looked up once per class: serialising and hashing
    read them for every one of thousands of objects."""
    return tuple(f.name for f in dataclasses.fields(cls))
