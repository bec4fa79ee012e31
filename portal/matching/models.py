"""What each employer organisation has been shown of each candidate, kept so later views
cannot be combined with earlier ones to single a person out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.clock import now
from portal.db_types import UTCDateTime
from portal.extensions import db


class CandidateDisclosure(db.Model):
    """One employer organisation's knowledge of one pseudonym (one participant).

    `consistent_ids` are the participants consistent with every card the organisation has been
    shown under that pseudonym, on any offer: a new view may only narrow it, never below k.
    It is participant data: read only through matching's service for the organisation's own
    offers, and deleted with the participant (ON DELETE CASCADE)."""

    __tablename__ = "candidate_disclosure"
    __table_args__ = (
        UniqueConstraint("organisation_id", "participant_id", name="uq_candidate_disclosure_organisation_participant"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    consistent_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # How finely the card was last shown on each offer: {"<offer id>": [rung per attribute]}.
    shown: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    first_shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
