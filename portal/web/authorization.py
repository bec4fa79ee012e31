"""Who may open a view: decorators checked at the top of every protected route."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from flask import abort
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

        return wrapper

    return decorator
