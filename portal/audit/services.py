"""Writing the audit log: the one helper every state change and participant view uses."""

from __future__ import annotations

from typing import Any

from flask import has_request_context
from flask_login import current_user

from portal.audit.models import AuditEvent
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
    return event
