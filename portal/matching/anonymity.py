"""k-anonymity for the candidate cards an employer sees.

A card shows five attributes: for each of the offer's tasks, whether the person has done it,
done something like it or wants to try it (TaskFit); Swedish level,
weekly hours, when they can start, and the offer's adaptations they would use. The
combination a card displays must be shared by at least k people in the population
(every active participant's attributes for the same offer, built with card_for).

Each attribute has a ladder of ever coarser values, each rung a partition of the
previous one, ending in None (left out). For every card we pick, of all the ways to
climb those ladders, the one that loses least information (LEVEL_COST) while the
card's class -- the people the same generalisation maps to the same values -- has at
least k members. The population is generalised exactly as the card is when counting.
If even leaving everything out cannot reach k, the card shows nothing at all.
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from portal.matching.engine import (
    Reason,
    TaskFit,
    earliest_start,
    match,
    task_fits,
)
from portal.matching.profiles import OfferProfile, ParticipantProfile
from portal.reference.vocabulary import Adaptation, SwedishLevel

DEFAULT_K = 5


@dataclass(frozen=True, slots=True)
class CardAttributes:
    tasks: tuple[TaskFit, ...]  # one per offer task, in the offer's order
    swedish_level: SwedishLevel
    hours_min: int
    hours_max: int
    start: date  # the earliest day they could start on this offer
    adaptations: frozenset[Adaptation]  # of the offer's adaptations, those they would use


# --- displayed values, precise or coarse ----------------------------------------------


@dataclass(frozen=True, slots=True)
class Hours:
    """Precise weekly hours the person can work."""

    lo: int
    hi: int


@dataclass(frozen=True, slots=True)
class HoursRange:
    """Weekly hours widened to tens, e.g. 10–20, 20–30, 10–30."""

    lo: int
    hi: int


class TaskExperience(enum.StrEnum):
    """A TaskFit with same and related merged: has done it or something like it, or wants to."""

    DONE_OR_SIMILAR = "done_or_similar"
    WANTS = "wants"
    NONE = "none"


_EXPERIENCE = {
    TaskFit.DONE: TaskExperience.DONE_OR_SIMILAR,
    TaskFit.DONE_RELATED: TaskExperience.DONE_OR_SIMILAR,
    TaskFit.WANTED: TaskExperience.WANTS,
    TaskFit.WANTED_RELATED: TaskExperience.WANTS,
    TaskFit.NONE: TaskExperience.NONE,
}


@dataclass(frozen=True, slots=True)
class TaskCounts:
    """How many of the offer's tasks the person has done (or something like them), and how many
    more they want to try, not which."""

    done: int
    wants: int


@dataclass(frozen=True, slots=True)
class TaskCount:
    """How many of the offer's tasks the person has done or wants to try, not which."""

    count: int


def experience(fits: tuple[TaskFit, ...]) -> tuple[TaskExperience, ...]:
    return tuple(_EXPERIENCE[fit] for fit in fits)


def task_counts(fits: tuple[TaskFit, ...]) -> TaskCounts:
    kinds = experience(fits)
    return TaskCounts(kinds.count(TaskExperience.DONE_OR_SIMILAR), kinds.count(TaskExperience.WANTS))


def task_count(fits: tuple[TaskFit, ...]) -> TaskCount:
    return TaskCount(sum(fit is not TaskFit.NONE for fit in fits))


@dataclass(frozen=True, slots=True)
class SwedishAtLeast:
    """Swedish level shown as 'at least X'."""

    level: SwedishLevel


class StartWindow(enum.StrEnum):
    THIS_MONTH = "this_month"
    WITHIN_3_MONTHS = "within_3_months"
    LATER = "later"


@dataclass(frozen=True, slots=True)
class DisplayedCard:
    tasks: tuple[TaskFit, ...] | tuple[TaskExperience, ...] | TaskCounts | TaskCount | None
    swedish_level: SwedishLevel | SwedishAtLeast | None
    hours: Hours | HoursRange | None
    start: date | StartWindow | None
    adaptations: frozenset[Adaptation] | None
    # The rung chosen on each ladder, in ATTRIBUTES order (0 = precise); for tests and logs.
    levels: tuple[int, ...] = field(default=(0, 0, 0, 0, 0), compare=False)

    @property
    def shows_nothing(self) -> bool:
        return all(
            v is None
            for v in (self.tasks, self.swedish_level, self.hours, self.start, self.adaptations)
        )


# --- ladders --------------------------------------------------------------------------


