"""Rows for the second step of a staff sign-in, enrolment, and a coordinator's reset.

Without a pending sign-in (a password just given) the step pages send everyone on: anonymous
visitors to sign in, people already signed in to their dashboard. The walk of every route as a
staff member held between the steps is in tests/test_second_factor.py."""

from tests.authz import COORDINATOR, Row, everyone, only


def _colleague(world):
    from portal.accounts.models import Role

    return {"user_id": world.users[Role.CONSULTANT].id}


ROWS = {
    ("second_factor.code", "GET"): Row(everyone(302)),
    ("second_factor.code", "POST"): Row(everyone(302), data={"code": "123456"}),
    ("second_factor.enrol", "GET"): Row(everyone(302)),
    ("second_factor.enrol", "POST"): Row(everyone(302), data={"code": "123456"}),
    ("second_factor.cancel", "POST"): Row(everyone(303)),
    ("second_factor.reset", "GET"): Row(only(COORDINATOR), _colleague),
    ("second_factor.reset", "POST"): Row(only(COORDINATOR, status=303), _colleague),
}
