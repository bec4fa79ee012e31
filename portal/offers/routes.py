"""The employer's offer wizard, check answers, submission and lifecycle; what others may read."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.offers import fields as F
from portal.offers import policies, queries, services, visibility
from portal.offers.forms import STEP_FORMS, ConfirmForm, TaskForm
from portal.offers.screens import (
    answer_names,
    csrf_failed,
    employer_autosave,
    employer_form,
    open_screen_form,
    savable,
)
from portal.offers.states import EMPLOYER_ACTIONS
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("offers", __name__, url_prefix="/offers", cli_group="offers")


@bp.app_context_processor
def offer_templates_context() -> dict[str, Any]:
    # offer_title(offer): the title the signed-in user may read (portal/offers/visibility.py).
    return {"offer_fields": F, "offer_title": lambda offer: visibility.title_for(current_user, offer)}

FORM_STEPS = "any(workplace,schedule,adaptations,placement,supervisor)"


def after_step(offer, step: str, return_to: str | None):
    if return_to == "check":
        return url_for("offers.check_answers", offer_id=offer.id)
    following = F.STEP_NAMES[F.STEP_NAMES.index(step) + 1 : F.STEP_NAMES.index(step) + 2]
    if not following:
        return url_for("offers.check_answers", offer_id=offer.id)
    return step_url(offer, following[0])


def step_url(offer, step: str, **values) -> str:
    if step == "tasks":
        return url_for("offers.tasks", offer_id=offer.id, **values)
    return url_for("offers.step", offer_id=offer.id, step=step, **values)


def editable_offer(offer_id: int):
    offer = queries.get_offer_for(current_user, offer_id)
    if not policies.can_edit_offer(current_user, offer):
        abort(403)
    return offer


def wizard_context(offer, step: str) -> dict[str, Any]:
    return {
        "offer": offer,
        "step": step,
        "steps": F.STEPS,
        "step_url": step_url,
        "comments": queries.open_comments(offer),
        "status_labels": F.STATUS_LABELS,
    }


@bp.get("")
@roles_required(Role.EMPLOYER, Role.COORDINATOR, Role.CONSULTANT)
def index():
    return render(
        "offers/index.html",
        offers=queries.offers_for(current_user),
        status_labels=F.STATUS_LABELS,
        can_create=policies.can_create_offer(current_user),
    )


@bp.route("/new", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def new():
    if not policies.can_create_offer(current_user):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        offer = services.create_offer(current_user._get_current_object())
        db.session.commit()
        return redirect(url_for("offers.step", offer_id=offer.id, step="workplace"), 303)
    return render("offers/new.html", form=form, steps=F.STEPS, status=422 if form.errors else 200)


@bp.route(f"/<int:offer_id>/<{FORM_STEPS}:step>", methods=["GET", "POST"])
@employer_form
def step(offer_id: int, step: str):
    offer = editable_offer(offer_id)
    form_class = STEP_FORMS[step]
    resumed = False
    if request.method == "POST":
        form = form_class()
        form.validate()
        if not csrf_failed(form):
            services.save_offer_answers(offer, savable(form, answer_names(form)))
            db.session.commit()
            if not form.errors:
                return redirect(after_step(offer, step, form.return_to.data), 303)
    else:
        form, resumed = open_screen_form(form_class, offer)
    return render(
        "offers/step.html",
        form=form,
        resumed=resumed,
        action=url_for("offers.step", offer_id=offer.id, step=step),
        autosave_url=url_for("offers.autosave", offer_id=offer.id, step=step),
        **wizard_context(offer, step),
        status=422 if form.errors else 200,
    )


@bp.post(f"/<int:offer_id>/<{FORM_STEPS}:step>/autosave")
@employer_autosave
def autosave(offer_id: int, step: str):
    offer = editable_offer(offer_id)
    form = STEP_FORMS[step]()
    form.validate()
    services.save_offer_answers(offer, savable(form, answer_names(form)))
    db.session.commit()
    return autosaved(form)


def autosaved(form):
    names = F.TASK_WORDING_FIELDS if isinstance(form, TaskForm) else F.WORDING_FIELDS
    flags = {name: F.find_issues(form[name].data) for name in names if name in form}
    return render(
        "offers/_autosaved.html",
        saved_at=format_time(now(), "HH:mm"),
        signed_out=False,
        flags=flags,
        locale=get_locale(),
    )


# Check answers, submission, the offer page


@bp.get("/<int:offer_id>/check")
@roles_required(Role.EMPLOYER)
def check_answers(offer_id: int):
    offer = editable_offer(offer_id)
    return check_page(offer, ConfirmForm())


def check_page(offer, form, status: int = 200):
    data = F.offer_data(offer)
    return render(
        "offers/check_answers.html",
        form=form,
        data=data,
        flags=F.wording_flags(data),
        missing=services.missing_answers(offer),
        may_submit=policies.can_submit_offer(current_user, offer),
        change_links={"offer_id": offer.id, "step": lambda name: step_url(offer, name, return_to="check")},
        **wizard_context(offer, "check"),
        status=status,
    )


@bp.post("/<int:offer_id>/submit")
@roles_required(Role.EMPLOYER)
def submit(offer_id: int):
    offer = editable_offer(offer_id)
    if not policies.can_submit_offer(current_user, offer):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            services.submit_offer(offer, current_user._get_current_object())
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you! The offer has been sent to the employment coordinator, who will review it."), "success")
            return redirect(url_for("offers.detail", offer_id=offer.id), 303)
    return check_page(offer, form, status=422)


@bp.get("/<int:offer_id>")
@roles_required(Role.EMPLOYER, Role.COORDINATOR, Role.CONSULTANT)
def detail(offer_id: int):
    offer = queries.get_offer_for(current_user, offer_id)
    user = current_user._get_current_object()
    if user.role == Role.CONSULTANT:
        # Consultants read the approved snapshot only, never the working copy.
        data = offer.live_snapshot.data
    else:
        data = F.offer_data(offer)
    live = offer.live_snapshot
    return render(
        "offers/detail.html",
        offer=offer,
        data=data,
        live_differs=bool(live) and user.role != Role.CONSULTANT and live.data != data,
        reviews=queries.reviews_of(offer) if user.role != Role.CONSULTANT else [],
        comments=queries.open_comments(offer) if user.role != Role.CONSULTANT else {},
        pending=offer.pending_snapshot,
        actions=policies.employer_actions(user, offer),
        can_edit=policies.can_edit_offer(user, offer),
        can_delete=policies.can_delete_offer(user, offer),
        can_review=policies.can_decide_offer(user, offer),
        status_labels=F.STATUS_LABELS,
        form=ConfirmForm(),
    )


@bp.post("/<int:offer_id>/status")
@roles_required(Role.EMPLOYER)
def change_status(offer_id: int):
    offer = queries.get_offer_for(current_user, offer_id)
    action = request.form.get("action", "")
    if not policies.can_change_offer_status(current_user, offer, action):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.change_status(offer, EMPLOYER_ACTIONS[action], current_user._get_current_object())
        db.session.commit()
        flash(_("The offer is now: %(status)s.", status=F.STATUS_LABELS[offer.status.value]), "success")
    return redirect(url_for("offers.detail", offer_id=offer.id), 303)


@bp.route("/<int:offer_id>/delete", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def delete(offer_id: int):
    offer = queries.get_offer_for(current_user, offer_id)
    if not policies.can_delete_offer(current_user, offer):
        abort(403)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_draft(offer, current_user._get_current_object())
        db.session.commit()
        flash(_("The draft has been deleted."), "success")
        return redirect(url_for("offers.index"), 303)
    return render("offers/delete.html", offer=offer, form=form, status=422 if form.errors else 200)


# Scheduled job and README table


@bp.cli.command("expire")
def expire_command() -> None:
    """Close live and paused offers whose end date has passed (run daily; safe to run again)."""
    import click

    expired = services.expire_offers()
    db.session.commit()
    click.echo(f"expired {len(expired)} offer(s)")


@bp.cli.command("transitions")
def transitions_command() -> None:
    """Print the offer lifecycle table as Markdown, generated from portal/offers/states.py."""
    import click

    from portal.offers.states import render_transition_table_markdown

    click.echo(render_transition_table_markdown(), nl=False)




# The task screens register on the same blueprint.
from portal.offers import task_routes  # noqa: E402,F401
