"""The coordinator's reviews of offer snapshots, and comments on single fields."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.offers.models import Offer, OfferSnapshot

if TYPE_CHECKING:
    from portal.accounts.models import User


class Decision(enum.StrEnum):
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    REJECTED = "rejected"


class Review(db.Model):
    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("offer_snapshot.id", ondelete="CASCADE"), unique=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decision: Mapped[Decision] = mapped_column(enum_column(Decision))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    offer: Mapped[Offer] = relationship()
    snapshot: Mapped[OfferSnapshot] = relationship()
    reviewer: Mapped[User | None] = relationship()
    comments: Mapped[list[ReviewComment]] = relationship(
        back_populates="review", order_by="ReviewComment.id", cascade="all, delete-orphan"
    )


class ReviewComment(db.Model):
    """A comment on one field; `field` is a stable path such as `address` or `tasks.12` (task id)."""

    __tablename__ = "review_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)

    review: Mapped[Review] = relationship(back_populates="comments")
