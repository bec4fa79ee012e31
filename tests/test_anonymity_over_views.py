"""Candidate cards stay k-anonymous over every view one employer organisation has had.

The attacker is a careful employer who keeps every card they were shown, knows every
participant's attributes at the time of each view (the worst case), and knows a card's person
passed that offer's hard constraints. For each pseudonym, the people consistent with all of
that employer's views of it, on every offer and at every time, must never be fewer than k.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from portal.clock import today_in_stockholm
from portal.extensions import db as _db
from portal.matching import service as matching
from portal.matching.anonymity import DisplayedCard, _generalise, candidate_disclosures, card_for
from portal.matching.engine import match
from portal.matching.models import CandidateDisclosure
from portal.matching.profiles import OfferProfile, ParticipantProfile, TaskProfile
from portal.participants.states import ParticipantStatus
from portal.reference.vocabulary import Adaptation, Need, SwedishLevel
from tests.interest_factories import live_offer
from tests.matching_factories import TODAY, make_offer, make_participant
from tests.participant_factories import make_participant as make_participant_record

TASKS = (
    TaskProfile(name="diskning", task_key="diskning"),
    TaskProfile(name="städning", task_key="stadning"),
    TaskProfile(name="plock", task_key="plock"),
)
TASK_KEYS = [task.task_key for task in TASKS]

people_attributes = st.fixed_dictionaries(
    {
        "swedish_level": st.sampled_from([SwedishLevel.A_LITTLE, SwedishLevel.EVERYDAY, SwedishLevel.GOOD]),
        "tasks_done": st.frozensets(st.sampled_from(TASK_KEYS), max_size=2),
        "tasks_wanted": st.frozensets(st.sampled_from(TASK_KEYS), max_size=1),
        "hours_per_week_min": st.sampled_from([5, 10, 12]),
        "hours_per_week_max": st.sampled_from([20, 25, 40]),
        "available_from": st.sampled_from([TODAY, TODAY + timedelta(days=20), TODAY + timedelta(days=75)]),
        "needs": st.frozensets(st.sampled_from([Need.INSTRUCTIONS_SHOWN, Need.OWN_PACE]), max_size=1),
    }
)
offer_attributes = st.fixed_dictionaries(
    {
        "tasks": st.lists(st.sampled_from(TASKS), min_size=1, max_size=2, unique=True).map(tuple),
        "hours_per_week_min": st.sampled_from([10, 15]),
        "hours_per_week_max": st.sampled_from([15, 20]),
        "adaptations": st.frozensets(
            st.sampled_from([Adaptation.INSTRUCTIONS_SHOWN, Adaptation.HOURS_AND_PACE]), max_size=2
        ),
        "start_date": st.sampled_from([TODAY, TODAY + timedelta(days=10)]),
    }
)


def consistent_with(view, person: ParticipantProfile) -> bool:
    """Whether this person, as they were at the time of the view, could be the card's person:
    they passed the offer then, and their card generalised the same way shows the same values."""
    offer, when, card = view.offer, view.when, view.card
    if not match(offer, person, when).passes:
        return False
    shown = (card.tasks, card.swedish_level, card.hours, card.start, card.adaptations)
    return _generalise(card_for(offer, person, when), card.levels, when) == shown


class View:
    def __init__(self, offer: OfferProfile, when: date, card: DisplayedCard, active: dict[int, ParticipantProfile]):
        self.offer, self.when, self.card = offer, when, card
        self.active = dict(active)  # everyone active at the time, as they were


class OneEmployersViews(RuleBasedStateMachine):
    """Registers, pauses, places and changes participants, approves offers for one employer,
    lets time pass, and lets that employer look at every live offer's candidates in any order."""

    def __init__(self):
        super().__init__()
        self.today = TODAY
        self.active: dict[int, ParticipantProfile] = {}
        self.paused: dict[int, ParticipantProfile] = {}
        self.offers: list[OfferProfile] = []
        self.record: dict[int, frozenset[int]] = {}  # what the service keeps in candidate_disclosure
        self.views: dict[int, list[View]] = {}
        self.next_id = 1

    @initialize(k=st.sampled_from([2, 3, 5]), crowd=st.lists(people_attributes, min_size=4, max_size=14))
    def start(self, k, crowd):
        self.k = k
        for attributes in crowd:
            self._register(attributes)

    def _register(self, attributes):
        person = replace(make_participant(), participant_id=self.next_id, **attributes)
        self.active[self.next_id] = person
        self.next_id += 1

    @rule(attributes=people_attributes)
    def register(self, attributes):
        self._register(attributes)

    @precondition(lambda self: self.active)
    @rule(data=st.data())
    def pause(self, data):
        pid = data.draw(st.sampled_from(sorted(self.active)))
        self.paused[pid] = self.active.pop(pid)

    @precondition(lambda self: self.paused)
    @rule(data=st.data())
    def resume(self, data):
        pid = data.draw(st.sampled_from(sorted(self.paused)))
        self.active[pid] = self.paused.pop(pid)

    @precondition(lambda self: self.active)
    @rule(data=st.data())
    def place(self, data):
        # Placed people are no longer candidates for anyone, and do not come back here.
        pid = data.draw(st.sampled_from(sorted(self.active)))
        del self.active[pid]

    @precondition(lambda self: self.active)
    @rule(data=st.data(), attributes=people_attributes)
    def change(self, data, attributes):
        pid = data.draw(st.sampled_from(sorted(self.active)))
        field = data.draw(st.sampled_from(sorted(attributes)))
        self.active[pid] = replace(self.active[pid], **{field: attributes[field]})

    @precondition(lambda self: len(self.offers) < 3)
    @rule(attributes=offer_attributes)
    def approve_offer(self, attributes):
        self.offers.append(replace(make_offer(), offer_id=len(self.offers) + 1, **attributes))

    @rule(days=st.sampled_from([1, 15, 40]))
    def time_passes(self, days):
        self.today += timedelta(days=days)

    @precondition(lambda self: self.offers)
    @rule(data=st.data())
    def employer_views_candidates(self, data):
        offer = data.draw(st.sampled_from(self.offers))
        _, disclosed = candidate_disclosures(offer, list(self.active.values()), self.record, self.today, self.k)
        for pid, shown in disclosed.items():
            if shown.card is None:
                continue
            assert pid in shown.consistent
            self.record[pid] = shown.consistent
            self.views.setdefault(pid, []).append(View(offer, self.today, shown.card, self.active))

    @invariant()
    def every_pseudonym_seen_hides_among_k(self):
        for pid, views in self.views.items():
            people = set(views[0].active)
            for view in views:
                people &= {x for x, person in view.active.items() if consistent_with(view, person)}
            assert pid in people, "a card showed a value its own person did not have"
            assert len(people) >= self.k, f"pseudonym of {pid}: {len(people)} people consistent with {len(views)} views"


