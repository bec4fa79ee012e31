"""Rows for erasure on request: the coordinator only. The own participant has a running placement,
so the page explains the hold and a post is refused (409) without erasing anything."""

from tests.authz import COORDINATOR, Row, only


def _own(world):
    return {"participant_id": world.own_participant.id}


ROWS = {
    ("privacy.erase", "GET"): Row(only(COORDINATOR), _own),
    ("privacy.erase", "POST"): Row(only(COORDINATOR, status=409), _own, data={"reason": "Begäran per telefon", "confirm": "y"}),
}
