"""Candidate cards: k-anonymity, and pseudonyms per employer."""

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.matching.anonymity import (
    CardAttributes,
    DisplayedCard,
    Hours,
    HoursRange,
    StartWindow,
    SwedishAtLeast,
    TaskCount,
    TaskCounts,
    TaskExperience,
    card_for,
    experience,
    generalise_for_display,
    hours_bucket,
    reasons_for_display,
    UsesAdaptations,
    start_window,
    start_window_wide,
    task_count,
    task_counts,
)
from portal.matching.engine import TaskFit, match
from portal.matching.pseudonym import pseudonym
from portal.reference.vocabulary import Adaptation, Need, SwedishLevel
from tests.matching_factories import TODAY, make_offer, make_participant

SV = SwedishLevel
FIT = TaskFit
COMMON = CardAttributes(
    tasks=(FIT.DONE, FIT.NONE),  # the offer's two tasks: done the first, not the second
    swedish_level=SV.EVERYDAY,
    hours_min=10,
    hours_max=20,
    start=TODAY,
    adaptations=frozenset(),
)


def five_common_and(*others):
    return [COMMON] * 5 + list(others)


def test_common_combination_is_shown_precisely():
    [card] = generalise_for_display([COMMON], five_common_and(), TODAY)
    assert card == DisplayedCard(
        tasks=(FIT.DONE, FIT.NONE), swedish_level=SV.EVERYDAY, hours=Hours(10, 20),
        start=TODAY, adaptations=frozenset(),
    )
    assert card.levels == (0, 0, 0, 0, 0)


# Each row: one person differs from five others in one attribute; the card of that
# person is generalised on exactly that attribute, to the value shown.
UNIQUE = [
    ("hours widened to tens", replace(COMMON, hours_min=12), "hours", HoursRange(10, 20)),
    ("Swedish as 'at least'", replace(COMMON, swedish_level=SV.GOOD), "swedish_level",
     SwedishAtLeast(SV.EVERYDAY)),
    ("start as a window", replace(COMMON, start=date(2026, 11, 17)), "start",
     StartWindow.THIS_MONTH),
    ("a related task reads as done or similar", replace(COMMON, tasks=(FIT.DONE_RELATED, FIT.NONE)), "tasks",
     (TaskExperience.DONE_OR_SIMILAR, TaskExperience.NONE)),
    ("which tasks becomes how many", replace(COMMON, tasks=(FIT.NONE, FIT.DONE)), "tasks",
     TaskCounts(done=1, wants=0)),
    ("rare adaptation left out", replace(COMMON, adaptations=frozenset({Adaptation.INSTRUCTIONS_SPOKEN})),
     "adaptations", None),
]


@pytest.mark.parametrize("rare, field, shown", [c[1:] for c in UNIQUE], ids=[c[0] for c in UNIQUE])
def test_unique_combination_is_generalised_until_five_share_it(rare, field, shown):
    population = five_common_and(rare)
    [card] = generalise_for_display([rare], population, TODAY)
    assert getattr(card, field) == shown
    precise = generalise_for_display([COMMON], population, TODAY)[0]
    for other in ("tasks", "swedish_level", "hours", "start", "adaptations"):
        if other != field:
            assert getattr(card, other) == getattr(precise, other)
    assert count_consistent(card, population, TODAY) >= 5


def test_same_and_related_merge_before_the_tasks_become_a_count():
    wants = replace(COMMON, tasks=(FIT.DONE, FIT.WANTED))
    rare = replace(COMMON, tasks=(FIT.DONE_RELATED, FIT.WANTED_RELATED))
    [card] = generalise_for_display([rare], [wants] * 5 + [rare], TODAY)
    assert card.tasks == (TaskExperience.DONE_OR_SIMILAR, TaskExperience.WANTS)
    assert card.levels[0] == 1


def test_done_and_wanted_counts_merge_into_one_count_last():
    done_one = replace(COMMON, tasks=(FIT.DONE, FIT.NONE))
    wants_one = replace(COMMON, tasks=(FIT.NONE, FIT.WANTED_RELATED))
    [card] = generalise_for_display([wants_one], [done_one] * 5 + [wants_one], TODAY)
    assert card.tasks == TaskCount(1)  # "has done or wants to try 1 of the offer's tasks"
    assert card.levels[0] == 3


def test_two_steps_when_one_is_not_enough():
    # Hours 12–18 and Swedish "good" are each unique; the five others are 10–20 everyday.
    rare = replace(COMMON, hours_min=12, hours_max=18, swedish_level=SV.GOOD)
    population = [COMMON] * 3 + [replace(COMMON, swedish_level=SV.GOOD)] * 1 + [rare]
    [card] = generalise_for_display([rare], population, TODAY)
    assert (card.hours, card.swedish_level) == (HoursRange(10, 20), SwedishAtLeast(SV.EVERYDAY))
    assert count_consistent(card, population, TODAY) == 5


def test_fewer_than_k_people_shows_nothing():
    [card] = generalise_for_display([COMMON], [COMMON] * 4, TODAY)
    assert card.shows_nothing


def test_k_must_be_positive():
    with pytest.raises(ValueError):
        generalise_for_display([COMMON], [COMMON], TODAY, k=0)


@pytest.mark.parametrize("lo, hi, bucket", [(10, 20, (10, 20)), (12, 18, (10, 20)),
                                            (15, 25, (10, 30)), (20, 20, (20, 30)),
                                            (0, 8, (0, 10)), (30, 40, (30, 40))])
def test_hours_buckets(lo, hi, bucket):
    assert hours_bucket(lo, hi) == HoursRange(*bucket)


