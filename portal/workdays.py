"""Swedish working days: weekdays that are neither public holidays nor the three eves."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from holidays.constants import DE_FACTO, PUBLIC

_WEEKEND_NAMES = {5: "Lördag", 6: "Söndag"}


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    """The public holidays and the three eves of one year, with their Swedish names."""
    # PUBLIC alone misses midsommarafton, julafton and nyårsafton, which the Annual Leave
    # Act (SFS 1977:480, 7 §) treats as Sundays; they are the DE_FACTO category.
    # include_sundays stays False so that a holiday on a Sunday keeps its own name.
    calendar = holidays.Sweden(
        years=year, categories=(PUBLIC, DE_FACTO), include_sundays=False, language="sv"
    )
    return dict(calendar.items())


def is_working_day(d: date) -> bool:
    """True if d is a Monday–Friday that is not a public holiday or one of the three eves."""
    return d.weekday() < 5 and d not in _holidays(d.year)


def non_working_days(year: int) -> dict[date, str]:
    """Every non-working day of the year, in date order, named in Swedish."""
    named = _holidays(year)
    days: dict[date, str] = {}
    d = date(year, 1, 1)
    while d.year == year:
        if d in named:
            days[d] = named[d]
        elif d.weekday() >= 5:
            days[d] = _WEEKEND_NAMES[d.weekday()]
        d += timedelta(days=1)
    return days


def working_days_between(start: date, end: date) -> int:
    """The number of working days d with start < d <= end; negative if end is before start."""
    # Counting the end but not the start makes "submitted Friday, today Monday" one day,
    # and keeps working_days_between(d, add_working_days(d, n)) == n for every n >= 0.
    if end < start:
        return -working_days_between(end, start)
    count = 0
    d = start + timedelta(days=1)
    while d <= end:
        if is_working_day(d):
            count += 1
        d += timedelta(days=1)
    return count


def add_working_days(d: date, n: int) -> date:
    """The n-th working day after d (before d if n < 0); d itself when n == 0."""
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        d += step
        if is_working_day(d):
            remaining -= 1
    return d
