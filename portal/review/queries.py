"""Reading reviews: an offer's decisions, the comments that still stand, and what a submission is compared with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from portal.extensions import db
from portal.offers import fields as F
from portal.offers.models import Offer, OfferSnapshot
from portal.review.models import Review


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


def last_reviewed_snapshot(offer: Offer, before: OfferSnapshot) -> OfferSnapshot | None:
    """The snapshot of the latest decision before this submission: what the diff compares with."""
    return db.session.scalar(
        select(OfferSnapshot)
        .join(Review, Review.snapshot_id == OfferSnapshot.id)
        .where(OfferSnapshot.offer_id == offer.id, OfferSnapshot.number < before.number)
        .order_by(OfferSnapshot.number.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class SubmissionUnderReview:
    """The version waiting for a decision (None: nothing waits), and how it differs from the last one decided."""

    pending: OfferSnapshot | None
    base: OfferSnapshot | None
    changes: list[F.Change]
    flags: dict[str, list[Any]]

    @property
    def changes_by_path(self) -> dict[str, F.Change]:
        return {change.path: change for change in self.changes}


def submission_under_review(offer: Offer) -> SubmissionUnderReview:
    pending = offer.pending_snapshot
    if pending is None:
        return SubmissionUnderReview(None, None, [], {})
    base = last_reviewed_snapshot(offer, pending)
    changes = F.diff(base.data, pending.data) if base is not None else []
    return SubmissionUnderReview(pending, base, changes, F.wording_flags(pending.data))
