"""Rows for the cookie page, a participant's export (coordinator only) and removing employers."""

from tests.authz import COORDINATOR, Row, everyone, only


def _own(world):
    return {"participant_id": world.own_participant.id}


ROWS = {
    ("cookies.page", "GET"): Row(everyone(200)),
    ("export.page", "GET"): Row(only(COORDINATOR), _own),
    ("export.pdf", "GET"): Row(only(COORDINATOR), _own),
    ("export.json", "GET"): Row(only(COORDINATOR), _own),
}
