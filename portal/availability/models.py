"""A consultant's available times: weekly and one-off windows, blocked days and booking settings."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.availability import slots
from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db

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
    """One row per consultant, stored the first time they change the defaults (until then the defaults apply)."""

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
