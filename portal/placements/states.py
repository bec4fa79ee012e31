"""Placements: what the follow-ups and the placement certificate hang on."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class PlacementStatus(enum.StrEnum):
    PLANNED = "planned"  # agreed, not started
    ACTIVE = "active"
    ENDED = "ended"


class FollowUpCadence(enum.StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


class PlacementOutcome(enum.StrEnum):
    """How a placement ended: what the project reports (stored as text on the placement)."""

    JOB = "job"
    STUDIES = "studies"
    OTHER = "other"


PLACEMENT_TRANSITIONS = TransitionTable(
    "placement",
    {
        PlacementStatus.PLANNED: {PlacementStatus.ACTIVE, PlacementStatus.ENDED},
        PlacementStatus.ACTIVE: {PlacementStatus.ENDED},
    },
)
