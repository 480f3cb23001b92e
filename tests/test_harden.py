"""The built site's hardening: a policy that admits exactly the page's own inline scripts, and
external links that cannot script their opener."""

from __future__ import annotations

import base64
import hashlib

from generator.harden import harden_page

PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script>var a=1;</script>
<script id="__config" type="application/json">{"x": 1}</script>
<script src="assets/bundle.js"></script>
</head><body>
<a href="https://example.org/x">out</a> <a href="../local/">in</a>
<a href="//cdn.example.org" rel="external">cdn</a>
<a href="https://ok.example" target="_blank" rel="noopener">ok</a>
</body></html>"""


def _hash(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_the_policy_allows_exactly_the_inline_scripts_and_comes_first() -> None:
    html = harden_page(PAGE)
    policy = html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0]
    assert f"'sha256-{_hash('var a=1;')}'" in policy
    assert _hash('{"x": 1}') not in policy  # JSON data is not a script
    assert (
        "script-src 'self' 'sha256-" in policy
        and "'unsafe-inline'" not in policy.split("style-src")[0]
    )
    assert "object-src 'none'" in policy and "frame-ancestors" not in policy
    assert html.index("Content-Security-Policy") < html.index("<script")


def test_external_links_get_noopener_and_local_ones_are_left_alone() -> None:
    html = harden_page(PAGE)
    assert '<a href="https://example.org/x" rel="noopener">' in html
    assert '<a href="../local/">' in html
    assert 'rel="noopener external"' in html
    assert html.count("noopener") == 3


def test_hardening_twice_changes_nothing() -> None:
    once = harden_page(PAGE)
    assert harden_page(once) == once
