"""Demo available times: both demo consultants get weekly windows and a blocked day, once."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.accounts.services import find_user_by_email
from portal.availability import queries
from portal.availability.models import AvailabilityWindow, BlockedDay, BookingSettings


def _counts(db):
    return [db.session.scalar(select(func.count()).select_from(m)) for m in (AvailabilityWindow, BlockedDay, BookingSettings)]


def test_demo_consultants_have_times_and_loading_twice_adds_nothing(app, db):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    for email in ("konsulent@demo.brygga.se", "konsulent2@demo.brygga.se"):
        consultant = find_user_by_email(email)
        assert len(queries.weekly_windows_of(consultant)) >= 2
        assert len(queries.blocked_days_of(consultant)) == 1
    before = _counts(db)

    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    assert _counts(db) == before == [5, 2, 0]
