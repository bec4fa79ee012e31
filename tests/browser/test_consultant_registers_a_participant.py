"""A consultant registers a participant (after one mistake), finds them in the caseload and opens the record."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app

pytestmark = pytest.mark.browser


def test_consultant_registers_a_participant_and_opens_the_record(page, db):
    factories.make_user(role=Role.CONSULTANT, name="Ahmed Hassan", email="ahmed@kommun.se")
    db.session.commit()
    too_young = today_in_stockholm().year - 20

    page.goto("/sign-in")
    check_axe(page)
    page.get_by_label("E-postadress").fill("ahmed@kommun.se")
    page.get_by_label("Lösenord").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, "ahmed@kommun.se", axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen, Ahmed Hassan")
    check_axe(page)

    page.get_by_role("link", name="Deltagare", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina deltagare")
    expect(page.get_by_text("Det finns inga deltagare att visa.")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Registrera en deltagare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrera en deltagare")
    check_axe(page)

    # A mistake first: a birth year outside 25–64, and no area chosen.
    page.get_by_label("Namn").fill("Hodan Warsame")
    page.get_by_label("Födelseår").fill(str(too_young))
    page.get_by_label("Kvinna").check()
    page.get_by_label("Vad personen vill och kan göra").fill("Vill jobba i kök, gärna förmiddagar.")
    page.get_by_label("Hotell och restaurang").check()
    tasks_done = page.get_by_role("group", name="Uppgifter som personen har gjort")
    tasks_done.get_by_text("Hotell och restaurang").click()  # opens the industry's group
    tasks_done.get_by_label("Diska och ställa in porslin").check()
    page.get_by_label("Lite – enstaka ord och korta fraser").check()
    page.get_by_label("Somaliska").check()
    page.get_by_label("Minst antal timmar i veckan").fill("10")
    page.get_by_label("Högst antal timmar i veckan").fill("20")
    page.get_by_label("Dagtid").check()
    page.get_by_label("Buss eller tåg").check()
    page.get_by_role("group", name="Har personen körkort (B)?").get_by_label("Nej").check()
    page.get_by_label("Behöver instruktioner som visas, inte skrivna").check()
    page.get_by_role("button", name="Registrera deltagaren").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Det finns ett problem")
    expect(summary).to_contain_text("Programmet är för personer som är 25 till 64 år")
    expect(summary).to_contain_text("Välj minst ett område som personen kan ta sig till")
    expect(page).to_have_title("Fel: Registrera en deltagare – Brygga")
    expect(page.get_by_label("Namn")).to_have_value("Hodan Warsame")
    expect(page.get_by_label("Födelseår")).to_have_value(str(too_young))
    expect(page.get_by_label("Vad personen vill och kan göra")).to_have_value("Vill jobba i kök, gärna förmiddagar.")
    expect(page.get_by_label("Somaliska")).to_be_checked()
    expect(page.get_by_role("group", name="Uppgifter som personen har gjort").get_by_label("Diska och ställa in porslin")).to_be_checked()
    check_axe(page)

    summary.get_by_role("link", name="Välj minst ett område som personen kan ta sig till").click()
    page.get_by_label("Centrum").check()
    page.get_by_label("Norrby").check()
    page.get_by_label("Födelseår").fill("1987")
    page.get_by_role("button", name="Registrera deltagaren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Hodan Warsame")
    expect(page.get_by_role("status")).to_contain_text("Hodan Warsame finns nu bland dina deltagare.")
    expect(page.get_by_text("Diska och ställa in porslin")).to_be_visible()
    expect(page.get_by_text("Behöver instruktioner som visas, inte skrivna")).to_be_visible()
    check_axe(page)

    page.get_by_role("link", name="Tillbaka till deltagarna").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dina deltagare")
    row = page.get_by_role("row", name="Hodan Warsame")
    expect(row).to_contain_text("Aktiv")
    expect(row).to_contain_text("Lite")
    check_axe(page)

    row.get_by_role("link", name="Hodan Warsame").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hodan Warsame")
    expect(page.get_by_text("Vill jobba i kök, gärna förmiddagar.")).to_be_visible()
    check_axe(page)
