"""Expressions of interest: an employer asks to meet a candidate; the consultant answers."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class InterestStatus(enum.StrEnum):
    OPEN = "open"  # waiting for the consultant to ask the participant
    AGREED = "agreed"  # the participant wants to meet; consent recorded
    DECLINED = "declined"  # not available right now (no reason is given to the employer)
    LAPSED = "lapsed"  # not answered in 10 working days
    WITHDRAWN = "withdrawn"  # the employer took it back


INTEREST_TRANSITIONS = TransitionTable(
    "interest",
    {
        InterestStatus.OPEN: {
            InterestStatus.AGREED,
            InterestStatus.DECLINED,
            InterestStatus.LAPSED,
            InterestStatus.WITHDRAWN,
        },
    },
)
