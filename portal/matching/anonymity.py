"""k-anonymity for the candidate cards an employer sees, over every view it has had.

A card shows five attributes: for each of the offer's tasks, whether the person has done it,
done something like it or wants to try it (TaskFit); Swedish level, weekly hours, when they
can start, and the offer's adaptations they would use.

Each attribute has a ladder of ever coarser values, each rung a partition of the previous
one, ending in None (left out): coarser values come before hiding. For every card we pick, of
all the ways to climb those ladders, the one that loses least information (LEVEL_COST), the
largest class among equally cheap ones, such that at least k people stay consistent with it.

Who counts (disclose): the people who pass the offer now -- an employer knows a card's person
is one of them -- narrowed by everything the same organisation was shown before under the same
pseudonym, on any offer and at any time (the set kept per organisation and participant in
matching.models.CandidateDisclosure). A view can only narrow that set, so a value finer than
one shown before appears only where k people stay consistent with both; a card that cannot
keep k even with everything left out is left out. Class sizes are bitset ANDs over the
population, so a view of 5,000 people costs milliseconds per card.

generalise_for_display is the same choice with no history, over a given population.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from portal.matching.engine import (
    Match,
    Reason,
    TaskFit,
    earliest_start,
    match,
    task_fits,
)
from portal.matching.profiles import OfferProfile, ParticipantProfile
from portal.reference.vocabulary import Adaptation, SwedishLevel

DEFAULT_K = 5
ROOM = 2


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
    """Weekly hours widened to tens, e.g. 10–20, 20–30, 10–30, or to twenties, e.g. 0–20, 20–40."""

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


@dataclass(frozen=True, slots=True)
class UsesAdaptations:
    """Whether the person would use any of the offer's adaptations, not which."""

    any: bool


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
    adaptations: frozenset[Adaptation] | UsesAdaptations | None
    # The rung chosen on each ladder, in ATTRIBUTES order (0 = precise); for tests and logs.
    levels: tuple[int, ...] = field(default=(0, 0, 0, 0, 0), compare=False)

    @property
    def shows_nothing(self) -> bool:
        return all(
            v is None
            for v in (self.tasks, self.swedish_level, self.hours, self.start, self.adaptations)
        )


# --- ladders --------------------------------------------------------------------------


