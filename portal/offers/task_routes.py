"""The task screens of the offer wizard: the list, one task, examples by industry."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.accounts.models import Role
from portal.errors import FieldError
from portal.offers import fields as F
from portal.offers import queries, readiness, services
from portal.offers.forms import ConfirmForm, TaskExamplesForm, TaskForm
from portal.offers.screens import (
    answer_names,
    autosave_screen,
    bp,
    csrf_failed,
    editable_offer,
    employer_autosave,
    employer_form,
    has_answers,
    open_screen_form,
    posted_form,
    savable,
    save_screen,
    tasks_url,
    wizard_context,
)
from portal.reference.sni import load_sections
from portal.reference.task_examples import examples_for_section
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render
from portal.web.unit_of_work import keep_changes_of_refused_page


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
        missing={anchor for _step, anchor, _m in readiness.missing_answers(offer)},
        return_to=request.args.get("return_to", ""),
        **wizard_context(offer, "tasks"),
    )


def _family_choices(form, task):
    return services.family_choices_for(form.name.data or "", form.description.data or "", task.example_id if task else None)


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
        family_choices=_family_choices(form, task),
        **wizard_context(offer, "tasks"),
        status=status,
    )


def _asks_for_suggestions() -> bool:
    """The "Suggest from what I wrote" button: save what can be saved and show the page again."""
    return request.form.get("action") == "suggest"


@bp.post("/<int:offer_id>/tasks/families")
def task_family_choices(offer_id: int):
    """The family question again, suggested from the words typed so far (htmx; saves nothing).

    Signed out, nothing is swapped (204): the question stays as it is, and autosave tells."""
    if not current_user.is_authenticated:
        return "", 204
    if current_user.role != Role.EMPLOYER:
        abort(403)
    offer = editable_offer(offer_id)
    form = posted_form(TaskForm)
    task_id = request.form.get("task_id", type=int)
    task = queries.get_task(offer, task_id) if task_id else None
    return render("offers/_task_family.html", form=form, family_choices=_family_choices(form, task), offer=offer, task=task)


@bp.route("/<int:offer_id>/tasks/new", methods=["GET", "POST"])
@employer_form
def new_task(offer_id: int):
    offer = editable_offer(offer_id)
    if request.method == "GET":
        form, resumed = open_screen_form(TaskForm)
        return task_page(offer, form, None, resumed=resumed)
    form = posted_form(TaskForm)
    values = savable(form, answer_names(form))
    if csrf_failed(form):
        return task_page(offer, form, None, status=422)
    if _asks_for_suggestions():
        task = services.add_task(offer, values) if has_answers(values) else None
        return task_page(offer, TaskForm(formdata=None, data=form.data), task)
    if not form.errors:
        services.add_task(offer, values)
        return redirect(tasks_url(offer, form.return_to.data), 303)
    # A half-written task is kept, so corrections post to it rather than adding a second one.
    task = services.add_task(offer, values) if has_answers(values) else None
    keep_changes_of_refused_page()  # the half-written task stays
    return task_page(offer, form, task, status=422)


@bp.route("/<int:offer_id>/tasks/<int:task_id>", methods=["GET", "POST"])
@employer_form
def edit_task(offer_id: int, task_id: int):
    offer = editable_offer(offer_id)
    task = queries.get_task(offer, task_id)
    if request.method == "GET":
        form, resumed = open_screen_form(TaskForm, task)
        return task_page(offer, form, task, resumed=resumed)
    form = posted_form(TaskForm)
    if _asks_for_suggestions() and not csrf_failed(form):
        services.save_task_answers(task, savable(form, answer_names(form)))
        return task_page(offer, TaskForm(formdata=None, data=form.data), task)
    if save_screen(form, lambda values: services.save_task_answers(task, values)):
        return redirect(tasks_url(offer, form.return_to.data), 303)
    return task_page(offer, form, task, status=422)


@bp.post("/<int:offer_id>/tasks/<int:task_id>/autosave")
@employer_autosave
def autosave_task(offer_id: int, task_id: int):
    task = queries.get_task(editable_offer(offer_id), task_id)
    form = posted_form(TaskForm)
    return autosave_screen(form, lambda values: services.save_task_answers(task, values))


@bp.post("/<int:offer_id>/tasks/<int:task_id>/remove")
@roles_required(Role.EMPLOYER)
def remove_task(offer_id: int, task_id: int):
    offer = editable_offer(offer_id)
    task = queries.get_task(offer, task_id)
    if ConfirmForm().validate_on_submit():
        name = task.name
        services.remove_task(task)
        flash(_("The task “%(name)s” has been removed.", name=name or "—"), "success")
    return redirect(url_for("offers.tasks", offer_id=offer.id), 303)


def examples_page(offer, form, section: str, examples, status: int = 200):
    return render(
        "offers/task_examples.html",
        form=form,
        examples=examples,
        section=section,
        sections=load_sections(),
        locale=get_locale(),
        **wizard_context(offer, "tasks"),
        status=status,
    )


@bp.route("/<int:offer_id>/tasks/examples", methods=["GET", "POST"])
@roles_required(Role.EMPLOYER)
def task_examples(offer_id: int):
    offer = editable_offer(offer_id)
    section = (request.args.get("industry") or offer.industry or "").upper()
    examples = examples_for_section(section) if section else ()
    form = TaskExamplesForm.offering(examples, get_locale())
    if form.validate_on_submit():
        try:
            services.add_tasks_from_examples(offer, form.examples.data, get_locale())
        except FieldError as error:
            show_field_error(form, error)
        else:
            flash(_("The examples have been added as tasks. Check each one and change what is different at your workplace."), "success")
            return redirect(url_for("offers.tasks", offer_id=offer.id), 303)
    return examples_page(offer, form, section, examples, status=422 if form.errors else 200)
