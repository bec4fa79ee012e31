"""Candidates for an offer, offers that fit a participant, interest and consent.

Thin views: load through a scoped query, check the policy, validate, call one service,
redirect 303 or render; the request commits once (portal/web/unit_of_work.py). Every page
showing participant data writes one audit row, kept on a refused (422) page too.
Employers only ever see pseudonyms: a candidate is found again server-side among the
offer's own candidates, so no participant id reaches an employer.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.clock import today_in_stockholm
from portal.errors import FieldError
from portal.interest import cards, policies, queries, services
from portal.interest.forms import (
    CONSENT_METHOD_LABELS,
    STATUS_LABELS,
    AnswerForm,
    CandidateFilterForm,
    InterestForm,
    ProposeForm,
    WithdrawConsentForm,
    WithdrawInterestForm,
)
from portal.interest.states import AGREED_STATES, OPEN_STATES, TAKEN_BACK_STATES
from portal.matching import service as matching
from portal.offers.queries import get_offer_for
from portal.participants.queries import get_participant_or_404
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page

candidates_bp = Blueprint("candidates", __name__)
bp = Blueprint("interest", __name__, url_prefix="/interest")


@candidates_bp.context_processor
@bp.context_processor
def card_helpers():
    return {
        "card_rows": cards.card_rows,
        "reason_text": cards.reason_text,
        "name_for_employer": services.name_for_employer,
        "consent_in_force": services.consent_in_force,
        "candidate_name": matching.candidate_name,
        "method_labels": CONSENT_METHOD_LABELS,
        "status_labels": STATUS_LABELS,
        "open_states": OPEN_STATES,
        "agreed_states": AGREED_STATES,
        "taken_back_states": TAKEN_BACK_STATES,
    }


@candidates_bp.get("/offers/<int:offer_id>/candidates")
@roles_required(Role.EMPLOYER, Role.COORDINATOR)
def for_offer(offer_id: int):
    user = signed_in_user()
    offer = get_offer_for(user, offer_id)
    if not policies.can_see_candidates(user, offer):
        abort(403)
    filter_form = CandidateFilterForm(request.args)
    page = services.candidates_page(offer, today_in_stockholm(), viewer=user, show=filter_form.chosen())
    services.record_candidates_view(offer, [c.participant_id for c in page.candidates], actor=user)
    # A filter change from htmx gets the list alone; the plain GET form gets the whole page.
    return render(
        "candidates/for_offer.html", block="candidate_list", offer=offer, page=page, filter_form=filter_form,
        can_ask=policies.can_express_interest(user, offer), withdraw_form=WithdrawInterestForm(formdata=None),
        can_withdraw=lambda interest: policies.can_withdraw_interest(user, interest),
    )


@candidates_bp.post("/offers/<int:offer_id>/candidates/<pseudonym>/withdraw")
@roles_required(Role.EMPLOYER)
def withdraw_interest(offer_id: int, pseudonym: str):
    user = signed_in_user()
    interest = queries.interest_by_pseudonym_or_404(get_offer_for(user, offer_id), pseudonym)
    if not policies.can_withdraw_interest(user, interest):
        abort(403)
    if not WithdrawInterestForm().validate_on_submit():
        abort(400)
    services.withdraw_interest(interest, actor=user)
    flash(_("Your request to meet %(name)s is taken back.", name=pseudonym), "success")
    return redirect(url_for("candidates.for_offer", offer_id=offer_id), 303)


@candidates_bp.route("/offers/<int:offer_id>/candidates/<pseudonym>/interest", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def express_interest(offer_id: int, pseudonym: str):
    user = signed_in_user()
    offer = get_offer_for(user, offer_id)
    if not policies.can_express_interest(user, offer):
        abort(403)
    candidate = services.find_candidate(offer, pseudonym, today_in_stockholm())
    if candidate is None:
        abort(404)
    form = InterestForm()
    if form.validate_on_submit() and not refused(
        form, services.ask_to_meet, offer, candidate, employer=user, message=form.message.data or ""
    ):
        flash(_("The consultant has been told that you want to meet %(name)s. You will hear back by e-mail.", name=pseudonym), "success")
        return redirect(url_for("candidates.for_offer", offer_id=offer.id), 303)
    services.record_candidates_view(offer, [candidate.participant_id], actor=user, page="interest")
    return _form_page("candidates/interest.html", form, offer=offer, candidate=candidate)


@candidates_bp.get("/participants/<int:participant_id>/offers")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def for_participant(participant_id: int):
    user = signed_in_user()
    participant = get_participant_or_404(user, participant_id)
    fitting = matching.offers_for_participant(participant, today_in_stockholm())
    services.record_fitting_offers_view(participant, [f.offer.id for f in fitting], actor=user)
    return render(
        "candidates/for_participant.html",
        participant=participant,
        fitting=fitting,
        proposed=services.proposed_offer_ids(participant),
        can_propose=policies.can_propose_participant(user, participant),
        form=ProposeForm(),
    )


@candidates_bp.post("/participants/<int:participant_id>/offers/<int:offer_id>/propose")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def propose(participant_id: int, offer_id: int):
    user = signed_in_user()
    participant = get_participant_or_404(user, participant_id)
    if not policies.can_propose_participant(user, participant):
        abort(403)
    offer = get_offer_for(user, offer_id)
    if not ProposeForm().validate_on_submit():
        abort(400)
    try:
        services.propose_participant(offer, participant, actor=user)
    except FieldError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s is proposed: the employer sees the card first, marked as suggested by the unit.", name=participant.name), "success")
    return redirect(url_for("candidates.for_participant", participant_id=participant.id), 303)


# The consultant's side of interest


@bp.get("")
@roles_required(Role.CONSULTANT)
def tasks():
    interests = queries.open_interests_for(signed_in_user())
    services.record_interest_list_view([i.participant_id for i in interests], actor=signed_in_user())
    return render("interest/tasks.html", interests=interests)


def _form_page(template: str, form, **context):
    """A form page with participant data (its view already logged): sent back with mistakes it
    answers 422 and still keeps the view's audit row."""
    if form.errors:
        keep_changes_of_refused_page()
    return render(template, form=form, status=422 if form.errors else 200, **context)


