"""Who may do what with an offer; routes check these at the top and answer 403."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.employers.states import VettingStatus
from portal.offers.states import EDITABLE_STATES, EMPLOYER_ACTIONS, OFFER_TRANSITIONS, OfferStatus


def _own(user, offer) -> bool:
    return user.role == Role.EMPLOYER and user.organisation_id == offer.organisation_id


def can_create_offer(user) -> bool:
    """Any employer may write drafts, even before the organisation is approved."""
    return user.role == Role.EMPLOYER and user.organisation_id is not None


def can_edit_offer(user, offer) -> bool:
    """The employer's own offer, while it is still open to changes."""
    return _own(user, offer) and offer.status in EDITABLE_STATES


def organisation_may_submit(organisation) -> bool:
    """Only an approved organisation sends offers for review.

    Until portal.employers.policies.can_submit_offers exists on main, this reads the
    organisation's vetting status directly.
    """
    try:
        from portal.employers.policies import can_submit_offers  # type: ignore[import-not-found]
    except ImportError:
        return organisation.status == VettingStatus.APPROVED
    return can_submit_offers(organisation)


def can_submit_offer(user, offer) -> bool:
    """The employer's own editable offer, from an approved organisation."""
    return can_edit_offer(user, offer) and organisation_may_submit(offer.organisation)


def can_delete_offer(user, offer) -> bool:
    """A draft that was never sent; anything sent is withdrawn instead, so its history stays."""
    return _own(user, offer) and offer.status == OfferStatus.DRAFT and not offer.snapshots


def can_change_offer_status(user, offer, action: str) -> bool:
    """The employer's own offer, if the transition table allows the move the button names."""
    target = EMPLOYER_ACTIONS.get(action)
    if target is None or not _own(user, offer):
        return False
    if action == "resume" and offer.status != OfferStatus.PAUSED:
        return False  # submitted → live is the coordinator's approval, not a resume
    if action == "withdraw" and offer.status == OfferStatus.DRAFT:
        return False  # a draft is deleted, not withdrawn
    return OFFER_TRANSITIONS.allows(offer.status, target)


def employer_actions(user, offer) -> list[str]:
    return [action for action in EMPLOYER_ACTIONS if can_change_offer_status(user, offer, action)]


def can_review_offers(user) -> bool:
    return user.role == Role.COORDINATOR


def can_decide_offer(user, offer) -> bool:
    """A coordinator, on an offer that has a submission waiting."""
    return can_review_offers(user) and offer.pending_snapshot_id is not None
