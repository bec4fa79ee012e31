"""Available times for consultants ("Mina tider") and private calendar links."""

from __future__ import annotations

from datetime import date, datetime, time

from babel.dates import format_skeleton, get_day_names
from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_babel import format_date, format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.bookings import ics, queries, services
from portal.bookings.forms import (
    BlockDaysForm,
    BookingSettingsForm,
    ConfirmForm,
    OneOffWindowForm,
    WeeklyWindowForm,
    weekday_choices,
)
from portal.bookings.policies import AVAILABILITY_ROLES, CALENDAR_FEED_ROLES
from portal.clock import now
from portal.errors import FieldError
from portal.extensions import db
from portal.web.authorization import roles_required
from portal.web.forms import show_field_error
from portal.web.rendering import render

bp = Blueprint("bookings", __name__)


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


def _me():
    return current_user._get_current_object()


def _status(form) -> int:
    return 422 if form.errors else 200


# Mina tider


@bp.get("/availability")
@roles_required(*AVAILABILITY_ROLES)
def availability():
    consultant = _me()
    today = now().astimezone(services.slots.STOCKHOLM).date()
    settings = services.booking_settings_for(consultant)
    preview = services.preview_for(consultant, now(), language=str(get_locale()))
    db.session.commit()  # the settings row, if it was made just now
    return render(
        "bookings/availability.html",
        weekly=queries.weekly_windows_of(consultant),
        one_off=queries.one_off_windows_of(consultant, from_day=today),
        blocked=queries.blocked_days_of(consultant, from_day=today),
        settings=settings,
        preview=preview,
    )


@bp.route("/availability/weekly/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def add_weekly_window():
    form = WeeklyWindowForm()
    if form.validate_on_submit():
        try:
            services.add_weekly_window(
                _me(),
                weekday=form.weekday.data,
                start_time=form.start_time.data,
                end_time=form.end_time.data,
                valid_from=form.valid_from.data,
                valid_to=form.valid_to.data,
            )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The weekly time has been added."), "success")
            return redirect(url_for("bookings.availability"), 303)
    return render("bookings/weekly_window.html", form=form, window=None, status=_status(form))


@bp.route("/availability/one-off/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def add_one_off_window():
    form = OneOffWindowForm()
    if form.validate_on_submit():
        try:
            services.add_one_off_window(
                _me(), on_date=form.on_date.data, start_time=form.start_time.data, end_time=form.end_time.data
            )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The single time has been added."), "success")
            return redirect(url_for("bookings.availability"), 303)
    return render("bookings/one_off_window.html", form=form, window=None, status=_status(form))


@bp.route("/availability/windows/<int:window_id>/edit", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def edit_window(window_id: int):
    window = queries.window_of(_me(), window_id)
    if window.is_weekly:
        form = WeeklyWindowForm(obj=window)
        template = "bookings/weekly_window.html"
    else:
        form = OneOffWindowForm(obj=window)
        template = "bookings/one_off_window.html"
    if form.validate_on_submit():
        try:
            if window.is_weekly:
                services.update_weekly_window(
                    window,
                    weekday=form.weekday.data,
                    start_time=form.start_time.data,
                    end_time=form.end_time.data,
                    valid_from=form.valid_from.data,
                    valid_to=form.valid_to.data,
                )
            else:
                services.update_one_off_window(
                    window, on_date=form.on_date.data, start_time=form.start_time.data, end_time=form.end_time.data
                )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("The time has been changed."), "success")
            return redirect(url_for("bookings.availability"), 303)
    return render(template, form=form, window=window, status=_status(form))


@bp.route("/availability/windows/<int:window_id>/remove", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def remove_window(window_id: int):
    window = queries.window_of(_me(), window_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.remove_window(window)
        db.session.commit()
        flash(_("The time has been removed."), "success")
        return redirect(url_for("bookings.availability"), 303)
    return render("bookings/remove_window.html", form=form, window=window)


@bp.route("/availability/blocked/new", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def block_days():
    form = BlockDaysForm()
    if form.validate_on_submit():
        try:
            services.block_days(
                _me(), first_day=form.first_day.data, last_day=form.last_day.data, note=form.note.data or ""
            )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("No times will be offered on the blocked days."), "success")
            return redirect(url_for("bookings.availability"), 303)
    return render("bookings/block_days.html", form=form, status=_status(form))


@bp.route("/availability/blocked/<int:blocked_id>/remove", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def unblock_days(blocked_id: int):
    blocked = queries.blocked_day_of(_me(), blocked_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.unblock_days(blocked)
        db.session.commit()
        flash(_("The days are open for booking again."), "success")
        return redirect(url_for("bookings.availability"), 303)
    return render("bookings/unblock_days.html", form=form, blocked=blocked)


@bp.route("/availability/settings", methods=["GET", "POST"])
@roles_required(*AVAILABILITY_ROLES)
def booking_settings():
    consultant = _me()
    settings = services.booking_settings_for(consultant)
    form = BookingSettingsForm(obj=settings)
    if form.validate_on_submit():
        try:
            services.update_booking_settings(
                consultant,
                lengths_minutes=form.lengths_minutes.data,
                buffer_minutes=form.buffer_minutes.data,
                notice_working_days=form.notice_working_days.data,
                horizon_weeks=form.horizon_weeks.data,
            )
        except FieldError as error:
            show_field_error(form, error)
        else:
            db.session.commit()
            flash(_("Your booking settings have been saved."), "success")
            return redirect(url_for("bookings.availability"), 303)
    return render("bookings/settings.html", form=form, status=_status(form))


# Calendar links


@bp.route("/calendar", methods=["GET", "POST"])
@roles_required(*CALENDAR_FEED_ROLES)
def calendar_link():
    user = _me()
    form = ConfirmForm()
    new_link = None
    if form.validate_on_submit():
        token = services.create_feed_link(user)
        db.session.commit()
        # Shown on this response only: the database keeps just the hash, so it cannot be shown again.
        new_link = services.feed_url(token)
    return render(
        "bookings/calendar_link.html",
        form=form,
        link=queries.active_feed_link_of(user),
        new_link=new_link,
    )


@bp.post("/calendar/revoke")
@roles_required(*CALENDAR_FEED_ROLES)
def revoke_calendar_link():
    form = ConfirmForm()
    if form.validate_on_submit() and services.revoke_feed_link(_me()):
        db.session.commit()
        flash(_("The calendar link has been turned off. Calendars that use it get nothing more."), "success")
    return redirect(url_for("bookings.calendar_link"), 303)


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    user = queries.user_for_feed_token(token)
    if user is None:
        abort(404)
    body = ics.feed(queries.calendar_events_for(user), f"Brygga – {user.name}", dtstamp=now())
    response = Response(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response
