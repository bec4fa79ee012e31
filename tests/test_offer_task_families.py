"""Every offer task belongs to the task vocabulary: the wizard suggests a family from the
employer's own words and asks them to confirm one or say none fits; the coordinator sees the
family at review and can change it; matching reads it from the approved copy."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEvent
from portal.extensions import db as _db
from portal.matching.profiles import offer_profile
from portal.offers import readiness
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.reference.task_examples import example_by_id
from tests import factories
from tests.offer_factories import TASK, make_offer

CUSTOM = {**TASK, "name": "Torka av maskinerna", "description": "Torka av och göra rent maskinerna i verkstaden efter dagens jobb."}


@pytest.fixture
def employer(login_as):
    return login_as("employer", preferred_language="en")


def reload(offer_id: int) -> Offer:
    _db.session.expire_all()
    return _db.session.get(Offer, offer_id)


def new_offer(employer) -> Offer:
    offer = make_offer(employer, tasks=0)
    _db.session.commit()
    return offer


def _checked_family(html: str) -> str | None:
    found = re.search(r'<input[^>]* checked [^>]*name="family"[^>]*value="([^"]+)"', html)
    return found.group(1) if found else None


def _suggested_block(html: str) -> str:
    """The radios listed before "Other kinds of tasks": the suggested ones."""
    start = html.index('id="task-family"')
    return html[start : html.index("more-choices", start)]


def test_a_new_task_without_words_offers_every_family_and_none(client, employer):
    offer = new_offer(employer)
    html = client.get(f"/offers/{offer.id}/tasks/new").get_data(as_text=True)
    assert "What kind of task is it?" in html
    assert "No kind of task was found from the words you wrote" in html
    assert "<details class=\"more-choices\" open>" in html  # nothing suggested: the list is open
    assert "Dishwashing and kitchen help" in html and "Cleaning" in html and "None of these fits" in html


def test_suggest_button_saves_the_draft_and_suggests_from_the_words_without_javascript(client, employer):
    offer = new_offer(employer)
    response = client.post(f"/offers/{offer.id}/tasks/new", data={
        "name": "Städa personalrummet", "description": "Dammsuga och torka av borden i personalrummet.", "action": "suggest",
    })
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Cleaning" in _suggested_block(html)
    assert "Field error" not in html and "Choose the kind of task" not in html  # asking is not an error
    task = reload(offer.id).tasks[0]
    assert task.name == "Städa personalrummet" and task.family is None
    assert f'action="/offers/{offer.id}/tasks/{task.id}"' in html  # further posts change this task


def test_htmx_asks_for_suggestions_as_the_employer_types(client, employer):
    offer = new_offer(employer)
    response = client.post(f"/offers/{offer.id}/tasks/families", data={
        "name": "Vika handdukar", "description": "Vika och lägga in tvätten", "family": "laundry",
    }, headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div class="form-group') and "<html" not in html
    assert "Laundry" in _suggested_block(html)
    assert _checked_family(html) == "laundry"  # what was chosen stays chosen
    assert reload(offer.id).tasks == []  # suggesting saves nothing


def test_suggestions_for_another_organisations_offer_are_not_found(client, employer):
    other = make_offer(factories.make_user(role="employer"), tasks=0)
    _db.session.commit()
    response = client.post(f"/offers/{other.id}/tasks/families", data={"name": "Diska"})
    assert response.status_code == 404


def test_a_task_is_saved_only_with_a_family_or_none(client, employer):
    offer = new_offer(employer)
    values = {k: ("yes" if v is True else v) for k, v in CUSTOM.items() if k != "family"}
    response = client.post(f"/offers/{offer.id}/tasks/new", data=values)
    assert response.status_code == 422
    assert "Choose the kind of task, or say that none of them fits" in response.get_data(as_text=True)
    task = reload(offer.id).tasks[0]
    assert any(anchor == f"task-{task.id}" for _s, anchor, _m in readiness.missing_answers(reload(offer.id)))
    response = client.post(f"/offers/{offer.id}/tasks/{task.id}", data={**values, "family": "cleaning"})
    assert response.status_code == 303
    assert reload(offer.id).tasks[0].family == "cleaning"
    assert readiness.missing_answers(reload(offer.id)) == []


def test_none_fits_is_an_answer_and_the_employer_is_told_what_it_means(client, employer):
    offer = new_offer(employer)
    values = {k: ("yes" if v is True else v) for k, v in CUSTOM.items()}
    client.post(f"/offers/{offer.id}/tasks/new", data={**values, "family": "none"})
    task = reload(offer.id).tasks[0]
    assert task.family == "none"
    html = client.get(f"/offers/{offer.id}/tasks/{task.id}").get_data(as_text=True)
    assert _checked_family(html) == "none"
    assert "nobody is found through similar tasks" in html


def test_a_family_that_is_not_in_the_vocabulary_is_refused_and_the_rest_kept(client, employer):
    offer = new_offer(employer)
    values = {k: ("yes" if v is True else v) for k, v in CUSTOM.items()}
    response = client.post(f"/offers/{offer.id}/tasks/new", data={**values, "family": "rocket_science"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="Torka av maskinerna"' in html
    assert reload(offer.id).tasks[0].family is None


def test_tasks_from_examples_carry_the_examples_family_and_link(client, employer):
    offer = new_offer(employer)
    client.post(f"/offers/{offer.id}/tasks/examples?industry=I", data={"examples": ["i-wash-dishes", "i-clear-tables"]})
    tasks = reload(offer.id).tasks
    assert [(t.example_id, t.family) for t in tasks] == [("i-wash-dishes", "dishwashing_kitchen"), ("i-clear-tables", "serving")]
    html = client.get(f"/offers/{offer.id}/tasks/{tasks[0].id}").get_data(as_text=True)
    # The example's own family is suggested first and is chosen.
    assert _checked_family(_suggested_block(html)) == "dishwashing_kitchen"


# Review


@pytest.fixture
def submitted(db):
    employer = factories.make_user(role="employer")
    offer = make_offer(employer, status=OfferStatus.SUBMITTED)
    db.session.commit()
    return offer


def test_the_coordinator_sees_the_family_and_can_change_it_when_approving(client, login_as, submitted):
    coordinator = login_as("coordinator", preferred_language="en")
    html = client.get(f"/review/{submitted.id}").get_data(as_text=True)
    assert "Kind of task" in html and "Dishwashing and kitchen help" in html
    task_id = submitted.tasks[0].id
    assert f'name="family-{task_id}"' in html
    response = client.post(f"/review/{submitted.id}", data={
        "snapshot_id": submitted.pending_snapshot_id, "decision": "approved", f"family-{task_id}": "cleaning",
    })
    assert response.status_code == 303
    offer = reload(submitted.id)
    assert offer.status == OfferStatus.LIVE
    assert offer.live_snapshot.data["tasks"][0]["family"] == "cleaning"
    assert offer.tasks[0].family == "cleaning"  # the next submission keeps it
    assert offer_profile(offer.id, offer.live_snapshot.data).tasks[0].family == "cleaning"
    event = _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "offer.task_family_changed"))
    assert event.actor_id == coordinator.id
    assert event.detail == {"task": task_id, "from": "dishwashing_kitchen", "to": "cleaning"}


def test_an_unknown_family_at_review_is_refused_with_nothing_decided(client, login_as, submitted):
    login_as("coordinator", preferred_language="en")
    task_id = submitted.tasks[0].id
    response = client.post(f"/review/{submitted.id}", data={
        "snapshot_id": submitted.pending_snapshot_id, "decision": "approved", f"family-{task_id}": "rocket_science",
    })
    assert response.status_code == 422
    assert "Choose the kind of task from the list." in response.get_data(as_text=True)
    offer = reload(submitted.id)
    assert offer.status == OfferStatus.SUBMITTED and offer.tasks[0].family == "dishwashing_kitchen"


def test_an_unchanged_family_writes_nothing(client, login_as, submitted):
    login_as("coordinator")
    task_id = submitted.tasks[0].id
    client.post(f"/review/{submitted.id}", data={
        "snapshot_id": submitted.pending_snapshot_id, "decision": "approved", f"family-{task_id}": "dishwashing_kitchen",
    })
    assert _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "offer.task_family_changed")) is None


def test_every_example_task_in_the_demo_keeps_its_link(app, db):
    from portal.demo.loader import load_demo

    load_demo()
    for offer in db.session.scalars(select(Offer)):
        for task in offer.tasks:
            assert task.family, (offer.title, task.name)
            if task.example_id:
                assert example_by_id(task.example_id).family == task.family
