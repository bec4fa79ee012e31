"""Account use cases: sign-in, invitations, password changes. Services flush; the request commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from portal.accounts.models import (
    Invitation,
    PasswordReset,
    Role,
    SignIn,
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
from portal.units.models import Unit
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
    unit: Unit | None = None,
    phone: str = "",
    preferred_language: str = "sv",
) -> User:
    """Add a user account; the e-mail address must be new, and a coordinator or consultant needs a unit."""
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("There is already an account with this e-mail address."))
    if role in (Role.COORDINATOR, Role.CONSULTANT) and unit is None:
        raise FieldError("unit", _("A coordinator or consultant belongs to a unit: choose one."))
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        organisation=organisation,
        unit=unit if role in (Role.COORDINATOR, Role.CONSULTANT) else None,
        phone=phone,
        preferred_language=preferred_language,
        password_hash=hash_password(password) if password else None,
    )
    db.session.add(user)
    db.session.flush()
    record_event("user.created", user, detail={"role": role.value})
    return user


@dataclass(frozen=True)
class SignInAttempt:
    """What one e-mail address and password opened: an account to sign in, or one that is switched off."""

    user: User | None = None
    # The password was right but the account is off (an unconfirmed registrant, or switched off by a
    # coordinator): only then may the sign-in page say why.
    switched_off: User | None = None


def attempt_sign_in(email: str, password: str) -> SignInAttempt:
    """Check the address and password with exactly one password hash on every path (unknown address,
    wrong password, a switched-off account, a right one), so the time tells a stranger nothing."""
    user = find_user_by_email(email)
    ok, new_hash = verify_password(user.password_hash if user else None, password)
    if not ok or user is None:
        return SignInAttempt()
    if not user.is_active:
        return SignInAttempt(switched_off=user)
    if new_hash:
        user.password_hash = new_hash
    user.last_sign_in_at = now()
    record_event("user.signed_in", user, actor=user)
    return SignInAttempt(user=user)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (the same answer for either mistake)."""
    return attempt_sign_in(email, password).user


# How many sign-ins each person can look back on.
SIGN_INS_KEPT = 20


def record_sign_in(user: User, *, address: str, browser: str) -> SignIn:
    """Note a sign-in for its owner to see, keeping only the last SIGN_INS_KEPT."""
    sign_in = SignIn(user_id=user.id, signed_in_at=now(), address=address[:45], browser=browser[:300])
    db.session.add(sign_in)
    db.session.flush()
    kept = select(SignIn.id).where(SignIn.user_id == user.id).order_by(SignIn.signed_in_at.desc(), SignIn.id.desc()).limit(SIGN_INS_KEPT)
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id, SignIn.id.not_in(kept)))
    return sign_in


def recent_sign_ins(user: User) -> list[SignIn]:
    return list(
        db.session.scalars(select(SignIn).where(SignIn.user_id == user.id).order_by(SignIn.signed_in_at.desc(), SignIn.id.desc()))
    )


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
    """Store a new password, end every session that used the old one, and void every open reset link."""
    user.password_hash = hash_password(password)
    end_all_sessions(user)
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=now())
        .execution_options(synchronize_session="fetch")
    )
    record_event("user.password_changed", user, actor=user)


# Switching an account off and on


def staff_or_employer_user(user_id: int) -> User | None:
    """Any account a coordinator may switch off: the unit's staff and every employer user."""
    return db.session.get(User, user_id)


def deactivate_user(user: User, *, coordinator: User) -> None:
    """Switch the account off: it cannot sign in, and every session of it ends at once."""
    if user.deactivated_at is not None:
        return
    # `active` off as well, so that everything that reaches only active accounts (mail, caseloads) skips it.
    user.active = False
    user.deactivated_at = now()
    end_all_sessions(user)
    record_event("user.deactivated", user, actor=coordinator)


def reactivate_user(user: User, *, coordinator: User) -> None:
    """Switch the account on again; the person signs in with their password as before."""
    if user.deactivated_at is None:
        return
    user.active = True
    user.deactivated_at = None
    record_event("user.reactivated", user, actor=coordinator)


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
    unit: Unit | None = None,
) -> Invitation:
    """Create a single-use invitation (valid 7 days) and queue the e-mail with its link.

    A staff member joins `unit`, by default the inviter's own."""
    if find_user_by_email(email) is not None:
        raise FieldError("email", _("There is already an account with this e-mail address."))
    unit = (unit or inviter.unit) if role in (Role.COORDINATOR, Role.CONSULTANT) else None
    if role in (Role.COORDINATOR, Role.CONSULTANT) and unit is None:
        raise FieldError("role", _("A coordinator or consultant belongs to a unit: choose one."))
    token, token_hash = new_token()
    invitation = Invitation(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        organisation=organisation,
        unit=unit,
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
        unit=invitation.unit,
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
    if user is None or not user.is_active:
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
    return reset if reset is not None and reset.user.is_active else None


def complete_password_reset(reset: PasswordReset, password: str) -> User:
    """Set the new password, use up the link (and every other open one), and sign out every other session."""
    reset.use()
    set_password(reset.user, password)
    return reset.user

