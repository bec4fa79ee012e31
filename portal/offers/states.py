"""Offer states and the named sets of them that policies, queries and templates test (the moves: lifecycle.py)."""

from __future__ import annotations

import enum


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


# The working copy can be changed in these states; a change to a live or paused offer is
# reviewed again while the approved snapshot stays what consultants and matching see.
EDITABLE_STATES = frozenset(
    {OfferStatus.DRAFT, OfferStatus.SUBMITTED, OfferStatus.CHANGES_REQUESTED, OfferStatus.LIVE, OfferStatus.PAUSED}
)
# States with an approved snapshot.
APPROVED_STATES = frozenset({OfferStatus.LIVE, OfferStatus.PAUSED})
