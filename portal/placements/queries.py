"""Reading placements, scoped to the caller: an employer's organisation, a consultant's own."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.accounts.models import User
from portal.employers.models import Organisation
from portal.extensions import db
from portal.placements.models import Placement


def placements_for_employer(organisation: Organisation) -> list[Placement]:
    """The organisation's placements, newest start first (show no more than first name and consultant)."""
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.organisation_id == organisation.id)
            .options(selectinload(Placement.participant), selectinload(Placement.consultant))
            .order_by(Placement.start_date.desc(), Placement.id.desc())
        )
    )


def placements_for_consultant(user: User) -> list[Placement]:
    """The consultant's own placements, newest start first."""
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.consultant_id == user.id)
            .options(selectinload(Placement.participant), selectinload(Placement.offer))
            .order_by(Placement.start_date.desc(), Placement.id.desc())
        )
    )
