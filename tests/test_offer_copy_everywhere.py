"""Outside the employer's organisation, only what the coordinator approved is ever shown.

The demo's main live offer (Kafé Solrosen's "Diskare och kökshjälp") has candidates, interest,
meetings, a placement and follow-ups, so its title stands on most pages a consultant or the
coordinator reaches. Its working copy is changed (title and a task) and every page each staff
member can reach by following links is read: none shows the new text, before the change is sent
and while it waits for review (except the coordinator's review of it). Once approved, it shows.
"""

from __future__ import annotations

import re
from collections import deque

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.demo.loader import DEMO_PASSWORD
from portal.offers import services as offer_services
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.review import services as review_services
from portal.review.models import Decision
from tests.helpers import sign_in

NEW_TITLE = "Ändrad titel som inte är granskad"
NEW_TASK = "Ändrad uppgift som inte är granskad"
STAFF = ["konsulent@demo.brygga.se", "konsulent2@demo.brygga.se", "koordinator@demo.brygga.se"]
SKIP = re.compile(r"^/(static/|sign-out|language)|/calendar/")
MAX_PAGES = 300
PER_SHAPE = 3  # /participants/7 and /participants/8 are the same page: read a few of each


def _shape(path: str) -> str:
    return re.sub(r"/[0-9]+|/K-[0-9A-Z]+|/[A-Za-z0-9_-]{30,}", "/N", path.split("?")[0])


def _hrefs(body: str) -> list[str]:
    return [href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#]*)"', body)]


def walk(client, start: str = "/dashboard") -> dict[str, str]:
    """Every page reachable by links from `start` (GET, this site), by path: its text."""
    pages: dict[str, str] = {}
    shapes: dict[str, int] = {}
    queue = deque([start])
    while queue and len(pages) < MAX_PAGES:
        path = queue.popleft()
        if path in pages or SKIP.search(path.split("?")[0]) or shapes.get(_shape(path), 0) >= PER_SHAPE:
            continue
        shapes[_shape(path)] = shapes.get(_shape(path), 0) + 1
        response = client.get(path)
        content_type = response.headers.get("Content-Type", "")
        if response.status_code >= 300 or not content_type.startswith("text/"):
            pages[path] = response.get_data(as_text=True) if content_type.startswith("text/") else ""
            continue
        body = response.get_data(as_text=True)
        pages[path] = body
        queue.extend(href for href in _hrefs(body) if href not in pages)
    return pages


def _main_offer(db) -> Offer:
    return db.session.scalar(select(Offer).where(Offer.title == "Diskare och kökshjälp", Offer.status == OfferStatus.LIVE))


def _change_working_copy(db, offer: Offer) -> None:
    offer_services.save_offer_answers(offer, {"title": NEW_TITLE})
    offer_services.save_task_answers(offer.tasks[0], {"name": NEW_TASK})
    db.session.commit()


def _pages_showing_the_change(app, email: str) -> list[str]:
    client = app.test_client()
    assert sign_in(client, email, DEMO_PASSWORD).status_code == 303
    pages = walk(client)
    assert len(pages) > 10, f"{email} reached only {len(pages)} pages"
    return sorted(path for path, body in pages.items() if NEW_TITLE in body or NEW_TASK in body)


@pytest.fixture
def demo(app, db):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    offer = _main_offer(db)
    assert offer is not None and offer.live_snapshot_id is not None
    return offer


def test_an_unsent_change_to_a_live_offer_shows_on_no_staff_page(app, db, demo):
    _change_working_copy(db, demo)
    for email in STAFF:
        shown = _pages_showing_the_change(app, email)
        assert shown == [], f"{email} sees the unreviewed text on {shown}"
    # The employer works on the working copy and sees it: the check above could fail.
    assert _pages_showing_the_change(app, "arbetsgivare@demo.brygga.se")


def test_a_change_waiting_for_review_shows_only_on_the_coordinators_review(app, db, demo):
    _change_working_copy(db, demo)
    employer = db.session.scalar(select(User).where(User.email == "arbetsgivare@demo.brygga.se"))
    offer_services.submit_offer(demo, employer)
    db.session.commit()
    for email in STAFF[:2]:
        shown = _pages_showing_the_change(app, email)
        assert shown == [], f"{email} sees the unreviewed text on {shown}"
    coordinator_pages = _pages_showing_the_change(app, "koordinator@demo.brygga.se")
    assert [path for path in coordinator_pages if not path.startswith("/review/")] == []
    # Reviewing the submission is the one place it must show (the walk may not reach it).
    client = app.test_client()
    sign_in(client, "koordinator@demo.brygga.se", DEMO_PASSWORD)
    review = client.get(f"/review/{demo.id}").get_data(as_text=True)
    assert NEW_TITLE in review and NEW_TASK in review


def test_once_approved_the_change_shows_to_consultants(app, db, demo):
    _change_working_copy(db, demo)
    employer = db.session.scalar(select(User).where(User.email == "arbetsgivare@demo.brygga.se"))
    coordinator = db.session.scalar(select(User).where(User.email == "koordinator@demo.brygga.se"))
    snapshot = offer_services.submit_offer(demo, employer)
    db.session.flush()
    review_services.decide(demo, snapshot_id=snapshot.id, decision=Decision.APPROVED, reason="", comments={}, reviewer=coordinator)
    db.session.commit()
    client = app.test_client()
    sign_in(client, "konsulent@demo.brygga.se", DEMO_PASSWORD)
    body = client.get(f"/offers/{demo.id}").get_data(as_text=True)
    assert NEW_TITLE in body and NEW_TASK in body
