"""Placements: recording, transitions, the queries the bookings side uses."""

from __future__ import annotations

import itertools
from datetime import date
from types import SimpleNamespace

import pytest

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.interest import services as interest_services
from portal.participants.states import Outcome, ParticipantStatus
from portal.placements import queries, services
from portal.placements.states import EVENT_TO, PLACEMENT_MACHINE, PlacementStatus
from portal.reference.vocabulary import PlacementKind
from portal.workflow import IllegalTransition, transition
from tests.factories import make_user
from tests.interest_factories import fitting_participant, live_offer

START, END = date(2027, 3, 1), date(2027, 5, 24)


def test_recording_a_placement_links_the_agreed_interest_and_places_the_participant(db):
    consultant = make_user(role=Role.CONSULTANT)
    offer = live_offer()
    person = fitting_participant(consultant)
    interest = interest_services.express_interest(offer, person, employer=offer.created_by)
    interest_services.answer_interest(
        interest, agrees=True, actor=consultant,
        consent=interest_services.ConsentDetails(interest_services.ConsentMethod.PHONE, date(2026, 11, 2), "Träffas"),
    )
    placement = services.record_placement(offer, person, actor=consultant, kind=PlacementKind.PRAKTIK, start_date=START, end_date=END)
    assert placement.interest_id == interest.id and placement.status == PlacementStatus.PLANNED
    assert person.status == ParticipantStatus.PLACED
    assert queries.placements_for_employer(offer.organisation) == [placement]
    assert queries.placements_for_consultant(consultant) == [placement]
    assert queries.placements_for_consultant(make_user(role=Role.CONSULTANT)) == []


def test_only_own_participants_and_sensible_dates(db):
    consultant = make_user(role=Role.CONSULTANT)
    offer = live_offer()
    with pytest.raises(FieldError):
        services.record_placement(offer, fitting_participant(), actor=consultant, kind=PlacementKind.PRAKTIK, start_date=START, end_date=END)
    with pytest.raises(FieldError):
        services.record_placement(offer, fitting_participant(consultant), actor=consultant, kind=PlacementKind.PRAKTIK, start_date=END, end_date=START)


def test_planned_to_active_to_ended_and_nothing_else(db):
    consultant = make_user(role=Role.CONSULTANT)
    placement = services.record_placement(
        live_offer(), fitting_participant(consultant), actor=consultant, kind=PlacementKind.PRAKTIK, start_date=START, end_date=END
    )
    services.change_placement_status(placement, PlacementStatus.ACTIVE, actor=consultant)
    with pytest.raises(IllegalTransition):
        services.change_placement_status(placement, PlacementStatus.PLANNED, actor=consultant)
    with pytest.raises(FieldError):
        services.change_placement_status(placement, PlacementStatus.ENDED, actor=consultant)
    services.change_placement_status(placement, PlacementStatus.ENDED, actor=consultant, outcome=Outcome.JOB)
    assert placement.outcome == "job" and placement.participant.status == ParticipantStatus.ACTIVE
    with pytest.raises(IllegalTransition):
        services.change_placement_status(placement, PlacementStatus.ACTIVE, actor=consultant)


# The pages


def _agreed(consultant, name="Amina Hassan"):
    offer = live_offer()
    person = fitting_participant(consultant, name=name)
    interest = interest_services.express_interest(offer, person, employer=offer.created_by)
    interest_services.answer_interest(
        interest, agrees=True, actor=consultant,
        consent=interest_services.ConsentDetails(interest_services.ConsentMethod.PHONE, date(2026, 11, 2), "Träffas"),
    )
    return interest


