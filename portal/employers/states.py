"""Organisation vetting states and their allowed moves."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from portal.accounts.models import Role
from portal.workflow import Event, StateMachine


class VettingStatus(enum.StrEnum):
    UNCONFIRMED = "unconfirmed"  # registered, e-mail not yet confirmed
    PENDING = "pending"  # waiting for the coordinator
    APPROVED = "approved"
    REJECTED = "rejected"


def _by_the_coordinator(organisation, actor) -> bool:
    return actor is not None and actor.is_authenticated and actor.role == Role.COORDINATOR


VETTING_TRANSITIONS = StateMachine(
    "organisation",
    [
        Event("confirm_email", {VettingStatus.UNCONFIRMED}, VettingStatus.PENDING, moved_by="the registrant"),
        Event("approve", {VettingStatus.PENDING}, VettingStatus.APPROVED, guard=_by_the_coordinator, moved_by="the coordinator"),
        Event("reject", {VettingStatus.PENDING}, VettingStatus.REJECTED, guard=_by_the_coordinator, moved_by="the coordinator"),
    ],
)


@dataclass(frozen=True)
class Standing:
    """Where an organisation stands in the vetting, as pages ask it: no template spells a state."""

    unconfirmed: bool  # the registrant has not opened the confirmation link
    in_queue: bool  # waiting for the coordinator
    approved: bool
    rejected: bool

    @classmethod
    def of(cls, status: VettingStatus) -> Standing:
        return cls(
            unconfirmed=status == VettingStatus.UNCONFIRMED,
            in_queue=status == VettingStatus.PENDING,
            approved=status == VettingStatus.APPROVED,
            rejected=status == VettingStatus.REJECTED,
        )


# Members may invite colleagues while the organisation waits or once it is approved, not after a no.
INVITING_STATES = frozenset({VettingStatus.PENDING, VettingStatus.APPROVED})
