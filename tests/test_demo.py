"""`flask demo load`: demo people a newcomer can sign in as, loaded once, never in production."""

from __future__ import annotations

import re

import pyotp
import pytest
from sqlalchemy import func, select

from portal.accounts.models import Role, User
from portal.accounts.passwords import password_problems
from portal.audit.models import AuditEvent
from portal.employers.models import Organisation
from tests.conftest import ROOT
from tests.helpers import sign_in_with_password_only

LOGIN_LINE = re.compile(r"^\s+(employer|coordinator|consultant|admin)\s+(\S+@\S+)\s+(\S+)(?:\s+([A-Z2-7]{32}))?\s*$", re.M)


def _load(app):
    return app.test_cli_runner().invoke(args=["demo", "load"])


def _counts(db) -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (User, Organisation, AuditEvent)
    }


def test_demo_load_creates_staff_and_employers_in_every_vetting_state(app, db):
    result = _load(app)

    assert result.exit_code == 0, result.output
    logins = LOGIN_LINE.findall(result.output)
    # Storvik's coordinator and two consultants, Lillby's coordinator and consultant, the administrator.
    assert sorted(role for role, _, _, _ in logins) == ["admin"] + ["consultant"] * 3 + ["coordinator"] * 2 + ["employer"] * 7
    roles = {role: db.session.scalar(select(func.count()).where(User.role == role)) for role in Role}
    # One more employer than printed: the unconfirmed registrant, who cannot sign in yet.
    assert roles == {Role.COORDINATOR: 2, Role.CONSULTANT: 3, Role.EMPLOYER: 8, Role.ADMIN: 1}
    organisations = list(db.session.scalars(select(Organisation)))
    states = sorted(organisation.status.value for organisation in organisations)
    assert states == ["approved"] * 3 + ["pending"] * 2 + ["rejected", "unconfirmed"]
    for organisation in organisations:
        assert len(organisation.users) >= 1
        assert all(user.role == Role.EMPLOYER for user in organisation.users)
    printed = {email for _, email, _, _ in logins}
    assert printed == set(db.session.scalars(select(User.email).where(User.active.is_(True))))


def test_demo_load_twice_adds_nothing(app, db):
    assert _load(app).exit_code == 0
    before = _counts(db)
    second = _load(app)
    assert second.exit_code == 0, second.output
    assert _counts(db) == before
    assert len(LOGIN_LINE.findall(second.output)) == 13  # the logins are printed again


def test_demo_load_refuses_in_production_and_creates_nothing(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "PRODUCTION", True)
    result = _load(app)
    assert result.exit_code == 1
    assert "Refusing to load demo data" in result.output
    assert "production" in result.output
    assert _counts(db) == {"User": 0, "Organisation": 0, "AuditEvent": 0}


@pytest.fixture
def demo_logins(app, db) -> list[tuple[str, str, str, str]]:
    result = _load(app)
    assert result.exit_code == 0, result.output
    return LOGIN_LINE.findall(result.output)


def test_every_demo_user_can_sign_in_with_the_printed_password(app, demo_logins):
    for role, email, password, secret in demo_logins:
        assert password_problems(password, email=email) == []  # the demo follows the app's own rules
        client = app.test_client()
        response = sign_in_with_password_only(client, email, password)
        assert response.status_code == 303, (role, email)
        if role == "employer":
            assert not secret
        else:
            # Staff: the printed key, added to an app, gives the code of the second step.
            assert response.location == "/sign-in/code", (role, email)
            response = client.post("/sign-in/code", data={"code": pyotp.TOTP(secret).now()})
            assert response.status_code == 303, (role, email)
        assert client.get("/dashboard").status_code == 200


def test_the_readme_names_each_demo_staff_key_beside_its_account(demo_logins):
    readme = (ROOT / "README.md").read_text("utf-8")
    staff = [(email, secret) for role, email, _, secret in demo_logins if role != "employer"]
    assert len(staff) == 6 and len({secret for _, secret in staff}) == 6
    for email, secret in staff:
        row = next(line for line in readme.splitlines() if line.startswith("|") and f"`{email}`" in line)
        assert f"`{secret}`" in row, email


def test_the_demo_has_two_fictional_units_running_one_project(app, db, demo_logins):
    from portal.units.models import Project, Unit

    units = {unit.name: unit for unit in db.session.scalars(select(Unit))}
    assert {name: unit.municipality.name for name, unit in units.items()} == {
        "Arbetsmarknadsenheten Storvik": "Karlskrona", "Arbetsmarknadsenheten Lillby": "Karlshamn",
    }
    [project] = db.session.scalars(select(Project))
    assert sorted(unit.name for unit in project.units) == sorted(units)
    unit_of = dict(db.session.execute(select(User.email, Unit.name).join(Unit, User.unit_id == Unit.id)).all())
    assert unit_of == {
        "koordinator@demo.brygga.se": "Arbetsmarknadsenheten Storvik",
        "konsulent@demo.brygga.se": "Arbetsmarknadsenheten Storvik",
        "konsulent2@demo.brygga.se": "Arbetsmarknadsenheten Storvik",
        "koordinator.lillby@demo.brygga.se": "Arbetsmarknadsenheten Lillby",
        "konsulent.lillby@demo.brygga.se": "Arbetsmarknadsenheten Lillby",
    }
    assert {organisation.unit.name for organisation in db.session.scalars(select(Organisation))} == {"Arbetsmarknadsenheten Storvik"}
    # The README's demo logins say which unit each staff member belongs to.
    readme = (ROOT / "README.md").read_text("utf-8")
    for email, unit in unit_of.items():
        row = next(line for line in readme.splitlines() if line.startswith("|") and f"`{email}`" in line)
        assert unit.removeprefix("Arbetsmarknadsenheten ") in row, email
