"""One way to change a state: a table of allowed moves, checked and audited in one function."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

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
