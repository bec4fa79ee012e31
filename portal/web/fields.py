"""Form fields every domain uses: numbers typed as text, readable dates, groups of check boxes."""

from __future__ import annotations

from wtforms import DateField, IntegerField, SelectMultipleField
from wtforms.widgets import CheckboxInput, ListWidget, TextInput


class DateInput(DateField):
    """A date field whose "cannot read this date" message is the field's own, in the user's language."""

    def __init__(self, *args, unreadable=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable = unreadable

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.unreadable or str(error)) from error


class WholeNumberField(IntegerField):
    """A number typed as text (GOV.UK advice): no spinner, and "two" reaches the server to be explained."""

    widget = TextInput()

    def __init__(self, *args, unreadable=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable = unreadable

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(self.unreadable or str(error)) from error

    def validate(self, form, extra_validators=()):
        # One message for "that is not a number", not that plus the range check.
        if self.process_errors:
            self.errors = list(self.process_errors)
            return False
        return super().validate(form, extra_validators)


class MultiCheckboxField(SelectMultipleField):
    """A group of check boxes (rendered with the `checkboxes` macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()
