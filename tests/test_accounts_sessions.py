"""Sessions that end: idle and absolute limits on the server, the warning, keep-alive, no caching."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask_login.utils import encode_cookie

from portal.accounts.models import Role
from portal.offers.models import Offer
from tests import factories
from tests.authz import ROLES
from tests.conftest import sign_in_client
from tests.helpers import copy_session, sign_in
from tests.offer_factories import COMPLETE, make_offer
from tests.test_authorization_matrix import MATRIX

PASSWORD = factories.DEFAULT_PASSWORD
WORKPLACE = {
    "title": "Kökshjälp",
    "industry": "I",
    "address": "Storgatan 1",
    "area": "centrum",
    "public_transport": "Buss 4 till Torget",
    "places": "2",
    "pair_placement": "yes",
}
SIGNED_OUT_IDLE = "Du loggades ut eftersom inget hade hänt på en stund."


def _signed_in_client(app, db, role: Role, **overrides):
    user = factories.make_user(role=role, **overrides)
    db.session.commit()
    browser = app.test_client()
    assert sign_in(browser, user.email, PASSWORD).status_code == 303
    return user, browser


@pytest.mark.parametrize(
    ("role", "minutes"),
    [(Role.CONSULTANT, 30), (Role.COORDINATOR, 30), (Role.EMPLOYER, 120)],
)
def test_a_session_ends_after_its_idle_time_without_activity(app, db, clock, role, minutes):
    # Old main: the cookie was renewed on every request and the dashboard still answered 200.
    _user, browser = _signed_in_client(app, db, role)
    clock.advance(timedelta(minutes=minutes - 1))
    assert browser.get("/dashboard").status_code == 200, "activity within the idle time keeps the session"
    clock.advance(timedelta(minutes=minutes - 1))
    assert browser.get("/dashboard").status_code == 200
    clock.advance(timedelta(minutes=minutes, seconds=1))
    response = browser.get("/dashboard")
    assert response.status_code == 302
    assert response.location.startswith("/sign-in?next=/dashboard")
    assert SIGNED_OUT_IDLE in browser.get(response.location).get_data(as_text=True)
    assert browser.get("/dashboard").status_code == 302, "an ended session stays ended"


def test_a_session_ends_twelve_hours_after_the_sign_in_however_busy(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.EMPLOYER)
    for _ in range(int(11.9 * 60 / 20)):
        clock.advance(timedelta(minutes=20))
        assert browser.get("/dashboard").status_code == 200
    clock.advance(timedelta(minutes=20))
    response = browser.get("/dashboard")
    assert response.status_code == 302
    assert "det längsta en inloggning varar" in browser.get(response.location).get_data(as_text=True)


def test_a_copied_cookie_ends_with_the_idle_time_too(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.CONSULTANT)
    thief = app.test_client()
    copy_session(browser, thief)
    clock.advance(timedelta(minutes=31))
    assert thief.get("/dashboard").status_code == 302


def test_the_remember_cookie_does_not_open_an_ended_session(app, db):
    # flask-login signs in from a remember cookie when the session has no user; it carries no
    # sign-in time, so it must never start a session (old main: 200).
    user = factories.make_user(role=Role.CONSULTANT)
    db.session.commit()
    browser = app.test_client()
    with app.test_request_context():
        remember = encode_cookie(user.get_id())
    browser.set_cookie(app.config.get("REMEMBER_COOKIE_NAME", "remember_token"), remember)
    assert browser.get("/dashboard").status_code == 302


def test_a_session_cookie_without_sign_in_times_signs_no_one_in(app, db):
    user = factories.make_user(role=Role.CONSULTANT)
    db.session.commit()
    browser = app.test_client()
    with browser.session_transaction() as session:
        session["_user_id"] = user.get_id()
    assert browser.get("/dashboard").status_code == 302


def test_stay_signed_in_moves_the_end_and_answers_script_with_the_seconds_left(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.CONSULTANT)
    clock.advance(timedelta(minutes=28))
    answer = browser.post("/session/keep-alive", headers={"Accept": "application/json"})
    assert answer.status_code == 200
    assert answer.json["final"] is False
    assert 1790 <= answer.json["seconds_left"] <= 1800
    clock.advance(timedelta(minutes=28))
    assert browser.get("/dashboard").status_code == 200


def test_asking_how_long_is_left_does_not_count_as_activity(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.CONSULTANT)
    clock.advance(timedelta(minutes=20))
    status = browser.get("/session/status")
    assert 590 <= status.json["seconds_left"] <= 600 and status.json["final"] is False
    assert status.headers["Cache-Control"] == "no-store"
    clock.advance(timedelta(minutes=11))
    assert browser.get("/session/status").json == {"seconds_left": 0, "final": True}
    assert browser.get("/dashboard").status_code == 302


def test_stay_signed_in_without_script_goes_back_to_the_page(app, db):
    _user, browser = _signed_in_client(app, db, Role.EMPLOYER)
    response = browser.post("/session/keep-alive", data={"next": "/offers/"})
    assert response.status_code == 303
    assert response.location == "/offers/"
    assert browser.post("/session/keep-alive", data={"next": "//evil.example"}).location == "/dashboard"


def test_stay_signed_in_after_the_end_does_not_reopen_the_session(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.CONSULTANT)
    clock.advance(timedelta(minutes=31))
    response = browser.post("/session/keep-alive", headers={"Accept": "application/json"})
    assert response.status_code == 302
    assert browser.get("/dashboard").status_code == 302


def test_every_signed_in_page_says_when_the_session_ends_and_carries_the_warning(app, db, clock):
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))  # 10:00 in Stockholm
    _user, browser = _signed_in_client(app, db, Role.CONSULTANT)
    response = browser.get("/dashboard")
    page = response.get_data(as_text=True)
    assert "Du loggas ut kl. 10:30 om inget händer innan dess." in page
    assert '<dialog id="session-warning"' in page
    assert re.search(r'data-seconds-left="(17\d\d|1800)"', page)
    assert 'data-warning-seconds="300"' in page
    assert "Fortsätt vara inloggad" in page
    assert 'aria-live="assertive"' in page
    assert 1790 <= int(response.headers["X-Session-Seconds-Left"]) <= 1800
    assert response.headers["X-Session-Final"] == "0"


def test_near_the_end_of_its_lifetime_the_page_says_the_session_cannot_be_kept_longer(app, db, clock):
    clock.set(datetime(2026, 12, 3, 9, 0, tzinfo=UTC))
    _user, browser = _signed_in_client(app, db, Role.EMPLOYER)
    for _ in range(11):
        clock.advance(timedelta(hours=1))
        browser.get("/dashboard")
    clock.advance(timedelta(minutes=30))
    response = browser.get("/dashboard")
    assert response.headers["X-Session-Final"] == "1"
    assert "Din inloggning slutar kl. 22:00, det längsta en inloggning varar." in response.get_data(as_text=True)


def test_an_offer_screen_posted_after_the_session_ended_keeps_what_was_typed(app, db, clock):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer)
    db.session.commit()
    browser = app.test_client()
    assert sign_in(browser, employer.email, PASSWORD).status_code == 303
    assert browser.get(f"/offers/{offer.id}/workplace").status_code == 200  # the employer opened the screen
    clock.advance(timedelta(hours=2, minutes=1))
    typed = {**WORKPLACE, "title": "Skrivet medan tiden gick", "address": "Långgatan 7"}

    # Old main: the session still held, so this was saved and went on to the next screen.
    response = browser.post(f"/offers/{offer.id}/workplace", data=typed)
    assert response.status_code == 303
    assert response.location.startswith("/sign-in?next=")
    assert db.session.get(Offer, offer.id).title == COMPLETE["title"]
    next_value = parse_qs(urlsplit(response.location).query)["next"][0]
    signed_in = browser.post("/sign-in", data={"email": employer.email, "password": PASSWORD, "next": next_value})
    page = browser.get(signed_in.location).get_data(as_text=True)
    assert "Skrivet medan tiden gick" in page and "Långgatan 7" in page


def test_another_form_posted_after_the_session_ended_comes_back_to_its_page(app, db, clock):
    _user, browser = _signed_in_client(app, db, Role.COORDINATOR)
    clock.advance(timedelta(minutes=31))
    response = browser.post(
        "/staff", data={"name": "Ny", "email": "ny@example.se"}, headers={"Referer": "http://localhost/staff"}
    )
    assert response.status_code == 302
    # Back to the page the form was on (the address posted to may answer only POST), with what was typed.
    assert parse_qs(urlsplit(response.location).query)["next"][0].startswith("/staff?resume=")


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_every_signed_in_page_is_kept_out_of_caches(app, db, role):
    # Old main sent no Cache-Control at all: a shared computer's back button showed the last person's pages.
    from flask import url_for

    world = factories.make_world()
    db.session.commit()
    browser = app.test_client()
    sign_in_client(browser, world.users[Role(role)])
    walked = 0
    for (endpoint, method), row in sorted(MATRIX.items()):
        if method != "GET" or endpoint == "static" or row.expected[role] != 200:
            continue
        values = row.values(world) if callable(row.values) else row.values
        with app.test_request_context():
            url = url_for(endpoint, **values)
        response = browser.get(url)
        response.close()
        assert response.status_code == 200, url
        assert response.headers.get("Cache-Control") == "no-store", url
        walked += 1
    assert walked >= 10


def test_security_txt_says_how_to_report_a_vulnerability(client, app):
    # Old main: 404.
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    fields = dict(line.split(": ", 1) for line in response.get_data(as_text=True).splitlines())
    assert fields["Contact"] == f"mailto:{app.config['COORDINATOR_EMAIL']}"
    assert fields["Preferred-Languages"] == "sv, en"
    assert fields["Canonical"] == "http://localhost/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert timedelta(days=30) < expires - datetime.now(UTC) < timedelta(days=365)


@pytest.mark.parametrize(
    ("setting", "contact"),
    [("sakerhet@kommun.se", "mailto:sakerhet@kommun.se"), ("https://kommun.se/sakerhet", "https://kommun.se/sakerhet")],
)
def test_security_txt_takes_the_contact_from_the_setting(client, app, monkeypatch, setting, contact):
    monkeypatch.setitem(app.config, "SECURITY_CONTACT", setting)
    assert f"Contact: {contact}\n" in client.get("/.well-known/security.txt").get_data(as_text=True)


def test_any_form_posted_just_after_the_session_ended_comes_back_with_what_was_typed(app, db, clock):
    """Old main (and before this): the consultant's notes typed during a long phone call were lost
    to the idle timeout; now they are kept for this browser and shown again after the sign-in."""
    from tests.participant_factories import make_participant

    consultant, browser = _signed_in_client(app, db, Role.CONSULTANT)
    participant = make_participant(consultant)
    db.session.commit()
    edit = f"/participants/{participant.id}/edit"
    assert browser.get(edit).status_code == 200
    clock.advance(timedelta(minutes=31))
    typed = "Ringde arbetsgivaren, vill börja med tre förmiddagar i veckan."
    response = browser.post(edit, data={"name": participant.name, "notes": typed}, headers={"Referer": f"http://localhost{edit}"})
    assert response.status_code == 302
    next_path = parse_qs(urlsplit(response.location).query)["next"][0]
    assert next_path.startswith(f"{edit}?resume=")
    db.session.refresh(participant)
    assert participant.notes != typed  # nothing was saved under the ended session
    assert sign_in(browser, consultant.email, PASSWORD).status_code == 303
    page = browser.get(next_path).get_data(as_text=True)
    assert typed in page
    # Another browser with the same address gets nothing: the key needs this browser's cookie.
    other = app.test_client()
    assert sign_in(other, consultant.email, PASSWORD).status_code == 303
    assert typed not in other.get(next_path).get_data(as_text=True)


def test_a_post_without_a_session_that_just_ended_keeps_nothing(app, db):
    from portal.resume.models import FormResume

    response = app.test_client().post("/participants/1/edit", data={"notes": "x" * 100}, headers={"Referer": "http://localhost/participants/1/edit"})
    assert response.status_code == 302 and "resume=" not in response.location
    assert db.session.query(FormResume).count() == 0
