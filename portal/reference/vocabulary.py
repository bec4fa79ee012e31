"""Shared code lists for offers, participants and matching.

Codes are ASCII snake_case and stored as such; the web layer translates them.
"""

from __future__ import annotations

import enum


class SwedishLevel(enum.StrEnum):
    """How much Swedish a person has, or a task needs. Ordered: compare with <, >=."""

    NONE = "none"
    A_LITTLE = "a_little"
    EVERYDAY = "everyday"
    GOOD = "good"

    @property
    def rank(self) -> int:
        return _SWEDISH_ORDER.index(self)

    # str would compare these alphabetically ("good" < "none"), so compare by rank.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SwedishLevel):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, SwedishLevel):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, SwedishLevel):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, SwedishLevel):
            return NotImplemented
        return self.rank >= other.rank


_SWEDISH_ORDER = tuple(SwedishLevel)


class PhysicalDemand(enum.StrEnum):
    LIGHT = "light"
    MODERATE = "moderate"
    HEAVY = "heavy"


class TimeOfDay(enum.StrEnum):
    MORNING = "morning"
    DAYTIME = "daytime"
    AFTERNOON = "afternoon"
    EVENING = "evening"
    WEEKEND = "weekend"


class Adaptation(enum.StrEnum):
    """What a workplace can adapt (the employer ticks these on the offer)."""

    HOURS_AND_PACE = "hours_and_pace"
    ADAPTED_TASKS = "adapted_tasks"
    INSTRUCTIONS_SHOWN = "instructions_shown"
    INSTRUCTIONS_PICTURES = "instructions_pictures"
    INSTRUCTIONS_SPOKEN = "instructions_spoken"
    INSTRUCTIONS_SIMPLE_SWEDISH = "instructions_simple_swedish"
    PHYSICAL_ADJUSTMENTS = "physical_adjustments"


class Need(enum.StrEnum):
    """What a participant needs at work (the consultant records these, never diagnoses)."""

    INSTRUCTIONS_SHOWN = "instructions_shown"
    INSTRUCTIONS_PICTURES = "instructions_pictures"
    INSTRUCTIONS_SPOKEN = "instructions_spoken"
    SIMPLE_WRITTEN_SWEDISH = "simple_written_swedish"
    REDUCED_HOURS = "reduced_hours"
    OWN_PACE = "own_pace"
    NO_HEAVY_LIFTING = "no_heavy_lifting"
    STEP_FREE_ACCESS = "step_free_access"
    QUIET_PLACE = "quiet_place"


class Demand(enum.StrEnum):
    """What an offer asks of a person, derived from its tasks (see engine.offer_demands)."""

    ANY_WORK = "any_work"  # every workplace: instructions, hours, pace, premises
    HEAVY_WORK = "heavy_work"  # some task has PhysicalDemand.HEAVY
    GOOD_SWEDISH = "good_swedish"  # some task needs SwedishLevel.GOOD (reading, writing)
    TASK_NOT_SHOWN = "task_not_shown"  # some task cannot be learnt by being shown


class Travel(enum.StrEnum):
    WALK = "walk"
    BIKE = "bike"
    PUBLIC_TRANSPORT = "public_transport"
    CAR = "car"


class PlacementKind(enum.StrEnum):
    PRAKTIK = "praktik"
    ARBETSTRANING = "arbetstraning"
    ANSTALLNING_MED_STOD = "anstallning_med_stod"
    LAGTROSKELJOBB = "lagtroskeljobb"


# A need is met when the offer has any one of these adaptations.
NEED_IS_MET_BY: dict[Need, frozenset[Adaptation]] = {
    Need.INSTRUCTIONS_SHOWN: frozenset({Adaptation.INSTRUCTIONS_SHOWN}),
    Need.INSTRUCTIONS_PICTURES: frozenset({Adaptation.INSTRUCTIONS_PICTURES}),
    Need.INSTRUCTIONS_SPOKEN: frozenset({Adaptation.INSTRUCTIONS_SPOKEN}),
    Need.SIMPLE_WRITTEN_SWEDISH: frozenset({Adaptation.INSTRUCTIONS_SIMPLE_SWEDISH}),
    Need.REDUCED_HOURS: frozenset({Adaptation.HOURS_AND_PACE}),
    Need.OWN_PACE: frozenset({Adaptation.HOURS_AND_PACE}),
    Need.NO_HEAVY_LIFTING: frozenset(
        {Adaptation.PHYSICAL_ADJUSTMENTS, Adaptation.ADAPTED_TASKS}
    ),
    Need.STEP_FREE_ACCESS: frozenset({Adaptation.PHYSICAL_ADJUSTMENTS}),
    Need.QUIET_PLACE: frozenset({Adaptation.PHYSICAL_ADJUSTMENTS}),
}

# A need only matters when the offer makes this demand; otherwise it is "absent from
# its demands" and passes without an adaptation. ANY_WORK needs always matter:
# nothing on an offer shows that its instructions, pace or premises suit the person.
NEED_CONFLICTS_WITH: dict[Need, Demand] = {
    Need.INSTRUCTIONS_SHOWN: Demand.TASK_NOT_SHOWN,
    Need.INSTRUCTIONS_PICTURES: Demand.ANY_WORK,
    Need.INSTRUCTIONS_SPOKEN: Demand.ANY_WORK,
    Need.SIMPLE_WRITTEN_SWEDISH: Demand.GOOD_SWEDISH,
    Need.REDUCED_HOURS: Demand.ANY_WORK,
    Need.OWN_PACE: Demand.ANY_WORK,
    Need.NO_HEAVY_LIFTING: Demand.HEAVY_WORK,
    Need.STEP_FREE_ACCESS: Demand.ANY_WORK,
    Need.QUIET_PLACE: Demand.ANY_WORK,
}
