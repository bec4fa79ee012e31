"""Units and projects: the municipality list, creating them (services, the command line, the
administrator's pages), the administrator who sees no participant, and the unit new records get."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from portal.accounts.models import Invitation, Role, User
from portal.errors import FieldError
from portal.outbox.delivery import send_due
from portal.units import services
from portal.units.models import Project, Unit
from portal.units.municipalities import DATA, municipalities, municipality
from tests import factories
from tests.authz import ADMIN
from tests.helpers import enrol_second_factor, link_in
from tests.participant_factories import make_participant
from tests.test_audit_every_view import ROLES_SHOWN_NONE, SHOWS_PARTICIPANT_DATA
from tests.test_authorization_matrix import MATRIX

PASSWORD = "ett långt och bra lösenord 2026"

# The municipality list


def test_the_list_holds_sweden_s_290_municipalities_each_once():
    rows = json.loads(DATA.read_text("utf-8"))["municipalities"]
    assert len(rows) == 290
    assert len({row["code"] for row in rows}) == 290
    assert len({row["name"] for row in rows}) == 290
    assert all(len(row["code"]) == 4 and row["code"].isdigit() and row["code"].startswith(row["county"]) for row in rows)
    assert len({m.county for m in municipalities().values()}) == 21


@pytest.mark.parametrize(
    ("code", "name", "county"),
    [
        ("0180", "Stockholm", "Stockholms län"),
        ("1480", "Göteborg", "Västra Götalands län"),
        ("1280", "Malmö", "Skåne län"),
        ("1080", "Karlskrona", "Blekinge län"),
        ("1082", "Karlshamn", "Blekinge län"),
        ("0380", "Uppsala", "Uppsala län"),
        ("2480", "Umeå", "Västerbottens län"),
        ("2584", "Kiruna", "Norrbottens län"),
        ("0980", "Gotland", "Gotlands län"),
        ("0330", "Knivsta", "Uppsala län"),
    ],
)
def test_well_known_municipalities_have_their_official_codes(code, name, county):
    found = municipality(code)
    assert (found.name, found.county) == (name, county)


# Services


def test_a_unit_needs_a_real_municipality_code_and_a_new_name(db):
    unit = services.create_unit(name=" Arbetsmarknadsenheten Karlskrona ", municipality_code="1080")
    assert (unit.name, unit.municipality.name, unit.name_in_email) == ("Arbetsmarknadsenheten Karlskrona", "Karlskrona", unit.name)
    for code in ("0000", "108", "10800", "abcd", ""):
        with pytest.raises(FieldError) as error:
            services.create_unit(name="Annan", municipality_code=code)
        assert error.value.field == "municipality_code"
    with pytest.raises(FieldError) as error:
        services.create_unit(name="arbetsmarknadsenheten karlskrona", municipality_code="1082")
    assert error.value.field == "name"


@pytest.mark.parametrize("number", ["2019/00387", "2024/12345", ""])
def test_an_esf_number_is_a_year_and_five_digits_or_nothing(number):
    assert services.check_esf_number(number) == number


@pytest.mark.parametrize("number", ["2019-00387", "19/00387", "2019/0387", "2019/003870", "ESF 2019/00387"])
def test_other_esf_numbers_are_refused(number):
    with pytest.raises(FieldError) as error:
        services.check_esf_number(number)
    assert error.value.field == "esf_number"


def test_a_project_is_run_by_units_for_a_period(db):
    karlskrona = services.create_unit(name="Enheten Karlskrona", municipality_code="1080")
    karlshamn = services.create_unit(name="Enheten Karlshamn", municipality_code="1082")
    project = services.create_project(
        name="Vägen in", esf_number="2019/00387", reports_to_esf=True, starts_on=date(2027, 1, 1),
        ends_on=date(2028, 12, 31), units=[karlskrona, karlshamn], target_group="Unga vuxna utan gymnasieexamen",
    )
    assert [unit.name for unit in project.units] == ["Enheten Karlshamn", "Enheten Karlskrona"]
    assert karlskrona.projects == [project]
    cases = [
        ({"ends_on": date(2026, 12, 31)}, "ends_on"),
        ({"units": []}, "units"),
        ({"esf_number": "", "reports_to_esf": True}, "esf_number"),
        ({"name": "vägen in"}, "name"),
    ]
    for change, field in cases:
        values = {"name": "Annat", "starts_on": date(2027, 1, 1), "ends_on": date(2027, 6, 30), "units": [karlskrona], **change}
        with pytest.raises(FieldError) as error:
            services.create_project(**values)
        assert error.value.field == field


def test_the_installation_unit_is_the_only_one_or_none(db):
    assert services.installation_unit() is None
    first = factories.make_unit()
    assert services.installation_unit() == first
    factories.make_unit()
    assert services.installation_unit() is None


# The command line


def test_the_administrator_and_the_first_unit_are_made_on_the_command_line(app, db):
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["units", "create", "--name", "Enheten", "--municipality", "9999"])
    assert refused.exit_code == 1 and "290" in refused.output
    made = runner.invoke(args=["units", "create", "--name", "Arbetsmarknadsenheten Karlskrona", "--municipality", "1080"])
    assert made.exit_code == 0, made.output
    assert "Created unit Arbetsmarknadsenheten Karlskrona (1080 Karlskrona)" in made.output
    runner.invoke(args=["units", "create", "--name", "Arbetsmarknadsenheten Karlshamn", "--municipality", "1082"])

    admin = runner.invoke(args=["users", "create", "--role", "admin", "--email", "Admin@Example.se", "--name", "Ada Admin",
                                "--password", PASSWORD])
    assert admin.exit_code == 0, admin.output
    user = db.session.scalar(select(User).where(User.email == "admin@example.se"))
    assert (user.role, user.unit_id) == (Role.ADMIN, None)

    # With two units a coordinator's unit must be named.
    unnamed = runner.invoke(args=["users", "create", "--role", "coordinator", "--email", "k@example.se", "--name", "K",
                                  "--password", PASSWORD])
    assert unnamed.exit_code == 1 and "--unit" in unnamed.output
    named = runner.invoke(args=["users", "create", "--role", "coordinator", "--unit", "Arbetsmarknadsenheten Karlshamn",
                                "--email", "k@example.se", "--name", "K", "--password", PASSWORD])
    assert named.exit_code == 0, named.output
    assert db.session.scalar(select(User).where(User.email == "k@example.se")).unit.name == "Arbetsmarknadsenheten Karlshamn"

    project = runner.invoke(args=["projects", "create", "--name", "ViS", "--unit", "Arbetsmarknadsenheten Karlskrona",
                                  "--unit", "Arbetsmarknadsenheten Karlshamn", "--starts", "2027-01-01", "--ends", "2028-12-31",
                                  "--esf-number", "2019/00387", "--reports-to-esf"])
    assert project.exit_code == 0, project.output
    stored = db.session.scalar(select(Project))
    assert (stored.esf_number, stored.reports_to_esf, len(stored.units)) == ("2019/00387", True, 2)


def test_a_migrated_unit_s_placeholder_code_is_corrected_on_the_command_line(app, db):
    factories.make_unit(name="Arbetsmarknadsenheten", municipality_code="0000")
    db.session.commit()
    runner = app.test_cli_runner()
    assert "unknown municipality" in runner.invoke(args=["units", "list"]).output
    result = runner.invoke(args=["units", "set-municipality", "--unit", "Arbetsmarknadsenheten", "--municipality", "1082"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(Unit.municipality_code)) == "1082"


# The administrator's pages


def test_the_administrator_creates_a_unit_and_sees_the_message_beside_a_wrong_code(client, db, login_as):
    login_as("admin")
    typed = {"name": "Arbetsmarknadsenheten Ronneby", "municipality_code": "1099", "contact_name": "Siv Kontakt",
             "contact_email": "siv@example.se", "contact_phone": "0457-123 45", "email_name": ""}
    refused = client.post("/admin/units", data=typed)
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "Ange en av Sveriges 290 kommunkoder" in page
    assert 'value="Arbetsmarknadsenheten Ronneby"' in page and 'value="1099"' in page and 'value="Siv Kontakt"' in page
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0

    hours = client.post("/admin/units", data={**typed, "municipality_code": "1081", "opens_at": "16:00", "closes_at": "8 am"})
    assert hours.status_code == 422 and "timmar:minuter" in hours.get_data(as_text=True)
    backwards = client.post("/admin/units", data={**typed, "municipality_code": "1081", "opens_at": "16:00", "closes_at": "08:00"})
    assert backwards.status_code == 422 and "sluta efter" in backwards.get_data(as_text=True)
    made = client.post("/admin/units", data={**typed, "municipality_code": "1081", "opens_at": "08:00", "closes_at": "16:30"})
    assert (made.status_code, made.location) == (303, "/admin/units")
    listed = client.get("/admin/units").get_data(as_text=True)
    assert "Arbetsmarknadsenheten Ronneby" in listed and "1081 Ronneby (Blekinge län)" in listed and "08:00–16:30" in listed


def test_the_administrator_creates_a_project_with_its_units(client, db, login_as):
    karlskrona = factories.make_unit(name="Enheten Karlskrona")
    karlshamn = factories.make_unit(name="Enheten Karlshamn", municipality_code="1082")
    login_as("admin")
    data = {"name": "ViS", "esf_number": "2019-387", "reports_to_esf": "yes", "starts_on": "2027-01-01",
            "ends_on": "2028-12-31", "units": [karlskrona.id, karlshamn.id], "target_group": "Unga vuxna"}
    refused = client.post("/admin/projects", data=data)
    assert refused.status_code == 422
    assert "2019/00387" in refused.get_data(as_text=True) and 'value="2019-387"' in refused.get_data(as_text=True)
    no_units = client.post("/admin/projects", data={**data, "esf_number": "2019/00387", "units": []})
    assert no_units.status_code == 422 and "Välj minst en enhet" in no_units.get_data(as_text=True)
    bad_date = client.post("/admin/projects", data={**data, "esf_number": "2019/00387", "ends_on": "31/12"})
    assert bad_date.status_code == 422
    assert client.post("/admin/projects", data={**data, "esf_number": "2019/00387"}).status_code == 303
    page = client.get("/admin/projects").get_data(as_text=True)
    assert "ViS" in page and "Enheten Karlshamn, Enheten Karlskrona" in page


def test_the_administrator_invites_a_unit_s_first_coordinator_who_joins_that_unit(app, client, db, login_as, mailbox):
    unit = factories.make_unit(name="Arbetsmarknadsenheten Karlshamn", municipality_code="1082")
    login_as("admin")
    assert client.get(f"/admin/units/{unit.id + 1000}/coordinator").status_code == 404
    refused = client.post(f"/admin/units/{unit.id}/coordinator", data={"name": "Kim", "email": "inte-en-adress", "language": "sv"})
    assert refused.status_code == 422 and 'value="Kim"' in refused.get_data(as_text=True)
    sent = client.post(f"/admin/units/{unit.id}/coordinator", data={"name": "Kim Koordinator", "email": "kim@example.se", "language": "sv"})
    assert sent.status_code == 303
    invitation = db.session.scalar(select(Invitation))
    assert (invitation.role, invitation.unit_id) == (Role.COORDINATOR, unit.id)

    assert send_due() == (1, 0)
    [message] = mailbox.to("kim@example.se")
    invited = app.test_client()
    path = link_in(mailbox.text_of(message))
    assert invited.post(path, data={"name": "Kim Koordinator", "password": PASSWORD, "confirm": PASSWORD}).status_code == 303
    enrol_second_factor(invited)
    coordinator = db.session.scalar(select(User).where(User.email == "kim@example.se"))
    assert (coordinator.role, coordinator.unit_id) == (Role.COORDINATOR, unit.id)

    # The coordinator's own invitations bring colleagues into the same unit.
    assert invited.post("/staff", data={"name": "Ny", "email": "ny@example.se", "role": "consultant", "language": "sv"}).status_code == 303
    assert db.session.scalar(select(Invitation.unit_id).where(Invitation.email == "ny@example.se")) == unit.id


def test_the_administrator_s_menu_and_home_show_only_units_and_projects(client, db, login_as):
    make_participant(name="Synlig Deltagare")
    admin = login_as("admin")
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Synlig Deltagare" not in page
    assert "1 enhet" in page and "0 projekt" in page
    with client.application.test_request_context():
        from portal.site.menu import main_menu

        menu = main_menu(admin, "site.dashboard")
    assert [item.endpoint for group in menu.groups for item in group.items] == ["site.dashboard", "admin.units", "admin.projects"]


def test_the_administrator_opens_no_page_with_participant_data():
    for endpoint in SHOWS_PARTICIPANT_DATA:
        if (endpoint, ADMIN) in ROLES_SHOWN_NONE:
            continue
        for (row_endpoint, _method), row in MATRIX.items():
            if row_endpoint == endpoint:
                assert row.expected[ADMIN] in (403, 404), (endpoint, row.expected[ADMIN])


def test_no_unit_s_coordinator_switches_the_administrator_off(db):
    from portal.accounts.policies import can_switch_off_account

    assert not can_switch_off_account(factories.make_user(role=Role.COORDINATOR), factories.make_user(role=Role.ADMIN))


# New records get their unit


def test_a_participant_joins_the_consultant_s_unit(db):
    from portal.participants.services import ParticipantDetails, register_participant
    from portal.reference.vocabulary import SwedishLevel

    factories.make_unit(name="Först")
    other = factories.make_unit(name="Lillby", municipality_code="1082")
    consultant = factories.make_user(role=Role.CONSULTANT, unit=other)
    participant = register_participant(consultant, ParticipantDetails(
        name="A", birth_year=1980, gender="woman", swedish_level=SwedishLevel.GOOD,
        hours_per_week_min=1, hours_per_week_max=2, available_from=date(2027, 1, 1),
        times_of_day=["daytime"], areas=["centrum"], travel=["walk"],
    ))
    assert (participant.unit_id, participant.project_id) == (other.id, None)


def _register_employer(number: str, email: str):
    from portal.employers.models import OrganisationKind
    from portal.employers.services import RegistrationDetails, register_organisation

    return register_organisation(RegistrationDetails(
        organisation_name="Bageriet AB", organisation_number=number, kind=OrganisationKind.COMPANY, industry="C",
        street="Storgatan 1", postcode="37131", town="Karlskrona", contact_name="Bo Bagare", email=email,
        phone="0455-10 00 00", password=PASSWORD, language="sv",
    )).organisation


def test_an_employer_joins_the_installation_s_only_unit_and_waits_when_there_are_several(db):
    only = factories.make_unit(name="Enheten")
    assert _register_employer("556036-0793", "bo@example.se").unit_id == only.id
    factories.make_unit(name="Enheten två", municipality_code="1082")
    assert _register_employer("556703-7485", "bodil@example.se").unit_id is None


def test_an_administrator_made_on_the_command_line_sets_up_a_second_factor_first(app, db):
    from tests.helpers import sign_in_with_password_only

    result = app.test_cli_runner().invoke(
        args=["users", "create", "--role", "admin", "--email", "it@kommun.se", "--name", "It", "--password", PASSWORD]
    )
    assert result.exit_code == 0, result.output
    client = app.test_client()
    assert sign_in_with_password_only(client, "it@kommun.se", PASSWORD).location == "/sign-in/second-factor"
    assert client.get("/admin/units").location.startswith("/sign-in/second-factor")
    reset = app.test_cli_runner().invoke(args=["users", "reset-second-factor", "it@kommun.se"])
    assert reset.exit_code == 0, reset.output
