"""A consultant's free meeting times, from availability windows in Stockholm wall-clock time.

Rules, shared by free_slots() and is_slot_free():

- Windows are Stockholm wall-clock times. A window on a day covers every real instant whose
  Stockholm wall-clock time that day lies in [start, end). So on a spring-forward day the
  missing hour (02:00–03:00) simply has no instants: a nonexistent local time is skipped,
  never shifted. On a fall-back day the repeated hour is covered twice, once per real
  instant, so a 01:00–04:00 window lasts four real hours there.
- The windows of one day (weekly and one-off alike) are merged into disjoint UTC intervals.
  Slots are laid out inside each merged interval from its start, in real (UTC) time: back to
  back every length + buffer minutes by default, or every step_minutes if given. A slot must
  end by the interval's end. Because the layout runs on UTC instants, no slot is repeated
  and none falls in a nonexistent local time.
- Days: only working days (portal.workdays) that are not blocked. Notice: a slot's
  Stockholm date must be at least notice_working_days working days after today's Stockholm
  date, i.e. on or after add_working_days(today, notice); notice 0 allows today. No slot
  starts before now. Horizon: the slot's Stockholm date is at most today + horizon_weeks
  weeks (inclusive).
- Busy: a slot may not overlap any busy interval widened by buffer_minutes on both sides
  (half-open, so with no buffer a slot may touch a meeting).
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from portal.workdays import add_working_days, is_working_day

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ALLOWED_LENGTHS_MINUTES = frozenset({30, 45, 60})

Interval = tuple[datetime, datetime]


def _check_local_span(start: time, end: time) -> None:
    """Raise ValueError unless start and end are naive wall-clock times with start < end."""
    if start.tzinfo is not None or end.tzinfo is not None:
        raise ValueError("window times are Stockholm wall-clock times without tzinfo")
    if not start < end:
        raise ValueError("a window must end after it starts")


@dataclass(frozen=True)
class WeeklyWindow:
    """A recurring window on one weekday (0 = Monday), valid between two dates inclusive."""

    weekday: int
    start: time
    end: time
    valid_from: date | None = None
    valid_to: date | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise ValueError("weekday must be 0 (Monday) to 6 (Sunday)")
        _check_local_span(self.start, self.end)
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError("valid_from must not be after valid_to")

    def applies_to(self, day: date) -> bool:
        """True if this window recurs on day."""
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_to is None or day <= self.valid_to)
        )


@dataclass(frozen=True)
class OneOffWindow:
    """A window on a single date."""

    day: date
    start: time
    end: time

    def __post_init__(self) -> None:
        _check_local_span(self.start, self.end)


@dataclass(frozen=True)
class BookingSettings:
    """A consultant's booking settings: meeting lengths, buffer, notice and horizon."""

    lengths_minutes: tuple[int, ...]
    buffer_minutes: int = 0
    notice_working_days: int = 1
    horizon_weeks: int = 8

    def __post_init__(self) -> None:
        if not self.lengths_minutes or not set(self.lengths_minutes) <= ALLOWED_LENGTHS_MINUTES:
            raise ValueError("lengths_minutes must be a non-empty subset of 30, 45 and 60")
        if self.buffer_minutes < 0 or self.notice_working_days < 0 or self.horizon_weeks < 1:
            raise ValueError("buffer and notice must be >= 0 and the horizon >= 1 week")


@dataclass(frozen=True, order=True)
class Slot:
    """A bookable meeting time as aware UTC datetimes, end exclusive."""

    start_utc: datetime
    end_utc: datetime


def free_slots(
    weekly: Iterable[WeeklyWindow],
    one_off: Iterable[OneOffWindow],
    blocked: Collection[date],
    busy: Iterable[Interval],
    settings: BookingSettings,
    length_minutes: int,
    now: datetime,
    step_minutes: int | None = None,
) -> list[Slot]:
    """The free slots of one length from the notice to the horizon, in time order."""
    if length_minutes not in settings.lengths_minutes:
        raise ValueError(f"length {length_minutes} is not one of {settings.lengths_minutes}")
    now = _as_utc(now)
    weekly, one_off = tuple(weekly), tuple(one_off)
    taken = _widened(busy, settings.buffer_minutes)
    first, last = _bookable_range(settings, now)
    slots: list[Slot] = []
    day = first
    while day <= last:
        if _is_bookable_day(day, blocked):
            slots += _day_slots(
                day, weekly, one_off, taken, settings, length_minutes, now, step_minutes
            )
        day += timedelta(days=1)
    return slots


