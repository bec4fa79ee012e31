"""A participant's status in the programme and the allowed moves."""

from __future__ import annotations

import enum

from portal.accounts.models import Role
from portal.workflow import Event, StateMachine


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


def _by_own_consultant(participant, actor) -> bool:
    # Written here, beside the moves it guards: only the participant's own consultant makes them.
    return actor is not None and actor.role == Role.CONSULTANT and participant.consultant_id == actor.id


PARTICIPANT_MACHINE = StateMachine(
    "participant",
    [
        Event("pause", {ParticipantStatus.ACTIVE}, ParticipantStatus.PAUSED, guard=_by_own_consultant, moved_by="consultant"),
        # A placement that stops early sends the person back to looking (placements), or the consultant does.
        Event(
            "resume", {ParticipantStatus.PAUSED, ParticipantStatus.PLACED}, ParticipantStatus.ACTIVE,
            guard=_by_own_consultant, moved_by="consultant",
        ),
        # Ended is final: someone who comes back is registered again, with today's consent.
        Event(
            "end", {ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED, ParticipantStatus.PLACED}, ParticipantStatus.ENDED,
            guard=_by_own_consultant, moved_by="consultant",
        ),
        Event("place", {ParticipantStatus.ACTIVE}, ParticipantStatus.PLACED, moved_by="a placement is recorded"),
        Event("placement_over", {ParticipantStatus.PLACED}, ParticipantStatus.ACTIVE, moved_by="the last running placement ends"),
    ],
)
# The moves a consultant makes by hand, by the status they lead to; PLACED belongs to placements.
MANUAL_MOVES: dict[ParticipantStatus, str] = {
    ParticipantStatus.ACTIVE: "resume",
    ParticipantStatus.PAUSED: "pause",
    ParticipantStatus.ENDED: "end",
}
MANUAL_TARGETS = frozenset(MANUAL_MOVES)
