"""Who may book, answer, move and cancel meetings, and who may have a private calendar link.

Records reach these through scoped queries; the predicates say what the user may do. The moves
of a meeting read their rule from the state machine (portal/meetings/states.py), so a page's
buttons, the route's 403 and the service's check never disagree.
"""

from __future__ import annotations

from portal.accounts.models import Role
from portal.interest.states import InterestStatus
from portal.meetings.states import (
    MEETING_MACHINE,
    MeetingKind,
    MeetingStatus,
    may_move,
    takes_part,
)
from portal.placements.states import PlacementStatus

# Routes pass these to roles_required, so the decorator and the predicates never disagree.
MEETING_ROLES = (Role.CONSULTANT, Role.EMPLOYER)
CALENDAR_FEED_ROLES = (Role.CONSULTANT, Role.EMPLOYER)


def _signed_in_as(user, role: Role) -> bool:
    return bool(user and user.is_authenticated and user.role == role)


def _is_employer_of(user, organisation_id: int) -> bool:
    return _signed_in_as(user, Role.EMPLOYER) and user.organisation_id == organisation_id


def _is_consultant(user, consultant_id: int) -> bool:
    return _signed_in_as(user, Role.CONSULTANT) and user.id == consultant_id


def can_have_calendar_feed(user) -> bool:
    """Consultants and employer users take part in meetings, so they may subscribe to them."""
    return bool(user and user.is_authenticated and user.role in CALENDAR_FEED_ROLES)


def can_request_meeting(user) -> bool:
    """Employer users take one of the consultant's free times; consultants propose times instead."""
    return _signed_in_as(user, Role.EMPLOYER)


def can_book_introduction(user, interest) -> bool:
    """An introduction is booked once the participant agreed, by the employer or the participant's consultant."""
    if interest.status != InterestStatus.AGREED:
        return False
    return _is_employer_of(user, interest.organisation_id) or _is_consultant(user, interest.participant.consultant_id)


def can_book_follow_up(user, placement) -> bool:
    """Follow-ups are booked for a placement that has not ended, by its organisation or its consultant."""
    if placement.status == PlacementStatus.ENDED:
        return False
    return _is_employer_of(user, placement.organisation_id) or _is_consultant(user, placement.consultant_id)


def can_see_meeting(user, meeting) -> bool:
    """The meeting's consultant and the employer users of its organisation."""
    return takes_part(meeting, user)


def can_confirm_meeting(user, meeting) -> bool:
    """The consultant confirms a time the employer requested."""
    return MEETING_MACHINE.can("confirm", meeting, user)


def can_choose_meeting_time(user, meeting) -> bool:
    """The employer picks one of the times the consultant proposed."""
    return MEETING_MACHINE.can("choose", meeting, user)


def can_decline_meeting(user, meeting) -> bool:
    """The consultant declines a requested time, the employer the proposed times."""
    return MEETING_MACHINE.can("decline", meeting, user)


def can_move_meeting(user, meeting) -> bool:
    """Either side moves a confirmed meeting that has not started."""
    return may_move(meeting, user)


def can_cancel_meeting(user, meeting) -> bool:
    """Either side cancels a meeting that is open or confirmed and has not started."""
    return MEETING_MACHINE.can("cancel", meeting, user)


def can_book_next_follow_up(user, meeting) -> bool:
    """At a confirmed follow-up, the placement's consultant books the next one in one step."""
    return (
        meeting.kind == MeetingKind.FOLLOW_UP
        and meeting.status == MeetingStatus.CONFIRMED
        and _signed_in_as(user, Role.CONSULTANT)
        and can_book_follow_up(user, meeting.placement)
    )
