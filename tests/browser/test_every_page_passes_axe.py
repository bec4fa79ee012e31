"""Each kind of user walks every page they can reach from the menu in the demo, and each passes axe.

The stories check the pages of their journeys; this walk catches a page no story passes.
One URL per shape (/offers/7 and /offers/8 are the same page) keeps it quick.
"""

from __future__ import annotations

import re
from collections import deque

import pytest
from playwright.sync_api import expect

from portal.demo.accounts import DEMO_PASSWORD
from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app

SKIP = re.compile(r"^/(static/|sign-out|language)|\.(pdf|ics|json)$|/calendar/")
MAX_PAGES = 60


def _shape(path: str) -> str:
    return re.sub(r"/[0-9]+|/K-[0-9A-Z]+|/[A-Za-z0-9_-]{30,}", "/N", path.split("?")[0])


@pytest.mark.parametrize(
    "email",
    ["koordinator@demo.brygga.se", "konsulent@demo.brygga.se", "arbetsgivare@demo.brygga.se"],
)
def test_every_page_a_demo_user_reaches_passes_axe(app, page, live_server, email):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    page.goto("/sign-in")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    type_code_from_the_app(page, email, axe=check_axe)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Välkommen")

    seen_shapes: set[str] = set()
    queue = deque(["/dashboard"])
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.popleft()
        shape = _shape(path)
        if shape in seen_shapes or SKIP.search(path.split("?")[0]):
            continue
        seen_shapes.add(shape)
        response = page.goto(path)
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        visited += 1
        check_axe(page)
        for href in page.eval_on_selector_all("main a[href^='/'], nav a[href^='/']", "els => els.map(e => e.getAttribute('href'))"):
            if _shape(href) not in seen_shapes:
                queue.append(href)
    assert visited >= 8, f"only {visited} pages reached: is the demo loaded?"
