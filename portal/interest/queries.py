"""Reading interest, always through the caller: another consultant's interest is a 404."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.matching.service import candidate_name
from portal.offers.models import Offer
from portal.participants.models import Participant


def _visible(user: User) -> Select:
    query = select(Interest).join(Participant, Participant.id == Interest.participant_id)
    if user.role == Role.CONSULTANT:
        return query.where(Participant.consultant_id == user.id)
    if user.role == Role.COORDINATOR:
        return query
    return query.where(False)


def get_interest_or_404(user: User, interest_id: int) -> Interest:
    """An interest in one of the consultant's participants (any for the coordinator); 404 otherwise."""
    interest = db.session.scalar(_visible(user).where(Interest.id == interest_id))
    if interest is None:
        abort(404)
    return interest


def interest_by_pseudonym_or_404(offer: Offer, pseudonym: str) -> Interest:
    """The offer's request to meet the candidate the employer knows by `pseudonym`; 404 otherwise.

    Employers never see participant ids: the request is found again among the offer's own."""
    interest = next(
        (i for i in interests_for_offer(offer) if candidate_name(i.organisation_id, i.participant_id) == pseudonym), None
    )
    if interest is None:
        abort(404)
    return interest


def get_agreed_interest_or_404(user: User, interest_id: int) -> Interest:
    """An agreed interest the user may see (one that may become a placement); 404 otherwise."""
    interest = get_interest_or_404(user, interest_id)
    if interest.status != InterestStatus.AGREED:
        abort(404)
    return interest


def open_interests_for(user: User) -> list[Interest]:
    """The task list: open interests in the caller's caseload, oldest first."""
    return list(
        db.session.scalars(
            _visible(user)
            .where(Interest.status == InterestStatus.OPEN)
            .options(selectinload(Interest.participant), selectinload(Interest.organisation))
            .order_by(Interest.created_at, Interest.id)
        )
    )


def interests_for_offer(offer: Offer) -> list[Interest]:
    """Every interest in the offer, newest first, with what the employer's view needs loaded."""
    return list(
        db.session.scalars(
            select(Interest)
            .where(Interest.offer_id == offer.id)
            .options(
                selectinload(Interest.participant).selectinload(Participant.consultant),
                selectinload(Interest.consents),
            )
            .order_by(Interest.created_at.desc(), Interest.id.desc())
        )
    )
