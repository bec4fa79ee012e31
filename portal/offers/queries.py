"""Reading offers, always through what the caller may see: another organisation's id is a 404."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, select

from portal.accounts.models import Role
from portal.extensions import db
from portal.offers import fields as F
from portal.offers.models import Offer, OfferTask
from portal.offers.states import OfferStatus
from portal.offers.visibility import is_inside_organisation


def _visible(user) -> Select:
    query = select(Offer)
    if user.role == Role.EMPLOYER:
        return query.where(Offer.organisation_id == user.organisation_id)
    if user.role == Role.CONSULTANT:
        # Consultants read live offers only, and only their approved snapshot.
        return query.where(Offer.status == OfferStatus.LIVE, Offer.live_snapshot_id.is_not(None))
    # The coordinator: everything that was ever sent; a draft is seen by nobody outside the organisation.
    return query.where(Offer.status != OfferStatus.DRAFT)


def offers_for(user) -> list[Offer]:
    return list(db.session.scalars(_visible(user).order_by(Offer.updated_at.desc(), Offer.id.desc())))


def get_offer_for(user, offer_id: int) -> Offer:
    """The offer if the user may see it; 404 otherwise, so nobody learns that the id exists."""
    offer = db.session.scalar(_visible(user).where(Offer.id == offer_id))
    if offer is None:
        abort(404)
    return offer


def offer_exists(offer_id: int) -> bool:
    """Whether an offer with this id exists (for keeping what a signed-out editor typed; nothing of it is shown)."""
    return db.session.scalar(select(Offer.id).where(Offer.id == offer_id)) is not None


def get_task(offer: Offer, task_id: int) -> OfferTask:
    task = db.session.scalar(select(OfferTask).where(OfferTask.id == task_id, OfferTask.offer_id == offer.id))
    if task is None:
        abort(404)
    return task


def has_unsent_changes(user, offer: Offer) -> bool:
    """Inside the organisation: the working copy differs from what was approved and nothing is waiting for review."""
    if not is_inside_organisation(user, offer) or offer.live_snapshot is None or offer.pending_snapshot_id:
        return False
    return offer.live_snapshot.data != F.offer_data(offer)
