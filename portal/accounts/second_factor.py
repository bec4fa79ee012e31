"""The second factor staff must use: enrolment, checking a code, and a reset by a coordinator.
Services flush; the request commits."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, or_, select, update

from portal.accounts import totp
from portal.accounts.models import RecoveryCode, Role, SecondFactor, User
from portal.accounts.services import end_all_sessions
from portal.audit.services import record_event
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.outbox.services import queue_email

# Everyone who sees participant data signs in with a second factor.
STAFF_ROLES = frozenset({Role.COORDINATOR, Role.CONSULTANT})
# And the administrator, who creates the units' coordinators.
SECOND_FACTOR_ROLES = STAFF_ROLES | {Role.ADMIN}


def required_for(user: User) -> bool:
    """Whether this account must pass a second factor to be signed in."""
    return user.role in SECOND_FACTOR_ROLES


def confirmed_factor(user: User) -> SecondFactor | None:
    factor = db.session.get(SecondFactor, user.id)
    return factor if factor is not None and factor.confirmed else None


def is_enrolled(user: User) -> bool:
    return confirmed_factor(user) is not None


def enrolled_user_ids(users: list[User]) -> set[int]:
    """Which of these users have a confirmed second factor (one query, for lists)."""
    ids = [user.id for user in users]
    if not ids:
        return set()
    rows = db.session.scalars(
        select(SecondFactor.user_id).where(SecondFactor.user_id.in_(ids), SecondFactor.confirmed_at.is_not(None))
    )
    return set(rows)


def enrolment_in_progress(user: User) -> SecondFactor:
    """The unconfirmed secret this person is adding to an app (made on first sight, kept on reload)."""
    factor = db.session.get(SecondFactor, user.id)
    if factor is None:
        factor = SecondFactor(user_id=user.id, secret=totp.new_secret())
        db.session.add(factor)
        db.session.flush()
    return factor


def enrol_with_secret(user: User, secret: str) -> SecondFactor:
    """Enrol with a given secret at once (the demo's fixed secrets); no recovery codes are made."""
    factor = db.session.get(SecondFactor, user.id) or SecondFactor(user_id=user.id, secret=secret)
    factor.secret, factor.confirmed_at = secret, factor.confirmed_at or now()
    db.session.add(factor)
    db.session.flush()
    return factor


def confirm_enrolment(user: User, code: str) -> list[str]:
    """Confirm the new secret with a current code; return the ten recovery codes (shown once)."""
    factor = enrolment_in_progress(user)
    step = totp.matching_step(factor.secret, code, now())
    if step is None:
        raise FieldError("code", _("That code is not right. Type the six digits the app shows now."))
    factor.confirmed_at = now()
    factor.last_used_step = step  # the code that confirmed is used: it will not sign in again
    factor.failures = 0
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = totp.new_recovery_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=totp.hash_recovery_code(shown)) for shown in codes)
    db.session.flush()
    record_event("second_factor.enrolled", user, actor=user)
    return codes


def wrong_codes_allowed() -> int:
    return current_app.config["SECOND_FACTOR_MAX_FAILURES"]


def check_code(user: User, code: str) -> None:
    """Accept a current code from the app or an unused recovery code; else count a failure and
    raise FieldError. A code of a time step already used (or older) is refused."""
    factor = confirmed_factor(user)
    if factor is None:
        raise FieldError("code", _("There is no second factor for this account yet."))
    step = totp.matching_step(factor.secret, code, now())
    if step is not None and _use_step(factor, step):
        _passed(factor, "app")
        return
    if step is None and totp.looks_like_recovery_code(code) and _use_recovery_code(user, code):
        _passed(factor, "recovery_code")
        return
    # Counted in SQL, so wrong codes sent at once are all counted.
    factor.failures = SecondFactor.failures + 1
    db.session.flush()
    record_event("second_factor.failed", user, actor=user, detail={"in_a_row": factor.failures})
    if step is not None:
        raise FieldError("code", _("This code has already been used. Wait for the next code in the app and type it."))
    raise FieldError("code", _("That code is not right. Type the six digits the app shows now, or a recovery code."))


def _use_step(factor: SecondFactor, step: int) -> bool:
    """Record the step as used unless it (or a later one) already was: one UPDATE, so two
    requests with the same code cannot both pass (the second waits for the first, then finds none)."""
    used = db.session.execute(
        update(SecondFactor)
        .where(
            SecondFactor.user_id == factor.user_id,
            or_(SecondFactor.last_used_step.is_(None), SecondFactor.last_used_step < step),
        )
        .values(last_used_step=step)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(factor, ["last_used_step"])
    return used.rowcount == 1


def _use_recovery_code(user: User, code: str) -> bool:
    used = db.session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == totp.hash_recovery_code(code),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now())
        .execution_options(synchronize_session=False)
    )
    return used.rowcount == 1


def too_many_failures(user: User) -> bool:
    """After this many wrong codes in a row the password must be given again."""
    factor = confirmed_factor(user)
    return factor is not None and factor.failures >= wrong_codes_allowed()


def _passed(factor: SecondFactor, how: str) -> None:
    factor.failures = 0
    record_event("second_factor.passed", factor.user, actor=factor.user, detail={"with": how})


def unused_recovery_codes(user: User) -> int:
    return len(
        db.session.scalars(select(RecoveryCode.id).where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))).all()
    )


def get_staff_member(user_id: int) -> User | None:
    """A coordinator or consultant by id (an employer's id is not found here)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.role in STAFF_ROLES else None


def get_second_factor_holder(user_id: int) -> User | None:
    """Anyone who signs in with a second factor (staff and the administrator), by id."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.role in SECOND_FACTOR_ROLES else None


def _remove_second_factor(user: User) -> None:
    db.session.execute(delete(SecondFactor).where(SecondFactor.user_id == user.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    end_all_sessions(user)


def reset_second_factor(coordinator: User, colleague: User) -> None:
    """Remove a colleague's second factor and recovery codes and end their sessions: at the next
    sign-in they enrol again. Audited, and the colleague is told by e-mail."""
    _remove_second_factor(colleague)
    record_event("second_factor.reset", colleague, actor=coordinator)
    queue_email(
        colleague.email, "second_factor_reset", locale=colleague.preferred_language, user=colleague, coordinator=coordinator
    )


def reset_second_factor_from_the_server(user: User) -> None:
    """The same reset, by whoever runs the server (`flask users reset-second-factor`): for the one
    coordinator who has no colleague to ask. Audited without an actor."""
    _remove_second_factor(user)
    record_event("second_factor.reset", user, detail={"by": "flask users reset-second-factor"})
