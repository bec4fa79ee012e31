"""Retention holds: what makes the erasure of a participant wait.

A person may ask to be erased (GDPR art. 17), but while something is still going on with an
employer, erasing now would leave others acting on a record that is gone: the employer would
keep a meeting in the calendar that never gets its cancellation, wait for an answer that never
comes, or have a person at the workplace the unit no longer knows about (the unit is
responsible for the placement, its insurance and its follow-up). Each hold says, in a sentence
for the coordinator's page, what to do first; once done, erasure goes ahead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import or_, select

from portal.audit.models import AuditEvent
from portal.clock import now, today_in_stockholm
from portal.extensions import db
from portal.interest.models import Interest
from portal.interest.states import OPEN_STATES
from portal.meetings.models import Meeting
from portal.meetings.states import BOOKED_STATUSES, MeetingKind
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.placements.states import RUNNING_STATES, PlacementStatus

# After a placement ends, the participant has this long to get the certificate of what they
# learnt (intyg), which is built from the follow-up records that erasure removes. A month is
# also the time GDPR art. 12(3) gives to answer a request, so the hold never delays it further.
CERTIFICATE_DAYS = 30


@dataclass(frozen=True)
class Hold:
    """One reason the erasure must wait; `code` for tests and the job, `message` for the page."""

    code: str
    message: str


def _day(value: date) -> str:
    return format_date(value, "long")


def _running_placements(participant: Participant) -> list[Hold]:
    placements = db.session.scalars(
        select(Placement).where(Placement.participant_id == participant.id, Placement.status.in_(RUNNING_STATES))
        .order_by(Placement.start_date, Placement.id)
    )
    return [
        Hold("placement_running", _(
            "The placement at %(organisation)s (%(start)s–%(end)s) has not ended. The unit is responsible "
            "for it while it runs (insurance, follow-up): the consultant ends it first.",
            organisation=p.organisation.name, start=_day(p.start_date), end=_day(p.end_date),
        ))
        for p in placements
    ]


def _certificates_due(participant: Participant) -> list[Hold]:
    since = today_in_stockholm() - timedelta(days=CERTIFICATE_DAYS)
    ended = list(db.session.scalars(
        select(Placement).where(
            Placement.participant_id == participant.id,
            Placement.status == PlacementStatus.ENDED,
            Placement.end_date > since,
        ).order_by(Placement.end_date, Placement.id)
    ))
    if not ended:
        return []
    issued = set(db.session.scalars(
        select(AuditEvent.subject_id).where(
            AuditEvent.action == "placement.certificate_generated",
            AuditEvent.subject_type == Placement.__tablename__,
            AuditEvent.subject_id.in_([p.id for p in ended]),
        )
    ))
    return [
        Hold("certificate_due", _(
            "The placement at %(organisation)s ended on %(end)s and no certificate has been issued. The "
            "participant may still need it: the consultant issues it, or the erasure waits until %(until)s.",
            organisation=p.organisation.name, end=_day(p.end_date),
            until=_day(p.end_date + timedelta(days=CERTIFICATE_DAYS)),
        ))
        for p in ended
        if p.id not in issued
    ]


def _open_interests(participant: Participant) -> list[Hold]:
    interests = db.session.scalars(
        select(Interest).where(Interest.participant_id == participant.id, Interest.status.in_(OPEN_STATES))
        .order_by(Interest.created_at, Interest.id)
    )
    return [
        Hold("interest_open", _(
            "%(organisation)s has asked to meet the participant and is waiting for an answer: the consultant "
            "answers first (not available right now), so the employer is not left waiting.",
            organisation=i.organisation.name,
        ))
        for i in interests
    ]


def _booked_meetings(participant: Participant) -> list[Hold]:
    meetings = db.session.scalars(
        select(Meeting)
        .outerjoin(Interest, Meeting.interest_id == Interest.id)
        .outerjoin(Placement, Meeting.placement_id == Placement.id)
        .where(
            or_(Interest.participant_id == participant.id, Placement.participant_id == participant.id),
            Meeting.status.in_(BOOKED_STATUSES),
            or_(Meeting.ends_at.is_(None), Meeting.ends_at > now()),
        )
        .order_by(Meeting.starts_at, Meeting.id)
    )
    holds = []
    for m in meetings:
        what = _("An introduction") if m.kind == MeetingKind.INTRODUCTION else _("A follow-up")
        holds.append(Hold("meeting_booked", _(
            "%(what)s with %(organisation)s is booked or waiting for a time. It is in the employer's calendar: "
            "the consultant cancels it first, so the cancellation reaches them.",
            what=what, organisation=m.organisation.name,
        )))
    return holds


def erasure_holds(participant: Participant) -> list[Hold]:
    """Every reason the participant cannot be erased yet; empty when erasure may go ahead."""
    return [
        *_running_placements(participant),
        *_certificates_due(participant),
        *_open_interests(participant),
        *_booked_meetings(participant),
    ]
