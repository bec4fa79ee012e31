"""Placements: the consultant records one, starts and ends it; employers see their own.

Thin views: load through a scoped query, check the policy, validate, call one service,
redirect 303 or render; the request commits once (portal/web/unit_of_work.py). Pages that
show participant data write one audit row, kept on a refused (422) page too.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.interest import queries as interest_queries
from portal.offers.fields import PLACEMENT_LABELS
from portal.offers.queries import get_offer_for
from portal.participants.queries import get_participant_or_404
from portal.placements import policies, queries, services
from portal.placements.forms import (
    CADENCE_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    PlacementForm,
    StatusForm,
)
from portal.placements.states import PlacementStatus
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused, show_field_error
from portal.web.query import arg_id, whole_number
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page

bp = Blueprint("placements", __name__, url_prefix="/placements")


@bp.context_processor
def helpers():
    # Offer titles come from the app-wide offer_title(offer) (portal/offers/visibility.py).
    return {
        "shown_name": lambda placement: services.participant_name_for(signed_in_user(), placement),
        "status_labels": STATUS_LABELS,
        "kind_labels": PLACEMENT_LABELS,
        "cadence_labels": CADENCE_LABELS,
        "outcome_labels": OUTCOME_LABELS,
    }


@bp.get("")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def index():
    user = signed_in_user()
    placements = queries.placements_for(user)
    services.record_placements_view(placements, actor=user)
    return render(
        "placements/index.html",
        placements=placements,
        can_record=policies.can_record_placement(user),
        staff=policies.can_see_participant_details(user),
    )


def _agreed_interest(user):
    """The agreed interest named by ?interest= (or the form's hidden field on a POST); None if none is named."""
    if request.method == "POST":
        value = request.form.get("interest")
        interest_id = None if not value else whole_number(value)
        if value and interest_id is None:
            abort(404)
    else:
        interest_id = arg_id("interest")
    if interest_id is None:
        return None
    return interest_queries.get_agreed_interest_or_404(user, interest_id)


def _form_defaults(user, interest):
    """A new form starts from the agreed interest, or from ?participant= (one of the consultant's own)."""
    if request.method != "GET":
        return None
    participant_id = arg_id("participant")
    participant = get_participant_or_404(user, participant_id) if participant_id is not None else None
    return services.placement_defaults(user, interest, participant)


def _recorded(user, form, interest):
    """Record the placement from the form; None (with the error beside its field) when the service refuses."""
    participant = get_participant_or_404(user, int(form.participant.data))
    offer_id = int(form.offer.data)
    offer = interest.offer if interest is not None and interest.offer_id == offer_id else get_offer_for(user, offer_id)
    try:
        return services.record_placement(offer, participant, actor=user, **form.placement_details())
    except FieldError as error:
        show_field_error(form, error)
        return None


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def new():
    user = signed_in_user()
    if not policies.can_record_placement(user):
        abort(403)
    interest = _agreed_interest(user)
    choices = services.placement_form_choices(user, interest)
    form = PlacementForm(choices, data=_form_defaults(user, interest))
    placement = _recorded(user, form, interest) if form.validate_on_submit() else None
    if placement is not None:
        flash(_("The placement is recorded. %(name)s is now marked as placed.", name=placement.participant.name), "success")
        return redirect(url_for("placements.detail", placement_id=placement.id), 303)
    services.record_placement_form_view(choices, actor=user)
    return render("placements/new.html", form=form, interest=interest, status=422 if form.errors else 200)


def _detail_page(placement, form, *, status: int = 200):
    user = signed_in_user()
    services.record_placement_view(placement, actor=user)
    if status >= 400:
        keep_changes_of_refused_page()
    return render(
        "placements/detail.html",
        placement=placement,
        form=form,
        can_start=policies.can_start_placement(user, placement),
        can_end=policies.can_end_placement(user, placement),
        staff=policies.can_see_participant_details(user),
        status=status,
    )


@bp.get("/<int:placement_id>")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def detail(placement_id: int):
    placement = queries.get_placement_or_404(signed_in_user(), placement_id)
    return _detail_page(placement, StatusForm(formdata=None))


@bp.post("/<int:placement_id>/status")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def change_status(placement_id: int):
    user = signed_in_user()
    placement = queries.get_placement_or_404(user, placement_id)
    if not policies.can_end_placement(user, placement):  # its own consultant, while it runs
        abort(403)
    form = StatusForm()
    if not form.validate():
        abort(400)
    if not policies.can_move_placement(user, placement, form.target()):
        abort(403)
    if refused(form, services.change_placement_status, placement, form.target(), actor=user, outcome=form.chosen_outcome()):
        return _detail_page(placement, form, status=422)
    flash(_("The placement has started.") if form.target() is PlacementStatus.ACTIVE else _("The placement has ended."), "success")
    return redirect(url_for("placements.detail", placement_id=placement.id), 303)
