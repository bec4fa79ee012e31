"""The coordinator's follow-up of the audit log (loggkontroll)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, request
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.site import audit_log
from portal.web.authorization import roles_required, signed_in_user
from portal.web.query import arg_id, arg_number
from portal.web.rendering import render

bp = Blueprint("audit", __name__, url_prefix="/audit")


def _date(name: str, errors: dict[str, str]) -> date | None:
    value = request.args.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = _("Write the date as 2026-12-01")
        return None


@bp.get("")
@roles_required(Role.COORDINATOR)
def search():
    errors: dict[str, str] = {}
    search = audit_log.LogSearch(
        participant=request.args.get("participant", "")[:200],
        participant_id=arg_id("participant_id"),
        user=request.args.get("user", "")[:200],
        action=request.args.get("action", "")[:80],
        date_from=_date("from", errors),
        date_to=_date("to", errors),
        page=arg_number("page") or 1,
    )
    if errors:
        return render("audit/search.html", search=search, result=None, errors=errors, args=request.args, status=422)
    result = audit_log.search_log(search, actor=signed_in_user())
    return render("audit/search.html", search=search, result=result, errors=errors, args=request.args)
