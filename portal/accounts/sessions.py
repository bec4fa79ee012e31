"""Starting, keeping and ending a signed-in session; only the chosen language survives a new one.

Staff sign in in two steps: after the password the session holds a *pending* sign-in (nobody
is signed in yet); only the second factor starts the session, and marks it as passed.

A session ends on the server, whatever the cookie says: after a time without activity (30 minutes
for staff, 2 hours for employers) and at the latest a fixed time after the sign-in (12 hours). The
sign-in time and the last activity are kept in the signed session cookie and checked by the user
loader on every request, so neither a kept cookie nor flask-login's remember cookie (which carries
neither time) opens a session that has ended. Pages say when the session ends, and
`static/js/session.js` warns shortly before and offers to stay signed in (`accounts.keep_alive`).
"""

from __future__ import annotations

import hmac
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    current_app,
    flash,
    g,
    has_request_context,
    redirect,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from portal.clock import now
from portal.resume import services as resume

# The user id whose second factor this session passed; the user loader asks it for staff.
SECOND_FACTOR_PASSED = "second_factor_passed"
PENDING_SIGN_IN = "pending_sign_in"
PENDING_MINUTES = 10
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# Requests that are not the person's activity: the page asking how long is left.
PASSIVE_ENDPOINTS = frozenset({"accounts.session_status"})


@dataclass(frozen=True)
class SessionTimes:
    """When this session ends if nothing more happens, and when it ends at the latest."""

    idle_ends: datetime
    ends: datetime

    @property
    def next_end(self) -> datetime:
        return min(self.idle_ends, self.ends)

    @property
    def final(self) -> bool:
        """Activity can no longer move the end: the session's whole lifetime is what is left."""
        return self.ends <= self.idle_ends

    def seconds_left(self) -> int:
        # Rounded up: a page never says the session has ended while the server still keeps it.
        return max(0, math.ceil((self.next_end - now()).total_seconds()))


def idle_seconds(user) -> int:
    """How long a session of this user lasts without activity: staff see more, so theirs is shorter."""
    key = "SESSION_IDLE_SECONDS_STAFF" if user.is_staff else "SESSION_IDLE_SECONDS_EMPLOYER"
    return int(current_app.config[key])


def _stamp(instant: datetime) -> int:
    return int(instant.timestamp())


def _instant(stamp: int) -> datetime:
    return datetime.fromtimestamp(stamp, UTC)


def session_times(user) -> SessionTimes | None:
    """The times of the current session, or None when it carries none (it was not started by a sign-in)."""
    signed_in, seen = session.get(SIGNED_IN_AT), session.get(SEEN_AT)
    if not isinstance(signed_in, int) or not isinstance(seen, int):
        return None
    return SessionTimes(
        idle_ends=_instant(seen) + timedelta(seconds=idle_seconds(user)),
        ends=_instant(signed_in) + timedelta(seconds=int(current_app.config["SESSION_MAX_SECONDS"])),
    )


def session_in_force(user) -> bool:
    """Whether the session that names this user may still sign them in (asked by the user loader)."""
    times = session_times(user)
    if times is None:
        return False
    if now() < times.next_end:
        return True
    g.session_ended = "lifetime" if times.ends <= now() else "idle"
    g.session_ended_language = user.preferred_language
    return False


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
    """Sign the user in with a fresh session, which starts its lifetime (keeping the second factor
    of a session that was already signed in as this user, as after a password change; never a
    mark left in an old cookie)."""
    passed = second_factor_passed or (signed_in_as(user) and session.get(SECOND_FACTOR_PASSED) == user.id)
    _clear_session_but_the_language()
    login_user(user)
    session.permanent = True
    session[SIGNED_IN_AT] = session[SEEN_AT] = _stamp(now())
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


