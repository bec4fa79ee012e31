"""Starting and ending a signed-in session; only the chosen language survives either."""

from __future__ import annotations

from flask import session
from flask_login import login_user, logout_user


def _clear_session_but_the_language() -> None:
    # Nothing from before (session fixation) survives, except the visitor's language.
    language = session.get("language")
    session.clear()
    if language:
        session["language"] = language


def start_session(user) -> None:
    """Sign the user in with a fresh session."""
    _clear_session_but_the_language()
    login_user(user)
    session.permanent = True


def end_session() -> None:
    """Sign out of this browser (the caller ends the account's other sessions if it should)."""
    logout_user()
    _clear_session_but_the_language()
