"""Meeting use cases: request, propose, confirm, choose, decline, move, cancel, lapse, remind.

The guarantee: two requested or confirmed meetings of one consultant never overlap. The check
and the write happen in one write transaction (SQLite: BEGIN IMMEDIATE, so a second booking
waits for the first to commit); on PostgreSQL the exclusion constraint `meeting_no_overlap`
refuses the loser of a race, which is turned into the same field error. Services flush; the request
commits (portal/web/unit_of_work.py). Status changes go through the named events of MEETING_MACHINE.
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, OperationalError

from portal.accounts.models import User
from portal.audit.services import record_event, record_view
from portal.availability import slots
from portal.availability.services import free_slots_for, is_slot_offered
from portal.clock import now, today_in_stockholm
from portal.employers.queries import active_members
from portal.errors import FieldError
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.services import consent_in_force
from portal.meetings import invitations, queries
from portal.meetings.models import Meeting, MeetingProposal
from portal.meetings.states import (
    BOOKED_STATUSES,
    MEETING_MACHINE,
    OPEN_STATUSES,
    LocationKind,
    MeetingKind,
    MeetingStatus,
)
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence

HOLD = timedelta(hours=48)
MAX_SLOTS_SHOWN = 60
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
    except OperationalError as error:
        # Concurrent inserts that conflict on the exclusion constraint can deadlock on PostgreSQL;
        # the one it aborts lost the race like any other loser.
        if getattr(error.orig, "sqlstate", None) != "40P01":
            raise
        savepoint.rollback()
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


def _new_meeting(actor: User, subject: dict, *, status: MeetingStatus, employer_contact: User, key: str, **values) -> Meeting:
    meeting = Meeting(
        **subject,
        status=status,
        employer_contact_id=employer_contact.id,
        requested_by_id=actor.id,
        ical_uid=f"{uuid.uuid4()}@brygga",
        sequence=0,
        idempotency_key=key,
        **values,
    )
    db.session.add(meeting)
    return meeting


# What the booking pages offer


def times_to_offer(consultant: User, length_minutes: int, *, keep: str | None = None) -> list[str]:
    """The consultant's free times of one length (at most MAX_SLOTS_SHOWN), as ISO instants.

    A time sent with the form (`keep`) stays a choice even when it is no longer free, so the
    form passes and the booking answers "taken" beside it, with the rest of the answers kept.
    A value that is no time at all is not kept: the form says "choose a time".
    """
    free = free_slots_for(consultant, length_minutes, now(), queries.busy_intervals_for(consultant))
    offered = [slot.start_utc.isoformat() for slot in free[:MAX_SLOTS_SHOWN]]
    if keep and keep not in offered and _is_instant(keep):
        offered = sorted([*offered, keep])
    return offered


def _is_instant(value: str) -> bool:
    try:
        chosen_time(value)
    except FieldError:
        return False
    return True


def chosen_time(value: str) -> datetime:
    """The instant a free-time choice stands for; anything else is not one of the times."""
    try:
        moment = datetime.fromisoformat(value)
        # A time of this century, in a real time zone: 9999-12-31 or a 23-hour offset is not a free time.
        usable = moment.tzinfo is not None and abs(moment.utcoffset()) <= timedelta(hours=14) and 2000 <= moment.year <= 2200
    except (ValueError, TypeError, OverflowError):
        usable = False
    if not usable:
        raise FieldError("slot", str(_l("Choose a time")))
    return moment


def employer_contacts(interest: Interest | None = None, placement: Placement | None = None) -> list[User]:
    """Who at the employer can be the meeting's contact: the organisation's active users, by name."""
    organisation = (interest or placement).offer.organisation
    return sorted(active_members(organisation), key=lambda user: user.name)


# What an introduction needs before a time is held for it


def _check_introduction(interest: Interest | None, field: str, *, by_employer: bool) -> None:
    """Consent in force, no other introduction booked or waiting, and (for an employer) room under the cap.

    Each introduction holds a consultant's time for 48 hours and mails the consultant, so one
    organisation may have at most OPEN_INTRODUCTIONS_PER_ORGANISATION waiting for an answer.
    """
    if interest is None:
        return
    if consent_in_force(interest) is None:
        raise FieldError(field, str(_l("The participant's consent is no longer in force, so no introduction can be booked.")))
    booked = select(Meeting.id).where(Meeting.interest_id == interest.id, Meeting.status.in_(BOOKED_STATUSES))
    if db.session.scalar(booked.limit(1)) is not None:
        raise FieldError(field, str(_l("An introduction with this candidate is already booked or waiting for an answer. You find it under Meetings.")))
    if not by_employer:
        return
    cap = current_app.config["OPEN_INTRODUCTIONS_PER_ORGANISATION"]
    waiting = select(Meeting.id).where(
        Meeting.organisation_id == interest.organisation_id,
        Meeting.kind == MeetingKind.INTRODUCTION,
        Meeting.status.in_(OPEN_STATUSES),
    )
    if len(db.session.scalars(waiting.limit(cap)).all()) >= cap:
        raise FieldError(
            field,
            str(_l("Your organisation already has %(count)s introductions waiting for a consultant's answer. Ask for more when they have answered.", count=cap)),
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
    _check_introduction(interest, "slot", by_employer=True)
    busy = queries.busy_intervals_for(consultant)
    if not is_slot_offered(consultant, slots.Slot(starts_at, ends_at), now(), busy) or _overlaps_busy(consultant, starts_at, ends_at):
        raise FieldError("slot", str(TAKEN))
    with _guarded("slot", key):
        meeting = _new_meeting(
            employer,
            subject,
            status=MeetingStatus.REQUESTED,
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
    _check_introduction(interest, "time_1", by_employer=False)
    with _guarded("time_1", key):
        meeting = _new_meeting(
            consultant,
            subject,
            status=MeetingStatus.PROPOSED,
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
    MEETING_MACHINE.fire("confirm", meeting, actor=consultant)
    meeting.hold_expires_at = None
    db.session.flush()
    invitations.notify(meeting, "confirmed", invitations.everyone(meeting), method="REQUEST", actor=consultant)


def choose_proposal(meeting: Meeting, employer: User, proposal_id: int) -> Meeting:
    """The employer picks a proposed time; if it is still free the meeting is confirmed and everyone invited."""
    proposal = next((p for p in meeting.proposals if p.id == proposal_id), None)
    if proposal is None:
        raise FieldError("proposal", _l("Choose one of the times"))
    _lock_calendar()
    if proposal.starts_at <= now() or _overlaps_busy(meeting.consultant, proposal.starts_at, proposal.ends_at):
        raise FieldError("proposal", str(TAKEN))
    with _guarded("proposal"):
        meeting.starts_at, meeting.ends_at = proposal.starts_at, proposal.ends_at
        MEETING_MACHINE.fire("choose", meeting, actor=employer, detail={"starts_at": proposal.starts_at.isoformat()})
        meeting.hold_expires_at = None
    invitations.notify(meeting, "confirmed", invitations.everyone(meeting), method="REQUEST", actor=employer)
    return meeting


def decline_meeting(meeting: Meeting, actor: User, reason: str = "") -> None:
    """The consultant declines a requested time, or the employer declines the proposed times."""
    meeting.last_reason = reason.strip()
    MEETING_MACHINE.fire("decline", meeting, actor=actor)
    db.session.flush()
    side = invitations.employer_side(meeting)[:1] if actor.id == meeting.consultant_id else invitations.consultant_side(meeting)
    invitations.notify(meeting, "declined", side, actor=actor)


def move_meeting(meeting: Meeting, actor: User, *, starts_at: datetime, length_minutes: int, reason: str) -> Meeting:
    """Move a confirmed meeting: same meeting and UID, sequence + 1, a new invitation to everyone."""
    if meeting.status != MeetingStatus.CONFIRMED:
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
    return meeting


def cancel_meeting(meeting: Meeting, actor: User, reason: str) -> Meeting:
    """Cancel with a short reason; a confirmed meeting's cancellation reaches everyone's calendar (METHOD:CANCEL)."""
    if not reason.strip():
        raise FieldError("reason", _l("Write a short reason"))
    was_confirmed = meeting.status == MeetingStatus.CONFIRMED
    meeting.last_reason = reason.strip()
    MEETING_MACHINE.fire("cancel", meeting, actor=actor, detail={"reason": meeting.last_reason})
    if was_confirmed:
        meeting.sequence += 1
        db.session.flush()
        invitations.notify(meeting, "cancelled", invitations.everyone(meeting), method="CANCEL", actor=actor)
    else:
        db.session.flush()
        invitations.notify(meeting, "cancelled", invitations.consultant_side(meeting) + invitations.employer_side(meeting)[:1], actor=actor)
    return meeting


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
            status=MeetingStatus.CONFIRMED,
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
        select(Meeting).where(Meeting.status.in_(OPEN_STATUSES), Meeting.hold_expires_at <= at)
    ).all()
    for meeting in stale:
        MEETING_MACHINE.fire("lapse", meeting)
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
            Meeting.status == MeetingStatus.CONFIRMED,
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
    held = [m for m in follow_ups if m.status == MeetingStatus.CONFIRMED and m.starts_at is not None]
    past = [m.starts_at.astimezone(slots.STOCKHOLM).date() for m in held if m.starts_at.astimezone(slots.STOCKHOLM).date() < today]
    upcoming = [m for m in held if m.starts_at.astimezone(slots.STOCKHOLM).date() >= today]
    due = (max(past) if past else placement.start_date) + step
    return due, (due < today and not upcoming), (upcoming[0] if upcoming else None)


def length_of(meeting: Meeting) -> int:
    """The meeting's length in minutes."""
    return int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)


