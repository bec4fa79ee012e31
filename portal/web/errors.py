"""Error pages inside the layout, in the visitor's language, with a way back and who to contact."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal.extensions import db
from portal.web.rate_limits import too_many_requests
from portal.web.rendering import render

ERROR_TEXTS = {
    400: (_l("The request could not be understood"), _l("Something in what was sent was not right. Go back and try again.")),
    403: (_l("You do not have access to this page"), _l("Your account does not have permission to see this page or do this.")),
    404: (_l("Page not found"), _l("The address may be wrong, or the page may have been removed.")),
    405: (_l("That cannot be done here"), _l("The page does not accept this kind of request.")),
    413: (_l("What you sent is too large"), _l("What you sent is larger than the portal accepts. Shorten the text, or send a smaller file.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you did caused this. Try again in a while.")),
}
CSRF_TEXT = (
    _l("The form had expired"),
    _l("For your security, forms expire. Go back, reload the page and send it again."),
)


def render_error(code: int, title=None, message=None):
    default_title, default_message = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render(
        "errors/error.html",
        status=code,
        code=code,
        title=title or default_title,
        message=message or default_message,
    )


def init_error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, *CSRF_TEXT)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 429:  # the limiter's RateLimitExceeded, or any other
            return too_many_requests()
        if error.code in ERROR_TEXTS:
            return render_error(error.code)
        return error

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        db.session.rollback()
        current_app.logger.exception("Unhandled error")
        return render_error(500)
