"""The coordinator's review queue, the review page and the decision."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.offers import policies
from portal.offers.forms import family_choices
from portal.offers.queries import get_offer_for
from portal.offers.states import APPROVED_STATES
from portal.review import queries, services
from portal.review.forms import DecisionForm, typed_comments, typed_families
from portal.review.models import Decision
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.app_context_processor
def review_templates_context() -> dict[str, Any]:
    # The offer pages (offers sits below review and never imports it) show the coordinator's
    # standing comments and decisions through these: offer_comments(offer), offer_reviews(offer).
    return {"offer_comments": queries.open_comments, "offer_reviews": queries.reviews_of}


@bp.get("")
@roles_required(Role.COORDINATOR)
def queue():
    # htmx refreshes the table every minute (block "queue"); without JavaScript the page has a link to reload.
    return render("review/queue.html", block="queue", items=services.review_queue(signed_in_user()))


def offer_to_review(offer_id: int):
    reviewer = signed_in_user()
    offer = get_offer_for(reviewer, offer_id)
    if not policies.can_review_offers(reviewer):
        abort(403)
    return offer


def review_page(
    offer, form, comments: dict[str, str] | None = None, *, families: dict[str, str] | None = None,
    notice: str | None = None, status: int = 200,
):
    under_review = queries.submission_under_review(offer)
    if status != 422:
        # After a 422 the form keeps the version it was made on, so a change meanwhile is still refused.
        form.decide_on(under_review.pending)
    return render(
        "review/offer.html",
        offer=offer,
        review=under_review,
        inputs=comments or {},
        families=families or {},
        family_options=family_choices(),
        form=form,
        notice=notice,
        approved_states=APPROVED_STATES,
        status=status,
    )


@bp.get("/<int:offer_id>")
@roles_required(Role.COORDINATOR)
def offer(offer_id: int):
    return review_page(offer_to_review(offer_id), DecisionForm())


@bp.post("/<int:offer_id>")
@roles_required(Role.COORDINATOR)
def decide(offer_id: int):
    offer = offer_to_review(offer_id)
    form, comments, families = DecisionForm(), typed_comments(request.form), typed_families(request.form)
    try:
        if form.validate():
            services.decide(offer, snapshot_id=form.snapshot_id.data, decision=Decision(form.decision.data),
                            reason=form.reason.data, comments=comments, families=families, reviewer=signed_in_user())
            flash(_("Your decision has been saved and the employer has been told by e-mail."), "success")
            return redirect(url_for("review.queue"), 303)
    except FieldError as error:
        show_field_error(form, error)
    except services.StaleDecision:  # and DecisionConflict: the page shows the offer as it is now
        return review_page(offer, form, comments, families=families, notice=stale_notice(offer), status=409)
    return review_page(offer, form, comments, families=families, status=422)


def stale_notice(offer) -> str:
    if offer.pending_snapshot_id is None:
        return _("Your decision was not saved: someone else has already decided on this offer, or the employer has withdrawn it.")
    return _("Your decision was not saved: the employer changed the offer after you opened it. This is the new version; read it and decide again.")
