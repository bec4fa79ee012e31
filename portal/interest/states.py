"""Expressions of interest: an employer asks to meet a candidate; the consultant answers.

The moves are named events; each guard says who may make it (the rule lives next to the move,
policies ask `INTEREST_MACHINE.can`). Lapsing has no guard: the reminder job makes it, after
10 working days (portal/interest/services.py: remind_and_lapse).
"""

from __future__ import annotations

import enum

from portal.accounts.models import Role
from portal.workflow import Event, StateMachine


class InterestStatus(enum.StrEnum):
    OPEN = "open"  # waiting for the consultant to ask the participant
    AGREED = "agreed"  # the participant wants to meet; consent recorded
    DECLINED = "declined"  # not available right now (no reason is given to the employer)
    LAPSED = "lapsed"  # not answered in 10 working days
    WITHDRAWN = "withdrawn"  # the employer took it back


def _participants_own_consultant(interest, actor) -> bool:
    return actor is not None and actor.role == Role.CONSULTANT and interest.participant.consultant_id == actor.id


def _asking_organisation(interest, actor) -> bool:
    return actor is not None and actor.role == Role.EMPLOYER and interest.organisation_id == actor.organisation_id


INTEREST_MACHINE = StateMachine(
    "interest",
    [
        Event("agree", {InterestStatus.OPEN}, InterestStatus.AGREED, guard=_participants_own_consultant,
              moved_by="the participant's consultant, with the consent"),
        Event("decline", {InterestStatus.OPEN}, InterestStatus.DECLINED, guard=_participants_own_consultant,
              moved_by="the participant's consultant"),
        Event("withdraw", {InterestStatus.OPEN}, InterestStatus.WITHDRAWN, guard=_asking_organisation,
              moved_by="the employer who asked"),
        Event("lapse", {InterestStatus.OPEN}, InterestStatus.LAPSED, moved_by="the reminder job, after 10 working days"),
    ],
)
# Named sets the pages test: waiting for an answer, agreed to meet, taken back by the employer.
OPEN_STATES = frozenset({InterestStatus.OPEN})
AGREED_STATES = frozenset({InterestStatus.AGREED})
TAKEN_BACK_STATES = frozenset({InterestStatus.WITHDRAWN})
