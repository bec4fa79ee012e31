"""Recording follow-ups (journey 7) and producing the placement certificate from what was recorded."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.accounts.models import User
from portal.audit.services import record_event, record_view
from portal.availability.slots import STOCKHOLM
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.followups import queries
from portal.followups.models import FollowUpRecord, TaskAssessment
from portal.meetings.models import Meeting
from portal.meetings.states import MeetingKind, MeetingStatus
from portal.offers.visibility import approved_data, visible_copy
from portal.placements.certificate import (
    CertificateData,
    TaskAchievement,
    TaskLevel,
    render_certificate,
)
from portal.placements.models import Placement

LEVEL_ORDER = {TaskLevel.WITH_SUPPORT: 1, TaskLevel.PARTLY_ON_OWN: 2, TaskLevel.ON_OWN: 3}


class Attendee(enum.StrEnum):
    CONSULTANT = "consultant"
    PARTICIPANT = "participant"
    SUPERVISOR = "supervisor"
    EMPLOYER_CONTACT = "employer_contact"


def has_taken_place(meeting: Meeting) -> bool:
    """A follow-up can be recorded once it was confirmed and its time has come."""
    return meeting.kind == MeetingKind.FOLLOW_UP and meeting.status == MeetingStatus.CONFIRMED and meeting.starts_at <= now()


def _check_recordable(meeting: Meeting) -> None:
    if not has_taken_place(meeting):
        raise FieldError("goes_well", str(_l("A follow-up can be recorded once it has taken place.")))


def _set_levels(record: FollowUpRecord, levels: dict[int, TaskLevel | None], actor: User, day: date) -> None:
    task_ids = {task.id for task in record.placement.offer.tasks}
    current = {a.offer_task_id: a for a in record.assessments}
    for task_id, level in levels.items():
        if task_id not in task_ids or level is None:
            continue
        if task_id in current:
            current[task_id].level, current[task_id].assessed_by_id = TaskLevel(level), actor.id
        else:
            record.assessments.append(
                TaskAssessment(offer_task_id=task_id, level=TaskLevel(level), assessed_on=day, assessed_by_id=actor.id)
            )


def record_follow_up(
    meeting: Meeting,
    consultant: User,
    *,
    attended: list[str],
    goes_well: str,
    to_adjust: str,
    next_step: str,
    participant_view: str,
    levels: dict[int, TaskLevel | None],
) -> FollowUpRecord:
    """The consultant records (or corrects) what was said and how each task goes."""
    _check_recordable(meeting)
    if not attended:
        raise FieldError("attended", str(_l("Choose who took part")))
    record = queries.record_for(meeting)
    if record is None:
        record = FollowUpRecord(meeting_id=meeting.id, placement_id=meeting.placement_id, recorded_by_id=consultant.id)
        db.session.add(record)
    record.placement = meeting.placement
    record.attended = [Attendee(a).value for a in attended]
    record.goes_well, record.to_adjust = goes_well.strip(), to_adjust.strip()
    record.next_step, record.participant_view = next_step.strip(), participant_view.strip()
    _set_levels(record, levels, consultant, meeting.starts_at.astimezone(STOCKHOLM).date())
    db.session.flush()
    # The participant's own words stay out of the audit detail.
    record_event("follow_up.recorded", record, actor=consultant, detail={"meeting_id": meeting.id})
    return record


def add_supervisor_view(meeting: Meeting, supervisor: User, *, comment: str, levels: dict[int, TaskLevel | None]) -> FollowUpRecord:
    """The employer's supervisor adds how the tasks go and a comment to the consultant's record."""
    _check_recordable(meeting)
    record = queries.record_for(meeting)
    if record is None:
        raise FieldError("comment", str(_l("The consultant has not recorded this follow-up yet.")))
    record.supervisor_comment = comment.strip()
    record.supervisor_added_by_id = supervisor.id
    _set_levels(record, levels, supervisor, meeting.starts_at.astimezone(STOCKHOLM).date())
    db.session.flush()
    record_event("follow_up.supervisor_added", record, actor=supervisor, detail={"meeting_id": meeting.id})
    return record


@dataclass(frozen=True)
class Task:
    """An offer task as one person may read it (portal/offers/visibility.py): its id, name and description."""

    id: int
    name: str
    description: str


def tasks_for(user: User | None, offer) -> list[Task]:
    """The offer's tasks `user` may read; None for mail and the certificate, which show what was approved."""
    if user is None:
        data = approved_data(offer) or {}
    else:
        copy = visible_copy(user, offer)
        data = copy.data if copy is not None else {}
    return [Task(t["id"], t.get("name") or "", t.get("description") or "") for t in data.get("tasks") or []]


def best_achievements(placement: Placement, user: User | None = None) -> list[TaskAchievement]:
    """Per offer task (as `user` may read it), the highest level reached and the date it was first reached."""
    best: dict[int, TaskAssessment] = {}
    for assessment in queries.assessments_of(placement.id):
        held = best.get(assessment.offer_task_id)
        if held is None or LEVEL_ORDER[assessment.level] > LEVEL_ORDER[held.level]:
            best[assessment.offer_task_id] = assessment
    return [
        TaskAchievement(task.name, task.description, best[task.id].level, best[task.id].assessed_on)
        for task in tasks_for(user, placement.offer)
        if task.id in best
    ]


def produce_certificate(placement: Placement, consultant: User, locale: str) -> bytes:
    """The praktikintyg as PDF, from the placement and its best assessments; the generation is audited."""
    offer = placement.offer
    issued_on = now().astimezone(STOCKHOLM).date()
    data = CertificateData(
        participant_name=placement.participant.name,
        organisation_name=placement.organisation.name,
        workplace_address=offer.address,
        placement_kind=placement.kind,
        start_date=placement.start_date,
        end_date=placement.end_date if placement.end_date <= issued_on else None,
        tasks=tuple(best_achievements(placement)),
        supervisor_name=offer.supervisor_name,
        supervisor_role=offer.supervisor_role,
        consultant_name=consultant.name,
        unit_name=current_app.config["ORGANISATION_NAME"],
        issued_on=issued_on,
    )
    pdf = render_certificate(data, locale="en" if locale == "en" else "sv")
    record_event(
        "placement.certificate_generated",
        placement,
        actor=consultant,
        detail={"locale": locale, "tasks": len(data.tasks), "issued_on": issued_on.isoformat(),
                "participant": placement.participant_id},
    )
    return pdf


# Views of follow-up records: one audit row per page.


def record_follow_up_view(meeting, *, actor: User, page: str) -> None:
    """The record form (consultant) or the supervisor's form: both show the participant's record."""
    record_view("follow_up.viewed", meeting, participant_ids=[meeting.participant.id], actor=actor, page=page)


def record_follow_ups_view(placement: Placement, *, actor: User) -> None:
    """The placement's follow-ups: what the participant has learnt and when they were followed up."""
    record_view("placement.follow_ups_viewed", placement, participant_ids=[placement.participant_id], actor=actor)
