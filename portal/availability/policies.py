"""Who may manage available times: consultants, their own only (the queries scope the rows)."""

from __future__ import annotations

from portal.accounts.models import Role

# Routes pass this to roles_required.
AVAILABILITY_ROLES = (Role.CONSULTANT,)
