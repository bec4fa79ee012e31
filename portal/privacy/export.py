"""Everything Brygga holds about one participant, for a request under GDPR art. 15.

`participant_export()` gathers, from every table that holds rows about the person, those rows
with every column, and the few names that make them readable (the offer's title, the
organisation, who did what). The JSON file is that dict as it is; the PDF (export_pdf.py)
reads it. Audit rows are found through `audit_participant`, e-mail through the participant it
was about (`outbox_message.about_participant_id`). Nothing about another participant is included:
an audit row that listed several people keeps its event, not the others' ids.
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, or_, select

from portal.accounts.models import User
from portal.audit.models import AuditEvent, AuditParticipant
from portal.audit.services import PARTICIPANT_KEYS, record_event
from portal.clock import now
from portal.extensions import db
from portal.employers.models import Organisation
from portal.followups.models import FollowUpRecord
from portal.interest.models import Consent, Interest, Proposal
from portal.matching.models import CandidateDisclosure
from portal.meetings.models import Meeting
from portal.offers.models import Offer
from portal.offers.visibility import title_for
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.placements.models import Placement

FORMAT = "brygga-participant-export"
FORMAT_VERSION = 1
# Sections in the order the JSON and the PDF give them.
SECTIONS = (
    "consents", "interests", "proposals", "placements", "meetings", "follow_up_records", "shown_to_employers",
    "audit", "emails",
)


def _value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _columns(row: Any) -> dict[str, Any]:
    """Every column of the row, as JSON values."""
    return {attribute.key: _value(getattr(row, attribute.key)) for attribute in inspect(row).mapper.column_attrs}


def _person(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.id, "name": user.name, "role": user.role.value}


def _offer(offer: Offer, reader: User) -> dict[str, Any]:
    return {"offer_title": title_for(reader, offer) or offer.title, "organisation": offer.organisation.name}


def participant_export(participant: Participant, *, reader: User) -> dict[str, Any]:
    """Every row about the participant, with the names that make it readable to `reader`."""
    pid = participant.id
    interests = db.session.scalars(select(Interest).where(Interest.participant_id == pid).order_by(Interest.id)).all()
    placements = db.session.scalars(select(Placement).where(Placement.participant_id == pid).order_by(Placement.id)).all()
    interest_ids, placement_ids = [i.id for i in interests], [p.id for p in placements]
    meetings = db.session.scalars(
        select(Meeting)
        .where(or_(Meeting.interest_id.in_(interest_ids), Meeting.placement_id.in_(placement_ids)))
        .order_by(Meeting.id)
    ).all()
    records = db.session.scalars(
        select(FollowUpRecord).where(FollowUpRecord.placement_id.in_(placement_ids)).order_by(FollowUpRecord.id)
    ).all()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": _value(now()),
        "exported_by": _person(reader),
        "participant": {**_columns(participant), "consultant": _person(participant.consultant)},
        "consents": [
            {**_columns(consent), "recorded_by": _person(consent.recorded_by)}
            for consent in db.session.scalars(select(Consent).where(Consent.participant_id == pid).order_by(Consent.id))
        ],
        "interests": [
            {**_columns(interest), **_offer(interest.offer, reader), "employer_user": _person(interest.employer_user)}
            for interest in interests
        ],
        "proposals": [
            {**_columns(proposal), **_offer(proposal.offer, reader), "proposed_by": _person(proposal.proposed_by)}
            for proposal in db.session.scalars(select(Proposal).where(Proposal.participant_id == pid).order_by(Proposal.id))
        ],
        "placements": [
            {**_columns(placement), **_offer(placement.offer, reader), "consultant": _person(placement.consultant)}
            for placement in placements
        ],
        "meetings": [
            {
                **_columns(meeting),
                **_offer(meeting.offer, reader),
                "consultant": _person(meeting.consultant),
                "employer_contact": _person(meeting.employer_contact),
                "proposed_times": [_columns(proposal) for proposal in meeting.proposals],
            }
            for meeting in meetings
        ],
        "follow_up_records": [
            {
                **_columns(record),
                "recorded_by": _person(record.recorded_by),
                "assessments": [
                    {**_columns(assessment), "task": assessment.offer_task.name} for assessment in record.assessments
                ],
            }
            for record in records
        ],
        # Which organisations saw the person's anonymous card, and when; not the other people's ids
        # the record keeps (who the card could have been).
        "shown_to_employers": [
            {
                "organisation": organisation_name,
                "first_shown_at": _value(first_shown_at),
                "updated_at": _value(updated_at),
            }
            for organisation_name, first_shown_at, updated_at in db.session.execute(
                select(Organisation.name, CandidateDisclosure.first_shown_at, CandidateDisclosure.updated_at)
                .join(Organisation, Organisation.id == CandidateDisclosure.organisation_id)
                .where(CandidateDisclosure.participant_id == pid)
                .order_by(CandidateDisclosure.first_shown_at)
            )
        ],
        "audit": _audit_rows(pid),
        "emails": [
            {
                key: _value(getattr(message, key))
                for key in ("id", "created_at", "sent_at", "recipient", "locale", "template", "subject", "body_text")
            }
            for message in db.session.scalars(
                select(OutboxMessage).where(OutboxMessage.about_participant_id == pid).order_by(OutboxMessage.id)
            )
        ],
    }


def _audit_rows(participant_id: int) -> list[dict[str, Any]]:
    """Who saw or changed the record, and when: every audit row linked to the participant, oldest first."""
    events = db.session.execute(
        select(AuditEvent, User)
        .join(AuditParticipant, AuditParticipant.audit_event_id == AuditEvent.id)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditParticipant.participant_id == participant_id)
        .order_by(AuditEvent.id)
    ).all()
    return [
        {
            "id": event.id,
            "at": _value(event.at),
            "action": event.action,
            "actor": _person(actor),
            "subject_type": event.subject_type,
            "subject_id": event.subject_id,
            # A row about a page with several people on it names them all: only the event is theirs.
            "detail": {key: value for key, value in event.detail.items() if key not in PARTICIPANT_KEYS},
        }
        for event, actor in events
    ]


def export_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def record_export(participant: Participant, *, actor: User, export_format: str) -> None:
    """Every download of an export is in the log, with its format."""
    record_event("participant.exported", participant, actor=actor, detail={"format": export_format})
