"""Values read from the address, parsed in one place: a value that is not one is a clear 404 or nothing.

Python's `int()` and `str.isdigit()` take "²" and other Unicode digits, and a database cannot hold
a 25-digit id; these accept only ASCII digits within the range a database integer holds.
"""

from __future__ import annotations

from datetime import date

from flask import abort, request
from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # PostgreSQL's integer


def whole_number(text: str | None, *, largest: int = LARGEST_ID) -> int | None:
    """The number written in ASCII digits, from 0 to `largest`; None for anything else."""
    if not text or not (text.isascii() and text.isdigit()) or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if number <= largest else None


def arg_id(name: str) -> int | None:
    """An id named in the query (?participant=12): None when absent or empty, 404 when it cannot be one."""
    text = request.args.get(name, "")
    if text == "":
        return None
    number = whole_number(text)
    if number is None or number < 1:
        abort(404)
    return number


def arg_number(name: str, *, largest: int = LARGEST_ID) -> int | None:
    """A number in the query (?page=2); None when absent or not a number, so the page shows its default."""
    return whole_number(request.args.get(name, ""), largest=largest)


def arg_date(name: str, *, earliest: date = date(2000, 1, 1), latest: date = date(2200, 12, 31)) -> date | None:
    """A date in the query written as 2026-12-01, between earliest and latest; None for anything else."""
    text = request.args.get(name, "")
    if len(text) != 10 or not text.isascii():
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if earliest <= day <= latest else None


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: an id longer than the database's integer is no page (404), not an error."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)
