"""Who may do what with candidates and interest. Seeing is decided by scoped queries."""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.interest.models import Interest
from portal.interest.states import INTEREST_TRANSITIONS, InterestStatus
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus


def can_see_candidates(user: User, offer: Offer) -> bool:
    """The offer's own employer and the coordinator; consultants see offers from the participant's side."""
    if user.role == Role.EMPLOYER:
        return offer.organisation_id == user.organisation_id
    return user.role == Role.COORDINATOR


def can_express_interest(user: User, offer: Offer) -> bool:
    """Only the employer who owns a live offer asks to meet its candidates."""
    return user.role == Role.EMPLOYER and offer.organisation_id == user.organisation_id and offer.status == OfferStatus.LIVE


def can_propose(user: User, participant: Participant) -> bool:
    """The participant's own consultant proposes them, while they are active."""
    return (
        user.role == Role.CONSULTANT
        and participant.consultant_id == user.id
        and participant.status == ParticipantStatus.ACTIVE
    )


def can_withdraw_interest(user: User, interest: Interest) -> bool:
    """The employer's own organisation takes back a request that is still waiting for an answer."""
    return (
        user.role == Role.EMPLOYER
        and interest.organisation_id == user.organisation_id
        and INTEREST_TRANSITIONS.allows(interest.status, InterestStatus.WITHDRAWN)
    )


def can_answer_interest(user: User, interest: Interest) -> bool:
    """The participant's own consultant records the answer, while the interest is open."""
    return (
        user.role == Role.CONSULTANT
        and interest.participant.consultant_id == user.id
        and INTEREST_TRANSITIONS.allows(interest.status, InterestStatus.AGREED)
    )


def can_withdraw_consent(user: User, interest: Interest) -> bool:
    """The participant's own consultant records a withdrawal of consent."""
    return (
        user.role == Role.CONSULTANT
        and interest.participant.consultant_id == user.id
        and any(c.in_force for c in interest.consents)
    )
