from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.availability.slots import (
    STOCKHOLM,
    BookingSettings,
    OneOffWindow,
    Slot,
    WeeklyWindow,
    candidate_slots,
    free_slots,
    is_slot_free,
    window_intervals,
)
from portal.workdays import is_working_day

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
DEFAULT = BookingSettings(lengths_minutes=(30, 45, 60))


def local(y, m, d, hh=0, mm=0):
    """An aware datetime at a Stockholm wall-clock time that exists and is not ambiguous."""
    return datetime(y, m, d, hh, mm, tzinfo=STOCKHOLM)


def utc(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def every_weekday(start=time(9), end=time(10), **kw):
    return [WeeklyWindow(wd, start, end, **kw) for wd in range(5)]


def wall(slot):
    """The Stockholm wall-clock start of a slot as (date, 'HH:MM', UTC offset hours)."""
    s = slot.start_utc.astimezone(STOCKHOLM)
    return s.date(), s.strftime("%H:%M"), s.utcoffset() // timedelta(hours=1)


def days_of(slots):
    return sorted({s.start_utc.astimezone(STOCKHOLM).date() for s in slots})


def test_weekly_window_gives_back_to_back_slots_in_utc():
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(12))], [], set(), [], DEFAULT, 60, local(2026, 3, 13, 10)
    )
    assert slots[:3] == [
        Slot(utc(2026, 3, 16, 8), utc(2026, 3, 16, 9)),
        Slot(utc(2026, 3, 16, 9), utc(2026, 3, 16, 10)),
        Slot(utc(2026, 3, 16, 10), utc(2026, 3, 16, 11)),
    ]
    assert all(s.start_utc.tzinfo is UTC and s.end_utc.tzinfo is UTC for s in slots)
    # Mondays up to the horizon, 2026-05-08; Easter Monday 2026-04-06 is not offered.
    assert days_of(slots) == [
        date(2026, 3, 16), date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 13),
        date(2026, 4, 20), date(2026, 4, 27), date(2026, 5, 4),
    ]  # fmt: skip
    assert len(slots) == 7 * 3
    assert slots == sorted(slots)


def test_utc_times_follow_summer_and_winter_time_around_the_change_days():
    windows = every_weekday(time(9), time(10))
    spring = free_slots(windows, [], set(), [], DEFAULT, 60, local(2026, 3, 26, 12))
    assert spring[:2] == [
        Slot(utc(2026, 3, 27, 8), utc(2026, 3, 27, 9)),  # Friday, CET
        Slot(utc(2026, 3, 30, 7), utc(2026, 3, 30, 8)),  # Monday, CEST
    ]
    autumn = free_slots(windows, [], set(), [], DEFAULT, 60, local(2027, 10, 28, 12))
    assert autumn[:2] == [
        Slot(utc(2027, 10, 29, 7), utc(2027, 10, 29, 8)),  # Friday, CEST
        Slot(utc(2027, 11, 1, 8), utc(2027, 11, 1, 9)),  # Monday, CET
    ]


@pytest.mark.parametrize(
    ("now", "notice", "first"),
    [
        (local(2026, 3, 13, 16), 1, date(2026, 3, 16)),  # Friday → Monday
        (local(2026, 3, 13, 8), 2, date(2026, 3, 17)),  # Friday → Tuesday
        (local(2026, 3, 14, 12), 1, date(2026, 3, 16)),  # Saturday → Monday
        (local(2026, 3, 12, 23, 30), 1, date(2026, 3, 13)),  # Thursday late → Friday
        (local(2026, 4, 2, 9), 1, date(2026, 4, 7)),  # over Easter 2026
        (local(2027, 3, 25, 9), 1, date(2027, 3, 30)),  # over Easter 2027
        (local(2026, 6, 18, 9), 1, date(2026, 6, 22)),  # over midsummer
    ],
)
def test_notice_counts_whole_working_days(now, notice, first):
    s = BookingSettings(lengths_minutes=(60,), notice_working_days=notice)
    slots = free_slots(every_weekday(), [], set(), [], s, 60, now)
    assert days_of(slots)[0] == first


def test_notice_counts_stockholm_dates_not_utc_dates():
    # 23:30 UTC on Thursday is already Friday in Stockholm, so the first day is Monday.
    slots = free_slots(every_weekday(), [], set(), [], DEFAULT, 60, utc(2026, 3, 12, 23, 30))
    assert days_of(slots)[0] == date(2026, 3, 16)