@pytest.mark.parametrize("start, window", [
    (date(2026, 10, 1), StartWindow.THIS_MONTH),  # already free
    (date(2026, 11, 30), StartWindow.THIS_MONTH),
    (date(2026, 12, 1), StartWindow.WITHIN_3_MONTHS),
    (date(2027, 1, 30), StartWindow.WITHIN_3_MONTHS),  # 90 days after 1 November
    (date(2027, 1, 31), StartWindow.LATER),
])
def test_start_windows(start, window):
    assert start_window(start, TODAY) == window


def test_card_for_reads_the_match():
    offer = make_offer(adaptations=frozenset({Adaptation.INSTRUCTIONS_SPOKEN}),
                       start_date=date(2026, 11, 15))
    person = make_participant(tasks_done=frozenset({"Diskning", "kassa"}),
                              needs=frozenset({Need.INSTRUCTIONS_SPOKEN}))
    assert card_for(offer, person, TODAY) == CardAttributes(
        tasks=(FIT.DONE, FIT.NONE), swedish_level=SV.A_LITTLE, hours_min=10, hours_max=20,
        start=date(2026, 11, 15), adaptations=frozenset({Adaptation.INSTRUCTIONS_SPOKEN}),
    )


def test_reasons_shown_only_for_what_the_card_shows_precisely():
    offer = make_offer()
    person = make_participant(tasks_done=frozenset({"diskning"}),
                              industries_of_interest=frozenset({"I"}))
    reasons = match(offer, person, TODAY).reasons
    precise_tasks_wide_hours = DisplayedCard(
        tasks=(FIT.DONE, FIT.NONE), swedish_level=None, hours=HoursRange(10, 20), start=None,
        adaptations=None, levels=(0, 3, 1, 2, 1),
    )
    assert [r.key for r in reasons_for_display(reasons, precise_tasks_wide_hours)] == [
        "done_tasks",
    ]


# --- property: nothing displayed is shared by fewer than k ------------------------------


def consistent(card: DisplayedCard, p: CardAttributes, today: date) -> bool:
    """Could this population member be the person behind the displayed card?"""
    checks = []
    match card.tasks:
        case TaskCount() as count:
            checks.append(task_count(p.tasks) == count)
        case TaskCounts() as counts:
            checks.append(task_counts(p.tasks) == counts)
        case (TaskExperience(), *_) as tasks:
            checks.append(experience(p.tasks) == tasks)
        case tuple() as tasks:
            checks.append(p.tasks == tasks)
    match card.swedish_level:
        case SwedishAtLeast(level):
            checks.append(p.swedish_level >= level)
        case SwedishLevel() as level:
            checks.append(p.swedish_level == level)
    match card.hours:
        case Hours(lo, hi):
            checks.append((p.hours_min, p.hours_max) == (lo, hi))
        case HoursRange(lo, hi):
            checks.append(lo <= p.hours_min and p.hours_max <= hi)
    match card.start:
        case StartWindow() as window:
            widen = start_window_wide if card.levels[3] == 2 else start_window
            checks.append(widen(p.start, today) == window)
        case date() as start:
            checks.append(p.start == start)
    match card.adaptations:
        case UsesAdaptations(any):
            checks.append(bool(p.adaptations) == any)
        case frozenset() as adaptations:
            checks.append(p.adaptations == adaptations)
    return all(checks)


def count_consistent(card, population, today):
    return sum(consistent(card, p, today) for p in population)


card_attributes = st.builds(
    CardAttributes,
    tasks=st.tuples(st.sampled_from(TaskFit), st.sampled_from(TaskFit)),
    swedish_level=st.sampled_from(SV),
    hours_min=st.sampled_from([5, 10, 12, 20]),
    hours_max=st.sampled_from([20, 25, 30, 40]),
    start=st.dates(date(2026, 10, 1), date(2027, 4, 1)),
    adaptations=st.frozensets(st.sampled_from([Adaptation.INSTRUCTIONS_SHOWN,
                                               Adaptation.HOURS_AND_PACE]), max_size=1),
)


@settings(max_examples=200, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(population=st.lists(card_attributes, max_size=40), k=st.integers(1, 6), data=st.data())
def test_every_displayed_combination_is_shared_by_at_least_k(population, k, data):
    cards = data.draw(st.lists(st.sampled_from(population), max_size=8)) if population else []
    displayed = generalise_for_display(cards, population, TODAY, k=k)
    assert len(displayed) == len(cards)
    for card, shown in zip(cards, displayed):
        assert consistent(shown, card, TODAY)  # generalising never shows a false value
        if not shown.shows_nothing:
            assert count_consistent(shown, population, TODAY) >= k
        if population.count(card) >= k:
            assert shown.levels == (0, 0, 0, 0, 0)


# --- pseudonyms -------------------------------------------------------------------------

SECRET = b"0123456789abcdef0123456789abcdef"


def test_pseudonym_is_stable_and_readable():
    name = pseudonym(SECRET, 12, 345)
    assert name == pseudonym(SECRET, 12, 345)
    assert re.fullmatch(r"K-[0-9A-HJKMNP-TV-Z]{6}", name)


def test_pseudonym_differs_between_employers_and_participants():
    assert len({pseudonym(SECRET, org, 345) for org in range(200)}) == 200
    assert len({pseudonym(SECRET, 12, pid) for pid in range(200)}) == 200


def test_pseudonym_depends_on_the_secret():
    assert pseudonym(SECRET, 12, 345) != pseudonym(SECRET + b"x", 12, 345)
    with pytest.raises(ValueError):
        pseudonym(b"", 12, 345)


def test_pseudonym_does_not_confuse_separators():
    # "1:23" and "12:3" must not collide
    assert pseudonym(SECRET, 1, 23) != pseudonym(SECRET, 12, 3)


