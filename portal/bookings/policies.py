"""Who may manage available times and who may have a private calendar link."""

from __future__ import annotations

from portal.accounts.models import Role

# Routes pass these to roles_required, so the decorator and the predicates never disagree.
AVAILABILITY_ROLES = (Role.CONSULTANT,)
CALENDAR_FEED_ROLES = (Role.CONSULTANT, Role.EMPLOYER)


def can_manage_availability(user) -> bool:
    """Only consultants publish times, and only their own (queries scope the rows)."""
    return bool(user and user.is_authenticated and user.role in AVAILABILITY_ROLES)


def can_have_calendar_feed(user) -> bool:
    """Consultants and employer users take part in meetings, so they may subscribe to them."""
    return bool(user and user.is_authenticated and user.role in CALENDAR_FEED_ROLES)


# Meetings. Records reach these through scoped queries; the predicates say what the user may do.

MEETING_ROLES = (Role.CONSULTANT, Role.EMPLOYER)


def _is_employer_of(user, organisation_id: int) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.EMPLOYER and user.organisation_id == organisation_id)


def _is_consultant(user, consultant_id: int) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.CONSULTANT and user.id == consultant_id)


def can_book_introduction(user, interest) -> bool:
    """An introduction is booked once the participant agreed, by the employer or the participant's consultant."""
    from portal.interest.states import InterestStatus

    if interest.status != InterestStatus.AGREED:
        return False
    return _is_employer_of(user, interest.organisation_id) or _is_consultant(user, interest.participant.consultant_id)


def can_book_follow_up(user, placement) -> bool:
    """Follow-ups are booked for a placement that has not ended, by its organisation or its consultant."""
    from portal.placements.states import PlacementStatus

    if placement.status == PlacementStatus.ENDED:
        return False
    return _is_employer_of(user, placement.organisation_id) or _is_consultant(user, placement.consultant_id)


def can_see_meeting(user, meeting) -> bool:
    """The meeting's consultant and the employer users of its organisation."""
    return _is_consultant(user, meeting.consultant_id) or _is_employer_of(user, meeting.organisation_id)


def can_answer_request(user, meeting) -> bool:
    """The consultant confirms or declines a time the employer requested."""
    from portal.bookings.states import MeetingState

    return meeting.state == MeetingState.REQUESTED and _is_consultant(user, meeting.consultant_id)


def can_choose_proposal(user, meeting) -> bool:
    """The employer picks one of the times the consultant proposed (or declines them all)."""
    from portal.bookings.states import MeetingState

    return meeting.state == MeetingState.PROPOSED and _is_employer_of(user, meeting.organisation_id)


def can_move_meeting(user, meeting) -> bool:
    """Either side moves a confirmed meeting that has not started."""
    from portal.bookings.states import MeetingState
    from portal.clock import now

    return (
        meeting.state == MeetingState.CONFIRMED
        and meeting.starts_at is not None
        and meeting.starts_at > now()
        and can_see_meeting(user, meeting)
    )


def can_cancel_meeting(user, meeting) -> bool:
    """Either side cancels a meeting that is open or confirmed and has not started."""
    from portal.bookings.states import MEETING_TRANSITIONS, MeetingState
    from portal.clock import now

    if not MEETING_TRANSITIONS.allows(meeting.state, MeetingState.CANCELLED):
        return False
    if meeting.starts_at is not None and meeting.starts_at <= now():
        return False
    return can_see_meeting(user, meeting)
