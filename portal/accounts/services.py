"""Account use cases: sign-in, invitations, password changes. Services flush; the request commits."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import (
    Invitation,
    PasswordReset,
    Role,
    User,
    new_session_token,
)
from portal.accounts.passwords import hash_password, verify_password
from portal.accounts.tokens import new_token
from portal.audit.services import record_event
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.outbox.services import queue_email
from portal.web.links import external_url


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    *,
    email: str,
    name: str,
    role: Role,
    password: str | None,
    organisation=None,
    phone: str = "",
    preferred_language: str = "sv",
) -> User:
    """Add a user account; the e-mail address must be new."""
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("There is already an account with this e-mail address."))
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        organisation=organisation,
        phone=phone,
        preferred_language=preferred_language,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(user)
    db.session.flush()
    record_event("user.created", user, detail={"role": role.value})
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (the same answer for either mistake)."""
    user = find_user_by_email(email)
    ok, new_hash = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.active:
        return None
    if new_hash:
        user.password_hash = new_hash
    user.last_sign_in_at = now()
    record_event("user.signed_in", user, actor=user)
    return user


def switched_off_account(email: str, password: str) -> User | None:
    """The switched-off (inactive) account behind this address if the password is right, else None.

    For the sign-in page only: it may then say why (see `accounts.routes.page_for_switched_off_account`)."""
    user = find_user_by_email(email)
    if user is None or user.active:
        return None
    ok, _new_hash = verify_password(user.password_hash, password)
    return user if ok else None


def end_all_sessions(user: User) -> None:
    """Rotate the server-side token: every session cookie that carries the old one stops working."""
    user.session_token = new_session_token()


def sign_out(user: User) -> None:
    """End the user's sessions, so a copied cookie no longer works."""
    end_all_sessions(user)
    record_event("user.signed_out", user, actor=user)


def set_preferred_language(user: User, language: str) -> None:
    user.preferred_language = language


def set_password(user: User, password: str) -> None:
    """Store a new password and end every session that used the old one."""
    user.password_hash = hash_password(password)
    end_all_sessions(user)
    record_event("user.password_changed", user, actor=user)


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change a signed-in user's password after checking the current one."""
    ok, _new_hash = verify_password(user.password_hash, current_password)
    if not ok:
        raise FieldError("current_password", _("The current password is not right."))
    set_password(user, new_password)


# Invitations


def invite_user(
    *,
    inviter: User,
    email: str,
    name: str,
    role: Role,
    language: str,
    organisation=None,
) -> Invitation:
    """Create a single-use invitation (valid 7 days) and queue the e-mail with its link."""
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("There is already an account with this e-mail address."))
    token, token_hash = new_token()
    invitation = Invitation(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        organisation=organisation,
        token_hash=token_hash,
        invited_by=inviter,
        language=language,
        expires_at=now() + timedelta(days=current_app.config["INVITATION_DAYS"]),
    )
    db.session.add(invitation)
    db.session.flush()
    queue_email(
        invitation.email,
        "invitation",
        single_use_link=True,
        locale=language,
        invitation=invitation,
        inviter=inviter,
        link=external_url("accounts.accept_invitation", token=token),
        days=current_app.config["INVITATION_DAYS"],
    )
    record_event("invitation.created", invitation, actor=inviter, detail={"role": role.value})
    return invitation


def usable_invitation(token: str) -> Invitation | None:
    """The invitation behind a link, if it is unused and not expired."""
    return Invitation.usable(token)


def accept_invitation(invitation: Invitation, *, name: str, password: str) -> User:
    """Create the invited person's account and use up the invitation."""
    user = create_user(
        email=invitation.email,
        name=name,
        role=invitation.role,
        password=password,
        organisation=invitation.organisation,
        preferred_language=invitation.language,
    )
    invitation.use()
    record_event("invitation.accepted", invitation, actor=user)
    return user


def pending_invitations() -> list[Invitation]:
    return list(
        db.session.scalars(
            select(Invitation)
            .where(Invitation.still_usable(), Invitation.organisation_id.is_(None))
            .order_by(Invitation.created_at.desc())
        )
    )


def staff_members() -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.role.in_([Role.COORDINATOR, Role.CONSULTANT])).order_by(func.lower(User.name))
        )
    )


# Password reset


def request_password_reset(email: str) -> None:
    """Queue a reset link (valid one hour) if an active account has this address; say nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    token, token_hash = new_token()
    reset = PasswordReset(
        user=user,
        token_hash=token_hash,
        expires_at=now() + timedelta(minutes=current_app.config["PASSWORD_RESET_MINUTES"]),
    )
    db.session.add(reset)
    db.session.flush()
    queue_email(
        user.email,
        "password_reset",
        single_use_link=True,
        locale=user.preferred_language,
        user=user,
        link=external_url("accounts.reset_password", token=token),
        minutes=current_app.config["PASSWORD_RESET_MINUTES"],
    )
    record_event("password_reset.requested", user, actor=user)


def usable_password_reset(token: str) -> PasswordReset | None:
    reset = PasswordReset.usable(token)
    return reset if reset is not None and reset.user.active else None


def complete_password_reset(reset: PasswordReset, password: str) -> User:
    """Set the new password, use up the link, and sign out every other session."""
    reset.use()
    set_password(reset.user, password)
    return reset.user

