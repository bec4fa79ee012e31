"""Match participants and offers: hard constraints first, then a score with reasons.

Never reads gender or birth year; reads other languages only for a task that asks for
a language (tests/test_matching.py proves both with hypothesis).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from portal.matching.profiles import OfferProfile, ParticipantProfile, TaskProfile
from portal.reference.vocabulary import (
    NEED_CONFLICTS_WITH,
    NEED_IS_MET_BY,
    Adaptation,
    Demand,
    PhysicalDemand,
    SwedishLevel,
    Travel,
)

# Weights, summing to 100. Tasks weigh most: the method validates people by what they
# do with concrete tasks, not by origin or Swedish. Done outweighs wanted because it
# lowers the risk for a first placement, but wanting to try still counts: motivation
# is what carries a supported placement.
TASKS_DONE_WEIGHT = 35
TASKS_WANTED_WEIGHT = 20
# A related task (same family, another task) earns this share of the task's points: what
# someone did at one dishwasher carries to another kitchen, but less surely than the task.
RELATED_SHARE_NUMERATOR, RELATED_SHARE_DENOMINATOR = 1, 2
# Wanting the industry is motivation too, but weaker than wanting the tasks themselves.
INDUSTRY_WEIGHT = 15
# Hours, travel and start are already feasible once the hard constraints pass; these
# points only separate "fits easily" from "fits", so they weigh little each.
HOURS_WEIGHT = 10
TRAVEL_WEIGHT = 10
START_WEIGHT = 10

# Points for the easiest way the person can get there: walking or cycling is the most
# robust for people who stand far from the labour market; timetables and the cost of
# a car make the others less so.
TRAVEL_POINTS: dict[Travel, int] = {
    Travel.WALK: TRAVEL_WEIGHT,
    Travel.BIKE: TRAVEL_WEIGHT,
    Travel.PUBLIC_TRANSPORT: 7,
    Travel.CAR: 4,
}
TRAVEL_PREFERENCE = (Travel.WALK, Travel.BIKE, Travel.PUBLIC_TRANSPORT, Travel.CAR)

# (days the person's start lies after the offer could start, points); first that fits.
START_POINTS: tuple[tuple[int, int], ...] = ((0, START_WEIGHT), (30, 6), (90, 3))


class Reason(NamedTuple):
    """A message key with values; the web layer translates it."""

    key: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Match:
    offer_id: int
    participant_id: int
    passes: bool
    failed: tuple[Reason, ...]  # hard constraints that failed, for the consultant
    score: int  # 0..100, computed even when a constraint fails
    components: tuple[tuple[str, int], ...]  # (component name, points)
    reasons: tuple[Reason, ...]
    adaptations_used: frozenset[Adaptation]


# --- small helpers, also used by anonymity.py ---------------------------------------


def _norm(text: str) -> str:
    return text.strip().casefold()


def task_matches(task: TaskProfile, names: Iterable[str]) -> bool:
    """Same task: by task_key, falling back to case-insensitive name equality."""
    wanted = {_norm(n) for n in names}
    if task.task_key is not None and _norm(task.task_key) in wanted:
        return True
    return _norm(task.name) in wanted


def task_label(task: TaskProfile) -> str:
    """The stable identifier of an offer task: its key, or its name when free."""
    return task.task_key or task.name


class TaskFit(enum.StrEnum):
    """How one offer task meets a person's experience and wishes, strongest first."""

    DONE = "done"  # has done this very task
    DONE_RELATED = "done_related"  # has done a task of the same family
    WANTED = "wanted"  # wants to try this very task
    WANTED_RELATED = "wanted_related"  # wants to try a task of the same family
    NONE = "none"


def _related(task: TaskProfile, families: frozenset[str]) -> bool:
    return task.family is not None and task.family in families


def task_fit(task: TaskProfile, participant: ParticipantProfile) -> TaskFit:
    """The strongest way the person meets this task: done outweighs wanted, same outweighs related."""
    if task_matches(task, participant.tasks_done):
        return TaskFit.DONE
    if _related(task, participant.families_done):
        return TaskFit.DONE_RELATED
    if task_matches(task, participant.tasks_wanted):
        return TaskFit.WANTED
    if _related(task, participant.families_wanted):
        return TaskFit.WANTED_RELATED
    return TaskFit.NONE


def task_fits(offer: OfferProfile, participant: ParticipantProfile) -> tuple[TaskFit, ...]:
    """One TaskFit per offer task, in the offer's order."""
    return tuple(task_fit(t, participant) for t in offer.tasks)


def tasks_done(offer: OfferProfile, participant: ParticipantProfile) -> tuple[TaskProfile, ...]:
    return tuple(t for t in offer.tasks if task_matches(t, participant.tasks_done))


def tasks_wanted(offer: OfferProfile, participant: ParticipantProfile) -> tuple[TaskProfile, ...]:
    return tuple(t for t in offer.tasks if task_matches(t, participant.tasks_wanted))


