"""Employer organisations."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.employers.states import VettingStatus
from portal.extensions import db

if TYPE_CHECKING:
    from portal.accounts.models import User


class OrganisationKind(enum.StrEnum):
    COMPANY = "company"
    SOLE_TRADER = "sole_trader"
    MUNICIPAL = "municipal"


class Organisation(db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    organisation_number: Mapped[str] = mapped_column(String(13), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    status: Mapped[VettingStatus] = mapped_column(
        enum_column(VettingStatus), default=VettingStatus.UNCONFIRMED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)

    users: Mapped[list[User]] = relationship(back_populates="organisation")
