"""Benchmarks for matching: ranking and anonymising candidates for one offer among thousands.

Run with `make bench`; not part of `make test`. Target: ranking 5,000 participants and
anonymising one page of 20 cards against them each take well under 250 ms on the CI machine.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from portal.matching.anonymity import candidate_disclosures, card_for, generalise_for_display
from portal.matching.engine import rank
from portal.reference.vocabulary import SwedishLevel, TimeOfDay, Travel
from tests.matching_factories import TODAY, make_offer, make_participant

pytestmark = pytest.mark.perf

AREAS = ["centrum", "norr", "söder", "öster", "väster"]
TASKS = ["diskning", "stadning", "kassa", "plock", "packning", "tvatt"]


def _population(size: int, seed: int = 7):
    rng = random.Random(seed)
    people = []
    for participant_id in range(1, size + 1):
        people.append(
            replace(
                make_participant(),
                participant_id=participant_id,
                swedish_level=rng.choice(list(SwedishLevel)),
                tasks_done=frozenset(rng.sample(TASKS, rng.randint(0, 3))),
                tasks_wanted=frozenset(rng.sample(TASKS, rng.randint(0, 2))),
                hours_per_week_min=rng.choice([5, 10, 15, 20]),
                hours_per_week_max=rng.choice([20, 25, 30, 40]),
                times_of_day=frozenset(rng.sample(list(TimeOfDay), rng.randint(1, 3))),
                reachable_areas=frozenset(rng.sample(AREAS, rng.randint(1, 3))),
                travel=frozenset(rng.sample(list(Travel), rng.randint(1, 2))),
            )
        )
    return people


@pytest.fixture(scope="module")
def population():
    return _population(5000)


def test_rank_5000_participants_for_one_offer(benchmark, population):
    offer = make_offer()
    matches = benchmark(rank, offer, population, TODAY)
    assert matches, "the benchmark population should produce candidates"
    assert benchmark.stats["mean"] < 0.25


def test_anonymise_one_page_of_cards(benchmark, population):
    offer = make_offer()
    matches = rank(offer, population, TODAY)[:20]
    by_id = {p.participant_id: p for p in population}
    cards = [card_for(offer, by_id[m.participant_id], TODAY) for m in matches]
    everyone = [card_for(offer, p, TODAY) for p in population]
    shown = benchmark(generalise_for_display, cards, everyone, TODAY)
    assert len(shown) == len(cards)
    assert benchmark.stats["mean"] < 0.25


def test_disclose_every_candidate_of_one_offer_among_5000_twice(benchmark, population):
    """The employer's whole list: every person who passes, narrowed by a first view's record."""
    offer = make_offer()
    _, first = candidate_disclosures(offer, population, {}, TODAY)
    record = {pid: d.consistent for pid, d in first.items() if d.card is not None}
    matches, again = benchmark(candidate_disclosures, offer, population, record, TODAY)
    assert len(again) == len(matches) > 100
    assert benchmark.stats["mean"] < 1.0
