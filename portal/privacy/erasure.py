"""Erasure of one participant on request (GDPR art. 17): everything held about them, in every table.

The participant row is deleted, not kept as a tombstone: once their interests, consents,
proposals, placements, meetings and follow-up records are gone, no foreign key points at it, and
a tombstone would still be a person-shaped row the caseload, matching and statistics would have
to learn to skip. What survives is the log: audit rows keep the event and lose identifying
detail, and the `audit_participant` links (no foreign key on purpose) keep who viewed whom by
id. Offers stay (they are the employer's); mail already sent keeps its metadata and loses its
content; mail not yet sent is not sent.

Any table added later with a `participant_id` column is swept too (`_other_participant_rows`),
so a new kind of participant data cannot be forgotten here; the erasure search test
(tests/test_privacy_erasure_search.py) reads every text and JSON column of every table.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, or_, select

from portal.accounts.models import User
from portal.audit.models import AuditEvent, AuditParticipant
from portal.audit.redaction import redact_audit_details
from portal.audit.services import record_event
from portal.employers.models import Organisation
from portal.errors import FieldError
from portal.extensions import db
from portal.followups.models import FollowUpRecord, TaskAssessment
from portal.interest.models import Consent, Interest, Proposal
from portal.matching.service import candidate_name
from portal.meetings.models import Meeting, MeetingProposal
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.placements.models import Placement
from portal.privacy.holds import Hold, erasure_holds
from portal.resume.models import FormResume
from portal.transactions import all_or_nothing

__all__ = ["ErasureRefused", "ErasureReport", "Hold", "erase_participant", "erasure_holds", "REASON_MAX_LENGTH"]

REASON_MAX_LENGTH = 500
# Tables whose `participant_id` is kept on purpose: the log's links, by id only (see the module docstring).
KEPT_BY_ID = frozenset({AuditParticipant.__tablename__})
# What a scrubbed sent message keeps in place of its content.
ERASED = "[raderat]"


class ErasureRefused(FieldError):
    """A hold applies: nothing was changed. `holds` says why, one sentence each."""

    def __init__(self, holds: list[Hold]):
        super().__init__("reason", _("The data cannot be erased yet."))
        self.holds = holds


@dataclass
class ErasureReport:
    """What the erasure did, by table: rows deleted, rows de-identified. No personal data."""

    participant_id: int
    deleted: dict[str, int] = field(default_factory=dict)
    scrubbed: dict[str, int] = field(default_factory=dict)
    audit_event_id: int | None = None

    def count(self, table: str, n: int, *, scrubbed: bool = False) -> None:
        if n:
            target = self.scrubbed if scrubbed else self.deleted
            target[table] = target.get(table, 0) + n


@dataclass(frozen=True)
class _Held:
    """The ids of every record that is about the participant."""

    participant_id: int
    interests: list[int]
    consents: list[int]
    proposals: list[int]
    placements: list[int]
    meetings: list[int]
    records: list[int]
    ical_uids: list[str]

    def subjects(self) -> dict[str, list[int]]:
        """Audit subjects that are this person's records."""
        return {
            Participant.__tablename__: [self.participant_id],
            Interest.__tablename__: self.interests,
            Consent.__tablename__: self.consents,
            Proposal.__tablename__: self.proposals,
            Placement.__tablename__: self.placements,
            Meeting.__tablename__: self.meetings,
            FollowUpRecord.__tablename__: self.records,
        }

    def link_pattern(self) -> re.Pattern[str]:
        """Addresses of the person's pages, as mail and stashed forms carry them."""
        parts = [rf"/participants/{self.participant_id}"]
        parts += [rf"/interest/{i}" for i in self.interests]
        parts += [rf"/meetings/{m}" for m in self.meetings]
        parts += [rf"/follow-ups/meetings/{m}" for m in self.meetings]
        parts += [rf"/placements/{p}" for p in self.placements]
        parts += [rf"/meetings/(?:interest|placement|introduction|follow_up)/{s}" for s in self.interests + self.placements]
        return re.compile("(?:" + "|".join(parts) + r")(?![0-9])")


def _ids(query) -> list[int]:
    return list(db.session.scalars(query))


