"""Who may export a participant's data."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.participants.models import Participant


def can_export_participant(user: User, participant: Participant) -> bool:
    """The coordinator answers requests under GDPR art. 15, for any participant."""
    return user.role == Role.COORDINATOR