def _end_ended_session(reason: str) -> None:
    # What else the session holds (the language, a form's CSRF token) stays, so a form posted
    # after the end still reaches its page, which sends the person to sign in.
    logout_user()
    for key in (SIGNED_IN_AT, SEEN_AT, SECOND_FACTOR_PASSED):
        session.pop(key, None)
    g.session_just_ended = True  # a form posted now is kept (sign_in_first)
    # The sign-in page that follows speaks the language the person was reading.
    if language := g.pop("session_ended_language", None):
        session["language"] = language
    if reason == "lifetime":
        flash(_("You had been signed in for %(hours)s hours, the longest a session lasts, so you were signed out. Sign in again to go on.", hours=current_app.config["SESSION_MAX_SECONDS"] // 3600), "info")
    else:
        flash(_("You were signed out because nothing had happened for a while. Sign in again to go on."), "info")


def _referring_page() -> str | None:
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host or not referrer.path.startswith("/"):
        return None
    return referrer.path + (f"?{referrer.query}" if referrer.query else "")


def sign_in_first() -> Response:
    """Where a visitor who must sign in goes: the sign-in page, and back here afterwards.

    A form posted just as the session ended comes back to the page the form was on (the address
    it posted to may answer only POST), with what was typed: it is kept (portal/resume) for this
    browser, and the form on that page shows it again after the sign-in (PortalForm). Only a
    browser whose signed-in session just ended can keep anything, and at most STASH_MAX_BYTES.
    (The offer wizard's screens keep what was typed for any signed-out post of the offer being
    edited: `portal.offers.screens.employer_form`.)"""
    back = request.full_path.rstrip("?") if request.method == "GET" else _referring_page()
    if request.method == "POST" and back and g.pop("session_just_ended", False):
        kept = _keep_what_was_typed(back)
        if kept is not None:
            return kept
    flash(_("Sign in to see that page."), "info")
    return redirect(url_for("accounts.sign_in", next=back) if back else url_for("accounts.sign_in"))


def _keep_what_was_typed(back: str) -> Response | None:
    data = {key: values for key, values in request.form.lists() if key != "csrf_token"}
    if not data or resume.stash_size(data) > resume.STASH_MAX_BYTES:
        return None
    key, cookie = resume.stash_form(urlsplit(back).path, data)
    flash(_("Nothing was saved, because you had been signed out. Sign in again and what you typed will be back on the page."), "info")
    joiner = "&" if "?" in back else "?"
    return resume.keep_resume_cookie(redirect(url_for("accounts.sign_in", next=f"{back}{joiner}resume={key}")), cookie)


def init_sessions(app: Flask) -> None:
    """Count each request as activity, end sessions that have ended, and keep signed-in pages out of caches."""

    @app.before_request
    def note_activity() -> None:
        if request.endpoint == "static":
            return
        if current_user.is_authenticated:
            if request.endpoint not in PASSIVE_ENDPOINTS:
                session[SEEN_AT] = _stamp(now())
        elif reason := g.pop("session_ended", None):
            _end_ended_session(reason)

    @app.after_request
    def session_headers(response: Response) -> Response:
        if request.endpoint == "static":
            return response
        if current_user.is_authenticated:
            # A signed-in page must never be kept by a browser or a proxy for the next person.
            response.headers["Cache-Control"] = "no-store"
            times = session_times(current_user)
            if times is not None:
                # Read by static/js/session.js after each htmx request (autosave counts as activity).
                response.headers["X-Session-Seconds-Left"] = str(times.seconds_left())
                response.headers["X-Session-Final"] = "1" if times.final else "0"
        else:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    @app.context_processor
    def session_ending():
        if not has_request_context() or not current_user.is_authenticated:
            return {"session_ending": None}
        times = session_times(current_user)
        if times is None:
            return {"session_ending": None}
        return {
            "session_ending": {
                "at": times.next_end,
                "final": times.final,
                "seconds_left": times.seconds_left(),
                "warning_seconds": int(current_app.config["SESSION_WARNING_SECONDS"]),
            }
        }
