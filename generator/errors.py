"""The small exception tree every stage raises, carrying where the problem is."""

from __future__ import annotations

import functools
from typing import Any


class BriefingError(Exception):
    """A problem a user can act on: names the file, the line and key when known, and what to do."""

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.key = key
        self.hint = hint

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled by its fields, not by Exception's args, so it crosses from a worker process.
        rebuild = functools.partial(type(self), line=self.line, key=self.key, hint=self.hint)
        return rebuild, (self.path, self.message)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        key = f" '{self.key}':" if self.key else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}:{key} {self.message}{hint}"


class SourceError(BriefingError):
    """A source document that cannot be read or understood."""


class CurationError(BriefingError):
    """A curated YAML file that is broken or refers to something unknown."""


class BuildError(BriefingError):
    """A failure writing or building the site."""


class DeployError(BriefingError):
    """A built site that cannot be published: no git repository, no remote, a failed push."""
