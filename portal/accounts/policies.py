"""Who may do what to an account."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.accounts.second_factor import STAFF_ROLES


def can_reset_second_factor(actor: User, colleague: User) -> bool:
    """Only another coordinator resets a staff member's second factor (never one's own)."""
    return actor.role == Role.COORDINATOR and colleague.role in STAFF_ROLES and colleague.id != actor.id


def can_switch_off_account(actor: User, user: User) -> bool:
    """A coordinator switches any other account in use off, and on again (never their own, so one
    coordinator always remains; not an account that is off for another reason, such as an
    unconfirmed registration or a colleague who left, which switching on would open; nor a removed one)."""
    in_use_or_switched_off = (user.active or user.deactivated_at is not None) and user.removed_at is None
    # The installation's administrator is above every unit: no unit's coordinator switches them off.
    return actor.role == Role.COORDINATOR and user.id != actor.id and in_use_or_switched_off and user.role != Role.ADMIN
