"""The coordinator's review: the queue, and decisions that cannot be taken twice or on an old version."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from portal.audit.services import record_event
from portal.clock import STOCKHOLM, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.offers.fields import comment_paths
from portal.offers.lifecycle import OFFER_LIFECYCLE
from portal.offers.models import Offer, OfferSnapshot
from portal.offers.states import APPROVED_STATES, OfferStatus
from portal.offers.visibility import visible_copies
from portal.outbox.services import queue_email
from portal.reference.task_examples import NO_FAMILY, family_by_code
from portal.review.models import Decision, Review, ReviewComment
from portal.transactions import all_or_nothing
from portal.web.forms import MULTI_LINE_REFUSED
from portal.web.links import external_url
from portal.workdays import working_days_between


class StaleDecision(Exception):
    """The decision was made on a version that is no longer the one waiting for review."""


class DecisionConflict(StaleDecision):
    """Someone else changed the offer between loading it and saving this decision (undone; the offer reads anew)."""


# A decision on a first submission is a move of the offer's lifecycle.
MOVE_OF_DECISION = {Decision.APPROVED: "approve", Decision.CHANGES_REQUESTED: "request_changes", Decision.REJECTED: "reject"}


COMMENT_MAX_LENGTH = 2000


@dataclass(frozen=True)
class QueueItem:
    offer: Offer
    snapshot: OfferSnapshot
    title: str  # the copy the coordinator may read: for a change to a live offer, the approved title
    working_days_waited: int
    is_resubmission: bool
    is_change_to_live_offer: bool


def review_queue(reviewer) -> list[QueueItem]:
    """Every offer with a submission waiting, the longest waiting first."""
    rows = db.session.execute(
        select(Offer, OfferSnapshot)
        .join(OfferSnapshot, Offer.pending_snapshot_id == OfferSnapshot.id)
        .order_by(OfferSnapshot.submitted_at, OfferSnapshot.id)
    ).all()
    today = today_in_stockholm()
    offer_ids = [offer.id for offer, _snapshot in rows]
    reviewed = set(db.session.scalars(select(Review.offer_id).where(Review.offer_id.in_(offer_ids))))
    copies = visible_copies(reviewer, [offer for offer, _snapshot in rows])
    return [
        QueueItem(
            offer,
            snapshot,
            copies[offer.id].title,
            working_days_between(snapshot.submitted_at.astimezone(STOCKHOLM).date(), today),
            offer.id in reviewed,
            offer.status in APPROVED_STATES,
        )
        for offer, snapshot in rows
    ]


def decide(
    offer: Offer,
    *,
    snapshot_id: int,
    decision: Decision,
    reason: str,
    comments: dict[str, str],
    reviewer,
    families: dict[str, str] | None = None,
) -> Review:
    """Approve, request changes on, or reject the submission the coordinator was looking at.

    Refused (StaleDecision) when another version is waiting by now. The offer row is
    updated with `WHERE version = :loaded` (the mapper's version counter), so of two
    coordinators deciding at once only the first changes a row; the second gets
    DecisionConflict.
    """
    if offer.pending_snapshot_id != snapshot_id:
        raise StaleDecision()
    snapshot = db.session.get(OfferSnapshot, snapshot_id)
    paths = set(comment_paths(snapshot.data))
    comments = {path: text.strip() for path, text in comments.items() if path in paths and text and text.strip()}
    for path, text in comments.items():  # the comment boxes are not form fields: the same checks here
        if len(text) > COMMENT_MAX_LENGTH:
            raise FieldError(f"comment-{path}", _("Use at most %(max)d characters", max=COMMENT_MAX_LENGTH))
        if MULTI_LINE_REFUSED.search(text):
            raise FieldError(f"comment-{path}", _("Remove the invisible control characters from the text"))
    reason = (reason or "").strip()
    if decision == Decision.CHANGES_REQUESTED and not comments:
        raise FieldError("decision", _("Write at least one comment beside the answer it is about, so the employer knows what to change."))
    if decision == Decision.REJECTED and not reason:
        raise FieldError("reason", _("Give the reason the offer is not approved."))

    corrections = _family_corrections(snapshot, families or {})
    try:
        with all_or_nothing():
            _correct_task_families(offer, snapshot, corrections, reviewer)
            review = _record_decision(offer, snapshot, decision, reason, comments, reviewer)
    except StaleDataError as error:
        raise DecisionConflict() from error
    _tell_employer(offer, review, snapshot)
    return review


def _family_corrections(snapshot: OfferSnapshot, families: dict[str, str]) -> dict[int, str]:
    """The families the coordinator changed, by task id; refused when one is not in the vocabulary."""
    corrections = {}
    for task in snapshot.data.get("tasks", []):
        code = families.get(str(task["id"]))
        if code is None or code == task.get("family"):
            continue
        if code != NO_FAMILY and family_by_code(code) is None:
            raise FieldError("decision", _("Choose the kind of task from the list."))
        corrections[task["id"]] = code
    return corrections


def _correct_task_families(offer: Offer, snapshot: OfferSnapshot, corrections: dict[int, str], reviewer) -> None:
    """Write the coordinator's families into the submission being decided and the working copy.

    The submission is what goes live on approval, so the correction must be in it; the working
    copy takes it too, so the employer's next submission keeps it. Each change is logged.
    """
    if not corrections:
        return
    tasks = []
    for task in snapshot.data.get("tasks", []):
        if task["id"] in corrections:
            record_event("offer.task_family_changed", offer, actor=reviewer,
                         detail={"task": task["id"], "from": task.get("family"), "to": corrections[task["id"]]})
            task = {**task, "family": corrections[task["id"]]}
        tasks.append(task)
    snapshot.data = {**snapshot.data, "tasks": tasks}  # a new value, so the JSON column is written
    for task in offer.tasks:
        if task.id in corrections:
            task.family = corrections[task.id]


def _record_decision(offer: Offer, snapshot: OfferSnapshot, decision: Decision, reason: str, comments: dict[str, str], reviewer) -> Review:
    review = Review(offer_id=offer.id, snapshot_id=snapshot.id, reviewer_id=reviewer.id, decision=decision, reason=reason)
    review.comments = [ReviewComment(field=path, text=text) for path, text in comments.items()]
    db.session.add(review)
    detail = {"snapshot": snapshot.number}
    if offer.status == OfferStatus.SUBMITTED:
        OFFER_LIFECYCLE.fire(MOVE_OF_DECISION[decision], offer, actor=reviewer, detail=detail)
    else:
        # A change to a live or paused offer: the offer keeps its state, only the change is decided.
        record_event(f"offer.change_{decision.value}", offer, actor=reviewer, detail=detail)
    if decision == Decision.APPROVED:
        offer.live_snapshot_id = snapshot.id
    offer.pending_snapshot_id = None
    db.session.flush()  # UPDATE offer … WHERE version = :loaded: StaleDataError when someone was first
    return review


def _tell_employer(offer: Offer, review: Review, snapshot: OfferSnapshot) -> None:
    """E-mail every active user of the organisation, each in their own language."""
    template = f"offer_{review.decision.value}"
    for user in offer.organisation.users:
        if not user.active:
            continue
        queue_email(
            user.email,
            template,
            locale=user.preferred_language,
            user=user,
            title=snapshot.data.get("title") or "",
            data=snapshot.data,
            review=review,
            still_live=offer.status in APPROVED_STATES and review.decision != Decision.APPROVED,
            link=external_url("offers.detail", offer_id=offer.id),
        )
