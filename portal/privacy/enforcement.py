"""What `flask privacy enforce` does: erase or de-identify every record past its retention period.

Each kind names its rows by a condition on one table and handles them a batch of ids at a time (keyset
on the id), so a million rows never load at once and the job can commit between batches. A row that
was handled no longer meets its condition, so a second run finds nothing and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, or_, select, update

from portal.accounts.models import Invitation, PasswordReset, RecoveryCode, SecondFactor, SignIn, User
from portal.audit.models import AuditEvent
from portal.audit.services import deidentify_events, record_event
from portal.clock import STOCKHOLM, now
from portal.employers.models import EmailConfirmation, JoinRequest, Organisation
from portal.employers.states import VettingStatus
from portal.extensions import db
from portal.followups.models import FollowUpRecord
from portal.interest.models import Consent, Interest
from portal.interest.states import InterestStatus
from portal.meetings.models import CalendarFeedLink, Meeting, MeetingProposal
from portal.meetings.states import MeetingStatus
from portal.offers.models import Offer
from portal.outbox.models import OutboxMessage
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from portal.placements.models import Placement
from portal.placements.states import PlacementStatus
from portal.privacy import retention
from portal.privacy.erasure import ErasureRefused, erase_participant
from portal.resume.models import FormResume
from portal.resume.services import RESUME_HOURS

BATCH_SIZE = 500
CLOSED_INTEREST_STATES = (InterestStatus.DECLINED, InterestStatus.LAPSED, InterestStatus.WITHDRAWN)
NOT_HELD_STATES = (MeetingStatus.DECLINED, MeetingStatus.CANCELLED, MeetingStatus.LAPSED)
FOLLOW_UP_TEXT = ("goes_well", "to_adjust", "next_step", "participant_view", "supervisor_comment")
ERASURE_REASON = "The retention period after participation ended is over (flask privacy enforce)."


@dataclass(frozen=True)
class Kind:
    """One kind of record the job handles: which rows are due, and what is done to a batch of them."""

    key: str
    label: str  # for the job's output: what the rows are
    verb: str  # what is done to them ("erased", "de-identified" …)
    model: Any
    due: Callable[[datetime], ColumnElement[bool]]  # the condition, given the cutoff
    handle: Callable[[list[int]], int | None]  # returns how many it had to leave (held back), if any
    period: retention.RetentionPeriod | None = None
    fixed_cutoff: timedelta | None = None  # for what the code keeps a fixed time, not a setting

    def cutoff(self, moment: datetime) -> datetime:
        if self.period is not None:
            return self.period.cutoff(moment)
        assert self.fixed_cutoff is not None
        return moment - self.fixed_cutoff


# The handling of each kind -------------------------------------------------------------------


def _ended_participant(cutoff: datetime) -> ColumnElement[bool]:
    # Rows ended before `ended_at` existed count from their last change, which is no earlier than the end.
    return (Participant.status == ParticipantStatus.ENDED) & (
        func.coalesce(Participant.ended_at, Participant.updated_at) < cutoff
    )


def _erase_participants(ids: list[int]) -> int:
    """Erase each through erase_participant; one that a hold keeps (a placement still running, a booked
    meeting …) stays untouched until the hold is over, and is counted as held back."""
    held = 0
    for participant_id in ids:
        participant = db.session.get(Participant, participant_id)
        try:
            erase_participant(participant, reason=ERASURE_REASON, actor=None)
        except ErasureRefused:
            held += 1
    return held


def _closed_interest(cutoff: datetime) -> ColumnElement[bool]:
    return (
        Interest.status.in_(CLOSED_INTEREST_STATES)
        & (func.coalesce(Interest.answered_at, Interest.created_at) < cutoff)
        # Never one that a meeting or a placement still points at.
        & ~exists().where(Meeting.interest_id == Interest.id)
        & ~exists().where(Placement.interest_id == Interest.id)
    )


def _delete_interest(ids: list[int]) -> None:
    db.session.execute(delete(Consent).where(Consent.interest_id.in_(ids)))
    db.session.execute(delete(Interest).where(Interest.id.in_(ids)))


def _meeting_not_held(cutoff: datetime) -> ColumnElement[bool]:
    return (
        Meeting.status.in_(NOT_HELD_STATES)
        & (Meeting.updated_at < cutoff)
        & ~exists().where(FollowUpRecord.meeting_id == Meeting.id)
    )


def _delete_meetings(ids: list[int]) -> None:
    db.session.execute(delete(MeetingProposal).where(MeetingProposal.meeting_id.in_(ids)))
    db.session.execute(delete(Meeting).where(Meeting.id.in_(ids)))


def _held_meeting_with_details(cutoff: datetime) -> ColumnElement[bool]:
    return (
        (Meeting.status == MeetingStatus.CONFIRMED)
        & (Meeting.ends_at < cutoff)
        & ((Meeting.location_details != "") | (Meeting.last_reason != ""))
    )


def _empty_meeting_details(ids: list[int]) -> None:
    db.session.execute(
        update(Meeting).where(Meeting.id.in_(ids)).values(location_details="", last_reason=""),
        execution_options={"synchronize_session": False},
    )


def _follow_up_text_of_ended_placement(cutoff: datetime) -> ColumnElement[bool]:
    last_day = cutoff.astimezone(STOCKHOLM).date()
    ended_before = select(Placement.id).where(Placement.status == PlacementStatus.ENDED, Placement.end_date < last_day)
    return FollowUpRecord.placement_id.in_(ended_before) & or_(
        *(getattr(FollowUpRecord, column) != "" for column in FOLLOW_UP_TEXT)
    )


def _empty_follow_up_text(ids: list[int]) -> None:
    db.session.execute(
        update(FollowUpRecord).where(FollowUpRecord.id.in_(ids)).values({column: "" for column in FOLLOW_UP_TEXT}),
        execution_options={"synchronize_session": False},
    )


def _sent_or_dead(cutoff: datetime) -> ColumnElement[bool]:
    return (OutboxMessage.sent_at < cutoff) | (OutboxMessage.dead_at < cutoff)


def _identifying_audit_row(cutoff: datetime) -> ColumnElement[bool]:
    return AuditEvent.deidentified_at.is_(None) & (AuditEvent.at < cutoff)


def _deidentify_audit_rows(ids: list[int]) -> None:
    deidentify_events(ids)


def _unconfirmed_registration(cutoff: datetime) -> ColumnElement[bool]:
    return (
        (Organisation.status == VettingStatus.UNCONFIRMED)
        & (Organisation.created_at < cutoff)
        & ~exists().where(Offer.organisation_id == Organisation.id)
    )


def _delete_registrations(ids: list[int]) -> None:
    users = list(db.session.scalars(select(User.id).where(User.organisation_id.in_(ids))))
    # A registrant who never confirmed has signed in never: only links and sign-in rows can hang on the account.
    for model in (EmailConfirmation, PasswordReset, SignIn, SecondFactor, RecoveryCode, CalendarFeedLink):
        db.session.execute(delete(model).where(model.user_id.in_(users)))
    db.session.execute(delete(Invitation).where(or_(Invitation.organisation_id.in_(ids), Invitation.invited_by_id.in_(users))))
    db.session.execute(delete(JoinRequest).where(JoinRequest.organisation_id.in_(ids)))
    db.session.execute(delete(User).where(User.id.in_(users)))
    db.session.execute(delete(Organisation).where(Organisation.id.in_(ids)))


def _spent(model) -> Callable[[datetime], ColumnElement[bool]]:
    return lambda cutoff: (model.used_at < cutoff) | (model.expires_at < cutoff)


def _deleting(model) -> Callable[[list[int]], None]:
    def handle(ids: list[int]) -> None:
        db.session.execute(delete(model).where(model.id.in_(ids)))

    return handle


def _closed_or_unanswered_join_request(cutoff: datetime) -> ColumnElement[bool]:
    return (JoinRequest.closed_at < cutoff) | (JoinRequest.closed_at.is_(None) & (JoinRequest.created_at < cutoff))


KINDS: tuple[Kind, ...] = (
    Kind("participants", "ended participants", "erased", Participant, _ended_participant, _erase_participants,
         retention.PARTICIPANT),
    Kind("closed_interest", "interest that never led to a meeting", "deleted", Interest, _closed_interest,
         _delete_interest, retention.CLOSED_INTEREST),
    Kind("meetings_not_held", "meetings that did not take place", "deleted", Meeting, _meeting_not_held,
         _delete_meetings, retention.MEETING),
    Kind("meeting_details", "place details and reasons of held meetings", "emptied", Meeting,
         _held_meeting_with_details, _empty_meeting_details, retention.MEETING),
    Kind("follow_up_text", "written follow-up records of ended placements", "emptied", FollowUpRecord,
         _follow_up_text_of_ended_placement, _empty_follow_up_text, retention.MEETING),
    Kind("outbox", "sent or undeliverable e-mail", "deleted", OutboxMessage, _sent_or_dead,
         _deleting(OutboxMessage), retention.OUTBOX),
    Kind("audit_detail", "audit rows", "de-identified", AuditEvent, _identifying_audit_row,
         _deidentify_audit_rows, retention.AUDIT_DETAIL),
    Kind("unconfirmed_registrations", "unconfirmed employer registrations", "deleted", Organisation,
         _unconfirmed_registration, _delete_registrations, retention.UNCONFIRMED_REGISTRATION),
    Kind("invitations", "used or expired invitations", "deleted", Invitation, _spent(Invitation),
         _deleting(Invitation), retention.SPENT_LINK),
    Kind("password_resets", "used or expired password resets", "deleted", PasswordReset, _spent(PasswordReset),
         _deleting(PasswordReset), retention.SPENT_LINK),
    Kind("email_confirmations", "used or expired e-mail confirmations", "deleted", EmailConfirmation,
         _spent(EmailConfirmation), _deleting(EmailConfirmation), retention.SPENT_LINK),
    Kind("join_requests", "closed or unanswered requests to join an organisation", "deleted", JoinRequest,
         _closed_or_unanswered_join_request, _deleting(JoinRequest), retention.SPENT_LINK),
    Kind("calendar_links", "revoked calendar links", "deleted", CalendarFeedLink,
         lambda cutoff: CalendarFeedLink.revoked_at < cutoff, _deleting(CalendarFeedLink), retention.SPENT_LINK),
    Kind("form_resume", "forms kept after a session ended", "deleted", FormResume,
         lambda cutoff: FormResume.created_at < cutoff, _deleting(FormResume), fixed_cutoff=timedelta(hours=RESUME_HOURS)),
)


# Running them --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindResult:
    kind: Kind
    cutoff: datetime
    count: int  # rows handled (or, in a dry run, due)
    held: int = 0  # due, but left as they are while a hold applies


Progress = Callable[[Kind, int, int], None]


def count_due(kind: Kind, cutoff: datetime) -> int:
    return db.session.scalar(select(func.count()).select_from(kind.model).where(kind.due(cutoff))) or 0


def _due_ids(kind: Kind, cutoff: datetime, after: int, limit: int) -> list[int]:
    return list(db.session.scalars(
        select(kind.model.id).where(kind.due(cutoff), kind.model.id > after).order_by(kind.model.id).limit(limit)
    ))


def enforce_retention(
    *,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
    kinds: Sequence[Kind] = KINDS,
    progress: Progress | None = None,
    after_batch: Callable[[], None] | None = None,
    moment: datetime | None = None,
) -> list[KindResult]:
    """Erase or de-identify everything past its period, kind by kind and batch by batch; one audit row.

    A dry run only counts what is due and writes nothing. `after_batch` lets the command commit each
    batch (services never commit); `progress(kind, done, total)` reports after each one.
    """
    moment = moment or now()
    results: list[KindResult] = []
    for kind in kinds:
        cutoff = kind.cutoff(moment)
        total = count_due(kind, cutoff)
        if dry_run or not total:
            results.append(KindResult(kind, cutoff, total))
            continue
        done, held, last_id = 0, 0, 0
        while ids := _due_ids(kind, cutoff, last_id, batch_size):
            held_now = kind.handle(ids) or 0
            db.session.flush()
            done, held, last_id = done + len(ids) - held_now, held + held_now, ids[-1]
            if after_batch is not None:
                after_batch()
            if progress is not None:
                progress(kind, done + held, total)
        results.append(KindResult(kind, cutoff, done, held))
    if not dry_run:
        detail: dict[str, Any] = {"counts": {result.kind.key: result.count for result in results}}
        if any(result.held for result in results):
            detail["held"] = {result.kind.key: result.held for result in results if result.held}
        record_event("privacy.retention_enforced", detail=detail)
        db.session.flush()
    return results
