"""The installation administrator's pages: units, projects, and each unit's first coordinator.

The administrator sees no participant data: every other domain's pages refuse the role."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _

from portal.accounts.models import Role
from portal.accounts.services import invite_user
from portal.admin.forms import InviteCoordinatorForm, ProjectForm, UnitForm
from portal.units import services
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/units", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def units():
    form = UnitForm()
    if form.validate_on_submit() and not refused(form, services.create_unit, actor=signed_in_user(), **form.unit_details()):
        flash(_("The unit %(name)s is created. Invite its first coordinator.", name=form.name.data.strip()), "success")
        return redirect(url_for("admin.units"), 303)
    return render(
        "admin/units.html", form=form, units=services.all_units(),
        status=422 if form.errors or form.form_errors else 200,
    )


@bp.route("/projects", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def projects():
    all_units = services.all_units()
    form = ProjectForm(all_units)
    if form.validate_on_submit():
        chosen = services.units_by_id(form.units.data or [])
        if not refused(form, services.create_project, units=chosen, actor=signed_in_user(), **form.project_details()):
            flash(_("The project %(name)s is created.", name=form.name.data.strip()), "success")
            return redirect(url_for("admin.projects"), 303)
    return render(
        "admin/projects.html", form=form, projects=services.all_projects(), has_units=bool(all_units),
        status=422 if form.errors or form.form_errors else 200,
    )


@bp.route("/units/<int:unit_id>/coordinator", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def invite_coordinator(unit_id: int):
    unit = services.get_unit(unit_id)
    if unit is None:
        abort(404)
    form = InviteCoordinatorForm()
    if form.validate_on_submit() and not refused(
        form, invite_user, inviter=signed_in_user(), email=form.email.data, name=form.name.data,
        role=Role.COORDINATOR, language=form.language.data, unit=unit,
    ):
        flash(_("The invitation has been sent to %(email)s.", email=form.email.data), "success")
        return redirect(url_for("admin.units"), 303)
    return render("admin/invite_coordinator.html", form=form, unit=unit, status=422 if form.errors or form.form_errors else 200)
