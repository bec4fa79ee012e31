"""Reading organisations, always through the caller: an employer reaches only their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import func, select

from portal.accounts.models import Invitation, Role, User
from portal.audit.models import AuditEvent
from portal.clock import STOCKHOLM, today_in_stockholm
from portal.employers.models import JoinRequest, Organisation
from portal.employers.states import VettingStatus
from portal.extensions import db
from portal.workdays import working_days_between


def organisation_for(user, organisation_id: int) -> Organisation:
    """The organisation as the caller may see it; another organisation's id is a 404 for an employer."""
    if user.role == Role.COORDINATOR:
        organisation = db.session.get(Organisation, organisation_id)
    elif user.role == Role.EMPLOYER and user.organisation_id == organisation_id:
        organisation = user.organisation
    else:
        organisation = None
    if organisation is None:
        abort(404)
    return organisation


def open_join_request_of(organisation: Organisation, join_request_id: int) -> JoinRequest:
    """An unanswered request to join this organisation; any other id (or an answered one) is a 404."""
    join_request = db.session.scalar(
        select(JoinRequest).where(
            JoinRequest.id == join_request_id,
            JoinRequest.organisation_id == organisation.id,
            JoinRequest.closed_at.is_(None),
        )
    )
    if join_request is None:
        abort(404)
    return join_request


@dataclass(frozen=True)
class QueueEntry:
    organisation: Organisation
    waited_working_days: int


def waited_working_days(since: datetime | None) -> int:
    """Working days from the day it entered the queue to today, in Stockholm."""
    if since is None:
        return 0
    return working_days_between(since.astimezone(STOCKHOLM).date(), today_in_stockholm())


def vetting_queue() -> list[QueueEntry]:
    """Organisations waiting for the coordinator, the one that has waited longest first."""
    organisations = db.session.scalars(
        select(Organisation)
        .where(Organisation.status == VettingStatus.PENDING)
        .order_by(Organisation.pending_since.asc(), Organisation.id.asc())
    )
    return [QueueEntry(o, waited_working_days(o.pending_since)) for o in organisations]


def decided_and_unconfirmed() -> list[Organisation]:
    """Every organisation that is not in the queue, by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.status != VettingStatus.PENDING)
            .order_by(func.lower(Organisation.name), Organisation.id)
        )
    )


def members(organisation: Organisation) -> list[User]:
    """The organisation's users, active ones first, by name."""
    return sorted(organisation.users, key=lambda u: (not u.active, u.name.lower()))


def active_members(organisation: Organisation) -> list[User]:
    return [user for user in organisation.users if user.active]


def open_invitations(organisation: Organisation) -> list[Invitation]:
    """Invitations to this organisation that are neither used nor expired."""
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.organisation_id == organisation.id, Invitation.still_usable())
            .order_by(Invitation.created_at.desc())
        )
    )


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    action: str
    actor: User | None
    detail: dict


def history(organisation: Organisation) -> list[HistoryEntry]:
    """What happened to the organisation, oldest first, from the audit log."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.subject_type == Organisation.__tablename__, AuditEvent.subject_id == organisation.id)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    actor_ids = {e.actor_id for e in events if e.actor_id is not None}
    actors = (
        {u.id: u for u in db.session.scalars(select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    )
    return [HistoryEntry(e.at, e.action, actors.get(e.actor_id), e.detail or {}) for e in events]
