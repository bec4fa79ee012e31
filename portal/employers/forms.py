"""One form per employer screen: registration, confirmation link, vetting, colleagues."""

from __future__ import annotations

import re

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, DataRequired, Length, Regexp, ValidationError

from portal.accounts.forms import (
    NewPasswordCheck,
    email_field,
    invitation_language_field,
)
from portal.employers.models import OrganisationKind
from portal.employers.orgnr import InvalidOrganisationNumber, parse_organisation_number
from portal.employers.services import RegistrationDetails
from portal.reference.sni import load_sections
from portal.web.forms import PortalForm

KIND_NAMES = {
    OrganisationKind.COMPANY: _l("Company"),
    OrganisationKind.SOLE_TRADER: _l("Sole trader"),
    OrganisationKind.MUNICIPAL: _l("Municipal workplace"),
}

ORGANISATION_NUMBER_MESSAGES = {
    "empty": _l("Enter the organisation number"),
    "format": _l("Enter the organisation number as 10 digits, like 556677-8899, or a sole trader's personal identity number, like 19811218-9876"),
    "length": _l("The organisation number has 10 digits, a personal identity number 10 or 12 digits"),
    "checksum": _l("Check the number: one of the digits seems to be wrong"),
    "date": _l("Check the personal identity number: the date of birth is not a real date"),
}

PHONE = re.compile(r"^\+?[\d\s\-()]{6,40}$")


class OrganisationNumberCheck:
    """The number must be a valid organisationsnummer or personnummer; says what is wrong in plain words."""

    def __call__(self, form, field) -> None:
        try:
            parse_organisation_number(field.data or "")
        except InvalidOrganisationNumber as error:
            raise ValidationError(str(ORGANISATION_NUMBER_MESSAGES[error.code])) from None


def industry_choices() -> list[SelectChoice]:
    """The SNI sections in the user's language, after an empty first choice."""
    locale = get_locale() or "sv"
    return [SelectChoice("", _l("Choose an industry"))] + [
        SelectChoice(section.code, section.name(locale)) for section in load_sections()
    ]


class RegistrationForm(PortalForm):
    organisation_name = StringField(
        _l("Name of the organisation"),
        validators=[DataRequired(_l("Enter the name of the organisation")), Length(max=200)],
        render_kw={"autocomplete": "organization"},
    )
    organisation_number = StringField(
        _l("Organisation number"),
        validators=[OrganisationNumberCheck()],
        render_kw={"spellcheck": "false", "inputmode": "numeric"},
    )
    kind = RadioField(
        _l("What kind of organisation is it?"),
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_NAMES.items()],
        validators=[DataRequired(_l("Choose what kind of organisation it is"))],
    )
    industry = SelectField(
        _l("Industry"),
        validators=[DataRequired(_l("Choose the industry the organisation works in"))],
    )
    street = StringField(
        _l("Street address"),
        validators=[DataRequired(_l("Enter the street address of the workplace")), Length(max=200)],
        render_kw={"autocomplete": "street-address"},
    )
    postcode = StringField(
        _l("Postcode"),
        validators=[
            DataRequired(_l("Enter the postcode")),
            Regexp(r"^\s*\d{3}\s?\d{2}\s*$", message=_l("Enter the postcode as five digits, like 123 45")),
        ],
        render_kw={"autocomplete": "postal-code", "inputmode": "numeric"},
    )
    town = StringField(
        _l("Town"),
        validators=[DataRequired(_l("Enter the town")), Length(max=100)],
        render_kw={"autocomplete": "address-level2"},
    )
    contact_name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name")), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    email = email_field(_l("Your e-mail address"))
    phone = StringField(
        _l("Your phone number"),
        validators=[
            DataRequired(_l("Enter a phone number we can reach you on")),
            Regexp(PHONE, message=_l("Enter a phone number with digits only, like 070-123 45 67")),
        ],
        render_kw={"autocomplete": "tel", "inputmode": "tel"},
    )
    password = PasswordField(
        _l("Choose a password"),
        validators=[DataRequired(_l("Choose a password")), NewPasswordCheck(email_field="email")],
        render_kw={"autocomplete": "new-password"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.industry.choices = industry_choices()

    def details(self, *, language: str) -> RegistrationDetails:
        """What the person typed, for the registration service."""
        return RegistrationDetails(
            organisation_name=self.organisation_name.data,
            organisation_number=self.organisation_number.data,
            kind=OrganisationKind(self.kind.data),
            industry=self.industry.data,
            street=self.street.data,
            postcode=self.postcode.data,
            town=self.town.data,
            contact_name=self.contact_name.data,
            email=self.email.data,
            phone=self.phone.data,
            password=self.password.data,
            language=language,
        )


class ResendConfirmationForm(PortalForm):
    email = email_field()


class ConfirmEmailForm(PortalForm):
    """Confirming is a button, so that a mail scanner opening the link does not use it up."""


class ApproveForm(PortalForm):
    pass


class RejectForm(PortalForm):
    reason = TextAreaField(
        _l("Why is the organisation not approved?"),
        validators=[DataRequired(_l("Write why the organisation is not approved")), Length(max=2000)],
    )


class InviteColleagueForm(PortalForm):
    name = StringField(
        _l("Name"),
        validators=[DataRequired(_l("Enter the person's name")), Length(max=200)],
        render_kw={"autocomplete": "off"},
    )
    email = email_field()
    language = invitation_language_field()

    def invitation_details(self) -> dict:
        """What the service needs to invite the colleague."""
        return {"email": self.email.data, "name": self.name.data, "language": self.language.data}


class JoinAnswerForm(PortalForm):
    """Invite the person who asked to join, or set the request aside (one button each)."""

    answer = HiddenField(validators=[AnyOf(["invite", "dismiss"], message=_l("Choose invite or set aside"))])

    def invites(self) -> bool:
        return self.answer.data == "invite"


class LeaveForm(PortalForm):
    pass
