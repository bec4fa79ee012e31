"""E-mail waiting to leave, written in the same transaction as the change that causes it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_due", "sent_at", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # [{"filename": …, "content_type": …, "content": base64}] — e.g. an .ics invitation.
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    template: Mapped[str] = mapped_column(String(100))
    # The participant the message is about, if any: what an export (GDPR art. 15) lists as mail
    # sent about the person. An id only, with no foreign key, as audit_participant keeps it: erasing
    # the person scrubs or deletes the message by its text, and a sent one may keep this link.
    about_participant_id: Mapped[int | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    attempts: Mapped[int] = mapped_column(default=0)
    # Failures of this message itself (it could not be built, the server refused it), not of an
    # unreachable server: after MESSAGE_FAILURES_BEFORE_DEAD of them it is set aside (dead_at).
    message_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The body holds a single-use link (a reset, an invitation, a confirmation): once sent, only
    # the metadata stays, so reading the outbox never gives someone else's link.
    forget_body_when_sent: Mapped[bool] = mapped_column(default=False, server_default=false())
    dead_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
