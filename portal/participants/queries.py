"""Reading participants, always through the caller's caseload: another consultant's participant is a 404."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort
from sqlalchemy import Select, func, select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus

PAGE_SIZE = 25


def visible_participants(user: User) -> Select:
    """A consultant sees their own caseload, a coordinator everyone's; nobody else sees any."""
    query = select(Participant)
    if user.role == Role.CONSULTANT:
        return query.where(Participant.consultant_id == user.id)
    if user.role == Role.COORDINATOR:
        return query
    return query.where(False)


def get_participant_or_404(user: User, participant_id: int) -> Participant:
    """The participant if the user may see them; a 404 otherwise, so ids do not leak."""
    participant = db.session.scalar(visible_participants(user).where(Participant.id == participant_id))
    if participant is None:
        abort(404)
    return participant


@dataclass(frozen=True)
class CaseloadPage:
    participants: list[Participant]
    page: int
    pages: int
    total: int


def caseload_page(
    user: User, *, page: int = 1, status: ParticipantStatus | None = None, consultant_id: int | None = None
) -> CaseloadPage:
    """One page of the caseload, by name; ended participants only when asked for."""
    query = visible_participants(user)
    if status is not None:
        query = query.where(Participant.status == status)
    else:
        query = query.where(Participant.status != ParticipantStatus.ENDED)
    if consultant_id is not None:
        query = query.where(Participant.consultant_id == consultant_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = db.session.scalars(
        query.order_by(Participant.name, Participant.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
    )
    return CaseloadPage(list(rows), page, pages, total)


def active_consultants(*, other_than: int | None = None) -> list[User]:
    """Active consultants by name (a participant can be moved to any but their own: `other_than`)."""
    query = select(User).where(User.role == Role.CONSULTANT, User.active.is_(True))
    if other_than is not None:
        query = query.where(User.id != other_than)
    return list(db.session.scalars(query.order_by(User.name, User.id)))
