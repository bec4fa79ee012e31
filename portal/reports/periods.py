"""The periods the figures cover: a month, a quarter or a year, named as in the URL (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4]))?$", re.ASCII)
MONTHS_OFFERED = 12
QUARTERS_OFFERED = 8
YEARS_OFFERED = 3


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter" or "year"
    first: date
    last: date

    @property
    def key(self) -> str:
        if self.kind == "year":
            return f"{self.first.year}"
        if self.kind == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.year}-{self.first.month:02d}"

    def label(self) -> str:
        if self.kind == "year":
            return str(self.first.year)
        if self.kind == "quarter":
            return _("Quarter %(number)s %(year)s", number=(self.first.month - 1) // 3 + 1, year=self.first.year)
        return format_date(self.first, "LLLL yyyy")

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last

    def overlaps(self, first: date, last: date) -> bool:
        return first <= self.last and last >= self.first


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def month(year: int, number: int) -> Period:
    return Period("month", date(year, number, 1), _month_end(year, number))


def quarter(year: int, number: int) -> Period:
    return Period("quarter", date(year, 3 * number - 2, 1), _month_end(year, 3 * number))


def year(number: int) -> Period:
    return Period("year", date(number, 1, 1), date(number, 12, 31))


def periods_of_year(number: int) -> list[Period]:
    """The year, its four quarters and its twelve months: the periods whose sums link them."""
    return [year(number), *(quarter(number, q) for q in range(1, 5)), *(month(number, m) for m in range(1, 13))]


def parse_period(text: str) -> Period | None:
    """2026-03 (a month), 2026-Q1 (a quarter) or 2026 (a year); None for anything else."""
    found = _PATTERN.fullmatch(text)
    if found is None:
        return None
    number = int(found[1])
    if not 2000 <= number <= 2100:
        return None
    if found[2] is not None:
        return month(number, int(found[2])) if 1 <= int(found[2]) <= 12 else None
    if found[3] is not None:
        return quarter(number, int(found[3]))
    return year(number)


def current_quarter(today: date) -> Period:
    return quarter(today.year, (today.month - 1) // 3 + 1)


def periods_offered(today: date) -> dict[str, list[Period]]:
    """What the chooser lists: the last months, quarters and years, the current one first."""
    months, quarters, years = [], [], []
    y, m = today.year, today.month
    for _i in range(MONTHS_OFFERED):
        months.append(month(y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    y, q = today.year, (today.month - 1) // 3 + 1
    for _i in range(QUARTERS_OFFERED):
        quarters.append(quarter(y, q))
        y, q = (y, q - 1) if q > 1 else (y - 1, 4)
    years = [year(today.year - i) for i in range(YEARS_OFFERED)]
    return {"month": months, "quarter": quarters, "year": years}
