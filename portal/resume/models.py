"""The stash of a form posted after the session ended."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db


class FormResume(db.Model):
    """What someone typed when their session had expired, kept until they sign in again.

    Only hashes are stored: of the key carried in the sign-in `next` address, and of a
    cookie set in the same browser, so a link alone cannot fill someone else's form.
    """

    __tablename__ = "form_resume"

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cookie_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(String(300))
    data: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, index=True)