def _held(participant: Participant) -> _Held:
    pid = participant.id
    interests = _ids(select(Interest.id).where(Interest.participant_id == pid))
    placements = _ids(select(Placement.id).where(Placement.participant_id == pid))
    meeting_filter = or_(Meeting.interest_id.in_(interests), Meeting.placement_id.in_(placements))
    meetings = _ids(select(Meeting.id).where(meeting_filter))
    return _Held(
        participant_id=pid,
        interests=interests,
        consents=_ids(select(Consent.id).where(or_(Consent.participant_id == pid, Consent.interest_id.in_(interests)))),
        proposals=_ids(select(Proposal.id).where(Proposal.participant_id == pid)),
        placements=placements,
        meetings=meetings,
        records=_ids(select(FollowUpRecord.id).where(
            or_(FollowUpRecord.meeting_id.in_(meetings), FollowUpRecord.placement_id.in_(placements))
        )),
        ical_uids=list(db.session.scalars(select(Meeting.ical_uid).where(Meeting.id.in_(meetings)))),
    )


def identifying_terms(participant: Participant) -> tuple[list[str], list[str]]:
    """(strong, weak): the full name and every employer's pseudonym identify the person anywhere;
    the first name and surname alone only inside something already about them."""
    full = " ".join(participant.name.split())
    pseudonyms = [candidate_name(org_id, participant.id) for org_id in db.session.scalars(select(Organisation.id))]
    words = [w for w in full.split(" ") if len(w) >= 2]
    return [full, *pseudonyms], words


def _contains(text: str, terms: Iterable[str]) -> bool:
    folded = text.casefold()
    return any(term.casefold() in folded for term in terms if term)


def _scrub(text: str, terms: Iterable[str]) -> str:
    # Longest first, so the full name goes before its parts; whole words (with a Swedish genitive
    # s), so that a surname such as Lind leaves "Lindgrens Fastighetsservice" alone.
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(term)}s?(?!\w)", ERASED, text, flags=re.IGNORECASE)
    return text


def _in_batches(model: Any, size: int = 200) -> Iterable[Any]:
    """Every row of the table, a batch at a time by id, so a large outbox is never all in memory."""
    last = 0
    while True:
        batch = list(db.session.scalars(select(model).where(model.id > last).order_by(model.id).limit(size)))
        if not batch:
            return
        yield from batch
        last = batch[-1].id