def test_no_notice_allows_today_but_never_the_past():
    s = BookingSettings(lengths_minutes=(30,), notice_working_days=0)
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(12))], [], set(), [], s, 30, local(2026, 3, 16, 9, 30)
    )
    assert wall(slots[0]) == (date(2026, 3, 16), "09:30", 1)


def test_horizon_is_inclusive_of_its_last_day():
    s = BookingSettings(lengths_minutes=(60,), horizon_weeks=1)
    slots = free_slots(every_weekday(), [], set(), [], s, 60, local(2026, 3, 16, 12))
    assert days_of(slots) == [
        date(2026, 3, 17), date(2026, 3, 18), date(2026, 3, 19), date(2026, 3, 20),
        date(2026, 3, 23),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("now", "absent", "present"),
    [
        (local(2025, 12, 29), [date(2026, 1, 1), date(2026, 1, 6)], [date(2026, 1, 2)]),
        (local(2026, 3, 30), [date(2026, 4, 3), date(2026, 4, 6)], [date(2026, 4, 7)]),
        (local(2026, 4, 27), [date(2026, 5, 1), date(2026, 5, 14)], [date(2026, 5, 15)]),
        (local(2026, 6, 15), [date(2026, 6, 19)], [date(2026, 6, 18), date(2026, 6, 22)]),
        (
            local(2026, 12, 21),
            [date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 1)],
            [date(2026, 12, 23), date(2026, 12, 28), date(2026, 12, 30), date(2027, 1, 4)],
        ),
        (local(2027, 3, 22), [date(2027, 3, 26), date(2027, 3, 29)], [date(2027, 3, 25)]),
        (local(2027, 6, 21), [date(2027, 6, 25)], [date(2027, 6, 24), date(2027, 6, 28)]),
    ],
)
def test_holidays_and_eves_are_never_offered(now, absent, present):
    s = BookingSettings(lengths_minutes=(60,), horizon_weeks=3)
    one_offs = [OneOffWindow(d, time(13), time(14)) for d in absent]
    offered = set(days_of(free_slots(every_weekday(), one_offs, set(), [], s, 60, now)))
    assert not offered & set(absent)
    assert set(present) <= offered


def test_weekends_are_never_offered_even_with_windows():
    windows = [WeeklyWindow(wd, time(9), time(12)) for wd in range(7)]
    one_offs = [OneOffWindow(date(2026, 6, 6), time(9), time(12))]  # nationaldagen, Saturday
    slots = free_slots(windows, one_offs, set(), [], DEFAULT, 60, local(2026, 6, 1))
    assert all(is_working_day(d) for d in days_of(slots))
    assert date(2026, 6, 6) not in days_of(slots)


def test_blocked_days_are_not_offered():
    blocked = {date(2026, 3, 17), date(2026, 3, 19)}
    s = BookingSettings(lengths_minutes=(60,), horizon_weeks=1)
    slots = free_slots(every_weekday(), [], blocked, [], s, 60, local(2026, 3, 16))
    assert days_of(slots) == [date(2026, 3, 18), date(2026, 3, 20), date(2026, 3, 23)]


def test_window_validity_dates_are_inclusive():
    w = WeeklyWindow(MON, time(9), time(10), date(2026, 3, 23), date(2026, 4, 13))
    slots = free_slots([w], [], set(), [], DEFAULT, 60, local(2026, 3, 13))
    assert days_of(slots) == [date(2026, 3, 23), date(2026, 3, 30), date(2026, 4, 13)]


def test_busy_meetings_are_widened_by_the_buffer():
    s = BookingSettings(lengths_minutes=(45,), buffer_minutes=15)
    busy = [(local(2026, 3, 16, 10), local(2026, 3, 16, 10, 30))]
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(12))], [], set(), busy, s, 45, local(2026, 3, 13)
    )
    monday = [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 16)]
    # Back to back every 45 + 15 minutes; 09:00–09:45 ends exactly where the buffer starts.
    assert monday == ["09:00", "11:00"]


