"""Meeting use cases: request, propose, confirm, choose, decline, move, cancel, lapse, remind.

The guarantee: two requested or confirmed meetings of one consultant never overlap. The check
and the write happen in one write transaction (SQLite: BEGIN IMMEDIATE, so a second booking
waits for the first to commit); on PostgreSQL the exclusion constraint `meeting_no_overlap`
refuses the loser of a race, which is turned into the same field error. Services flush; routes commit.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import User
from portal.bookings import invitations, queries, slots
from portal.bookings.models import Meeting, MeetingProposal
from portal.bookings.services import blocked_dates, booking_settings_for
from portal.bookings.states import (
    MEETING_TRANSITIONS,
    OPEN_STATES,
    LocationKind,
    MeetingKind,
    MeetingState,
)
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.interest.models import Interest
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence
from portal.workflow import transition

HOLD = timedelta(hours=48)
TAKEN = _l("Someone else booked that time just before you — choose another.")
CADENCE_DAYS = {FollowUpCadence.WEEKLY: 7, FollowUpCadence.BIWEEKLY: 14, FollowUpCadence.MONTHLY: 28}


class AlreadyDone(Exception):
    """The form was sent before (same idempotency key): the meeting it made is `meeting`."""

    def __init__(self, meeting: Meeting):
        super().__init__(f"meeting {meeting.id} already made by this form")
        self.meeting = meeting


# The write lock and the guarded write


def _lock_calendar() -> None:
    """On SQLite, make this transaction a write transaction now, so the check and the write are one.

    BEGIN IMMEDIATE takes SQLite's write lock; another booking waits (busy timeout) until this one
    commits and then sees its meeting. Only the request that books is affected. A transaction that
    has written already holds the lock. PostgreSQL needs nothing here: the exclusion constraint decides.
    """
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _check_key(key: str) -> None:
    existing = queries.meeting_by_key(key)
    if existing is not None:
        raise AlreadyDone(existing)


def _overlaps_busy(consultant: User, start: datetime, end: datetime, *, excluding: Meeting | None = None) -> bool:
    return any(s < end and start < e for s, e in queries.busy_intervals_for(consultant, excluding=excluding))


@contextmanager
def _guarded(field: str, key: str | None = None):
    """Write inside a savepoint; a lost race (exclusion constraint or the same key) becomes a clear answer.

    The savepoint is opened before the changes are made, because opening it flushes what is pending.
    """
    savepoint = db.session.begin_nested()
    try:
        yield
        db.session.flush()
    except IntegrityError as error:
        savepoint.rollback()
        if key is not None:
            existing = queries.meeting_by_key(key)
            if existing is not None:
                raise AlreadyDone(existing) from error
        raise FieldError(field, str(TAKEN)) from error
    savepoint.commit()


# Building a meeting


def _subject(interest: Interest | None, placement: Placement | None) -> dict:
    if interest is not None:
        return {
            "kind": MeetingKind.INTRODUCTION,
            "interest_id": interest.id,
            "organisation_id": interest.organisation_id,
            "consultant_id": interest.participant.consultant_id,
        }
    assert placement is not None
    return {
        "kind": MeetingKind.FOLLOW_UP,
        "placement_id": placement.id,
        "organisation_id": placement.organisation_id,
        "consultant_id": placement.consultant_id,
    }


def _new_meeting(actor: User, subject: dict, *, state: MeetingState, employer_contact: User, key: str, **values) -> Meeting:
    meeting = Meeting(
        **subject,
        state=state,
        employer_contact_id=employer_contact.id,
        requested_by_id=actor.id,
        ical_uid=f"{uuid.uuid4()}@brygga",
        sequence=0,
        idempotency_key=key,
        **values,
    )
    db.session.add(meeting)
    return meeting


def _slot_is_offered(consultant: User, start: datetime, end: datetime, at: datetime) -> bool:
    """True if the consultant's published times offer exactly this slot now."""
    q = queries
    settings = booking_settings_for(consultant)
    today = at.astimezone(slots.STOCKHOLM).date()
    windows = q.weekly_windows_of(consultant) + q.one_off_windows_of(consultant, from_day=today)
    return slots.is_slot_free(
        slots.Slot(start, end),
        weekly=[w.as_rule() for w in windows if w.is_weekly],
        one_off=[w.as_rule() for w in windows if not w.is_weekly],
        blocked=blocked_dates(q.blocked_days_of(consultant, from_day=today)),
        busy=queries.busy_intervals_for(consultant),
        settings=settings.as_rule(),
        now=at,
    )


