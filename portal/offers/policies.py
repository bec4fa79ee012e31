"""Who may do what with an offer; routes check these at the top and answer 403.

The lifecycle's moves and their conditions live in lifecycle.py; these read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import Role
from portal.offers.lifecycle import (
    EMPLOYER_MOVES,
    OFFER_LIFECYCLE,
    is_own_offer,
    may_send,
)
from portal.offers.states import EDITABLE_STATES, OfferStatus


def can_create_offer(user) -> bool:
    """Any employer may write drafts, even before the organisation is approved."""
    return user.role == Role.EMPLOYER and user.organisation_id is not None


def can_edit_offer(user, offer) -> bool:
    """The employer's own offer, while it is still open to changes."""
    return is_own_offer(offer, user) and offer.status in EDITABLE_STATES


def can_submit_offer(user, offer) -> bool:
    """The employer's own editable offer, from an approved organisation (what is missing is said on the page)."""
    return can_edit_offer(user, offer) and may_send(offer, user)


def can_delete_offer(user, offer) -> bool:
    """A draft, which was never sent; anything sent is withdrawn instead, so its history stays."""
    return is_own_offer(offer, user) and offer.status == OfferStatus.DRAFT


def can_change_offer_status(user, offer, move: str) -> bool:
    """The employer's own offer, if the lifecycle allows the move the button names now."""
    return move in EMPLOYER_MOVES and OFFER_LIFECYCLE.can(move, offer, user)


def status_moves_for(user, offer) -> list[str]:
    """The buttons the offer page shows: the employer's moves the lifecycle allows now."""
    return [move for move in OFFER_LIFECYCLE.available(offer, user) if move in EMPLOYER_MOVES]


def can_review_offers(user) -> bool:
    return user.role == Role.COORDINATOR


def can_decide_offer(user, offer) -> bool:
    """A coordinator, on an offer that has a submission waiting."""
    return can_review_offers(user) and offer.pending_snapshot_id is not None


def can_read_offer_reviews(user, offer) -> bool:
    """The decisions, standing comments and waiting version: the employer's own and the coordinator's, not consultants'."""
    return is_own_offer(offer, user) or can_review_offers(user)


def can_open_candidates(user, offer) -> bool:
    """Whether the offer page links to its candidates: a live offer, for its employer or the coordinator."""
    return offer.status == OfferStatus.LIVE and can_read_offer_reviews(user, offer)


def can_see_every_organisation(user) -> bool:
    """Staff read offers of many organisations, so lists name the employer."""
    return user.role in (Role.COORDINATOR, Role.CONSULTANT)


@dataclass(frozen=True)
class OfferPagePermissions:
    """What the offer page may show and offer this person: the policies above, answered once."""

    can_edit: bool
    can_delete: bool
    can_review: bool
    can_open_candidates: bool
    can_read_reviews: bool
    status_moves: list[str]


def offer_page_permissions(user, offer) -> OfferPagePermissions:
    return OfferPagePermissions(
        can_edit=can_edit_offer(user, offer),
        can_delete=can_delete_offer(user, offer),
        can_review=can_decide_offer(user, offer),
        can_open_candidates=can_open_candidates(user, offer),
        can_read_reviews=can_read_offer_reviews(user, offer),
        status_moves=status_moves_for(user, offer),
    )
