"""The record of processing (GDPR art. 30) as a page for the coordinator."""

from __future__ import annotations

from flask import Blueprint

from portal.accounts.models import Role
from portal.privacy.record import record_entries
from portal.privacy.retention import PERIODS
from portal.web.authorization import roles_required
from portal.web.rendering import render

bp = Blueprint("processing_record", __name__, url_prefix="/privacy")


@bp.get("/record")
@roles_required(Role.COORDINATOR)
def show():
    # Kinds of data, purposes and periods: no one's data, so no audit row.
    return render("privacy/record.html", entries=record_entries(), periods=PERIODS)
