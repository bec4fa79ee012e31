"""A participant's export (GDPR art. 15): the page that explains it, and its PDF and JSON files."""

from __future__ import annotations

from flask import Blueprint, Response, abort, url_for
from flask_login import current_user

from portal.accounts.models import Role
from portal.participants.queries import get_participant_or_404
from portal.participants.services import record_participant_view
from portal.privacy import export
from portal.privacy.export_pdf import render_export_pdf
from portal.privacy.export_policies import can_export_participant
from portal.web.authorization import roles_required, signed_in_user
from portal.web.rendering import render

bp = Blueprint("export", __name__, url_prefix="/participants")


@bp.app_template_global()
def participant_export_url(participant) -> str | None:
    """The participant page's link to the export, for those who may export."""
    if current_user.is_authenticated and can_export_participant(current_user, participant):
        return url_for("export.page", participant_id=participant.id)
    return None


def _exportable(participant_id: int):
    user = signed_in_user()
    participant = get_participant_or_404(user, participant_id)
    if not can_export_participant(user, participant):
        abort(403)
    return user, participant


@bp.get("/<int:participant_id>/export")
@roles_required(Role.COORDINATOR)
def page(participant_id: int):
    user, participant = _exportable(participant_id)
    record_participant_view(participant, actor=user, page="export")
    data = export.participant_export(participant, reader=user)
    return render("privacy/export.html", participant=participant, counts={s: len(data[s]) for s in export.SECTIONS})


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<int:participant_id>/export.pdf")
@roles_required(Role.COORDINATOR)
def pdf(participant_id: int):
    user, participant = _exportable(participant_id)
    export.record_export(participant, actor=user, export_format="pdf")
    body = render_export_pdf(export.participant_export(participant, reader=user))
    return _download(body, "application/pdf", f"brygga-participant-{participant.id}.pdf")


@bp.get("/<int:participant_id>/export.json")
@roles_required(Role.COORDINATOR)
def json(participant_id: int):
    user, participant = _exportable(participant_id)
    export.record_export(participant, actor=user, export_format="json")
    body = export.export_json(export.participant_export(participant, reader=user))
    return _download(body, "application/json", f"brygga-participant-{participant.id}.json")
