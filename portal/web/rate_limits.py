"""Rate limits per client address and per typed value (an account's e-mail, an organisation number), and the 429 answer.

Every count lives in the limiter's storage: Redis in production (portal/config.py refuses memory://),
so all processes share them. The client address is the one the trusted proxies forwarded
(BRYGGA_PROXY_HOPS), never a header a client could set itself.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import Response, current_app, request
from flask_babel import format_datetime, format_time, ngettext
from flask_limiter import RouteLimit

from portal.extensions import limiter
from portal.web.rendering import render


def setting(name: str) -> Callable[[], str]:
    """The limit is read from the app's settings at request time (so tests and the environment set it)."""
    return lambda: current_app.config[name]


def failed(response: Response) -> bool:
    """A post refused for what was typed (422), as a wrong password is: only those count."""
    return response.status_code == 422


def accepted(response: Response) -> bool:
    """A post that went through (a redirect after it): only those count."""
    return response.status_code in (302, 303)


def digest(value: str) -> str:
    # Keys name no address or number in the storage, and a long value makes no long key.
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def form_value_key(field: str, normalise: Callable[[str], str]) -> Callable[[], str]:
    """A key from one posted field, normalised ("" when it is empty or not of the right shape)."""

    def key() -> str:
        value = normalise(request.form.get(field, ""))
        return f"{field}:{digest(value)}" if value else ""

    return key


def per_client_address(name: str, **options) -> RouteLimit:
    """Limit a route's POSTs per client address, at the setting `name`."""
    return limiter.limit(setting(name), methods=["POST"], **options)


def per_form_value(name: str, key: Callable[[], str], *, scope: str | None = None, **options) -> RouteLimit:
    """Limit a route's POSTs per posted value (key), at the setting `name`; a post without the value is not counted here."""
    options.setdefault("exempt_when", lambda: not key())
    if scope:
        return limiter.shared_limit(setting(name), scope, key_func=key, methods=["POST"], **options)
    return limiter.limit(setting(name), key_func=key, methods=["POST"], **options)


def limited_by(limits):
    """Apply several limits to one view (all of them count under the view's name)."""

    def decorate(view):
        for limit in reversed(limits):
            view = limit(view)
        return view

    return decorate


# The answer to a limited request


def retry_after_seconds() -> int:
    """Seconds until every breached limit lets the next request through, at least one."""
    breached = [limit for limit in limiter.current_limits if limit.breached] or [limiter.current_limit]
    resets = [limit.reset_at for limit in breached if limit is not None]
    if not resets:
        return 60
    return max(1, math.ceil(max(resets) - time.time()))


def wait_in_words(seconds: int) -> str:
    """"12 minutes", "3 hours": rounded up, so the person never comes back too early."""
    minutes = math.ceil(seconds / 60)
    if minutes <= 90:
        return ngettext("%(num)d minute", "%(num)d minutes", minutes)
    return ngettext("%(num)d hour", "%(num)d hours", math.ceil(minutes / 60))


def clock_time_after(seconds: int) -> str:
    """When to try again, in the person's time zone: a time today, else a date and time."""
    until = datetime.now(UTC) + timedelta(seconds=seconds)
    if seconds < 12 * 3600:
        return format_time(until, "HH:mm")
    return format_datetime(until, "d MMMM HH:mm")


def too_many_requests() -> Response:
    """The 429 page (or its notice alone for an htmx fragment request), saying when to try again, with Retry-After."""
    seconds = retry_after_seconds()
    response = render(
        "errors/too_many_requests.html",
        block="limit_notice",
        status=429,
        wait=wait_in_words(seconds),
        until=clock_time_after(seconds),
    )
    response.headers["Retry-After"] = str(seconds)
    return response