def offer_demands(offer: OfferProfile) -> frozenset[Demand]:
    demands = {Demand.ANY_WORK}
    for task in offer.tasks:
        if task.physical_demand is PhysicalDemand.HEAVY:
            demands.add(Demand.HEAVY_WORK)
        if task.swedish_needed >= SwedishLevel.GOOD:
            demands.add(Demand.GOOD_SWEDISH)
        if not task.can_be_shown:
            demands.add(Demand.TASK_NOT_SHOWN)
    return frozenset(demands)


def earliest_start(offer: OfferProfile, participant: ParticipantProfile, today: date) -> date:
    return max(today, offer.start_date, participant.available_from)


def _names(tasks: Iterable[TaskProfile]) -> str:
    return ", ".join(t.name for t in tasks)


def _swedish_shortfall(offer: OfferProfile, participant: ParticipantProfile):
    """Tasks needing more Swedish than the person has: (blocking, shown instead)."""
    short = [t for t in offer.tasks if participant.swedish_level < t.swedish_needed]
    return (
        tuple(t for t in short if not t.can_be_shown),
        tuple(t for t in short if t.can_be_shown),
    )


def _usable_travel(offer: OfferProfile, participant: ParticipantProfile) -> frozenset[Travel]:
    usable = set(participant.travel)
    if not offer.reachable_by_public_transport:
        usable.discard(Travel.PUBLIC_TRANSPORT)
    return frozenset(usable)


# --- hard constraints ---------------------------------------------------------------


def _check_needs(offer, participant, demands, failed, used):
    for need in sorted(participant.needs):
        if NEED_CONFLICTS_WITH[need] not in demands:
            continue  # absent from the offer's demands
        meeting = NEED_IS_MET_BY[need] & offer.adaptations
        if meeting:
            used.update(meeting)
        else:
            failed.append(Reason("need_not_met", {"need": need}))


def _check_swedish(offer, participant, failed, used, reasons):
    blocking, shown = _swedish_shortfall(offer, participant)
    if blocking:
        failed.append(Reason("swedish_too_low", {"tasks": _names(blocking)}))
    if shown:
        reasons.append(Reason("task_can_be_shown", {"tasks": _names(shown)}))
        if Adaptation.INSTRUCTIONS_SHOWN in offer.adaptations:
            used.add(Adaptation.INSTRUCTIONS_SHOWN)


def _check_languages(offer, participant, failed, reasons):
    spoken = {_norm(lang) for lang in participant.other_languages}
    asked = sorted({_norm(t.language_needed) for t in offer.tasks if t.language_needed})
    for language in asked:
        if language in spoken:
            reasons.append(Reason("speaks_language", {"language": language}))
        else:
            failed.append(Reason("language_missing", {"language": language}))


def _check_hours(offer, participant, failed):
    low = max(offer.hours_per_week_min, participant.hours_per_week_min)
    high = min(offer.hours_per_week_max, participant.hours_per_week_max)
    if low > high:
        failed.append(Reason("hours_do_not_overlap", {}))
    if not offer.times_of_day & participant.times_of_day:
        failed.append(Reason("times_do_not_overlap", {}))


def _check_reach(offer, participant, failed):
    if offer.area not in participant.reachable_areas:
        failed.append(Reason("out_of_reach", {"area": offer.area}))
    elif participant.travel and not _usable_travel(offer, participant):
        failed.append(Reason("no_public_transport", {"area": offer.area}))


def _check_licence(offer, participant, failed):
    needing = [t for t in offer.tasks if t.needs_licence]
    if needing and not participant.has_driving_licence:
        failed.append(Reason("driving_licence_needed", {"tasks": _names(needing)}))


def _check_start(offer, participant, today, failed):
    if offer.end_date is None:
        return
    start = earliest_start(offer, participant, today)
    if start > offer.end_date:
        failed.append(Reason("start_too_late", {"end_date": offer.end_date}))


# --- score components ---------------------------------------------------------------


def _share(same: int, related: int, total: int, weight: int) -> int:
    """Points for `same` tasks met in full and `related` ones met by their family."""
    units = same * RELATED_SHARE_DENOMINATOR + related * RELATED_SHARE_NUMERATOR
    return weight * units // (total * RELATED_SHARE_DENOMINATOR)


def _families(tasks: Iterable[TaskProfile]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.family for t in tasks if t.family))


# The reason each TaskFit gives, and what it names: the tasks themselves, or their families.
_FIT_REASONS = (
    (TaskFit.DONE, "done_tasks", "tasks"),
    (TaskFit.DONE_RELATED, "done_related_tasks", "families"),
    (TaskFit.WANTED, "wants_to_try_tasks", "tasks"),
    (TaskFit.WANTED_RELATED, "wants_related_tasks", "families"),
)


