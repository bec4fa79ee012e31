"""Small helpers the request tests share: signing in for real, reading tokens and links."""

from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

SESSION_COOKIE = "brygga_session"


def sign_in(client: FlaskClient, email: str, password: str, **extra):
    """Post the sign-in form as a browser would; returns the response."""
    return client.post("/sign-in", data={"email": email, "password": password, **extra})


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
