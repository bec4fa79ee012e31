"""The append-only audit log and the one way to change a state."""

from __future__ import annotations

import itertools
from datetime import UTC
from enum import StrEnum

import pytest
from flask_login import login_user
from sqlalchemy import delete, func, select, update

from portal.audit.models import AuditEvent
from portal.audit.services import record_event
from portal.employers.models import Organisation
from portal.employers.states import VETTING_TRANSITIONS, VettingStatus
from portal.workflow import (
    Event,
    IllegalTransition,
    StateMachine,
    TransitionTable,
    transition,
)
from tests import factories

# Written out here on purpose: changing the table must change this test too.
ALLOWED_VETTING_MOVES = {
    (VettingStatus.UNCONFIRMED, VettingStatus.PENDING),
    (VettingStatus.PENDING, VettingStatus.APPROVED),
    (VettingStatus.PENDING, VettingStatus.REJECTED),
}
ALL_VETTING_MOVES = sorted(itertools.product(VettingStatus, VettingStatus))


def _events(db) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def _event_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent))


# Audit log


def test_record_event_writes_actor_subject_and_detail(db):
    actor = factories.make_user()
    organisation = factories.make_organisation()
    record_event("organisation.viewed", organisation, actor=actor, detail={"reason": "vetting", "n": 2})
    db.session.commit()
    db.session.expire_all()

    [event] = [e for e in _events(db) if e.action == "organisation.viewed"]
    assert event.actor_id == actor.id
    assert (event.subject_type, event.subject_id) == ("organisation", organisation.id)
    assert event.detail == {"reason": "vetting", "n": 2}
    assert event.at.tzinfo == UTC


def test_record_event_without_a_subject_or_actor(db):
    record_event("system.started", detail={})
    db.session.commit()
    [event] = _events(db)
    assert (event.action, event.actor_id, event.subject_type, event.subject_id, event.detail) == (
        "system.started",
        None,
        None,
        None,
        {},
    )


def test_record_event_defaults_to_the_signed_in_user(app, db):
    user = factories.make_user()
    organisation = factories.make_organisation()
    db.session.commit()
    with app.test_request_context("/"):
        login_user(user)
        record_event("organisation.viewed", organisation)
    db.session.commit()
    [event] = _events(db)
    assert event.actor_id == user.id


@pytest.fixture
def saved_event(db) -> AuditEvent:
    event = record_event("organisation.viewed", factories.make_organisation(), detail={"a": 1})
    db.session.commit()
    return event


def test_an_audit_row_cannot_be_changed(db, saved_event):
    saved_event.action = "organisation.forgotten"
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    assert [e.action for e in _events(db)] == ["organisation.viewed"]


def test_an_audit_row_cannot_be_deleted(db, saved_event):
    db.session.delete(saved_event)
    with pytest.raises(PermissionError):
        db.session.flush()
    db.session.rollback()
    assert _event_count(db) == 1


@pytest.mark.parametrize(
    "statement",
    [
        update(AuditEvent).values(action="organisation.forgotten"),
        delete(AuditEvent),
    ],
    ids=["bulk update", "bulk delete"],
)
def test_audit_rows_cannot_be_changed_in_bulk_through_the_orm(db, saved_event, statement):
    with pytest.raises(PermissionError):
        db.session.execute(statement)
    db.session.rollback()
    assert [e.action for e in _events(db)] == ["organisation.viewed"]


def test_other_rows_can_still_be_changed_in_bulk(db):
    organisation = factories.make_organisation(name="Gammalt namn AB")
    db.session.commit()
    db.session.execute(update(Organisation).values(name="Nytt namn AB"))
    db.session.commit()
    db.session.refresh(organisation)
    assert organisation.name == "Nytt namn AB"


# Transitions


def test_the_vetting_table_is_the_one_this_test_expects():
    table_moves = {(state, target) for state in VettingStatus for target in VETTING_TRANSITIONS[state]}
    assert table_moves == ALLOWED_VETTING_MOVES
    assert VETTING_TRANSITIONS.name == "organisation"


