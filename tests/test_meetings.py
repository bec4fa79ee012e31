"""Meetings: the transition table, booking both ways, the never-double-booked guarantee, idempotency, holds, DST."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.errors import FieldError
from portal.meetings import queries
from portal.meetings import services as meetings
from portal.meetings.models import Meeting
from portal.meetings.states import MEETING_MACHINE, LocationKind, MeetingStatus
from portal.workflow import IllegalTransition, transition
from tests.factories import make_user, make_window
from tests.meeting_factories import (
    make_interest,
    make_meeting,
    make_placement,
    tuesday_window,
)

MONDAY = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)
TUESDAY_9 = datetime(2030, 1, 8, 8, 0, tzinfo=UTC)  # 09:00 in Stockholm (UTC+1)
TUESDAY_10 = datetime(2030, 1, 8, 9, 0, tzinfo=UTC)


@pytest.fixture
def monday(clock):
    clock.set(MONDAY)
    return clock


def _request(employer, interest, start=TUESDAY_9, key="k1", **kw):
    return meetings.request_meeting(
        employer, interest=interest, starts_at=start, length_minutes=60,
        location_kind=LocationKind.WORKPLACE, key=key, **kw,
    )


# The transition table

ALLOWED = [
    (MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED), (MeetingStatus.REQUESTED, MeetingStatus.DECLINED),
    (MeetingStatus.REQUESTED, MeetingStatus.LAPSED), (MeetingStatus.REQUESTED, MeetingStatus.CANCELLED),
    (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED), (MeetingStatus.PROPOSED, MeetingStatus.DECLINED),
    (MeetingStatus.PROPOSED, MeetingStatus.LAPSED), (MeetingStatus.PROPOSED, MeetingStatus.CANCELLED),
    (MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED),
]


@pytest.mark.parametrize("current,target", [(c, t) for c in MeetingStatus for t in MeetingStatus])
def test_the_transition_table_allows_exactly_these_moves(db, current, target):
    meeting = Meeting(status=current)
    meeting.id = 1
    if (current, target) in ALLOWED:
        transition(meeting, target, table=MEETING_MACHINE)
        assert meeting.status == target
    else:
        with pytest.raises(IllegalTransition):
            transition(meeting, target, table=MEETING_MACHINE)


# The named events: which move, from where, and who may make it

EVENTS = {
    "confirm": ({MeetingStatus.REQUESTED}, MeetingStatus.CONFIRMED),
    "choose": ({MeetingStatus.PROPOSED}, MeetingStatus.CONFIRMED),
    "decline": ({MeetingStatus.REQUESTED, MeetingStatus.PROPOSED}, MeetingStatus.DECLINED),
    "cancel": ({MeetingStatus.REQUESTED, MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED}, MeetingStatus.CANCELLED),
    "lapse": ({MeetingStatus.REQUESTED, MeetingStatus.PROPOSED}, MeetingStatus.LAPSED),
}


def test_the_machine_has_exactly_these_events_and_they_make_the_table():
    assert {name: (set(e.sources), e.target) for name, e in MEETING_MACHINE.events.items()} == EVENTS
    assert sorted((c, t) for c in MEETING_MACHINE for t in MEETING_MACHINE[c]) == sorted(ALLOWED)


# Who may make each move, by status: the meeting's consultant, an employer user of its
# organisation, and an employer user of another organisation (never).
WHO_MAY = {
    (MeetingStatus.REQUESTED, "confirm"): {"consultant"},
    (MeetingStatus.REQUESTED, "decline"): {"consultant"},
    (MeetingStatus.REQUESTED, "cancel"): {"consultant", "employer"},
    (MeetingStatus.PROPOSED, "choose"): {"employer"},
    (MeetingStatus.PROPOSED, "decline"): {"employer"},
    (MeetingStatus.PROPOSED, "cancel"): {"consultant", "employer"},
    (MeetingStatus.CONFIRMED, "cancel"): {"consultant", "employer"},
}


@pytest.mark.parametrize("status", [s for s in MeetingStatus])
def test_each_move_is_made_only_by_its_side_before_the_meeting_starts(db, monday, status):
    interest = make_interest()
    meeting = make_meeting(interest=interest, status=status, starts_at=TUESDAY_9)
    people = {"consultant": meeting.consultant, "employer": interest.employer_user, "stranger": make_user(role=Role.EMPLOYER)}
    for event in ("confirm", "choose", "decline", "cancel"):
        allowed = {who for who, user in people.items() if MEETING_MACHINE.can(event, meeting, user)}
        assert allowed == WHO_MAY.get((status, event), set()), event
    meeting.starts_at, meeting.ends_at = MONDAY - timedelta(hours=1), MONDAY
    assert not any(MEETING_MACHINE.can("cancel", meeting, user) for user in people.values())


def test_a_refused_move_changes_nothing(db, monday):
    interest = make_interest()
    meeting = make_meeting(interest=interest, status=MeetingStatus.REQUESTED, starts_at=TUESDAY_9)
    with pytest.raises(IllegalTransition):
        MEETING_MACHINE.fire("confirm", meeting, actor=interest.employer_user)  # the consultant confirms, not the employer
    assert meeting.status == MeetingStatus.REQUESTED


# Booking by the employer


def test_an_employer_requests_a_free_time_and_it_is_held_48_hours(db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    meeting = _request(interest.employer_user, interest)
    assert meeting.status == MeetingStatus.REQUESTED
    assert meeting.hold_expires_at == MONDAY + timedelta(hours=48) or abs(meeting.hold_expires_at - (MONDAY + timedelta(hours=48))) < timedelta(seconds=5)
    assert queries.busy_intervals_for(meeting.consultant) == [(TUESDAY_9, TUESDAY_10)]
    # The held time is no longer offered.
    from portal.availability.services import free_slots_for

    busy = queries.busy_intervals_for(meeting.consultant)
    assert all(slot.start_utc != TUESDAY_9 for slot in free_slots_for(meeting.consultant, 60, MONDAY, busy))


def test_a_time_the_consultant_does_not_offer_is_refused(db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    with pytest.raises(FieldError) as error:
        _request(interest.employer_user, interest, start=TUESDAY_9 + timedelta(hours=5))
    assert error.value.field == "slot"


def test_a_taken_time_is_refused_with_the_clear_message(db, monday):
    interest = make_interest()
    other = make_interest(consultant=interest.participant.consultant)
    tuesday_window(interest.participant.consultant)
    _request(interest.employer_user, interest, key="a")
    with pytest.raises(FieldError) as error:
        _request(other.employer_user, other, key="b")
    assert "Den tiden hann någon annan boka" in error.value.message


def test_the_same_form_sent_twice_makes_one_meeting(db, monday):
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    first = _request(interest.employer_user, interest, key="same")
    with pytest.raises(meetings.AlreadyDone) as done:
        _request(interest.employer_user, interest, key="same")
    assert done.value.meeting.id == first.id
    assert db.session.scalar(select(func.count()).select_from(Meeting)) == 1


def test_confirm_and_decline_are_transitions_with_audit(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    tuesday_window(consultant)
    meeting = _request(interest.employer_user, interest)
    meetings.confirm_request(meeting, consultant)
    assert meeting.status == MeetingStatus.CONFIRMED and meeting.hold_expires_at is None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "meeting.confirmed")) is not None
    with pytest.raises(IllegalTransition):
        meetings.decline_meeting(meeting, consultant)


def test_a_declined_request_frees_the_time(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    tuesday_window(consultant)
    meeting = _request(interest.employer_user, interest)
    meetings.decline_meeting(meeting, consultant, "Sjuk")
    assert meeting.status == MeetingStatus.DECLINED
    assert queries.busy_intervals_for(consultant) == []


# Proposals by the consultant


def test_the_consultant_proposes_times_and_the_employer_picks_one(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    times = [TUESDAY_9, TUESDAY_9 + timedelta(days=1), TUESDAY_9 + timedelta(days=2)]
    meeting = meetings.propose_meeting(
        consultant, interest=interest, times=times, length_minutes=45, location_kind=LocationKind.PHONE,
        location_details="070-111 22 33", employer_contact=interest.employer_user, key="p",
    )
    assert meeting.status == MeetingStatus.PROPOSED and len(meeting.proposals) == 3
    assert queries.busy_intervals_for(consultant) == []  # a proposal holds nothing
    meetings.choose_proposal(meeting, interest.employer_user, meeting.proposals[1].id)
    assert meeting.status == MeetingStatus.CONFIRMED
    assert meeting.starts_at == times[1] and meeting.ends_at == times[1] + timedelta(minutes=45)


def test_a_proposal_needs_two_times_in_the_future_and_free(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    args = {"interest": interest, "length_minutes": 60, "location_kind": LocationKind.PHONE, "employer_contact": interest.employer_user}
    with pytest.raises(FieldError) as error:
        meetings.propose_meeting(consultant, times=[TUESDAY_9], key="1", **args)
    assert error.value.field == "time_2"
    with pytest.raises(FieldError) as error:
        meetings.propose_meeting(consultant, times=[MONDAY - timedelta(hours=1), TUESDAY_9], key="2", **args)
    assert error.value.field == "time_1"
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_9)
    with pytest.raises(FieldError) as error:
        meetings.propose_meeting(consultant, times=[TUESDAY_10, TUESDAY_9 + timedelta(minutes=30)], key="3", **args)
    assert error.value.field == "time_2"


def test_a_proposed_time_taken_meanwhile_is_refused(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    meeting = meetings.propose_meeting(
        consultant, interest=interest, times=[TUESDAY_9, TUESDAY_10], length_minutes=60,
        location_kind=LocationKind.PHONE, employer_contact=interest.employer_user, key="p",
    )
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_9)
    with pytest.raises(FieldError) as error:
        meetings.choose_proposal(meeting, interest.employer_user, meeting.proposals[0].id)
    assert "Den tiden hann någon annan boka" in error.value.message
    assert meeting.status == MeetingStatus.PROPOSED


# Moving, cancelling, lapsing


def test_a_move_keeps_the_meeting_and_raises_the_sequence(db, monday):
    interest = make_interest()
    meeting = make_meeting(interest=interest)
    uid = meeting.ical_uid
    meetings.move_meeting(meeting, interest.employer_user, starts_at=TUESDAY_10 + timedelta(days=7), length_minutes=60, reason="Krock")
    assert (meeting.ical_uid, meeting.sequence, meeting.status) == (uid, 1, MeetingStatus.CONFIRMED)
    assert meeting.starts_at == TUESDAY_10 + timedelta(days=7)


def test_a_move_onto_another_meeting_is_refused_but_onto_itself_is_allowed(db, monday):
    interest = make_interest()
    consultant = interest.participant.consultant
    meeting = make_meeting(interest=interest, starts_at=TUESDAY_9)
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_10)
    with pytest.raises(FieldError):
        meetings.move_meeting(meeting, consultant, starts_at=TUESDAY_9 + timedelta(minutes=30), length_minutes=60, reason="x")
    meetings.move_meeting(meeting, consultant, starts_at=TUESDAY_9 - timedelta(minutes=30), length_minutes=60, reason="x")
    with pytest.raises(FieldError) as error:
        meetings.move_meeting(meeting, consultant, starts_at=TUESDAY_9, length_minutes=60, reason="  ")
    assert error.value.field == "reason"


def test_cancelling_needs_a_reason_and_raises_the_sequence_of_a_confirmed_meeting(db, monday):
    interest = make_interest()
    meeting = make_meeting(interest=interest)
    with pytest.raises(FieldError):
        meetings.cancel_meeting(meeting, interest.employer_user, "")
    meetings.cancel_meeting(meeting, interest.employer_user, "Sjuk")
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 1
    with pytest.raises(IllegalTransition):
        meetings.cancel_meeting(meeting, interest.employer_user, "igen")


def test_holds_lapse_after_48_hours(db, clock):
    clock.set(MONDAY)
    interest = make_interest()
    tuesday_window(interest.participant.consultant)
    meeting = _request(interest.employer_user, interest)
    assert meetings.lapse_holds(MONDAY + timedelta(hours=47)) == 0
    assert meetings.lapse_holds(MONDAY + timedelta(hours=49)) == 1
    assert meeting.status == MeetingStatus.LAPSED
    assert meetings.lapse_holds(MONDAY + timedelta(hours=50)) == 0


# Follow-ups


def test_next_follow_up_is_due_by_the_cadence_and_overdue_when_none_is_booked(db, monday):
    placement = make_placement()
    due, overdue, upcoming = meetings.next_follow_up_due(placement, [], MONDAY.date())
    assert due == placement.start_date + timedelta(days=14) and overdue and upcoming is None
    held = make_meeting(placement=placement, starts_at=datetime(2030, 1, 2, 9, tzinfo=UTC))
    due, overdue, _ = meetings.next_follow_up_due(placement, [held], MONDAY.date())
    assert due.isoformat() == "2030-01-16" and not overdue


def test_the_next_follow_up_is_booked_in_one_step(db, monday):
    placement = make_placement()
    previous = make_meeting(placement=placement, starts_at=MONDAY - timedelta(days=1))
    booked = meetings.book_next_follow_up(previous, placement.consultant, starts_at=TUESDAY_9 + timedelta(days=14), length_minutes=60, key="n")
    assert booked.status == MeetingStatus.CONFIRMED and booked.placement_id == placement.id
    assert booked.location_kind == previous.location_kind and booked.ical_uid != previous.ical_uid


# DST


def test_a_move_across_the_spring_change_keeps_the_stockholm_wall_clock(db, clock):
    from portal.meetings.forms import stockholm_instant

    clock.set(datetime(2030, 3, 25, 8, tzinfo=UTC))
    before = stockholm_instant(datetime(2030, 3, 29).date(), time(9), "t")  # Friday, winter time
    after = stockholm_instant(datetime(2030, 4, 1).date(), time(9), "t")  # Monday, summer time
    assert before.astimezone(UTC).hour == 8 and after.astimezone(UTC).hour == 7
    with pytest.raises(FieldError):
        stockholm_instant(datetime(2030, 3, 31).date(), time(2, 30), "t")  # the hour the clocks skip


def test_busy_intervals_ignore_declined_cancelled_lapsed_and_proposed(db, monday):
    consultant = make_user(role=Role.CONSULTANT)
    for n, state in enumerate((MeetingStatus.DECLINED, MeetingStatus.CANCELLED, MeetingStatus.LAPSED)):
        make_meeting(interest=make_interest(consultant=consultant), status=state, starts_at=TUESDAY_9)
    make_meeting(interest=make_interest(consultant=consultant), status=MeetingStatus.PROPOSED, starts_at=None, ends_at=None)
    assert queries.busy_intervals_for(consultant) == []


# The guarantee under concurrency


def test_many_simultaneous_bookings_of_one_time_make_exactly_one_meeting(app, db, monday):
    consultant = make_user(role=Role.CONSULTANT)
    make_window(consultant, weekday=1, start_time=time(9), end_time=time(12))
    # The settings row exists once a consultant has published times (its lazy creation is not what is raced here).
    from portal.availability.services import booking_settings_for

    booking_settings_for(consultant)
    interests = [make_interest(consultant=consultant) for _ in range(6)]
    db.session.commit()
    ids = [(i.id, i.employer_user_id) for i in interests]
    barrier = threading.Barrier(len(ids))
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(interest_id: int, employer_id: int, n: int) -> None:
        from portal.accounts.models import User
        from portal.extensions import db as thread_db
        from portal.interest.models import Interest

        with app.app_context():
            interest = thread_db.session.get(Interest, interest_id)
            employer = thread_db.session.get(User, employer_id)
            assert interest.participant.consultant is not None  # loaded before the race
            barrier.wait()
            try:
                _request(employer, interest, key=f"race-{n}")
                thread_db.session.commit()
                result = "won"
            except FieldError:
                thread_db.session.rollback()
                result = "taken"
            finally:
                thread_db.session.remove()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(i, e, n)) for n, (i, e) in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["taken"] * (len(ids) - 1) + ["won"]
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.consultant_id == consultant.id)) == 1


def test_postgresql_refuses_overlapping_held_meetings_by_itself(db, monday):
    from tests.conftest import BACKEND

    if BACKEND != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    from sqlalchemy.exc import IntegrityError

    consultant = make_user(role=Role.CONSULTANT)
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_9)
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_10)  # touching is fine
    make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_9, status=MeetingStatus.CANCELLED)
    with pytest.raises(IntegrityError):
        make_meeting(interest=make_interest(consultant=consultant), starts_at=TUESDAY_9 + timedelta(minutes=30))
