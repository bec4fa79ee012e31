"""Factories for offers: a complete working copy, submitted, reviewed, live. Flush, never commit."""

from __future__ import annotations

from datetime import date

from portal.extensions import db
from portal.offers import services
from portal.offers.models import Offer, OfferTask
from portal.offers.states import OfferStatus
from portal.reference.vocabulary import PhysicalDemand, PlacementKind, SwedishLevel
from portal.review.models import Decision

COMPLETE = {
    "title": "Diskare i restaurangkök",
    "industry": "I",
    "address": "Storgatan 1, 123 45 Småstad",
    "area": "centrum",
    "public_transport": "Buss 4 till Torget, sedan 3 minuters promenad.",
    "places": 2,
    "pair_placement": True,
    "days": ["mon", "tue", "wed"],
    "times_of_day": ["daytime"],
    "hours_description": "8–12",
    "hours_per_week": 12,
    "start_date": date(2027, 3, 1),
    "length_weeks": 12,
    "adaptations": ["instructions_shown", "hours_and_pace"],
    "adaptations_note": "",
    "placement_kind": PlacementKind.PRAKTIK.value,
    "supervisor_name": "Eva Berg",
    "supervisor_role": "Köksansvarig",
    "supervisor_phone": "070-123 45 67",
    "supervisor_email": "",
}
TASK = {
    "name": "Diska",
    "description": "Diska glas, tallrikar och bestick i diskmaskinen och ställa in dem.",
    "frequency": "daily",
    "physical_demand": PhysicalDemand.MODERATE.value,
    "swedish_needed": SwedishLevel.NONE.value,
    "can_be_shown": True,
    "tools": "Diskmaskin, handskar",
    "family": "dishwashing_kitchen",
}


# The employer's move that reaches each state from live.
MOVE_TO = {OfferStatus.PAUSED: "pause", OfferStatus.FILLED: "mark_filled", OfferStatus.CLOSED: "close"}


def make_offer(employer, *, status: OfferStatus = OfferStatus.DRAFT, tasks: int = 1, **overrides) -> Offer:
    """An offer of the employer's organisation with every answer given, brought to `status` the way users do."""
    offer = services.create_offer(employer)
    services.save_offer_answers(offer, {**COMPLETE, **overrides})
    for n in range(tasks):
        services.add_task(offer, {**TASK, "name": TASK["name"] if n == 0 else f"Uppgift {n + 1}"})
    if status == OfferStatus.DRAFT:
        return offer
    services.submit_offer(offer, employer)
    if status == OfferStatus.SUBMITTED:
        return offer
    from portal.accounts.models import Role
    from portal.review.services import decide
    from tests.factories import make_user

    coordinator = make_user(role=Role.COORDINATOR)
    decision = {
        OfferStatus.CHANGES_REQUESTED: Decision.CHANGES_REQUESTED,
        OfferStatus.REJECTED: Decision.REJECTED,
    }.get(status, Decision.APPROVED)
    decide(
        offer,
        snapshot_id=offer.pending_snapshot_id,
        decision=decision,
        reason="Nej" if decision == Decision.REJECTED else "",
        comments={"title": "Skriv tydligare"} if decision == Decision.CHANGES_REQUESTED else {},
        reviewer=coordinator,
    )
    if status in (OfferStatus.CHANGES_REQUESTED, OfferStatus.REJECTED, OfferStatus.LIVE):
        return offer
    if status in (OfferStatus.PAUSED, OfferStatus.FILLED, OfferStatus.CLOSED, OfferStatus.EXPIRED):
        if status == OfferStatus.EXPIRED:
            services.expire_offers(date(2099, 1, 1))
        else:
            services.change_status(offer, MOVE_TO[status], employer)
        return offer
    raise ValueError(f"make_offer cannot reach {status}")


def first_task(offer: Offer) -> OfferTask:
    db.session.refresh(offer)
    return offer.tasks[0]
