"""Where a briefing project keeps its parts, derived from its root folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The folders of one project; every stage takes its paths from here."""

    root: Path

    @property
    def seeds(self) -> Path:
        """Source documents, as users drop them in."""
        return self.root / "seeds"

    @property
    def content(self) -> Path:
        """The curated YAML: the editorial layer people review and edit."""
        return self.root / "content"

    @property
    def documents(self) -> Path:
        """One curated YAML file per source document."""
        return self.content / "documents"

    @property
    def archive(self) -> Path:
        """Curated YAML of documents whose source left seeds/: kept, never deleted."""
        return self.content / "archive"

    @property
    def snapshots(self) -> Path:
        """What the generator proposed last time, per document: the base of the three-way
        merge that tells a curator's edit from an untouched generated value."""
        return self.content / ".generated"

    @property
    def docs(self) -> Path:
        """The MkDocs docs folder: generated pages beside hand-written ones."""
        return self.content / "site"

    @property
    def templates(self) -> Path:
        """Jinja2 templates for the generated pages."""
        return self.root / "templates"

    @property
    def state(self) -> Path:
        """The generator's own working folder: its cache and its lock."""
        return self.root / ".briefing"

    @property
    def cache(self) -> Path:
        """Derived data regeneration may rewrite freely: cleaned article text."""
        return self.state / "cache"

    @property
    def mkdocs_config(self) -> Path:
        """The MkDocs configuration."""
        return self.root / "mkdocs.yml"
