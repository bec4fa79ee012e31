"""Demo participants: about 60, both demo consultants, varied, shared combinations, loaded once."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.audit.models import AuditEvent
from portal.clock import today_in_stockholm
from portal.matching.anonymity import (
    ATTRIBUTES,
    LADDERS,
    card_for,
    generalise_for_display,
)
from portal.matching.engine import match
from portal.matching.profiles import OfferProfile, TaskProfile, participant_profile
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from portal.reference.vocabulary import Adaptation, SwedishLevel, TimeOfDay


def _load(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_demo_participants_are_many_varied_and_split_between_the_two_consultants(app, db):
    _load(app)
    people = list(db.session.scalars(select(Participant)))
    assert 55 <= len(people) <= 65
    by_consultant = Counter(db.session.get(User, p.consultant_id).email for p in people)
    assert set(by_consultant) == {"konsulent@demo.brygga.se", "konsulent2@demo.brygga.se"}
    assert len({p.name for p in people}) == len(people)

    swedish = Counter(p.swedish_level for p in people)
    assert swedish[SwedishLevel.A_LITTLE] + swedish[SwedishLevel.EVERYDAY] >= len(people) / 2
    assert all(swedish[level] >= 1 for level in SwedishLevel)
    assert len({need for p in people for need in p.needs}) >= 6
    assert {"I", "O", "G", "H", "R"} <= {code for p in people for code in p.industries}
    assert sum(1 for p in people if p.status.value != "active") >= 2


@pytest.mark.parametrize(
    ("industry", "area", "task_keys"),
    [
        ("I", "centrum", ("i-wash-dishes", "i-clear-tables", "i-prepare-vegetables")),
        ("O", "norrby", ("o-clean-offices", "o-clean-stairwells")),
        ("G", "soderang", ("g-restock-shelves", "g-face-up-shelves", "g-check-dates")),
    ],
)
def test_typical_offers_get_several_candidates_whose_cards_keep_k_and_show_something(app, db, industry, area, task_keys):
    """Through the real matching and k-anonymity: candidates exist, and their cards are not all blank."""
    _load(app)
    today = today_in_stockholm()
    offer = OfferProfile(
        offer_id=1, industry=industry, area=area, reachable_by_public_transport=True,
        hours_per_week_min=10, hours_per_week_max=30,
        times_of_day=frozenset({TimeOfDay.MORNING, TimeOfDay.DAYTIME, TimeOfDay.AFTERNOON}),
        start_date=today, end_date=None,
        adaptations=frozenset({Adaptation.INSTRUCTIONS_SHOWN, Adaptation.HOURS_AND_PACE, Adaptation.INSTRUCTIONS_PICTURES}),
        tasks=tuple(TaskProfile(name=key, task_key=key, can_be_shown=True) for key in task_keys),
    )
    active = db.session.scalars(select(Participant).where(Participant.status == ParticipantStatus.ACTIVE))
    profiles = [participant_profile(p) for p in active]
    population = [card_for(offer, p, today) for p in profiles]
    candidates = [card_for(offer, p, today) for p in profiles if match(offer, p, today).passes]

    assert len(candidates) >= 5
    shown = generalise_for_display(candidates, population, today)
    informative = [card for card in shown if any(level < len(LADDERS[a]) - 1 for a, level in zip(ATTRIBUTES, card.levels))]
    assert len(informative) >= len(shown) * 0.8


def test_loading_the_demo_twice_adds_no_participant_and_no_audit_row(app, db):
    _load(app)
    before = (db.session.scalar(select(func.count()).select_from(Participant)),
              db.session.scalar(select(func.count()).select_from(AuditEvent)))
    _load(app)
    after = (db.session.scalar(select(func.count()).select_from(Participant)),
             db.session.scalar(select(func.count()).select_from(AuditEvent)))
    assert after == before