# Use cases


def request_meeting(
    employer: User,
    *,
    interest: Interest | None = None,
    placement: Placement | None = None,
    starts_at: datetime,
    length_minutes: int,
    location_kind: LocationKind,
    location_details: str = "",
    with_supervisor: bool = True,
    with_participant: bool = True,
    key: str,
) -> Meeting:
    """The employer takes one of the consultant's free times; it is held for them 48 hours until the consultant answers."""
    subject = _subject(interest, placement)
    consultant = db.session.get(User, subject["consultant_id"])
    ends_at = starts_at + timedelta(minutes=length_minutes)
    _lock_calendar()
    _check_key(key)
    if not _slot_is_offered(consultant, starts_at, ends_at, now()) or _overlaps_busy(consultant, starts_at, ends_at):
        raise FieldError("slot", str(TAKEN))
    with _guarded("slot", key):
        meeting = _new_meeting(
            employer,
            subject,
            state=MeetingState.REQUESTED,
            employer_contact=employer,
            key=key,
            starts_at=starts_at,
            ends_at=ends_at,
            hold_expires_at=now() + HOLD,
            location_kind=location_kind,
            location_details=location_details.strip(),
            with_supervisor=with_supervisor,
            with_participant=with_participant,
        )
    _audit(meeting, "meeting.requested", employer)
    invitations.notify(meeting, "requested", invitations.consultant_side(meeting), actor=employer)
    return meeting


def propose_meeting(
    consultant: User,
    *,
    interest: Interest | None = None,
    placement: Placement | None = None,
    times: list[datetime],
    length_minutes: int,
    location_kind: LocationKind,
    location_details: str = "",
    employer_contact: User,
    with_supervisor: bool = True,
    with_participant: bool = True,
    key: str,
) -> Meeting:
    """The consultant proposes two or three times; the employer picks one (held for 48 hours)."""
    subject = _subject(interest, placement)
    if len(times) < 2:
        raise FieldError("time_2", _l("Propose at least two times."))
    seen = set()
    for n, start in enumerate(times, start=1):
        end = start + timedelta(minutes=length_minutes)
        if start <= now():
            raise FieldError(f"time_{n}", _l("The time has already passed. Choose a later time."))
        if start in seen:
            raise FieldError(f"time_{n}", _l("Propose different times."))
        seen.add(start)
        if _overlaps_busy(consultant, start, end):
            raise FieldError(f"time_{n}", _l("You already have a meeting then. Choose another time."))
    _check_key(key)
    with _guarded("time_1", key):
        meeting = _new_meeting(
            consultant,
            subject,
            state=MeetingState.PROPOSED,
            employer_contact=employer_contact,
            key=key,
            hold_expires_at=now() + HOLD,
            location_kind=location_kind,
            location_details=location_details.strip(),
            with_supervisor=with_supervisor,
            with_participant=with_participant,
        )
        for start in sorted(times):
            meeting.proposals.append(MeetingProposal(starts_at=start, ends_at=start + timedelta(minutes=length_minutes)))
    _audit(meeting, "meeting.proposed", consultant, times=[t.isoformat() for t in sorted(times)])
    invitations.notify(meeting, "proposed", invitations.employer_side(meeting)[:1], actor=consultant)
    return meeting


def confirm_request(meeting: Meeting, consultant: User) -> None:
    """The consultant confirms a requested time; everyone gets the calendar invitation."""
    transition(meeting, MeetingState.CONFIRMED, table=MEETING_TRANSITIONS, actor=consultant, attribute="state")
    meeting.hold_expires_at = None
    db.session.flush()
    invitations.notify(meeting, "confirmed", invitations.everyone(meeting), method="REQUEST", actor=consultant)


