"""Following a link of the main menu, as a person does: open its group first if it sits in one."""

from __future__ import annotations


def follow_menu_link(page, name: str) -> None:
    """Click the main menu's link called `name` (exactly), opening the group it sits in when closed."""
    link = page.locator("nav.site-nav").get_by_role("link", name=name, exact=True, include_hidden=True)
    group = link.locator("xpath=ancestor::details[1]")
    if group.count() and group.get_attribute("open") is None:
        group.locator("summary").click()
    link.click()
