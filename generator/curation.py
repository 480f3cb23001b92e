"""Load and save the curated YAML in content/: safe loading, fixed field order, known ids."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from generator.errors import CurationError
from generator.filekeys import KEYS_FILE, FileKeys
from generator.model import (
    ENTITY_KINDS,
    Article,
    Author,
    Briefing,
    Digest,
    Document,
    Figure,
    Publication,
)
from generator.text import normalize_title
from generator.writer import Writer

if TYPE_CHECKING:  # the taxonomy module imports this one for YAML helpers
    from generator.taxonomy import Taxonomy

DOCUMENTS_DIR = "documents"


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with lists indented under their key, as people write it by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # NEL (U+0085) is a line break to YAML: written as itself it reads back as a space, so
    # a text holding one goes in double quotes, where it is escaped.
    style = '"' if "\x85" in value else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(data: Any) -> str:
    """Serialise data deterministically: keys in the order given, Unicode kept, wide lines."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


# libyaml's loader where PyYAML has it (ten times faster); both are the safe loader.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, label: str) -> Any:
    """Load one YAML file with the safe loader; a syntax error names file and line."""
    return _parse_yaml(_read_text(path, label), label)[0]


YamlPath = tuple[int | str, ...]


def load_yaml_with_lines(path: Path, label: str) -> tuple[Any, dict[YamlPath, int]]:
    """Load a YAML file safely, with the line of every value by its path of keys and indexes,
    so a bad value (not only a syntax error) can be reported at its line."""
    return read_yaml_with_lines(_read_text(path, label), label)


