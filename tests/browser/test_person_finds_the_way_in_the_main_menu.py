"""Each role's main menu fits on one line at 1280 px, stacks on a 320 px phone, and opens its groups
by keyboard and without JavaScript; every page passes axe with a group open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from portal.demo.accounts import DEMO_PASSWORD
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app

DEMO_USERS = ["koordinator@demo.brygga.se", "konsulent@demo.brygga.se", "arbetsgivare@demo.brygga.se"]
# One row of links is 2.75rem (44 px) high; a second row would make the menu at least 88 px.
ONE_LINE = 60


def _sign_in(page, email: str) -> None:
    page.goto("/sign-in")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, email)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")


def _menu_height(page) -> float:
    # Measured once the page and its style sheet have loaded: a page switching language reloads,
    # and on a busy machine the new document can be laid out unstyled for a moment.
    page.wait_for_load_state("load")
    return page.locator(".site-nav-row").bounding_box()["height"]


@pytest.fixture
def demo(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0


@pytest.mark.parametrize("email", DEMO_USERS)
def test_the_menu_is_one_line_on_a_desktop_in_both_languages(demo, page, email):
    _sign_in(page, email)
    assert _menu_height(page) < ONE_LINE
    page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert _menu_height(page) < ONE_LINE


@pytest.mark.parametrize("email", DEMO_USERS)
def test_the_menu_stacks_on_a_phone_without_sideways_scrolling(demo, page, email):
    _sign_in(page, email)
    for width in (320, 360):
        page.set_viewport_size({"width": width, "height": 740})
        for summary in page.locator(".site-nav summary").all():
            summary.click()
        scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll_width <= width, f"{scroll_width} px wide at {width} px"
    check_axe(page)


def test_a_group_opens_by_keyboard_and_marks_the_current_page(demo, page):
    _sign_in(page, "konsulent@demo.brygga.se")
    page.goto("/availability")
    summary = page.locator(".site-nav summary", has_text="Möten och tider")
    expect(summary).to_have_class("menu-link menu-current")
    summary.focus()
    page.keyboard.press("Enter")
    current = page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mina tider")
    expect(current).to_be_visible()
    expect(current).to_have_attribute("aria-current", "page")
    check_axe(page)


def test_without_javascript_every_link_of_a_group_is_reachable(demo, page_without_javascript):
    page = page_without_javascript
    _sign_in(page, "konsulent@demo.brygga.se")
    page.locator(".site-nav summary", has_text="Möten och tider").click()
    page.get_by_role("link", name="Kalenderlänk").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/calendar")
    check_axe(page)
