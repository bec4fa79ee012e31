"""The employer's offer wizard, check answers, submission and lifecycle; what others may read.

The blueprint and what the screens share live in screens.py; the task screens in task_routes.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.errors import FieldError

# The task screens and the CLI commands register on the same blueprint (screens.bp).
from portal.offers import (  # noqa: F401
    commands,
    policies,
    queries,
    readiness,
    services,
    task_routes,
    visibility,
)
from portal.offers import fields as F
from portal.offers.forms import STEP_FORMS, ConfirmForm
from portal.offers.lifecycle import SUBMIT
from portal.offers.screens import (
    autosave_screen,
    bp,
    editable_offer,
    employer_autosave,
    employer_form,
    open_screen_form,
    posted_form,
    save_screen,
    step_url,
    wizard_context,
)
from portal.offers.states import APPROVED_STATES, OfferStatus
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import show_field_error
from portal.web.rendering import render

FORM_STEPS = "any(workplace,schedule,adaptations,placement,supervisor)"


@bp.get("")
@roles_required(Role.EMPLOYER, Role.COORDINATOR, Role.CONSULTANT)
def index():
    user = signed_in_user()
    offers = queries.offers_for(user)
    return render(
        "offers/index.html",
        offers=offers,
        copies=visibility.visible_copies(user, offers),
        show_employer=policies.can_see_every_organisation(user),
        approved_states=APPROVED_STATES,
        status_labels=F.STATUS_LABELS,
        can_create=policies.can_create_offer(user),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def new():
    if not policies.can_create_offer(signed_in_user()):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        offer = services.create_offer(signed_in_user())
        return redirect(url_for("offers.step", offer_id=offer.id, step="workplace"), 303)
    return render("offers/new.html", form=form, steps=F.STEPS, status=422 if form.errors else 200)


# The screens of the wizard


def after_step(offer, step: str, return_to: str | None) -> str:
    following = F.STEP_NAMES[F.STEP_NAMES.index(step) + 1 : F.STEP_NAMES.index(step) + 2]
    if return_to == "check" or not following:
        return url_for("offers.check_answers", offer_id=offer.id)
    return step_url(offer, following[0])


def step_page(offer, step: str, form, *, resumed: bool = False, status: int = 200):
    return render(
        "offers/step.html",
        form=form,
        resumed=resumed,
        action=url_for("offers.step", offer_id=offer.id, step=step),
        autosave_url=url_for("offers.autosave", offer_id=offer.id, step=step),
        **wizard_context(offer, step),
        status=status,
    )


@bp.route(f"/<int:offer_id>/<{FORM_STEPS}:step>", methods=["GET", "POST"])
@employer_form
def step(offer_id: int, step: str):
    offer = editable_offer(offer_id)
    if request.method == "GET":
        form, resumed = open_screen_form(STEP_FORMS[step], offer)
        return step_page(offer, step, form, resumed=resumed)
    form = posted_form(STEP_FORMS[step])
    if save_screen(form, lambda values: services.save_offer_answers(offer, values)):
        return redirect(after_step(offer, step, form.return_to.data), 303)
    return step_page(offer, step, form, status=422)


@bp.post(f"/<int:offer_id>/<{FORM_STEPS}:step>/autosave")
@employer_autosave
def autosave(offer_id: int, step: str):
    offer = editable_offer(offer_id)
    form = posted_form(STEP_FORMS[step])
    return autosave_screen(form, lambda values: services.save_offer_answers(offer, values))


# Check answers, submission, the offer page


@bp.get("/<int:offer_id>/check")
@roles_required(Role.EMPLOYER)
def check_answers(offer_id: int):
    return check_page(editable_offer(offer_id), ConfirmForm())


def check_page(offer, form, status: int = 200):
    data = F.offer_data(offer)
    return render(
        "offers/check_answers.html",
        form=form,
        data=data,
        flags=F.wording_flags(data),
        missing=readiness.missing_answers(offer),
        may_submit=policies.can_submit_offer(signed_in_user(), offer),
        first_submission=offer.status in SUBMIT.sources,
        is_approved=offer.status in APPROVED_STATES,
        change_links={"offer_id": offer.id, "step": lambda name: step_url(offer, name, return_to="check")},
        **wizard_context(offer, "check"),
        status=status,
    )


@bp.post("/<int:offer_id>/submit")
@roles_required(Role.EMPLOYER)
def submit(offer_id: int):
    offer = editable_offer(offer_id)
    if not policies.can_submit_offer(signed_in_user(), offer):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.submit_offer(offer, signed_in_user())
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("Thank you! The offer has been sent to the employment coordinator, who will review it."), "success")
            return redirect(url_for("offers.detail", offer_id=offer.id), 303)
    return check_page(offer, form, status=422)


@bp.get("/<int:offer_id>")
@roles_required(Role.EMPLOYER, Role.COORDINATOR, Role.CONSULTANT)
def detail(offer_id: int):
    user = signed_in_user()
    offer = queries.get_offer_for(user, offer_id)
    return render(
        "offers/detail.html",
        offer=offer,
        copy=visibility.visible_copy(user, offer),
        unsent_changes=queries.has_unsent_changes(user, offer),
        may=policies.offer_page_permissions(user, offer),
        is_draft=offer.status == OfferStatus.DRAFT,
        approved_states=APPROVED_STATES,
        status_labels=F.STATUS_LABELS,
        form=ConfirmForm(),
    )


@bp.post("/<int:offer_id>/status")
@roles_required(Role.EMPLOYER)
def change_status(offer_id: int):
    offer = queries.get_offer_for(signed_in_user(), offer_id)
    move = request.form.get("action", "")
    if not policies.can_change_offer_status(signed_in_user(), offer, move):
        abort(403)
    if ConfirmForm().validate_on_submit():
        services.change_status(offer, move, signed_in_user())
        flash(_("The offer is now: %(status)s.", status=F.STATUS_LABELS[offer.status.value]), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id), 303)


@bp.route("/<int:offer_id>/delete", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def delete(offer_id: int):
    offer = queries.get_offer_for(signed_in_user(), offer_id)
    if not policies.can_delete_offer(signed_in_user(), offer):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_draft(offer, signed_in_user())
        flash(_("The draft has been deleted."), "success")
        return redirect(url_for("offers.index"), 303)
    return render("offers/delete.html", offer=offer, form=form, status=422 if form.errors else 200)
