"""Reads for meetings, always scoped to the consultant or user asking: another's id is a 404."""

from __future__ import annotations

from datetime import datetime

from flask import abort
from sqlalchemy import false, select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import (
    BOOKED_STATUSES,
    HOLDING_STATUSES,
    OPEN_STATUSES,
    WEEK_VIEW_STATUSES,
)
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus


def busy_intervals_for(consultant: User, *, excluding: Meeting | None = None) -> list[tuple[datetime, datetime]]:
    """The UTC intervals the consultant is taken: requested (held) and confirmed meetings, oldest first."""
    query = select(Meeting.starts_at, Meeting.ends_at).where(
        Meeting.consultant_id == consultant.id, Meeting.status.in_(HOLDING_STATUSES)
    )
    if excluding is not None and excluding.id is not None:
        query = query.where(Meeting.id != excluding.id)
    return [(start, end) for start, end in db.session.execute(query.order_by(Meeting.starts_at))]


def meetings_starting_between(user: User, first: datetime, last: datetime) -> list[Meeting]:
    """The requested, confirmed and cancelled meetings a user takes part in that start in [first, last)."""
    query = select(Meeting).where(
        taking_part(user), Meeting.status.in_(WEEK_VIEW_STATUSES), Meeting.starts_at >= first, Meeting.starts_at < last
    )
    return list(db.session.scalars(query.order_by(Meeting.starts_at, Meeting.id)))


def open_meetings_of(user: User) -> list[Meeting]:
    """Requests and proposals waiting for an answer, for the week view's "waiting" list."""
    query = select(Meeting).where(taking_part(user), Meeting.status.in_(OPEN_STATUSES))
    return list(db.session.scalars(query.order_by(Meeting.created_at, Meeting.id)))


def meeting_of(user: User, meeting_id: int) -> Meeting:
    """One meeting the user takes part in, or 404."""
    meeting = db.session.scalar(select(Meeting).where(Meeting.id == meeting_id, taking_part(user)))
    if meeting is None:
        abort(404)
    return meeting


def meeting_by_key(key: str) -> Meeting | None:
    """The meeting a form with this idempotency key already made, if any."""
    return db.session.scalar(select(Meeting).where(Meeting.idempotency_key == key))


def taking_part(user: User):
    """The condition for the meetings a user takes part in: a consultant's own, an employer user's organisation's."""
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


def introductions_to_book(user: User) -> list[Interest]:
    """Agreed interests with no meeting open or confirmed yet: the introductions still to book."""
    booked = select(Meeting.interest_id).where(
        Meeting.interest_id.is_not(None), Meeting.status.in_(BOOKED_STATUSES)
    )
    query = select(Interest).where(Interest.status == InterestStatus.AGREED, Interest.id.not_in(booked))
    if user.role == Role.EMPLOYER:
        query = query.where(Interest.organisation_id == user.organisation_id)
    elif user.role == Role.CONSULTANT:
        query = query.join(Participant, Participant.id == Interest.participant_id).where(Participant.consultant_id == user.id)
    else:
        return []
    return list(db.session.scalars(query.order_by(Interest.id)))
