"""Offer use cases: drafts, tasks, submission and the employer's lifecycle moves. Services flush; the request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from portal.audit.services import record_event
from portal.clock import now, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.offers import fields as F
from portal.offers import readiness
from portal.offers.lifecycle import FINAL_STATES, OFFER_LIFECYCLE, SUBMIT
from portal.offers.models import Offer, OfferSnapshot, OfferTask
from portal.offers.states import APPROVED_STATES, OfferStatus
from portal.reference.task_examples import (
    NO_FAMILY,
    all_families,
    example_by_id,
    family_by_code,
    suggest_families,
)
from portal.reference.vocabulary import PhysicalDemand, PlacementKind, SwedishLevel
from portal.transactions import all_or_nothing

OFFER_COLUMNS = frozenset(field.name for field in F.OFFER_FIELDS)


class NothingChanged(FieldError):
    """A submission identical to the one already waiting or approved."""


def create_offer(user) -> Offer:
    """Start a draft for the user's organisation, in the organisation's industry if it has one."""
    organisation = user.organisation
    offer = Offer(
        organisation=organisation,
        created_by=user,
        status=OfferStatus.DRAFT,
        industry=getattr(organisation, "industry", None) or "",
    )
    db.session.add(offer)
    db.session.flush()
    record_event("offer.created", offer, actor=user)
    return offer


# Columns that store "" or [] for "not answered" rather than NULL.
STRING_COLUMNS = frozenset(
    {f.name for f in F.OFFER_FIELDS + F.TASK_FIELDS if f.kind in ("text", "industry", "support", "frequency")}
)
LIST_COLUMNS = frozenset({f.name for f in F.OFFER_FIELDS if f.kind in ("days", "times", "adaptations")})


def _coerce(name: str, value: Any) -> Any:
    if value is None and name in STRING_COLUMNS:
        return ""
    if value is None and name in LIST_COLUMNS:
        return []
    if name in ("pair_placement", "can_be_shown"):
        return None if value in (None, "") else value in (True, "yes")
    if name == "area":
        return value or None
    if name == "family":
        return value if value == NO_FAMILY or family_by_code(value) else None
    if name == "placement_kind":
        return PlacementKind(value) if value else None
    if name == "physical_demand":
        return PhysicalDemand(value) if value else None
    if name == "swedish_needed":
        return SwedishLevel(value) if value else None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return list(value)
    return value


def save_offer_answers(offer: Offer, values: dict[str, Any]) -> None:
    """Write one screen's answers to the working copy, valid or not yet complete (a draft saves half-done)."""
    for name in values:
        if name not in OFFER_COLUMNS:
            raise ValueError(f"not an offer field: {name}")

    def write() -> None:
        for name, value in values.items():
            setattr(offer, name, _coerce(name, value))
        if offer.placement_kind != PlacementKind.ANSTALLNING_MED_STOD and "placement_kind" in values:
            offer.support_kind = ""
        offer.end_date = (
            offer.start_date + timedelta(weeks=offer.length_weeks) if offer.start_date and offer.length_weeks else None
        )
        offer.updated_at = now()

    _write_working_copy(offer, write)


def add_task(offer: Offer, values: dict[str, Any], *, example_id: str | None = None) -> OfferTask:
    """Add a task at the end of the offer's list."""
    position = max((task.position for task in offer.tasks), default=0) + 1
    task = OfferTask(offer=offer, position=position, example_id=example_id)
    db.session.add(task)
    _set_task_answers(task, values)
    db.session.flush()
    return task


def save_task_answers(task: OfferTask, values: dict[str, Any]) -> None:
    """Write a task's answers, valid or not yet complete."""
    _write_working_copy(task.offer, lambda: _set_task_answers(task, values))


