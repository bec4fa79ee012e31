"""Benchmarks for matching: ranking and anonymising candidates for one offer among thousands.

Run with `make bench`; not part of `make test`. Target: ranking 5,000 participants and
anonymising one page of 20 cards against them each take well under 250 ms on the CI machine.
"""

from __future__ import annotations

import pytest

from portal.matching.anonymity import candidate_disclosures, card_for, generalise_for_display
from portal.matching.engine import rank
from tests.matching_factories import TODAY, make_offer
from tests.perf.people import generated_people

pytestmark = pytest.mark.perf

TASKS = ["diskning", "stadning", "kassa", "plock", "packning", "tvatt"]


@pytest.fixture(scope="module")
def population():
    return generated_people(5000, TASKS)


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
