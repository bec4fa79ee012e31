"""Who may remove an employer's account or a whole organisation."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.employers.models import Organisation


def can_remove_employer_user(actor: User, user: User) -> bool:
    """The coordinator removes any employer's user; an employer user removes their own account."""
    if user.role != Role.EMPLOYER or user.removed_at is not None:
        return False
    return actor.role == Role.COORDINATOR or actor.id == user.id


def can_remove_organisation(actor: User, organisation: Organisation) -> bool:
    """Only the coordinator removes an organisation, once."""
    return actor.role == Role.COORDINATOR and organisation.removed_at is None
