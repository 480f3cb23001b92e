"""briefing: turn regional-industry documents into a cross-linked, searchable briefing site."""

__version__ = "0.1.0"