def hours_bucket(lo: int, hi: int) -> HoursRange:
    bucket_lo = (lo // 10) * 10
    bucket_hi = max(-(-hi // 10) * 10, bucket_lo + 10)
    return HoursRange(bucket_lo, bucket_hi)


def start_window(start: date, today: date) -> StartWindow:
    if (start.year, start.month) <= (today.year, today.month):
        return StartWindow.THIS_MONTH
    if (start - today).days <= 90:
        return StartWindow.WITHIN_3_MONTHS
    return StartWindow.LATER


def _swedish_capped(cap: SwedishLevel) -> Callable[[CardAttributes, date], object]:
    # Levels at or above the cap merge into "at least cap"; those below stay precise.
    def rung(c: CardAttributes, _today: date) -> object:
        return SwedishAtLeast(cap) if c.swedish_level >= cap else c.swedish_level

    return rung


def _left_out(_c: CardAttributes, _today: date) -> None:
    return None


Rung = Callable[[CardAttributes, date], object]

# Order matters only for tie-breaking and for DisplayedCard.levels.
ATTRIBUTES: tuple[str, ...] = ("tasks", "swedish_level", "hours", "start", "adaptations")

LADDERS: dict[str, tuple[Rung, ...]] = {
    "tasks": (
        lambda c, t: c.tasks,
        lambda c, t: experience(c.tasks),
        lambda c, t: task_counts(c.tasks),
        lambda c, t: task_count(c.tasks),
        _left_out,
    ),
    "swedish_level": (
        lambda c, t: c.swedish_level,
        _swedish_capped(SwedishLevel.EVERYDAY),
        _swedish_capped(SwedishLevel.A_LITTLE),
        _left_out,
    ),
    "hours": (
        lambda c, t: Hours(c.hours_min, c.hours_max),
        lambda c, t: hours_bucket(c.hours_min, c.hours_max),
        _left_out,
    ),
    "start": (
        lambda c, t: c.start,
        lambda c, t: start_window(c.start, t),
        _left_out,
    ),
    "adaptations": (
        lambda c, t: c.adaptations,
        _left_out,
    ),
}

# Information lost at each rung. What the employer most needs to judge a candidate --
# the tasks and the adaptations to prepare -- costs most to hide; an exact start day
# or exact hours cost little to widen.
LEVEL_COST: dict[str, tuple[int, ...]] = {
    "tasks": (0, 2, 3, 4, 8),
    "swedish_level": (0, 1, 2, 4),
    "hours": (0, 1, 3),
    "start": (0, 1, 3),
    "adaptations": (0, 4),
}

_ALL_LEVELS: tuple[tuple[int, ...], ...] = tuple(
    sorted(
        itertools.product(*(range(len(LADDERS[a])) for a in ATTRIBUTES)),
        key=lambda lv: (sum(LEVEL_COST[a][i] for a, i in zip(ATTRIBUTES, lv)), lv),
    )
)


def _cost(levels: tuple[int, ...]) -> int:
    return sum(LEVEL_COST[a][i] for a, i in zip(ATTRIBUTES, levels))


def _generalise(card: CardAttributes, levels: tuple[int, ...], today: date) -> tuple:
    return tuple(LADDERS[a][i](card, today) for a, i in zip(ATTRIBUTES, levels))


class _ClassSizes:
    """Counts of the population's generalised tuples, one Counter per level vector."""

    def __init__(self, population: Sequence[CardAttributes], today: date) -> None:
        self._today = today
        self._values = {
            a: [tuple(rung(p, today) for p in population) for rung in LADDERS[a]]
            for a in ATTRIBUTES
        }
        self._counters: dict[tuple[int, ...], Counter] = {}

    def size(self, card: CardAttributes, levels: tuple[int, ...]) -> int:
        counter = self._counters.get(levels)
        if counter is None:
            columns = [self._values[a][i] for a, i in zip(ATTRIBUTES, levels)]
            counter = self._counters[levels] = Counter(zip(*columns))
        return counter[_generalise(card, levels, self._today)]


def _choose_levels(card: CardAttributes, sizes: _ClassSizes, k: int) -> tuple[int, ...] | None:
    best: tuple[int, ...] | None = None
    best_cost = best_size = 0
    for levels in _ALL_LEVELS:
        cost = _cost(levels)
        if best is not None and cost > best_cost:
            break
        size = sizes.size(card, levels)
        if size >= k and (best is None or size > best_size):
            best, best_cost, best_size = levels, cost, size
    return best


def generalise_for_display(
    cards: Sequence[CardAttributes],
    population: Sequence[CardAttributes],
    today: date,
    k: int = DEFAULT_K,
) -> list[DisplayedCard]:
    """Cards in the same order, each generalised until k of the population share it."""
    if k < 1:
        raise ValueError("k must be at least 1")
    sizes = _ClassSizes(population, today)
    displayed = []
    for card in cards:
        levels = _choose_levels(card, sizes, k)
        if levels is None:  # even leaving everything out is too few people
            levels = tuple(len(LADDERS[a]) - 1 for a in ATTRIBUTES)
        values = _generalise(card, levels, today)
        displayed.append(DisplayedCard(*values, levels=levels))
    return displayed


def card_for(offer: OfferProfile, participant: ParticipantProfile, today: date) -> CardAttributes:
    """What a card could show about this participant for this offer, before generalising."""
    return CardAttributes(
        tasks=task_fits(offer, participant),
        swedish_level=participant.swedish_level,
        hours_min=participant.hours_per_week_min,
        hours_max=participant.hours_per_week_max,
        start=earliest_start(offer, participant, today),
        adaptations=match(offer, participant, today).adaptations_used,
    )


# Which card attribute each reason reveals. A reason is shown only when its attribute
# is shown precisely. Reasons about things the card never shows (travel, industry,
# times of day) are left out: they would add to the combination that was
# counted. Reasons implied by being a candidate at all (a language a task asks for) stay.
REASON_ATTRIBUTE: dict[str, str | None] = {
    "done_tasks": "tasks",
    "done_related_tasks": "tasks",
    "wants_to_try_tasks": "tasks",
    "wants_related_tasks": "tasks",
    "task_can_be_shown": "swedish_level",
    "can_work_hours": "hours",
    "can_start": "start",
    "speaks_language": None,
}


def reasons_for_display(reasons: Sequence[Reason], card: DisplayedCard) -> tuple[Reason, ...]:
    """The match reasons that reveal nothing beyond what the generalised card shows."""
    shown = []
    for reason in reasons:
        if reason.key not in REASON_ATTRIBUTE:
            continue
        attribute = REASON_ATTRIBUTE[reason.key]
        if attribute is None or card.levels[ATTRIBUTES.index(attribute)] == 0:
            shown.append(reason)
    return tuple(shown)
