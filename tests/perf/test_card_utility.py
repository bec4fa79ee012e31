"""How much the candidate cards tell an employer: the share of card fields shown at their exact
value, for the demo data and for 5,000 generated participants (run by `make bench`).

A card has five fields (the tasks, Swedish, hours, start, the adaptations the person would
use). A field counts as exact when shown at the finest rung; a card left out counts as five
fields not shown. The first view of an organisation with no history is measured, and then the
same offers viewed again every week for eight weeks while people come and go, since history can
only narrow what is shown.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.matching.anonymity import ATTRIBUTES, candidate_disclosures
from portal.matching.profiles import matchable_profile, offer_profile
from portal.offers.models import Offer
from portal.offers.states import OfferStatus
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from tests.matching_factories import TODAY, make_offer
from tests.perf.people import AREAS, generated_people

pytestmark = pytest.mark.perf

TASKS = ["i-wash-dishes", "i-prepare-vegetables", "i-clean-offices", "i-pick-orders", "i-stock-shelves", "i-iron"]


class Tally:
    def __init__(self) -> None:
        self.fields = Counter()
        self.by_attribute = Counter()
        self.cards = self.left_out = 0

    def add(self, disclosed) -> None:
        for shown in disclosed.values():
            self.cards += 1
            if shown.card is None:
                self.left_out += 1
                self.fields["hidden"] += len(ATTRIBUTES)
                continue
            for attribute, level in zip(ATTRIBUTES, shown.card.levels):
                kind = "exact" if level == 0 else ("hidden" if getattr(shown.card, attribute) is None else "coarser")
                self.fields[kind] += 1
                self.by_attribute[attribute, kind] += 1

    def line(self, label: str) -> str:
        total = sum(self.fields.values()) or 1
        share = {kind: 100 * self.fields[kind] / total for kind in ("exact", "coarser", "hidden")}
        return (
            f"{label}: {self.cards} cards, {share['exact']:.0f} % of fields exact, {share['coarser']:.0f} % coarser, "
            f"{share['hidden']:.0f} % not shown ({self.left_out} cards left out); on the cards shown, exact/coarser/"
            "not shown: " + ", ".join(
                f"{a} {self.by_attribute[a, 'exact']}/{self.by_attribute[a, 'coarser']}/{self.by_attribute[a, 'hidden']}"
                for a in ATTRIBUTES
            )
        )

def _generated_offers():
    from portal.matching.profiles import TaskProfile

    offers = []
    for n, (tasks, hours) in enumerate([(TASKS[:2], 20), (TASKS[2:4], 15), (TASKS[4:], 25), (TASKS[1:3], 10)]):
        offers.append(
            replace(
                make_offer(), offer_id=n + 1, hours_per_week_min=hours, hours_per_week_max=hours,
                area=AREAS[n % len(AREAS)],
                tasks=tuple(TaskProfile(name=key, task_key=key) for key in tasks),
            )
        )
    return offers


def _over_weeks(offers, people, tally_first: Tally, tally_later: Tally, seed: int = 3) -> None:
    """One organisation holding all the offers views each every week; people come and go."""
    rng = random.Random(seed)
    record: dict[int, frozenset[int]] = {}
    active = list(people)
    today = TODAY
    for week in range(9):
        for offer in offers:
            _, disclosed = candidate_disclosures(offer, active, record, today)
            (tally_first if week == 0 else tally_later).add(disclosed)
            record.update({pid: d.consistent for pid, d in disclosed.items() if d.card is not None})
        churn = max(1, len(active) // 50)  # about 2 % placed or paused each week
        for _ in range(churn):
            active.pop(rng.randrange(len(active)))
        today += timedelta(days=7)


def test_share_of_card_fields_shown_exactly_for_5000_generated_participants(capsys):
    first, later = Tally(), Tally()
    _over_weeks(_generated_offers(), generated_people(5000, TASKS, seed=11), first, later)
    with capsys.disabled():
        print()
        print(first.line("5,000 generated participants, first view"))
        print(later.line("5,000 generated participants, weekly views for 8 weeks"))
    assert first.cards > 0


def test_share_of_card_fields_shown_exactly_for_the_demo(app, db, capsys):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    offers = list(db.session.scalars(select(Offer).where(Offer.status == OfferStatus.LIVE).order_by(Offer.id)))
    people = [
        matchable_profile(p)
        for p in db.session.scalars(select(Participant).where(Participant.status == ParticipantStatus.ACTIVE))
    ]
    with app.test_request_context():
        profiles = [offer_profile(o.id, o.live_snapshot.data) for o in offers]
    first, later = Tally(), Tally()
    _over_weeks(profiles, people, first, later)
    with capsys.disabled():
        print()
        print(first.line(f"demo ({len(people)} active participants, {len(offers)} live offers), first view"))
        print(later.line("demo, weekly views for 8 weeks"))
    assert first.cards > 0
