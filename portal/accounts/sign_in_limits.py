"""Sign-in and reset limits per account, and the known browser that a guesser cannot lock out.

Failed sign-ins count per account (the e-mail address typed, normalised) in a moving window
(SIGN_IN_ACCOUNT_RATE_LIMIT, 10 per 15 minutes), whatever address they come from. So that a
guesser cannot keep the real person out for as long as they keep guessing, a browser that has
signed in to the account before carries a signed cookie naming the account, and its attempts
count apart from everyone else's: the guesses fill the account's count for unknown browsers only.
"""

from __future__ import annotations

import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.accounts.models import User
from portal.accounts.services import normalise_email
from portal.web.rate_limits import (
    digest,
    failed,
    form_value_key,
    per_client_address,
    per_form_value,
)

KNOWN_BROWSER_COOKIE = "brygga_known_browser"
_SALT = "brygga-known-browser"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def remember_browser(response: Response, user: User) -> Response:
    """After a right password: this browser is known to the account's sign-in limit for KNOWN_BROWSER_DAYS."""
    days = current_app.config["KNOWN_BROWSER_DAYS"]
    value = _serializer().dumps({"account": digest(user.email), "browser": secrets.token_hex(8)})
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        value,
        max_age=days * 86400,
        path="/sign-in",
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response


def _known_browser(account: str) -> str | None:
    raw = request.cookies.get(KNOWN_BROWSER_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=current_app.config["KNOWN_BROWSER_DAYS"] * 86400)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("account") != account:
        return None
    return str(data.get("browser") or "") or None


def sign_in_account_key() -> str:
    """The account's count for unknown browsers, or this known browser's own count for the account."""
    email = normalise_email(request.form.get("email", ""))
    if not email:
        return ""
    account = digest(email)
    browser = _known_browser(account)
    return f"account:{account}:browser:{browser}" if browser else f"account:{account}"


account_email_key = form_value_key("email", normalise_email)

# Per client address, every post; per account, the failed ones (a wrong password answers 422).
sign_in_limits = (
    per_client_address("LOGIN_RATE_LIMIT"),
    per_form_value("SIGN_IN_ACCOUNT_RATE_LIMIT", sign_in_account_key, deduct_when=failed),
)
# Reset and confirmation links asked for: per address, and per account across both forms (each sends a mail).
mail_link_limits = (
    per_client_address("LOGIN_RATE_LIMIT"),
    per_form_value("MAIL_LINK_ACCOUNT_RATE_LIMIT", account_email_key, scope="mail-link"),
)
# Posts to e-mailed links (reset, invitation, confirmation): per address.
link_limits = (per_client_address("LINK_RATE_LIMIT"),)

