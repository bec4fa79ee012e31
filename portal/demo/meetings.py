"""Demo meetings and follow-ups for the first demo consultant and the demo employers. Loading twice changes nothing.

Interest and Placement rows are made here directly when missing (the interest and placement demo
belongs to that work): an agreed interest with a requested introduction; an active placement with a
recorded follow-up, a moved one and a cancelled one; and an ended placement whose certificate can be
downloaded.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from portal.accounts.services import find_user_by_email
from portal.availability.slots import STOCKHOLM
from portal.clock import now, today_in_stockholm
from portal.extensions import db
from portal.followups.models import FollowUpRecord, TaskAssessment
from portal.interest.models import Consent, ConsentMethod, Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import Meeting
from portal.meetings.states import LocationKind, MeetingKind, MeetingStatus
from portal.offers.models import Offer
from portal.participants.models import Participant
from portal.placements.certificate import TaskLevel
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence, PlacementStatus
from portal.reference.vocabulary import PlacementKind
from portal.workdays import add_working_days

CONSULTANT = "konsulent@demo.brygga.se"
KAFE_EMPLOYER = "arbetsgivare@demo.brygga.se"
KOST_EMPLOYER = "kostenheten@demo.brygga.se"
KAFE_OFFER = "Diskare och kökshjälp"
KOST_OFFER = "Servering på äldreboendet"


def load() -> None:
    consultant = find_user_by_email(CONSULTANT)
    kafe, kost = find_user_by_email(KAFE_EMPLOYER), find_user_by_email(KOST_EMPLOYER)
    if consultant is None or kafe is None or kost is None:
        return
    kafe_offer = _offer(kafe, KAFE_OFFER)
    kost_offer = _offer(kost, KOST_OFFER)
    people = list(
        db.session.scalars(select(Participant).where(Participant.consultant_id == consultant.id).order_by(Participant.id).limit(3))
    )
    if kafe_offer is None or kost_offer is None or len(people) < 3:
        return
    today = today_in_stockholm()

    # An agreed interest, and the employer's requested introduction waiting for the consultant.
    interest = _interest(kafe_offer, people[0], kafe, consultant)
    _meeting("demo-intro-requested", consultant, kafe, interest=interest, status=MeetingStatus.REQUESTED,
             day=add_working_days(today, 3), at=time(10), hold=True)

    # An active placement: a recorded follow-up, a moved one ahead, a cancelled one.
    # The interest demo's placement at the café is used when it is there, so the café has one.
    active = db.session.scalar(
        select(Placement).where(Placement.offer_id == kafe_offer.id, Placement.status == PlacementStatus.ACTIVE)
    ) or _placement(kafe_offer, people[1], consultant, today - timedelta(weeks=3), today + timedelta(weeks=5),
                    PlacementStatus.ACTIVE)
    held = _meeting("demo-follow-up-held", consultant, kafe, placement=active, status=MeetingStatus.CONFIRMED,
                    day=_working_day_before(today, 5), at=time(13))
    _record(held, consultant, [TaskLevel.WITH_SUPPORT, TaskLevel.PARTLY_ON_OWN],
            "Kommer i tid och frågar när något är oklart.", "Kortare pass de första veckorna.",
            "Prova att ta hand om grönsakerna själv.", "Jag trivs, men det är stressigt vid lunch.")
    _meeting("demo-follow-up-moved", consultant, kafe, placement=active, status=MeetingStatus.CONFIRMED,
             day=add_working_days(today, 6), at=time(14), sequence=1, reason="Handledaren är på kurs den dagen.")
    _meeting("demo-follow-up-cancelled", consultant, kafe, placement=active, status=MeetingStatus.CANCELLED,
             day=add_working_days(today, 4), at=time(14), sequence=1, reason="Sjuk.")

    # An ended placement with two recorded follow-ups: its certificate can be downloaded.
    ended = _placement(kost_offer, people[2], consultant, today - timedelta(weeks=10), today - timedelta(weeks=1),
                       PlacementStatus.ENDED)
    first = _meeting("demo-ended-first", consultant, kost, placement=ended, status=MeetingStatus.CONFIRMED,
                     day=_working_day_before(today, 40), at=time(9))
    _record(first, consultant, [TaskLevel.WITH_SUPPORT], "Vänlig mot de boende.", "Lära sig specialkosterna.",
            "Servera med stöd av handledaren.", "Roligt men mycket att komma ihåg.")
    last = _meeting("demo-ended-last", consultant, kost, placement=ended, status=MeetingStatus.CONFIRMED,
                    day=_working_day_before(today, 10), at=time(9))
    _record(last, consultant, [TaskLevel.ON_OWN], "Serverar självständigt.", "Inget.", "Söka extrajobb på äldreboendet.",
            "Jag vill jobba kvar här.")
    db.session.flush()


def _offer(employer, title: str) -> Offer | None:
    return db.session.scalar(select(Offer).where(Offer.organisation_id == employer.organisation_id, Offer.title == title))


def _interest(offer, participant, employer, consultant) -> Interest:
    interest = db.session.scalar(select(Interest).where(Interest.offer_id == offer.id, Interest.participant_id == participant.id))
    if interest is None:
        interest = Interest(offer_id=offer.id, participant_id=participant.id, organisation_id=offer.organisation_id,
                            employer_user_id=employer.id, status=InterestStatus.AGREED, answered_by_id=consultant.id,
                            answered_at=now(), message="Vi vill gärna träffas.")
        db.session.add(interest)
        db.session.flush()
        db.session.add(Consent(participant_id=participant.id, interest_id=interest.id, given_at=now(),
                               method=ConsentMethod.IN_PERSON, covers="Förnamn och konsultens kontaktuppgifter",
                               recorded_by_id=consultant.id))
        db.session.flush()
    return interest


def _placement(offer, participant, consultant, start: date, end: date, status: PlacementStatus) -> Placement:
    placement = db.session.scalar(select(Placement).where(Placement.offer_id == offer.id, Placement.participant_id == participant.id))
    if placement is None:
        placement = Placement(offer_id=offer.id, participant_id=participant.id, organisation_id=offer.organisation_id,
                              consultant_id=consultant.id, kind=PlacementKind.PRAKTIK, start_date=start, end_date=end,
                              follow_up_cadence=FollowUpCadence.BIWEEKLY, status=status, recorded_by_id=consultant.id)
        db.session.add(placement)
        db.session.flush()
    return placement


def _working_day_before(today: date, days: int) -> date:
    day = today - timedelta(days=days)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _meeting(key, consultant, employer, *, status, day, at, interest=None, placement=None, hold=False, sequence=0, reason="") -> Meeting:
    meeting = db.session.scalar(select(Meeting).where(Meeting.idempotency_key == key))
    if meeting is not None:
        return meeting
    starts = datetime.combine(day, at, STOCKHOLM)
    meeting = Meeting(
        consultant_id=consultant.id,
        kind=MeetingKind.INTRODUCTION if interest is not None else MeetingKind.FOLLOW_UP,
        interest_id=interest.id if interest is not None else None,
        placement_id=placement.id if placement is not None else None,
        organisation_id=(interest or placement).organisation_id,
        starts_at=starts, ends_at=starts + timedelta(hours=1), status=status,
        location_kind=LocationKind.WORKPLACE, location_details="Fråga efter handledaren i entrén.",
        employer_contact_id=employer.id, requested_by_id=employer.id if hold else consultant.id,
        hold_expires_at=now() + timedelta(hours=48) if hold else None,
        ical_uid=f"{uuid.uuid4()}@brygga", sequence=sequence, idempotency_key=key, last_reason=reason,
    )
    db.session.add(meeting)
    db.session.flush()
    return meeting


def _record(meeting, consultant, levels, goes_well, to_adjust, next_step, view) -> None:
    if db.session.scalar(select(FollowUpRecord.id).where(FollowUpRecord.meeting_id == meeting.id)) is not None:
        return
    record = FollowUpRecord(meeting_id=meeting.id, placement_id=meeting.placement_id, recorded_by_id=consultant.id,
                            attended=["consultant", "participant", "supervisor"], goes_well=goes_well,
                            to_adjust=to_adjust, next_step=next_step, participant_view=view)
    day = meeting.starts_at.astimezone(STOCKHOLM).date()
    for task, level in zip(meeting.placement.offer.tasks, levels, strict=False):
        record.assessments.append(TaskAssessment(offer_task_id=task.id, level=level, assessed_on=day, assessed_by_id=consultant.id))
    db.session.add(record)
    db.session.flush()
