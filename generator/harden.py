"""Harden the built site: a Content-Security-Policy each page can live with, and external links
that cannot reach back into the page that opened them.

The policy allows scripts only from the site itself and, for the few inline scripts Material
writes into each page (its theme and palette set-up), exactly those scripts by their hash. So
even a script that slipped into a page some other way would not run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from generator.writer import Writer

# Material's inline styles and the SVG icons in its pages need 'unsafe-inline' styles and
# data: images; everything else comes from the site itself. frame-ancestors is left out: a
# <meta> policy cannot carry it, and browsers complain when it is there.
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_NOT_JAVASCRIPT = re.compile(r"""\btype=["']?(?!text/javascript|module)[\w/+-]+""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_EXTERNAL_LINK = re.compile(r"""<a\s(?P<attributes>[^>]*\bhref=["'](?:https?:)?//[^>]*)>""", re.I)


def harden_site(site: Path, writer: Writer) -> int:
    """Give every HTML page of the built site its policy and safe external links.

    Returns the number of pages changed.
    """
    changed = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        hardened = harden_page(html)
        if hardened != html and writer.write(path, hardened):
            changed += 1
    return changed


def harden_page(html: str) -> str:
    """Add the Content-Security-Policy meta tag and rel="noopener" to external links."""
    if 'http-equiv="Content-Security-Policy"' not in html:
        hashes = " ".join(f"'sha256-{digest}'" for digest in _inline_script_hashes(html))
        meta = (
            f'<meta http-equiv="Content-Security-Policy" '
            f'content="{POLICY.format(hashes=hashes).replace("  ", " ")}">'
        )
        match = _CHARSET.search(html)
        if match:  # the policy must come before the first script
            html = f"{html[: match.end()]}\n    {meta}{html[match.end() :]}"
        else:
            html = html.replace("<head>", f"<head>\n    {meta}", 1)
    return _EXTERNAL_LINK.sub(_with_noopener, html)


def _inline_script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _SCRIPT.finditer(html):
        attributes = match.group("attributes")
        if "src=" in attributes or _NOT_JAVASCRIPT.search(attributes):
            continue  # a file the policy allows by origin, or data such as Material's config
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.append(base64.b64encode(digest).decode("ascii"))
    return list(dict.fromkeys(hashes))


def _with_noopener(match: re.Match[str]) -> str:
    attributes = match.group("attributes")
    if re.search(r"\brel=", attributes, re.I):
        if "noopener" in attributes:
            return match.group(0)
        attributes = re.sub(r"""\brel=(["'])""", r"rel=\1noopener ", attributes, count=1)
        return f"<a {attributes}>"
    return f'<a {attributes} rel="noopener">'
