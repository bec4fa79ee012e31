"""One commit per request, in one place: after the view, decided by its answer.

Services flush and never commit; routes neither commit nor roll back. A view that answers
below 400 (a page, a redirect, a fragment) is committed. A view that raises, or that answers
400 or more (a form sent back with 422, a stale decision with 409, a 404), is rolled back:
nothing half-done survives a refusal. The one exception is explicit: a refused page whose
changes must stay calls `keep_changes_of_refused_page()`. Two kinds of page do: one that still
showed participant data (the audit row of that view is kept), and an offer screen sent back
with errors (a draft keeps what was typed, as autosave does). What the refused service itself
changed was undone in its savepoint (`portal.transactions.all_or_nothing`) before that.
"""

from __future__ import annotations

from flask import Flask, Response, g

from portal.extensions import db


def keep_changes_of_refused_page() -> None:
    """Commit this request although the answer is a refusal (4xx): its audit rows, a draft's answers."""
    g.keep_changes_of_refused_page = True


def init_unit_of_work(app: Flask) -> None:
    @app.after_request
    def end_unit_of_work(response: Response) -> Response:
        # A failing commit raises here, and Flask answers with the 500 page (which rolls back).
        if response.status_code < 400 or g.pop("keep_changes_of_refused_page", False):
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def roll_back_what_was_left(error: BaseException | None) -> None:
        # An exception that escaped every handler: whatever it left is not kept.
        if error is not None:
            db.session.rollback()
