"""Meetings: the states a booked time goes through, and the one table of allowed moves."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class MeetingState(enum.StrEnum):
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


# States whose time is taken in the consultant's calendar (the PostgreSQL exclusion constraint
# lists the same two). A proposed meeting holds none of its times: the first pick wins.
HOLDING_STATES = (MeetingState.REQUESTED, MeetingState.CONFIRMED)
OPEN_STATES = (MeetingState.REQUESTED, MeetingState.PROPOSED)

# A move is not a transition: it keeps the meeting confirmed and raises its sequence.
MEETING_TRANSITIONS = TransitionTable(
    "meeting",
    {
        MeetingState.REQUESTED: {
            MeetingState.CONFIRMED,
            MeetingState.DECLINED,
            MeetingState.LAPSED,
            MeetingState.CANCELLED,
        },
        MeetingState.PROPOSED: {
            MeetingState.CONFIRMED,
            MeetingState.DECLINED,
            MeetingState.LAPSED,
            MeetingState.CANCELLED,
        },
        MeetingState.CONFIRMED: {MeetingState.CANCELLED},
    },
)
