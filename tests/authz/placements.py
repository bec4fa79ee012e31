"""Rows for placements: record, list, read, start and end."""

from tests.authz import (
    ADMIN,
    CONSULTANT,
    COORDINATOR,
    EMPLOYER,
    SIGN_IN_REDIRECT,
    Row,
    only,
    signed_in,
)


def _placement(world):
    return {"placement_id": world.placement.id}


ROWS = {
    # The administrator sees no placement: they name participants.
    ("placements.index", "GET"): Row({**signed_in(200), ADMIN: 403}),
    # Posting nothing: every answer is missing.
    ("placements.new", "GET"): Row(only(CONSULTANT)),
    ("placements.new", "POST"): Row(only(CONSULTANT, status=422)),
    ("placements.detail", "GET"): Row(only(CONSULTANT, COORDINATOR, EMPLOYER), _placement),
    # Only the placement's own consultant; posting nothing is a bad request.
    ("placements.change_status", "POST"): Row(
        {"anonymous": SIGN_IN_REDIRECT, "employer": 403, "consultant": 400, "coordinator": 403, "admin": 403}, _placement
    ),
}