def _detail_page(interest, form):
    user = signed_in_user()
    services.record_interest_view(interest, actor=user)
    return _form_page(
        "interest/detail.html",
        form,
        interest=interest,
        withdraw_form=WithdrawConsentForm(formdata=None),
        can_answer=policies.can_answer_interest(user, interest),
        can_withdraw=policies.can_withdraw_consent(user, interest),
        can_place=policies.can_place_from_interest(user, interest),
    )


@bp.route("/<int:interest_id>", methods=["GET", "POST"])
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def detail(interest_id: int):
    user = signed_in_user()
    interest = queries.get_interest_or_404(user, interest_id)
    form = AnswerForm()
    if form.is_submitted() and not policies.can_answer_interest(user, interest):
        abort(403)
    if form.validate_on_submit() and not refused(
        form, services.answer_interest, interest, agrees=form.agrees(), actor=user, consent=form.consent()
    ):
        flash(_("The answer is recorded and the employer has been told."), "success")
        return redirect(url_for("interest.detail", interest_id=interest.id), 303)
    return _detail_page(interest, form)


@bp.post("/<int:interest_id>/withdraw-consent")
@roles_required(Role.CONSULTANT, Role.COORDINATOR)
def withdraw_consent(interest_id: int):
    user = signed_in_user()
    interest = queries.get_interest_or_404(user, interest_id)
    if not policies.can_withdraw_consent(user, interest):
        abort(403)
    if not WithdrawConsentForm().validate_on_submit():
        abort(400)
    services.withdraw_consent(interest, actor=user)
    flash(_("The withdrawal is recorded. The employer no longer sees the first name or your contact details."), "success")
    return redirect(url_for("interest.detail", interest_id=interest.id), 303)