def next_follow_up_suggestion(meeting: Meeting) -> datetime:
    """The time the next follow-up form offers first: when it is due, at the same time of day, and after this one."""
    due, _overdue, _upcoming = next_follow_up_due(meeting.placement, queries.follow_ups_of(meeting.placement), today_in_stockholm())
    local = meeting.starts_at.astimezone(slots.STOCKHOLM)
    return datetime.combine(max(due, local.date() + timedelta(days=1)), local.time().replace(tzinfo=None), slots.STOCKHOLM)


# The week view


@dataclass(frozen=True)
class Week:
    monday: date
    days: list[tuple[date, list[Meeting]]]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)


def week_of(user: User, asked: date | None) -> Week:
    """The week asked for (any day of it; this week if none), day by day."""
    day = asked or today_in_stockholm()
    monday = day - timedelta(days=day.weekday())
    first = datetime.combine(monday, datetime.min.time(), slots.STOCKHOLM)
    days: list[tuple[date, list[Meeting]]] = [(monday + timedelta(days=n), []) for n in range(7)]
    for meeting in queries.meetings_starting_between(user, first, first + timedelta(days=7)):
        days[(meeting.starts_at.astimezone(slots.STOCKHOLM).date() - monday).days][1].append(meeting)
    return Week(monday, days)


def follow_up_overview(user: User) -> list[tuple]:
    """Each running placement with when its next follow-up is due, whether that is overdue, and the next one booked."""
    today = today_in_stockholm()
    return [
        (placement, *next_follow_up_due(placement, queries.follow_ups_of(placement), today))
        for placement in queries.placements_of(user)
    ]


def record_meeting_view(meeting: Meeting, *, actor: User) -> None:
    """One row for a meeting's page: it is about one participant, and a follow-up's shows their record."""
    record_view("meeting.viewed", meeting, participant_ids=[meeting.participant.id], actor=actor, kind=meeting.kind.value)


def _audit(meeting: Meeting, action: str, actor: User | None, **detail) -> None:
    record_event(action, meeting, actor=actor, detail={"kind": meeting.kind.value, **detail})
