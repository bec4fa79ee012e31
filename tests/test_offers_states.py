"""The offer lifecycle table: every move allowed, every other move refused, the README table."""

from __future__ import annotations

import itertools

import pytest

from portal.offers.states import FINAL_STATES, OFFER_TRANSITIONS, OfferStatus, render_transition_table_markdown
from portal.workflow import IllegalTransition, transition

S = OfferStatus
ALLOWED = {
    (S.DRAFT, S.SUBMITTED),
    (S.DRAFT, S.WITHDRAWN),
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
    __tablename__ = "offer"

    def __init__(self, status):
        self.id = 1
        self.status = status


@pytest.mark.parametrize("move", sorted(ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_allowed_move_changes_the_state_and_writes_an_audit_row(db, move):
    from portal.audit.models import AuditEvent

    offer = Thing(move[0])
    transition(offer, move[1], table=OFFER_TRANSITIONS)
    assert offer.status == move[1]
    event = [o for o in db.session.new if isinstance(o, AuditEvent)][-1]
    assert event.action == f"offer.{move[1].value}"
    assert event.detail == {"from": move[0].value, "to": move[1].value}


REFUSED = sorted(set(itertools.product(S, S)) - ALLOWED)


@pytest.mark.parametrize("move", REFUSED, ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_other_move_is_refused(move):
    offer = Thing(move[0])
    with pytest.raises(IllegalTransition):
        transition(offer, move[1], table=OFFER_TRANSITIONS)
    assert offer.status == move[0]


def test_final_states_have_no_way_out():
    assert FINAL_STATES == {S.FILLED, S.CLOSED, S.REJECTED, S.EXPIRED, S.WITHDRAWN}


def test_markdown_table_has_one_row_per_move():
    table = render_transition_table_markdown()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| from")]
    assert len(rows) == len(ALLOWED)
    assert "| submitted | live | coordinator (approve) |" in table
    assert "| paused | live | employer (resume) |" in table
    assert "| live | expired | `flask offers expire` (daily job) |" in table
