"""Demo available times: weekly windows and a blocked day for both demo consultants. Loading twice changes nothing."""

from __future__ import annotations

from datetime import time, timedelta

from portal.accounts.services import find_user_by_email
from portal.availability import queries, services
from portal.clock import today_in_stockholm
from portal.workdays import add_working_days

MON, TUE, WED, THU, FRI = range(5)

WEEKLY = {
    "konsulent@demo.brygga.se": [(TUE, time(9), time(12)), (THU, time(13), time(16))],
    "konsulent2@demo.brygga.se": [(MON, time(9), time(11, 30)), (WED, time(13), time(15, 30)), (FRI, time(9), time(11))],
}
BLOCKED_NOTE = "Utbildning (demo)"


def load() -> None:
    """Give each demo consultant weekly times and one blocked day, if they have none yet (settings stay the defaults)."""
    for email, windows in WEEKLY.items():
        consultant = find_user_by_email(email)
        if consultant is None:
            continue
        if not queries.weekly_windows_of(consultant):
            for weekday, start, end in windows:
                services.add_weekly_window(consultant, weekday=weekday, start_time=start, end_time=end)
        if not queries.blocked_days_of(consultant):
            # A working day about a week and a half ahead, so the preview shows it as blocked.
            day = add_working_days(today_in_stockholm() + timedelta(days=7), 1)
            services.block_days(consultant, first_day=day, note=BLOCKED_NOTE)