def _tasks_components(offer, participant, reasons):
    """Done and wanted are counted apart (a task done and wanted again earns both); the
    reasons follow each task's strongest fit, so they say no more than a card's tasks row."""
    fits = task_fits(offer, participant)
    for fit, key, names in _FIT_REASONS:
        tasks = [t for t, f in zip(offer.tasks, fits) if f is fit]
        if tasks:
            reasons.append(Reason(key, {"tasks": _names(tasks)} if names == "tasks" else {"families": _families(tasks)}))
    total = len(offer.tasks)
    if total == 0:
        return [("tasks_done", 0), ("tasks_wanted", 0)]
    done = tasks_done(offer, participant)
    wanted = tasks_wanted(offer, participant)
    done_related = [t for t in offer.tasks if t not in done and _related(t, participant.families_done)]
    wanted_related = [t for t in offer.tasks if t not in wanted and _related(t, participant.families_wanted)]
    return [
        ("tasks_done", _share(len(done), len(done_related), total, TASKS_DONE_WEIGHT)),
        ("tasks_wanted", _share(len(wanted), len(wanted_related), total, TASKS_WANTED_WEIGHT)),
    ]


def _industry_component(offer, participant, reasons):
    interests = {i.strip().upper() for i in participant.industries_of_interest}
    industry = offer.industry.strip().upper()
    if industry in interests:
        reasons.append(Reason("wants_industry", {"industry": industry}))
        return ("industry", INDUSTRY_WEIGHT)
    return ("industry", 0)


def _hours_component(offer, participant, reasons):
    """Weekly hours overlap once the constraint passes; grade the times of day covered."""
    low = max(offer.hours_per_week_min, participant.hours_per_week_min)
    high = min(offer.hours_per_week_max, participant.hours_per_week_max)
    if low <= high:
        reasons.append(Reason("can_work_hours", {"hours_min": low, "hours_max": high}))
    if not offer.times_of_day:
        return ("hours", 0)
    covered = offer.times_of_day & participant.times_of_day
    if covered == offer.times_of_day:
        reasons.append(Reason("can_work_all_times", {}))
    return ("hours", HOURS_WEIGHT * len(covered) // len(offer.times_of_day))


def _travel_component(offer, participant, reasons):
    if offer.area not in participant.reachable_areas:
        return ("travel", 0)
    usable = _usable_travel(offer, participant)
    for travel in TRAVEL_PREFERENCE:
        if travel in usable:
            reasons.append(Reason("can_travel_by", {"travel": travel}))
            return ("travel", TRAVEL_POINTS[travel])
    return ("travel", 0)


def _start_component(offer, participant, today, reasons):
    start = earliest_start(offer, participant, today)
    delay = (start - max(today, offer.start_date)).days
    reasons.append(Reason("can_start", {"date": start}))
    for max_delay, points in START_POINTS:
        if delay <= max_delay:
            return ("start", points)
    return ("start", 0)


# --- public API ---------------------------------------------------------------------


def match(offer: OfferProfile, participant: ParticipantProfile, today: date) -> Match:
    """Check the hard constraints, then score the named components with reasons."""
    failed: list[Reason] = []
    reasons: list[Reason] = []
    used: set[Adaptation] = set()

    _check_needs(offer, participant, offer_demands(offer), failed, used)
    _check_swedish(offer, participant, failed, used, reasons)
    _check_languages(offer, participant, failed, reasons)
    _check_hours(offer, participant, failed)
    _check_reach(offer, participant, failed)
    _check_licence(offer, participant, failed)
    _check_start(offer, participant, today, failed)

    # Reasons about the score come first, in component order; the constraint notes
    # (shown tasks, languages) follow them.
    notes, reasons = reasons, []
    components = [
        *_tasks_components(offer, participant, reasons),
        _industry_component(offer, participant, reasons),
        _hours_component(offer, participant, reasons),
        _travel_component(offer, participant, reasons),
        _start_component(offer, participant, today, reasons),
    ]
    score = max(0, min(100, sum(points for _, points in components)))
    return Match(
        offer_id=offer.offer_id,
        participant_id=participant.participant_id,
        passes=not failed,
        failed=tuple(failed),
        score=score,
        components=tuple(components),
        reasons=tuple(reasons + notes),
        adaptations_used=frozenset(used),
    )


def rank(
    offer: OfferProfile, participants: Iterable[ParticipantProfile], today: date
) -> list[Match]:
    """Passing participants for one offer, best first; ties by participant_id."""
    matches = (match(offer, p, today) for p in participants)
    return sorted(
        (m for m in matches if m.passes), key=lambda m: (-m.score, m.participant_id)
    )


def offers_for(
    participant: ParticipantProfile, offers: Iterable[OfferProfile], today: date
) -> list[Match]:
    """Offers one participant passes, best first; ties by offer_id."""
    matches = (match(o, participant, today) for o in offers)
    return sorted((m for m in matches if m.passes), key=lambda m: (-m.score, m.offer_id))


__all__ = [
    "HOURS_WEIGHT",
    "INDUSTRY_WEIGHT",
    "START_WEIGHT",
    "TASKS_DONE_WEIGHT",
    "TASKS_WANTED_WEIGHT",
    "TRAVEL_WEIGHT",
    "Match",
    "Reason",
    "TaskFit",
    "match",
    "offers_for",
    "rank",
    "task_fit",
    "task_fits",
]
