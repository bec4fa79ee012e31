"""What every template can use: the language switch, contact details, date formats."""

from __future__ import annotations

from flask import Flask, current_app, has_request_context, request
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from portal.web.forms import LanguageForm


def init_templating(app: Flask) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": format_datetime(value, fmt) if value else ""
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.filters["role_name"] = lambda role: role_names()[str(role)]
    app.jinja_env.filters["time_of_day"] = lambda value: format_time(value, "HH:mm") if value else ""

    @app.context_processor
    def layout_context():
        locale = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
        other = "en" if locale == "sv" else "sv"
        language_form = (
            LanguageForm(formdata=None, data={"language": other, "next": _current_path()})
            if has_request_context()
            else None
        )
        return {
            "current_locale": locale,
            "other_locale": other,
            "language_form": language_form,
            "coordinator_contact": {
                "name": current_app.config["COORDINATOR_NAME"],
                "phone": current_app.config["COORDINATOR_PHONE"],
                "email": current_app.config["COORDINATOR_EMAIL"],
            },
            "organisation_name": current_app.config["ORGANISATION_NAME"],
            "current_user": current_user,
            "password_hint": _("At least %(min)s characters. A few ordinary words in a row is easy to remember and hard to guess.", min=current_app.config["PASSWORD_MIN_LENGTH"]),
        }


def _current_path() -> str:
    # Only GET pages are worth returning to; after a POST, go back to the page that showed the form.
    if request.method == "GET":
        return request.full_path.rstrip("?")
    return request.path


def role_names() -> dict[str, str]:
    """The roles as people call them, in the current language."""
    return {
        "employer": _("Employer"),
        "coordinator": _("Employment coordinator"),
        "consultant": _("Labour-market consultant"),
        "admin": _("Administrator"),
    }
