"""Languages: Swedish by default, a switch that works without JavaScript, Stockholm time, a complete catalogue."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from flask import render_template_string
from flask_babel import force_locale
from sqlalchemy import select

from portal.accounts.models import User
from tests import factories
from tests.helpers import sign_in

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("sv", "en")
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "pgettext": ((1, "c"), 2),
    "lazy_pgettext": ((1, "c"), 2),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _lang(response) -> str:
    return re.search(r'<html lang="(\w+)">', response.get_data(as_text=True)).group(1)


def _next_field(page: str) -> str:
    match = re.search(r'<form class="language-switch".*?name="next" type="hidden" value="([^"]*)"', page, re.S)
    assert match, "no language switch with a next field"
    return match.group(1).replace("&amp;", "&")


def test_the_default_language_is_swedish(client):
    response = client.get("/")
    assert _lang(response) == "sv"
    page = response.get_data(as_text=True)
    assert "Praktik och jobb med stöd" in page
    assert 'lang="en" class="link-button">In English</button>' in page


def test_the_language_switch_is_a_plain_form_that_returns_to_the_same_page(client):
    page = client.get("/password/forgot?from=start").get_data(as_text=True)
    assert '<form class="language-switch" method="post" action="/language" hx-boost="false">' in page
    next_path = _next_field(page)
    assert next_path == "/password/forgot?from=start"

    response = client.post("/language", data={"language": "en", "next": next_path})

    assert response.status_code == 303
    assert response.location == "/password/forgot?from=start"
    english = client.get(response.location)
    assert _lang(english) == "en"
    assert "Forgotten password" in english.get_data(as_text=True)
    assert 'lang="sv" class="link-button">På svenska</button>' in english.get_data(as_text=True)
    assert _lang(client.get("/")) == "en"  # the choice lasts for the session

    client.post("/language", data={"language": "sv", "next": "/"})
    assert _lang(client.get("/")) == "sv"


def test_after_a_form_error_the_switch_returns_to_the_form_page(client):
    response = client.post("/sign-in", data={"email": "", "password": ""})
    assert response.status_code == 422
    assert _next_field(response.get_data(as_text=True)) == "/sign-in"


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.example",
        "//evil.example/sign-in",
        "https://evil.example",
        "http://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "evil.example",
        "javascript:alert(1)",
        "",
    ],
)
def test_the_language_switch_never_redirects_off_site(client, next_path):
    response = client.post("/language", data={"language": "en", "next": next_path})
    assert response.status_code == 303
    assert response.location == "/"
    assert _lang(client.get("/")) == "en"


def test_an_unknown_language_is_ignored(client):
    response = client.post("/language", data={"language": "de", "next": "/sign-in"})
    assert response.status_code == 303
    assert response.location == "/sign-in"
    assert _lang(client.get("/")) == "sv"


def test_a_signed_in_users_choice_is_stored_and_used_at_the_next_sign_in(app, client, db):
    user = factories.make_user(preferred_language="sv")
    db.session.commit()
    sign_in(client, user.email, factories.DEFAULT_PASSWORD)
    assert _lang(client.get("/dashboard")) == "sv"

    client.post("/language", data={"language": "en", "next": "/dashboard"})

    assert db.session.scalar(select(User.preferred_language).where(User.id == user.id)) == "en"
    client.post("/sign-out")
    other_browser = app.test_client()  # no session language to fall back on
    assert _lang(other_browser.get("/")) == "sv"
    sign_in(other_browser, user.email, factories.DEFAULT_PASSWORD)
    dashboard = other_browser.get("/dashboard")
    assert _lang(dashboard) == "en"
    assert f"Welcome, {user.name}" in dashboard.get_data(as_text=True)


@pytest.mark.parametrize(
    ("language", "instant", "expected", "not_expected"),
    [
        ("sv", datetime(2026, 1, 15, 12, 5, tzinfo=UTC), "2026-01-15 13:05", "12:05"),  # CET, UTC+1
        ("sv", datetime(2026, 7, 15, 12, 5, tzinfo=UTC), "2026-07-15 14:05", "12:05"),  # CEST, UTC+2
        ("en", datetime(2026, 1, 15, 12, 5, tzinfo=UTC), "1/15/26, 1:05\u202fPM", "12:05"),
        ("en", datetime(2026, 7, 15, 12, 5, tzinfo=UTC), "7/15/26, 2:05\u202fPM", "12:05"),
        # The hour the clocks go forward (29 March 2026, 01:00 UTC) and back (25 October, 01:00 UTC).
        ("sv", datetime(2026, 3, 29, 0, 59, tzinfo=UTC), "2026-03-29 01:59", "00:59"),
        ("sv", datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "2026-03-29 03:00", "02:00"),
        ("sv", datetime(2026, 10, 25, 1, 0, tzinfo=UTC), "2026-10-25 02:00", "03:00"),
    ],
)
def test_times_are_shown_in_stockholm_in_the_locales_format(app, language, instant, expected, not_expected):
    with app.test_request_context("/"), force_locale(language):
        shown = render_template_string("{{ when|datetime('short') }}", when=instant)
    assert shown == expected
    assert not_expected not in shown


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "16 jan. 2026"), ("en", "Jan 16, 2026")],
)
def test_a_late_evening_in_utc_is_already_tomorrow_in_stockholm(app, language, expected):
    with app.test_request_context("/"), force_locale(language):
        shown = render_template_string("{{ when|date }}", when=datetime(2026, 1, 15, 23, 30, tzinfo=UTC))
    assert shown == expected


# The catalogue test


def extracted_messages(root: Path) -> dict[tuple[str, str | None], list[str]]:
    """Every message id babel.cfg finds under root, with where it was found."""
    with (root / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)

    def directory_filter(path: str) -> bool:
        # Babel's default filter also skips "_*" folders, which would hide templates/_macros.
        name = os.path.basename(path)
        return not (name.startswith(".") or name in {"__pycache__", "node_modules", "instance"})

    found: dict[tuple[str, str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, directory_filter=directory_filter
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                found.setdefault((msgid, context), []).append(f"{filename}:{lineno}")
    return found


def catalogue_problems(root: Path, language: str, messages: dict[tuple[str, str | None], list[str]]) -> list[str]:
    """Each message missing, empty or fuzzy in the language's catalogue, or losing a placeholder."""
    with (root / "portal" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    problems = []
    for (msgid, context), where in sorted(messages.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        entry = catalogue.get(msgid, context=context)
        if entry is None:
            # A plural's second form is filed under its first.
            if any(isinstance(m.id, tuple) and msgid in m.id for m in catalogue):
                continue
            problems.append(f"missing: {msgid!r} ({where[0]})")
        elif not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
            problems.append(f"empty: {msgid!r} ({where[0]})")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where[0]})")
    for entry in catalogue:
        if not entry.id or not entry.string:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for string in strings:
            lost = wanted - set(PLACEHOLDER.findall(string))
            if lost:
                problems.append(f"placeholder {sorted(lost)} lost: {ids[0]!r} -> {string!r}")
    return problems


