"""The offer lifecycle: every move allowed, every other move refused, each guard, the README table."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from portal.accounts.models import Role
from portal.employers.states import VettingStatus
from portal.offers.lifecycle import (
    FINAL_STATES,
    OFFER_LIFECYCLE,
    render_transition_table_markdown,
)
from portal.offers.states import OfferStatus
from portal.workflow import IllegalTransition, transition

S = OfferStatus
ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.SUBMITTED, S.LIVE),
    (S.SUBMITTED, S.CHANGES_REQUESTED),
    (S.SUBMITTED, S.REJECTED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.CHANGES_REQUESTED, S.SUBMITTED),
    (S.CHANGES_REQUESTED, S.WITHDRAWN),
    (S.LIVE, S.PAUSED),
    (S.LIVE, S.FILLED),
    (S.LIVE, S.CLOSED),
    (S.LIVE, S.EXPIRED),
    (S.PAUSED, S.LIVE),
    (S.PAUSED, S.FILLED),
    (S.PAUSED, S.CLOSED),
    (S.PAUSED, S.EXPIRED),
}


class Thing:
    """An offer as the guards read it: its state, organisation and answers (nothing missing unless told)."""

    __tablename__ = "offer"

    def __init__(self, status, *, organisation_status=VettingStatus.APPROVED, missing=False):
        self.id = 1
        self.status = status
        self.organisation_id = 7
        self.organisation = SimpleNamespace(status=organisation_status)
        self.missing = missing


EMPLOYER = SimpleNamespace(id=1, role=Role.EMPLOYER, organisation_id=7)
OTHER_EMPLOYER = SimpleNamespace(id=2, role=Role.EMPLOYER, organisation_id=8)
COORDINATOR = SimpleNamespace(id=3, role=Role.COORDINATOR, organisation_id=None)
CONSULTANT = SimpleNamespace(id=4, role=Role.CONSULTANT, organisation_id=None)


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    # The submit guard asks readiness what is missing; a Thing says so itself.
    monkeypatch.setattr("portal.offers.lifecycle.missing_answers", lambda offer: ["x"] if offer.missing else [])


def _event_for(source, target):
    (event,) = [e for e in OFFER_LIFECYCLE.events.values() if source in e.sources and e.target == target]
    return event


def _actor_for(event):
    if event.moved_by.startswith("coordinator"):
        return COORDINATOR
    return EMPLOYER if event.moved_by.startswith("employer") else None  # None: the daily job


@pytest.mark.parametrize("move", sorted(ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_each_allowed_move_is_one_named_event_that_changes_the_state_and_writes_an_audit_row(db, move):
    from portal.audit.models import AuditEvent

    offer = Thing(move[0])
    event = _event_for(*move)
    OFFER_LIFECYCLE.fire(event.name, offer, actor=_actor_for(event))
    assert offer.status == move[1]
    audit = [o for o in db.session.new if isinstance(o, AuditEvent)][-1]
    assert audit.action == f"offer.{move[1].value}"
    assert audit.detail == {"from": move[0].value, "to": move[1].value, "event": event.name}


REFUSED = sorted(set(itertools.product(S, S)) - ALLOWED)


@pytest.mark.parametrize("move", REFUSED, ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_other_move_is_refused(move):
    offer = Thing(move[0])
    with pytest.raises(IllegalTransition):
        transition(offer, move[1], table=OFFER_LIFECYCLE)
    assert offer.status == move[0]


@pytest.mark.parametrize(
    ("event", "status", "actor", "offer_kwargs", "allowed"),
    [
        ("submit", S.DRAFT, EMPLOYER, {}, True),
        ("submit", S.DRAFT, EMPLOYER, {"organisation_status": VettingStatus.PENDING}, False),
        ("submit", S.CHANGES_REQUESTED, EMPLOYER, {"missing": True}, False),
        ("submit", S.DRAFT, OTHER_EMPLOYER, {}, False),
        ("approve", S.SUBMITTED, COORDINATOR, {}, True),
        ("approve", S.SUBMITTED, EMPLOYER, {}, False),
        ("reject", S.SUBMITTED, CONSULTANT, {}, False),
        ("pause", S.LIVE, EMPLOYER, {}, True),
        ("pause", S.LIVE, OTHER_EMPLOYER, {}, False),
        ("pause", S.LIVE, COORDINATOR, {}, False),
        ("resume", S.PAUSED, EMPLOYER, {}, True),
        ("resume", S.SUBMITTED, EMPLOYER, {}, False),  # submitted → live is the coordinator's approval
        ("withdraw", S.SUBMITTED, EMPLOYER, {}, True),
        ("withdraw", S.DRAFT, EMPLOYER, {}, False),  # a draft is deleted instead
        ("mark_filled", S.PAUSED, EMPLOYER, {}, True),
        ("close", S.LIVE, OTHER_EMPLOYER, {}, False),
        ("expire", S.PAUSED, None, {}, True),
    ],
)
def test_guards_say_who_may_make_a_move_and_when(event, status, actor, offer_kwargs, allowed):
    offer = Thing(status, **offer_kwargs)
    assert OFFER_LIFECYCLE.can(event, offer, actor) is allowed
    if not allowed:
        with pytest.raises(IllegalTransition):
            OFFER_LIFECYCLE.fire(event, offer, actor=actor)
        assert offer.status == status


def test_final_states_have_no_way_out():
    assert FINAL_STATES == {S.FILLED, S.CLOSED, S.REJECTED, S.EXPIRED, S.WITHDRAWN}


def test_markdown_table_has_one_row_per_move_with_who_makes_it():
    table = render_transition_table_markdown()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| from")]
    assert len(rows) == len(ALLOWED)
    assert "| submitted | live | coordinator (approve) |" in table
    assert "| paused | live | employer (resume) |" in table
    assert "| live | expired | `flask offers expire` (daily job) |" in table
