"""Rendering pages, or just a named block of them for htmx requests."""

from __future__ import annotations

from flask import Response, make_response, render_template, request
from jinja2_fragments.flask import render_block


def wants_fragment() -> bool:
    """A plain htmx request (not a boosted navigation or a history restore) gets a fragment."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render(template: str, *, block: str | None = None, status: int = 200, **context) -> Response:
    """Render the page, or only `block` of it when htmx asks for a fragment; always Vary on HX-Request."""
    if block is not None and wants_fragment():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
