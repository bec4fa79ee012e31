"""Placements: what the follow-ups and the placement certificate hang on.

The moves are named events; the guard says who may make them (the placement's own consultant),
and policies ask `PLACEMENT_MACHINE.can`. How a placement ended uses the participants'
code list (`Outcome`: job, studies, other), which is the one the project reports.
"""

from __future__ import annotations

import enum

from portal.accounts.models import Role
from portal.workflow import Event, StateMachine


class PlacementStatus(enum.StrEnum):
    PLANNED = "planned"  # agreed, not started
    ACTIVE = "active"
    ENDED = "ended"


class FollowUpCadence(enum.StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


def _own_consultant(placement, actor) -> bool:
    return actor is not None and actor.role == Role.CONSULTANT and placement.consultant_id == actor.id


PLACEMENT_MACHINE = StateMachine(
    "placement",
    [
        Event("start", {PlacementStatus.PLANNED}, PlacementStatus.ACTIVE, guard=_own_consultant,
              moved_by="the placement's consultant"),
        Event("end", {PlacementStatus.PLANNED, PlacementStatus.ACTIVE}, PlacementStatus.ENDED,
              guard=_own_consultant, moved_by="the placement's consultant, with the outcome"),
    ],
)
# The event that moves a placement to each status (the status form names the target).
EVENT_TO = {PlacementStatus.ACTIVE: "start", PlacementStatus.ENDED: "end"}
# Placements still running: what keeps a participant marked placed.
RUNNING_STATES = frozenset({PlacementStatus.PLANNED, PlacementStatus.ACTIVE})
