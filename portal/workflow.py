"""One way to change a state: a table of allowed moves (or named events with guards), checked and audited in one function."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from portal.audit.services import record_event

State = TypeVar("State", bound=enum.Enum)


class IllegalTransition(Exception):
    """A move the transition table does not allow."""

    def __init__(self, subject: str, current: enum.Enum, target: enum.Enum):
        super().__init__(f"{subject}: {current.value} → {target.value} is not allowed")
        self.current = current
        self.target = target


class TransitionTable(Mapping[State, frozenset[State]]):
    """Allowed moves of one state machine; `can_*` predicates and the README read it too."""

    def __init__(self, name: str, moves: Mapping[State, frozenset[State] | set[State]]):
        self.name = name
        self._moves = {state: frozenset(targets) for state, targets in moves.items()}

    def __getitem__(self, state: State) -> frozenset[State]:
        return self._moves.get(state, frozenset())

    def __iter__(self):
        return iter(self._moves)

    def __len__(self) -> int:
        return len(self._moves)

    def allows(self, current: State, target: State) -> bool:
        """Whether the table has the move current → target."""
        return target in self[current]


def transition(
    obj: Any,
    target: State,
    *,
    table: TransitionTable,
    actor: Any | None = None,
    detail: dict[str, Any] | None = None,
    attribute: str = "status",
) -> None:
    """Move obj to target if the table allows it, and write the audit row; raise otherwise."""
    current = getattr(obj, attribute)
    if not table.allows(current, target):
        raise IllegalTransition(table.name, current, target)
    setattr(obj, attribute, target)
    record_event(
        f"{table.name}.{target.value}",
        obj,
        actor=actor,
        detail={"from": current.value, "to": target.value, **(detail or {})},
    )


Guard = Callable[[Any, Any], bool]


@dataclass(frozen=True)
class Event(Generic[State]):
    """A named move from one of `sources` to `target`, with who may make it and when.

    `guard(subject, actor)` holds the condition beside the state (the offer is the actor's
    own, the organisation is approved, the hold has not lapsed): the rule lives next to the
    move, and policies, services and the README read it from here.
    """

    name: str
    sources: frozenset[State]
    target: State
    guard: Guard | None = None
    moved_by: str = ""

    def __init__(self, name: str, sources, target: State, *, guard: Guard | None = None, moved_by: str = ""):
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "sources", frozenset(sources))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "guard", guard)
        object.__setattr__(self, "moved_by", moved_by)


class StateMachine(TransitionTable[State]):
    """A transition table built from named events; `can` and `fire` check the state and the guard."""

    def __init__(self, name: str, events: Iterable[Event[State]], *, attribute: str = "status"):
        events = tuple(events)
        names = [event.name for event in events]
        if len(set(names)) != len(names):
            raise ValueError(f"{name}: two events share a name")
        moves: dict[State, set[State]] = {}
        for event in events:
            for source in event.sources:
                moves.setdefault(source, set()).add(event.target)
        super().__init__(name, moves)
        self.events = {event.name: event for event in events}
        self.attribute = attribute

    def can(self, event_name: str, subject: Any, actor: Any | None = None) -> bool:
        """Whether `actor` may make the named move on `subject` now (unknown names: no)."""
        event = self.events.get(event_name)
        if event is None or getattr(subject, self.attribute) not in event.sources:
            return False
        return event.guard is None or bool(event.guard(subject, actor))

    def available(self, subject: Any, actor: Any | None = None) -> list[str]:
        """The names of the moves `actor` may make on `subject` now, in the order they were declared."""
        return [name for name in self.events if self.can(name, subject, actor)]

    def fire(self, event_name: str, subject: Any, *, actor: Any | None = None, detail: dict[str, Any] | None = None) -> None:
        """Make the named move, audited; IllegalTransition when the state or the guard says no."""
        event = self.events[event_name]
        if not self.can(event_name, subject, actor):
            raise IllegalTransition(self.name, getattr(subject, self.attribute), event.target)
        transition(subject, event.target, table=self, actor=actor, detail={"event": event_name, **(detail or {})}, attribute=self.attribute)
