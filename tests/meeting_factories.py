"""Factories for meetings: an agreed interest, a placement, a meeting. Flush, never commit.

Interest and Placement rows are made directly here (their services belong to the matching and
placements work); only the fields bookings read are filled in.
"""

from __future__ import annotations

import uuid
from datetime import UTC as _UTC
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.interest.models import Consent, ConsentMethod, Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import LocationKind, MeetingKind, MeetingStatus
from portal.offers.states import OfferStatus
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind
from tests.factories import make_user, make_window
from tests.offer_factories import make_offer
from tests.participant_factories import make_participant


def make_interest(employer=None, consultant=None, *, status=InterestStatus.AGREED, consent=True, offer=None, **overrides) -> Interest:
    employer = employer or make_user(role=Role.EMPLOYER)
    consultant = consultant or make_user(role=Role.CONSULTANT)
    offer = offer or make_offer(employer, status=OfferStatus.LIVE, supervisor_email="handledare@example.se")
    participant = overrides.pop("participant", None) or make_participant(consultant=consultant, name="Amina Yusuf")
    interest = Interest(
        offer_id=offer.id,
        participant_id=participant.id,
        organisation_id=employer.organisation_id,
        employer_user_id=employer.id,
        status=status,
        **overrides,
    )
    db.session.add(interest)
    db.session.flush()
    if consent:
        db.session.add(
            Consent(
                participant_id=participant.id,
                interest_id=interest.id,
                given_at=datetime(2029, 12, 1, 10, tzinfo=_UTC),
                method=ConsentMethod.IN_PERSON,
                covers="Förnamn och konsultens kontaktuppgifter",
                recorded_by_id=consultant.id,
            )
        )
        db.session.flush()
    db.session.refresh(interest)
    return interest


def make_placement(employer=None, consultant=None, *, status=PlacementStatus.ACTIVE, offer=None, tasks=2, **overrides) -> Placement:
    employer = employer or make_user(role=Role.EMPLOYER)
    consultant = consultant or make_user(role=Role.CONSULTANT)
    offer = offer or make_offer(employer, status=OfferStatus.LIVE, tasks=tasks, supervisor_email="handledare@example.se")
    participant = overrides.pop("participant", None) or make_participant(consultant=consultant, name="Amina Yusuf")
    values = {
        "kind": PlacementKind.PRAKTIK,
        "start_date": date(2029, 12, 3),
        "end_date": date(2030, 3, 1),
        "follow_up_cadence": FollowUpCadence.BIWEEKLY,
        "status": status,
    }
    values.update(overrides)
    placement = Placement(
        offer_id=offer.id,
        participant_id=participant.id,
        organisation_id=employer.organisation_id,
        consultant_id=consultant.id,
        recorded_by_id=consultant.id,
        **values,
    )
    db.session.add(placement)
    db.session.flush()
    return placement


def make_meeting(*, interest=None, placement=None, status=MeetingStatus.CONFIRMED, starts_at=None, minutes=60, **overrides) -> Meeting:
    subject = interest if interest is not None else placement
    if interest is not None:
        extra = {"kind": MeetingKind.INTRODUCTION, "interest_id": interest.id, "consultant_id": interest.participant.consultant_id,
                 "employer_contact_id": interest.employer_user_id}
    else:
        employer = db.session.scalars(select(User).where(User.organisation_id == placement.organisation_id)).first()
        extra = {"kind": MeetingKind.FOLLOW_UP, "placement_id": placement.id, "consultant_id": placement.consultant_id,
                 "employer_contact_id": employer.id}
    starts_at = starts_at or datetime(2030, 1, 8, 8, tzinfo=_UTC)
    values = {
        "organisation_id": subject.organisation_id,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=minutes),
        "status": status,
        "location_kind": LocationKind.WORKPLACE,
        "requested_by_id": extra["employer_contact_id"],
        "ical_uid": f"{uuid.uuid4()}@brygga",
        "idempotency_key": uuid.uuid4().hex,
    }
    values.update(extra)
    values.update(overrides)
    meeting = Meeting(**values)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def tuesday_window(consultant):
    """Tuesdays 09:00–12:00 Stockholm time, 60-minute meetings by default."""
    return make_window(consultant, weekday=1, start_time=time(9), end_time=time(12))




def add_meeting_records(world) -> None:
    """Records the authorization matrix needs for meetings and follow-ups (times relative to the real clock)."""
    from portal.clock import now
    from portal.meetings.models import MeetingProposal

    employer, consultant = world.users[Role.EMPLOYER], world.users[Role.CONSULTANT]
    soon = now().replace(microsecond=0, second=0, minute=0) + timedelta(days=10)
    world.agreed_interest = make_interest(employer, consultant, offer=world.own_offer, participant=world.own_participant)
    world.placement = make_placement(employer, consultant, offer=world.own_offer, participant=world.own_participant)
    world.requested_meeting = make_meeting(interest=world.agreed_interest, status=MeetingStatus.REQUESTED, starts_at=soon)
    world.confirmed_meeting = make_meeting(interest=world.agreed_interest, starts_at=soon + timedelta(days=1))
    world.proposed_meeting = make_meeting(interest=world.agreed_interest, status=MeetingStatus.PROPOSED, starts_at=None, ends_at=None)
    for n in (2, 3):
        start = soon + timedelta(days=n)
        db.session.add(MeetingProposal(meeting_id=world.proposed_meeting.id, starts_at=start, ends_at=start + timedelta(hours=1)))
    world.follow_up_meeting = make_meeting(placement=world.placement, starts_at=soon + timedelta(days=4))
    world.past_follow_up = make_meeting(placement=world.placement, starts_at=soon - timedelta(days=20))
    db.session.flush()
