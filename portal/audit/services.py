"""Writing the audit log: the one helper every state change and participant view uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import delete, update

from portal.audit.models import DEIDENTIFYING, AuditEvent, AuditParticipant
from portal.clock import now
from portal.extensions import db


def _current_actor_id() -> int | None:
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.id
    return None


def record_event(
    action: str,
    subject: Any | None = None,
    *,
    actor: Any | None = None,
    detail: dict[str, Any] | None = None,
    subject_type: str | None = None,
    subject_id: int | None = None,
) -> AuditEvent:
    """Add one audit row for `action` on `subject`, by `actor` (default: the signed-in user)."""
    if subject is not None:
        subject_type = subject_type or subject.__tablename__
        subject_id = subject_id if subject_id is not None else subject.id
    actor_id = actor.id if actor is not None else _current_actor_id()
    event = AuditEvent(
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_id=actor_id,
        detail=detail or {},
    )
    db.session.add(event)
    event.participant_links = [
        AuditParticipant(participant_id=pid) for pid in participants_concerned(subject_type, subject_id, event.detail)
    ]
    return event


# Where a row names participants: its subject, or these keys of its detail (one id or a list).
PARTICIPANT_KEYS = ("participant", "participant_id", "participant_ids")


def participants_concerned(subject_type: str | None, subject_id: int | None, detail: dict[str, Any]) -> list[int]:
    """Every participant id an audit row concerns, each once: the link rows the log's follow-up searches."""
    found: list[int] = []
    if subject_type == "participant" and subject_id is not None:
        found.append(subject_id)
    for key in PARTICIPANT_KEYS:
        value = detail.get(key)
        for pid in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(pid, int) and not isinstance(pid, bool):
                found.append(pid)
    return list(dict.fromkeys(found))


def record_view(
    action: str,
    subject: Any | None = None,
    *,
    participant_ids: Any,
    actor: Any | None = None,
    subject_type: str | None = None,
    **detail: Any,
) -> AuditEvent | None:
    """One row for one page that shows participant data, naming every participant on it.

    The one helper for views: a page with nobody on it writes nothing; otherwise the ids go in the
    detail as `participant_ids`, and so in the link rows the coordinator searches."""
    ids = list(dict.fromkeys(int(pid) for pid in participant_ids))
    if not ids:
        return None
    return record_event(
        action, subject, actor=actor, subject_type=subject_type, detail={"participant_ids": ids, **detail}
    )


def deidentify_events(event_ids: Sequence[int]) -> int:
    """Make these rows say what happened and when, no longer who did it or to whom (the retention job's
    one exception to append-only): the actor, the subject's id, the detail and the participant links go."""
    if not event_ids:
        return 0
    options = {DEIDENTIFYING: True}
    db.session.execute(
        delete(AuditParticipant).where(AuditParticipant.audit_event_id.in_(event_ids)), execution_options=options
    )
    result = db.session.execute(
        update(AuditEvent)
        .where(AuditEvent.id.in_(event_ids), AuditEvent.deidentified_at.is_(None))
        .values(actor_id=None, subject_id=None, detail={}, deidentified_at=now()),
        execution_options=options,
    )
    return result.rowcount
