"""User accounts, invitations and password resets, and what every single-use link shares."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ColumnElement, ForeignKey, String, and_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.tokens import hash_token
from portal.clock import now
from portal.db_types import UTCDateTime, enum_column
from portal.extensions import db
from portal.units.models import Unit

if TYPE_CHECKING:
    # Employers sit above accounts: the relationship names the class as a string at run time.
    from portal.employers.models import Organisation


class Role(enum.StrEnum):
    EMPLOYER = "employer"
    COORDINATOR = "coordinator"
    CONSULTANT = "consultant"
    # The installation's administrator: creates units, projects and their first coordinators;
    # sees no participant data.
    ADMIN = "admin"


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    # The unit a coordinator or consultant works in; employers reach a unit through their
    # organisation, and the administrator belongs to none.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    preferred_language: Mapped[str] = mapped_column(String(5), default="sv")
    # Checked on every request: rotating it ends every session that carries the old one.
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Off until an employer's registrant confirms the address (employers switch it on).
    active: Mapped[bool] = mapped_column(default=True)
    # Set when a coordinator switches the account off; cleared when they switch it on again.
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when an employer's account was removed (portal/privacy/removal.py): name, e-mail, phone
    # and password are gone for good; the row stays so that offers and meetings keep their links.
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organisation: Mapped[Organisation | None] = relationship("Organisation", back_populates="users")
    unit: Mapped[Unit | None] = relationship()

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active and self.deactivated_at is None

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.COORDINATOR, Role.CONSULTANT)

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles


class SingleUseLink:
    """The columns and rules of every single-use link (invitation, password reset, e-mail
    confirmation): the link carries the token, the row only its hash; it works once, until it expires."""

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @classmethod
    def still_usable(cls) -> ColumnElement[bool]:
        """The condition for a query: neither used nor expired."""
        return and_(cls.used_at.is_(None), cls.expires_at > now())

    @classmethod
    def usable(cls, token: str):
        """The link behind this token if it is neither used nor expired, else None."""
        return db.session.scalar(select(cls).where(cls.token_hash == hash_token(token), cls.still_usable()))

    def use(self) -> None:
        self.used_at = now()


class Invitation(SingleUseLink, db.Model):
    """A single-use link for a new staff member or an employer's colleague."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[Role] = mapped_column(enum_column(Role))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    # The unit a staff member joins (the inviter's, or the one an administrator names).
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    language: Mapped[str] = mapped_column(String(5), default="sv")

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
    organisation: Mapped[Organisation | None] = relationship("Organisation")
    unit: Mapped[Unit | None] = relationship()


class PasswordReset(SingleUseLink, db.Model):
    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship()


class SecondFactor(db.Model):
    """A staff member's authenticator (TOTP): the secret, when it was confirmed, the last time
    step used (a code is never accepted twice) and the wrong codes in a row since the last right one."""

    __tablename__ = "second_factor"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    # The app needs the secret itself to compute codes, so it cannot be stored as a hash.
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    # None while the person has seen the QR code but not yet typed a code from it.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_step: Mapped[int | None] = mapped_column()
    failures: Mapped[int] = mapped_column(default=0, server_default="0")

    user: Mapped[User] = relationship()

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class RecoveryCode(db.Model):
    """One of the ten single-use codes shown once at enrolment; only its hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignIn(db.Model):
    """One successful sign-in, shown to its owner: when, from which address, which browser (the last few kept)."""

    __tablename__ = "sign_in"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    signed_in_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    address: Mapped[str] = mapped_column(String(45), default="")
    browser: Mapped[str] = mapped_column(String(300), default="")
