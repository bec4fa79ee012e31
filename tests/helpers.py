"""Small helpers the request tests share: signing in for real, reading tokens and links."""

from __future__ import annotations

import html
import re
import time

from flask.testing import FlaskClient
from sqlalchemy import select

SESSION_COOKIE = "brygga_session"


CODE_STEP = "/sign-in/code"


def sign_in(client: FlaskClient, email: str, password: str, **extra):
    """Post the sign-in form as a browser would, and for staff the code from their app too;
    returns the last response (the code step's, for staff)."""
    response = client.post("/sign-in", data={"email": email, "password": password, **extra})
    if response.status_code == 303 and response.location == CODE_STEP:
        response = enter_code(client, email)
    return response


def enter_code(client: FlaskClient, email: str):
    """The second step of a staff sign-in: type the code the person's app shows now."""
    data = {"code": totp_code_for(client.application, email)}
    if client.application.config.get("WTF_CSRF_ENABLED"):
        # The password step began a new session, and with it a new CSRF token.
        data["csrf_token"] = form_csrf_token(client.get(CODE_STEP).get_data(as_text=True))
    return client.post(CODE_STEP, data=data)


def sign_in_with_password_only(client: FlaskClient, email: str, password: str, **extra):
    """Only the first step: for staff, the answer sends to the code step or to enrolment."""
    return client.post("/sign-in", data={"email": email, "password": password, **extra})


def totp_code_for(app, email: str) -> str:
    """The code the staff member's authenticator app shows now, for a time step not used yet
    (a code is accepted once: a second sign-in within 30 seconds takes the next step's code,
    which the allowed drift accepts, or waits for it)."""
    import pyotp

    from portal.accounts import totp
    from portal.accounts.models import SecondFactor, User
    from portal.clock import now
    from portal.extensions import db

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
        assert user is not None, f"no account {email}"
        factor = db.session.get(SecondFactor, user.id)
        assert factor is not None and factor.confirmed_at is not None, f"{email} has no second factor"
        secret, last = factor.secret, factor.last_used_step
    generator = pyotp.TOTP(secret, interval=totp.STEP_SECONDS)
    while True:
        # Never the step before: it may be two steps old by the time the code arrives.
        current = generator.timecode(now())
        for step in range(current, current + totp.STEPS_OF_DRIFT + 1):
            if last is None or step > last:
                return generator.generate_otp(step)
        time.sleep(1)


def form_csrf_token(page: str) -> str:
    """The CSRF token in a page's form (the hidden csrf_token input)."""
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, "no csrf_token input on the page"
    return match.group(1)


def htmx_csrf_token(page: str) -> str:
    """The CSRF token htmx sends as a header (hx-headers on <body>)."""
    match = re.search(r'"X-CSRFToken": "([^"]+)"', html.unescape(page))
    assert match, "no X-CSRFToken in hx-headers"
    return match.group(1)


def link_in(text: str, base_url: str = "http://localhost") -> str:
    """The path of the first link to the portal in an e-mail body."""
    match = re.search(re.escape(base_url) + r"(/[^\s\"<>]+)", text)
    assert match, f"no link to {base_url} in: {text!r}"
    return match.group(1)


def copy_session(source: FlaskClient, target: FlaskClient) -> None:
    """Give `target` the same session cookie as `source` (a stolen or second-tab cookie)."""
    cookie = source.get_cookie(SESSION_COOKIE)
    assert cookie is not None, "the source client has no session cookie"
    target.set_cookie(SESSION_COOKIE, cookie.value)


ENROLMENT = "/sign-in/second-factor"


def secret_on_page(page: str) -> str:
    """The authenticator secret the enrolment page shows as text (grouped in fours)."""
    match = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page)
    assert match, "no secret on the enrolment page"
    return match.group(1).replace(" ", "")


def enrol_second_factor(client: FlaskClient) -> tuple[str, "object"]:
    """Set up the app as a person would: read the secret from the enrolment page and type its
    current code. Returns the secret and the answer (the recovery codes page)."""
    import pyotp

    page = client.get(ENROLMENT)
    assert page.status_code == 200, page.status_code
    secret = secret_on_page(page.get_data(as_text=True))
    data = {"code": pyotp.TOTP(secret).now()}
    if client.application.config.get("WTF_CSRF_ENABLED"):
        data["csrf_token"] = form_csrf_token(page.get_data(as_text=True))
    return secret, client.post(ENROLMENT, data=data)