def test_the_consultant_records_a_placement_from_an_agreed_interest(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    interest = _agreed(consultant)
    db.session.commit()
    assert f"/placements/new?interest={interest.id}" in client.get(f"/interest/{interest.id}").get_data(as_text=True)
    html = client.get(f"/placements/new?interest={interest.id}").get_data(as_text=True)
    assert f'selected value="{interest.participant_id}"' in html and f'selected value="{interest.offer_id}"' in html
    response = client.post(
        "/placements/new",
        data={
            "interest": interest.id, "participant": interest.participant_id, "offer": interest.offer_id,
            "kind": "praktik", "start_date": "2027-03-01", "end_date": "2027-05-24", "cadence": "weekly",
        },
    )
    assert response.status_code == 303
    [placement] = queries.placements_for_consultant(consultant)
    assert placement.interest_id == interest.id and placement.follow_up_cadence.value == "weekly"
    assert interest.participant.status == ParticipantStatus.PLACED
    assert client.get(response.headers["Location"]).status_code == 200
    assert client.post(f"/placements/{placement.id}/status", data={"to": "active"}).status_code == 303
    db.session.refresh(placement)
    assert placement.status == PlacementStatus.ACTIVE
    response = client.post(f"/placements/{placement.id}/status", data={"to": "ended"})
    assert response.status_code == 422 and "Choose how the placement ended" in response.get_data(as_text=True)
    assert client.post(f"/placements/{placement.id}/status", data={"to": "ended", "outcome": "job"}).status_code == 303
    db.session.refresh(placement)
    assert placement.status == PlacementStatus.ENDED and placement.outcome == "job"


def test_missing_answers_are_422_with_the_values_kept(client, db, login_as):
    consultant = login_as("consultant", preferred_language="en")
    person = fitting_participant(consultant)
    offer = live_offer()
    db.session.commit()
    response = client.post(
        "/placements/new",
        data={"participant": person.id, "offer": offer.id, "kind": "praktik", "start_date": "2027-05-24", "end_date": "2027-03-01", "cadence": "monthly"},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "error-summary" in html and "<title>Error:" in html and "The end date must be on or after the start date" in html
    assert "2027-05-24" in html and "2027-03-01" in html and f'selected value="{person.id}"' in html
    response = client.post("/placements/new", data={"participant": person.id, "offer": offer.id})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Enter the start date" in html and "Choose the kind of placement" in html
    assert queries.placements_for_consultant(consultant) == []


def test_another_consultants_participant_placement_and_interest_are_404(client, db, login_as):
    login_as("consultant")
    other = make_user(role=Role.CONSULTANT)
    interest = _agreed(other)
    placement = services.record_placement(
        live_offer(), fitting_participant(other, name="Dora Dahl"), actor=other, kind=PlacementKind.PRAKTIK, start_date=START, end_date=END
    )
    db.session.commit()
    assert client.get(f"/placements/{placement.id}").status_code == 404
    assert client.post(f"/placements/{placement.id}/status", data={"to": "active"}).status_code == 404
    assert client.get(f"/placements/new?interest={interest.id}").status_code == 404
    assert client.get(f"/placements/new?participant={interest.participant_id}").status_code == 404
    assert "Dora Dahl" not in client.get("/placements").get_data(as_text=True)


def test_the_employer_sees_their_own_placements_with_first_name_only_while_consent_is_in_force(client, db, login_as):
    consultant = make_user(role=Role.CONSULTANT, name="Karl Konsult")
    interest = _agreed(consultant)
    placement = services.record_placement(
        interest.offer, interest.participant, actor=consultant, kind=PlacementKind.PRAKTIK, start_date=START, end_date=END
    )
    foreign = services.record_placement(
        live_offer(), fitting_participant(consultant, name="Berit Bengtsson"), actor=consultant,
        kind=PlacementKind.PRAKTIK, start_date=START, end_date=END,
    )
    db.session.commit()
    from tests.conftest import sign_in_client

    sign_in_client(client, interest.employer_user)
    html = client.get("/placements").get_data(as_text=True)
    assert "Amina" in html and "Hassan" not in html and "Karl Konsult" in html and "Berit" not in html
    html = client.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "Amina" in html and "Hassan" not in html and consultant.email in html
    assert client.get(f"/placements/{foreign.id}").status_code == 404
    assert client.post(f"/placements/{placement.id}/status", data={"to": "active"}).status_code == 403
    interest_services.withdraw_consent(interest, actor=consultant)
    db.session.commit()
    html = client.get(f"/placements/{placement.id}").get_data(as_text=True)
    assert "Amina" not in html and consultant.email in html


def test_the_coordinator_sees_every_placement(client, db, login_as):
    consultant = make_user(role=Role.CONSULTANT)
    services.record_placement(
        live_offer(), fitting_participant(consultant, name="Cecilia Ek"), actor=consultant,
        kind=PlacementKind.PRAKTIK, start_date=START, end_date=END,
    )
    db.session.commit()
    login_as("coordinator")
    assert "Cecilia Ek" in client.get("/placements").get_data(as_text=True)


# The placement table: every move allowed, every other refused, and who may make each


PS = PlacementStatus
PLACEMENT_ALLOWED = {(PS.PLANNED, PS.ACTIVE), (PS.PLANNED, PS.ENDED), (PS.ACTIVE, PS.ENDED)}
OWN = SimpleNamespace(id=7, role=Role.CONSULTANT)


class _Placement:
    __tablename__ = "placement"

    def __init__(self, status):
        self.id = 1
        self.status = status
        self.consultant_id = OWN.id


def test_the_placement_table_is_the_one_this_test_expects():
    assert {(s, t) for s in PLACEMENT_MACHINE for t in PLACEMENT_MACHINE[s]} == PLACEMENT_ALLOWED
    assert {name: event.target for name, event in PLACEMENT_MACHINE.events.items()} == {"start": PS.ACTIVE, "end": PS.ENDED}
    assert {EVENT_TO[event.target] for event in PLACEMENT_MACHINE.events.values()} == set(PLACEMENT_MACHINE.events)


@pytest.mark.parametrize("move", sorted(PLACEMENT_ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_an_allowed_placement_move_changes_the_state_and_writes_an_audit_row(db, move):
    from portal.audit.models import AuditEvent

    placement = _Placement(move[0])
    transition(placement, move[1], table=PLACEMENT_MACHINE)
    assert placement.status == move[1]
    event = [o for o in db.session.new if isinstance(o, AuditEvent)][-1]
    assert (event.action, event.detail) == (f"placement.{move[1].value}", {"from": move[0].value, "to": move[1].value})


@pytest.mark.parametrize(
    "move", sorted(set(itertools.product(PS, PS)) - PLACEMENT_ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}"
)
def test_every_other_placement_move_is_refused(move):
    placement = _Placement(move[0])
    with pytest.raises(IllegalTransition):
        transition(placement, move[1], table=PLACEMENT_MACHINE)
    assert placement.status == move[0]


@pytest.mark.parametrize(
    ("status", "actor", "allowed"),
    [
        (PS.PLANNED, OWN, ["start", "end"]),
        (PS.ACTIVE, OWN, ["end"]),
        (PS.ENDED, OWN, []),
        (PS.PLANNED, SimpleNamespace(id=8, role=Role.CONSULTANT), []),
        (PS.ACTIVE, SimpleNamespace(id=7, role=Role.EMPLOYER), []),
        (PS.ACTIVE, SimpleNamespace(id=30, role=Role.COORDINATOR), []),
        (PS.PLANNED, None, []),
    ],
    ids=["own planned", "own active", "own ended", "other consultant", "employer", "coordinator", "nobody"],
)
def test_only_the_placements_own_consultant_starts_and_ends_it(status, actor, allowed):
    assert PLACEMENT_MACHINE.available(_Placement(status), actor) == allowed
