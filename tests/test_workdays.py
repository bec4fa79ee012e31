from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.workdays import (
    add_working_days,
    is_working_day,
    non_working_days,
    working_days_between,
)

HOLIDAYS_ON_WEEKDAYS = [
    date(2026, 1, 1),  # nyårsdagen
    date(2026, 1, 6),  # trettondedag jul
    date(2026, 4, 3),  # långfredagen
    date(2026, 4, 6),  # annandag påsk
    date(2026, 5, 1),  # första maj
    date(2026, 5, 14),  # Kristi himmelsfärdsdag
    date(2026, 6, 19),  # midsommarafton
    date(2026, 12, 24),  # julafton
    date(2026, 12, 25),  # juldagen
    date(2026, 12, 31),  # nyårsafton
    date(2027, 1, 1),
    date(2027, 1, 6),
    date(2027, 3, 26),  # långfredagen
    date(2027, 3, 29),  # annandag påsk
    date(2027, 5, 6),  # Kristi himmelsfärdsdag
    date(2027, 6, 25),  # midsommarafton
    date(2027, 12, 24),
    date(2027, 12, 31),
]

ORDINARY_WORKING_DAYS = [
    date(2026, 1, 2),
    date(2026, 1, 5),  # trettondagsafton is not a day off
    date(2026, 4, 2),  # skärtorsdagen
    date(2026, 4, 7),
    date(2026, 4, 30),  # valborgsmässoafton
    date(2026, 5, 15),  # klämdag after Ascension is a working day
    date(2026, 5, 25),  # annandag pingst has not been a holiday since 2005
    date(2026, 6, 5),
    date(2026, 6, 18),
    date(2026, 6, 22),
    date(2026, 10, 30),
    date(2026, 12, 23),
    date(2026, 12, 28),
    date(2026, 12, 30),
    date(2027, 3, 25),
    date(2027, 3, 30),
    date(2027, 6, 24),
    date(2027, 12, 27),
]


@pytest.mark.parametrize("d", HOLIDAYS_ON_WEEKDAYS, ids=str)
def test_holidays_and_eves_on_weekdays_are_not_working_days(d):
    assert d.weekday() < 5
    assert not is_working_day(d)


@pytest.mark.parametrize("d", ORDINARY_WORKING_DAYS, ids=str)
def test_ordinary_weekdays_are_working_days(d):
    assert is_working_day(d)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 3, 14))  # Saturday
    assert not is_working_day(date(2026, 3, 15))  # Sunday
    assert not is_working_day(date(2026, 6, 6))  # nationaldagen, a Saturday


def test_non_working_days_names_holidays_eves_and_weekends():
    days = non_working_days(2026)
    assert days[date(2026, 1, 6)] == "Trettondedag jul"
    assert days[date(2026, 4, 3)] == "Långfredagen"
    assert days[date(2026, 6, 6)] == "Nationaldagen"
    assert days[date(2026, 6, 19)] == "Midsommarafton"
    assert days[date(2026, 12, 24)] == "Julafton"
    assert days[date(2026, 12, 31)] == "Nyårsafton"
    assert days[date(2026, 3, 14)] == "Lördag"
    assert days[date(2026, 3, 15)] == "Söndag"
    assert date(2026, 5, 15) not in days
    assert list(days) == sorted(days)
    assert all(d.year == 2026 for d in days)


@pytest.mark.parametrize("year", [2026, 2027])
def test_non_working_days_agrees_with_is_working_day(year):
    days = non_working_days(year)
    d = date(year, 1, 1)
    while d.year == year:
        assert (d in days) == (not is_working_day(d))
        d += timedelta(days=1)


def test_working_days_in_2026():
    # 104 weekend days and 10 holidays or eves on a weekday.
    weekday_holidays = [d for d in non_working_days(2026) if d.weekday() < 5]
    assert len(weekday_holidays) == 10
    assert len(non_working_days(2026)) == 104 + 10


def test_working_days_between_counts_end_not_start():
    friday, monday = date(2026, 3, 13), date(2026, 3, 16)
    assert working_days_between(friday, monday) == 1
    assert working_days_between(friday, date(2026, 3, 14)) == 0
    assert working_days_between(monday, monday) == 0
    assert working_days_between(monday, date(2026, 3, 20)) == 4
    assert working_days_between(monday, friday) == -1


def test_working_days_between_skips_easter_and_midsummer():
    # Thursday before Easter to the Tuesday after: Friday and Monday are holidays.
    assert working_days_between(date(2026, 4, 2), date(2026, 4, 7)) == 1
    assert working_days_between(date(2027, 3, 25), date(2027, 3, 30)) == 1
    # Thursday before midsummer eve to the Monday after.
    assert working_days_between(date(2026, 6, 18), date(2026, 6, 22)) == 1
    # Over Christmas and New Year: 28, 29, 30 December 2026 and 4 January 2027.
    assert working_days_between(date(2026, 12, 23), date(2027, 1, 4)) == 4


def test_add_working_days():
    assert add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 14), 1) == date(2026, 3, 16)
    assert add_working_days(date(2026, 3, 14), 0) == date(2026, 3, 14)
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 6, 18), 1) == date(2026, 6, 22)
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 30), 1) == date(2027, 1, 4)
    assert add_working_days(date(2027, 1, 5), 1) == date(2027, 1, 7)
    assert add_working_days(date(2026, 3, 16), -1) == date(2026, 3, 13)
    assert add_working_days(date(2026, 4, 7), -1) == date(2026, 4, 2)


@given(
    st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
    st.integers(min_value=0, max_value=60),
)
def test_add_and_between_are_inverse(d, n):
    later = add_working_days(d, n)
    assert working_days_between(d, later) == n
    if n > 0:
        assert is_working_day(later)
