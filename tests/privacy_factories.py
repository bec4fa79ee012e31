"""A participant with data in every table that holds participant data, for the erasure tests. Flush, never commit.

Built through the services where they exist (so mail, calendar invitations and audit rows are
the real ones), with the person's name written everywhere people write it in practice: the
consultant's notes, the consent, a meeting's location and reason, the participant's own words
at a follow-up, a form stashed at a session's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal.accounts.models import Role, User
from sqlalchemy import select

from portal.audit.services import record_event
from portal.clock import STOCKHOLM, now, today_in_stockholm
from portal.extensions import db
from portal.followups import services as followups
from portal.interest import services as interest_services
from portal.interest.models import ConsentMethod, Interest
from portal.interest.services import ConsentDetails
from portal.meetings import invitations
from portal.meetings.models import Meeting
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.participants.services import record_participant_view
from portal.placements.certificate import TaskLevel
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from portal.resume.services import stash_form
from tests.factories import make_user
from tests.meeting_factories import make_meeting, make_placement
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant


@dataclass
class Person:
    participant: Participant
    consultant: User
    employer: User
    other_employer: User
    offer: Offer
    interest: Interest
    placement: Placement
    introduction: Meeting
    follow_up: Meeting


def person_with_everything(name: str, *, consultant: User | None = None, employer: User | None = None,
                           other_employer: User | None = None) -> Person:
    """A participant who was proposed, asked for by two employers (one agreed, one declined), met one,
    was placed there and followed up; whose placement ended long enough ago for no hold to apply."""
    first = name.split()[0]
    consultant = consultant or make_user(role=Role.CONSULTANT)
    employer = employer or make_user(role=Role.EMPLOYER)
    other_employer = other_employer or make_user(role=Role.EMPLOYER)
    participant = make_participant(
        consultant=consultant, name=name, wishes=f"{first} vill jobba i kök.", notes=f"Ring {name} på förmiddagen.",
        tasks_done_other=["Diska"],
    )
    offer = make_offer(employer, status=OfferStatus.LIVE, tasks=2, supervisor_email=f"handledare{employer.id}@example.se")
    other_offer = make_offer(other_employer, status=OfferStatus.LIVE)

    interest_services.propose_participant(offer, participant, actor=consultant)
    interest = interest_services.express_interest(offer, participant, employer=employer, message=f"Vi vill gärna träffa {first}.")
    interest_services.answer_interest(interest, agrees=True, actor=consultant, consent=ConsentDetails(
        method=ConsentMethod.PHONE, given_on=today_in_stockholm() - timedelta(days=100),
        covers=f"{first} delar förnamnet med arbetsgivaren",
    ))
    declined = interest_services.express_interest(other_offer, participant, employer=other_employer)
    interest_services.answer_interest(declined, agrees=False, actor=consultant)

    # Each person's meetings at their own hours: one consultant's meetings never overlap.
    shift = timedelta(hours=2 * participant.id)
    long_ago = now() - timedelta(days=90) + shift
    introduction = make_meeting(interest=interest, starts_at=long_ago, location_details=f"Fråga efter {name} i receptionen",
                                last_reason=f"{first} blev sjuk")
    invitations.notify(introduction, "confirmed", invitations.everyone(introduction), method="REQUEST", actor=consultant)
    record_event("meeting.moved", introduction, actor=consultant, detail={"reason": f"{name} var sjuk", "kind": "introduction"})

    ended = today_in_stockholm() - timedelta(days=45)
    placement = make_placement(employer, consultant, offer=offer, participant=participant, status=PlacementStatus.ENDED,
                               start_date=ended - timedelta(days=60), end_date=ended, interest_id=interest.id)
    record_event("placement.recorded", placement, actor=consultant, detail={"offer": offer.id, "participant": participant.id})
    follow_up = make_meeting(placement=placement, starts_at=datetime.combine(ended - timedelta(days=10), datetime.min.time(), STOCKHOLM) + shift)
    first_task, second_task = offer.tasks
    followups.record_follow_up(
        follow_up, consultant, attended=["consultant", "participant", "supervisor"],
        goes_well=f"{first} kommer i tid", to_adjust="Kortare pass", next_step="Prova kassan",
        participant_view=f"Jag heter {name} och jag trivs", levels={first_task.id: TaskLevel.WITH_SUPPORT, second_task.id: TaskLevel.ON_OWN},
    )
    followups.add_supervisor_view(follow_up, employer, comment=f"{first} är duktig", levels={first_task.id: TaskLevel.PARTLY_ON_OWN})

    record_participant_view(participant, actor=consultant)
    stash_form(f"/participants/{participant.id}/edit", {"name": [name], "notes": ["Ny anteckning"]})
    stash_form("/placements/new", {"note": [f"Placera {name}"]})
    db.session.flush()
    return Person(participant, consultant, employer, other_employer, offer, interest, placement, introduction, follow_up)


def mark_all_mail_sent(but_last: int = 0) -> None:
    """Half of life: most mail has left; the newest `but_last` messages have not."""
    messages = list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    for message in messages[: len(messages) - but_last]:
        message.sent_at = now()
    db.session.flush()

