"""Hostile source text through the real build: it shows as text, and nothing in the built
HTML runs, loads or evaluates anything the document wrote."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.helpers import ROOT

HOSTILE = """\
Busan <script>alert('x')</script> Plans {{ 7*7 }} Hydrogen Port

The city of Busan announced a hydrogen port plan worth KRW 1.2 trillion on Monday, \
<img src=x onerror="alert(1)"> with [a link](javascript:alert(2)) and ![pic](http://evil.test/x.png) \
and <a href="javascript:alert(3)">click</a> and {% raw %}{% endraw %} {{ config }} {# note #}.

<iframe src="http://evil.test"></iframe> Officials said <b onmouseover=alert(4)>bold</b> \
port cranes will run on hydrogen by 2030, according to the Busan Metropolitan City government \
and its partners, with 40% of trucks converted. <style>body{display:none}</style>

{: onclick="alert(5)" } ```js
alert(6)
``` <svg onload=alert(7)></svg> &lt;script&gt;alert(8)&lt;/script&gt; \
javascript:alert(9) data:text/html,<script>alert(10)</script>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content" / "site").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site" / "about.md", root / "content" / "site")
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", root / "content" / f"{kind}.yaml")
    (root / "seeds").mkdir()
    (root / "seeds" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "seeds" / "page.html").write_text(
        "<html><head><title>Ulsan <script>alert(11)</script> news</title></head><body>"
        "<nav>Menu</nav><article><h1>Ulsan batteries</h1><p>" + "Ulsan expands battery "
        "plants with KRW 2 trillion. " * 8 + "<script>alert(12)</script>"
        "<a href='javascript:alert(13)'>x</a></p></article></body></html>",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(root), "build", "--strict"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root / "site"


def _pages(site: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


class _LiveParts(HTMLParser):
    """Collect what a browser would run or load: handlers, script text, link targets."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.scripts: list[str] = []
        self.elements: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction") and value:
                self.targets.append(value)

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_nothing_from_the_document_runs_or_loads(site: Path) -> None:
    for path, html in _pages(site).items():
        parts = _LiveParts()
        parts.feed(html)
        assert parts.handlers == [], path
        assert not any("alert(" in script for script in parts.scripts), path
        assert not {"iframe", "object", "embed"} & set(parts.elements), path
        for target in parts.targets:
            scheme = target.split(":", 1)[0].lower() if ":" in target else ""
            # Material's own search "share" button is the one javascript: link a page holds.
            assert scheme not in ("javascript", "data", "vbscript") or (
                target == "javascript:void(0)"
            ), (path, target)
            assert "evil.test" not in target, (path, target)


def test_the_hostile_text_is_shown_as_text(site: Path) -> None:
    briefing = next(
        html
        for path, html in _pages(site).items()
        if "briefings" in path.parts and "hydrogen-port" in path.as_posix()
    )
    assert "&lt;script&gt;alert(" in briefing and "{{ 7*7 }}" in briefing
    assert "49" not in re.sub(r"<[^>]+>", "", briefing).split("Hydrogen Port")[0]


def test_no_template_expression_was_evaluated(site: Path) -> None:
    for html in _pages(site).values():
        assert "&lt;Config" not in html and "<Config" not in html
