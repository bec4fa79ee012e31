"""Private calendar-subscription links and the feed they serve: the meetings a user takes part in.

The feed lists meetings, so it lives here rather than in availability (which sits below meetings
and must not read them).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.accounts.tokens import hash_token, new_token
from portal.audit.services import record_event, record_view
from portal.clock import now
from portal.extensions import db
from portal.meetings import ics
from portal.meetings.invitations import calendar_event
from portal.meetings.models import CalendarFeedLink, Meeting
from portal.meetings.policies import can_have_calendar_feed
from portal.meetings.queries import taking_part
from portal.meetings.states import FEED_STATUSES, MeetingStatus
from portal.web.links import external_url


def calendar_events_for(user: User) -> list[ics.CalendarEvent]:
    """The confirmed and cancelled meetings the user takes part in, from four weeks back, for the feed."""
    return [_event(m, user) for m in _feed_meetings(user)]


def _feed_meetings(user: User) -> list[Meeting]:
    since = now() - timedelta(weeks=4)
    query = select(Meeting).where(taking_part(user), Meeting.status.in_(FEED_STATUSES), Meeting.starts_at >= since)
    return list(db.session.scalars(query.order_by(Meeting.starts_at)))


def _event(meeting: Meeting, user: User) -> ics.CalendarEvent:
    status = "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED"
    return calendar_event(meeting, locale=user.preferred_language, status=status)


def feed_for(user: User) -> bytes:
    """The user's whole feed as iCalendar text; each fetch is a view of the meetings' participants, logged."""
    meetings = _feed_meetings(user)
    record_view("calendar_feed.fetched", participant_ids=[m.participant.id for m in meetings], actor=user,
                subject_type=CalendarFeedLink.__tablename__)
    return ics.feed([_event(m, user) for m in meetings], f"Brygga – {user.name}", dtstamp=now())


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


def create_feed_link(user: User) -> str:
    """A new private calendar link for the user; any earlier link stops working. Returns the secret once."""
    revoke_feed_link(user, audit=False)
    token, token_hash = new_token()
    link = CalendarFeedLink(user_id=user.id, token_hash=token_hash)
    db.session.add(link)
    db.session.flush()
    record_event("calendar_feed.created", link, actor=user)
    return token


def revoke_feed_link(user: User, *, audit: bool = True) -> bool:
    """Turn off the user's calendar link; True if there was one."""
    link = active_feed_link_of(user)
    if link is None:
        return False
    link.revoked_at = now()
    db.session.flush()
    if audit:
        record_event("calendar_feed.revoked", link, actor=user)
    return True


def feed_url(token: str) -> str:
    """The full address calendars subscribe to."""
    return external_url("meetings.calendar_feed", token=token)
