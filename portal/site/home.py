"""What needs each person now: the home page of an employer, a consultant and the coordinator.

Each list is read in a fixed number of queries whatever the data size (tests/test_site_home.py
counts them at two sizes): related rows come by selectinload, offer titles through
visible_copies (at most two queries), and the coordinator's queues as counts and dates only.
Long lists are cut to LIST_LENGTH with the whole count beside them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import exists, func, or_, select, true
from sqlalchemy.orm import selectinload

from portal.accounts.models import Role, User
from portal.audit.services import record_view
from portal.clock import STOCKHOLM, now, today_in_stockholm
from portal.employers.models import Organisation
from portal.employers.states import VettingStatus
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.services import name_for_employer
from portal.interest.states import InterestStatus
from portal.matching.service import candidate_name
from portal.meetings.models import Meeting
from portal.meetings.services import next_follow_up_due
from portal.meetings.states import BOOKED_STATUSES, MeetingStatus
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import OfferStatus
from portal.offers.visibility import visible_copies
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from portal.units.models import Project, Unit
from portal.workdays import add_working_days, working_days_between

LIST_LENGTH = 10
NEXT_MEETINGS = 5
# The coordinator hears of interest nobody has answered after this many working days
# (the consultant is reminded at 5, and it lapses at 10: portal/interest/services.py).
UNANSWERED_AFTER_WORKING_DAYS = 5
# A held time "about to lapse" is one whose hold ends within this long.
HOLD_WARNING = timedelta(hours=24)
# The offers an employer still works with; filled, closed and ended ones are on the offers page.
OFFERS_IN_HAND = (
    OfferStatus.DRAFT,
    OfferStatus.SUBMITTED,
    OfferStatus.CHANGES_REQUESTED,
    OfferStatus.LIVE,
    OfferStatus.PAUSED,
)


@dataclass(frozen=True)
class Cut:
    """The first LIST_LENGTH items of a list, and how many there are in all."""

    items: list
    total: int

    @classmethod
    def of(cls, items: list, length: int = LIST_LENGTH) -> Cut:
        return cls(items[:length], len(items))

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def _waited(since: datetime, today: date) -> int:
    return working_days_between(since.astimezone(STOCKHOLM).date(), today)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, STOCKHOLM)


def _meetings_loaded(query):
    # Whatever a line about a meeting names: its offer and participant, by interest or by placement.
    return query.options(
        selectinload(Meeting.interest).selectinload(Interest.offer).selectinload(Offer.tasks),
        selectinload(Meeting.interest).selectinload(Interest.participant),
        selectinload(Meeting.interest).selectinload(Interest.consents),
        selectinload(Meeting.placement).selectinload(Placement.offer).selectinload(Offer.tasks),
        selectinload(Meeting.placement).selectinload(Placement.participant),
        selectinload(Meeting.organisation),
    )


# --- the employer -------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferLine:
    offer: Offer
    title: str
    waits_for: str  # what the offer waits for: a key the template words
    open_interest: int  # requests to meet that wait for the consultant's answer


@dataclass(frozen=True)
class CandidateToMeet:
    interest: Interest
    offer_title: str
    candidate: str  # the pseudonym
    first_name: str | None  # only while consent is in force (name_for_employer)


@dataclass(frozen=True)
class MeetingLine:
    meeting: Meeting
    offer_title: str
    participant_name: str | None  # staff: the name; employers: name_for_employer


@dataclass(frozen=True)
class EmployerHome:
    offers: list[OfferLine]
    to_meet: Cut
    to_choose: list[MeetingLine]  # proposed times the employer picks one of
    waiting_for_consultant: list[MeetingLine]  # times the employer asked for, not yet confirmed
    next_meetings: list[MeetingLine]
    participant_ids: list[int] = field(default_factory=list)


def _offer_waits_for(offer: Offer) -> str:
    if offer.status == OfferStatus.DRAFT:
        return "send"
    if offer.status == OfferStatus.CHANGES_REQUESTED:
        return "comments"
    if offer.status == OfferStatus.SUBMITTED or offer.pending_snapshot_id is not None:
        return "review"
    if offer.status == OfferStatus.PAUSED:
        return "paused"
    return "candidates"


def employer_home(user: User) -> EmployerHome:
    organisation_id = user.organisation_id
    offers = list(db.session.scalars(
        select(Offer)
        .where(Offer.organisation_id == organisation_id, Offer.status.in_(OFFERS_IN_HAND))
        .options(selectinload(Offer.tasks))  # the working copy's data holds them (visible_copies)
        .order_by(Offer.updated_at.desc(), Offer.id.desc())
    ))
    open_counts = dict(db.session.execute(
        select(Interest.offer_id, func.count())
        .where(Interest.organisation_id == organisation_id, Interest.status == InterestStatus.OPEN)
        .group_by(Interest.offer_id)
    ).tuples().all())
    booked = select(Meeting.interest_id).where(Meeting.interest_id.is_not(None), Meeting.status.in_(BOOKED_STATUSES))
    agreed = list(db.session.scalars(
        select(Interest)
        .where(Interest.organisation_id == organisation_id, Interest.status == InterestStatus.AGREED,
               Interest.id.not_in(booked))
        .options(selectinload(Interest.offer).selectinload(Offer.tasks), selectinload(Interest.participant),
                 selectinload(Interest.consents))
        .order_by(Interest.answered_at, Interest.id)
    ))
    meetings = _employer_meetings(organisation_id)
    copies = visible_copies(user, [*offers, *(i.offer for i in agreed), *(m.offer for m in meetings)])

    def title(offer: Offer) -> str:
        copy = copies.get(offer.id)
        return copy.title if copy is not None else ""

    lines = [MeetingLine(m, title(m.offer), name_for_employer(m.interest)) for m in meetings]
    return EmployerHome(
        offers=[OfferLine(o, title(o), _offer_waits_for(o), open_counts.get(o.id, 0)) for o in offers],
        to_meet=Cut.of([
            CandidateToMeet(i, title(i.offer), candidate_name(organisation_id, i.participant_id), name_for_employer(i))
            for i in agreed
        ]),
        to_choose=[line for line in lines if line.meeting.status == MeetingStatus.PROPOSED],
        waiting_for_consultant=[line for line in lines if line.meeting.status == MeetingStatus.REQUESTED],
        next_meetings=[line for line in lines if line.meeting.status == MeetingStatus.CONFIRMED][:NEXT_MEETINGS],
        participant_ids=[i.participant_id for i in agreed] + [m.participant.id for m in meetings],
    )


def _employer_meetings(organisation_id: int) -> list[Meeting]:
    """Open meetings (to choose or waiting) and confirmed ones still to come, soonest first."""
    query = select(Meeting).where(
        Meeting.organisation_id == organisation_id,
        or_(
            Meeting.status.in_((MeetingStatus.PROPOSED, MeetingStatus.REQUESTED)),
            (Meeting.status == MeetingStatus.CONFIRMED) & (Meeting.starts_at >= now()),
        ),
    )
    return list(db.session.scalars(_meetings_loaded(query).order_by(Meeting.starts_at, Meeting.created_at, Meeting.id)))


# --- the consultant -----------------------------------------------------------------------


@dataclass(frozen=True)
class InterestLine:
    interest: Interest
    working_days_waited: int


@dataclass(frozen=True)
class FollowUpLine:
    placement: Placement
    due: date


@dataclass(frozen=True)
class ConsultantHome:
    to_answer: Cut  # InterestLine, oldest first
    to_confirm: list[MeetingLine]  # times employers asked for; each holds until hold_expires_at
    holds_lapsing: int  # of to_confirm, those whose hold ends within HOLD_WARNING
    today: list[MeetingLine]
    this_week: list[MeetingLine]  # after today, until Sunday
    overdue: Cut  # FollowUpLine, the longest overdue first
    nothing_planned: Cut  # Participant
    participant_ids: list[int] = field(default_factory=list)


def consultant_home(user: User) -> ConsultantHome:
    today = today_in_stockholm()
    interests = list(db.session.scalars(
        select(Interest)
        .join(Participant, Participant.id == Interest.participant_id)
        .where(Participant.consultant_id == user.id, Interest.status == InterestStatus.OPEN)
        .options(selectinload(Interest.participant), selectinload(Interest.organisation))
        .order_by(Interest.created_at, Interest.id)
    ))
    week_end = _start_of(today + timedelta(days=7 - today.weekday()))
    meetings = list(db.session.scalars(_meetings_loaded(
        select(Meeting).where(
            Meeting.consultant_id == user.id,
            or_(
                Meeting.status == MeetingStatus.REQUESTED,
                (Meeting.status == MeetingStatus.CONFIRMED)
                & (Meeting.starts_at >= _start_of(today)) & (Meeting.starts_at < week_end),
            ),
        )
    ).order_by(Meeting.starts_at, Meeting.id)))
    overdue = _overdue_follow_ups(Placement.consultant_id == user.id, today)
    idle = _nothing_planned(user)
    copies = visible_copies(user, [m.offer for m in meetings])
    lines = [MeetingLine(m, copies[m.offer.id].title if m.offer.id in copies else "", m.participant.name)
             for m in meetings]
    tomorrow = _start_of(today + timedelta(days=1))
    to_confirm = [line for line in lines if line.meeting.status == MeetingStatus.REQUESTED]
    confirmed = [line for line in lines if line.meeting.status == MeetingStatus.CONFIRMED]
    shown_interest = interests[:LIST_LENGTH]
    return ConsultantHome(
        to_answer=Cut([InterestLine(i, _waited(i.created_at, today)) for i in shown_interest], len(interests)),
        to_confirm=to_confirm,
        holds_lapsing=sum(
            1 for line in to_confirm
            if line.meeting.hold_expires_at is not None and line.meeting.hold_expires_at <= now() + HOLD_WARNING
        ),
        today=[line for line in confirmed if line.meeting.starts_at < tomorrow],
        this_week=[line for line in confirmed if line.meeting.starts_at >= tomorrow],
        overdue=Cut.of(overdue),
        nothing_planned=Cut.of(idle),
        participant_ids=[i.participant_id for i in shown_interest]
        + [m.participant.id for m in meetings]
        + [line.placement.participant_id for line in overdue[:LIST_LENGTH]]
        + [p.id for p in idle[:LIST_LENGTH]],
    )


def _overdue_follow_ups(scope, today: date) -> list[FollowUpLine]:
    """Running placements whose follow-up is overdue by their cadence, the longest overdue first (two queries)."""
    placements = list(db.session.scalars(
        select(Placement).where(scope, Placement.status != PlacementStatus.ENDED)
        .options(selectinload(Placement.participant))
        .order_by(Placement.id)
    ))
    follow_ups: dict[int, list[Meeting]] = defaultdict(list)
    if placements:
        for meeting in db.session.scalars(
            select(Meeting)
            .where(Meeting.placement_id.in_([p.id for p in placements]), Meeting.status == MeetingStatus.CONFIRMED)
            .order_by(Meeting.starts_at, Meeting.id)
        ):
            follow_ups[meeting.placement_id].append(meeting)
    lines = []
    for placement in placements:
        due, overdue, _upcoming = next_follow_up_due(placement, follow_ups[placement.id], today)
        if overdue:
            lines.append(FollowUpLine(placement, due))
    return sorted(lines, key=lambda line: (line.due, line.placement.id))


def _nothing_planned(user: User) -> list[Participant]:
    """Active participants with no interest waiting or agreed, no placement and no meeting to come."""
    in_play = exists().where(
        Interest.participant_id == Participant.id,
        Interest.status.in_((InterestStatus.OPEN, InterestStatus.AGREED)),
    )
    placed = exists().where(Placement.participant_id == Participant.id, Placement.status != PlacementStatus.ENDED)
    return list(db.session.scalars(
        select(Participant)
        .where(Participant.consultant_id == user.id, Participant.status == ParticipantStatus.ACTIVE,
               ~in_play, ~placed)
        .order_by(Participant.updated_at, Participant.id)
    ))


# --- the coordinator ----------------------------------------------------------------------


@dataclass(frozen=True)
class Queue:
    """How many wait, and how many working days the one that has waited longest has waited."""

    count: int
    longest_waited: int


@dataclass(frozen=True)
class CoordinatorHome:
    vetting: Queue
    review: Queue
    unanswered_interest: int
    overdue_follow_ups: int
    undelivered_mail: int
    participant_ids: list[int] = field(default_factory=list)  # counts only: nobody is named


def _queue(oldest: datetime | None, count: int, today: date) -> Queue:
    return Queue(count, _waited(oldest, today) if oldest is not None else 0)


def coordinator_home(user: User) -> CoordinatorHome:
    today = today_in_stockholm()
    vetting = db.session.execute(
        select(func.count(), func.min(Organisation.pending_since)).where(Organisation.status == VettingStatus.PENDING)
    ).one()
    review = db.session.execute(
        select(func.count(), func.min(OfferSnapshot.submitted_at))
        .select_from(Offer).join(OfferSnapshot, Offer.pending_snapshot_id == OfferSnapshot.id)
    ).one()
    # Open since before the day UNANSWERED_AFTER_WORKING_DAYS working days ago began.
    cutoff = _start_of(add_working_days(today, -UNANSWERED_AFTER_WORKING_DAYS))
    unanswered = db.session.scalar(
        select(func.count()).select_from(Interest)
        .where(Interest.status == InterestStatus.OPEN, Interest.created_at < cutoff)
    )
    undelivered = db.session.scalar(
        select(func.count()).select_from(OutboxMessage)
        .where(OutboxMessage.dead_at.is_not(None), OutboxMessage.sent_at.is_(None))
    )
    return CoordinatorHome(
        vetting=_queue(vetting[1], vetting[0], today),
        review=_queue(review[1], review[0], today),
        unanswered_interest=unanswered or 0,
        overdue_follow_ups=len(_overdue_follow_ups(true(), today)),
        undelivered_mail=undelivered or 0,
    )


# --- the administrator ----------------------------------------------------------------------


@dataclass(frozen=True)
class AdminHome:
    """The installation at a glance: how many units and projects, and units still without a coordinator."""

    units: int
    projects: int
    units_without_coordinator: int
    participant_ids: list[int] = field(default_factory=list)  # the administrator sees no participant


def admin_home() -> AdminHome:
    has_coordinator = exists().where(User.unit_id == Unit.id, User.role == Role.COORDINATOR)
    return AdminHome(
        units=db.session.scalar(select(func.count()).select_from(Unit)) or 0,
        projects=db.session.scalar(select(func.count()).select_from(Project)) or 0,
        units_without_coordinator=db.session.scalar(select(func.count()).select_from(Unit).where(~has_coordinator)) or 0,
    )


def home_for(user: User):
    if user.role == Role.ADMIN:
        return admin_home()
    if user.role == Role.EMPLOYER:
        return employer_home(user)
    if user.role == Role.CONSULTANT:
        return consultant_home(user)
    return coordinator_home(user)


def record_home_view(home, *, actor: User) -> None:
    """One audit row when the home page names participants (a consultant's; an employer's candidates)."""
    record_view("home.viewed", participant_ids=home.participant_ids, actor=actor, subject_type="home")
