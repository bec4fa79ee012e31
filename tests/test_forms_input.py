"""Every form of the portal: text fields refuse control characters and text over their maximum.

The forms are found by walking the portal's modules, so a new form or field cannot forget it.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField, TextAreaField

import portal
from portal.web.forms import PortalForm

ONE_LINE_MESSAGE_SV = "Skriv det här på en rad, utan radbrytningar eller osynliga styrtecken"
TEXT_BOX_MESSAGE_SV = "Ta bort de osynliga styrtecknen ur texten"

# Forms whose constructor needs what the screen gives it.
CONSTRUCTOR_ARGUMENTS = {
    "portal.participants.forms.ReassignForm": lambda: ([],),
    "portal.admin.forms.ProjectForm": lambda: ([],),
    "portal.placements.forms.PlacementForm": lambda: (SimpleNamespace(participants=[], offers=[]),),
    "portal.meetings.forms.RequestMeetingForm": lambda: (["2027-03-01T09:00:00+01:00"], 30),
    "portal.meetings.forms.ProposeMeetingForm": lambda: ([30], []),
    "portal.meetings.forms.ChooseTimeForm": lambda: (SimpleNamespace(proposals=[]),),
    "portal.meetings.forms.NewTimeForm": lambda: ([30],),
    "portal.meetings.forms.MoveMeetingForm": lambda: ([30],),
    "portal.meetings.forms.NextFollowUpForm": lambda: ([30],),
}


def _all_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(portal.__path__, "portal."):
        importlib.import_module(module.name)
    found, todo = set(), [FlaskForm]
    while todo:
        for subclass in todo.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                todo.append(subclass)
    # Classes made inside a function (follow-up task questions) are subclasses of a named one.
    return sorted((c for c in found if "<locals>" not in c.__qualname__), key=lambda c: c.__qualname__)


FORM_CLASSES = _all_form_classes()


def _build(form_class, formdata=None):
    # The forms of the portal are all PortalForm: a plain FlaskForm would miss the checks.
    args = CONSTRUCTOR_ARGUMENTS.get(f"{form_class.__module__}.{form_class.__qualname__}", tuple)()
    return form_class(*args, formdata=formdata, meta={"csrf": False})


def _text_fields(form_class):
    """The text fields whose posted value the form reads (not one the screen sets itself, like a meeting's length)."""
    fields = []
    for field in _build(form_class):
        if isinstance(field, StringField) and _build(form_class, MultiDict({field.name: "x"}))[field.name].data == "x":
            fields.append(field)
    return fields


def test_the_walk_finds_the_forms():
    names = {form_class.__name__ for form_class in FORM_CLASSES}
    assert {"RegistrationForm", "WorkplaceForm", "TaskForm", "ParticipantForm", "InviteColleagueForm"} <= names
    assert len(FORM_CLASSES) > 40


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__qualname__}")
def test_every_form_is_a_portal_form(form_class):
    assert issubclass(form_class, PortalForm), f"{form_class.__qualname__} must inherit PortalForm (portal/web/forms.py)"


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__qualname__}")
def test_text_fields_refuse_control_characters(app, form_class):
    with app.test_request_context("/", method="POST"):
        for field in _text_fields(form_class):
            for value in ("Anna\nSvensson", "Anna\x00", "Anna\rBcc: x@example.se", "tab\there", "a\x85b", "a\u2028b", "a\x1bb"):
                form = _build(form_class, MultiDict({field.name: value}))
                form.validate()
                errors = form[field.name].errors
                allowed_in_a_box = isinstance(field, TextAreaField) and value in ("Anna\nSvensson", "tab\there", "Anna\rBcc: x@example.se")
                if allowed_in_a_box:
                    assert TEXT_BOX_MESSAGE_SV not in errors, (form_class.__name__, field.name, value)
                else:
                    expected = TEXT_BOX_MESSAGE_SV if isinstance(field, TextAreaField) else ONE_LINE_MESSAGE_SV
                    assert errors[:1] == [expected], (form_class.__name__, field.name, value, errors)
                    assert form[field.name].data == value  # what was typed is kept for the page


@pytest.mark.parametrize("form_class", FORM_CLASSES, ids=lambda c: f"{c.__module__.split('.')[1]}.{c.__qualname__}")
def test_text_fields_have_a_maximum_checked_first(app, form_class):
    with app.test_request_context("/", method="POST"):
        for field in _text_fields(form_class):
            form = _build(form_class, MultiDict({field.name: "å" * 100_000}))
            form.validate()
            assert form[field.name].errors and form[field.name].errors[0].startswith("Använd högst"), (
                form_class.__name__,
                field.name,
                form[field.name].errors,
            )
            if not isinstance(field, HiddenField):
                assert 'maxlength="' in field(), (form_class.__name__, field.name)


def test_the_message_is_in_english_for_an_english_reader(app):
    from flask_babel import force_locale

    from portal.employers.forms import RegistrationForm

    with app.test_request_context("/", method="POST"), force_locale("en"):
        form = _build(RegistrationForm, MultiDict({"contact_name": "Anna\r\nBcc: all@example.se"}))
        form.validate()
        assert form.contact_name.errors == ["Write this on one line, without line breaks or invisible control characters"]
