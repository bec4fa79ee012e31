"""Rules about a participant's details, shared by the form (to show every problem at once)
and the services (which enforce them whatever calls them)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from stdnum.se import personnummer

# The programme is for people aged 25 to 64 (the ESF project's target group).
MIN_AGE = 25
MAX_AGE = 64

# Ten or twelve digits, perhaps with a dash, plus or space before the last four.
_CANDIDATE = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+ ]?\d{4}(?!\d)")


def age_this_year(birth_year: int, current_year: int) -> int:
    return current_year - birth_year


def birth_year_problem(birth_year: int, current_year: int) -> str | None:
    """Why the birth year falls outside the programme's 25–64, in the user's language, or None."""
    age = age_this_year(birth_year, current_year)
    if birth_year > current_year or age > 120:
        return _("Enter the year the person was born, like %(example)s", example=current_year - 40)
    if not MIN_AGE <= age <= MAX_AGE:
        return _(
            "The programme is for people aged %(min)s to %(max)s. Someone born in %(year)s turns %(age)s this year: "
            "enter a year from %(first)s to %(last)s.",
            min=MIN_AGE,
            max=MAX_AGE,
            year=birth_year,
            age=age,
            first=current_year - MAX_AGE,
            last=current_year - MIN_AGE,
        )
    return None


def looks_like_personnummer(text: str) -> bool:
    """Whether the text holds a valid Swedish personal identity or coordination number."""
    return any(personnummer.is_valid(match.group()) for match in _CANDIDATE.finditer(text or ""))


def split_free_names(text: str) -> list[str]:
    """Free task names typed one per line (or separated by commas), tidied and without repeats."""
    names: list[str] = []
    seen: set[str] = set()
    for part in re.split(r"[\n,;]", text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name[:100])
    return names
