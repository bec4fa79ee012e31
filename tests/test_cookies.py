"""The cookie page lists every cookie Brygga sets: the names come from what each role's browser was
sent while using the portal, so a new cookie that is not explained there fails here."""

from __future__ import annotations

import re

from portal.accounts.models import Role
from tests import factories
from tests.helpers import CODE_STEP, totp_code_for
from tests.offer_factories import make_offer

WORKPLACE = {"title": "Kökshjälp", "industry": "I", "address": "Storgatan 1", "area": "centrum",
             "public_transport": "Buss 4", "places": "2", "pair_placement": "yes"}


class CookieJarWatch:
    """Every cookie name a client was sent, from each response's Set-Cookie headers."""

    def __init__(self, client):
        self.client, self.names = client, set()

    def __call__(self, method: str, path: str, **kwargs):
        response = self.client.open(path, method=method, **kwargs)
        for header in response.headers.getlist("Set-Cookie"):
            self.names.add(header.split("=", 1)[0].strip())
        return response


def _names_on_the_page(client, language: str | None = None) -> set[str]:
    if language:
        client.post("/language", data={"language": language, "next": "/cookies"})
    html = client.get("/cookies").get_data(as_text=True)
    return set(re.findall(r"<code data-cookie-name>([^<]+)</code>", html))


def test_every_cookie_a_role_is_sent_is_on_the_cookie_page(app, db):
    users = {role: factories.make_user(role=role) for role in Role}
    offer = make_offer(users[Role.EMPLOYER])
    participant_owner = users[Role.CONSULTANT]
    from tests.participant_factories import make_participant

    participant = make_participant(consultant=participant_owner)
    db.session.commit()
    seen: set[str] = set()

    anonymous = CookieJarWatch(app.test_client())
    anonymous("GET", "/")
    anonymous("GET", "/cookies")
    anonymous("POST", "/language", data={"language": "en", "next": "/"})
    anonymous("GET", "/offer-a-placement")
    seen |= anonymous.names

    for role, pages in {
        Role.EMPLOYER: ["/dashboard", "/offers", f"/offers/{offer.id}/workplace"],
        Role.CONSULTANT: ["/dashboard", "/participants", f"/participants/{participant.id}", "/meetings/"],
        Role.COORDINATOR: ["/dashboard", "/participants", "/organisations", "/audit"],
    }.items():
        browser = CookieJarWatch(app.test_client())
        browser("GET", "/sign-in")
        response = browser("POST", "/sign-in", data={"email": users[role].email, "password": factories.DEFAULT_PASSWORD})
        if response.location == CODE_STEP:
            response = browser("POST", CODE_STEP, data={"code": totp_code_for(app, users[role].email)})
        assert response.status_code == 303 and response.location != CODE_STEP
        for page in pages:
            assert browser("GET", page).status_code == 200, page
        browser("POST", "/language", data={"language": "sv", "next": "/dashboard"})
        seen |= browser.names
        if role == Role.EMPLOYER:
            # The session ends while the offer screen is open: what was typed is kept for this browser.
            with browser.client.session_transaction() as session:
                session.clear()
            response = browser("POST", f"/offers/{offer.id}/workplace", data={**WORKPLACE, "title": "Nytt"})
            assert "/sign-in?next=" in response.headers["Location"]
            seen |= browser.names
        browser("POST", "/sign-out")
        seen |= browser.names

    listed = _names_on_the_page(app.test_client())
    assert seen, "the walk saw no cookie at all"
    assert seen <= listed, f"cookies set but not on /cookies: {sorted(seen - listed)}"
    assert listed <= seen, f"cookies on /cookies that the walk never saw set: {sorted(listed - seen)}"
    assert _names_on_the_page(app.test_client(), "en") == listed


def test_the_cookie_page_explains_in_both_languages_and_is_linked_from_every_footer(client, db):
    sv = client.get("/cookies").get_data(as_text=True)
    assert "<h1>Kakor</h1>" in sv and "strikt nödvändiga" in sv
    assert "90 dagar" in sv and "12 timmar" in sv
    client.post("/language", data={"language": "en", "next": "/cookies"})
    en = client.get("/cookies").get_data(as_text=True)
    assert "<h1>Cookies</h1>" in en and "strictly necessary" in en and "90 days" in en
    for page in ("/", "/sign-in", "/offer-a-placement"):
        footer = client.get(page).get_data(as_text=True).split('<footer class="site-footer">')[1]
        assert 'href="/cookies"' in footer
