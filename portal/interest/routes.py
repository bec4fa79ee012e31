"""Candidates for an offer, offers that fit a participant, interest and consent.

Thin views: load through a scoped query, check the policy, validate, call one service,
commit, redirect 303 or render. Every page showing participant data writes one audit row.
Employers only ever see pseudonyms: a candidate is found again server-side among the
offer's own candidates, so no participant id reaches an employer.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.errors import FieldError
from portal.extensions import db
from portal.interest import cards, policies, queries, services
from portal.interest.forms import (
    CONSENT_METHOD_LABELS,
    DEFAULT_COVERS,
    AnswerForm,
    InterestForm,
    ProposeForm,
    WithdrawConsentForm,
    WithdrawInterestForm,
)
from portal.interest.models import ConsentMethod
from portal.matching import service as matching
from portal.offers.queries import get_offer_for
from portal.participants.models import Participant
from portal.participants.states import ParticipantStatus
from portal.participants.queries import get_participant_or_404
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

candidates_bp = Blueprint("candidates", __name__)
bp = Blueprint("interest", __name__, url_prefix="/interest")


def _user():
    return current_user._get_current_object()


@candidates_bp.context_processor
@bp.context_processor
def card_helpers():
    return {
        "card_rows": cards.card_rows,
        "reason_text": cards.reason_text,
        "first_name": services.first_name,
        "consent_in_force": services.consent_in_force,
        "candidate_name": matching.candidate_name,
        "method_labels": CONSENT_METHOD_LABELS,
    }


def _candidates(offer):
    return matching.candidates_for_offer(offer, today_in_stockholm(), proposed_ids=services.proposed_ids(offer))


@candidates_bp.get("/offers/<int:offer_id>/candidates")
@roles_required(Role.EMPLOYER, Role.COORDINATOR)
def for_offer(offer_id: int):
    offer = get_offer_for(_user(), offer_id)
    if not policies.can_see_candidates(_user(), offer):
        abort(403)
    candidates = _candidates(offer)
    interests = queries.interests_for_offer(offer)
    asked = {i.participant_id: i for i in interests}
    services.record_candidates_view(offer, [c.participant_id for c in candidates], actor=_user())
    db.session.commit()
    return render(
        "candidates/for_offer.html",
        offer=offer,
        data=matching.live_snapshot_data(offer),
        candidates=candidates,
        interests=interests,
        asked=asked,
        can_ask=policies.can_express_interest(_user(), offer),
        can_withdraw=lambda interest: policies.can_withdraw_interest(_user(), interest),
        withdraw_form=WithdrawInterestForm(formdata=None),
    )


@candidates_bp.post("/offers/<int:offer_id>/candidates/<pseudonym>/withdraw")
@roles_required(Role.EMPLOYER)
def withdraw_interest(offer_id: int, pseudonym: str):
    offer = get_offer_for(_user(), offer_id)
    interest = next(
        (
            i
            for i in queries.interests_for_offer(offer)
            if matching.candidate_name(i.organisation_id, i.participant_id) == pseudonym
        ),
        None,
    )
    if interest is None:
        abort(404)
    if not policies.can_withdraw_interest(_user(), interest):
        abort(403)
    if not WithdrawInterestForm().validate_on_submit():
        abort(400)
    services.withdraw_interest(interest, actor=_user())
    db.session.commit()
    flash(_("Your request to meet %(name)s is taken back.", name=pseudonym), "success")
    return redirect(url_for("candidates.for_offer", offer_id=offer.id), 303)


@candidates_bp.route("/offers/<int:offer_id>/candidates/<pseudonym>/interest", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def express_interest(offer_id: int, pseudonym: str):
    offer = get_offer_for(_user(), offer_id)
    if not policies.can_express_interest(_user(), offer):
        abort(403)
    candidate = next((c for c in _candidates(offer) if c.pseudonym == pseudonym), None)
    if candidate is None:
        abort(404)
    form = InterestForm()
    if form.validate_on_submit():
        participant = db.session.get(Participant, candidate.participant_id)
        try:
            services.express_interest(offer, participant, employer=_user(), message=form.message.data or "")
        except FieldError as error:
            show_field_error(form, error)
            db.session.rollback()
        else:
            db.session.commit()
            flash(
                _("The consultant has been told that you want to meet %(name)s. You will hear back by e-mail.", name=pseudonym),
                "success",
            )
            return redirect(url_for("candidates.for_offer", offer_id=offer.id), 303)
    services.record_candidates_view(offer, [candidate.participant_id], actor=_user(), page="interest")
    db.session.commit()
    return render(
        "candidates/interest.html",
        offer=offer,
        data=matching.live_snapshot_data(offer),
        candidate=candidate,
        form=form,
        status=422 if form.errors else 200,
    )


@candidates_bp.get("/participants/<int:participant_id>/offers")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def for_participant(participant_id: int):
    participant = get_participant_or_404(_user(), participant_id)
    fitting = matching.offers_for_participant(participant, today_in_stockholm())
    proposed = services.proposed_offer_ids(participant)
    services.record_fitting_offers_view(participant, [f.offer.id for f in fitting], actor=_user())
    db.session.commit()
    return render(
        "candidates/for_participant.html",
        participant=participant,
        fitting=fitting,
        proposed=proposed,
        can_propose=policies.can_propose(_user(), participant),
        form=ProposeForm(),
    )


@candidates_bp.post("/participants/<int:participant_id>/offers/<int:offer_id>/propose")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def propose(participant_id: int, offer_id: int):
    participant = get_participant_or_404(_user(), participant_id)
    if not policies.can_propose(_user(), participant):
        abort(403)
    offer = get_offer_for(_user(), offer_id)
    if not ProposeForm().validate_on_submit():
        abort(400)
    try:
        services.propose_participant(offer, participant, actor=_user())
    except FieldError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("%(name)s is proposed: the employer sees the card first, marked as suggested by the unit.", name=participant.name), "success")
    return redirect(url_for("candidates.for_participant", participant_id=participant.id), 303)


# The consultant's side of interest


@bp.get("")
@roles_required(Role.CONSULTANT)
def tasks():
    interests = queries.open_interests_for(_user())
    if interests:
        services.record_interest_list_view([i.participant_id for i in interests], actor=_user())
    db.session.commit()
    return render("interest/tasks.html", interests=interests)


def _detail_page(interest, form, *, status: int = 200):
    services.record_interest_view(interest, actor=_user())
    db.session.commit()
    return render(
        "interest/detail.html",
        interest=interest,
        form=form,
        withdraw_form=WithdrawConsentForm(formdata=None),
        can_answer=policies.can_answer_interest(_user(), interest),
        can_withdraw=policies.can_withdraw_consent(_user(), interest),
        can_place=policies.can_withdraw_consent(_user(), interest)
        and interest.participant.status == ParticipantStatus.ACTIVE,
        title=(matching.live_snapshot_data(interest.offer) or {}).get("title") or interest.offer.title,
        status=status,
    )


@bp.route("/<int:interest_id>", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def detail(interest_id: int):
    interest = queries.get_interest_or_404(_user(), interest_id)
    form = AnswerForm()
    if form.is_submitted() and not policies.can_answer_interest(_user(), interest):
        abort(403)
    if not form.is_submitted():
        form.covers.data = str(DEFAULT_COVERS)
        form.given_on.data = today_in_stockholm()
    if form.validate_on_submit():
        agrees = form.answer.data == "agrees"
        consent = services.ConsentDetails(
            method=ConsentMethod(form.method.data) if form.method.data else None,
            given_on=form.given_on.data,
            covers=form.covers.data or "",
        )
        try:
            services.answer_interest(interest, agrees=agrees, actor=_user(), consent=consent)
        except FieldError as error:
            db.session.rollback()
            interest = queries.get_interest_or_404(_user(), interest_id)
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The answer is recorded and the employer has been told."), "success")
            return redirect(url_for("interest.detail", interest_id=interest.id), 303)
    return _detail_page(interest, form, status=422 if form.errors else 200)


@bp.post("/<int:interest_id>/withdraw-consent")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def withdraw_consent(interest_id: int):
    interest = queries.get_interest_or_404(_user(), interest_id)
    if not policies.can_withdraw_consent(_user(), interest):
        abort(403)
    if not WithdrawConsentForm().validate_on_submit():
        abort(400)
    services.withdraw_consent(interest, actor=_user())
    db.session.commit()
    flash(_("The withdrawal is recorded. The employer no longer sees the first name or your contact details."), "success")
    return redirect(url_for("interest.detail", interest_id=interest.id), 303)

