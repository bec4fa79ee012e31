"""Recording a placement and moving it planned → active → ended. Flush, never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.errors import FieldError
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.reference.vocabulary import PlacementKind
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from portal.participants.states import PARTICIPANT_TRANSITIONS, ParticipantStatus
from portal.placements.models import Placement
from portal.placements.states import (
    PLACEMENT_TRANSITIONS,
    FollowUpCadence,
    PlacementOutcome,
    PlacementStatus,
)
from portal.workflow import transition


def agreed_interest(offer: Offer, participant: Participant) -> Interest | None:
    return db.session.scalar(
        select(Interest).where(
            Interest.offer_id == offer.id,
            Interest.participant_id == participant.id,
            Interest.status == InterestStatus.AGREED,
        )
    )


def record_placement(
    offer: Offer,
    participant: Participant,
    *,
    actor: User,
    kind: PlacementKind,
    start_date: date,
    end_date: date,
    cadence: FollowUpCadence = FollowUpCadence.BIWEEKLY,
) -> Placement:
    """The consultant records a placement of their own participant; the participant becomes placed.

    The participant either agreed to meet this employer (an agreed interest), or the offer is
    live and the consultant found the place another way.
    """
    if participant.consultant_id != actor.id:
        raise FieldError("participant", _("Choose one of your own participants"))
    if participant.status != ParticipantStatus.ACTIVE:
        raise FieldError("participant", _("Only a participant who is looking for a placement can be placed"))
    if end_date < start_date:
        raise FieldError("end_date", _("The end date must be on or after the start date"))
    interest = agreed_interest(offer, participant)
    if interest is None and offer.status != OfferStatus.LIVE:
        raise FieldError("offer", _("Choose a live offer, or one the participant agreed to meet the employer about"))
    placement = Placement(
        offer_id=offer.id,
        participant_id=participant.id,
        organisation_id=offer.organisation_id,
        consultant_id=actor.id,
        interest_id=interest.id if interest else None,
        kind=kind,
        start_date=start_date,
        end_date=end_date,
        follow_up_cadence=cadence,
        recorded_by_id=actor.id,
    )
    db.session.add(placement)
    db.session.flush()
    record_event("placement.recorded", placement, actor=actor, detail={"offer": offer.id, "participant": participant.id})
    transition(participant, ParticipantStatus.PLACED, table=PARTICIPANT_TRANSITIONS, actor=actor, detail={"placement": placement.id})
    db.session.flush()
    return placement


def change_placement_status(
    placement: Placement, target: PlacementStatus, *, actor: User, outcome: PlacementOutcome | None = None
) -> None:
    """Start or end the placement; the table refuses anything else. An end needs its outcome.

    When it ends, a participant still marked placed goes back to looking (active); the consultant
    ends their participation on the participant's page if the placement led to a job or studies.
    """
    if target is PlacementStatus.ENDED and outcome is None:
        raise FieldError("outcome", _("Choose how the placement ended"))
    detail = {"outcome": outcome.value} if target is PlacementStatus.ENDED and outcome else None
    transition(placement, target, table=PLACEMENT_TRANSITIONS, actor=actor, detail=detail)
    if target is PlacementStatus.ENDED:
        placement.outcome = outcome.value
        participant = placement.participant
        others = db.session.scalar(
            select(Placement.id).where(
                Placement.participant_id == participant.id,
                Placement.id != placement.id,
                Placement.status.in_([PlacementStatus.PLANNED, PlacementStatus.ACTIVE]),
            )
        )
        if participant.status == ParticipantStatus.PLACED and others is None:
            transition(
                participant, ParticipantStatus.ACTIVE, table=PARTICIPANT_TRANSITIONS, actor=actor,
                detail={"placement_ended": placement.id},
            )
    db.session.flush()


def record_placements_view(placements: Sequence[Placement], *, actor: User) -> None:
    """One audit row for a page listing placements, naming every participant behind them."""
    record_event(
        "placements.listed", actor=actor, subject_type=Placement.__tablename__,
        detail={"participant_ids": [p.participant_id for p in placements]},
    )


def record_placement_view(placement: Placement, *, actor: User) -> None:
    record_event("placement.viewed", placement, actor=actor, detail={"participant": placement.participant_id})