def _set_task_answers(task: OfferTask, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name not in readiness.TASK_COLUMNS:
            raise ValueError(f"not a task field: {name}")
        setattr(task, name, _coerce(name, value))
    task.offer.updated_at = now()  # an UPDATE of the offer row, so its version moves with its tasks


def _write_working_copy(offer: Offer, write) -> None:
    """Make the change and flush it. An autosave and the Continue of the same screen can cross
    (the offer's version moved in between); both carry the employer's own typing, so the later
    one is written again on the row as it is now rather than failing."""
    try:
        with all_or_nothing():
            write()
            db.session.flush()
    except StaleDataError:
        db.session.refresh(offer)
        write()
        db.session.flush()


def remove_task(task: OfferTask) -> None:
    offer = task.offer
    offer.tasks.remove(task)
    offer.updated_at = now()
    db.session.flush()


def add_tasks_from_examples(offer: Offer, example_ids: list[str], locale: object) -> list[OfferTask]:
    """Copy the chosen examples into the offer as tasks, in the user's language, ready to be edited."""
    added = []
    for example_id in example_ids:
        example = example_by_id(example_id)
        if example is None:
            raise FieldError("examples", _("Choose examples from the list"))
        values = {
            "name": example.name(locale),
            "description": example.description(locale),
            "frequency": example.frequency,
            "physical_demand": example.physical_demand,
            "swedish_needed": example.swedish_needed,
            "can_be_shown": example.can_be_shown,
            "tools": example.tools(locale),
            "family": example.family,
        }
        added.append(add_task(offer, values, example_id=example.id))
    return added


# Submission


def submit_offer(offer: Offer, actor) -> OfferSnapshot:
    """Take a snapshot of the working copy and put it in the coordinator's queue.

    A draft or an offer sent back becomes submitted; a change to a live or paused offer
    waits for review while the approved snapshot stays what everyone else sees.
    """
    problems = readiness.missing_answers(offer)
    if problems:
        raise FieldError(problems[0][1], problems[0][2])
    data = F.offer_data(offer)
    compare_with = offer.pending_snapshot_id or (offer.live_snapshot_id if offer.status in APPROVED_STATES else None)
    if compare_with is not None and db.session.get(OfferSnapshot, compare_with).data == data:
        raise NothingChanged("", _("Nothing has changed since the version that was sent."))
    number = (db.session.scalar(select(func.max(OfferSnapshot.number)).where(OfferSnapshot.offer_id == offer.id)) or 0) + 1
    snapshot = OfferSnapshot(
        offer_id=offer.id, number=number, offer_version=offer.version, data=data, submitted_by_id=actor.id
    )
    # The move first: when its guard says no, nothing has been added.
    if offer.status in SUBMIT.sources:
        OFFER_LIFECYCLE.fire("submit", offer, actor=actor, detail={"snapshot": number})
    else:
        record_event("offer.resubmitted", offer, actor=actor, detail={"snapshot": number, "status": offer.status.value})
    db.session.add(snapshot)
    db.session.flush()
    offer.pending_snapshot_id = snapshot.id
    db.session.flush()
    return snapshot


# Lifecycle


def change_status(offer: Offer, move: str, actor) -> None:
    """The employer pauses, resumes, marks filled, closes or withdraws; a waiting change is dropped when it ends."""
    OFFER_LIFECYCLE.fire(move, offer, actor=actor)
    if offer.status in FINAL_STATES:
        offer.pending_snapshot_id = None
    db.session.flush()


def delete_draft(offer: Offer, actor) -> None:
    """Delete a draft that was never sent; the employer confirmed it on purpose."""
    if offer.status != OfferStatus.DRAFT:
        raise FieldError("", _("Only a draft that has never been sent can be deleted."))
    record_event("offer.deleted", offer, actor=actor, detail={"title": offer.title})
    db.session.delete(offer)
    db.session.flush()


def expire_offers(today: date | None = None) -> list[Offer]:
    """Move live and paused offers whose end date has passed to expired; running it again does nothing."""
    today = today or today_in_stockholm()
    offers = db.session.scalars(
        select(Offer)
        .where(Offer.status.in_(APPROVED_STATES), Offer.end_date < today)
        .order_by(Offer.id)
    ).all()
    for offer in offers:
        OFFER_LIFECYCLE.fire("expire", offer, detail={"end_date": offer.end_date.isoformat()})
        offer.pending_snapshot_id = None
    db.session.flush()
    return list(offers)


# What was typed when the session had expired


# Task families


@dataclass(frozen=True)
class FamilyChoices:
    """The families to offer for a task: suggested from its words first, the rest after."""

    suggested: tuple[str, ...]  # family codes, best first
    others: tuple[str, ...]


def family_choices_for(name: str, description: str, example_id: str | None = None) -> FamilyChoices:
    """Suggest families from a task's own words; a task from an example suggests the example's first."""
    suggested = [family.code for family in suggest_families(f"{name} {description}")]
    example = example_by_id(example_id or "")
    if example is not None:
        suggested = [example.family] + [code for code in suggested if code != example.family]
    others = tuple(family.code for family in all_families() if family.code not in suggested)
    return FamilyChoices(tuple(suggested[:3]), others)