def choose_proposal(meeting: Meeting, employer: User, proposal_id: int) -> None:
    """The employer picks a proposed time; if it is still free the meeting is confirmed and everyone invited."""
    proposal = next((p for p in meeting.proposals if p.id == proposal_id), None)
    if proposal is None:
        raise FieldError("proposal", _l("Choose one of the times"))
    _lock_calendar()
    if proposal.starts_at <= now() or _overlaps_busy(meeting.consultant, proposal.starts_at, proposal.ends_at):
        raise FieldError("proposal", str(TAKEN))
    with _guarded("proposal"):
        meeting.starts_at, meeting.ends_at = proposal.starts_at, proposal.ends_at
        transition(meeting, MeetingState.CONFIRMED, table=MEETING_TRANSITIONS, actor=employer, attribute="state",
                   detail={"starts_at": proposal.starts_at.isoformat()})
        meeting.hold_expires_at = None
    invitations.notify(meeting, "confirmed", invitations.everyone(meeting), method="REQUEST", actor=employer)


def decline_meeting(meeting: Meeting, actor: User, reason: str = "") -> None:
    """The consultant declines a requested time, or the employer declines the proposed times."""
    meeting.last_reason = reason.strip()
    transition(meeting, MeetingState.DECLINED, table=MEETING_TRANSITIONS, actor=actor, attribute="state")
    db.session.flush()
    side = invitations.employer_side(meeting)[:1] if actor.id == meeting.consultant_id else invitations.consultant_side(meeting)
    invitations.notify(meeting, "declined", side, actor=actor)


def move_meeting(meeting: Meeting, actor: User, *, starts_at: datetime, length_minutes: int, reason: str) -> None:
    """Move a confirmed meeting: same meeting and UID, sequence + 1, a new invitation to everyone."""
    if meeting.state != MeetingState.CONFIRMED:
        raise FieldError("starts_on", _l("Only a confirmed meeting can be moved."))
    if not reason.strip():
        raise FieldError("reason", _l("Write a short reason"))
    ends_at = starts_at + timedelta(minutes=length_minutes)
    if starts_at <= now():
        raise FieldError("starts_on", _l("The time has already passed. Choose a later time."))
    _lock_calendar()
    if _overlaps_busy(meeting.consultant, starts_at, ends_at, excluding=meeting):
        raise FieldError("starts_on", str(TAKEN))
    before = meeting.starts_at
    with _guarded("starts_on"):
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
        meeting.sequence += 1
        meeting.last_reason = reason.strip()
        meeting.reminded_at = None
    _audit(meeting, "meeting.moved", actor, before=before.isoformat(), after=starts_at.isoformat(), reason=meeting.last_reason)
    invitations.notify(meeting, "moved", invitations.everyone(meeting), method="REQUEST", actor=actor)


def cancel_meeting(meeting: Meeting, actor: User, reason: str) -> None:
    """Cancel with a short reason; a confirmed meeting's cancellation reaches everyone's calendar (METHOD:CANCEL)."""
    if not reason.strip():
        raise FieldError("reason", _l("Write a short reason"))
    was_confirmed = meeting.state == MeetingState.CONFIRMED
    meeting.last_reason = reason.strip()
    transition(meeting, MeetingState.CANCELLED, table=MEETING_TRANSITIONS, actor=actor, attribute="state",
               detail={"reason": meeting.last_reason})
    if was_confirmed:
        meeting.sequence += 1
        db.session.flush()
        invitations.notify(meeting, "cancelled", invitations.everyone(meeting), method="CANCEL", actor=actor)
    else:
        db.session.flush()
        invitations.notify(meeting, "cancelled", invitations.consultant_side(meeting) + invitations.employer_side(meeting)[:1], actor=actor)