def hours_bucket(lo: int, hi: int, width: int = 10) -> HoursRange:
    bucket_lo = (lo // width) * width
    bucket_hi = max(-(-hi // width) * width, bucket_lo + width)
    return HoursRange(bucket_lo, bucket_hi)


def start_window(start: date, today: date) -> StartWindow:
    if (start.year, start.month) <= (today.year, today.month):
        return StartWindow.THIS_MONTH
    if (start - today).days <= 90:
        return StartWindow.WITHIN_3_MONTHS
    return StartWindow.LATER


def start_window_wide(start: date, today: date) -> StartWindow:
    """This month merged into 'within three months', which it also is."""
    window = start_window(start, today)
    return StartWindow.WITHIN_3_MONTHS if window is StartWindow.THIS_MONTH else window


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
        lambda c, t: hours_bucket(c.hours_min, c.hours_max, width=20),
        _left_out,
    ),
    "start": (
        lambda c, t: c.start,
        lambda c, t: start_window(c.start, t),
        lambda c, t: start_window_wide(c.start, t),
        _left_out,
    ),
    "adaptations": (
        lambda c, t: c.adaptations,
        lambda c, t: UsesAdaptations(bool(c.adaptations)),
        _left_out,
    ),
}

# Information lost at each rung. What the employer most needs to judge a candidate --
# the tasks and the adaptations to prepare -- costs most to hide; an exact start day
# or exact hours cost little to widen.
LEVEL_COST: dict[str, tuple[int, ...]] = {
    "tasks": (0, 2, 3, 4, 8),
    "swedish_level": (0, 1, 2, 4),
    "hours": (0, 1, 2, 3),
    "start": (0, 1, 2, 3),
    "adaptations": (0, 2, 4),
}

_ALL_LEVELS: tuple[tuple[int, ...], ...] = tuple(
    sorted(
        itertools.product(*(range(len(LADDERS[a])) for a in ATTRIBUTES)),
        key=lambda lv: (sum(LEVEL_COST[a][i] for a, i in zip(ATTRIBUTES, lv)), lv),
    )
)


def _cost(levels: tuple[int, ...]) -> int:
    return sum(LEVEL_COST[a][i] for a, i in zip(ATTRIBUTES, levels))


_LEVELS_BY_COST: tuple[tuple[tuple[int, ...], int], ...] = tuple((lv, _cost(lv)) for lv in _ALL_LEVELS)
_NOTHING_SHOWN: tuple[int, ...] = tuple(len(LADDERS[a]) - 1 for a in ATTRIBUTES)


def _generalise(card: CardAttributes, levels: tuple[int, ...], today: date) -> tuple:
    return tuple(LADDERS[a][i](card, today) for a, i in zip(ATTRIBUTES, levels))


class _Groups:
    """Who in the population shares each value on each rung, as bitsets over the population's
    positions: the size of any class, narrowed by any earlier views, is one AND and a count."""

    def __init__(self, population: Sequence[CardAttributes], today: date) -> None:
        self.today = today
        self.everyone = (1 << len(population)) - 1
        self._masks: list[list[dict[object, int]]] = []
        for a in ATTRIBUTES:
            per_rung = []
            for rung in LADDERS[a]:
                positions: dict[object, list[int]] = {}
                for position, person in enumerate(population):
                    positions.setdefault(rung(person, today), []).append(position)
                per_rung.append({value: _bits(members, len(population)) for value, members in positions.items()})
            self._masks.append(per_rung)

    def sharing(self, card: CardAttributes) -> list[list[int]]:
        """For each attribute and rung, the people whose value there equals this card's."""
        return [
            [groups.get(rung(card, self.today), 0) for rung, groups in zip(LADDERS[a], per_rung)]
            for a, per_rung in zip(ATTRIBUTES, self._masks)
        ]


def _bits(positions: list[int], size: int) -> int:
    """A bitset with the given positions set, built in one pass (OR-ing ints one by one is quadratic)."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _choose_levels(sharing: list[list[int]], among: int, k: int) -> tuple[tuple[int, ...], int] | None:
    """The cheapest generalisation whose class, within `among`, has at least k people (the
    largest class among equally cheap ones), with that class; None if none has."""
    best: tuple[tuple[int, ...], int] | None = None
    best_cost = best_size = 0
    for levels, cost in _LEVELS_BY_COST:
        if best is not None and cost > best_cost:
            break
        members = among
        for masks, level in zip(sharing, levels):
            members &= masks[level]
        size = members.bit_count()
        if size >= k and (best is None or size > best_size):
            best, best_cost, best_size = (levels, members), cost, size
    return best


def generalise_for_display(
    cards: Sequence[CardAttributes],
    population: Sequence[CardAttributes],
    today: date,
    k: int = DEFAULT_K,
) -> list[DisplayedCard]:
    """Cards in the same order, each generalised until k of the population share it, with no
    earlier views to respect (see disclose for those)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    groups = _Groups(population, today)
    displayed = []
    for card in cards:
        chosen = _choose_levels(groups.sharing(card), groups.everyone, k)
        levels = chosen[0] if chosen else _NOTHING_SHOWN  # even leaving everything out is too few
        displayed.append(DisplayedCard(*_generalise(card, levels, today), levels=levels))
    return displayed


# --- over every view one employer organisation has had ------------------------------------


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What one card shows now, and whom the employer could still take that pseudonym for."""

    card: DisplayedCard | None  # None: left out, as no way of showing it keeps k people
    consistent: frozenset[int]  # participant ids consistent with this view and every earlier one


def disclose(
    candidates: Mapping[int, CardAttributes],
    earlier: Mapping[int, frozenset[int]],
    today: date,
    k: int = DEFAULT_K,
) -> dict[int, Disclosure]:
    """Each candidate's card, generalised so that the people consistent with everything this
    employer has been shown under that pseudonym stay at least k.

    `candidates` is every person who passes the offer now, by participant id: the employer
    knows a card's person is among them, so classes are counted there, not among everyone.
    `earlier` holds, per participant id, the people consistent with every earlier view of the
    same pseudonym (on any offer); a person absent from it has never been shown. A new view can
    only narrow that set, so it is intersected before counting: a value finer than one shown
    before appears only if k people stay consistent with both. A card that cannot keep k even
    with everything left out is left out.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    ids = list(candidates)
    position = {pid: j for j, pid in enumerate(ids)}
    groups = _Groups([candidates[pid] for pid in ids], today)
    result: dict[int, Disclosure] = {}
    for pid in ids:
        seen = earlier.get(pid)
        among = groups.everyone if seen is None else _mask(seen, position)
        sharing = groups.sharing(candidates[pid])
        # A pseudonym's first card aims at ROOM * k people where it can: later views (another
        # offer, people placed or paused) only narrow the set, and a card with no room left
        # must be left out (bench: 8 weeks of views, 45 -> 49 % of fields exact, 5,693 -> 4,162
        # cards left out of 15,080).
        chosen = (_choose_levels(sharing, among, ROOM * k) if seen is None else None) or _choose_levels(sharing, among, k)
        if chosen is None:
            result[pid] = Disclosure(None, seen if seen is not None else frozenset())
            continue
        levels, members = chosen
        card = DisplayedCard(*_generalise(candidates[pid], levels, today), levels=levels)
        result[pid] = Disclosure(card, frozenset(ids[j] for j in _positions(members)))
    return result


def _mask(ids: Iterable[int], position: Mapping[int, int]) -> int:
    mask = 0
    for pid in ids:
        j = position.get(pid)
        if j is not None:
            mask |= 1 << j
    return mask


def _positions(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def candidate_disclosures(
    offer: OfferProfile,
    people: Iterable[ParticipantProfile],
    earlier: Mapping[int, frozenset[int]],
    today: date,
    k: int = DEFAULT_K,
) -> tuple[dict[int, Match], dict[int, Disclosure]]:
    """The people (active participants) who pass the offer, with their matches, and each one's
    card as the employer may see it now, given what it has been shown before."""
    matches: dict[int, Match] = {}
    attributes: dict[int, CardAttributes] = {}
    for person in people:
        result = match(offer, person, today)
        if result.passes:
            matches[person.participant_id] = result
            attributes[person.participant_id] = _card_from(offer, person, result, today)
    return matches, disclose(attributes, earlier, today, k)


def card_for(offer: OfferProfile, participant: ParticipantProfile, today: date) -> CardAttributes:
    """What a card could show about this participant for this offer, before generalising."""
    return _card_from(offer, participant, match(offer, participant, today), today)


def _card_from(offer: OfferProfile, participant: ParticipantProfile, result: Match, today: date) -> CardAttributes:
    return CardAttributes(
        tasks=task_fits(offer, participant),
        swedish_level=participant.swedish_level,
        hours_min=participant.hours_per_week_min,
        hours_max=participant.hours_per_week_max,
        start=earliest_start(offer, participant, today),
        adaptations=result.adaptations_used,
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
