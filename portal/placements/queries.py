"""Reading placements, scoped to the caller: an employer's organisation, a consultant's own."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, User
from portal.employers.models import Organisation
from portal.extensions import db
from portal.interest.models import Interest
from portal.placements.models import Placement


def _loaded(query: Select) -> Select:
    return query.options(
        selectinload(Placement.participant),
        selectinload(Placement.consultant),
        selectinload(Placement.offer),
        selectinload(Placement.organisation),
        selectinload(Placement.interest).selectinload(Interest.consents),
    ).order_by(Placement.start_date.desc(), Placement.id.desc())


def visible_placements(user: User) -> Select:
    """A consultant sees their own, the coordinator all, an employer their organisation's."""
    query = select(Placement)
    if user.role == Role.CONSULTANT:
        return query.where(Placement.consultant_id == user.id)
    if user.role == Role.COORDINATOR:
        return query
    if user.role == Role.EMPLOYER and user.organisation_id is not None:
        return query.where(Placement.organisation_id == user.organisation_id)
    return query.where(False)


def placements_for(user: User) -> list[Placement]:
    """The caller's placements, newest start first."""
    return list(db.session.scalars(_loaded(visible_placements(user))))


def get_placement_or_404(user: User, placement_id: int) -> Placement:
    """A placement the caller may see; a 404 otherwise, so ids do not leak."""
    placement = db.session.scalar(_loaded(visible_placements(user)).where(Placement.id == placement_id))
    if placement is None:
        abort(404)
    return placement


def placements_for_employer(organisation: Organisation) -> list[Placement]:
    """The organisation's placements, newest start first (show no more than first name and consultant)."""
    return list(db.session.scalars(_loaded(select(Placement).where(Placement.organisation_id == organisation.id))))


def placements_for_consultant(user: User) -> list[Placement]:
    """The consultant's own placements, newest start first."""
    return list(db.session.scalars(_loaded(select(Placement).where(Placement.consultant_id == user.id))))
