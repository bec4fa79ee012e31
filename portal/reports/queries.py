"""Reading the facts the figures are computed from: a fixed number of queries, columns only.

No names and no ids beyond what joins them leave this module: the figures are counts.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import func, select

from portal.clock import STOCKHOLM
from portal.extensions import db
from portal.interest.models import Interest
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingKind, MeetingStatus
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from portal.reports.figures import (
    ApprovalFact,
    Facts,
    InterestFact,
    IntroductionFact,
    OfferFact,
    ParticipantFact,
    PlacementFact,
)
from portal.review.models import Decision, Review

# An offer in one of these states took nobody after it last changed.
_STOPPED = (OfferStatus.CLOSED, OfferStatus.EXPIRED, OfferStatus.FILLED)


def _day(moment: datetime | None) -> date | None:
    return moment.astimezone(STOCKHOLM).date() if moment is not None else None


def _offers() -> tuple[list[OfferFact], dict[int, int]]:
    first_approval = (
        select(Review.offer_id, func.min(Review.decided_at).label("approved_at"))
        .where(Review.decision == Decision.APPROVED).group_by(Review.offer_id).subquery()
    )
    rows = db.session.execute(
        select(Offer.id, Offer.industry, Offer.placement_kind, Offer.places, Offer.status, Offer.end_date,
               Offer.updated_at, first_approval.c.approved_at)
        .join(first_approval, first_approval.c.offer_id == Offer.id)
        .order_by(Offer.id)
    ).all()
    offers, index = [], {}
    for row in rows:
        stopped = _day(row.updated_at) if row.status in _STOPPED else None
        ended = min(day for day in (row.end_date, stopped) if day is not None) if (row.end_date or stopped) else None
        index[row.id] = len(offers)
        offers.append(OfferFact(row.industry, row.placement_kind, row.places or 0, _day(row.approved_at), ended))
    return offers, index


def _placements(offer_index: dict[int, int]) -> list[PlacementFact]:
    held: dict[int, list[date]] = defaultdict(list)
    for placement_id, starts_at in db.session.execute(
        select(Meeting.placement_id, Meeting.starts_at).where(
            Meeting.kind == MeetingKind.FOLLOW_UP, Meeting.status == MeetingStatus.CONFIRMED,
            Meeting.starts_at.is_not(None),
        )
    ):
        held[placement_id].append(_day(starts_at))
    rows = db.session.execute(
        select(Placement.id, Placement.offer_id, Offer.industry, Placement.kind, Participant.gender,
               Placement.start_date, Placement.end_date, Placement.status, Placement.outcome,
               Placement.follow_up_cadence)
        .join(Offer, Offer.id == Placement.offer_id)
        .join(Participant, Participant.id == Placement.participant_id)
        .order_by(Placement.id)
    ).all()
    return [
        PlacementFact(
            offer_index=offer_index.get(row.offer_id), industry=row.industry, kind=row.kind, gender=row.gender,
            start=row.start_date, end=row.end_date, started=row.status != PlacementStatus.PLANNED,
            ended=row.status == PlacementStatus.ENDED, outcome=row.outcome, cadence=row.follow_up_cadence,
            follow_ups_held=tuple(sorted(held[row.id])),
        )
        for row in rows
    ]


def load_facts(today: date) -> Facts:
    """Every fact the figures use, in seven queries whatever the data size."""
    offers, offer_index = _offers()
    participants = [
        ParticipantFact(gender, status, _day(created_at))
        for gender, status, created_at in db.session.execute(
            select(Participant.gender, Participant.status, Participant.created_at)
        )
    ]
    interests = [
        InterestFact(gender, status, _day(created_at), _day(answered_at))
        for gender, status, created_at, answered_at in db.session.execute(
            select(Participant.gender, Interest.status, Interest.created_at, Interest.answered_at)
            .join(Participant, Participant.id == Interest.participant_id)
        )
    ]
    introductions = [
        IntroductionFact(industry, gender, _day(starts_at))
        for industry, gender, starts_at in db.session.execute(
            select(Offer.industry, Participant.gender, Meeting.starts_at)
            .join(Interest, Interest.id == Meeting.interest_id)
            .join(Offer, Offer.id == Interest.offer_id)
            .join(Participant, Participant.id == Interest.participant_id)
            .where(Meeting.kind == MeetingKind.INTRODUCTION, Meeting.status == MeetingStatus.CONFIRMED,
                   Meeting.starts_at.is_not(None))
        )
        if _day(starts_at) < today  # held, not only booked
    ]
    approvals = [
        ApprovalFact(_day(submitted_at), _day(decided_at))
        for submitted_at, decided_at in db.session.execute(
            select(OfferSnapshot.submitted_at, Review.decided_at)
            .join(OfferSnapshot, OfferSnapshot.id == Review.snapshot_id)
            .where(Review.decision == Decision.APPROVED)
        )
    ]
    return Facts(offers, participants, interests, introductions, _placements(offer_index), approvals)
