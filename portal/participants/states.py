"""A participant's status in the programme and the allowed moves."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class ParticipantStatus(enum.StrEnum):
    ACTIVE = "active"  # looking for a placement, shown to matching
    PAUSED = "paused"  # on hold (illness, parental leave, a course); not matched
    PLACED = "placed"  # in a placement; set by placements, not by hand
    ENDED = "ended"  # left the programme, with an outcome


class Outcome(enum.StrEnum):
    """Why participation ended: what the project reports."""

    JOB = "job"
    STUDIES = "studies"
    OTHER = "other"


PARTICIPANT_TRANSITIONS = TransitionTable(
    "participant",
    {
        ParticipantStatus.ACTIVE: {ParticipantStatus.PAUSED, ParticipantStatus.PLACED, ParticipantStatus.ENDED},
        ParticipantStatus.PAUSED: {ParticipantStatus.ACTIVE, ParticipantStatus.ENDED},
        # A placement that stops early sends the person back to looking; one that leads on ends.
        ParticipantStatus.PLACED: {ParticipantStatus.ACTIVE, ParticipantStatus.ENDED},
        # Ended is final: someone who comes back is registered again, with today's consent.
    },
)

# The moves a consultant makes by hand; PLACED belongs to placements.
MANUAL_TARGETS = frozenset({ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED, ParticipantStatus.ENDED})
