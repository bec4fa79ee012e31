"""The authorization matrix: for every endpoint and method, what each kind of visitor gets.

Each domain keeps its rows in a module here (ROWS); test_authorization_matrix.py walks
every rule in app.url_map and fails on an endpoint that has no row or answers otherwise.
A row's `values` builds the URL's arguments from the `World` of records made for the test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ANONYMOUS = "anonymous"
EMPLOYER = "employer"
CONSULTANT = "consultant"
COORDINATOR = "coordinator"
# The installation's administrator: units and projects only, never a participant.
ADMIN = "admin"
ROLES = (ANONYMOUS, EMPLOYER, CONSULTANT, COORDINATOR, ADMIN)
SIGN_IN_REDIRECT = 302  # flask-login sends anonymous visitors to the sign-in page


@dataclass(frozen=True)
class Row:
    expected: dict[str, int]
    values: Callable[[Any], dict[str, Any]] | dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def signed_in(status: int) -> dict[str, int]:
    return {ANONYMOUS: SIGN_IN_REDIRECT, EMPLOYER: status, CONSULTANT: status, COORDINATOR: status, ADMIN: status}


def only(*roles: str, status: int = 200, others: int = 403) -> dict[str, int]:
    expected = {role: others for role in ROLES}
    expected[ANONYMOUS] = SIGN_IN_REDIRECT
    for role in roles:
        expected[role] = status
    return expected
