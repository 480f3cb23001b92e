"""Load and save the curated YAML in content/: safe loading, fixed field order, known ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import CurationError
from generator.model import Article, Author, Document
from generator.text import normalize_title

DOCUMENTS_DIR = "documents"


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with lists indented under their key, as people write it by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
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


def load_yaml(path: Path, label: str) -> Any:
    """Load one YAML file with the safe loader; a syntax error names file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CurationError(label, "not UTF-8 text", hint="re-save the file as UTF-8") from error
    try:
        return yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
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


def document_record(document: Document) -> dict[str, Any]:
    """Lay out a document's curated record in its fixed field order."""
    return {
        "id": document.id,
        "source": document.source,
        "sha256": document.sha256,
        "kind": document.kind,
        "title": document.title,
        "publisher": document.publisher,
        "date": document.date,
        "language": document.language,
        "articles": [_article_record(article) for article in document.articles],
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
    articles: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc id, title key) -> id
    taken_documents: set[str] = field(default_factory=set)
    taken_articles: set[str] = field(default_factory=set)


def load_known_ids(content_dir: Path) -> tuple[KnownIds, list[CurationError]]:
    """Collect the document and article ids of every curated YAML file, sorted by name."""
    known = KnownIds()
    errors: list[CurationError] = []
    for path in sorted((content_dir / DOCUMENTS_DIR).glob("*.yaml")):
        label = f"{content_dir.name}/{DOCUMENTS_DIR}/{path.name}"
        try:
            data = load_yaml(path, label)
        except CurationError as error:
            errors.append(error)
            continue
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            errors.append(
                CurationError(
                    label, "not a document record", key="id", hint="restore the file's 'id:' line"
                )
            )
            continue
        document_id = data["id"]
        known.taken_documents.add(document_id)
        if isinstance(data.get("source"), str):
            known.by_source[data["source"]] = document_id
        if isinstance(data.get("sha256"), str):
            known.by_sha256[data["sha256"]] = document_id
        for article in data.get("articles") or []:
            if isinstance(article, dict) and isinstance(article.get("id"), str):
                known.taken_articles.add(article["id"])
                title_key = normalize_title(str(article.get("title", "")))
                known.articles[(document_id, title_key)] = article["id"]
    return known, errors
