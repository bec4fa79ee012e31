"""The administrator's forms: a unit, a project, a unit's first coordinator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.accounts.forms import email_field, invitation_language_field
from portal.web.fields import DateInput, MultiCheckboxField
from portal.web.forms import PortalForm

DATE_MESSAGE = _l("Write the date as year-month-day, such as 2027-01-31")
TIME_MESSAGE = _l("Write the time as hours:minutes, such as 08:00")


class UnitForm(PortalForm):
    name = StringField(_l("The unit's name"), validators=[DataRequired(_l("Enter the unit's name")), Length(max=200)])
    municipality_code = StringField(
        _l("Municipality code"),
        validators=[DataRequired(_l("Enter the municipality's four-digit code")), Length(max=4)],
        render_kw={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"},
    )
    contact_name = StringField(_l("Contact person employers see"), validators=[Length(max=200)])
    contact_email = StringField(_l("The contact person's e-mail address"), validators=[Length(max=254)], render_kw={"spellcheck": "false"})
    contact_phone = StringField(_l("The contact person's phone number"), validators=[Length(max=40)])
    email_name = StringField(_l("The unit's name in e-mail (if other than its name)"), validators=[Length(max=200)])
    opens_at = TimeField(_l("Working hours start"), validators=[Optional()], invalid_value_message=TIME_MESSAGE)
    closes_at = TimeField(_l("Working hours end"), validators=[Optional()], invalid_value_message=TIME_MESSAGE)

    def unit_details(self) -> dict:
        texts = {name: self[name].data or "" for name in (
            "name", "municipality_code", "contact_name", "contact_email", "contact_phone", "email_name",
        )}
        return {**texts, "opens_at": self.opens_at.data, "closes_at": self.closes_at.data}


class ProjectForm(PortalForm):
    name = StringField(_l("The project's name"), validators=[DataRequired(_l("Enter the project's name")), Length(max=200)])
    esf_number = StringField(
        _l("ESF project number (if any)"), validators=[Optional(), Length(max=20)], render_kw={"spellcheck": "false"}
    )
    reports_to_esf = RadioField(
        _l("Does the project report to the ESF council?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        default="no",
        validators=[InputRequired(_l("Answer whether the project reports to the ESF council"))],
    )
    starts_on = DateInput(_l("Starts"), validators=[InputRequired(_l("Enter the date the project starts"))], unreadable=DATE_MESSAGE)
    ends_on = DateInput(_l("Ends"), validators=[InputRequired(_l("Enter the date the project ends"))], unreadable=DATE_MESSAGE)
    units = MultiCheckboxField(_l("Units taking part"), coerce=int, validate_choice=False)
    target_group = TextAreaField(_l("Target group, in words"), validators=[Length(max=2000)])

    def __init__(self, units, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.units.choices = [(unit.id, unit.name) for unit in units]

    def project_details(self) -> dict:
        return {
            "name": self.name.data,
            "esf_number": self.esf_number.data or "",
            "reports_to_esf": self.reports_to_esf.data == "yes",
            "starts_on": self.starts_on.data,
            "ends_on": self.ends_on.data,
            "target_group": self.target_group.data or "",
        }


class InviteCoordinatorForm(PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the person's name")), Length(max=200)])
    email = email_field()
    language = invitation_language_field()
