"""Meetings: the statuses a booked time goes through, and the named moves between them with who may make each."""

from __future__ import annotations

import enum

from portal.accounts.models import Role
from portal.clock import now
from portal.workflow import Event, StateMachine


class MeetingStatus(enum.StrEnum):
    REQUESTED = "requested"  # the employer picked a free time; held for them until the consultant answers
    PROPOSED = "proposed"  # the consultant offered two or three times; the employer picks one
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    LAPSED = "lapsed"  # nobody answered within the hold


class MeetingKind(enum.StrEnum):
    INTRODUCTION = "introduction"
    FOLLOW_UP = "follow_up"


class LocationKind(enum.StrEnum):
    WORKPLACE = "workplace"
    PHONE = "phone"
    VIDEO = "video"


# Statuses whose time is taken in the consultant's calendar (the PostgreSQL exclusion constraint
# lists the same two). A proposed meeting holds none of its times: the first pick wins.
HOLDING_STATUSES = frozenset({MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED})
# Waiting for an answer: the "waiting" list, and the "answer by" line of a meeting's page.
OPEN_STATUSES = frozenset({MeetingStatus.REQUESTED, MeetingStatus.PROPOSED})
# An introduction in one of these is booked: it is no longer "to book".
BOOKED_STATUSES = OPEN_STATUSES | {MeetingStatus.CONFIRMED}
# What the week view shows on its days, and what the calendar feed lists.
WEEK_VIEW_STATUSES = frozenset({MeetingStatus.REQUESTED, MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED})
FEED_STATUSES = frozenset({MeetingStatus.CONFIRMED, MeetingStatus.CANCELLED})


# Who the actor is to a meeting. Records reach these through scoped queries already; the guards
# say which side of the meeting may make the move.


def is_meetings_consultant(meeting, actor) -> bool:
    return bool(
        actor is not None and actor.is_authenticated and actor.role == Role.CONSULTANT and actor.id == meeting.consultant_id
    )


def is_meetings_employer(meeting, actor) -> bool:
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.role == Role.EMPLOYER
        and actor.organisation_id == meeting.organisation_id
    )


def takes_part(meeting, actor) -> bool:
    return is_meetings_consultant(meeting, actor) or is_meetings_employer(meeting, actor)


def not_started(meeting) -> bool:
    return meeting.starts_at is None or meeting.starts_at > now()


def _answering_side(meeting, actor) -> bool:
    """A request is answered by the consultant, proposed times by the employer."""
    if meeting.status == MeetingStatus.REQUESTED:
        return is_meetings_consultant(meeting, actor)
    return is_meetings_employer(meeting, actor)


def may_move(meeting, actor) -> bool:
    """A move is not a transition (the meeting stays confirmed, its sequence rises): either side, before it starts."""
    return meeting.status == MeetingStatus.CONFIRMED and meeting.starts_at is not None and not_started(meeting) and takes_part(meeting, actor)


MEETING_MACHINE = StateMachine(
    "meeting",
    [
        Event(
            "confirm", {MeetingStatus.REQUESTED}, MeetingStatus.CONFIRMED,
            guard=is_meetings_consultant, moved_by="the meeting's consultant",
        ),
        Event(
            "choose", {MeetingStatus.PROPOSED}, MeetingStatus.CONFIRMED,
            guard=is_meetings_employer, moved_by="an employer user of the meeting's organisation",
        ),
        Event(
            "decline", OPEN_STATUSES, MeetingStatus.DECLINED,
            guard=_answering_side, moved_by="the side that was asked: the consultant a request, the employer proposed times",
        ),
        Event(
            "cancel", BOOKED_STATUSES, MeetingStatus.CANCELLED,
            guard=lambda meeting, actor: not_started(meeting) and takes_part(meeting, actor),
            moved_by="either side, before the meeting starts",
        ),
        Event(
            # No guard: `lapse_holds(at)` picks the meetings whose hold ended by `at`.
            "lapse", OPEN_STATUSES, MeetingStatus.LAPSED,
            moved_by="`flask bookings remind`, once the 48-hour hold is over",
        ),
    ],
)