@pytest.mark.parametrize(
    ("current", "target"),
    sorted(ALLOWED_VETTING_MOVES),
    ids=lambda s: s.value,
)
def test_an_allowed_move_changes_the_state_and_writes_the_audit_row(db, current, target):
    actor = factories.make_user()
    organisation = factories.make_organisation(status=current)
    db.session.commit()

    transition(organisation, target, table=VETTING_TRANSITIONS, actor=actor, detail={"note": "checked"})
    db.session.commit()
    db.session.expire_all()

    assert db.session.get(Organisation, organisation.id).status == target
    [event] = _events(db)
    assert event.action == f"organisation.{target.value}"
    assert (event.subject_type, event.subject_id, event.actor_id) == ("organisation", organisation.id, actor.id)
    assert event.detail == {"from": current.value, "to": target.value, "note": "checked"}
    assert VETTING_TRANSITIONS.allows(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [move for move in ALL_VETTING_MOVES if move not in ALLOWED_VETTING_MOVES],
    ids=lambda s: s.value,
)
def test_an_illegal_move_is_refused_and_changes_nothing(db, current, target):
    organisation = factories.make_organisation(status=current)
    db.session.commit()

    with pytest.raises(IllegalTransition) as refused:
        transition(organisation, target, table=VETTING_TRANSITIONS, actor=factories.make_user())
    db.session.commit()
    db.session.expire_all()

    assert (refused.value.current, refused.value.target) == (current, target)
    assert f"{current.value} → {target.value}" in str(refused.value)
    assert db.session.get(Organisation, organisation.id).status == current
    assert _event_count(db) == 0
    assert not VETTING_TRANSITIONS.allows(current, target)


def test_a_state_with_no_row_has_no_moves():
    assert VETTING_TRANSITIONS[VettingStatus.APPROVED] == frozenset()
    assert VETTING_TRANSITIONS[VettingStatus.REJECTED] == frozenset()


def test_transition_can_change_another_attribute(db):
    table = TransitionTable("organisation", {VettingStatus.APPROVED: {VettingStatus.REJECTED}})

    class Thing:
        __tablename__ = "thing"
        id = 7
        review = VettingStatus.APPROVED

    thing = Thing()
    transition(thing, VettingStatus.REJECTED, table=table, attribute="review")
    assert thing.review == VettingStatus.REJECTED
    [event] = [e for e in db.session.new if isinstance(e, AuditEvent)]
    assert (event.subject_type, event.subject_id, event.detail) == ("thing", 7, {"from": "approved", "to": "rejected"})
    db.session.rollback()


# Named events with guards


class _Door:
    __tablename__ = "door"

    def __init__(self, status, owner_id=1):
        self.id = 7
        self.status = status
        self.owner_id = owner_id


class _DoorState(StrEnum):
    SHUT = "shut"
    OPEN = "open"
    LOCKED = "locked"


def _owner_only(door, actor) -> bool:
    return actor is not None and actor.id == door.owner_id


DOOR = StateMachine(
    "door",
    [
        Event("open", {_DoorState.SHUT}, _DoorState.OPEN),
        Event("shut", {_DoorState.OPEN}, _DoorState.SHUT),
        Event("lock", {_DoorState.SHUT}, _DoorState.LOCKED, guard=_owner_only, moved_by="the owner"),
        Event("unlock", {_DoorState.LOCKED}, _DoorState.SHUT, guard=_owner_only),
    ],
)


def test_a_state_machine_is_a_transition_table_built_from_its_events():
    assert DOOR[_DoorState.SHUT] == {_DoorState.OPEN, _DoorState.LOCKED}
    assert DOOR[_DoorState.OPEN] == {_DoorState.SHUT}
    assert DOOR.allows(_DoorState.LOCKED, _DoorState.SHUT)
    assert not DOOR.allows(_DoorState.LOCKED, _DoorState.OPEN)


@pytest.mark.parametrize(
    ("state", "actor_id", "expected"),
    [
        (_DoorState.SHUT, 1, ["open", "lock"]),
        (_DoorState.SHUT, 2, ["open"]),
        (_DoorState.OPEN, 1, ["shut"]),
        (_DoorState.LOCKED, 1, ["unlock"]),
        (_DoorState.LOCKED, 2, []),
    ],
)
def test_can_checks_the_state_and_the_guard(state, actor_id, expected):
    actor = type("Actor", (), {"id": actor_id})()
    assert DOOR.available(_Door(state), actor) == expected
    assert not DOOR.can("fly", _Door(state), actor)


def test_fire_moves_and_audits_with_the_event_name(db):
    owner = factories.make_user()
    door = _Door(_DoorState.SHUT, owner_id=owner.id)
    DOOR.fire("lock", door, actor=owner)
    assert door.status == _DoorState.LOCKED
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "door.locked"))
    assert event.detail == {"from": "shut", "to": "locked", "event": "lock"}


def test_fire_refuses_a_move_its_guard_forbids_and_changes_nothing(db):
    stranger = factories.make_user()
    door = _Door(_DoorState.SHUT, owner_id=stranger.id + 1)
    with pytest.raises(IllegalTransition):
        DOOR.fire("lock", door, actor=stranger)
    assert door.status == _DoorState.SHUT
    assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "door.locked")) == 0


def test_two_events_cannot_share_a_name():
    with pytest.raises(ValueError, match="share a name"):
        StateMachine("x", [Event("go", {_DoorState.SHUT}, _DoorState.OPEN), Event("go", {_DoorState.OPEN}, _DoorState.SHUT)])