@pytest.fixture(scope="module")
def messages() -> dict[str, list[str]]:
    found = extracted_messages(ROOT)
    assert len(found) > 100, "the extraction found almost nothing: is babel.cfg right?"
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(messages, language):
    problems = catalogue_problems(ROOT, language, messages)
    assert not problems, f"{language}/messages.po needs work:\n" + "\n".join(problems)


def test_the_catalogue_check_finds_new_strings_in_templates_macros_and_code(tmp_path):
    (tmp_path / "babel.cfg").write_text((ROOT / "babel.cfg").read_text())
    (tmp_path / "templates" / "_macros").mkdir(parents=True)
    (tmp_path / "templates" / "_macros" / "new.html").write_text('{{ _("A new macro string") }}')
    (tmp_path / "templates" / "page.html").write_text('{{ _("Welcome, %(name)s", name=x) }}{{ _("A new page string") }}')
    (tmp_path / "portal").mkdir()
    (tmp_path / "portal" / "forms.py").write_text('from flask_babel import lazy_gettext as _l\nLABEL = _l("A new label")\n')
    po_dir = tmp_path / "portal" / "translations" / "sv" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    (po_dir / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "Welcome, %(name)s"\nmsgstr "Välkommen, %(namn)s"\n\n'
        '#, fuzzy\nmsgid "A new label"\nmsgstr "En ny etikett"\n',
        encoding="utf-8",
    )

    problems = catalogue_problems(tmp_path, "sv", extracted_messages(tmp_path))

    assert problems == [
        "fuzzy: 'A new label' (portal/forms.py:2)",
        "missing: 'A new macro string' (templates/_macros/new.html:1)",
        "missing: 'A new page string' (templates/page.html:1)",
        "placeholder ['name'] lost: 'Welcome, %(name)s' -> 'Välkommen, %(namn)s'",
    ]


def test_the_compiled_catalogues_are_there():
    for language in LANGUAGES:
        assert (ROOT / "portal" / "translations" / language / "LC_MESSAGES" / "messages.mo").exists(), (
            "compile the catalogues first: pybabel compile -d portal/translations"
        )
