"""A consultant's available times, blocked days, booking settings, calendar-feed links and meetings."""

from __future__ import annotations

from datetime import date, datetime, time

from typing import TYPE_CHECKING

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.bookings import slots
from portal.bookings.states import LocationKind, MeetingKind, MeetingState
from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db

if TYPE_CHECKING:
    from portal.employers.models import Organisation
    from portal.interest.models import Interest
    from portal.placements.models import Placement

DEFAULT_LENGTHS_MINUTES = (60,)
DEFAULT_BUFFER_MINUTES = 0
DEFAULT_NOTICE_WORKING_DAYS = 1
DEFAULT_HORIZON_WEEKS = 8


class AvailabilityWindow(db.Model):
    """A time a consultant can meet: weekly on a weekday (valid from/to), or once on a date.

    Start and end are Stockholm wall-clock times; slots.py turns them into UTC instants.
    """

    __tablename__ = "availability_window"
    __table_args__ = (
        CheckConstraint("(weekday IS NULL) <> (on_date IS NULL)", name="weekly_or_one_off"),
        CheckConstraint("weekday IS NULL OR (weekday >= 0 AND weekday <= 6)", name="weekday_range"),
        CheckConstraint("start_time < end_time", name="ends_after_start"),
        CheckConstraint(
            "valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to", name="valid_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    weekday: Mapped[int | None]  # 0 = Monday; set for weekly windows
    on_date: Mapped[date | None]  # set for one-off windows
    start_time: Mapped[time] = mapped_column(Time())
    end_time: Mapped[time] = mapped_column(Time())
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    consultant: Mapped[User] = relationship()

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None

    def as_rule(self) -> slots.WeeklyWindow | slots.OneOffWindow:
        """The window as the pure slot calculation sees it."""
        if self.weekday is not None:
            return slots.WeeklyWindow(
                self.weekday, self.start_time, self.end_time, self.valid_from, self.valid_to
            )
        assert self.on_date is not None
        return slots.OneOffWindow(self.on_date, self.start_time, self.end_time)


class BlockedDay(db.Model):
    """A day or a run of days (inclusive) when a consultant offers no times; the note is theirs alone."""

    __tablename__ = "blocked_day"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="first_before_last"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    first_day: Mapped[date]
    last_day: Mapped[date]
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    consultant: Mapped[User] = relationship()


class BookingSettings(db.Model):
    """One row per consultant, created with the defaults the first time it is needed."""

    __tablename__ = "booking_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), unique=True
    )
    # A sorted list of the offered meeting lengths, each 30, 45 or 60.
    lengths_minutes: Mapped[list[int]] = mapped_column(JSON, default=lambda: list(DEFAULT_LENGTHS_MINUTES))
    buffer_minutes: Mapped[int] = mapped_column(default=DEFAULT_BUFFER_MINUTES)
    notice_working_days: Mapped[int] = mapped_column(default=DEFAULT_NOTICE_WORKING_DAYS)
    horizon_weeks: Mapped[int] = mapped_column(default=DEFAULT_HORIZON_WEEKS)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now, onupdate=now)

    consultant: Mapped[User] = relationship()

    def as_rule(self) -> slots.BookingSettings:
        """The settings as the pure slot calculation sees them."""
        return slots.BookingSettings(
            lengths_minutes=tuple(sorted(self.lengths_minutes)),
            buffer_minutes=self.buffer_minutes,
            notice_working_days=self.notice_working_days,
            horizon_weeks=self.horizon_weeks,
        )


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
        CheckConstraint("state = 'proposed' OR (starts_at IS NOT NULL AND ends_at IS NOT NULL)", name="has_time"),
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
    state: Mapped[MeetingState] = mapped_column(enum_column(MeetingState))
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
