"""Rows for the accessibility statement: anyone, signed in or not, may read it and report a problem."""

from tests.authz import Row, everyone

REPORT = {"kind": "problem", "message": "Knappen går inte att nå med tangentbordet.", "email": "besokare@example.se"}

ROWS = {
    ("accessibility.statement", "GET"): Row(everyone(200)),
    ("accessibility.statement", "POST"): Row(everyone(303), data=REPORT),
}
