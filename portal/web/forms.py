"""Forms shared by every page, and how a service's refusal reaches the form.

Every form of the portal is a `PortalForm`. When a form is built, each of its text fields gets
two checks before its own: no control characters (none at all on one line, where a line break
could reach an e-mail header; tabs and line breaks allowed in a text box), and a maximum length
(its own `Length(max=…)`, or a default), so an over-long text is refused before any other check
or the wording check reads it. The maximum is also the field's `maxlength` attribute.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import has_request_context, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length, StopValidation

from portal.errors import FieldError
from portal.resume import services as resume

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROL = "\x00-\x1f\x7f-\x9f\u2028\u2029"
SINGLE_LINE_REFUSED = re.compile(f"[{_CONTROL}]")
MULTI_LINE_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
"""In a text box: the same, except tab, line feed and carriage return."""

DEFAULT_MAX_LENGTH = {"single": 500, "multi": 5000}
"""The maximum of a text field that names none."""


class NoControlCharacters:
    """Refuses line breaks and invisible control characters in a one-line field (text boxes keep their lines)."""

    def __init__(self, multi_line: bool = False):
        self.refused = MULTI_LINE_REFUSED if multi_line else SINGLE_LINE_REFUSED
        self.message = (
            _l("Remove the invisible control characters from the text")
            if multi_line
            else _l("Write this on one line, without line breaks or invisible control characters")
        )

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and self.refused.search(field.data):
            raise StopValidation(self.message)


class NotTooLong:
    """The field's maximum, checked first so that nothing else reads a text that is too long."""

    def __init__(self, maximum: int):
        self.maximum = maximum

    def __call__(self, form, field) -> None:
        if isinstance(field.data, str) and len(field.data) > self.maximum:
            raise StopValidation(_l("Use at most %(max)d characters", max=self.maximum))


def max_length_of(field) -> int | None:
    """The maximum a field's own Length validator sets, if any."""
    maxima = [v.max for v in field.validators if isinstance(v, Length) and v.max is not None and v.max >= 0]
    return min(maxima) if maxima else None


class PortalForm(FlaskForm):
    """The base of every form: text fields refuse control characters and text over their maximum;
    and a form shown after a sign-in that was asked for in the middle of typing (`?resume=`) shows
    what was typed, not yet saved (portal/resume; accounts.sessions.sign_in_first keeps it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not args and "formdata" not in kwargs:
            typed = _typed_before_the_sign_in(self)
            if typed is not None:
                self.process(formdata=typed)
                self.resumed = True

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField):  # every one-line text field, text box, e-mail, password, hidden field
                multi_line = isinstance(field, TextAreaField)
                maximum = max_length_of(field) or DEFAULT_MAX_LENGTH["multi" if multi_line else "single"]
                field.validators = [NoControlCharacters(multi_line), NotTooLong(maximum), *field.validators]
                if not isinstance(field, HiddenField):
                    field.flags.maxlength = maximum
            return field


def _typed_before_the_sign_in(form) -> MultiDict | None:
    if not has_request_context() or request.method != "GET" or not request.args.get("resume"):
        return None
    data = resume.stashed_form(request.args["resume"], request.cookies.get(resume.RESUME_COOKIE), request.path)
    # Another form on the same page (a language switch, a filter) must not take this one's values.
    if not data or not set(data) <= set(form._fields):
        return None
    return MultiDict([(name, value) for name, values in data.items() for value in values])


class LanguageForm(PortalForm):
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
