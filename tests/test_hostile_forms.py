"""Every form, as each role that may send it, with hostile values: never a 500, the message in the
user's language beside the field, and what was typed kept.

The forms are read from the pages themselves (the GET of each POST endpoint in the authorization
matrix, with the matrix's real ids), filled in as the page fills them, and sent again with one
kind of hostile value. Values every text field must take (10,000 characters, RTL and zero-width
characters, NUL, markup) go into all text fields of a form at once; a value that is not one of the
choices, a number out of range, 30 February and an impossible time go into one field at a time;
and the hour that does not exist on the spring DST day in Europe/Stockholm into every date and time.
"""

from __future__ import annotations

import html as html_lib
from html.parser import HTMLParser

import pytest
from flask import url_for

from portal.accounts.models import Role
from tests import factories
from tests.conftest import sign_in_client
from tests.test_authorization_matrix import MATRIX

# Sending these would end the test's own session or change who the test user is.
LEFT_OUT = {"accounts.sign_out", "accounts.change_password", "employers.leave", "site.change_language"}
ALLOWED = {200, 302, 303, 400, 403, 404, 409, 413, 422}
TEXT_TYPES = {"text", "textarea", "email", "tel", "search", "url", "password", "hidden", None}
LONG = "å" * 10_000
RTL = "\u202eAmina\u200b \u200fنص\u200d"
NUL = "Amina\x00Yusuf"
MARKUP = "<script>alert(1)</script><b>x</b>"
SENSIBLE_TO_ECHO = (RTL, MARKUP)


