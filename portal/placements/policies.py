"""Who may do what with placements. Seeing is decided by the scoped queries."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.placements.models import Placement
from portal.placements.states import PLACEMENT_TRANSITIONS, PlacementStatus


def can_record_placement(user: User) -> bool:
    """Consultants record placements of their own participants."""
    return user.role == Role.CONSULTANT


def can_change_placement_status(user: User, placement: Placement) -> bool:
    """The placement's own consultant starts and ends it, while it is not over."""
    return (
        user.role == Role.CONSULTANT
        and placement.consultant_id == user.id
        and PLACEMENT_TRANSITIONS.allows(placement.status, PlacementStatus.ENDED)
    )


def shows_participant_details(user: User) -> bool:
    """Staff see the participant; an employer sees only a first name, and only with consent in force."""
    return user.role in (Role.CONSULTANT, Role.COORDINATOR)


def can_move(placement: Placement, target: PlacementStatus) -> bool:
    return PLACEMENT_TRANSITIONS.allows(placement.status, target)
