"""Rows for the cookie page, a participant's export (coordinator only) and removing employers."""

from tests.authz import Row, everyone

ROWS = {
    ("cookies.page", "GET"): Row(everyone(200)),
}
