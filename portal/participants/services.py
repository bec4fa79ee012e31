"""Participant use cases: register, update, change status, move to another consultant, log views.

Services flush; the request commits once (portal/web/unit_of_work.py).
Every read of participant data is logged here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date

from flask_babel import gettext as _

from portal.accounts.models import Role, User
from portal.audit.services import record_event
from portal.clock import now, today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.participants.fields import LANGUAGES
from portal.participants.models import Gender, Participant
from portal.participants.rules import birth_year_problem, looks_like_personnummer
from portal.participants.states import (
    MANUAL_MOVES,
    PARTICIPANT_MACHINE,
    Outcome,
    ParticipantStatus,
)
from portal.reference.areas import is_area
from portal.reference.sni import is_section
from portal.reference.task_examples import example_by_id
from portal.reference.vocabulary import Need, SwedishLevel, TimeOfDay, Travel
from portal.transactions import all_or_nothing
from portal.workflow import IllegalTransition

FREE_TEXT_FIELDS = ("wishes", "notes")


@dataclass
class ParticipantDetails:
    """Everything the consultant records, as plain values (the form builds it)."""

    name: str
    birth_year: int
    gender: Gender
    swedish_level: SwedishLevel
    hours_per_week_min: int
    hours_per_week_max: int
    available_from: date
    wishes: str = ""
    industries: list[str] = field(default_factory=list)
    tasks_done: list[str] = field(default_factory=list)
    tasks_done_other: list[str] = field(default_factory=list)
    tasks_wanted: list[str] = field(default_factory=list)
    tasks_wanted_other: list[str] = field(default_factory=list)
    other_languages: list[str] = field(default_factory=list)
    times_of_day: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    travel: list[str] = field(default_factory=list)
    driving_licence: bool = False
    needs: list[str] = field(default_factory=list)
    notes: str = ""


def check_details(details: ParticipantDetails) -> None:
    """Raise FieldError for the first rule the details break."""
    problem = birth_year_problem(details.birth_year, today_in_stockholm().year)
    if problem:
        raise FieldError("birth_year", problem)
    if not details.name.strip():
        raise FieldError("name", _("Enter the person's name"))
    if details.hours_per_week_min > details.hours_per_week_max:
        raise FieldError("hours_per_week_max", _("The most hours must be at least the fewest hours"))
    for name in FREE_TEXT_FIELDS + ("name",):
        if looks_like_personnummer(getattr(details, name)):
            raise FieldError(name, personnummer_warning())
    for name in ("tasks_done_other", "tasks_wanted_other"):
        if looks_like_personnummer(" ".join(getattr(details, name))):
            raise FieldError(name, personnummer_warning())
    _check_codes(details)


def personnummer_warning() -> str:
    return _(
        "This looks like a personal identity number. Brygga does not need it and should not keep it: "
        "please remove it."
    )


def _check_codes(details: ParticipantDetails) -> None:
    # The form offers only known codes; this guards every other caller (demo, CLI, later imports).
    checks = {
        "industries": is_section,
        "tasks_done": lambda code: example_by_id(code) is not None,
        "tasks_wanted": lambda code: example_by_id(code) is not None,
        "other_languages": lambda code: code in LANGUAGES,
        "times_of_day": lambda code: code in _values(TimeOfDay),
        "areas": is_area,
        "travel": lambda code: code in _values(Travel),
        "needs": lambda code: code in _values(Need),
    }
    for name, known in checks.items():
        unknown = [code for code in getattr(details, name) if not known(code)]
        if unknown:
            raise FieldError(name, _("Choose from the list"))
    required = {
        "times_of_day": _("Choose at least one time of day the person can work"),
        "areas": _("Choose at least one area the person can get to"),
        "travel": _("Choose at least one way the person can travel"),
    }
    for name, message in required.items():
        if not getattr(details, name):
            raise FieldError(name, message)


def _values(enum_class) -> frozenset[str]:
    return frozenset(member.value for member in enum_class)


def _apply(participant: Participant, details: ParticipantDetails) -> list[str]:
    """Copy the details onto the record; returns the names of the fields that changed."""
    changed = []
    for name, value in asdict(details).items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(participant, name) != value:
            setattr(participant, name, value)
            changed.append(name)
    return changed


def register_participant(consultant: User, details: ParticipantDetails) -> Participant:
    """Add a participant to the consultant's caseload, active from today."""
    if consultant.role != Role.CONSULTANT:
        raise FieldError("consultant", _("Only a labour-market consultant can have a caseload"))
    check_details(details)
    # The person belongs to the consultant's unit from the start.
    participant = Participant(consultant=consultant, unit_id=consultant.unit_id, status=ParticipantStatus.ACTIVE)
    _apply(participant, details)
    db.session.add(participant)
    db.session.flush()
    record_event("participant.registered", participant, actor=consultant)
    return participant


def update_participant(participant: Participant, details: ParticipantDetails, *, actor: User) -> list[str]:
    """Save changed details; the audit row names the fields, never their values. All or nothing."""
    with all_or_nothing():
        check_details(details)
        changed = _apply(participant, details)
        if changed:
            db.session.flush()
            record_event("participant.updated", participant, actor=actor, detail={"fields": changed})
    return changed


def change_status(
    participant: Participant, target: ParticipantStatus, *, actor: User, outcome: Outcome | None = None
) -> None:
    """Pause, resume or end participation (an end needs its outcome); placements set PLACED themselves.

    All or nothing: a refusal leaves no change behind, even on a page that keeps its view's audit row.
    """
    with all_or_nothing():
        if target is ParticipantStatus.ENDED and outcome is None:
            raise FieldError("outcome", _("Choose how the participation ended"))
        detail = {"outcome": outcome.value} if target is ParticipantStatus.ENDED else None
        move = MANUAL_MOVES.get(target)
        if move is None:
            raise IllegalTransition(PARTICIPANT_MACHINE.name, participant.status, target)
        PARTICIPANT_MACHINE.fire(move, participant, actor=actor, detail=detail)
        participant.outcome = outcome if target is ParticipantStatus.ENDED else None
        # The retention period of an ended participant counts from here (portal/privacy/retention.py).
        participant.ended_at = now() if target is ParticipantStatus.ENDED else None
        db.session.flush()


def reassign_participant(participant: Participant, consultant: User | None, *, actor: User) -> None:
    """Move a participant to another consultant's caseload (the coordinator does this)."""
    if consultant is None:
        raise FieldError("consultant", _("Choose the consultant who takes over"))
    if consultant.role != Role.CONSULTANT or not consultant.active:
        raise FieldError("consultant", _("Choose a labour-market consultant"))
    if consultant.id == participant.consultant_id:
        raise FieldError("consultant", _("The participant already belongs to %(name)s", name=consultant.name))
    previous = participant.consultant_id
    participant.consultant = consultant
    db.session.flush()
    record_event(
        "participant.reassigned", participant, actor=actor, detail={"from": previous, "to": consultant.id}
    )


# Views of participant data: every one is logged.


def record_participant_view(participant: Participant, *, actor: User, page: str = "record") -> None:
    """Log that the actor saw this participant's record (or its edit form)."""
    record_event("participant.viewed", participant, actor=actor, detail={"page": page})


def record_caseload_view(participants: Sequence[Participant], *, actor: User, page: int = 1) -> None:
    """Log one row for a page of the caseload, listing every participant shown on it."""
    if not participants:
        return
    record_event(
        "participant.listed",
        actor=actor,
        subject_type=Participant.__tablename__,
        detail={"participant_ids": [p.id for p in participants], "page": page},
    )

