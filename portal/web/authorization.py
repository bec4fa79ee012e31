"""Who may open a view: decorators checked at the top of every protected route."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from flask import abort, current_app
from flask_login import current_user

from portal.extensions import login_manager

if TYPE_CHECKING:
    from portal.accounts.models import Role, User


def signed_in_user() -> User:
    """The signed-in user as the model itself (not Flask-Login's proxy), for services and policies."""
    return current_user._get_current_object()


def roles_required(*roles: Role) -> Callable:
    """Anonymous visitors are sent to sign in; signed-in users of another role get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        # Kept on the view so that links (the main menu) ask the route's own rule, never a copy of it.
        wrapper.allowed_roles = frozenset(roles)
        return wrapper

    return decorator


def may_open(user, endpoint: str) -> bool:
    """Whether the route's role rule lets this signed-in user open the endpoint.

    A view without `roles_required` is open to everyone signed in (its own checks, such as an
    organisation's id, still apply when the page is opened)."""
    allowed = getattr(current_app.view_functions[endpoint], "allowed_roles", None)
    return user.is_authenticated and (allowed is None or user.role in allowed)