class _Forms(HTMLParser):
    """The post forms of a page: action, and each field's name, type, value and choices."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        if self._form is None or "name" not in a and tag != "option":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file"):
                return
            field = fields.setdefault(a["name"], {"type": kind, "values": [], "choices": []})
            if kind in ("radio", "checkbox"):
                field["choices"].append(a.get("value", "on"))
                if "checked" in a:
                    field["values"].append(a.get("value", "on"))
            else:
                field["values"] = [a.get("value", "")]
        elif tag == "textarea":
            self._textarea = fields.setdefault(a["name"], {"type": "textarea", "values": [""], "choices": []})
        elif tag == "select":
            self._select = fields.setdefault(a["name"], {"type": "select", "values": [], "choices": []})
        elif tag == "option" and self._select is not None:
            self._select["choices"].append(a.get("value", ""))
            if "selected" in a:
                self._select["values"] = [a.get("value", "")]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["values"] = [self._textarea["values"][0] + data]

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            if self._select is not None and not self._select["values"] and self._select["choices"]:
                self._select["values"] = [self._select["choices"][-1]]
            self._select = None


def _filled(fields) -> dict[str, list[str]]:
    """The form as the page fills it, with a first choice where nothing is chosen yet."""
    data = {}
    for name, field in fields.items():
        if name == "csrf_token":
            continue
        values = field["values"]
        if not values and field["choices"]:
            values = [field["choices"][-1]] if field["type"] != "checkbox" else field["choices"][:1]
        data[name] = values
    return data


def _cases(fields):
    """(label, field to look at or None, changes) for every hostile value this form gets."""
    texts = [n for n, f in fields.items() if f["type"] in TEXT_TYPES and n != "csrf_token"]
    if texts:
        # The refused ones first: an accepted one may change the record (a cancelled meeting is cancelled).
        for label, value in (("10,000 characters", LONG), ("NUL", NUL), ("RTL and zero-width", RTL), ("markup", MARKUP)):
            yield label, value, {name: [value] for name in texts}
    for name, field in fields.items():
        if field["choices"]:
            yield "not a choice", None, {name: ["no-such-choice"]}
        if field["type"] == "number" or any(word in name for word in ("hours", "places", "weeks", "year", "length")):
            yield "out of range", None, {name: ["-99999999999999999999"]}
        if field["type"] == "date" or "date" in name or name.startswith(("day_", "on_", "first_", "last_", "valid_", "given_", "starts_on")):
            yield "30 February", None, {name: ["2027-02-30"]}
        if field["type"] == "time" or "time" in name:
            yield "no such time", None, {name: ["25:61"]}
    dates = [n for n, f in fields.items() if f["type"] == "date"]
    times = [n for n, f in fields.items() if f["type"] == "time"]
    if dates and times:
        yield "DST gap", None, {**{n: ["2027-03-28"] for n in dates}, **{n: ["02:30"] for n in times}}
    if "slot" in fields:
        yield "DST gap", None, {"slot": ["2027-03-28T02:30"]}


def _path(url: str) -> str:
    return url.split("?")[0].split("#")[0]


def _pages_with_forms(app, role, role_name):
    """For each POST endpoint the role may send, the GET page whose form posts to it (found by reading every page)."""
    world = factories.make_world()
    db_session().commit()
    client = _client(app, world, role)
    posts = {}
    for (endpoint, method), row in MATRIX.items():
        if method == "POST" and endpoint not in LEFT_OUT and row.expected.get(role_name) in (200, 303, 422):
            posts[_url(app, world, endpoint, row)] = endpoint
    found = {}
    for (endpoint, method), row in sorted(MATRIX.items()):
        if method != "GET" or endpoint == "static" or row.expected.get(role_name) != 200:
            continue
        page = client.get(_url(app, world, endpoint, row))
        if page.mimetype != "text/html":
            continue
        parser = _Forms()
        parser.feed(page.get_data(as_text=True))
        for form in parser.forms:
            action = _path(form["action"]) or _path(_url(app, world, endpoint, row))
            if action in posts and len(form["fields"]) > (1 if "csrf_token" in form["fields"] else 0):
                found.setdefault(posts[action], endpoint)
    return found


def db_session():
    from portal.extensions import db

    return db.session


def _url(app, world, endpoint, row):
    values = row.values(world) if callable(row.values) else dict(row.values)
    with app.test_request_context():
        return url_for(endpoint, **values)


def _client(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        sign_in_client(client, world.users[role])
    return client


@pytest.mark.parametrize("role", ["anonymous", Role.EMPLOYER, Role.CONSULTANT, Role.COORDINATOR], ids=str)
def test_every_form_takes_hostile_values(app, db, role):
    role_name = role if role == "anonymous" else role.value
    sent, posted = 0, set()
    for post_endpoint, page_endpoint in sorted(_pages_with_forms(app, role, role_name).items()):
        # A world of its own for each form: one sent before (a cancel, say) changes nothing here.
        world = factories.make_world()
        db.session.commit()
        client = _client(app, world, role)
        url = _url(app, world, post_endpoint, MATRIX[(post_endpoint, "POST")])
        page = client.get(_url(app, world, page_endpoint, MATRIX[(page_endpoint, "GET")]))
        parser = _Forms()
        parser.feed(page.get_data(as_text=True))
        forms = [f for f in parser.forms if (_path(f["action"]) or _path(page.request.path)) == _path(url)]
        for form in forms:
            base = _filled(form["fields"])
            for label, echoed, changes in _cases(form["fields"]):
                response = client.post(url, data={**base, **changes})
                sent += 1
                posted.add(post_endpoint)
                where = f"{post_endpoint} [{label}] {sorted(changes)}"
                assert response.status_code in ALLOWED, f"{where}: {response.status_code}"
                body = response.get_data(as_text=True)
                assert "<script>alert(1)" not in body, f"{where}: markup reached the page unescaped"
                if response.status_code == 422 and response.mimetype == "text/html":
                    assert '<html lang="sv">' in body, where
                    assert 'class="error-summary"' in body or "-error" in body, f"{where}: no message"
                    if echoed in SENSIBLE_TO_ECHO:
                        visible = [n for n in changes if form["fields"][n]["type"] not in ("hidden", "password")]
                        if visible:
                            assert html_lib.escape(echoed, quote=False) in body or html_lib.escape(echoed) in body, (
                                f"{where}: what was typed is not kept"
                            )
                    if label not in ("10,000 characters", "RTL and zero-width", "NUL", "markup") and len(changes) == 1:
                        [name] = changes
                        if form["fields"][name]["type"] != "hidden":
                            assert f'id="{name}-error"' in body or 'class="field-error"' in body, (
                                f"{where}: the message is not beside the field"
                            )
                if label in ("10,000 characters", "NUL"):
                    # No text field takes either (every one has a maximum under 10,000 and refuses NUL).
                    shown = [n for n in changes if form["fields"][n]["type"] not in ("hidden",)]
                    if shown:
                        assert response.status_code == 422, f"{where}: {response.status_code}, the text was taken"
                        assert any(f'id="{n}-error"' in body for n in shown), f"{where}: the message is not beside the field"
                response.close()
                if role != "anonymous":
                    sign_in_client(client, world.users[role])
    print(role_name, sent, sorted(posted))
    assert sent > 10