def book_next_follow_up(previous: Meeting, consultant: User, *, starts_at: datetime, length_minutes: int, key: str) -> Meeting:
    """At a follow-up everyone agrees the next time: the consultant books it in one step, confirmed, same place and people."""
    if previous.kind != MeetingKind.FOLLOW_UP:
        raise FieldError("starts_on", _l("Only follow-ups have a next follow-up."))
    ends_at = starts_at + timedelta(minutes=length_minutes)
    if starts_at <= now():
        raise FieldError("starts_on", _l("The time has already passed. Choose a later time."))
    _lock_calendar()
    _check_key(key)
    if _overlaps_busy(consultant, starts_at, ends_at):
        raise FieldError("starts_on", str(TAKEN))
    with _guarded("starts_on", key):
        meeting = _new_meeting(
            consultant,
            _subject(None, previous.placement),
            state=MeetingState.CONFIRMED,
            employer_contact=previous.employer_contact,
            key=key,
            starts_at=starts_at,
            ends_at=ends_at,
            location_kind=previous.location_kind,
            location_details=previous.location_details,
            with_supervisor=previous.with_supervisor,
            with_participant=previous.with_participant,
        )
    _audit(meeting, "meeting.confirmed", consultant, next_after=previous.id)
    invitations.notify(meeting, "confirmed", invitations.everyone(meeting), method="REQUEST", actor=consultant)
    return meeting


def lapse_holds(at: datetime | None = None) -> int:
    """Requests and proposals nobody answered within 48 hours lapse; both sides are told. Returns how many."""
    at = at or now()
    stale = db.session.scalars(
        select(Meeting).where(Meeting.state.in_(OPEN_STATES), Meeting.hold_expires_at <= at)
    ).all()
    for meeting in stale:
        transition(meeting, MeetingState.LAPSED, table=MEETING_TRANSITIONS, attribute="state")
        db.session.flush()
        invitations.notify(meeting, "lapsed", invitations.consultant_side(meeting) + invitations.employer_side(meeting)[:1])
    return len(stale)


def send_reminders(at: datetime | None = None) -> int:
    """A reminder the day before (Stockholm date) for each confirmed meeting, once: reminded_at records it."""
    at = at or now()
    tomorrow = at.astimezone(slots.STOCKHOLM).date() + timedelta(days=1)
    first = datetime.combine(tomorrow, datetime.min.time(), slots.STOCKHOLM)
    last = datetime.combine(tomorrow + timedelta(days=1), datetime.min.time(), slots.STOCKHOLM)
    due = db.session.scalars(
        select(Meeting).where(
            Meeting.state == MeetingState.CONFIRMED,
            Meeting.reminded_at.is_(None),
            Meeting.starts_at >= first,
            Meeting.starts_at < last,
        )
    ).all()
    for meeting in due:
        meeting.reminded_at = at
        invitations.notify(meeting, "reminder", invitations.everyone(meeting))
    db.session.flush()
    return len(due)


def next_follow_up_due(placement: Placement, follow_ups: list[Meeting], today) -> tuple:
    """When the next follow-up is due by the placement's cadence, and whether it is overdue.

    Due = the last confirmed follow-up's date (or the placement's start) + the cadence. It is
    overdue when that day has passed and no confirmed follow-up is booked from today on.
    """
    step = timedelta(days=CADENCE_DAYS[placement.follow_up_cadence])
    held = [m for m in follow_ups if m.state == MeetingState.CONFIRMED and m.starts_at is not None]
    past = [m.starts_at.astimezone(slots.STOCKHOLM).date() for m in held if m.starts_at.astimezone(slots.STOCKHOLM).date() < today]
    upcoming = [m for m in held if m.starts_at.astimezone(slots.STOCKHOLM).date() >= today]
    due = (max(past) if past else placement.start_date) + step
    return due, (due < today and not upcoming), (upcoming[0] if upcoming else None)


def _audit(meeting: Meeting, action: str, actor: User | None, **detail) -> None:
    from portal.audit.services import record_event

    record_event(action, meeting, actor=actor, detail={"kind": meeting.kind.value, **detail})