OneEmployersViews.TestCase.settings = settings(
    max_examples=200, stateful_step_count=30, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
test_no_sequence_of_views_singles_anyone_out = OneEmployersViews.TestCase


# --- the same through the database: what was shown is kept and respected --------------------


def _card(candidates, participant_id):
    return next(c for c in candidates if c.participant_id == participant_id)


def test_a_card_shown_coarse_is_not_shown_finer_when_more_alike_people_arrive(db, app):
    offer = live_offer()
    alike = [make_participant_record() for _ in range(5)]
    odd = make_participant_record(hours_per_week_min=11)
    today = today_in_stockholm()
    with app.test_request_context():
        first = _card(matching.candidates_for_offer(offer, today, remember=True), odd.id)
        assert first.card.levels[2] > 0  # the hours are widened: only one person has 11–20
        # Four more people like the odd one: counted afresh, the card could now show 11–20 exactly.
        for _ in range(4):
            make_participant_record(hours_per_week_min=11)
        assert _card(matching.candidates_for_offer(offer, today), odd.id).card.levels == first.card.levels
        again = _card(matching.candidates_for_offer(offer, today, remember=True), odd.id)
    assert again.card.levels == first.card.levels
    record = _db.session.scalar(select(CandidateDisclosure).where(CandidateDisclosure.participant_id == odd.id))
    assert set(record.consistent_ids) == {odd.id, *(p.id for p in alike)}


def test_a_card_is_left_out_once_the_people_it_could_be_drop_below_k(db, app):
    offer = live_offer()
    people = [make_participant_record() for _ in range(5)]
    today = today_in_stockholm()
    with app.test_request_context():
        assert len(matching.candidates_for_offer(offer, today, remember=True)) == 5
        people[0].status = ParticipantStatus.PAUSED
        _db.session.flush()
        assert matching.candidates_for_offer(offer, today, remember=True) == []
        # Newcomers exactly alike were not there when the others were seen: the old pseudonyms
        # stay out, and only the newcomers' cards (with no history) are shown.
        newcomers = [make_participant_record() for _ in range(4)]
        shown = {c.participant_id for c in matching.candidates_for_offer(offer, today, remember=True)}
    assert shown == {p.id for p in newcomers} | {people[1].id, people[2].id, people[3].id, people[4].id} - {
        p.id for p in people
    }


def test_a_pseudonym_seen_on_two_offers_is_counted_among_people_consistent_with_both(db, app):
    twelve_hours = live_offer()
    employer = twelve_hours.created_by
    twenty_hours = live_offer(employer, hours_per_week=20)
    today = today_in_stockholm()
    both = [make_participant_record(hours_per_week_max=20) for _ in range(4)]  # pass both offers
    [make_participant_record(hours_per_week_max=14) for _ in range(4)]  # pass the 12-hour offer only
    second_only = [make_participant_record(hours_per_week_min=20, hours_per_week_max=30) for _ in range(2)]
    with app.test_request_context():
        # Seen on the 20-hour offer alone, the six who pass it share a card with the hours left out.
        assert len(matching.candidates_for_offer(twenty_hours, today)) == 6
        # On the 12-hour offer, 10–20 and 10–14 both read "about 10–20 hours": eight people.
        first = matching.candidates_for_offer(twelve_hours, today, remember=True)
        assert {c.participant_id for c in first} >= {p.id for p in both}
        # The four seen there could only be one of those eight; of them, four pass the 20-hour
        # offer. Fewer than five: their cards are left out, the two never seen are still shown.
        second = matching.candidates_for_offer(twenty_hours, today, remember=True)
    assert {c.participant_id for c in second} == {p.id for p in second_only}


def test_only_the_employers_own_views_are_recorded(client, db, login_as):
    coordinator = login_as("coordinator")
    offer = live_offer()
    [make_participant_record() for _ in range(5)]
    _db.session.commit()
    assert client.get(f"/offers/{offer.id}/candidates").status_code == 200
    assert _db.session.scalars(select(CandidateDisclosure)).all() == []
    assert coordinator is not None


def test_the_record_goes_with_the_participant(db, app):
    offer = live_offer()
    people = [make_participant_record() for _ in range(5)]
    with app.test_request_context():
        matching.candidates_for_offer(offer, today_in_stockholm(), remember=True)
    assert matching.forget_disclosures(people[0].id) == 1
    remaining = {r.participant_id for r in _db.session.scalars(select(CandidateDisclosure))}
    assert remaining == {p.id for p in people[1:]}


def test_equal_scores_are_ordered_by_pseudonym_not_by_id(db, app):
    offer = live_offer()
    [make_participant_record() for _ in range(6)]
    with app.test_request_context():
        candidates = matching.candidates_for_offer(offer, today_in_stockholm())
    assert len({c.score for c in candidates}) == 1
    assert [c.pseudonym for c in candidates] == sorted(c.pseudonym for c in candidates)
