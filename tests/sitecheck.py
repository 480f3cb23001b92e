"""Check a built static site: every internal link and anchor resolves to a file and an id."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "img", "script"):
                self.links.append(values[key] or "")


def parse_page(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def find_broken_links(site: Path) -> list[str]:
    """List every internal link of site/*.html whose file or #anchor does not exist."""
    pages = {path: parse_page(path) for path in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            if urlsplit(link).scheme or link.startswith(("//", "mailto:", "data:")):
                continue
            target, anchor = urldefrag(link)
            if target.startswith("/"):
                # MkDocs writes the 404 page with links from the site root, since it is served
                # at any depth; every other page must link relatively to work under a prefix.
                if page.name != "404.html" or page.parent != site:
                    broken.append(f"{page.relative_to(site)}: {link} (absolute)")
                    continue
                target = target.lstrip("/")
                path = (site / unquote(target)).resolve() if target else site / "index.html"
            else:
                path = (page.parent / unquote(target)).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file() or not path.resolve().is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {link}")
                continue
            if anchor and path.suffix == ".html":
                ids = pages[path].ids if path in pages else parse_page(path).ids
                if unquote(anchor) not in ids:
                    broken.append(f"{page.relative_to(site)}: {link} (no #{anchor})")
    return broken
