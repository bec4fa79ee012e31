"""The coordinator erases a participant's data on request (GDPR art. 17): one page, one form.

The page explains what is erased and what is kept and lists the holds; while a hold applies it
offers no form and a post is refused (409). The request commits once, after the view.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.participants import queries
from portal.participants.policies import can_erase_participant
from portal.participants.services import record_participant_view
from portal.privacy.erasure import erase_participant, erasure_holds
from portal.privacy.forms import ErasureForm
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page

bp = Blueprint("privacy", __name__, url_prefix="/participants")


@bp.route("/<int:participant_id>/erase", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def erase(participant_id: int):
    user = signed_in_user()
    participant = queries.get_participant_or_404(user, participant_id)
    if not can_erase_participant(user, participant):
        abort(403)
    holds, form = erasure_holds(participant), ErasureForm()
    if not holds and form.validate_on_submit() and not refused(form, erase_participant, participant, reason=form.reason.data, actor=user):
        flash(_("The participant's data has been erased. The log keeps that it was done, and why."), "success")
        return redirect(url_for("participants.index"), 303)
    status = 409 if holds and request.method == "POST" else 422 if form.errors else 200
    return _erasure_page(participant, form=form, holds=holds, status=status, user=user)


def _erasure_page(participant, *, form, holds, status: int, user):
    """The page names the participant: its audit row is written, and kept when the page refuses (4xx)."""
    record_participant_view(participant, actor=user, page="erase")
    if status >= 400:
        keep_changes_of_refused_page()
    return render("privacy/erase.html", participant=participant, form=form, holds=holds, status=status)