def read_yaml_with_lines(text: str, label: str) -> tuple[Any, dict[YamlPath, int]]:
    """Parse YAML text as load_yaml_with_lines does a file; label names it in messages."""
    data, root = _parse_yaml(text, label)
    lines: dict[YamlPath, int] = {}
    # A mapping's value is placed at its key's line: "summary:" above a list is where to look.
    stack: list[tuple[YamlPath, yaml.Node | None, int | None]] = [((), root, None)]
    while stack:
        where, node, line = stack.pop()
        if node is None:
            continue
        lines[where] = line or node.start_mark.line + 1
        if isinstance(node, yaml.SequenceNode):
            stack.extend(((*where, i), child, None) for i, child in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            stack.extend(
                ((*where, str(key.value)), value, key.start_mark.line + 1)
                for key, value in node.value
            )
    return data, lines


class ValueLines(Mapping[YamlPath, int]):
    """The line of every value of a YAML text, found only when a message first needs one."""

    def __init__(self, text: str, label: str) -> None:
        self._text = text
        self._label = label
        self._lines: dict[YamlPath, int] | None = None

    def _found(self) -> dict[YamlPath, int]:
        if self._lines is None:
            self._lines = read_yaml_with_lines(self._text, self._label)[1]
        return self._lines

    def __getitem__(self, where: YamlPath) -> int:
        return self._found()[where]

    def __iter__(self) -> Iterator[YamlPath]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


class ParsedYaml:
    """Curated YAML parsed before, by the hash of its text, kept as JSON: reading JSON is many
    times faster than parsing YAML, and most files are the same from one run to the next.

    Only data JSON carries exactly is kept (no dates, sets or keys other than text); anything
    else is parsed from the YAML each time. Entries are derived data in the cache folder.
    """

    def __init__(
        self, folder: Path | None = None, writer: Writer | None = None, salt: str = ""
    ) -> None:
        self.folder = folder
        self.writer = writer
        self.salt = salt  # the generator's fingerprint: the ids kept are found by its code
        self.used: set[Path] = set()
        # The ids each document record declares, by its text's key: all in one file, so a
        # run reads one file instead of every record's parse (see load_known_ids).
        self._ids: dict[str, DeclaredIds] | None = None
        self._ids_kept: dict[str, DeclaredIds] = {}
        # The text_key of each curated file by the file's stat, as the last run saw it: an
        # unchanged file's ids are found without reading it (see generator.filekeys).
        self.files = FileKeys(folder / KEYS_FILE if folder is not None else None)

    def record_ids(
        self, text: str, label: str, key: str
    ) -> tuple[DeclaredIds | None, tuple[Any, Mapping[YamlPath, int]] | None]:
        """The ids a record's text declares (None when it is no record): those found in an
        earlier run, else those of its parse, which is returned too for curation to take.
        key: the text's text_key."""
        ids = self.kept_ids(key)
        if ids is not None:
            return ids, None
        data, lines = self.read(text, label, key)
        ids = _declared_ids(data)
        if ids is not None:
            self._ids_kept[key] = ids
        return ids, (data, lines)

    def kept_ids(self, key: str) -> DeclaredIds | None:
        """The ids kept for the text whose key is key (text_key), if an earlier run found
        them; the text's parse is kept for curation."""
        if self.folder is None or self.writer is None:
            return None
        if self._ids is None:
            self._ids = _read_declared_ids(self.folder / DECLARED_IDS_FILE, self.salt)
        ids = self._ids.get(key)
        if ids is not None:
            self._ids_kept[key] = ids
            self.used.add(_entry_path(self.folder, key))
        return ids

    def read(
        self, text: str, label: str, key: str | None = None
    ) -> tuple[Any, Mapping[YamlPath, int]]:
        """Parse YAML text (label names it in messages), from the kept JSON when there is one
        (key: the text's text_key, when the caller has it)."""
        if self.folder is None or self.writer is None:
            return read_yaml_with_lines(text, label)
        path = _entry_path(self.folder, key or _text_key(text))
        # A file and its snapshot often hold the same text: its entry is written once a run.
        first_read = path not in self.used
        self.used.add(path)
        try:
            return json.loads(path.read_text(encoding="utf-8"))["value"], ValueLines(text, label)
        except (OSError, ValueError, KeyError, TypeError):
            pass  # missing or damaged: parse the YAML
        data, lines = read_yaml_with_lines(text, label)
        if first_read:
            _keep_entry(self.writer, path, data)
        return data, lines

    def remember(self, text: str, data: Any, written: Path | None = None) -> None:
        """Keep data as the parse of text, which dump_yaml just made from it: the next run
        reads the file the generator wrote without parsing it (a safe dump loads back equal).
        Given the file the run wrote it to, the next run need not even read that file.
        """
        if self.folder is None or self.writer is None:
            return
        key = _text_key(text)
        if written is not None and not self.writer.dry_run:
            self.files.wrote(written, _name(written), key)
        path = _entry_path(self.folder, key)
        if path not in self.used:
            self.used.add(path)
            _keep_entry(self.writer, path, data)
        # And the ids a record declares: the next run reads them from one file, which matters
        # most after a first build, when every record and snapshot is new.
        ids = _declared_ids(data)
        if ids is not None:
            self._ids_kept[key] = ids

    def remember_appended(self, before: str, after: str, records: list[Any], label: str) -> None:
        """Keep the parse of after, the YAML list before with records appended (as
        render_appended_entities makes it), without parsing it: before's parse and records.

        Only when before is a plain block list (no directives, no document markers, its first
        item at the margin): a "- " line at the margin after it then adds an item and changes
        nothing before it. Any other file is parsed the next run, as any text is.
        """
        if self.folder is None or not _is_plain_block_list(before):
            return
        data = self.read(before, label)[0] if before.strip() else []
        if isinstance(data, list):
            self.remember(after, [*data, *records])

    def keep(self, key: str) -> None:
        """Keep the entry of a text (by its text_key) this run did not need to parse, so
        prune leaves it."""
        if self.folder is not None:
            self.used.add(_entry_path(self.folder, key))

    def read_file(self, path: Path, label: str) -> tuple[Any, Mapping[YamlPath, int]]:
        """Parse a YAML file as read does its text; a file not in UTF-8 is a CurationError."""
        return self.read(_read_text(path, label), label)

    def prune(self) -> None:
        """Delete the entries of texts this run did not read: older versions of edited files;
        keep the ids of the records read this run."""
        if self.folder is None or self.writer is None:
            return
        ids = self.folder / DECLARED_IDS_FILE
        if self._ids_kept != (self._ids or {}):
            record = {"salt": self.salt, "ids": self._ids_kept}
            text = json.dumps(record, ensure_ascii=False, sort_keys=True)
            self.writer.write(ids, text + "\n", update=True, durable=False)
        self.used.add(ids)
        self.files.save(self.writer)
        self.used.add(self.files.path)
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json")):
            if path not in self.used:
                self.writer.remove(path)


# What could make a "- " line appended at the margin read as anything but a new list item:
# directives and document markers, and a first item (or any content) indented or in flow style.
_DOCUMENT_MARK = re.compile(r"^(?:%|---|\.\.\.)", re.M)
_FIRST_CONTENT = re.compile(r"^(?!\s*(?:#|$)).*$", re.M)


def _is_plain_block_list(text: str) -> bool:
    """Tell whether text is a YAML block list whose items start at the margin (or holds
    nothing but comments and blank lines)."""
    if _DOCUMENT_MARK.search(text):
        return False
    first = _FIRST_CONTENT.search(text)
    return first is None or first.group() == "-" or first.group().startswith("- ")


# The file of ParsedYaml's folder that holds the ids each record declares.
DECLARED_IDS_FILE = "declared-ids.json"
# A document record's ids: its own, its added date, source and hash (None where it has none),
# and each article's id with its title's key, in file order.
DeclaredIds = tuple[str, str | None, str | None, str | None, list[tuple[str, str]]]


def _text_key(text: str) -> str:
    return hashlib.sha256(f"{yaml.__version__}\0{text}".encode()).hexdigest()[:32]


def text_key(text: str | None) -> str:
    """A curated file's text as a key: what ParsedYaml keeps its parse and ids under, and
    what the memo compares; "" for no file."""
    return "" if text is None else _text_key(text)


def _name(path: Path) -> str:
    """A curated file's name among FileKeys' records: its folder's name and its own."""
    return f"{path.parent.name}/{path.name}"


def _entry_path(folder: Path, key: str) -> Path:
    """The parse entry of the text whose _text_key is key."""
    return folder / f"{key}.json"


def _read_declared_ids(path: Path, salt: str) -> dict[str, DeclaredIds]:
    """Read the kept ids; a missing, damaged or stale file, or a damaged entry, is left out."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        data = record["ids"] if record["salt"] == salt else {}
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    kept: dict[str, DeclaredIds] = {}
    for key, value in data.items() if isinstance(data, dict) else ():
        try:
            document_id, added, source, sha256, articles = value
            kept[key] = (
                str(document_id),
                _text_or_none(added),
                _text_or_none(source),
                _text_or_none(sha256),
                [(str(article_id), str(title_key)) for article_id, title_key in articles],
            )
        except (TypeError, ValueError):
            continue
    return kept


def _text_or_none(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{value!r} is no text")
    return value


def _keep_entry(writer: Writer, path: Path, data: Any) -> None:
    """Write data as a parse entry, if JSON carries every value of it exactly."""
    try:
        # ASCII escapes: a lone surrogate YAML allows cannot be written as UTF-8.
        entry = json.dumps({"value": data}, separators=(",", ":"))
    except (TypeError, ValueError):
        return  # a date, a set, binary: JSON cannot hold it
    if _same_types(json.loads(entry)["value"], data):
        writer.write(path, entry + "\n", durable=False)


def _same_types(copy: Any, original: Any) -> bool:
    """Tell whether a JSON round trip kept every value's type (1 == 1.0 == True otherwise)."""
    if type(copy) is not type(original):
        return False
    if isinstance(original, dict):
        return all(type(k) is str and _same_types(copy[k], v) for k, v in original.items())
    if isinstance(original, list):
        return all(_same_types(c, o) for c, o in zip(copy, original, strict=True))
    return True


def read_text_if_any(path: Path, label: str) -> str | None:
    """Read a curated file's text, None when there is no such file; a file not in UTF-8 is a
    CurationError."""
    try:
        return _read_text(path, label)
    except FileNotFoundError:
        return None


def _read_text(path: Path, label: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CurationError(label, "not UTF-8 text", hint="re-save the file as UTF-8") from error


def _parse_yaml(text: str, label: str) -> tuple[Any, yaml.Node | None]:
    """Compose the file's node tree once, then build plain data from it with safe constructors.

    The safe constructors know only YAML's standard tags, so a `!!python/...` tag is an error
    reported at its line, never code that runs.
    """
    loader = _SafeLoader(text)
    try:
        root = loader.get_single_node()
        return (loader.construct_document(root) if root is not None else None), root
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        # The parser notices an unclosed bracket or quote later than where it was opened.
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            problem += f" ({error.context} started at line {error.context_mark.line + 1})"
        raise CurationError(
            label,
            f"YAML syntax error: {problem}",
            line=line,
            hint="fix the YAML there; nothing was changed",
        ) from error
    except yaml.YAMLError as error:
        raise CurationError(
            label, f"YAML error: {error}", hint="fix the YAML; nothing was changed"
        ) from error
    finally:
        loader.dispose()


def document_record(
    document: Document,
    summary: str = "",
    proposals: dict[str, dict[str, Any]] | None = None,
    added: str | None = None,
) -> dict[str, Any]:
    """Lay out a document's curated record in its fixed field order.

    Args:
        document: the ingested document.
        summary: the proposed summary of the whole document.
        proposals: the proposed editorial fields of each article, by article id.
        added: the date the document joined the corpus (kept from its first ingest).
    """
    proposals = proposals or {}
    return {
        "id": document.id,
        "source": document.source,
        "sha256": document.sha256,
        "kind": document.kind,
        "title": document.title,
        "publisher": document.publisher,
        "date": document.date,
        "added": added,
        "language": document.language,
        "summary": summary,
        "articles": [
            _article_record(article) | proposals.get(article.id, {})
            for article in document.articles
        ],
    }


def _article_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {"id": article.id, "title": article.title, "date": article.date}
    if article.subtitles:
        record["subtitles"] = list(article.subtitles)
    if article.section:
        record["section"] = article.section
    if article.author:
        record["author"] = _author_record(article.author)
    if article.company:
        record["company"] = article.company
    record["paragraphs"] = len(article.paragraphs)
    return record


def _author_record(author: Author) -> dict[str, str]:
    record = {"name": author.name}
    if author.role:
        record["role"] = author.role
    if author.organization:
        record["organization"] = author.organization
    return record


@dataclass
class KnownIds:
    """Ids already written to content/, which must never change for the same source."""

    by_source: dict[str, str] = field(default_factory=dict)  # source path -> document id
    by_sha256: dict[str, str] = field(default_factory=dict)  # content hash -> document id
    # (doc id, title key) -> ids in file order: two articles may share a title
    articles: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    used_articles: dict[tuple[str, str], int] = field(default_factory=dict)  # taken this run
    declared: dict[str, list[str]] = field(default_factory=dict)  # doc id -> its article ids
    added: dict[str, str] = field(default_factory=dict)  # document id -> date it joined
    taken_documents: set[str] = field(default_factory=set)
    taken_articles: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)  # file name -> its text's text_key
    # file name -> the text_key of the record's snapshot, read for its titles
    snapshot_keys: dict[str, str] = field(default_factory=dict)
    # file name -> text, data and value lines of the records parsed, so curation need not
    # parse them again (a record whose ids were kept from the last run is not parsed)
    parsed: dict[str, tuple[str, Any, Mapping[YamlPath, int]]] = field(default_factory=dict)


def load_known_ids(
    content_dir: Path, parsed_yaml: ParsedYaml | None = None, snapshots: Path | None = None
) -> tuple[KnownIds, list[CurationError]]:
    """Collect the document and article ids of every curated YAML file, sorted by name.

    An article's id is found again by its title. A curator may retitle it, so the title is
    the one the generator proposed, as the record's snapshot in the snapshots folder keeps
    it; the curated title counts only for an article the snapshot does not list.
    """
    known = KnownIds()
    parsed_yaml = parsed_yaml or ParsedYaml()
    errors: list[CurationError] = []
    for path in sorted((content_dir / DOCUMENTS_DIR).glob("*.yaml")):
        label = f"{content_dir.name}/{DOCUMENTS_DIR}/{path.name}"
        try:
            key, ids = _record_ids(path, label, parsed_yaml, known)
        except CurationError as error:
            errors.append(error)
            continue
        if ids is None:
            errors.append(
                CurationError(
                    label, "not a document record", key="id", hint="restore the file's 'id:' line"
                )
            )
            continue
        known.keys[path.name] = key
        document_id, added, source, sha256, articles = ids
        proposed = _proposed_titles(snapshots, path.name, parsed_yaml, known)
        known.taken_documents.add(document_id)
        if added is not None:
            known.added[document_id] = added
        if source is not None:
            known.by_source[source] = document_id
        if sha256 is not None:
            known.by_sha256[sha256] = document_id
        known.declared[document_id] = [article_id for article_id, _ in articles]
        for article_id, title_key in articles:
            known.taken_articles.add(article_id)
            title_key = proposed.get(article_id, title_key)
            known.articles.setdefault((document_id, title_key), []).append(article_id)
    return known, errors


def _record_ids(
    path: Path, label: str, parsed_yaml: ParsedYaml, known: KnownIds | None = None
) -> tuple[str, DeclaredIds | None]:
    """A curated file's text_key and the ids it declares: without reading it when its stat
    and text are those of an earlier run, else from its text (whose parse known keeps)."""
    key, info = parsed_yaml.files.key(path, _name(path))
    ids = parsed_yaml.kept_ids(key) if key is not None else None
    if key is not None and ids is not None:
        return key, ids
    text = _read_text(path, label)
    key = _text_key(text)
    ids, parse = parsed_yaml.record_ids(text, label, key)
    if parse is not None and known is not None:
        known.parsed[path.name] = (text, *parse)
    parsed_yaml.files.record(_name(path), info, key)
    return key, ids


def _proposed_titles(
    snapshots: Path | None, name: str, parsed_yaml: ParsedYaml, known: KnownIds
) -> dict[str, str]:
    """The title key of each article the record's snapshot lists, by article id; none when
    there is no snapshot or it is broken (its document's curation reports that)."""
    if snapshots is None:
        return {}
    try:
        key, ids = _record_ids(snapshots / name, name, parsed_yaml)
    except (CurationError, OSError):
        return {}
    known.snapshot_keys[name] = key
    return dict(ids[4]) if ids is not None else {}


def _declared_ids(data: Any) -> DeclaredIds | None:
    """The ids a parsed document record declares; None when it is not a record."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    articles = [
        (article["id"], normalize_title(str(article.get("title", ""))))
        for article in data.get("articles") or []
        if isinstance(article, dict) and isinstance(article.get("id"), str)
    ]
    added, source, sha256 = (
        value if isinstance(value := data.get(key), str) else None
        for key in ("added", "source", "sha256")
    )
    return data["id"], added, source, sha256, articles


# Lists that hold entity ids: merged item by item, so a removed tag stays removed and a tag a
# curator added stays, while new tags the generator finds still arrive.
TAG_FIELDS = frozenset({"regions", "companies", "organizations", "people", "themes"})
_ABSENT = object()


def merge_curated(current: Any, base: Any, new: Any, key: str | None = None) -> Any:
    """Merge the generator's new proposal into the curated file, three-way.

    Args:
        current: the value in content/ now, as people may have edited it.
        base: what the generator wrote last time (its snapshot), or _ABSENT if unknown.
        new: what the generator proposes now.
        key: the field name, which decides how lists merge.

    Returns:
        The value to write: a value people changed (current differs from base) is kept;
        an untouched one takes the new proposal. With no base, everything is kept.
    """
    if base is _ABSENT:
        if isinstance(current, dict) and isinstance(new, dict):
            return _merge_mappings(current, _ABSENT, new)
        if key == "articles" and isinstance(current, list) and isinstance(new, list):
            return _merge_articles(current, [], new)
        return current
    if current == base:
        return new  # nobody touched it: the new proposal replaces it whole
    if isinstance(current, dict) and isinstance(base, dict) and isinstance(new, dict):
        if current.get("reviewed") is True:
            return current  # a reviewed article is left exactly as its curator left it
        return _merge_mappings(current, base, new)
    if key in TAG_FIELDS and all(isinstance(v, list) for v in (current, base, new)):
        return _merge_tags(current, base, new)
    if key == "articles" and all(isinstance(v, list) for v in (current, base, new)):
        return _merge_articles(current, base, new)
    return new if current == base else current


def _merge_mappings(current: dict[str, Any], base: Any, new: dict[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    base_map = base if isinstance(base, dict) else {}
    for key, value in new.items():
        if key not in current:
            if key in base_map:
                continue  # a field the curator deleted stays deleted
            merged[key] = value
            continue
        merged[key] = merge_curated(
            current[key], base_map.get(key, _ABSENT) if base is not _ABSENT else _ABSENT, value, key
        )
    for key, value in current.items():
        if key in merged or (key in base_map and base_map[key] == value):
            continue  # a generated field the generator no longer proposes, left untouched
        merged[key] = value  # fields people wrote or edited are kept as written
    return merged


def _merge_tags(current: list[Any], base: list[Any], new: list[Any]) -> list[Any]:
    removed = {tag for tag in base if tag not in current}
    added = [tag for tag in current if tag not in base]
    proposed = [tag for tag in new if tag not in removed]
    return list(dict.fromkeys([*proposed, *added]))


def _merge_articles(current: list[Any], base: list[Any], new: list[Any]) -> list[Any]:
    """Merge article lists by id, in the new order; articles a curator deleted stay deleted.

    An article the generator no longer proposes (its source changed, or is read another way)
    goes with it, unless a curator edited it: an edit is never lost, so that article stays
    after the others, shown nowhere until someone moves the edit (read_publication warns).
    """

    def by_id(records: list[Any]) -> dict[str, Any]:
        return {r["id"]: r for r in records if isinstance(r, dict) and isinstance(r.get("id"), str)}

    current_map, base_map = by_id(current), by_id(base)
    proposed = {record.get("id") for record in new}
    merged = []
    for record in new:
        article_id = record.get("id")
        if article_id in current_map:
            merged.append(
                merge_curated(current_map[article_id], base_map.get(article_id, _ABSENT), record)
            )
        elif article_id not in base_map:
            merged.append(record)  # a new article
    merged += [
        record
        for article_id, record in current_map.items()
        if article_id not in proposed and record != base_map.get(article_id)
    ]
    return merged


def merge_document(current: Any, base: Any, new: dict[str, Any]) -> dict[str, Any]:
    """Merge a whole document record; no current file means the new record as it is."""
    if not isinstance(current, dict):
        return new
    return merge_curated(current, base if isinstance(base, dict) else _ABSENT, new)


# Fields of a curated article record, and of a document record; others warn.
ARTICLE_FIELDS = (
    "id",
    "title",
    "date",
    "subtitles",
    "section",
    "author",
    "company",
    "paragraphs",
    "summary",
    "key_points",
    "figures",
    *sorted(TAG_FIELDS),
    "reviewed",
    "note",
)
DOCUMENT_FIELDS = (
    "id",
    "source",
    "sha256",
    "kind",
    "title",
    "publisher",
    "date",
    "added",
    "language",
    "summary",
    "articles",
    "note",
)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_publication(
    record: dict[str, Any],
    lines: dict[YamlPath, int],
    label: str,
    document: Document,
    digests: dict[str, Digest],
    taxonomy: Taxonomy,
) -> tuple[Publication, list[CurationError]]:
    """Read a merged document record into what the site shows, checking every curated value.

    A bad value is reported at its line and the generated value is shown instead; an unknown
    entity id is reported and left out, so no page links to a page that does not exist.

    Args:
        record: the merged record, as written to content/documents/.
        lines: line numbers of its values, by path.
        label: the file's name for messages.
        document: the ingested document, for text and paragraph ids.
        digests: the generator's digest of each article, by article id.
        taxonomy: the entities curated ids must name.
    """
    check = _Checker(label, lines)
    check.unknown_fields(record, DOCUMENT_FIELDS, ())
    records = {
        r.get("id"): (i, r)
        for i, r in enumerate(record.get("articles") or [])
        if isinstance(r, dict)
    }
    in_source = {article.id for article in document.articles}
    for article_id, (index, _) in records.items():
        if isinstance(article_id, str) and article_id not in in_source:
            check.fail(
                ("articles", index),
                "id",
                f"article {article_id!r} is not in the source as it is read now; its curated"
                " fields are kept here but shown nowhere",
                "move your edits to the article they belong to, then delete this one",
            )
    briefings = []
    for article in document.articles:
        if article.id not in records:
            continue  # removed by a curator: not shown
        index, curated = records[article.id]
        briefings.append(
            _read_briefing(
                curated, ("articles", index), article, digests[article.id], taxonomy, check
            )
        )
    date = check.text(record, "date", (), document.date, pattern=_ISO_DATE)
    publication = Publication(
        document=document,
        title=check.text(record, "title", (), document.title) or document.title,
        publisher=check.text(record, "publisher", (), document.publisher),
        date=date,
        summary=check.text(record, "summary", (), "") or "",
        briefings=tuple(briefings),
        added=check.text(record, "added", (), None, pattern=_ISO_DATE),
    )
    return publication, check.errors


def _read_briefing(
    curated: dict[str, Any],
    where: YamlPath,
    article: Article,
    digest: Digest,
    taxonomy: Taxonomy,
    check: _Checker,
) -> Briefing:
    check.unknown_fields(curated, ARTICLE_FIELDS, where)
    tags = {kind: tuple(check.entity_ids(curated, kind, where, taxonomy)) for kind in ENTITY_KINDS}
    tagged = {(kind, entity_id) for kind, ids in tags.items() for entity_id in ids}
    paragraphs = {p.id for p in article.paragraphs}
    return Briefing(
        article=article,
        title=check.text(curated, "title", where, article.title) or article.title,
        date=check.text(curated, "date", where, article.date, pattern=_ISO_DATE),
        summary=check.text(curated, "summary", where, digest.summary) or "",
        key_points=tuple(check.texts(curated, "key_points", where, digest.key_points)),
        figures=tuple(check.figures(curated, where, digest, paragraphs)),
        tags=tags,
        mentions=tuple(
            m for m in digest.mentions if (m.kind, _resolve(taxonomy, m.kind, m.entity)) in tagged
        ),
        reviewed=check.flag(curated, "reviewed", where),
    )


def _resolve(taxonomy: Taxonomy, kind: str, entity_id: str) -> str:
    entity = taxonomy.get(kind, entity_id)
    return entity.id if entity else entity_id


@dataclass
class _Checker:
    """Collects one error per bad curated value, each at its line."""

    label: str
    lines: Mapping[YamlPath, int]
    errors: list[CurationError] = field(default_factory=list)

    def fail(self, where: YamlPath, key: str, message: str, hint: str) -> None:
        line = self.lines.get((*where, key)) or self.lines.get(where)
        self.errors.append(CurationError(self.label, message, line=line, key=key, hint=hint))

    def unknown_fields(
        self, record: dict[str, Any], known: tuple[str, ...], where: YamlPath
    ) -> None:
        for key in record:
            if key not in known:
                self.fail(
                    where,
                    str(key),
                    "unknown field (ignored)",
                    "check its spelling; known fields: " + ", ".join(known),
                )

    def text(
        self,
        record: dict[str, Any],
        key: str,
        where: YamlPath,
        default: str | None,
        pattern: re.Pattern[str] | None = None,
    ) -> str | None:
        value = record.get(key, default)
        if value is None or (isinstance(value, str) and (not pattern or pattern.match(value))):
            return value
        if key == "date" and hasattr(value, "isoformat"):
            return value.isoformat()  # an unquoted date YAML read as a date is fine
        self.fail(
            where,
            key,
            f"{value!r} is not valid here",
            "write a date as YYYY-MM-DD" if pattern else "write it as text",
        )
        return default

    def texts(
        self, record: dict[str, Any], key: str, where: YamlPath, default: tuple[str, ...]
    ) -> list[str]:
        value = record.get(key, list(default))
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        self.fail(where, key, "must be a list of texts", "write one '- text' line per item")
        return list(default)

    def flag(self, record: dict[str, Any], key: str, where: YamlPath) -> bool:
        value = record.get(key, False)
        if isinstance(value, bool):
            return value
        self.fail(where, key, f"{value!r} is not true or false", "write true or false")
        return False

    def entity_ids(
        self, record: dict[str, Any], kind: str, where: YamlPath, taxonomy: Taxonomy
    ) -> list[str]:
        value = record.get(kind) or []
        if not isinstance(value, list):
            self.fail(where, kind, "must be a list of ids", f"write {kind}: [id-one, id-two]")
            return []
        if kind in taxonomy.unreadable:
            return []  # its file is broken, which is reported once: its ids cannot be read
        ids = []
        for position, entity_id in enumerate(value):
            entity = taxonomy.get(kind, entity_id) if isinstance(entity_id, str) else None
            if entity is None or not entity.active:
                self.fail(
                    (*where, kind),
                    str(position),
                    f"unknown {kind} id {entity_id!r}",
                    f"use an id from content/{kind}.yaml, or add the entity there",
                )
            elif entity.id not in ids:
                ids.append(entity.id)  # a merged id counts as the entity it was merged into
        return ids

    def figures(
        self, record: dict[str, Any], where: YamlPath, digest: Digest, paragraphs: set[str]
    ) -> list[Figure]:
        value = record.get("figures")
        if value is None:
            return list(digest.figures)
        sentences = {(f.value, f.paragraph): f for f in digest.figures}
        figures = []
        if not isinstance(value, list):
            self.fail(where, "figures", "must be a list", "write '- value: ...' items")
            return list(digest.figures)
        for index, item in enumerate(value):
            if not (
                isinstance(item, dict)
                and isinstance(item.get("value"), str)
                and isinstance(item.get("about", ""), str)
            ):
                self.fail(
                    (*where, "figures"),
                    str(index),
                    "a figure needs a value and about",
                    "write value: ..., about: ..., paragraph: <id>",
                )
                continue
            paragraph = item.get("paragraph")
            if paragraph is not None and paragraph not in paragraphs:
                self.fail(
                    (*where, "figures", index),
                    "paragraph",
                    f"no paragraph {paragraph!r} in this article",
                    "use a paragraph id from the article page, or leave it out",
                )
                paragraph = None
            known = sentences.get((item["value"], paragraph or ""))
            figures.append(
                Figure(
                    value=item["value"],
                    about=item.get("about", ""),
                    kind=known.kind if known else "quantity",
                    paragraph=paragraph or "",
                    sentence=known.sentence if known else "",
                )
            )
        return figures
