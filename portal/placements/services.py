"""Recording a placement and moving it planned → active → ended. Flush, never commit."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.services import record_event
from portal.errors import FieldError
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.matching.vocabulary import PlacementKind
from portal.offers.models import Offer
from portal.participants.models import Participant
from portal.participants.states import PARTICIPANT_TRANSITIONS, ParticipantStatus
from portal.placements.models import Placement
from portal.placements.states import PLACEMENT_TRANSITIONS, FollowUpCadence, PlacementStatus
from portal.workflow import transition


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
    """The consultant records a placement of their own participant; the participant becomes placed."""
    if participant.consultant_id != actor.id:
        raise FieldError("participant", _("Choose one of your own participants"))
    if end_date < start_date:
        raise FieldError("end_date", _("The end date must be on or after the start date"))
    interest = db.session.scalar(
        select(Interest).where(
            Interest.offer_id == offer.id,
            Interest.participant_id == participant.id,
            Interest.status == InterestStatus.AGREED,
        )
    )
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


def change_placement_status(placement: Placement, target: PlacementStatus, *, actor: User) -> None:
    """Start or end the placement; the table refuses anything else."""
    transition(placement, target, table=PLACEMENT_TRANSITIONS, actor=actor)
    db.session.flush()
