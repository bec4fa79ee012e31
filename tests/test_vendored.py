"""Vendored htmx is the pinned file, everything loads from our own host, and templates keep to the CSP."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
STATIC = ROOT / "static"
ALL_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt"})
# E-mail HTML is not served under our CSP, and mail clients drop stylesheets, so
# inline style= is how e-mail is styled. Scripts and handlers stay forbidden there too.
PAGE_TEMPLATES = [p for p in ALL_TEMPLATES if p.suffix == ".html" and "emails" not in p.relative_to(TEMPLATES).parts]


def _vendored_row(filename: str) -> dict[str, str]:
    lines = (STATIC / "js" / "VENDORED.md").read_text().splitlines()
    header = next(line for line in lines if line.startswith("| file"))
    names = [cell.strip() for cell in header.strip("|").split("|")]
    for line in lines:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells and cells[0] == filename:
            return dict(zip(names, cells, strict=True))
    raise AssertionError(f"{filename} has no row in VENDORED.md")


def _id(path: Path) -> str:
    return str(path.relative_to(TEMPLATES))


def test_htmx_is_the_file_whose_checksum_is_written_down():
    row = _vendored_row("htmx.min.js")
    actual = hashlib.sha256((STATIC / "js" / "htmx.min.js").read_bytes()).hexdigest()
    assert actual == row["sha256"], "htmx.min.js changed: re-vendor with `make vendor-htmx` and update VENDORED.md"


def test_htmx_is_version_2_and_the_file_says_the_same():
    row = _vendored_row("htmx.min.js")
    assert row["package"] == "htmx.org"
    assert re.fullmatch(r"2\.\d+\.\d+", row["version"]), row["version"]
    assert f'version:"{row["version"]}"' in (STATIC / "js" / "htmx.min.js").read_text()
    assert (STATIC / "js" / "htmx.LICENSE").exists()


def test_every_page_loads_htmx_from_our_own_static_folder(client):
    page = client.get("/").get_data(as_text=True)
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts == ['<script src="/static/js/htmx.min.js" defer>', '<script src="/static/js/session.js" defer>']


EXTERNAL = [
    (r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", "a script from another host"),
    (r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//", "a stylesheet, font or icon from another host"),
    (r"@import\s+(?:url\()?[\"']?(?:https?:)?//", "a stylesheet imported from another host"),
    (r"url\(\s*[\"']?(?:https?:)?//", "a font or image from another host"),
    (r"<(?:img|iframe|source|video|audio)\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//", "media from another host"),
]


@pytest.mark.parametrize("path", ALL_TEMPLATES + sorted(STATIC.rglob("*.css")), ids=lambda p: p.name)
def test_nothing_is_loaded_from_another_host(path):
    text = path.read_text()
    found = [why for pattern, why in EXTERNAL if re.search(pattern, text, re.I)]
    assert not found, f"{path.name} loads {found}"


@pytest.mark.parametrize("path", ALL_TEMPLATES, ids=_id)
def test_no_inline_script_or_event_handler(path):
    text = path.read_text()
    for tag, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", text, re.I | re.S):
        assert re.search(r"\bsrc\s*=", tag), f"inline <script> in {_id(path)}: {tag}"
        assert not body.strip(), f"a <script src> with a body in {_id(path)}"
    handlers = re.findall(r"<[^>]*\s(on[a-z]+\s*=)", text, re.I)
    assert not handlers, f"on*= handlers in {_id(path)}: {handlers}"
    # hx-on runs code with eval, which the CSP (and htmx-config allowEval: false) forbids.
    assert not re.search(r"\shx-on[:\-]", text), f"hx-on in {_id(path)}"
    assert "javascript:" not in text.lower(), f"a javascript: URL in {_id(path)}"


@pytest.mark.parametrize("path", PAGE_TEMPLATES, ids=_id)
def test_no_inline_styles_in_pages(path):
    text = path.read_text()
    assert not re.search(r"<[^>]*\sstyle\s*=", text, re.I), f"style= attribute in {_id(path)}"
    assert not re.search(r"<style\b", text, re.I), f"<style> element in {_id(path)}"


def test_the_checks_see_every_template():
    assert len(PAGE_TEMPLATES) >= 10
    assert TEMPLATES / "base.html" in PAGE_TEMPLATES
    assert TEMPLATES / "_macros" / "forms.html" in PAGE_TEMPLATES
    assert TEMPLATES / "emails" / "_layout.html" in ALL_TEMPLATES
