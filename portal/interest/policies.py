"""Who may do what with candidates and interest. Seeing is decided by scoped queries.

The moves of an interest (answer, withdraw) are guarded in interest/states.py; these ask it.
"""

from __future__ import annotations

from portal.accounts.models import Role, User
from portal.interest.models import Interest
from portal.interest.states import INTEREST_MACHINE
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


def can_propose_participant(user: User, participant: Participant) -> bool:
    """The participant's own consultant proposes them, while they are active."""
    return (
        user.role == Role.CONSULTANT
        and participant.consultant_id == user.id
        and participant.status == ParticipantStatus.ACTIVE
    )


def can_withdraw_interest(user: User, interest: Interest) -> bool:
    """The employer's own organisation takes back a request that is still waiting for an answer."""
    return INTEREST_MACHINE.can("withdraw", interest, user)


def can_answer_interest(user: User, interest: Interest) -> bool:
    """The participant's own consultant records the answer, while the interest is open."""
    return INTEREST_MACHINE.can("agree", interest, user) and INTEREST_MACHINE.can("decline", interest, user)


def can_withdraw_consent(user: User, interest: Interest) -> bool:
    """The participant's own consultant records a withdrawal of consent."""
    return (
        user.role == Role.CONSULTANT
        and interest.participant.consultant_id == user.id
        and any(c.in_force for c in interest.consents)
    )


def can_place_from_interest(user: User, interest: Interest) -> bool:
    """An agreed interest with consent in force becomes a placement, by the consultant, while the
    participant is still looking (active)."""
    return can_withdraw_consent(user, interest) and interest.participant.status == ParticipantStatus.ACTIVE
