"""Every GET page, as each role that may open it, with odd values in the address: never a 500.

The pages and their real ids come from the authorization matrix (tests/authz/), so a new page is
covered as soon as it has its row. The query names are those the routes read (grep request.args);
each odd value goes into all of them at once, and the ids one at a time, since the first id that
is refused answers 404 before the next is read.
"""

from __future__ import annotations

import re

import pytest
from flask import url_for

from portal.accounts.models import Role
from tests import factories
from tests.conftest import sign_in_client
from tests.test_authorization_matrix import MATRIX

QUERY_NAMES = ("return_to", "industry", "resume", "week", "status", "consultant", "page", "show", "next", "lang", "length")
ID_NAMES = ("interest", "participant")
ODD_VALUES = (
    "²",
    "9" * 25,
    "9999-12-31",
    "-1",
    "",
    "\x00<script>alert(1)</script>",
    "\u202eevil\u200b",
    "x" * 3000,
)
ODD_IDS = ("²", "9" * 25, "-1")
ALLOWED = {200, 302, 303, 400, 404}
GET_ROWS = sorted(key for key in MATRIX if key[1] == "GET" and key[0] != "static")


def _url(app, world, endpoint, **overrides):
    row = MATRIX[(endpoint, "GET")]
    values = row.values(world) if callable(row.values) else dict(row.values)
    values.update(overrides)
    with app.test_request_context():
        return url_for(endpoint, **values)


def _check(response, where):
    assert response.status_code in ALLOWED, f"{where}: {response.status_code}"
    if response.status_code in (400, 404) and response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        assert '<html lang="sv">' in html, where
        assert re.search(r"Sidan finns inte|Det gick inte att förstå", html), f"{where}: the error page is not in Swedish"
    response.close()


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.CONSULTANT, Role.COORDINATOR, "anonymous"], ids=str)
def test_every_get_page_takes_odd_query_values(app, db, role):
    world = factories.make_world()
    db.session.commit()
    client = app.test_client()
    if role != "anonymous":
        sign_in_client(client, world.users[role])
    role_name = role if role == "anonymous" else role.value
    reached = 0
    for endpoint, _method in GET_ROWS:
        if MATRIX[(endpoint, "GET")].expected[role_name] != 200:
            continue
        reached += 1
        url = _url(app, world, endpoint)
        for value in ODD_VALUES:
            response = client.get(url, query_string=dict.fromkeys(QUERY_NAMES, value))
            _check(response, f"{endpoint} ?…={value[:30]!r}")
        for name in ID_NAMES:
            for value in ODD_IDS:
                _check(client.get(url, query_string={name: value}), f"{endpoint} ?{name}={value[:30]!r}")
    assert reached > 3


def test_an_id_in_the_path_too_long_for_the_database_is_a_404(app, db):
    world = factories.make_world()
    db.session.commit()
    for role in (Role.EMPLOYER, Role.CONSULTANT, Role.COORDINATOR):
        client = app.test_client()
        sign_in_client(client, world.users[role])
        for endpoint, _method in GET_ROWS:
            row = MATRIX[(endpoint, "GET")]
            values = row.values(world) if callable(row.values) else dict(row.values)
            numbers = {name: 10**25 for name, value in values.items() if isinstance(value, int)}
            if not numbers or row.expected[role.value] != 200:
                continue
            with app.test_request_context():
                url = url_for(endpoint, **{**values, **numbers})
            response = client.get(url)
            assert response.status_code == 404, f"{endpoint} {url}: {response.status_code}"
            response.close()


@pytest.mark.parametrize("week", ["9999-12-31", "0001-01-01", "-1", "²", "2026-02-30", ""])
def test_the_week_view_shows_this_week_for_a_week_it_cannot_show(app, db, login_as, client, week):
    login_as("consultant")
    response = client.get("/meetings/", query_string={"week": week})
    assert response.status_code == 200
