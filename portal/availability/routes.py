"""Available times for consultants ("Mina tider"): windows, blocked days and booking settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from babel.dates import format_skeleton, get_day_names
from flask import Blueprint, flash, redirect, url_for
from flask_babel import format_date, format_time, get_locale
from flask_babel import gettext as _

from portal.availability import queries, services
from portal.availability.forms import (
    BlockDaysForm,
    BookingSettingsForm,
    ConfirmForm,
    OneOffWindowForm,
    WeeklyWindowForm,
    weekday_choices,
)
from portal.availability.policies import AVAILABILITY_ROLES
from portal.clock import now, today_in_stockholm
from portal.web.authorization import roles_required, signed_in_user
from portal.web.forms import refused
from portal.web.rendering import render

bp = Blueprint("availability", __name__)


@bp.app_template_filter("wallclock")
def wallclock(value: time | datetime | None) -> str:
    """A Stockholm wall-clock time (naive) or an instant (aware, shown in Stockholm) in the locale's short format."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_time(value, "short")
    return format_time(value, "short", rebase=False)


@bp.app_template_filter("weekday_name")
def weekday_name(weekday: int, mid_sentence: bool = False) -> str:
    """The weekday's name; mid-sentence as the language writes it there ("tisdag", "Tuesday")."""
    if mid_sentence:
        return get_day_names("wide", locale=get_locale())[weekday]
    return str(weekday_choices()[weekday].label)


@bp.app_template_filter("day_with_weekday")
def day_with_weekday(day: date) -> str:
    return format_date(day, "full")


@bp.app_template_filter("day_month")
def day_month(day: date) -> str:
    """Day and month in the locale's order: "24 december", "December 24"."""
    return format_skeleton("MMMMd", day, locale=get_locale())


def _status(form) -> int:
    return 422 if form.errors else 200


def _done(form, action: Callable[[], object], message: str):
    """Run the service of a valid form, flash and go back to the overview; a FieldError goes beside its field (None)."""
    if refused(form, action):
        return None
    flash(message, "success")
    return redirect(url_for("availability.availability"), 303)


# Mina tider


@bp.get("/availability")
@roles_required(*AVAILABILITY_ROLES)
def availability():
    consultant = signed_in_user()
    today = today_in_stockholm()
    return render(
        "availability/availability.html",
        weekly=queries.weekly_windows_of(consultant),
        one_off=queries.one_off_windows_of(consultant, from_day=today),
        blocked=queries.blocked_days_of(consultant, from_day=today),
        settings=services.booking_settings_for(consultant),
        preview=services.preview_for(
            consultant, now(), services.busy_intervals_of(consultant), language=str(get_locale())
        ),
    )


@bp.route("/availability/weekly/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def add_weekly_window():
    form = WeeklyWindowForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.add_weekly_window(
        signed_in_user(), **form.window()
    ), _("The weekly time has been added."))):
        return done
    return render("availability/weekly_window.html", form=form, window=None, status=_status(form))


@bp.route("/availability/one-off/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def add_one_off_window():
    form = OneOffWindowForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.add_one_off_window(
        signed_in_user(), **form.window()
    ), _("The single time has been added."))):
        return done
    return render("availability/one_off_window.html", form=form, window=None, status=_status(form))


@bp.route("/availability/windows/<int:window_id>/edit", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def edit_window(window_id: int):
    window = queries.window_of(signed_in_user(), window_id)
    form = (WeeklyWindowForm if window.is_weekly else OneOffWindowForm)(obj=window)
    if form.validate_on_submit() and (done := _done(form, lambda: services.update_window(
        window, **form.window()
    ), _("The time has been changed."))):
        return done
    template = "availability/weekly_window.html" if window.is_weekly else "availability/one_off_window.html"
    return render(template, form=form, window=window, status=_status(form))


@bp.route("/availability/windows/<int:window_id>/remove", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def remove_window(window_id: int):
    window = queries.window_of(signed_in_user(), window_id)
    form = ConfirmForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.remove_window(window), _("The time has been removed."))):
        return done
    return render("availability/remove_window.html", form=form, window=window)


@bp.route("/availability/blocked/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def block_days():
    form = BlockDaysForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.block_days(
        signed_in_user(), first_day=form.first_day.data, last_day=form.last_day.data, note=form.note.data or ""
    ), _("No times will be offered on the blocked days."))):
        return done
    return render("availability/block_days.html", form=form, status=_status(form))


@bp.route("/availability/blocked/<int:blocked_id>/remove", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def unblock_days(blocked_id: int):
    blocked = queries.blocked_day_of(signed_in_user(), blocked_id)
    form = ConfirmForm()
    if form.validate_on_submit() and (done := _done(form, lambda: services.unblock_days(blocked), _("The days are open for booking again."))):
        return done
    return render("availability/unblock_days.html", form=form, blocked=blocked)


@bp.route("/availability/settings", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def booking_settings():
    consultant = signed_in_user()
    form = BookingSettingsForm(obj=services.booking_settings_for(consultant))
    if form.validate_on_submit() and (done := _done(form, lambda: services.update_booking_settings(
        consultant, **form.settings()
    ), _("Your booking settings have been saved."))):
        return done
    return render("availability/settings.html", form=form, status=_status(form))
