"""The cookie page: every cookie Brygga sets, why each is strictly necessary, and how long it lasts.

Only strictly necessary cookies are set, so no consent banner is asked for (the Swedish Electronic
Communications Act, LEK 9 kap. 28 §, and the ePrivacy directive art. 5.3). The names come from the
constants the code sets them with; tests/test_cookies.py collects every Set-Cookie seen while each
role uses the portal and fails on a name that is not on this page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, current_app
from flask_babel import lazy_gettext as _l

from portal.accounts.sign_in_limits import KNOWN_BROWSER_COOKIE
from portal.offers.screens import EDITING_COOKIE
from portal.resume.services import RESUME_COOKIE, RESUME_HOURS
from portal.web.rendering import render

bp = Blueprint("cookies", __name__)


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    why_necessary: str
    lifetime: str
    sent_to: str


def brygga_cookies() -> list[Cookie]:
    """Every cookie the portal sets, in the order a visitor meets them."""
    config = current_app.config
    return [
        Cookie(
            config["SESSION_COOKIE_NAME"],
            _l("Keeps you signed in, remembers the language you chose and holds the form protection token (against cross-site request forgery)."),
            _l("Without it no page after the sign-in would know who you are, and no form could be sent safely."),
            _l("Until you close the browser; once you are signed in, %(hours)s hours at most, and the session ends earlier after a while without activity.", hours=config["SESSION_MAX_SECONDS"] // 3600),
            _l("Every page"),
        ),
        Cookie(
            KNOWN_BROWSER_COOKIE,
            _l("Tells the sign-in that this browser has signed in to the account before, so that someone guessing the password elsewhere does not lock you out."),
            _l("It is part of the protection of your account; it holds no name, only a signed code for the account."),
            _l("%(days)s days", days=config["KNOWN_BROWSER_DAYS"]),
            _l("Only the sign-in page"),
        ),
        Cookie(
            RESUME_COOKIE,
            _l("If you were signed out while filling in a form, it lets this browser, and no other, get back what you typed after you sign in again."),
            _l("Without it what you typed would be lost, or anyone with the link could read it."),
            _l("%(hours)s hours", hours=RESUME_HOURS),
            _l("Every page"),
        ),
        Cookie(
            EDITING_COOKIE,
            _l("Remembers which offers this browser was editing, so that an offer screen sent just after the session ended is kept for you."),
            _l("It keeps your typing safe without letting anyone else store text on an offer."),
            _l("%(hours)s hours", hours=RESUME_HOURS),
            _l("Only the offer pages"),
        ),
    ]


@bp.get("/cookies")
def page():
    return render("privacy/cookies.html", cookies=brygga_cookies())
