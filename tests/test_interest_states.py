"""The interest table: every move allowed, every other refused, and who may make each."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

from portal.accounts.models import Role
from portal.audit.models import AuditEvent
from portal.interest.states import INTEREST_MACHINE, InterestStatus
from portal.workflow import IllegalTransition, transition

S = InterestStatus
ALLOWED = {(S.OPEN, S.AGREED), (S.OPEN, S.DECLINED), (S.OPEN, S.LAPSED), (S.OPEN, S.WITHDRAWN)}
EVENTS = {"agree": S.AGREED, "decline": S.DECLINED, "withdraw": S.WITHDRAWN, "lapse": S.LAPSED}

CONSULTANT = SimpleNamespace(id=7, role=Role.CONSULTANT, organisation_id=None)
OTHER_CONSULTANT = SimpleNamespace(id=8, role=Role.CONSULTANT, organisation_id=None)
EMPLOYER = SimpleNamespace(id=20, role=Role.EMPLOYER, organisation_id=3)
OTHER_EMPLOYER = SimpleNamespace(id=21, role=Role.EMPLOYER, organisation_id=4)
COORDINATOR = SimpleNamespace(id=30, role=Role.COORDINATOR, organisation_id=None)


class Thing:
    __tablename__ = "interest"

    def __init__(self, status):
        self.id = 1
        self.status = status
        self.organisation_id = 3
        self.participant = SimpleNamespace(consultant_id=CONSULTANT.id)


def test_the_table_is_the_one_this_test_expects():
    assert {(source, target) for source in INTEREST_MACHINE for target in INTEREST_MACHINE[source]} == ALLOWED
    assert {name: event.target for name, event in INTEREST_MACHINE.events.items()} == EVENTS


@pytest.mark.parametrize("move", sorted(ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_allowed_move_changes_the_state_and_writes_an_audit_row(db, move):
    interest = Thing(move[0])
    transition(interest, move[1], table=INTEREST_MACHINE)
    assert interest.status == move[1]
    event = [o for o in db.session.new if isinstance(o, AuditEvent)][-1]
    assert event.action == f"interest.{move[1].value}"
    assert event.detail == {"from": move[0].value, "to": move[1].value}


@pytest.mark.parametrize("move", sorted(set(itertools.product(S, S)) - ALLOWED), ids=lambda m: f"{m[0]}->{m[1]}")
def test_every_other_move_is_refused(move):
    interest = Thing(move[0])
    with pytest.raises(IllegalTransition):
        transition(interest, move[1], table=INTEREST_MACHINE)
    assert interest.status == move[0]


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (CONSULTANT, ["agree", "decline", "lapse"]),  # the participant's own consultant answers
        (OTHER_CONSULTANT, ["lapse"]),
        (EMPLOYER, ["withdraw", "lapse"]),  # the organisation that asked takes it back
        (OTHER_EMPLOYER, ["lapse"]),
        (COORDINATOR, ["lapse"]),
        (None, ["lapse"]),  # the reminder job
    ],
    ids=["own consultant", "other consultant", "asking employer", "other employer", "coordinator", "the job"],
)
def test_who_may_make_each_move_of_an_open_interest(actor, allowed):
    assert INTEREST_MACHINE.available(Thing(S.OPEN), actor) == allowed


@pytest.mark.parametrize("status", [s for s in S if s is not S.OPEN])
def test_nobody_moves_an_answered_interest(status):
    for actor in (CONSULTANT, EMPLOYER, COORDINATOR, None):
        assert INTEREST_MACHINE.available(Thing(status), actor) == []


def test_a_guarded_move_by_the_wrong_person_is_refused_and_changes_nothing(db):
    interest = Thing(S.OPEN)
    with pytest.raises(IllegalTransition):
        INTEREST_MACHINE.fire("withdraw", interest, actor=OTHER_EMPLOYER)
    assert interest.status == S.OPEN
    assert not [o for o in db.session.new if isinstance(o, AuditEvent)]
