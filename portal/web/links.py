"""Absolute links for e-mail and calendar invitations, built on the configured public address."""

from __future__ import annotations

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    """An absolute link, also outside a request (scheduled jobs, demo data) where url_for needs one."""
    if has_request_context():
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return current_app.config["BASE_URL"] + url_for(endpoint, **values)
