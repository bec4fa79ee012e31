"""Placements: recording, transitions, the queries the bookings side uses."""

from __future__ import annotations

from datetime import date

import pytest

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.interest import services as interest_services
from portal.matching.vocabulary import PlacementKind
from portal.participants.states import ParticipantStatus
from portal.placements import queries, services
from portal.placements.states import PlacementStatus
from portal.workflow import IllegalTransition
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
    services.change_placement_status(placement, PlacementStatus.ENDED, actor=consultant)
    with pytest.raises(IllegalTransition):
        services.change_placement_status(placement, PlacementStatus.ACTIVE, actor=consultant)
