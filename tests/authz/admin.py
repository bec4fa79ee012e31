"""Rows for the installation administrator's pages: units, projects, a unit's first coordinator."""

from tests.authz import ADMIN, Row, only


def _unit(world) -> dict:
    from portal.accounts.models import Role

    return {"unit_id": world.users[Role.COORDINATOR].unit_id}


ROWS = {
    ("admin.units", "GET"): Row(only(ADMIN)),
    ("admin.units", "POST"): Row(only(ADMIN, status=422)),
    ("admin.projects", "GET"): Row(only(ADMIN)),
    ("admin.projects", "POST"): Row(only(ADMIN, status=422)),
    ("admin.invite_coordinator", "GET"): Row(only(ADMIN), _unit),
    ("admin.invite_coordinator", "POST"): Row(only(ADMIN, status=422), _unit),
}
