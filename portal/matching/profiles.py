"""Plain values that matching reads, and the two mappings that build them: the approved offer
snapshot's data -> OfferProfile, a participant record -> ParticipantProfile. No ORM objects
cross this line: the mappings read attributes and plain values and import neither Flask nor
the database, so the engine stays pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from portal.reference.task_examples import (
    NO_FAMILY,
    example_by_id,
    example_named,
    suggest_families,
)
from portal.reference.vocabulary import (
    Adaptation,
    Need,
    PhysicalDemand,
    SwedishLevel,
    TimeOfDay,
    Travel,
)

if TYPE_CHECKING:
    from portal.participants.models import Participant

# Offers approved before the workplace's area was asked have none in their live snapshot,
# so reach cannot be checked for them: such an offer is put in this pseudo-area and every
# person within reach of it. An offer with an area is matched on reach; the pseudo-area goes
# once every live offer has been resubmitted with its area.
UNKNOWN_AREA = "__offer_area_unknown__"


@dataclass(frozen=True, slots=True)
class TaskProfile:
    name: str  # as the employer wrote it, e.g. "Diskning"
    task_key: str | None = None  # code in the shared task vocabulary, None for a free name
    family: str | None = None  # task family code; None when none fits (matches only the same task)
    physical_demand: PhysicalDemand = PhysicalDemand.LIGHT
    swedish_needed: SwedishLevel = SwedishLevel.NONE
    can_be_shown: bool = False  # can be learnt by someone showing how
    needs_licence: bool = False  # driving licence (B)
    language_needed: str | None = None  # ISO 639-1 code, e.g. "ar"


@dataclass(frozen=True, slots=True)
class OfferProfile:
    offer_id: int
    industry: str  # SNI 2007 section code, "A".."U"
    area: str  # code of one of the municipality's areas
    reachable_by_public_transport: bool
    hours_per_week_min: int
    hours_per_week_max: int
    times_of_day: frozenset[TimeOfDay]
    start_date: date
    end_date: date | None
    adaptations: frozenset[Adaptation]
    tasks: tuple[TaskProfile, ...]


@dataclass(frozen=True, slots=True)
class ParticipantProfile:
    participant_id: int
    swedish_level: SwedishLevel
    other_languages: frozenset[str]  # ISO 639-1 codes
    tasks_done: frozenset[str]  # task keys or free names
    tasks_wanted: frozenset[str]
    industries_of_interest: frozenset[str]  # SNI section codes
    hours_per_week_min: int
    hours_per_week_max: int
    times_of_day: frozenset[TimeOfDay]
    available_from: date
    reachable_areas: frozenset[str]
    travel: frozenset[Travel]
    has_driving_licence: bool
    needs: frozenset[Need]
    # The task families of what they have done and want (from the same task lists).
    families_done: frozenset[str] = frozenset()
    families_wanted: frozenset[str] = frozenset()
    # Statistics only. Here so that a test can prove matching never reads them.
    gender: str | None = None
    birth_year: int | None = None


def _enum(enum_class, value, default):
    try:
        return enum_class(value)
    except ValueError:
        return default


def offer_profile(offer_id: int, data: dict[str, Any]) -> OfferProfile:
    """The approved snapshot's values as the plain profile matching reads."""
    hours = data.get("hours_per_week") or 0
    start = data.get("start_date")
    end = data.get("end_date")
    tasks = tuple(
        TaskProfile(
            name=task.get("name") or "",
            task_key=_task_key(task),
            family=_task_family(task),
            physical_demand=_enum(PhysicalDemand, task.get("physical_demand"), PhysicalDemand.LIGHT),
            swedish_needed=_enum(SwedishLevel, task.get("swedish_needed"), SwedishLevel.NONE),
            can_be_shown=bool(task.get("can_be_shown")),
        )
        for task in data.get("tasks", [])
    )
    return OfferProfile(
        offer_id=offer_id,
        industry=data.get("industry") or "",
        area=data.get("area") or UNKNOWN_AREA,
        reachable_by_public_transport=bool((data.get("public_transport") or "").strip()),
        hours_per_week_min=hours,
        hours_per_week_max=hours,
        times_of_day=frozenset(_enum(TimeOfDay, t, None) for t in data.get("times_of_day", [])) - {None},
        start_date=date.fromisoformat(start) if start else date.min,
        end_date=date.fromisoformat(end) if end else None,
        adaptations=frozenset(_enum(Adaptation, a, None) for a in data.get("adaptations", [])) - {None},
        tasks=tasks,
    )


def _task_key(task: dict[str, Any]) -> str | None:
    """The example a task started from. Tasks approved before the link was kept carry only
    the example's name; the name finds it, so that they match the people who did it."""
    if task.get("example_id"):
        return task["example_id"]
    example = example_named(task.get("name") or "")
    return example.id if example else None


def _task_family(task: dict[str, Any]) -> str | None:
    if "family" in task and task["family"] is not None:
        return None if task["family"] == NO_FAMILY else task["family"]
    example = example_by_id(_task_key(task) or "")  # approved before families were asked
    return example.family if example else None


def families_of(keys: Iterable[str], free_names: Iterable[str]) -> frozenset[str]:
    """The families of a person's tasks: an example's own, and for a task the consultant wrote
    in their own words, the family its words point at most clearly (none when none does)."""
    families = {example.family for example in map(example_by_id, keys) if example is not None}
    for name in free_names:
        suggested = suggest_families(name, limit=1)
        families.update(family.code for family in suggested)
    return frozenset(families)


def participant_profile(participant: Participant) -> ParticipantProfile:
    """The plain profile matching reads. Gender and birth year ride along only so a test can
    prove matching ignores them; name and notes never leave the record."""
    return ParticipantProfile(
        participant_id=participant.id,
        swedish_level=SwedishLevel(participant.swedish_level),
        other_languages=frozenset(participant.other_languages),
        tasks_done=_task_names(participant.tasks_done, participant.tasks_done_other),
        tasks_wanted=_task_names(participant.tasks_wanted, participant.tasks_wanted_other),
        families_done=families_of(participant.tasks_done, participant.tasks_done_other),
        families_wanted=families_of(participant.tasks_wanted, participant.tasks_wanted_other),
        industries_of_interest=frozenset(participant.industries),
        hours_per_week_min=participant.hours_per_week_min,
        hours_per_week_max=participant.hours_per_week_max,
        times_of_day=frozenset(TimeOfDay(code) for code in participant.times_of_day),
        available_from=participant.available_from,
        reachable_areas=frozenset(participant.areas),
        travel=frozenset(Travel(code) for code in participant.travel),
        has_driving_licence=participant.driving_licence,
        needs=frozenset(Need(code) for code in participant.needs),
        gender=getattr(participant.gender, "value", participant.gender),
        birth_year=participant.birth_year,
    )


def matchable_profile(participant: Participant) -> ParticipantProfile:
    """The participant's profile as matching uses it: also within reach of offers approved
    before they had an area (UNKNOWN_AREA)."""
    profile = participant_profile(participant)
    return replace(profile, reachable_areas=profile.reachable_areas | {UNKNOWN_AREA})


def _task_names(keys: Iterable[str], free_names: Iterable[str]) -> frozenset[str]:
    return frozenset(keys) | frozenset(free_names)