def test_without_buffer_a_slot_may_touch_a_meeting():
    busy = [(utc(2026, 3, 16, 9), utc(2026, 3, 16, 9, 30))]  # 10:00–10:30 local
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(12))], [], set(), busy, DEFAULT, 30, local(2026, 3, 13)
    )
    monday = [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 16)]
    assert monday == ["09:00", "09:30", "10:30", "11:00", "11:30"]


def test_step_minutes_offers_overlapping_alternatives_outside_the_buffer():
    s = BookingSettings(lengths_minutes=(30,), buffer_minutes=15)
    busy = [(local(2026, 3, 16, 10), local(2026, 3, 16, 10, 30))]
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(12))], [], set(), busy, s, 30, local(2026, 3, 13),
        step_minutes=15,
    )  # fmt: skip
    monday = [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 16)]
    assert monday == ["09:00", "09:15", "10:45", "11:00", "11:15", "11:30"]


def test_overlapping_and_touching_windows_are_merged_without_duplicates():
    weekly = [
        WeeklyWindow(MON, time(9), time(11)),
        WeeklyWindow(MON, time(10), time(12)),
        WeeklyWindow(MON, time(9), time(10)),
    ]
    one_off = [OneOffWindow(date(2026, 3, 16), time(11, 30), time(13))]
    slots = free_slots(weekly, one_off, set(), [], DEFAULT, 60, local(2026, 3, 13))
    monday = [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 16)]
    assert monday == ["09:00", "10:00", "11:00", "12:00"]
    next_monday = [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 23)]
    assert next_monday == ["09:00", "10:00", "11:00"]
    assert len(set(slots)) == len(slots)


def test_a_slot_must_end_inside_its_window():
    slots = free_slots(
        [WeeklyWindow(MON, time(9), time(10, 40))], [], set(), [], DEFAULT, 45,
        local(2026, 3, 13),
    )  # fmt: skip
    assert [wall(x)[1] for x in slots if wall(x)[0] == date(2026, 3, 16)] == ["09:00", "09:45"]


# Summer time starts on Sundays 2026-03-29 and 2027-03-28 (02:00 → 03:00) and ends on Sundays
# 2026-10-25 and 2027-10-31 (03:00 → 02:00). Sundays are never bookable, so the layout itself
# is tested with candidate_slots(), and free_slots() is shown to offer nothing on those days.


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2027, 3, 28)])
def test_spring_forward_skips_the_missing_hour(day):
    windows = [WeeklyWindow(SUN, time(1), time(4))]
    slots = candidate_slots(day, windows, [], 30)
    assert [wall(s)[1:] for s in slots] == [("01:00", 1), ("01:30", 1), ("03:00", 2), ("03:30", 2)]
    assert all(s.end_utc - s.start_utc == timedelta(minutes=30) for s in slots)
    quarter = candidate_slots(day, windows, [], 60, step_minutes=15)
    assert not any(wall(s)[1].startswith("02:") for s in quarter)
    assert len(quarter) == len(set(quarter)) == 5  # 2 real hours, starts 00:00Z … 01:00Z


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2027, 3, 28)])
def test_spring_forward_window_inside_or_from_the_gap(day):
    assert window_intervals(day, time(2), time(3)) == []
    assert candidate_slots(day, [], [OneOffWindow(day, time(2), time(2, 59))], 30) == []
    from_gap = candidate_slots(day, [], [OneOffWindow(day, time(2, 30), time(4))], 30)
    assert [wall(s)[1] for s in from_gap] == ["03:00", "03:30"]


@pytest.mark.parametrize("day", [date(2026, 10, 25), date(2027, 10, 31)])
@pytest.mark.parametrize("step", [None, 15])
def test_fall_back_offers_each_real_instant_once(day, step):
    slots = candidate_slots(day, [WeeklyWindow(SUN, time(1), time(4))], [], 30, step_minutes=step)
    starts = [s.start_utc for s in slots]
    assert len(starts) == len(set(starts))
    assert starts == sorted(starts)
    window_start = datetime.combine(day, time(1), tzinfo=STOCKHOLM).astimezone(UTC)
    # 01:00 CEST to 04:00 CET is four real hours.
    assert starts[0] == window_start
    assert slots[-1].end_utc == window_start + timedelta(hours=4)
    if step is None:
        assert [wall(s)[1:] for s in slots] == [
            ("01:00", 2), ("01:30", 2), ("02:00", 2), ("02:30", 2),
            ("02:00", 1), ("02:30", 1), ("03:00", 1), ("03:30", 1),
        ]  # fmt: skip
        covered = sum((s.end_utc - s.start_utc for s in slots), timedelta())
        assert covered == timedelta(hours=4)
        assert all(a.end_utc == b.start_utc for a, b in zip(slots, slots[1:]))


