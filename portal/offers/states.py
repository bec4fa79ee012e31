"""Offer lifecycle states and their allowed moves, in one table that the README shows."""

from __future__ import annotations

import enum

from portal.workflow import TransitionTable


class OfferStatus(enum.StrEnum):
    DRAFT = "draft"  # being written; never seen by anyone outside the organisation
    SUBMITTED = "submitted"  # waiting for the coordinator's first review
    CHANGES_REQUESTED = "changes_requested"  # sent back with comments
    LIVE = "live"  # approved: consultants and matching see the approved snapshot
    PAUSED = "paused"  # approved, but not taking candidates for now
    FILLED = "filled"  # every place is taken
    CLOSED = "closed"  # ended by the employer
    REJECTED = "rejected"  # the coordinator said no, with a reason
    EXPIRED = "expired"  # the end date passed (flask offers expire)
    WITHDRAWN = "withdrawn"  # taken back by the employer before it went live


OFFER_TRANSITIONS = TransitionTable(
    "offer",
    {
        OfferStatus.DRAFT: {OfferStatus.SUBMITTED, OfferStatus.WITHDRAWN},
        OfferStatus.SUBMITTED: {
            OfferStatus.LIVE,
            OfferStatus.CHANGES_REQUESTED,
            OfferStatus.REJECTED,
            OfferStatus.WITHDRAWN,
        },
        OfferStatus.CHANGES_REQUESTED: {OfferStatus.SUBMITTED, OfferStatus.WITHDRAWN},
        OfferStatus.LIVE: {OfferStatus.PAUSED, OfferStatus.FILLED, OfferStatus.CLOSED, OfferStatus.EXPIRED},
        OfferStatus.PAUSED: {OfferStatus.LIVE, OfferStatus.FILLED, OfferStatus.CLOSED, OfferStatus.EXPIRED},
    },
)

# The working copy can be changed in these states; a change to a live or paused offer is
# reviewed again while the approved snapshot stays what consultants and matching see.
EDITABLE_STATES = frozenset(
    {OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.LIVE, OfferStatus.PAUSED}
)
# States with an approved snapshot.
APPROVED_STATES = frozenset({OfferStatus.LIVE, OfferStatus.PAUSED})
# No move leads out of these.
FINAL_STATES = frozenset(state for state in OfferStatus if not OFFER_TRANSITIONS[state])

# Moves the employer makes from the offer page, by the name of the button.
EMPLOYER_ACTIONS: dict[str, OfferStatus] = {
    "pause": OfferStatus.PAUSED,
    "resume": OfferStatus.LIVE,
    "filled": OfferStatus.FILLED,
    "close": OfferStatus.CLOSED,
    "withdraw": OfferStatus.WITHDRAWN,
}

# Who makes each move: the README table shows it, the policies check it.
MOVED_BY: dict[OfferStatus, str] = {
    OfferStatus.SUBMITTED: "employer",
    OfferStatus.WITHDRAWN: "employer",
    OfferStatus.PAUSED: "employer",
    OfferStatus.FILLED: "employer",
    OfferStatus.CLOSED: "employer",
    OfferStatus.LIVE: "coordinator (approve)",
    OfferStatus.CHANGES_REQUESTED: "coordinator",
    OfferStatus.REJECTED: "coordinator",
    OfferStatus.EXPIRED: "`flask offers expire` (daily job)",
}


def render_transition_table_markdown() -> str:
    """The offer transition table as a Markdown table, generated from OFFER_TRANSITIONS."""
    lines = ["| from | to | moved by |", "|---|---|---|"]
    for state in OfferStatus:
        for target in sorted(OFFER_TRANSITIONS[state], key=list(OfferStatus).index):
            by = MOVED_BY[target]
            if target == OfferStatus.LIVE:
                by = "employer (resume)" if state == OfferStatus.PAUSED else "coordinator (approve)"
            lines.append(f"| {state.value} | {target.value} | {by} |")
    finals = ", ".join(state.value for state in OfferStatus if state in FINAL_STATES)
    lines.append("")
    lines.append(f"Final states (no move out): {finals}.")
    return "\n".join(lines) + "\n"
