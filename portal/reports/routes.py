"""The coordinator's dashboard of figures for a month, a quarter or a year, and its exports."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.reports import services
from portal.reports.charts import bar_chart
from portal.reports.periods import current_quarter, parse_period, periods_offered
from portal.web.authorization import roles_required, signed_in_user
from portal.web.rendering import render

bp = Blueprint("reports", __name__, url_prefix="/dashboard/figures")


@bp.app_template_global()
def figures_chart(table):
    return bar_chart(table, services.hidden_words())


def _chosen():
    """The period the URL names (this quarter when none), or None with the error to show."""
    text = request.args.get("period", "")[:20]
    if not text:
        return current_quarter(today_in_stockholm()), None
    period = parse_period(text)
    return period, None if period else _("Choose a month, a quarter or a year from the list")


@bp.get("")
@roles_required(Role.COORDINATOR)
def figures():
    period, error = _chosen()
    choices = periods_offered(today_in_stockholm())
    if error:
        return render("reports/figures.html", block="figures", figures=None, error=error, choices=choices,
                      chosen=request.args.get("period", "")[:20], status=422)
    return render("reports/figures.html", block="figures", figures=services.figures_of(period), error=None,
                  choices=choices, chosen=period.key, hidden_words=services.hidden_words())


@bp.get("/export.<any(csv, xlsx):file_format>")
@roles_required(Role.COORDINATOR)
def export(file_format: str):
    period, error = _chosen()
    if error:
        abort(404)
    content, media_type, filename = services.export_figures(period, file_format, actor=signed_in_user())
    response = Response(content, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
