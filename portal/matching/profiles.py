"""Plain values that matching reads: built by the service from the approved offer
snapshot and from a participant record. No ORM objects cross this line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.reference.vocabulary import (
    Adaptation,
    Need,
    PhysicalDemand,
    SwedishLevel,
    TimeOfDay,
    Travel,
)


@dataclass(frozen=True, slots=True)
class TaskProfile:
    name: str  # as the employer wrote it, e.g. "Diskning"
    task_key: str | None = None  # code in the shared task vocabulary, None for a free name
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
    # Statistics only. Here so that a test can prove matching never reads them.
    gender: str | None = None
    birth_year: int | None = None
