"""Who may do what with accounts."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.accounts.second_factor import STAFF_ROLES


def can_reset_second_factor(actor: User, colleague: User) -> bool:
    """Only another coordinator resets a staff member's second factor (never one's own)."""
    return actor.role == Role.COORDINATOR and colleague.role in STAFF_ROLES and colleague.id != actor.id
