"""What the overview shows each role: a sentence saying who they are here, and shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.accounts.models import Role
from portal.web.authorization import may_open


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str


@dataclass(frozen=True)
class Dashboard:
    introduction: str
    shortcuts: tuple[Shortcut, ...]
    # An employer's overview starts with where their organisation stands in the vetting.
    shows_organisation_status: bool


SHORTCUTS = {
    Role.COORDINATOR: (
        ("accounts.staff", _l("Staff and invitations")),
        ("participants.index", _l("All participants")),
        ("site.undelivered_mail", _l("Undelivered e-mail")),
        ("reports.figures", _l("Figures for a month, a quarter or a year")),
    ),
    Role.CONSULTANT: (("participants.index", _l("Your participants")), ("participants.new", _l("Register a participant"))),
    Role.EMPLOYER: (),
    Role.ADMIN: (("admin.units", _l("Units and their coordinators")), ("admin.projects", _l("Projects"))),
}


def _introduction(user) -> str:
    if user.role == Role.COORDINATOR:
        return _("You are signed in as employment coordinator.")
    if user.role == Role.CONSULTANT:
        return _("You are signed in as labour-market consultant.")
    if user.role == Role.ADMIN:
        return _("You are signed in as the installation's administrator. You see units and projects, never participants.")
    return _("You are signed in for %(organisation)s.", organisation=user.organisation.name)


def dashboard_for(user) -> Dashboard:
    shortcuts = tuple(
        Shortcut(str(label), url_for(endpoint)) for endpoint, label in SHORTCUTS[user.role] if may_open(user, endpoint)
    )
    return Dashboard(_introduction(user), shortcuts, shows_organisation_status=user.organisation is not None)
