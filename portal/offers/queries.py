"""Reading offers, always through what the caller may see: another organisation's id is a 404."""

from __future__ import annotations

from flask import abort
from sqlalchemy import Select, select

from portal.accounts.models import Role
from portal.extensions import db
from portal.offers.models import Offer, OfferSnapshot, OfferTask
from portal.offers.states import OfferStatus
from portal.review.models import Review


def _visible(user) -> Select:
    query = select(Offer)
    if user.role == Role.EMPLOYER:
        return query.where(Offer.organisation_id == user.organisation_id)
    if user.role == Role.CONSULTANT:
        # Consultants read live offers only, and only their approved snapshot.
        return query.where(Offer.status == OfferStatus.LIVE, Offer.live_snapshot_id.is_not(None))
    return query


def offers_for(user) -> list[Offer]:
    return list(db.session.scalars(_visible(user).order_by(Offer.updated_at.desc(), Offer.id.desc())))


def get_offer_for(user, offer_id: int) -> Offer:
    """The offer if the user may see it; 404 otherwise, so nobody learns that the id exists."""
    offer = db.session.scalar(_visible(user).where(Offer.id == offer_id))
    if offer is None:
        abort(404)
    return offer


def get_task(offer: Offer, task_id: int) -> OfferTask:
    task = db.session.scalar(select(OfferTask).where(OfferTask.id == task_id, OfferTask.offer_id == offer.id))
    if task is None:
        abort(404)
    return task


def snapshot(snapshot_id: int | None) -> OfferSnapshot | None:
    return db.session.get(OfferSnapshot, snapshot_id) if snapshot_id else None


def reviews_of(offer: Offer) -> list[Review]:
    """Every decision on this offer, newest first: the history the employer and coordinator see."""
    return list(
        db.session.scalars(select(Review).where(Review.offer_id == offer.id).order_by(Review.decided_at.desc(), Review.id.desc()))
    )


def open_review(offer: Offer) -> Review | None:
    """The latest decision, if nothing was sent since: its comments still stand beside the fields."""
    latest = db.session.scalar(
        select(Review).where(Review.offer_id == offer.id).order_by(Review.decided_at.desc(), Review.id.desc()).limit(1)
    )
    if latest is None or offer.pending_snapshot_id is not None:
        return None
    newest = db.session.scalar(select(OfferSnapshot.id).where(OfferSnapshot.offer_id == offer.id).order_by(OfferSnapshot.number.desc()).limit(1))
    return latest if latest.snapshot_id == newest else None


def open_comments(offer: Offer) -> dict[str, list[str]]:
    """The standing comments by field path (a task's comments under `tasks.<id>`)."""
    review = open_review(offer)
    comments: dict[str, list[str]] = {}
    if review is not None:
        for comment in review.comments:
            comments.setdefault(comment.field, []).append(comment.text)
    return comments