@pytest.mark.parametrize("day", [date(2026, 10, 25), date(2027, 10, 31)])
def test_fall_back_window_within_the_repeated_hour_happens_twice(day):
    slots = candidate_slots(day, [], [OneOffWindow(day, time(2), time(2, 30))], 30)
    assert [wall(s)[1:] for s in slots] == [("02:00", 2), ("02:00", 1)]
    assert slots[1].start_utc - slots[0].start_utc == timedelta(hours=1)


@pytest.mark.parametrize(
    "day", [date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)]
)
def test_change_days_are_sundays_and_never_offered(day):
    windows = [WeeklyWindow(SUN, time(1), time(4))]
    one_off = [OneOffWindow(day, time(1), time(4))]
    assert day.weekday() == SUN
    now = datetime.combine(day - timedelta(days=10), time(12), tzinfo=STOCKHOLM)
    assert free_slots(windows, one_off, set(), [], DEFAULT, 30, now) == []


def test_is_slot_free_accepts_exactly_the_offered_slots():
    weekly = [WeeklyWindow(MON, time(9), time(12))]
    now = local(2026, 3, 13, 10)
    busy = [(local(2026, 3, 16, 10), local(2026, 3, 16, 11))]
    offered = free_slots(weekly, [], set(), busy, DEFAULT, 60, now)
    assert offered
    assert all(is_slot_free(s, weekly, [], set(), busy, DEFAULT, now) for s in offered)
    ten = Slot(local(2026, 3, 16, 10), local(2026, 3, 16, 11))
    assert not is_slot_free(ten, weekly, [], set(), busy, DEFAULT, now)  # busy
    assert is_slot_free(ten, weekly, [], set(), [], DEFAULT, now)  # free without the meeting
    # The same instants in Stockholm time are the same slot.
    assert is_slot_free(
        Slot(local(2026, 3, 16, 9), local(2026, 3, 16, 10)), weekly, [], set(), busy, DEFAULT, now
    )


@pytest.mark.parametrize(
    ("slot", "why"),
    [
        (Slot(local(2026, 3, 16, 9, 15), local(2026, 3, 16, 10, 15)), "off the grid"),
        (Slot(local(2026, 3, 16, 9), local(2026, 3, 16, 10, 30)), "length not allowed"),
        (Slot(local(2026, 3, 16, 10), local(2026, 3, 16, 9)), "ends before it starts"),
        (Slot(local(2026, 3, 16, 11, 30), local(2026, 3, 16, 12, 30)), "outside the window"),
        (Slot(local(2026, 3, 9, 9), local(2026, 3, 9, 10)), "in the past"),
        (Slot(local(2026, 4, 6, 9), local(2026, 4, 6, 10)), "Easter Monday"),
        (Slot(local(2026, 3, 23, 9), local(2026, 3, 23, 10)), "blocked"),
        (Slot(local(2026, 5, 11, 9), local(2026, 5, 11, 10)), "beyond the horizon"),
    ],
)
def test_is_slot_free_refuses(slot, why):
    weekly = [WeeklyWindow(MON, time(9), time(12))]
    blocked = {date(2026, 3, 23)}
    assert not is_slot_free(slot, weekly, [], blocked, [], DEFAULT, local(2026, 3, 13, 10)), why


def test_is_slot_free_applies_the_notice():
    weekly = every_weekday()
    monday = Slot(local(2026, 3, 16, 9), local(2026, 3, 16, 10))
    assert is_slot_free(monday, weekly, [], set(), [], DEFAULT, local(2026, 3, 13, 16))
    assert not is_slot_free(monday, weekly, [], set(), [], DEFAULT, local(2026, 3, 16, 8))
    two_days = BookingSettings(lengths_minutes=(60,), notice_working_days=2)
    assert not is_slot_free(monday, weekly, [], set(), [], two_days, local(2026, 3, 13, 16))


