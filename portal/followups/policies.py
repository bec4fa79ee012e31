"""Who records follow-ups, who adds the supervisor's view, who produces the certificate."""

from __future__ import annotations

from portal.accounts.models import Role


def can_record_follow_up(user, meeting) -> bool:
    """The meeting's consultant records the follow-up."""
    return bool(user and user.is_authenticated and user.role == Role.CONSULTANT and user.id == meeting.consultant_id)


def can_add_supervisor_view(user, meeting) -> bool:
    """An employer user of the placement's organisation adds the supervisor's view."""
    return bool(
        user and user.is_authenticated and user.role == Role.EMPLOYER and user.organisation_id == meeting.organisation_id
    )


def can_download_certificate(user, placement) -> bool:
    """Only the placement's consultant: the certificate names the participant in full, which the employer never sees."""
    return bool(user and user.is_authenticated and user.role == Role.CONSULTANT and user.id == placement.consultant_id)


def can_see_participant_view(user, meeting) -> bool:
    """The participant's own words are for the consultant alone."""
    return can_record_follow_up(user, meeting)
