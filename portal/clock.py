"""The one place the app asks what time it is, so tests can move time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def now() -> datetime:
    """The current instant, timezone-aware in UTC."""
    return datetime.now(UTC)


def today_in_stockholm() -> date:
    """Today's date where the unit works."""
    return now().astimezone(STOCKHOLM).date()
