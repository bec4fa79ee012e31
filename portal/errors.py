"""Errors a service raises for the route to show beside a field."""

from __future__ import annotations


class FieldError(Exception):
    """A rule was broken; `field` names the form field the message belongs beside."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message
