"""Rows for available times ("Mina tider") and private calendar links."""

from tests.authz import CONSULTANT, EMPLOYER, Row, everyone, only


def _window(world):
    return {"window_id": world.availability_window.id}


def _blocked(world):
    return {"blocked_id": world.blocked_day.id}


ROWS = {
    ("bookings.availability", "GET"): Row(only(CONSULTANT)),
    ("bookings.add_weekly_window", "GET"): Row(only(CONSULTANT)),
    ("bookings.add_weekly_window", "POST"): Row(only(CONSULTANT, status=422)),
    ("bookings.add_one_off_window", "GET"): Row(only(CONSULTANT)),
    ("bookings.add_one_off_window", "POST"): Row(only(CONSULTANT, status=422)),
    ("bookings.edit_window", "GET"): Row(only(CONSULTANT), _window),
    ("bookings.edit_window", "POST"): Row(only(CONSULTANT, status=422), _window, data={"start_time": "12:00", "end_time": "09:00"}),
    ("bookings.remove_window", "GET"): Row(only(CONSULTANT), _window),
    ("bookings.remove_window", "POST"): Row(only(CONSULTANT, status=303), _window),
    ("bookings.block_days", "GET"): Row(only(CONSULTANT)),
    ("bookings.block_days", "POST"): Row(only(CONSULTANT, status=422)),
    ("bookings.unblock_days", "GET"): Row(only(CONSULTANT), _blocked),
    ("bookings.unblock_days", "POST"): Row(only(CONSULTANT, status=303), _blocked),
    ("bookings.booking_settings", "GET"): Row(only(CONSULTANT)),
    ("bookings.booking_settings", "POST"): Row(only(CONSULTANT, status=422)),
    ("bookings.calendar_link", "GET"): Row(only(CONSULTANT, EMPLOYER)),
    ("bookings.calendar_link", "POST"): Row(only(CONSULTANT, EMPLOYER)),
    ("bookings.revoke_calendar_link", "POST"): Row(only(CONSULTANT, EMPLOYER, status=303)),
    ("bookings.calendar_feed", "GET"): Row(everyone(404), {"token": "not-a-real-token"}),
}