def test_is_slot_free_with_a_step_grid():
    weekly = [WeeklyWindow(MON, time(9), time(12))]
    slot = Slot(local(2026, 3, 16, 9, 15), local(2026, 3, 16, 10, 15))
    now = local(2026, 3, 13)
    assert is_slot_free(slot, weekly, [], set(), [], DEFAULT, now, step_minutes=15)
    assert not is_slot_free(slot, weekly, [], set(), [], DEFAULT, now)


def test_invalid_input_is_refused():
    with pytest.raises(ValueError):
        BookingSettings(lengths_minutes=(90,))
    with pytest.raises(ValueError):
        BookingSettings(lengths_minutes=())
    with pytest.raises(ValueError):
        BookingSettings(lengths_minutes=(30,), buffer_minutes=-5)
    with pytest.raises(ValueError):
        WeeklyWindow(7, time(9), time(10))
    with pytest.raises(ValueError):
        WeeklyWindow(MON, time(10), time(9))
    with pytest.raises(ValueError):
        WeeklyWindow(MON, time(9), time(10), date(2026, 5, 1), date(2026, 4, 1))
    with pytest.raises(ValueError):
        OneOffWindow(date(2026, 3, 16), time(9), time(9))
    with pytest.raises(ValueError):
        free_slots([], [], set(), [], DEFAULT, 90, local(2026, 3, 13))
    with pytest.raises(ValueError):
        free_slots([], [], set(), [], DEFAULT, 60, datetime(2026, 3, 13, 10))
    with pytest.raises(ValueError):
        free_slots(every_weekday(), [], set(), [], DEFAULT, 60, local(2026, 3, 13), step_minutes=0)
    naive_busy = [(datetime(2026, 3, 16, 9), datetime(2026, 3, 16, 10))]
    with pytest.raises(ValueError):
        free_slots([], [], set(), naive_busy, DEFAULT, 60, local(2026, 3, 13))


# Property: whatever the windows and meetings, offered slots of one length never overlap a
# meeting widened by the buffer, never overlap one another, and pass is_slot_free().

BASE = date(2026, 3, 16)  # a Monday; the generated fortnight includes the 2026-03-29 change

window_strategy = st.builds(
    lambda wd, start_q, quarters: WeeklyWindow(
        wd, time(*divmod(start_q * 15, 60)), time(*divmod(min(start_q + quarters, 95) * 15, 60))
    ),
    st.integers(0, 6),
    st.integers(0, 90),
    st.integers(1, 24),
)
busy_strategy = st.builds(
    lambda minute, duration: (
        datetime.combine(BASE, time(), tzinfo=UTC) + timedelta(minutes=minute),
        datetime.combine(BASE, time(), tzinfo=UTC) + timedelta(minutes=minute + duration),
    ),
    st.integers(0, 16 * 24 * 60),
    st.integers(5, 180),
)


@settings(max_examples=150, deadline=None)
@given(
    weekly=st.lists(window_strategy, max_size=6),
    busy=st.lists(busy_strategy, max_size=12),
    buffer=st.sampled_from([0, 5, 10, 15, 30]),
    length=st.sampled_from([30, 45, 60]),
    now_minute=st.integers(0, 3 * 24 * 60),
)
def test_slots_never_overlap_busy_or_each_other(weekly, busy, buffer, length, now_minute):
    s = BookingSettings(lengths_minutes=(30, 45, 60), buffer_minutes=buffer, horizon_weeks=2)
    now = datetime.combine(BASE, time(), tzinfo=UTC) + timedelta(minutes=now_minute)
    slots = free_slots(weekly, [], set(), busy, s, length, now)
    pad = timedelta(minutes=buffer)
    for slot in slots:
        assert slot.end_utc - slot.start_utc == timedelta(minutes=length)
        assert slot.start_utc >= now
        assert is_working_day(slot.start_utc.astimezone(STOCKHOLM).date())
        for b_start, b_end in busy:
            assert slot.end_utc <= b_start - pad or slot.start_utc >= b_end + pad
        assert is_slot_free(slot, weekly, [], set(), busy, s, now)
    for earlier, later in zip(slots, slots[1:]):
        assert earlier.end_utc <= later.start_utc

    quarter = free_slots(weekly, [], set(), busy, s, length, now, step_minutes=15)
    assert quarter == sorted(set(quarter))
    if (length + buffer) % 15 == 0:
        assert set(slots) <= set(quarter)
