"""Private calendar links: made and shown once, stored hashed, revocable; the feed is a valid VCALENDAR."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from sqlalchemy import select

from portal.accounts.tokens import hash_token
from portal.meetings import feeds
from portal.meetings.models import CalendarFeedLink


def _new_link(client) -> str:
    response = client.post("/calendar")
    assert response.status_code == 200
    match = re.search(r'id="feed-url"[^>]*value="http://localhost(/calendar/[^"]+\.ics)"', response.get_data(as_text=True))
    assert match, "the new link is shown on the page"
    return match.group(1)


@pytest.mark.parametrize("role", ["consultant", "employer"])
def test_a_link_is_shown_once_and_the_feed_is_a_valid_empty_calendar(app, client, db, login_as, role):
    user = login_as(role, preferred_language="en", name="Ahmed Hassan")
    assert "You have no calendar link." in client.get("/calendar").get_data(as_text=True)

    path = _new_link(client)

    token = path.removeprefix("/calendar/").removesuffix(".ics")
    link = db.session.scalar(select(CalendarFeedLink).where(CalendarFeedLink.user_id == user.id))
    assert link.token_hash == hash_token(token) and token not in link.token_hash
    again = client.get("/calendar").get_data(as_text=True)
    assert token not in again
    assert "It cannot be shown again." in again

    feed = app.test_client().get(path)  # calendars fetch it without a session
    assert feed.status_code == 200
    assert feed.mimetype == "text/calendar"
    assert "no-store" in feed.headers["Cache-Control"]
    calendar = Calendar.from_ical(feed.data)
    assert calendar.name == "VCALENDAR"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Brygga – Ahmed Hassan"
    assert calendar.walk("VEVENT") == []


def test_a_new_link_replaces_the_old_and_a_revoked_link_is_not_found(app, client, db, login_as):
    login_as("consultant", preferred_language="en")
    first = _new_link(client)
    second = _new_link(client)
    outsider = app.test_client()
    assert outsider.get(first).status_code == 404
    assert outsider.get(second).status_code == 200

    response = client.post("/calendar/revoke")

    assert response.status_code == 303
    assert response.location == "/calendar"
    assert "The calendar link has been turned off." in client.get("/calendar").get_data(as_text=True)
    assert outsider.get(second).status_code == 404
    assert client.post("/calendar/revoke").status_code == 303  # nothing left to turn off: no harm


def test_an_unknown_token_or_a_deactivated_user_gets_404(app, client, db, login_as):
    user = login_as("employer")
    path = _new_link(client)
    assert app.test_client().get("/calendar/not-a-real-token.ics").status_code == 404
    user.active = False
    db.session.commit()
    assert app.test_client().get(path).status_code == 404


def test_only_the_hash_is_kept_and_the_link_belongs_to_one_user(db, login_as):
    user = login_as("consultant")
    token = feeds.create_feed_link(user)
    assert feeds.user_for_feed_token(token) is user
    assert feeds.user_for_feed_token(token + "x") is None
    assert db.session.scalar(select(CalendarFeedLink.token_hash)) == hash_token(token)


def test_coordinators_have_no_calendar_link(client, db, login_as):
    login_as("coordinator")
    assert client.get("/calendar").status_code == 403
    assert client.post("/calendar").status_code == 403
