"""Reads for available times, always scoped to the consultant asking: another's id is a 404."""

from __future__ import annotations

from datetime import date

from flask import abort
from sqlalchemy import select

from portal.accounts.models import User
from portal.availability.models import AvailabilityWindow, BlockedDay, BookingSettings
from portal.extensions import db


def stored_booking_settings(consultant: User) -> BookingSettings | None:
    """The consultant's settings row, if they ever changed the defaults."""
    return db.session.scalar(select(BookingSettings).where(BookingSettings.consultant_id == consultant.id))


def weekly_windows_of(consultant: User) -> list[AvailabilityWindow]:
    """The consultant's weekly windows, Monday first, then by start time."""
    return list(
        db.session.scalars(
            select(AvailabilityWindow)
            .where(AvailabilityWindow.consultant_id == consultant.id, AvailabilityWindow.weekday.is_not(None))
            .order_by(AvailabilityWindow.weekday, AvailabilityWindow.start_time, AvailabilityWindow.id)
        )
    )


def one_off_windows_of(consultant: User, *, from_day: date | None = None) -> list[AvailabilityWindow]:
    """The consultant's one-off windows in date order (from from_day on, if given)."""
    query = select(AvailabilityWindow).where(
        AvailabilityWindow.consultant_id == consultant.id, AvailabilityWindow.on_date.is_not(None)
    )
    if from_day is not None:
        query = query.where(AvailabilityWindow.on_date >= from_day)
    return list(
        db.session.scalars(query.order_by(AvailabilityWindow.on_date, AvailabilityWindow.start_time))
    )


def window_of(consultant: User, window_id: int) -> AvailabilityWindow:
    """One of the consultant's own windows, or 404 (another consultant's window is not found either)."""
    window = db.session.scalar(
        select(AvailabilityWindow).where(
            AvailabilityWindow.id == window_id, AvailabilityWindow.consultant_id == consultant.id
        )
    )
    if window is None:
        abort(404)
    return window


def blocked_days_of(consultant: User, *, from_day: date | None = None) -> list[BlockedDay]:
    """The consultant's blocked days in date order (those not over before from_day, if given)."""
    query = select(BlockedDay).where(BlockedDay.consultant_id == consultant.id)
    if from_day is not None:
        query = query.where(BlockedDay.last_day >= from_day)
    return list(db.session.scalars(query.order_by(BlockedDay.first_day, BlockedDay.id)))


def blocked_day_of(consultant: User, blocked_id: int) -> BlockedDay:
    """One of the consultant's own blocked days, or 404."""
    blocked = db.session.scalar(
        select(BlockedDay).where(BlockedDay.id == blocked_id, BlockedDay.consultant_id == consultant.id)
    )
    if blocked is None:
        abort(404)
    return blocked
