"""Who may do what with placements. Seeing is decided by the scoped queries.

Starting and ending are guarded in placements/states.py; these ask it. What an employer may
read of the person placed with them is decided here too.
"""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.placements.models import Placement
from portal.placements.states import EVENT_TO, PLACEMENT_MACHINE, PlacementStatus


def can_record_placement(user: User) -> bool:
    """Consultants record placements of their own participants."""
    return user.role == Role.CONSULTANT


def can_start_placement(user: User, placement: Placement) -> bool:
    """The placement's own consultant marks a planned placement as started."""
    return PLACEMENT_MACHINE.can("start", placement, user)


def can_end_placement(user: User, placement: Placement) -> bool:
    """The placement's own consultant ends it, while it is not over."""
    return PLACEMENT_MACHINE.can("end", placement, user)


def can_move_placement(user: User, placement: Placement, target: PlacementStatus) -> bool:
    """Whether the user may move the placement to `target` now (start or end it)."""
    event = EVENT_TO.get(target)
    return event is not None and PLACEMENT_MACHINE.can(event, placement, user)


def can_see_participant_details(user: User) -> bool:
    """Staff see the participant; an employer sees only a first name, and only with consent in force."""
    return user.role in (Role.CONSULTANT, Role.COORDINATOR)


def can_see_organisation_names(user: User) -> bool:
    """Staff lists name the employer beside each offer; an employer's own list need not."""
    return user.role != Role.EMPLOYER