def _message_text(message: OutboxMessage) -> str:
    parts = [message.subject or "", message.body_text or "", message.body_html or ""]
    for attachment in message.attachments or []:
        parts.append(str(attachment.get("filename", "")))
        try:
            parts.append(base64.b64decode(attachment.get("content", ""), validate=False).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            parts.append(str(attachment.get("content", "")))
    return "\n".join(parts)


def _erase_mail(held: _Held, strong: list[str], weak: list[str], report: ErasureReport) -> None:
    """Mail about the person: unsent messages are not sent; sent (or given up) ones keep their
    metadata (recipient, template, times) and lose subject names, bodies and attachments."""
    links = held.link_pattern()
    uids = [uid for uid in held.ical_uids if uid]
    for message in _in_batches(OutboxMessage):
        text = _message_text(message)
        if not (_contains(text, strong) or _contains(text, uids) or links.search(text)):
            db.session.expunge(message)
            continue
        if message.sent_at is None and message.dead_at is None:
            db.session.delete(message)
            report.count(OutboxMessage.__tablename__, 1)
        else:
            message.subject = _scrub(message.subject, [*strong, *weak])
            message.body_text = message.body_html = ""
            message.attachments = []
            message.last_error = None
            report.count(OutboxMessage.__tablename__, 1, scrubbed=True)


def _stash_text(stash: FormResume) -> str:
    values: list[str] = [stash.path]
    for key, items in (stash.data or {}).items():
        values.append(str(key))
        values.extend(str(v) for v in (items if isinstance(items, list) else [items]))
    return "\n".join(values)


def _erase_stashes(held: _Held, strong: list[str], report: ErasureReport) -> None:
    """Forms stashed at a session's end that were about the person, or typed their name."""
    links = held.link_pattern()
    for stash in _in_batches(FormResume):
        text = _stash_text(stash)
        if links.search(stash.path) or _contains(text, strong):
            db.session.delete(stash)
            report.count(FormResume.__tablename__, 1)
        else:
            db.session.expunge(stash)


def _audit_rows_about(held: _Held) -> set[int]:
    ids = set(db.session.scalars(select(AuditParticipant.audit_event_id).where(AuditParticipant.participant_id == held.participant_id)))
    for subject_type, subject_ids in held.subjects().items():
        for start in range(0, len(subject_ids), 500):
            ids.update(db.session.scalars(select(AuditEvent.id).where(
                AuditEvent.subject_type == subject_type, AuditEvent.subject_id.in_(subject_ids[start : start + 500])
            )))
    return ids


def _delete(model: Any, ids: list[int], report: ErasureReport) -> None:
    for start in range(0, len(ids), 500):
        result = db.session.execute(
            delete(model).where(model.id.in_(ids[start : start + 500])), execution_options={"synchronize_session": False}
        )
        report.count(model.__tablename__, result.rowcount or 0)


def _other_participant_rows(participant_id: int, report: ErasureReport) -> None:
    """Rows of any other table with a `participant_id`, such as what an employer was shown of a candidate."""
    handled = {Interest.__tablename__, Consent.__tablename__, Proposal.__tablename__, Placement.__tablename__}
    for table in reversed(db.metadata.sorted_tables):
        if table.name in handled or table.name in KEPT_BY_ID or "participant_id" not in table.c:
            continue
        result = db.session.execute(table.delete().where(table.c.participant_id == participant_id))
        report.count(table.name, result.rowcount or 0)


def erase_participant(participant: Participant, *, reason: str, actor: User | None) -> ErasureReport:
    """Remove or de-identify everything held about the participant; refused while a hold applies.

    Flushes, never commits. Raises ErasureRefused (holds) or FieldError (no reason)."""
    if not (reason or "").strip():
        raise FieldError("reason", _("Write why the data is erased, for example the person's request and when it came."))
    holds = erasure_holds(participant)
    if holds:
        raise ErasureRefused(holds)
    with all_or_nothing():
        return _erase(participant, reason=reason, actor=actor)


def _erase(participant: Participant, *, reason: str, actor: User | None) -> ErasureReport:
    db.session.flush()
    held = _held(participant)
    strong, weak = identifying_terms(participant)
    report = ErasureReport(participant_id=participant.id)

    _erase_mail(held, strong, weak, report)
    _erase_stashes(held, strong, report)
    report.count(AuditEvent.__tablename__, redact_audit_details(_audit_rows_about(held), [*strong, *weak]), scrubbed=True)
    db.session.flush()

    # Children before parents; the meeting's proposed times and a record's assessments too.
    _delete(TaskAssessment, _ids(select(TaskAssessment.id).where(TaskAssessment.record_id.in_(held.records))), report)
    _delete(FollowUpRecord, held.records, report)
    _delete(MeetingProposal, _ids(select(MeetingProposal.id).where(MeetingProposal.meeting_id.in_(held.meetings))), report)
    _delete(Meeting, held.meetings, report)
    _delete(Consent, held.consents, report)
    _delete(Proposal, held.proposals, report)
    _delete(Placement, held.placements, report)
    _delete(Interest, held.interests, report)
    _other_participant_rows(participant.id, report)
    participant_id = participant.id
    db.session.delete(participant)
    db.session.flush()
    report.count(Participant.__tablename__, 1)
    _forget_deleted(held)

    event = record_event(
        "participant.erased",
        actor=actor,
        subject_type=Participant.__tablename__,
        subject_id=participant_id,
        detail={"reason": clean_reason_text(reason, strong, weak), "deleted": report.deleted, "scrubbed": report.scrubbed},
    )
    db.session.flush()
    report.audit_event_id = event.id
    return report


def _forget_deleted(held: _Held) -> None:
    """Rows loaded before the bulk deletes leave the session (so nothing writes them back), and
    whatever else it holds is read afresh (a relationship may have pointed at them)."""
    gone = {
        Interest: set(held.interests), Consent: set(held.consents), Proposal: set(held.proposals),
        Placement: set(held.placements), Meeting: set(held.meetings), FollowUpRecord: set(held.records),
    }
    # By identity key, not attribute: reading an expired attribute would load the deleted row.
    for (cls, key, *_), obj in list(db.session.identity_map.items()):
        # Expunging a parent cascades to its children, which may come later in this list.
        if (cls in (TaskAssessment, MeetingProposal) or key[0] in gone.get(cls, ())) and obj in db.session:
            db.session.expunge(obj)
    db.session.expire_all()


def clean_reason_text(reason: str, strong: list[str], weak: list[str]) -> str:
    """The reason as the log keeps it: one line, at most REASON_MAX_LENGTH, without the person's name."""
    return _scrub(" ".join((reason or "").split()), [*strong, *weak])[:REASON_MAX_LENGTH]
