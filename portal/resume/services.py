"""Keep what was posted after the session ended, and give it back to the same browser's page.

Only hashes are stored: of the key carried in the sign-in `next` address, and of a cookie set in
the same browser, so a link alone cannot fill someone else's form. Kept RESUME_HOURS at most.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from portal.clock import now
from portal.extensions import db
from portal.resume.models import FormResume

RESUME_HOURS = 12
RESUME_COOKIE = "brygga_resume"
# What one stash may hold: far more than any form of the portal, far less than a request may be.
STASH_MAX_BYTES = 64 * 1024


def stash_size(data: dict[str, list[str]]) -> int:
    return sum(len(key.encode()) + sum(len(value.encode()) for value in values) for key, values in data.items())


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def stash_form(path: str, data: dict[str, list[str]]) -> tuple[str, str]:
    """Keep posted form data for RESUME_HOURS; return (key for the `next` address, cookie value)."""
    db.session.execute(delete(FormResume).where(FormResume.created_at < now() - timedelta(hours=RESUME_HOURS)))
    key, cookie = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    db.session.add(FormResume(key_hash=_hash(key), cookie_hash=_hash(cookie), path=path, data=data))
    db.session.flush()
    return key, cookie


def stashed_form(key: str, cookie: str | None, path: str) -> dict[str, list[str]] | None:
    """The data stashed under key for this path, if this browser stashed it and it is fresh; read only (a GET shows it)."""
    stash = db.session.scalar(select(FormResume).where(FormResume.key_hash == _hash(key)))
    if stash is None or cookie is None:
        return None
    fresh = stash.created_at > now() - timedelta(hours=RESUME_HOURS)
    if fresh and stash.path == path and secrets.compare_digest(stash.cookie_hash, _hash(cookie)):
        return stash.data
    return None


def discard_stashed_forms(cookie: str | None, path: str) -> None:
    """This browser's stash for the screen is used up once the screen is posted again (signed in)."""
    if cookie:
        db.session.execute(delete(FormResume).where(FormResume.cookie_hash == _hash(cookie), FormResume.path == path))




def keep_resume_cookie(response, cookie: str):
    """The browser half of the stash: without this cookie the key in the address opens nothing."""
    response.set_cookie(
        RESUME_COOKIE,
        cookie,
        max_age=RESUME_HOURS * 3600,
        path="/",
        httponly=True,
        samesite="Lax",
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
    )
    return response
