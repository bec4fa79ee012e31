"""Outside the employer's organisation, the offers list and the offer page show only what was approved.

A live offer's title and a task are changed in the working copy. Consultants and the coordinator
read the offers list and the offer page: the new text is on none of them, neither before the
change is sent nor while it waits for review (the coordinator's review page shows it: that is
its purpose). Once the coordinator approves it, it shows. The employer sees it all along.
"""

from __future__ import annotations

import pytest

from portal.accounts.models import Role
from portal.offers import services as offer_services
from portal.offers.states import OfferStatus
from portal.review import services as review_services
from portal.review.models import Decision
from tests import factories
from tests.conftest import sign_in_client
from tests.offer_factories import COMPLETE, TASK, make_offer

NEW_TITLE = "Ny titel som inte är granskad"
NEW_TASK = "Ny uppgift som inte är granskad"


@pytest.fixture
def people(db):
    employer = factories.make_user(role=Role.EMPLOYER)
    offer = make_offer(employer, status=OfferStatus.LIVE)
    offer_services.save_offer_answers(offer, {"title": NEW_TITLE})
    offer_services.save_task_answers(offer.tasks[0], {"name": NEW_TASK})
    people = {
        "employer": employer,
        "consultant": factories.make_user(role=Role.CONSULTANT),
        "coordinator": factories.make_user(role=Role.COORDINATOR),
    }
    db.session.commit()
    return offer, people


def _pages(app, user, offer) -> dict[str, str]:
    client = app.test_client()
    sign_in_client(client, user)
    pages = {}
    for path in ("/offers", f"/offers/{offer.id}"):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.get_data(as_text=True)
    return pages


def _showing_the_change(pages: dict[str, str]) -> list[str]:
    return sorted(path for path, body in pages.items() if NEW_TITLE in body or NEW_TASK in body)


def test_an_unsent_change_shows_only_inside_the_organisation(app, people):
    offer, users = people
    for role in ("consultant", "coordinator"):
        pages = _pages(app, users[role], offer)
        assert _showing_the_change(pages) == [], role
        assert COMPLETE["title"] in pages[f"/offers/{offer.id}"] and TASK["name"] in pages[f"/offers/{offer.id}"]
        assert COMPLETE["title"] in pages["/offers"]
    # The check above can fail: the employer works on the working copy and sees the change.
    assert _showing_the_change(_pages(app, users["employer"], offer)) == ["/offers", f"/offers/{offer.id}"]


def test_a_change_waiting_for_review_shows_only_on_the_coordinators_review_page(app, db, people):
    offer, users = people
    offer_services.submit_offer(offer, users["employer"])
    db.session.commit()
    for role in ("consultant", "coordinator"):
        assert _showing_the_change(_pages(app, users[role], offer)) == [], role
    client = app.test_client()
    sign_in_client(client, users["coordinator"])
    queue = client.get("/review").get_data(as_text=True)
    assert NEW_TITLE not in queue and COMPLETE["title"] in queue  # the queue names the offer as approved
    review = client.get(f"/review/{offer.id}").get_data(as_text=True)
    assert NEW_TITLE in review and NEW_TASK in review


def test_once_approved_the_change_shows_to_consultants_and_the_coordinator(app, db, people):
    offer, users = people
    snapshot = offer_services.submit_offer(offer, users["employer"])
    review_services.decide(offer, snapshot_id=snapshot.id, decision=Decision.APPROVED, reason="", comments={}, reviewer=users["coordinator"])
    db.session.commit()
    for role in ("consultant", "coordinator"):
        pages = _pages(app, users[role], offer)
        assert NEW_TITLE in pages["/offers"], role
        assert NEW_TITLE in pages[f"/offers/{offer.id}"] and NEW_TASK in pages[f"/offers/{offer.id}"], role


def test_a_draft_is_seen_by_nobody_outside_the_organisation(client, db):
    employer = factories.make_user(role=Role.EMPLOYER)
    draft = make_offer(employer, title="Utkast som ingen annan ser")
    coordinator = factories.make_user(role=Role.COORDINATOR)
    db.session.commit()
    sign_in_client(client, coordinator)
    assert "Utkast som ingen annan ser" not in client.get("/offers").get_data(as_text=True)
    assert client.get(f"/offers/{draft.id}").status_code == 404
