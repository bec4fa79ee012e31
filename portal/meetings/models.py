"""Meetings (introductions and follow-ups), the times proposed for them, and private calendar-feed links."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.meetings.states import LocationKind, MeetingKind, MeetingStatus

if TYPE_CHECKING:
    from portal.employers.models import Organisation
    from portal.interest.models import Interest
    from portal.placements.models import Placement


class CalendarFeedLink(db.Model):
    """A private calendar-subscription link; only the hash of its secret is kept, as for invitations."""

    __tablename__ = "calendar_feed_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class Meeting(db.Model):
    """An introduction (for an agreed interest) or a follow-up (for a placement) with one consultant.

    Times are UTC. A move keeps the row, its iCalendar UID, and raises `sequence`. On PostgreSQL an
    exclusion constraint (written in the migration) keeps requested and confirmed meetings of one
    consultant from overlapping; on SQLite the check and the insert share one write transaction.
    """

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("(interest_id IS NULL) <> (placement_id IS NULL)", name="introduction_or_follow_up"),
        CheckConstraint("status = 'proposed' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)", name="has_time"),
        CheckConstraint("starts_at IS NULL OR starts_at < ends_at", name="meeting_ends_after_start"),
        Index("ix_meeting_consultant_starts", "consultant_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    interest_id: Mapped[int | None] = mapped_column(ForeignKey("interest.id"), index=True)
    placement_id: Mapped[int | None] = mapped_column(ForeignKey("placement.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), index=True)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[MeetingStatus] = mapped_column(enum_column(MeetingStatus))
    location_kind: Mapped[LocationKind] = mapped_column(enum_column(LocationKind))
    location_details: Mapped[str] = mapped_column(String(300), default="")
    # Who takes part besides the consultant; the participant is reached through the consultant.
    employer_contact_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    with_supervisor: Mapped[bool] = mapped_column(default=True)
    with_participant: Mapped[bool] = mapped_column(default=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ical_uid: Mapped[str] = mapped_column(String(100), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    last_reason: Mapped[str] = mapped_column(String(300), default="")  # why it was last moved, declined or cancelled
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    consultant: Mapped[User] = relationship(foreign_keys=[consultant_id])
    employer_contact: Mapped[User] = relationship(foreign_keys=[employer_contact_id])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])
    interest: Mapped[Interest | None] = relationship()
    placement: Mapped[Placement | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    proposals: Mapped[list[MeetingProposal]] = relationship(
        back_populates="meeting", order_by="MeetingProposal.starts_at", cascade="all, delete-orphan"
    )

    @property
    def offer(self):
        return self.interest.offer if self.interest is not None else self.placement.offer

    @property
    def participant(self):
        return self.interest.participant if self.interest is not None else self.placement.participant


class MeetingProposal(db.Model):
    """One of the two or three times a consultant proposes; the employer picks one."""

    __tablename__ = "meeting_proposal"
    __table_args__ = (CheckConstraint("starts_at < ends_at", name="proposal_ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    meeting: Mapped[Meeting] = relationship(back_populates="proposals")
