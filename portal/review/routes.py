"""The coordinator's review queue, the review page and the decision."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.extensions import db
from portal.offers import fields as F
from portal.offers import policies, queries
from portal.review import services
from portal.review.forms import DecisionForm, typed_comments
from portal.review.models import Decision
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.get("")
@roles_required(Role.COORDINATOR)
def queue():
    return render("review/queue.html", items=services.review_queue())


@bp.route("/<int:offer_id>", methods=["GET", "POST"])
@roles_required(Role.COORDINATOR)
def offer(offer_id: int):
    offer = queries.get_offer_for(current_user, offer_id)
    if not policies.can_review_offers(current_user):
        abort(403)
    form = DecisionForm()
    inputs: dict[str, str] = {}
    notice = None
    status = 200
    if request.method == "POST":
        inputs = typed_comments(request.form)
        if form.validate():
            try:
                services.decide(
                    offer,
                    snapshot_id=form.snapshot_id.data,
                    decision=Decision(form.decision.data),
                    reason=form.reason.data,
                    comments=inputs,
                    reviewer=current_user._get_current_object(),
                )
            except FieldError as error:
                show_field_error(form, error)
            except services.StaleDecision:
                notice, status = _stale_notice(offer), 409
            except services.DecisionConflict:
                db.session.rollback()
                offer = queries.get_offer_for(current_user, offer_id)
                notice, status = _stale_notice(offer), 409
            else:
                db.session.commit()
                flash(_("Your decision has been saved and the employer has been told by e-mail."), "success")
                return redirect(url_for("review.queue"), 303)
        if status == 200:
            status = 422
    pending = offer.pending_snapshot
    if pending is not None and status != 422:
        # The decision form carries the version it is made on; after a refusal, the new one.
        form.snapshot_id.data, form.snapshot_id.raw_data = pending.id, None
    base = services.last_reviewed_snapshot(offer, pending) if pending else None
    changes = F.diff(base.data, pending.data) if base and pending else []
    changes_by_path = {change.path: change for change in changes}
    # A task-level marker for added tasks, so the summary can show "New" beside them.
    return render(
        "review/offer.html",
        offer=offer,
        pending=pending,
        base=base,
        changes=changes,
        changes_by_path=changes_by_path,
        flags=F.wording_flags(pending.data) if pending else {},
        inputs=inputs,
        form=form,
        notice=notice,
        reviews=queries.reviews_of(offer),
        status=status,
    )


def _stale_notice(offer) -> str:
    if offer.pending_snapshot_id is None:
        return _("Your decision was not saved: someone else has already decided on this offer, or the employer has withdrawn it.")
    return _("Your decision was not saved: the employer changed the offer after you opened it. This is the new version; read it and decide again.")
