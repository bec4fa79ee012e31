"""The append-only audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db


class AuditEvent(db.Model):
    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_subject", "subject_type", "subject_id"),
        # The follow-up of the log searches by user and by action, newest first.
        Index("ix_audit_event_actor_at", "actor_id", "at"),
        Index("ix_audit_event_action_at", "action", "at"),
        # The retention job finds the rows still identifying and past their period without
        # reading the ones it already de-identified.
        Index("ix_audit_event_deidentified_at_at", "deidentified_at", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(80))
    subject_type: Mapped[str | None] = mapped_column(String(40))
    subject_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Set by the retention job: the row keeps what happened and when, no longer who or to whom.
    deidentified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    participant_links: Mapped[list[AuditParticipant]] = relationship()


class AuditParticipant(db.Model):
    """Which participants an audit row concerns: one link per participant, so that the coordinator's
    follow-up of the log (loggkontroll) finds every row about a person through an index, instead of
    reading subject columns and JSON lists of a million rows. record_event writes them."""

    __tablename__ = "audit_participant"
    # The key is the search: a participant's rows, newest (highest id) first, straight from the index.
    participant_id: Mapped[int] = mapped_column(primary_key=True)
    audit_event_id: Mapped[int] = mapped_column(ForeignKey("audit_event.id", ondelete="CASCADE"), primary_key=True)


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, flush_context, instances) -> None:
    # The log is evidence: rows are added, never edited or removed through the app.
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, (AuditEvent, AuditParticipant)):
            raise PermissionError("audit events are append-only")


# The one exception, for portal.audit.services.deidentify_events alone: after the retention period
# a row loses who and to whom, and keeps what happened and when.
DEIDENTIFYING = "brygga_audit_deidentifying"


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state: ORMExecuteState) -> None:
    # session.execute(update(AuditEvent)) or delete(AuditEvent) never passes through a flush.
    if (state.is_update or state.is_delete) and state.bind_mapper is not None and state.bind_mapper.class_ in (AuditEvent, AuditParticipant):
        if not state.execution_options.get(DEIDENTIFYING):
            raise PermissionError("audit events are append-only")
