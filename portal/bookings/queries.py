"""Reads for bookings, always scoped to the consultant or user asking: another's id is a 404."""

from __future__ import annotations

from datetime import date, datetime

from flask import abort
from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.tokens import hash_token
from portal.bookings.ics import CalendarEvent
from portal.bookings.models import AvailabilityWindow, BlockedDay, CalendarFeedLink
from portal.bookings.policies import can_have_calendar_feed
from portal.extensions import db


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


def busy_intervals_for(consultant: User) -> list[tuple[datetime, datetime]]:
    """The UTC intervals the consultant is already taken: always empty for now.

    There is no Meeting model yet. When it comes, this returns the start and end of the
    consultant's held (requested/proposed, hold not expired) and confirmed meetings, so that
    free_slots() stops offering them; the PostgreSQL exclusion constraint backs it up.
    """
    return []


def calendar_events_for(user: User) -> list[CalendarEvent]:
    """The meetings a user's calendar feed lists: always empty for now.

    There is no Meeting model yet. When it comes, this returns the confirmed and cancelled
    meetings the user takes part in (a consultant's own, an employer user's organisation's),
    from a few weeks back onwards, as ics.CalendarEvent with their UID and sequence.
    """
    return []


def active_feed_link_of(user: User) -> CalendarFeedLink | None:
    """The user's calendar link that still works, if any."""
    return db.session.scalar(
        select(CalendarFeedLink).where(CalendarFeedLink.user_id == user.id, CalendarFeedLink.revoked_at.is_(None))
    )


def user_for_feed_token(token: str) -> User | None:
    """The active user a calendar link belongs to, or None if the link is unknown or turned off."""
    link = db.session.scalar(select(CalendarFeedLink).where(CalendarFeedLink.token_hash == hash_token(token)))
    if link is None or link.revoked_at is not None:
        return None
    user = link.user
    if not user.active or not can_have_calendar_feed(user):
        return None
    return user
