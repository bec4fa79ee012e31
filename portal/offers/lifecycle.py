"""The offer's lifecycle as named events: each move, who may make it and when, in one place.

Policies ask `OFFER_LIFECYCLE.can(...)`, services `fire(...)` it, and the README's table is
generated from the events (`flask offers transitions`). A change to a live or paused offer is
not a move: it is reviewed while the offer keeps its state (see services.submit_offer).
"""

from __future__ import annotations

from portal.accounts.models import Role
from portal.employers.policies import can_submit_offers
from portal.offers.readiness import missing_answers
from portal.offers.states import OfferStatus
from portal.offers.visibility import is_inside_organisation
from portal.workflow import Event, StateMachine

S = OfferStatus


def is_own_offer(offer, actor) -> bool:
    """The actor is an employer user of the offer's organisation."""
    return is_inside_organisation(actor, offer)


def may_send(offer, actor) -> bool:
    """The offer's own employer, from an organisation the coordinator approved."""
    return is_own_offer(offer, actor) and can_submit_offers(offer.organisation)


def ready_to_send(offer, actor) -> bool:
    """May send, and every question is answered (the check-answers page lists what is missing)."""
    return may_send(offer, actor) and not missing_answers(offer)


def is_coordinator(_offer, actor) -> bool:
    return actor is not None and actor.role == Role.COORDINATOR


SUBMIT = Event("submit", {S.DRAFT, S.CHANGES_REQUESTED}, S.SUBMITTED, guard=ready_to_send, moved_by="employer")

OFFER_LIFECYCLE = StateMachine(
    "offer",
    [
        SUBMIT,
        Event("approve", {S.SUBMITTED}, S.LIVE, guard=is_coordinator, moved_by="coordinator (approve)"),
        Event("request_changes", {S.SUBMITTED}, S.CHANGES_REQUESTED, guard=is_coordinator, moved_by="coordinator"),
        Event("reject", {S.SUBMITTED}, S.REJECTED, guard=is_coordinator, moved_by="coordinator"),
        # A draft is deleted, not withdrawn: nothing of it was ever sent.
        Event("withdraw", {S.SUBMITTED, S.CHANGES_REQUESTED}, S.WITHDRAWN, guard=is_own_offer, moved_by="employer"),
        Event("pause", {S.LIVE}, S.PAUSED, guard=is_own_offer, moved_by="employer"),
        # Only from paused: submitted → live is the coordinator's approval.
        Event("resume", {S.PAUSED}, S.LIVE, guard=is_own_offer, moved_by="employer (resume)"),
        Event("mark_filled", {S.LIVE, S.PAUSED}, S.FILLED, guard=is_own_offer, moved_by="employer"),
        Event("close", {S.LIVE, S.PAUSED}, S.CLOSED, guard=is_own_offer, moved_by="employer"),
        # The daily job picks the offers whose end date has passed.
        Event("expire", {S.LIVE, S.PAUSED}, S.EXPIRED, moved_by="`flask offers expire` (daily job)"),
    ],
)

# The moves the employer makes with the buttons on the offer page, by the button's value.
EMPLOYER_MOVES = ("pause", "resume", "mark_filled", "close", "withdraw")
# No move leads out of these.
FINAL_STATES = frozenset(state for state in OfferStatus if not OFFER_LIFECYCLE[state])


def render_transition_table_markdown() -> str:
    """The offer lifecycle as a Markdown table (from, to, moved by), generated from the events."""
    order = list(OfferStatus).index
    rows = sorted(
        ((source, event.target, event.moved_by) for event in OFFER_LIFECYCLE.events.values() for source in event.sources),
        key=lambda row: (order(row[0]), order(row[1])),
    )
    lines = ["| from | to | moved by |", "|---|---|---|"]
    lines += [f"| {source.value} | {target.value} | {by} |" for source, target, by in rows]
    finals = ", ".join(state.value for state in OfferStatus if state in FINAL_STATES)
    lines += ["", f"Final states (no move out): {finals}."]
    return "\n".join(lines) + "\n"
