"""Participant services without the web: every transition, the profile for matching, the rules."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.errors import FieldError
from portal.matching.profiles import ParticipantProfile, participant_profile
from portal.participants import policies, services
from portal.participants.rules import (
    birth_year_problem,
    looks_like_personnummer,
    split_free_names,
)
from portal.participants.states import (
    PARTICIPANT_MACHINE,
    Outcome,
    ParticipantStatus,
)
from portal.reference.areas import area_name, is_area, load_areas
from portal.reference.vocabulary import Need, SwedishLevel, TimeOfDay, Travel
from portal.workflow import IllegalTransition
from tests import factories
from tests.participant_factories import make_participant

S = ParticipantStatus
ALLOWED = {
    (S.ACTIVE, S.PAUSED), (S.ACTIVE, S.PLACED), (S.ACTIVE, S.ENDED),
    (S.PAUSED, S.ACTIVE), (S.PAUSED, S.ENDED),
    (S.PLACED, S.ACTIVE), (S.PLACED, S.ENDED),
}
ALL_PAIRS = [(a, b) for a, b in itertools.product(S, S)]


def test_the_table_is_exactly_the_documented_moves():
    table = {(a, b) for a in S for b in PARTICIPANT_MACHINE[a]}
    assert table == ALLOWED


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED), ids=lambda s: s.value)
def test_every_allowed_move_changes_the_status_and_writes_the_audit_row(db, current, target):
    participant = make_participant(status=current, outcome=None)
    actor = participant.consultant
    outcome = Outcome.JOB if target is S.ENDED else None

    if target is S.PLACED:
        PARTICIPANT_MACHINE.fire("place", participant, actor=actor)  # placements make this move
    else:
        services.change_status(participant, target, actor=actor, outcome=outcome)
    db.session.flush()

    assert participant.status is target
    assert participant.outcome is outcome
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == f"participant.{target.value}"))
    assert event.subject_id == participant.id and event.actor_id == actor.id
    assert (event.detail["from"], event.detail["to"]) == (current.value, target.value)


@pytest.mark.parametrize(
    ("current", "target"), sorted(set(ALL_PAIRS) - ALLOWED), ids=lambda s: s.value
)
def test_every_other_move_is_refused_and_leaves_no_trace(db, current, target):
    participant = make_participant(status=current, outcome=Outcome.OTHER if current is S.ENDED else None)
    with pytest.raises(IllegalTransition):
        services.change_status(participant, target, actor=participant.consultant, outcome=Outcome.JOB)
    assert participant.status is current
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("participant.%"))) is None


def test_placed_is_never_set_by_hand(db):
    participant = make_participant(status=S.ACTIVE)
    with pytest.raises(IllegalTransition):
        services.change_status(participant, S.PLACED, actor=participant.consultant)
    assert participant.status is S.ACTIVE


@pytest.mark.parametrize("move", ["pause", "end"])
def test_only_the_own_consultant_moves_a_participant_by_hand(db, move):
    participant = make_participant(status=S.ACTIVE)
    other = make_participant().consultant
    assert PARTICIPANT_MACHINE.can(move, participant, participant.consultant)
    assert not PARTICIPANT_MACHINE.can(move, participant, other)
    assert not PARTICIPANT_MACHINE.can(move, participant, None)


def test_ending_needs_an_outcome(db):
    participant = make_participant()
    with pytest.raises(FieldError) as error:
        services.change_status(participant, S.ENDED, actor=participant.consultant)
    assert error.value.field == "outcome"
    assert participant.status is S.ACTIVE


def test_resuming_after_a_placement_clears_nothing_it_should_keep(db):
    participant = make_participant(status=S.PLACED)
    services.change_status(participant, S.ACTIVE, actor=participant.consultant)
    assert (participant.status, participant.outcome) == (S.ACTIVE, None)


@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (S.ACTIVE, {S.PAUSED, S.ENDED}),
        (S.PAUSED, {S.ACTIVE, S.ENDED}),
        (S.PLACED, {S.ACTIVE, S.ENDED}),
        (S.ENDED, set()),
    ],
)
def test_the_own_consultant_moves_by_hand_but_never_to_placed(db, status, moves):
    participant = make_participant(status=status, outcome=Outcome.JOB if status is S.ENDED else None)
    allowed = {t for t in S if policies.can_change_participant_status(participant.consultant, participant, t)}
    assert allowed == moves


def test_only_a_consultant_can_hold_a_caseload(db):
    coordinator = factories.make_user(role=Role.COORDINATOR)
    participant = make_participant()
    with pytest.raises(FieldError):
        services.reassign_participant(participant, coordinator, actor=coordinator)
    details = services.ParticipantDetails(
        name="A", birth_year=1980, gender="woman", swedish_level=SwedishLevel.GOOD,
        hours_per_week_min=1, hours_per_week_max=2, available_from=date(2027, 1, 1),
        times_of_day=["daytime"], areas=["centrum"], travel=["walk"],
    )
    with pytest.raises(FieldError):
        services.register_participant(coordinator, details)


def test_the_service_refuses_codes_the_form_would_not_offer(db):
    consultant = factories.make_user(role=Role.CONSULTANT)
    base = {
        "name": "A", "birth_year": 1980, "gender": "woman", "swedish_level": SwedishLevel.GOOD,
        "hours_per_week_min": 1, "hours_per_week_max": 2, "available_from": date(2027, 1, 1),
        "times_of_day": ["daytime"], "areas": ["centrum"], "travel": ["walk"],
    }
    for field, value in [("areas", ["atlantis"]), ("needs", ["a_diagnosis"]), ("tasks_done", ["x-nothing"]),
                         ("industries", ["Z"]), ("other_languages", ["xx"]), ("travel", ["rocket"])]:
        with pytest.raises(FieldError) as error:
            services.register_participant(consultant, services.ParticipantDetails(**{**base, field: value}))
        assert error.value.field == field


def test_participant_profile_maps_the_record_to_what_matching_reads(db):
    participant = make_participant(
        swedish_level=SwedishLevel.EVERYDAY,
        other_languages=["so", "ar"],
        tasks_done=["i-wash-dishes"],
        tasks_done_other=["Baka bröd"],
        tasks_wanted=["g-restock-shelves"],
        tasks_wanted_other=[],
        industries=["I", "G"],
        hours_per_week_min=8,
        hours_per_week_max=16,
        times_of_day=["morning", "weekend"],
        available_from=date(2027, 2, 1),
        areas=["centrum", "hamnen"],
        travel=["bike"],
        driving_licence=True,
        needs=["no_heavy_lifting", "instructions_pictures"],
        birth_year=1979,
    )

    profile = participant_profile(participant)

    assert profile == ParticipantProfile(
        participant_id=participant.id,
        swedish_level=SwedishLevel.EVERYDAY,
        other_languages=frozenset({"so", "ar"}),
        tasks_done=frozenset({"i-wash-dishes", "Baka bröd"}),
        tasks_wanted=frozenset({"g-restock-shelves"}),
        families_done=frozenset({"dishwashing_kitchen"}),  # the example's, and "Baka" points at baking
        families_wanted=frozenset({"shelf_filling"}),
        industries_of_interest=frozenset({"I", "G"}),
        hours_per_week_min=8,
        hours_per_week_max=16,
        times_of_day=frozenset({TimeOfDay.MORNING, TimeOfDay.WEEKEND}),
        available_from=date(2027, 2, 1),
        reachable_areas=frozenset({"centrum", "hamnen"}),
        travel=frozenset({Travel.BIKE}),
        has_driving_licence=True,
        needs=frozenset({Need.NO_HEAVY_LIFTING, Need.INSTRUCTIONS_PICTURES}),
        gender="woman",
        birth_year=1979,
    )
    assert participant.name not in repr(profile) and participant.notes not in repr(profile)


def test_a_profile_feeds_the_matching_engine(db):
    from portal.matching.engine import match
    from tests.matching_factories import make_offer

    participant = make_participant()
    result = match(make_offer(), participant_profile(participant), today=date(2026, 1, 1))
    assert result.participant_id == participant.id


@pytest.mark.parametrize(
    ("age", "ok"), [(24, False), (25, True), (64, True), (65, False)]
)
def test_birth_year_rule(app, age, ok):
    with app.test_request_context():
        assert (birth_year_problem(2026 - age, 2026) is None) is ok


def test_a_birth_year_in_the_future_asks_for_a_real_year(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):
        assert "Enter the year" in birth_year_problem(2030, 2026)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("811228-9874", True),
        ("född 19811228-9874 i Kabul", True),
        ("8112289874", True),
        ("811228 9874", True),
        ("ring 070-1234567", False),
        ("811228-9873", False),  # the check digit is wrong
        ("Jobbade 2019-2021 på lager", False),
        ("", False),
    ],
)
def test_personnummer_detection(text, found):
    assert looks_like_personnummer(text) is found


def test_free_task_names_are_split_tidied_and_deduplicated():
    assert split_free_names(" Baka bröd\nstäda,  trappor ; Baka BRÖD\n\n") == ["Baka bröd", "städa", "trappor"]


def test_the_areas_file_names_a_handful_of_areas_with_unique_codes():
    areas = load_areas()
    assert 5 <= len(areas) <= 15
    assert all(is_area(a.code) and area_name(a.code) == a.name for a in areas)
    assert area_name("gone") == "gone"
