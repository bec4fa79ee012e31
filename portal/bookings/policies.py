"""Who may manage available times and who may have a private calendar link."""

from __future__ import annotations

from portal.accounts.models import Role

# Routes pass these to roles_required, so the decorator and the predicates never disagree.
AVAILABILITY_ROLES = (Role.CONSULTANT,)
CALENDAR_FEED_ROLES = (Role.CONSULTANT, Role.EMPLOYER)


def can_manage_availability(user) -> bool:
    """Only consultants publish times, and only their own (queries scope the rows)."""
    return bool(user and user.is_authenticated and user.role in AVAILABILITY_ROLES)


def can_have_calendar_feed(user) -> bool:
    """Consultants and employer users take part in meetings, so they may subscribe to them."""
    return bool(user and user.is_authenticated and user.role in CALENDAR_FEED_ROLES)
