"""Forms shared by every page, and how a service's refusal reaches the form."""

from collections.abc import Callable

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField

from portal.errors import FieldError


class LanguageForm(FlaskForm):
    language = SelectField(choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "English")])
    next = HiddenField()


def show_field_error(form: FlaskForm, error) -> None:
    """Put a service's FieldError beside its field, or at the form level if the field is not on the form."""
    if error.field in form._fields:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)


def refused(form: FlaskForm, action: Callable[..., object], *args, **kwargs) -> bool:
    """Run one service call; a FieldError it raises goes beside its field, and the answer is True."""
    try:
        action(*args, **kwargs)
    except FieldError as error:
        show_field_error(form, error)
        return True
    return False
