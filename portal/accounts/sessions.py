"""Starting and ending a signed-in session; only the chosen language survives either.

Staff sign in in two steps: after the password the session holds a *pending* sign-in (nobody
is signed in yet); only the second factor starts the session, and marks it as passed."""

from __future__ import annotations

import hmac

from flask import session
from flask_login import current_user, login_user, logout_user

from portal.clock import now

# The user id whose second factor this session passed; the user loader asks it for staff.
SECOND_FACTOR_PASSED = "second_factor_passed"
PENDING_SIGN_IN = "pending_sign_in"
PENDING_MINUTES = 10


def _clear_session_but_the_language() -> None:
    # Nothing from before (session fixation) survives, except the visitor's language.
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def signed_in_as(user) -> bool:
    """Whether this request's session already signs this user in (both steps, for staff)."""
    return current_user.is_authenticated and current_user.id == user.id


def start_session(user, *, second_factor_passed: bool = False) -> None:
    """Sign the user in with a fresh session (keeping the second factor of a session that was
    already signed in as this user, as after a password change; never a mark left in an old cookie)."""
    passed = second_factor_passed or (signed_in_as(user) and session.get(SECOND_FACTOR_PASSED) == user.id)
    _clear_session_but_the_language()
    login_user(user)
    session.permanent = True
    if passed:
        session[SECOND_FACTOR_PASSED] = user.id


def second_factor_passed(user) -> bool:
    """Whether this session passed the user's second factor."""
    return session.get(SECOND_FACTOR_PASSED) == user.id


def end_session() -> None:
    """Sign out of this browser (the caller ends the account's other sessions if it should)."""
    logout_user()
    _clear_session_but_the_language()


def begin_pending_sign_in(user, next_path: str) -> None:
    """The password was right: hold the person (not signed in) until the second step."""
    _clear_session_but_the_language()
    session[PENDING_SIGN_IN] = {"user": user.get_id(), "next": next_path, "since": int(now().timestamp())}


def pending_sign_in() -> dict | None:
    """The pending sign-in of this browser, if any and not older than PENDING_MINUTES."""
    pending = session.get(PENDING_SIGN_IN)
    if not isinstance(pending, dict):
        return None
    if int(now().timestamp()) - int(pending.get("since", 0)) > PENDING_MINUTES * 60:
        session.pop(PENDING_SIGN_IN, None)
        return None
    return pending


def pending_user_matches(pending: dict, user) -> bool:
    """The pending sign-in still belongs to this account (its session token was not rotated)."""
    return hmac.compare_digest(str(pending.get("user", "")), user.get_id())


def end_pending_sign_in() -> None:
    _clear_session_but_the_language()
