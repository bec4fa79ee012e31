"""The coordinator's follow-up of the audit log (loggkontroll): who did what, to whom, and when.

A search by participant goes through audit_participant (its key is participant_id, audit_event_id),
so a person's rows come newest first from the index, even among a million. It sits in site because
it reads every domain's names: participants for the name search, users for who did it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select

from portal.accounts.models import User
from portal.audit.models import AuditEvent, AuditParticipant
from portal.audit.services import record_event
from portal.clock import STOCKHOLM
from portal.extensions import db
from portal.participants.models import Participant

PAGE_SIZE = 50
MATCHES_SHOWN = 20


@dataclass(frozen=True)
class LogSearch:
    participant: str = ""
    participant_id: int | None = None
    user: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1


@dataclass(frozen=True)
class LogPage:
    rows: list[tuple[AuditEvent, User | None]]
    page: int
    has_next: bool
    participants: list[Participant]  # the participants whose name matched, to choose among


def participants_named(words: str) -> list[Participant]:
    pattern = f"%{words.strip()}%"
    return list(db.session.scalars(
        select(Participant).where(Participant.name.ilike(pattern)).order_by(Participant.name).limit(MATCHES_SHOWN)
    ))


def _bounds(day: date, *, end: bool) -> datetime:
    # A day in Stockholm, as the instant it starts (or the next day starts).
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min, STOCKHOLM)
    return moment


def events_query(search: LogSearch, participant_ids: list[int] | None) -> Select:
    query = select(AuditEvent, User).outerjoin(User, User.id == AuditEvent.actor_id)
    if participant_ids is not None:
        query = query.where(AuditEvent.id.in_(
            select(AuditParticipant.audit_event_id).where(AuditParticipant.participant_id.in_(participant_ids))
        ))
    if search.user.strip():
        pattern = f"%{search.user.strip()}%"
        query = query.where(AuditEvent.actor_id.in_(
            select(User.id).where(User.name.ilike(pattern) | User.email.ilike(pattern))
        ))
    if search.action.strip():
        query = query.where(AuditEvent.action.startswith(search.action.strip(), autoescape=True))
    if search.date_from:
        query = query.where(AuditEvent.at >= _bounds(search.date_from, end=False))
    if search.date_to:
        query = query.where(AuditEvent.at < _bounds(search.date_to, end=True))
    return query.order_by(AuditEvent.id.desc())


def search_log(search: LogSearch, *, actor: User) -> LogPage:
    """One page of the log, newest first; a search that concerns participants is itself logged."""
    participants = participants_named(search.participant) if search.participant.strip() else []
    if search.participant_id is not None:
        ids: list[int] | None = [search.participant_id]
    elif search.participant.strip():
        ids = [p.id for p in participants]
    else:
        ids = None
    page = max(search.page, 1)
    found = db.session.execute(
        events_query(search, ids).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)
    ).all()
    if ids:
        record_event("audit_log.searched", actor=actor, subject_type=Participant.__tablename__,
                     detail={"participant_ids": ids, "page": page})
    return LogPage([(e, u) for e, u in found[:PAGE_SIZE]], page, len(found) > PAGE_SIZE, participants)
