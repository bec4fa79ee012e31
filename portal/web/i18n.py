"""Language and time zone: Swedish by default, English complete, times in Europe/Stockholm."""

from __future__ import annotations

from flask import current_app, has_request_context, session
from flask_login import current_user


def select_locale() -> str:
    """The signed-in user's stored choice, else the visitor's choice this session, else Swedish."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        # The CLI and the outbox worker have no visitor; e-mail sets its language with force_locale.
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.preferred_language in languages:
        return current_user.preferred_language
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]
