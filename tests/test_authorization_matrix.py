"""Every endpoint, every kind of visitor: the answer must be the one in the matrix."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests.authz as authz_package
from tests import factories
from tests.authz import ROLES, Row
from tests.conftest import sign_in_client

IGNORED_METHODS = {"HEAD", "OPTIONS"}


def _load_matrix() -> dict[tuple[str, str], Row]:
    matrix: dict[tuple[str, str], Row] = {}
    for module_info in pkgutil.iter_modules(authz_package.__path__):
        module = importlib.import_module(f"tests.authz.{module_info.name}")
        for key, row in module.ROWS.items():
            assert key not in matrix, f"{key} has two rows"
            matrix[key] = row
    return matrix


MATRIX = _load_matrix()


def test_every_endpoint_of_the_app_has_a_row(app):
    routes = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
    }
    missing = sorted(routes - MATRIX.keys())
    stale = sorted(MATRIX.keys() - routes)
    assert not missing, f"endpoints without a row in the authorization matrix: {missing}"
    assert not stale, f"rows for endpoints that no longer exist: {stale}"


@pytest.mark.parametrize("endpoint_and_method", sorted(MATRIX), ids=lambda key: f"{key[1]} {key[0]}")
def test_endpoint_answers_each_role_as_the_matrix_says(app, db, endpoint_and_method):
    from flask import url_for

    from portal.accounts.models import Role

    endpoint, method = endpoint_and_method
    row = MATRIX[endpoint_and_method]
    world = factories.make_world()
    db.session.commit()
    answers = {}
    for role in ROLES:
        client = app.test_client()
        if role != "anonymous":
            sign_in_client(client, world.users[Role(role)])
        values = row.values(world) if callable(row.values) else row.values
        with app.test_request_context():
            url = url_for(endpoint, **values)
        response = client.open(url, method=method, data=row.data)
        response.close()
        answers[role] = response.status_code
    assert answers == row.expected
