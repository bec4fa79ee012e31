"""Rows for available times ("Mina tider") and private calendar links."""

from tests.authz import CONSULTANT, EMPLOYER, Row, everyone, only


def _window(world):
    return {"window_id": world.availability_window.id}


def _blocked(world):
    return {"blocked_id": world.blocked_day.id}


ROWS = {
    ("availability.availability", "GET"): Row(only(CONSULTANT)),
    ("availability.add_weekly_window", "GET"): Row(only(CONSULTANT)),
    ("availability.add_weekly_window", "POST"): Row(only(CONSULTANT, status=422)),
    ("availability.add_one_off_window", "GET"): Row(only(CONSULTANT)),
    ("availability.add_one_off_window", "POST"): Row(only(CONSULTANT, status=422)),
    ("availability.edit_window", "GET"): Row(only(CONSULTANT), _window),
    ("availability.edit_window", "POST"): Row(only(CONSULTANT, status=422), _window, data={"start_time": "12:00", "end_time": "09:00"}),
    ("availability.remove_window", "GET"): Row(only(CONSULTANT), _window),
    ("availability.remove_window", "POST"): Row(only(CONSULTANT, status=303), _window),
    ("availability.block_days", "GET"): Row(only(CONSULTANT)),
    ("availability.block_days", "POST"): Row(only(CONSULTANT, status=422)),
    ("availability.unblock_days", "GET"): Row(only(CONSULTANT), _blocked),
    ("availability.unblock_days", "POST"): Row(only(CONSULTANT, status=303), _blocked),
    ("availability.booking_settings", "GET"): Row(only(CONSULTANT)),
    ("availability.booking_settings", "POST"): Row(only(CONSULTANT, status=422)),
    ("meetings.calendar_link", "GET"): Row(only(CONSULTANT, EMPLOYER)),
    ("meetings.calendar_link", "POST"): Row(only(CONSULTANT, EMPLOYER)),
    ("meetings.revoke_calendar_link", "POST"): Row(only(CONSULTANT, EMPLOYER, status=303)),
    ("meetings.calendar_feed", "GET"): Row(everyone(404), {"token": "not-a-real-token"}),
}
