"""The main menu, built in Python from the routes' own access rules; base.html only renders it.

An item is shown when its route's `roles_required` lets the user in (`may_open`), so the menu
never keeps a second list of who may go where. Items sit in groups so that the menu fits on one
line: a group with one item shown is a plain link, a group with more is a disclosure. The
account's links (change password, sign out) are a small group of their own, always in view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.web.authorization import may_open


@dataclass(frozen=True)
class Entry:
    """One possible link: where it goes, what it says, and which pages count as being there."""

    endpoint: str
    label: str
    # Other endpoints, or whole blueprints written "name.*", whose pages make this item current.
    current_on: tuple[str, ...] = ()
    # The URL's values for this user, or None when the link has no page for them.
    values: Callable[[object], dict | None] = lambda user: {}
    method: str = "get"


@dataclass(frozen=True)
class MenuItem:
    endpoint: str
    label: str
    url: str
    current: bool
    method: str = "get"


@dataclass(frozen=True)
class MenuGroup:
    label: str
    items: tuple[MenuItem, ...]

    @property
    def current(self) -> bool:
        return any(item.current for item in self.items)

    @property
    def is_disclosure(self) -> bool:
        return len(self.items) > 1


@dataclass(frozen=True)
class Menu:
    groups: tuple[MenuGroup, ...]
    account: MenuGroup


def _own_organisation(user) -> dict | None:
    return {"organisation_id": user.organisation_id} if user.organisation_id else None


# The groups in the order they are shown.
GROUPS: tuple[tuple[str, tuple[Entry, ...]], ...] = (
    (_l("Overview"), (Entry("site.dashboard", _l("Overview")),)),
    (_l("Offers"), (Entry("offers.index", _l("Offers"), ("offers.*",)),)),
    (_l("Participants"), (Entry("participants.index", _l("Participants"), ("participants.*",)),)),
    (_l("Placements"), (Entry("placements.index", _l("Placements"), ("placements.*",)),)),
    (_l("Review"), (Entry("review.queue", _l("Review"), ("review.*",)),)),
    (_l("Employers"), (Entry("employers.queue", _l("Employers"), ("employers.detail",)),)),
    (_l("Staff"), (Entry("accounts.staff", _l("Staff")),)),
    (
        _l("Log and figures"),
        (Entry("audit.search", _l("Audit log")), Entry("reports.figures", _l("Figures"), ("reports.*",))),
    ),
    (_l("Units"), (Entry("admin.units", _l("Units"), ("admin.invite_coordinator",)),)),
    (_l("Projects"), (Entry("admin.projects", _l("Projects")),)),
    (
        _l("Meetings and times"),
        (
            Entry("meetings.index", _l("Meetings"), ("meetings.*", "followups.*")),
            Entry("availability.availability", _l("My available times"), ("availability.*",)),
            Entry("meetings.calendar_link", _l("Calendar link")),
        ),
    ),
    (_l("To do"), (Entry("interest.tasks", _l("To do"), ("interest.*",)),)),
    (
        _l("Your organisation"),
        (
            Entry(
                "employers.detail",
                _l("Your organisation"),
                ("employers.invite", "employers.leave"),
                values=_own_organisation,
            ),
        ),
    ),
)

ACCOUNT: tuple[Entry, ...] = (
    Entry("accounts.sign_ins", _l("Recent sign-ins")),
    Entry("accounts.change_password", _l("Change password")),
    Entry("accounts.sign_out", _l("Sign out"), method="post"),
)


def _is_current(entry: Entry, endpoint: str | None) -> bool:
    if endpoint is None:
        return False
    blueprint = endpoint.partition(".")[0]
    return endpoint == entry.endpoint or endpoint in entry.current_on or f"{blueprint}.*" in entry.current_on


def _items(user, entries: tuple[Entry, ...], endpoint: str | None) -> tuple[MenuItem, ...]:
    items = []
    # A page that is an item of its own is current there alone, not also under its blueprint's item.
    exact = any(entry.endpoint == endpoint for entry in entries)
    for entry in entries:
        values = entry.values(user)
        if values is None or not may_open(user, entry.endpoint):
            continue
        url = url_for(entry.endpoint, **values)
        current = entry.endpoint == endpoint if exact else _is_current(entry, endpoint)
        items.append(MenuItem(entry.endpoint, str(entry.label), url, current, entry.method))
    return tuple(items)


def main_menu(user, endpoint: str | None) -> Menu | None:
    """The menu for a signed-in user on the page `endpoint`; None for a visitor."""
    if not user.is_authenticated:
        return None
    groups = tuple(
        MenuGroup(str(label), items) for label, entries in GROUPS if (items := _items(user, entries, endpoint))
    )
    account = MenuGroup(_("Signed in as %(name)s", name=user.name), _items(user, ACCOUNT, endpoint))
    return Menu(groups, account)
