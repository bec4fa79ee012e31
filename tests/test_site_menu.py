"""The main menu per role: which groups and items, which one is current, and that every link opens."""

from __future__ import annotations

import pytest
from flask_babel import force_locale
from flask_login import AnonymousUserMixin

from portal.accounts.models import Role
from portal.site.menu import main_menu
from portal.web.authorization import may_open
from tests import factories

CONSULTANT_MENU = [
    ("Overview", ["site.dashboard"]),
    ("Offers", ["offers.index"]),
    ("Participants", ["participants.index"]),
    ("Placements", ["placements.index"]),
    ("Meetings and times", ["meetings.index", "availability.availability", "meetings.calendar_link"]),
    ("To do", ["interest.tasks"]),
]
COORDINATOR_MENU = [
    ("Overview", ["site.dashboard"]),
    ("Offers", ["offers.index"]),
    ("Participants", ["participants.index"]),
    ("Placements", ["placements.index"]),
    ("Review", ["review.queue"]),
    ("Employers", ["employers.queue"]),
    ("Staff", ["accounts.staff"]),
    ("Log and figures", ["audit.search", "reports.figures"]),
]
EMPLOYER_MENU = [
    ("Overview", ["site.dashboard"]),
    ("Offers", ["offers.index"]),
    ("Placements", ["placements.index"]),
    ("Meetings and times", ["meetings.index", "meetings.calendar_link"]),
    ("Your organisation", ["employers.detail"]),
]


@pytest.fixture
def in_request(app, db):
    with app.test_request_context(), force_locale("en"):
        yield


def _shape(menu) -> list[tuple[str, list[str]]]:
    return [(group.label, [item.endpoint for item in group.items]) for group in menu.groups]


@pytest.mark.parametrize(
    ("role", "expected"),
    [(Role.CONSULTANT, CONSULTANT_MENU), (Role.COORDINATOR, COORDINATOR_MENU), (Role.EMPLOYER, EMPLOYER_MENU)],
)
def test_each_role_gets_its_groups_and_items(in_request, role, expected):
    user = factories.make_user(role=role, name="Kim Berg")
    menu = main_menu(user, "site.dashboard")
    assert _shape(menu) == expected
    assert [item.endpoint for item in menu.account.items] == ["accounts.sign_ins", "accounts.change_password", "accounts.sign_out"]
    assert [item.method for item in menu.account.items] == ["get", "get", "post"]
    assert menu.account.label == "Signed in as Kim Berg"


def test_a_group_of_one_is_a_plain_link_and_a_group_of_several_a_disclosure(in_request):
    employer = main_menu(factories.make_user(role=Role.EMPLOYER), None)
    consultant = main_menu(factories.make_user(role=Role.CONSULTANT), None)
    assert [group.is_disclosure for group in employer.groups] == [False, False, False, True, False]
    assert [group.is_disclosure for group in consultant.groups] == [False, False, False, False, True, False]


def test_the_employer_reaches_their_own_organisation(in_request):
    employer = factories.make_user(role=Role.EMPLOYER)
    menu = main_menu(employer, None)
    assert menu.groups[-1].items[0].url == f"/organisations/{employer.organisation_id}"


@pytest.mark.parametrize(
    ("endpoint", "current_group", "current_item"),
    [
        ("site.dashboard", "Overview", "site.dashboard"),
        ("offers.detail", "Offers", "offers.index"),
        ("participants.new", "Participants", "participants.index"),
        ("placements.detail", "Placements", "placements.index"),
        ("availability.availability", "Meetings and times", "availability.availability"),
        ("followups.record", "Meetings and times", "meetings.index"),
        ("interest.detail", "To do", "interest.tasks"),
    ],
)
def test_the_page_shown_marks_one_item_and_its_group_current(in_request, endpoint, current_group, current_item):
    menu = main_menu(factories.make_user(role=Role.CONSULTANT), endpoint)
    assert [group.label for group in menu.groups if group.current] == [current_group]
    assert [item.endpoint for group in menu.groups for item in group.items if item.current] == [current_item]


def test_a_page_outside_the_menu_marks_nothing_current(in_request):
    menu = main_menu(factories.make_user(role=Role.COORDINATOR), "accounts.change_password")
    assert [group for group in menu.groups if group.current] == []
    assert [item.endpoint for item in menu.account.items if item.current] == ["accounts.change_password"]
    assert not any(group.current for group in main_menu(factories.make_user(role=Role.COORDINATOR), None).groups)


def test_a_visitor_gets_no_menu(in_request):
    assert main_menu(AnonymousUserMixin(), "site.home") is None


def test_the_menu_asks_the_routes_own_role_rule(in_request):
    coordinator = factories.make_user(role=Role.COORDINATOR)
    consultant = factories.make_user(role=Role.CONSULTANT)
    assert may_open(coordinator, "accounts.staff") and not may_open(consultant, "accounts.staff")
    assert may_open(consultant, "availability.availability") and not may_open(coordinator, "availability.availability")
    # A view with only login_required is open to everyone signed in.
    assert may_open(consultant, "accounts.change_password")
    assert not may_open(AnonymousUserMixin(), "accounts.change_password")


@pytest.mark.parametrize(("role", "links"), [("consultant", 10), ("coordinator", 11), ("employer", 8)])
def test_every_link_in_the_menu_opens_for_the_user(client, login_as, role, links):
    login_as(role, preferred_language="en")
    page = client.get("/dashboard").get_data(as_text=True)
    hrefs = [line.split('href="')[1].split('"')[0] for line in page.splitlines() if 'class="menu-link" href="' in line]
    assert len(hrefs) == links
    for href in hrefs:
        assert client.get(href).status_code == 200, href


def test_the_rendered_menu_marks_the_current_page_and_signs_out_with_a_form(client, login_as):
    login_as("consultant", preferred_language="en")
    page = client.get("/dashboard").get_data(as_text=True)
    assert '<a class="menu-link" href="/dashboard" aria-current="page">Overview</a>' in page
    assert page.count('aria-current="page"') == 1
    assert '<summary class="menu-link">Meetings and times</summary>' in page
    assert '<form method="post" action="/sign-out" class="inline-form">' in page
