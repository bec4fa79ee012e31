"""Organisation vetting states and their allowed moves."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class VettingStatus(enum.StrEnum):
    UNCONFIRMED = "unconfirmed"  # registered, e-mail not yet confirmed
    PENDING = "pending"  # waiting for the coordinator
    APPROVED = "approved"
    REJECTED = "rejected"


VETTING_TRANSITIONS = TransitionTable(
    "organisation",
    {
        VettingStatus.UNCONFIRMED: {VettingStatus.PENDING},
        VettingStatus.PENDING: {VettingStatus.APPROVED, VettingStatus.REJECTED},
    },
)
