"""The one rule for which copy of an offer a person may read.

Inside the employer's organisation: the working copy, as it is being written. Everyone else
(consultants, the coordinator, matching, e-mail and calendar invitations) reads only what the
coordinator approved: the live snapshot, which stays what it was while a change waits for
review. Before anything was approved, the coordinator reads the newest submission (that is
what they review); a draft that was never sent is seen by nobody outside the organisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.extensions import db
from portal.offers import fields as F
from portal.offers.models import Offer, OfferSnapshot


@dataclass(frozen=True, slots=True)
class OfferCopy:
    """The offer as one person may read it: plain values, the shape a snapshot stores."""

    offer_id: int
    data: Mapping[str, Any]
    working_copy: bool  # True inside the organisation: not necessarily what was approved

    @property
    def title(self) -> str:
        return self.data.get("title") or ""

    @property
    def tasks(self) -> list[Mapping[str, Any]]:
        return list(self.data.get("tasks") or [])


def is_inside_organisation(user, offer: Offer) -> bool:
    return user is not None and user.role == Role.EMPLOYER and user.organisation_id == offer.organisation_id


def visible_copy(user, offer: Offer) -> OfferCopy | None:
    """The copy `user` may read (None: nothing of it may be shown to them)."""
    return visible_copies(user, [offer]).get(offer.id)


def visible_copies(user, offers: Iterable[Offer]) -> dict[int, OfferCopy]:
    """The copies `user` may read of each offer, by offer id, in at most two queries."""
    offers = list(offers)
    copies = {
        offer.id: OfferCopy(offer.id, F.offer_data(offer), working_copy=True)
        for offer in offers
        if is_inside_organisation(user, offer)
    }
    outside = [offer for offer in offers if offer.id not in copies]
    snapshot_ids = {offer.id: offer.live_snapshot_id for offer in outside if offer.live_snapshot_id}
    if user is not None and user.role == Role.COORDINATOR:
        never_approved = [offer.id for offer in outside if not offer.live_snapshot_id]
        if never_approved:
            snapshot_ids.update(
                db.session.execute(
                    select(OfferSnapshot.offer_id, func.max(OfferSnapshot.id))
                    .where(OfferSnapshot.offer_id.in_(never_approved))
                    .group_by(OfferSnapshot.offer_id)
                ).all()
            )
    if snapshot_ids:
        rows = db.session.execute(
            select(OfferSnapshot.id, OfferSnapshot.data).where(OfferSnapshot.id.in_(set(snapshot_ids.values())))
        ).all()
        data_by_snapshot = dict(rows)
        for offer_id, snapshot_id in snapshot_ids.items():
            copies[offer_id] = OfferCopy(offer_id, data_by_snapshot[snapshot_id], working_copy=False)
    return copies


def approved_data(offer: Offer) -> dict[str, Any] | None:
    """What the coordinator approved (the live snapshot's data), whatever the offer's state now."""
    if offer.live_snapshot_id is None:
        return None
    snapshot = db.session.get(OfferSnapshot, offer.live_snapshot_id)
    return snapshot.data if snapshot is not None else None


def approved_title(offer: Offer) -> str:
    """The approved title: what mail and calendar invitations that reach outside the organisation say."""
    return (approved_data(offer) or {}).get("title") or ""


def title_for(user, offer: Offer) -> str:
    """The title `user` may read; empty when they may read nothing of the offer."""
    copy = visible_copy(user, offer)
    return copy.title if copy is not None else ""
