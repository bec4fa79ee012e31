"""Services change things inside the request's one transaction; this undoes a refused change alone.

The web layer commits once per request (portal/web/unit_of_work.py). A service that can refuse
part-way (a FieldError after it has changed rows) runs that part in `all_or_nothing()`, so the
refusal leaves nothing behind even when the page that says so must still be committed for its
audit row.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from portal.extensions import db


@contextmanager
def all_or_nothing() -> Iterator[None]:
    """Run the block in a savepoint: when it raises, what it changed is undone and the error goes on."""
    with db.session.begin_nested():
        yield
