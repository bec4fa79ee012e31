"""Rows for the caseload: consultants and the coordinator; employers never reach a participant page."""

from tests.authz import CONSULTANT, COORDINATOR, Row, only


def _own(world):
    return {"participant_id": world.own_participant.id}


ROWS = {
    ("participants.index", "GET"): Row(only(CONSULTANT, COORDINATOR)),
    ("participants.new", "GET"): Row(only(CONSULTANT)),
    ("participants.new", "POST"): Row(only(CONSULTANT, status=422)),
    ("participants.detail", "GET"): Row(only(CONSULTANT, COORDINATOR), _own),
    ("participants.edit", "GET"): Row(only(CONSULTANT), _own),
    ("participants.edit", "POST"): Row(only(CONSULTANT, status=422), _own),
    ("participants.change_status", "POST"): Row(only(CONSULTANT, status=303), _own, data={"to": "paused"}),
    ("participants.reassign", "GET"): Row(only(COORDINATOR), _own),
    ("participants.reassign", "POST"): Row(only(COORDINATOR, status=422), _own),
}
