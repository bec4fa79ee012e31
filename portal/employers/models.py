"""Employer organisations and the e-mail confirmations of those who register them."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import SingleUseLink
from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.employers.orgnr import OrganisationNumber
from portal.employers.states import Standing, VettingStatus
from portal.extensions import db
from portal.units.models import Unit

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
    # Normalised by portal.employers.orgnr; a sole trader's is a personnummer, shown masked to employers.
    organisation_number: Mapped[str] = mapped_column(String(13), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_column(OrganisationKind))
    # An SNI 2025 section letter (portal.reference.sni).
    industry: Mapped[str] = mapped_column(String(1), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    town: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[VettingStatus] = mapped_column(
        enum_column(VettingStatus), default=VettingStatus.UNCONFIRMED
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # When the e-mail was confirmed and the coordinator's queue got it: the queue's order and wait.
    pending_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The latest vetting decision; who decided is in the audit row the transition wrote.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    # Set when the coordinator removed the organisation: its contact data and users are de-identified,
    # its offers stay (portal/privacy/removal.py).
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The unit of the municipality where the organisation is: it vets the organisation and reviews
    # its offers. Empty while an installation of several units cannot yet tell which (README).
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)

    users: Mapped[list[User]] = relationship(back_populates="organisation")
    unit: Mapped[Unit | None] = relationship()

    @property
    def standing(self) -> Standing:
        return Standing.of(self.status)

    @property
    def number(self) -> OrganisationNumber:
        """The stored number; the canonical personnummer form is the only one with eight digits first."""
        return OrganisationNumber(
            self.organisation_number,
            is_personal_number=len(self.organisation_number.partition("-")[0]) == 8,
        )

    @property
    def masked_number(self) -> str:
        """What everyone but the coordinator sees: a personnummer without its last four digits."""
        return self.number.masked()


class EmailConfirmation(SingleUseLink, db.Model):
    """A single-use link that proves a registering employer owns the e-mail address."""

    __tablename__ = "email_confirmation"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship()


class JoinRequest(db.Model):
    """Someone registered an organisation that already exists: its members decide whether to invite them.

    The name and address are what the person typed; they are shown on the organisation's
    invite page and never put in the e-mail to the members.
    """

    __tablename__ = "join_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # When a member invited the person or set the request aside; open while empty.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation] = relationship()
