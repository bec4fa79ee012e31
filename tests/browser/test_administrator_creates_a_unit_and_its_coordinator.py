"""The installation's administrator creates a unit and a project, and invites the unit's first
coordinator, who chooses a password and belongs to that unit. Swedish and English, axe on every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.outbox.delivery import send_due
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, sign_in, sign_out
from tests.browser.sign_in_steps import set_up_the_app_from_the_page
from tests.helpers import link_in

WORDS = {
    "sv": {**SV, "welcome": "Välkommen, Alva Öberg", "units": "Enheter", "projects": "Projekt",
           "unit_name": "Enhetens namn", "code": "Kommunkod", "create_unit": "Skapa enheten",
           "wrong_code": "Ange en av Sveriges 290 kommunkoder", "created": "Enheten Arbetsmarknadsenheten Karlshamn är skapad",
           "project_name": "Projektets namn", "starts": "Börjar", "ends": "Slutar", "create_project": "Skapa projektet",
           "invite": "Bjud in en sysselsättningskoordinator", "name": "Namn", "send": "Skicka inbjudan",
           "sent": "Inbjudan har skickats till kim@karlshamn.se", "account": "Skapa ditt konto",
           "new_password": "Nytt lösenord", "repeat": "Skriv det nya lösenordet igen", "create_account": "Skapa kontot",
           "coordinator": "Du är inloggad som sysselsättningskoordinator.", "participants": "Deltagare"},
    "en": {**EN, "welcome": "Welcome, Alva Öberg", "units": "Units", "projects": "Projects",
           "unit_name": "The unit's name", "code": "Municipality code", "create_unit": "Create the unit",
           "wrong_code": "Give one of Sweden's 290 municipality codes", "created": "The unit Arbetsmarknadsenheten Karlshamn is created",
           "project_name": "The project's name", "starts": "Starts", "ends": "Ends", "create_project": "Create the project",
           "invite": "Invite a coordinator", "name": "Name", "send": "Send the invitation",
           "sent": "The invitation has been sent to kim@karlshamn.se", "participants": "Participants"},
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_administrator_creates_a_unit_a_project_and_the_unit_s_coordinator(page, db, mailbox, live_server, language):
    w = WORDS[language]
    factories.make_unit(name="Arbetsmarknadsenheten Karlskrona", municipality_code="1080")
    factories.make_user(role=Role.ADMIN, email="alva@brygga.se", name="Alva Öberg", preferred_language=language)
    db.session.commit()

    sign_in(page, "alva@brygga.se", w)
    expect(page.get_by_role("heading", level=1)).to_have_text(w["welcome"])
    # The administrator's menu has units and projects, and no participants.
    expect(page.get_by_role("link", name=w["participants"], exact=True)).to_have_count(0)
    check_axe(page)

    page.get_by_role("navigation", name="Huvudmeny" if language == "sv" else "Main menu").get_by_role(
        "link", name=w["units"], exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["units"])
    check_axe(page)
    # A code no municipality has: the message beside the field, what was typed kept.
    page.get_by_label(w["unit_name"], exact=True).fill("Arbetsmarknadsenheten Karlshamn")
    page.get_by_label(w["code"], exact=True).fill("1089")
    page.get_by_role("button", name=w["create_unit"]).click()
    expect(page.get_by_role("alert")).to_contain_text(w["wrong_code"])
    expect(page.get_by_label(w["unit_name"], exact=True)).to_have_value("Arbetsmarknadsenheten Karlshamn")
    check_axe(page)
    page.get_by_label(w["code"], exact=True).fill("1082")
    page.get_by_role("button", name=w["create_unit"]).click()
    expect(page.get_by_role("status")).to_contain_text(w["created"])
    expect(page.get_by_role("row").filter(has_text="Arbetsmarknadsenheten Karlshamn")).to_contain_text("1082 Karlshamn")
    check_axe(page)

    page.get_by_role("link", name=w["projects"], exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(w["projects"])
    page.get_by_label(w["project_name"], exact=True).fill("ViS")
    page.get_by_label(w["starts"], exact=True).fill("2027-01-01")
    page.get_by_label(w["ends"], exact=True).fill("2028-12-31")
    page.get_by_label("Arbetsmarknadsenheten Karlskrona").check()
    page.get_by_label("Arbetsmarknadsenheten Karlshamn").check()
    page.get_by_role("button", name=w["create_project"]).click()
    expect(page.get_by_role("row").filter(has_text="ViS")).to_contain_text(
        "Arbetsmarknadsenheten Karlshamn, Arbetsmarknadsenheten Karlskrona"
    )
    check_axe(page)

    page.get_by_role("link", name=w["units"], exact=True).first.click()
    page.get_by_role("row").filter(has_text="Arbetsmarknadsenheten Karlshamn").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arbetsmarknadsenheten Karlshamn")
    check_axe(page)
    page.get_by_label(w["name"], exact=True).fill("Kim Koordinator")
    page.get_by_label(w["email"], exact=True).fill("kim@karlshamn.se")
    page.get_by_label("Svenska").check()
    page.get_by_role("button", name=w["send"]).click()
    expect(page.get_by_role("status")).to_contain_text(w["sent"])
    check_axe(page)
    sign_out(page, w)

    assert send_due() == (1, 0)
    (message,) = mailbox.to("kim@karlshamn.se")
    # The coordinator is invited in Swedish, whatever the administrator's own language.
    sv = WORDS["sv"]
    page.goto(link_in(mailbox.text_of(message), live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text(sv["account"])
    check_axe(page)
    page.get_by_label(sv["new_password"], exact=True).fill("fyra ord som ingen gissar")
    page.get_by_label(sv["repeat"], exact=True).fill("fyra ord som ingen gissar")
    page.get_by_role("button", name=sv["create_account"]).click()
    set_up_the_app_from_the_page(page, axe=check_axe)
    expect(page.get_by_text(sv["coordinator"])).to_be_visible()
    check_axe(page)
    db.session.expire_all()
    coordinator = db.session.scalar(select(User).where(User.email == "kim@karlshamn.se"))
    assert (coordinator.role, coordinator.unit.name) == (Role.COORDINATOR, "Arbetsmarknadsenheten Karlshamn")
