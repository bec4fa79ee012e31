"""Forms shared by every page."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice, SelectField


class LanguageForm(FlaskForm):
    language = SelectField(choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "English")])
    next = HiddenField()


def show_field_error(form: FlaskForm, error) -> None:
    """Put a service's FieldError beside its field, or at the form level if the field is not on the form."""
    if error.field in form._fields:
        form[error.field].errors = [*form[error.field].errors, error.message]
    else:
        form.form_errors.append(error.message)
