"""Who may do what with a participant. Seeing is decided by the scoped query; these decide acting."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.participants.models import Participant
from portal.participants.states import (
    MANUAL_MOVES,
    PARTICIPANT_MACHINE,
    ParticipantStatus,
)


def can_register_participant(user: User) -> bool:
    """Consultants register their own participants."""
    return user.role == Role.CONSULTANT


def can_see_every_caseload(user: User) -> bool:
    """The coordinator sees every consultant's participants and can filter by consultant."""
    return user.role == Role.COORDINATOR


def can_edit_participant(user: User, participant: Participant) -> bool:
    """Only the participant's own consultant changes the details."""
    return user.role == Role.CONSULTANT and participant.consultant_id == user.id


def can_change_participant_status(user: User, participant: Participant, target: ParticipantStatus) -> bool:
    """The own consultant pauses, resumes and ends; PLACED is left to placements."""
    move = MANUAL_MOVES.get(target)
    return move is not None and PARTICIPANT_MACHINE.can(move, participant, user)


def can_reassign_participant(user: User, participant: Participant) -> bool:
    """The coordinator moves participants between consultants, while they are in the programme."""
    return user.role == Role.COORDINATOR and participant.status != ParticipantStatus.ENDED


def can_place_participant(user: User, participant: Participant) -> bool:
    """The own consultant records a placement while the participant is looking for one (active)."""
    return can_edit_participant(user, participant) and participant.status == ParticipantStatus.ACTIVE


def can_erase_participant(user: User, participant: Participant) -> bool:
    """The coordinator erases a participant's data on their request (GDPR art. 17), once no hold
    applies (portal/privacy/holds.py); the consultant asks the coordinator, so no one erases alone."""
    return user.role == Role.COORDINATOR
