"""Placements: the consultant records one, starts and ends it; employers see their own.

Thin views: load through a scoped query, check the policy, validate, call one service,
commit, redirect 303 or render. Pages that show participant data write one audit row.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.extensions import db
from portal.interest import queries as interest_queries
from portal.interest.services import consent_in_force, first_name
from portal.interest.states import InterestStatus
from portal.matching.service import live_snapshot_data
from portal.reference.vocabulary import PlacementKind
from portal.offers.fields import PLACEMENT_LABELS
from portal.offers.queries import get_offer_for, offers_for
from portal.participants.models import Participant
from portal.participants.queries import get_participant_or_404, visible_participants
from portal.participants.states import ParticipantStatus
from portal.placements import policies, queries, services
from portal.placements.forms import (
    CADENCE_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    PlacementForm,
    StatusForm,
)
from portal.placements.models import Placement
from portal.placements.states import FollowUpCadence, PlacementOutcome, PlacementStatus
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("placements", __name__, url_prefix="/placements")


def _user():
    return current_user._get_current_object()


def offer_title(offer) -> str:
    return (live_snapshot_data(offer) or {}).get("title") or offer.title


def shown_name(placement: Placement) -> str:
    """Staff see the name; the employer a first name while the participant's consent is in force."""
    if policies.shows_participant_details(_user()):
        return placement.participant.name
    if placement.interest is not None and consent_in_force(placement.interest) is not None:
        return first_name(placement.participant)
    return _("Name not shared")


@bp.context_processor
def helpers():
    return {
        "offer_title": offer_title,
        "shown_name": shown_name,
        "status_labels": STATUS_LABELS,
        "kind_labels": PLACEMENT_LABELS,
        "cadence_labels": CADENCE_LABELS,
        "outcome_labels": OUTCOME_LABELS,
    }


@bp.get("")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def index():
    placements = queries.placements_for(_user())
    if placements:
        services.record_placements_view(placements, actor=_user())
    db.session.commit()
    return render(
        "placements/index.html", placements=placements, can_record=policies.can_record_placement(_user())
    )


def _active_participants(user):
    return list(
        db.session.scalars(
            visible_participants(user).where(Participant.status == ParticipantStatus.ACTIVE).order_by(Participant.name)
        )
    )


def _form_choices(interest):
    """The consultant's active participants and the live offers; an agreed interest brings its own pair."""
    participants = _active_participants(_user())
    offers = offers_for(_user())
    if interest is not None:
        if interest.participant not in participants:
            participants.append(interest.participant)
        if interest.offer not in offers:
            offers.append(interest.offer)
    return participants, [(offer, offer_title(offer)) for offer in offers]


def _interest_from(value):
    """An agreed interest of the consultant's own, named by ?interest= or the hidden field; 404 otherwise."""
    if not value:
        return None
    try:
        interest_id = int(value)
    except ValueError:
        abort(404)
    interest = interest_queries.get_interest_or_404(_user(), interest_id)
    if interest.status != InterestStatus.AGREED:
        abort(404)
    return interest


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT)
def new():
    if not policies.can_record_placement(_user()):
        abort(403)
    interest = _interest_from(request.form.get("interest") if request.method == "POST" else request.args.get("interest"))
    participants, offers = _form_choices(interest)
    form = PlacementForm(participants, offers)
    if request.method == "GET":
        if interest is not None:
            form.interest.data = str(interest.id)
            form.participant.data = str(interest.participant_id)
            form.offer.data = str(interest.offer_id)
            form.kind.data = (live_snapshot_data(interest.offer) or {}).get("placement_kind") or interest.offer.placement_kind
            form.kind.data = getattr(form.kind.data, "value", form.kind.data)
        elif request.args.get("participant"):
            participant = get_participant_or_404(_user(), request.args.get("participant", type=int) or 0)
            form.participant.data = str(participant.id)
    elif form.validate():
        participant = get_participant_or_404(_user(), int(form.participant.data))
        offer = interest.offer if interest is not None and interest.offer_id == int(form.offer.data) else get_offer_for(
            _user(), int(form.offer.data)
        )
        try:
            placement = services.record_placement(
                offer,
                participant,
                actor=_user(),
                kind=PlacementKind(form.kind.data),
                start_date=form.start_date.data,
                end_date=form.end_date.data,
                cadence=FollowUpCadence(form.cadence.data),
            )
        except FieldError as error:
            db.session.rollback()
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The placement is recorded. %(name)s is now marked as placed.", name=participant.name), "success")
            return redirect(url_for("placements.detail", placement_id=placement.id), 303)
    return render(
        "placements/new.html", form=form, interest=interest, status=422 if form.errors else 200
    )


def _detail_page(placement, form, *, status: int = 200):
    services.record_placement_view(placement, actor=_user())
    db.session.commit()
    return render(
        "placements/detail.html",
        placement=placement,
        form=form,
        can_change=policies.can_change_placement_status(_user(), placement),
        staff=policies.shows_participant_details(_user()),
        status=status,
    )


@bp.get("/<int:placement_id>")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def detail(placement_id: int):
    placement = queries.get_placement_or_404(_user(), placement_id)
    return _detail_page(placement, StatusForm(formdata=None))


@bp.post("/<int:placement_id>/status")
@roles_required(Role.CONSULTANT, Role.COORDINATOR, Role.EMPLOYER)
def change_status(placement_id: int):
    placement = queries.get_placement_or_404(_user(), placement_id)
    if not policies.can_change_placement_status(_user(), placement):
        abort(403)
    form = StatusForm()
    if not form.validate() or form.to.data not in (PlacementStatus.ACTIVE.value, PlacementStatus.ENDED.value):
        abort(400)
    target = PlacementStatus(form.to.data)
    if not policies.can_move(placement, target):
        abort(403)
    outcome = PlacementOutcome(form.outcome.data) if form.outcome.data else None
    try:
        services.change_placement_status(placement, target, actor=_user(), outcome=outcome)
    except FieldError as error:
        db.session.rollback()
        placement = queries.get_placement_or_404(_user(), placement_id)
        show_field_error(form, error)
        return _detail_page(placement, form, status=422)
    db.session.commit()
    flash(_("The placement has started.") if target is PlacementStatus.ACTIVE else _("The placement has ended."), "success")
    return redirect(url_for("placements.detail", placement_id=placement.id), 303)
