"""The task screens of the offer wizard: the list, one task, examples by industry."""

from __future__ import annotations

from flask import flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.reference.sni import load_sections
from portal.errors import FieldError
from portal.extensions import db
from portal.offers import fields as F
from portal.offers import queries, services
from portal.offers.forms import ConfirmForm, TaskExamplesForm, TaskForm
from portal.offers.routes import autosaved, bp, editable_offer, wizard_context
from portal.offers.screens import (
    answer_names,
    csrf_failed,
    employer_autosave,
    employer_form,
    open_screen_form,
    resumed_formdata,
    savable,
)
from portal.reference.task_examples import examples_for_section
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render


@bp.get("/<int:offer_id>/tasks")
@roles_required(Role.EMPLOYER)
def tasks(offer_id: int):
    offer = editable_offer(offer_id)
    data = F.offer_data(offer)
    return render(
        "offers/tasks.html",
        form=ConfirmForm(),
        data=data,
        flags=F.wording_flags(data),
        missing={anchor for _step, anchor, _m in services.missing_answers(offer)},
        return_to=request.args.get("return_to", ""),
        **wizard_context(offer, "tasks"),
    )


@bp.route("/<int:offer_id>/tasks/new", methods=["GET", "POST"])
@employer_form
def new_task(offer_id: int):
    offer = editable_offer(offer_id)
    form = TaskForm()
    resumed = False
    if request.method == "POST":
        form.validate()
        if not csrf_failed(form):
            values = savable(form, answer_names(form))
            if not form.errors:
                services.add_task(offer, values)
                db.session.commit()
                return redirect(url_for("offers.tasks", offer_id=offer.id, return_to=form.return_to.data or None), 303)
            if any(value not in (None, "", []) for value in values.values()):
                # Keep the half-written task, and post further corrections to it rather than adding a second one.
                task = services.add_task(offer, values)
                db.session.commit()
                return task_page(offer, form, task, status=422)
    else:
        formdata = resumed_formdata()
        resumed = formdata is not None
        if resumed:
            form = TaskForm(formdata=formdata)
        form.return_to.data = form.return_to.data or request.args.get("return_to", "")
    return task_page(offer, form, None, resumed=resumed, status=422 if form.errors else 200)


def task_page(offer, form, task, *, resumed: bool = False, status: int = 200):
    action = (
        url_for("offers.edit_task", offer_id=offer.id, task_id=task.id)
        if task is not None
        else url_for("offers.new_task", offer_id=offer.id)
    )
    return render(
        "offers/task.html",
        form=form,
        task=task,
        resumed=resumed,
        action=action,
        autosave_url=url_for("offers.autosave_task", offer_id=offer.id, task_id=task.id) if task is not None else None,
        task_comments=queries.open_comments(offer).get(f"tasks.{task.id}", []) if task is not None else [],
        **wizard_context(offer, "tasks"),
        status=status,
    )


@bp.route("/<int:offer_id>/tasks/<int:task_id>", methods=["GET", "POST"])
@employer_form
def edit_task(offer_id: int, task_id: int):
    offer = editable_offer(offer_id)
    task = queries.get_task(offer, task_id)
    resumed = False
    if request.method == "POST":
        form = TaskForm()
        form.validate()
        if not csrf_failed(form):
            services.save_task_answers(task, savable(form, answer_names(form)))
            db.session.commit()
            if not form.errors:
                return redirect(url_for("offers.tasks", offer_id=offer.id, return_to=form.return_to.data or None), 303)
    else:
        form, resumed = open_screen_form(TaskForm, task)
    return task_page(offer, form, task, resumed=resumed, status=422 if form.errors else 200)


@bp.post("/<int:offer_id>/tasks/<int:task_id>/autosave")
@employer_autosave
def autosave_task(offer_id: int, task_id: int):
    offer = editable_offer(offer_id)
    task = queries.get_task(offer, task_id)
    form = TaskForm()
    form.validate()
    services.save_task_answers(task, savable(form, answer_names(form)))
    db.session.commit()
    return autosaved(form)


@bp.post("/<int:offer_id>/tasks/<int:task_id>/remove")
@roles_required(Role.EMPLOYER)
def remove_task(offer_id: int, task_id: int):
    offer = editable_offer(offer_id)
    task = queries.get_task(offer, task_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = task.name
        services.remove_task(task)
        db.session.commit()
        flash(_("The task “%(name)s” has been removed.", name=name or "—"), "success")
    return redirect(url_for("offers.tasks", offer_id=offer.id), 303)


@bp.route("/<int:offer_id>/tasks/examples", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def task_examples(offer_id: int):
    offer = editable_offer(offer_id)
    section = (request.args.get("industry") or offer.industry or "").upper()
    examples = examples_for_section(section) if section else ()
    locale = get_locale()
    form = TaskExamplesForm()
    form.examples.choices = [(example.id, example.name(locale)) for example in examples]
    if form.validate_on_submit():
        try:
            services.add_tasks_from_examples(offer, form.examples.data, locale)
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The examples have been added as tasks. Check each one and change what is different at your workplace."), "success")
            return redirect(url_for("offers.tasks", offer_id=offer.id), 303)
    return render(
        "offers/task_examples.html",
        form=form,
        examples=examples,
        section=section,
        sections=load_sections(),
        locale=locale,
        **wizard_context(offer, "tasks"),
        status=422 if form.errors else 200,
    )