def is_slot_free(
    slot: Slot,
    weekly: Iterable[WeeklyWindow],
    one_off: Iterable[OneOffWindow],
    blocked: Collection[date],
    busy: Iterable[Interval],
    settings: BookingSettings,
    now: datetime,
    step_minutes: int | None = None,
) -> bool:
    """True if free_slots() would offer exactly this slot now (busy must omit its own meeting)."""
    start, end = _as_utc(slot.start_utc), _as_utc(slot.end_utc)
    minutes, rest = divmod(end - start, timedelta(minutes=1))
    if rest or minutes not in settings.lengths_minutes:
        return False
    now = _as_utc(now)
    day = start.astimezone(STOCKHOLM).date()
    first, last = _bookable_range(settings, now)
    if not (first <= day <= last and _is_bookable_day(day, blocked)):
        return False
    offered = _day_slots(
        day,
        tuple(weekly),
        tuple(one_off),
        _widened(busy, settings.buffer_minutes),
        settings,
        minutes,
        now,
        step_minutes,
    )
    return Slot(start, end) in offered


def candidate_slots(
    day: date,
    weekly: Iterable[WeeklyWindow],
    one_off: Iterable[OneOffWindow],
    length_minutes: int,
    buffer_minutes: int = 0,
    step_minutes: int | None = None,
) -> list[Slot]:
    """Every slot the windows lay out on day, before the day, notice and busy rules apply."""
    if step_minutes is not None and step_minutes <= 0:
        raise ValueError("step_minutes must be positive")
    length = timedelta(minutes=length_minutes)
    step = timedelta(minutes=step_minutes or length_minutes + buffer_minutes)
    pieces = [p for w in weekly if w.applies_to(day) for p in window_intervals(day, w.start, w.end)]
    pieces += [p for w in one_off if w.day == day for p in window_intervals(day, w.start, w.end)]
    slots = []
    for lo, hi in _merge(pieces):
        start = lo
        while start + length <= hi:
            slots.append(Slot(start, start + length))
            start += step
    return slots


def window_intervals(day: date, start: time, end: time) -> list[Interval]:
    """The UTC intervals of instants whose Stockholm wall-clock time on day is in [start, end)."""
    _check_local_span(start, end)
    day_start = datetime.combine(day, time(), tzinfo=STOCKHOLM).astimezone(UTC)
    day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=STOCKHOLM).astimezone(UTC)
    local_start = datetime.combine(day, start, tzinfo=UTC)
    local_end = datetime.combine(day, end, tzinfo=UTC)
    pieces = []
    for segment_start, segment_end, offset in _constant_offset_segments(day_start, day_end):
        # Within a segment wall-clock time is UTC + offset, so the bounds map back exactly.
        lo = max(segment_start, local_start - offset)
        hi = min(segment_end, local_end - offset)
        if lo < hi:
            pieces.append((lo, hi))
    return pieces


def _as_utc(moment: datetime) -> datetime:
    """The same instant in UTC; naive datetimes are refused rather than guessed."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetimes must be timezone-aware")
    return moment.astimezone(UTC)


def _offset(moment: datetime) -> timedelta:
    """Stockholm's UTC offset at an instant."""
    offset = moment.astimezone(STOCKHOLM).utcoffset()
    assert offset is not None
    return offset


def _constant_offset_segments(
    start: datetime, end: datetime
) -> list[tuple[datetime, datetime, timedelta]]:
    """Split [start, end) where Stockholm's offset changes (at most once within a day)."""
    first, final = _offset(start), _offset(end - timedelta(seconds=1))
    if first == final:
        return [(start, end, first)]
    # Bisect on whole seconds: offsets change on a whole second, so the split is exact.
    lo, hi = 0, int((end - start).total_seconds()) - 1
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset(start + timedelta(seconds=mid)) == first:
            lo = mid
        else:
            hi = mid
    change = start + timedelta(seconds=hi)
    return [(start, change, first), (change, end, final)]


def _merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Overlapping or touching intervals merged into disjoint ones, in order."""
    merged: list[Interval] = []
    for lo, hi in sorted(intervals):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def _widened(busy: Iterable[Interval], buffer_minutes: int) -> list[Interval]:
    """Busy intervals in UTC, widened by the buffer on both sides."""
    buffer = timedelta(minutes=buffer_minutes)
    return _merge((_as_utc(lo) - buffer, _as_utc(hi) + buffer) for lo, hi in busy)


def _bookable_range(settings: BookingSettings, now: datetime) -> tuple[date, date]:
    """The first and last Stockholm dates on which slots may fall."""
    today = now.astimezone(STOCKHOLM).date()
    return (
        add_working_days(today, settings.notice_working_days),
        today + timedelta(weeks=settings.horizon_weeks),
    )


def _is_bookable_day(day: date, blocked: Collection[date]) -> bool:
    """True if day is a working day the consultant has not blocked."""
    return is_working_day(day) and day not in blocked


def _day_slots(
    day: date,
    weekly: tuple[WeeklyWindow, ...],
    one_off: tuple[OneOffWindow, ...],
    taken: list[Interval],
    settings: BookingSettings,
    length_minutes: int,
    now: datetime,
    step_minutes: int | None,
) -> list[Slot]:
    """The free slots on one bookable day."""
    return [
        slot
        for slot in candidate_slots(
            day, weekly, one_off, length_minutes, settings.buffer_minutes, step_minutes
        )
        if slot.start_utc >= now
        and not any(lo < slot.end_utc and slot.start_utc < hi for lo, hi in taken)
    ]
