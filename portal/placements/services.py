"""Recording a placement and moving it planned → active → ended. Flush, never commit.

Also the rule for what name a reader sees of the person placed: staff the name, the employer
a first name only while the participant's consent to meet them is in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from portal.accounts.models import User
from portal.audit.services import record_event, record_view
from portal.errors import FieldError
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.services import name_for_employer
from portal.interest.states import InterestStatus
from portal.offers.models import Offer
from portal.offers.queries import offers_for
from portal.offers.states import OfferStatus
from portal.offers.visibility import visible_copies, visible_copy
from portal.participants.models import Participant
from portal.participants.queries import visible_participants
from portal.participants.states import (
    PARTICIPANT_MACHINE,
    Outcome,
    ParticipantStatus,
)
from portal.placements import policies
from portal.placements.models import Placement
from portal.placements.states import (
    EVENT_TO,
    PLACEMENT_MACHINE,
    RUNNING_STATES,
    FollowUpCadence,
    PlacementStatus,
)
from portal.reference.vocabulary import PlacementKind
from portal.transactions import all_or_nothing
from portal.workflow import IllegalTransition


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
    PARTICIPANT_MACHINE.fire("place", participant, actor=actor, detail={"placement": placement.id})
    db.session.flush()
    return placement


def change_placement_status(
    placement: Placement, target: PlacementStatus, *, actor: User, outcome: Outcome | None = None
) -> None:
    """Start or end the placement; the table refuses anything else. An end needs its outcome.

    When it ends, a participant still marked placed goes back to looking (active); the consultant
    ends their participation on the participant's page if the placement led to a job or studies.
    """
    event = EVENT_TO.get(target)
    if event is None:
        raise IllegalTransition(PLACEMENT_MACHINE.name, placement.status, target)
    with all_or_nothing():
        if target is PlacementStatus.ENDED and outcome is None:
            raise FieldError("outcome", _("Choose how the placement ended"))
        detail = {"outcome": outcome.value} if target is PlacementStatus.ENDED else None
        PLACEMENT_MACHINE.fire(event, placement, actor=actor, detail=detail)
        if target is PlacementStatus.ENDED:
            placement.outcome = outcome
            _back_to_looking(placement, actor=actor)
        db.session.flush()


def _back_to_looking(placement: Placement, *, actor: User) -> None:
    """A participant still marked placed, with no other placement running, is active again."""
    participant = placement.participant
    others = db.session.scalar(
        select(Placement.id).where(
            Placement.participant_id == participant.id,
            Placement.id != placement.id,
            Placement.status.in_(RUNNING_STATES),
        )
    )
    if participant.status == ParticipantStatus.PLACED and others is None:
        PARTICIPANT_MACHINE.fire("placement_over", participant, actor=actor, detail={"placement_ended": placement.id})


def record_placements_view(placements: Sequence[Placement], *, actor: User) -> None:
    """One audit row for a page listing placements, naming every participant behind them (none: no row)."""
    if not placements:
        return
    record_event(
        "placements.listed", actor=actor, subject_type=Placement.__tablename__,
        detail={"participant_ids": [p.participant_id for p in placements]},
    )


def record_placement_form_view(choices: PlacementFormChoices, *, actor: User) -> None:
    """The new-placement form lists the consultant's participants by name: one row naming them."""
    record_view("placement.form_viewed", participant_ids=[p.id for p in choices.participants], actor=actor,
                subject_type=Placement.__tablename__)


def record_placement_view(placement: Placement, *, actor: User) -> None:
    record_event("placement.viewed", placement, actor=actor, detail={"participant": placement.participant_id})


def participant_name_for(user: User, placement: Placement) -> str:
    """Staff see the name; the employer a first name while the participant's consent is in force."""
    if policies.can_see_participant_details(user):
        return placement.participant.name
    return name_for_employer(placement.interest) or _("Name not shared")


def placement_defaults(user: User, interest: Interest | None, participant: Participant | None) -> dict:
    """A new placement form's first values: an agreed interest's pair and the offer's approved kind,
    or the participant the consultant came from."""
    if interest is not None:
        copy = visible_copy(user, interest.offer)
        return {
            "interest": str(interest.id),
            "participant": str(interest.participant_id),
            "offer": str(interest.offer_id),
            "kind": (copy.data.get("placement_kind") if copy is not None else None) or None,
        }
    return {"participant": str(participant.id)} if participant is not None else {}


@dataclass(frozen=True)
class PlacementFormChoices:
    participants: list[Participant]
    offers: list[tuple[Offer, str]]  # with the title the consultant may read


def placement_form_choices(user: User, interest: Interest | None) -> PlacementFormChoices:
    """The consultant's active participants and the live offers; an agreed interest brings its own pair."""
    participants = list(
        db.session.scalars(
            visible_participants(user).where(Participant.status == ParticipantStatus.ACTIVE).order_by(Participant.name)
        )
    )
    offers = offers_for(user)
    if interest is not None:
        if interest.participant not in participants:
            participants.append(interest.participant)
        if interest.offer not in offers:
            offers.append(interest.offer)
    titles = visible_copies(user, offers)
    return PlacementFormChoices(participants, [(o, titles[o.id].title if o.id in titles else "") for o in offers])
