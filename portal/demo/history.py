"""A year of demo history, so that the coordinator's figures have a shape and some cells are suppressed.

Ten offers that ran over the past year at the three approved organisations, in several industries
and kinds, each with a handful of the demo participants: interest answered after a few working
days, an introduction held, the placement with its follow-ups (a few missed), and how it ended.
The participants are the demo's own (invented) people, registered over the past fourteen months.
Loading again adds nothing: the first history offer is the marker.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select, update

from portal.accounts.models import Role, User
from portal.clock import STOCKHOLM, today_in_stockholm
from portal.demo import offers as demo_offers
from portal.employers.models import Organisation
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import LocationKind, MeetingKind, MeetingStatus
from portal.offers.models import Offer, OfferSnapshot
from portal.participants.models import Participant
from portal.participants.states import Outcome
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind
from portal.review.models import Review
from portal.workdays import add_working_days

SEED = 20261208
# organisation number, title, industry, workplace, kind, places, tasks, days ago it started
HISTORY = [
    ("556677-8899", "Sommarkök på caféet", "I", demo_offers.KAFE, PlacementKind.PRAKTIK, 6, "i-wash-dishes", 350),
    ("556123-4567", "Fönsterputs i trapphusen", "L", demo_offers.LINDGREN, PlacementKind.ARBETSTRANING, 5, "o-clean-stairwells", 330),
    ("212000-0142", "Måltidsvärd på skolan", "P", demo_offers.KOST, PlacementKind.PRAKTIK, 6, "i-clear-tables", 300),
    ("556123-4567", "Lövkrattning och skötsel", "N", demo_offers.LINDGREN, PlacementKind.LAGTROSKELJOBB, 4, "o-pick-litter", 270),
    ("212000-0142", "Tvätt och linne på boendet", "Q", demo_offers.KOST, PlacementKind.ARBETSTRANING, 6, "i-clean-hotel-rooms", 230),
    ("556677-8899", "Kafébiträde på helgen", "I", demo_offers.KAFE, PlacementKind.ANSTALLNING_MED_STOD, 5, "i-clear-tables", 200),
    ("556123-4567", "Städning av kontor", "N", demo_offers.LINDGREN, PlacementKind.PRAKTIK, 6, "o-clean-offices", 170),
    ("212000-0142", "Storköket på höstterminen", "P", demo_offers.KOST, PlacementKind.PRAKTIK, 5, "i-prepare-vegetables", 140),
    ("556123-4567", "Vinterunderhåll av gårdar", "L", demo_offers.LINDGREN, PlacementKind.ARBETSTRANING, 6, "o-tidy-waste-room", 110),
    ("556677-8899", "Julbord i köket", "I", demo_offers.KAFE, PlacementKind.PRAKTIK, 5, "i-wash-dishes", 75),
]
WEEKS = 8
OUTCOMES = [Outcome.JOB] * 3 + [Outcome.STUDIES] * 2 + [Outcome.OTHER] + [None]
CADENCE_DAYS = {FollowUpCadence.WEEKLY: 7, FollowUpCadence.BIWEEKLY: 14, FollowUpCadence.MONTHLY: 28}


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), STOCKHOLM)


# Each consultant's booked hours: a consultant is never in two meetings at once (the exclusion constraint).
_booked: set[tuple[int, datetime]] = set()


def _free_hour(consultant_id: int, day: date) -> datetime:
    hour = 9
    while (consultant_id, _at(day, hour)) in _booked:
        hour += 1
    _booked.add((consultant_id, _at(day, hour)))
    return _at(day, hour)


def _meeting(kind: MeetingKind, consultant_id: int, employer: User, organisation_id: int, day: date, **subject) -> Meeting:
    starts = _free_hour(consultant_id, day)
    meeting = Meeting(
        consultant_id=consultant_id, kind=kind, organisation_id=organisation_id, starts_at=starts,
        ends_at=starts + timedelta(hours=1), status=MeetingStatus.CONFIRMED, location_kind=LocationKind.WORKPLACE,
        employer_contact_id=employer.id, requested_by_id=employer.id, ical_uid=f"{uuid.uuid4()}@brygga",
        idempotency_key=uuid.uuid4().hex, **subject,
    )
    db.session.add(meeting)
    return meeting


def _offer(organisation: Organisation, employer: User, coordinator: User, row, today: date) -> Offer:
    _number, title, industry, place, kind, places, example, days_ago = row
    start = today - timedelta(days=days_ago)
    overrides = {"places": places, "placement_kind": kind.value, "start_date": start, "length_weeks": WEEKS}
    if kind == PlacementKind.ANSTALLNING_MED_STOD:
        overrides["support_kind"] = "lonebidrag"
    offer = demo_offers._make(employer, coordinator, title, industry, place, [demo_offers._example(example)], "closed",
                              {"overrides": overrides})
    # Sent three weeks before the start, approved a few working days later, closed when it ended.
    submitted = start - timedelta(days=21)
    approved = add_working_days(submitted, 2 + days_ago % 5)
    db.session.execute(update(OfferSnapshot).where(OfferSnapshot.offer_id == offer.id).values(submitted_at=_at(submitted)))
    db.session.execute(update(Review).where(Review.offer_id == offer.id).values(decided_at=_at(approved)))
    offer.created_at = _at(submitted - timedelta(days=2))
    offer.updated_at = _at(start + timedelta(weeks=WEEKS))
    return offer


def _placements(offer: Offer, employer: User, people: list[Participant], rng: random.Random, today: date) -> None:
    start, end = offer.start_date, offer.start_date + timedelta(weeks=WEEKS) - timedelta(days=3)
    for person in people:
        asked = start - timedelta(days=rng.randint(14, 20))
        interest = Interest(
            offer_id=offer.id, participant_id=person.id, organisation_id=offer.organisation_id,
            employer_user_id=employer.id, status=InterestStatus.AGREED, created_at=_at(asked, 9),
            answered_by_id=person.consultant_id, answered_at=_at(add_working_days(asked, rng.randint(1, 5)), 15),
        )
        db.session.add(interest)
        db.session.flush()
        _meeting(MeetingKind.INTRODUCTION, person.consultant_id, employer, offer.organisation_id,
                 add_working_days(asked, 7), interest_id=interest.id)
        cadence = rng.choice(list(FollowUpCadence))
        ended = end < today
        placement = Placement(
            offer_id=offer.id, participant_id=person.id, organisation_id=offer.organisation_id,
            consultant_id=person.consultant_id, interest_id=interest.id, kind=offer.placement_kind,
            start_date=start, end_date=end, follow_up_cadence=cadence, recorded_by_id=person.consultant_id,
            status=PlacementStatus.ENDED if ended else PlacementStatus.ACTIVE,
            outcome=rng.choice(OUTCOMES) if ended else None, created_at=_at(start - timedelta(days=3)),
        )
        db.session.add(placement)
        db.session.flush()
        day = start + timedelta(days=CADENCE_DAYS[cadence])
        while day <= min(end, today - timedelta(days=1)):
            if rng.random() < 0.8:  # now and then a follow-up is missed
                _meeting(MeetingKind.FOLLOW_UP, person.consultant_id, employer, offer.organisation_id,
                         add_working_days(day, 0 if day.weekday() < 5 else 1), placement_id=placement.id)
            day += timedelta(days=CADENCE_DAYS[cadence])


def _asked_and_not_met(offer: Offer, employer: User, people: list[Participant], rng: random.Random) -> None:
    """Interest that did not lead to a meeting: declined, lapsed or withdrawn."""
    for person, status in zip(people, (InterestStatus.DECLINED, InterestStatus.DECLINED, InterestStatus.LAPSED,
                                       InterestStatus.WITHDRAWN), strict=False):
        asked = offer.start_date - timedelta(days=rng.randint(14, 25))
        answered = add_working_days(asked, rng.randint(1, 4)) if status == InterestStatus.DECLINED else None
        db.session.add(Interest(
            offer_id=offer.id, participant_id=person.id, organisation_id=offer.organisation_id,
            employer_user_id=employer.id, status=status, created_at=_at(asked, 9),
            answered_by_id=person.consultant_id if answered else None, answered_at=_at(answered, 15) if answered else None,
        ))


def load() -> None:
    """Add the year of history unless it is there."""
    coordinator = db.session.scalar(select(User).where(User.email == demo_offers.COORDINATOR_EMAIL))
    if coordinator is None or db.session.scalar(select(Offer.id).where(Offer.title == HISTORY[0][1])) is not None:
        return
    today = today_in_stockholm()
    rng = random.Random(SEED)
    _booked.clear()
    for consultant_id, starts_at in db.session.execute(select(Meeting.consultant_id, Meeting.starts_at)):
        if starts_at is not None:  # an hour that starts within the meeting's first hour, or the one after
            local = starts_at.astimezone(STOCKHOLM)
            hour = local.replace(minute=0, second=0, microsecond=0)
            _booked.update({(consultant_id, hour), (consultant_id, hour + timedelta(hours=1))} if local != hour
                           else {(consultant_id, hour)})
    people = list(db.session.scalars(select(Participant).order_by(Participant.id)))
    if len(people) < 20:
        return
    # The demo's people were registered over the past fourteen months, not all today.
    for person in people:
        person.created_at = _at(today - timedelta(days=rng.randint(30, 420)))
    for row in HISTORY:
        organisation = db.session.scalar(select(Organisation).where(Organisation.organisation_number == row[0]))
        employer = db.session.scalar(
            select(User).where(User.organisation_id == organisation.id, User.role == Role.EMPLOYER).order_by(User.id)
        ) if organisation is not None else None
        if employer is None:
            continue
        offer = _offer(organisation, employer, coordinator, row, today)
        chosen = rng.sample(people, row[5] + 3)
        _placements(offer, employer, chosen[: row[5]], rng, today)
        _asked_and_not_met(offer, employer, chosen[row[5]:], rng)
    db.session.flush()
