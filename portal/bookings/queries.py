"""Reads for bookings, always scoped to the consultant or user asking: another's id is a 404."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import abort
from sqlalchemy import false, select

from portal.accounts.models import Role, User
from portal.accounts.tokens import hash_token
from portal.bookings.ics import CalendarEvent
from portal.bookings.models import (
    AvailabilityWindow,
    BlockedDay,
    CalendarFeedLink,
    Meeting,
)
from portal.bookings.policies import can_have_calendar_feed
from portal.bookings.states import HOLDING_STATES, OPEN_STATES, MeetingState
from portal.clock import now
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus


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


def busy_intervals_for(consultant: User, *, excluding: Meeting | None = None) -> list[tuple[datetime, datetime]]:
    """The UTC intervals the consultant is taken: requested (held) and confirmed meetings, oldest first."""
    query = select(Meeting.starts_at, Meeting.ends_at).where(
        Meeting.consultant_id == consultant.id, Meeting.state.in_(HOLDING_STATES)
    )
    if excluding is not None and excluding.id is not None:
        query = query.where(Meeting.id != excluding.id)
    return [(start, end) for start, end in db.session.execute(query.order_by(Meeting.starts_at))]


def meetings_of(user: User, *, first: datetime | None = None, last: datetime | None = None) -> list[Meeting]:
    """The meetings a user takes part in: a consultant's own, an employer user's organisation's."""
    query = select(Meeting).where(_taking_part(user))
    if first is not None:
        query = query.where(Meeting.starts_at >= first)
    if last is not None:
        query = query.where(Meeting.starts_at < last)
    return list(db.session.scalars(query.order_by(Meeting.starts_at, Meeting.id)))


def open_meetings_of(user: User) -> list[Meeting]:
    """Requests and proposals waiting for an answer, for the week view's "waiting" list."""
    query = select(Meeting).where(_taking_part(user), Meeting.state.in_(OPEN_STATES))
    return list(db.session.scalars(query.order_by(Meeting.created_at, Meeting.id)))


def meeting_of(user: User, meeting_id: int) -> Meeting:
    """One meeting the user takes part in, or 404."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, _taking_part(user)))
    if meeting is None:
        abort(404)
    return meeting


def meeting_by_key(key: str) -> Meeting | None:
    """The meeting a form with this idempotency key already made, if any."""
    return db.session.scalar(select(Meeting).where(Meeting.idempotency_key == key))


def _taking_part(user: User):
    if user.role == Role.CONSULTANT:
        return Meeting.consultant_id == user.id
    if user.role == Role.EMPLOYER and user.organisation_id is not None:
        return Meeting.organisation_id == user.organisation_id
    return false()


def interest_for_booking(user: User, interest_id: int) -> Interest:
    """An interest of the employer's organisation, or of one of the consultant's participants; else 404."""
    # Kept here rather than in portal/interest (owned by the interest work) until a shared query exists.
    query = select(Interest).where(Interest.id == interest_id)
    if user.role == Role.EMPLOYER:
        query = query.where(Interest.organisation_id == user.organisation_id)
    elif user.role == Role.CONSULTANT:
        query = query.join(Participant, Participant.id == Interest.participant_id).where(
            Participant.consultant_id == user.id
        )
    else:
        abort(404)
    interest = db.session.scalar(query)
    if interest is None:
        abort(404)
    return interest


def placement_for(user: User, placement_id: int) -> Placement:
    """A placement at the employer's organisation, or one of the consultant's; else 404."""
    # Kept here rather than in portal/placements (owned by the placements work) until a shared query exists.
    query = select(Placement).where(Placement.id == placement_id)
    if user.role == Role.EMPLOYER:
        query = query.where(Placement.organisation_id == user.organisation_id)
    elif user.role == Role.CONSULTANT:
        query = query.where(Placement.consultant_id == user.id)
    else:
        abort(404)
    placement = db.session.scalar(query)
    if placement is None:
        abort(404)
    return placement


def placements_of(user: User) -> list[Placement]:
    """Placements that have not ended, for the follow-up overview."""
    query = select(Placement).where(Placement.status != PlacementStatus.ENDED)
    if user.role == Role.EMPLOYER:
        query = query.where(Placement.organisation_id == user.organisation_id)
    else:
        query = query.where(Placement.consultant_id == user.id)
    return list(db.session.scalars(query.order_by(Placement.start_date, Placement.id)))


def follow_ups_of(placement: Placement) -> list[Meeting]:
    """The placement's follow-up meetings, oldest first."""
    return list(
        db.session.scalars(
            select(Meeting).where(Meeting.placement_id == placement.id).order_by(Meeting.starts_at, Meeting.id)
        )
    )


def calendar_events_for(user: User) -> list[CalendarEvent]:
    """The confirmed and cancelled meetings the user takes part in, from four weeks back, for the feed."""
    from portal.bookings.invitations import calendar_event

    since = now() - timedelta(weeks=4)
    query = select(Meeting).where(
        _taking_part(user),
        Meeting.state.in_((MeetingState.CONFIRMED, MeetingState.CANCELLED)),
        Meeting.starts_at >= since,
    )
    return [
        calendar_event(m, locale=user.preferred_language, status="CANCELLED" if m.state == MeetingState.CANCELLED else "CONFIRMED")
        for m in db.session.scalars(query.order_by(Meeting.starts_at))
    ]


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


def introductions_to_book(user: User) -> list[Interest]:
    """Agreed interests with no meeting open or confirmed yet: the introductions still to book."""
    booked = select(Meeting.interest_id).where(
        Meeting.interest_id.is_not(None), Meeting.state.in_((*OPEN_STATES, MeetingState.CONFIRMED))
    )
    query = select(Interest).where(Interest.status == InterestStatus.AGREED, Interest.id.not_in(booked))
    if user.role == Role.EMPLOYER:
        query = query.where(Interest.organisation_id == user.organisation_id)
    elif user.role == Role.CONSULTANT:
        query = query.join(Participant, Participant.id == Interest.participant_id).where(Participant.consultant_id == user.id)
    else:
        return []
    return list(db.session.scalars(query.order_by(Interest.id)))
