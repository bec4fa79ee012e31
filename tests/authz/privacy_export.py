"""Rows for the cookie page, a participant's export (coordinator only) and removing employers."""

from portal.accounts.models import Role
from tests.authz import COORDINATOR, EMPLOYER, Row, everyone, only


def _own(world):
    return {"participant_id": world.own_participant.id}


def _employer(world):
    return {"user_id": world.users[Role.EMPLOYER].id}


def _organisation(world):
    return {"organisation_id": world.users[Role.EMPLOYER].organisation_id}


ROWS = {
    ("cookies.page", "GET"): Row(everyone(200)),
    ("export.page", "GET"): Row(only(COORDINATOR), _own),
    ("export.pdf", "GET"): Row(only(COORDINATOR), _own),
    ("export.json", "GET"): Row(only(COORDINATOR), _own),
    # The employer's own account: the employer may remove it, the coordinator any employer's.
    # Posted without a reason it is refused: the coordinator must say why, and the employer is
    # the only user of an organisation with a live offer.
    ("removal.remove_user", "GET"): Row(only(EMPLOYER, COORDINATOR), _employer),
    ("removal.remove_user", "POST"): Row(only(EMPLOYER, COORDINATOR, status=422), _employer),
    ("removal.remove_organisation", "GET"): Row(only(COORDINATOR), _organisation),
    ("removal.remove_organisation", "POST"): Row(only(COORDINATOR, status=422), _organisation),
}
