"""One form per screen of the account pages."""

from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from portal.accounts.models import Role
from portal.accounts.passwords import password_problems
from portal.web.forms import PortalForm

PASSWORD_MESSAGES = {
    "too_short": _l("Use at least %(min)s characters. A few ordinary words in a row is easy to remember and hard to guess."),
    "common": _l("This password is too common and easy to guess. Choose something only you would think of."),
    "contains_email": _l("Do not use your e-mail address in the password."),
}


class NewPasswordCheck:
    """Applies the password rules and explains each problem in the user's language."""

    def __init__(self, email_field: str | None = None):
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        email = ""
        if self.email_field:
            email = form[self.email_field].data or ""
        elif getattr(form, "account_email", None):
            email = form.account_email
        min_length = current_app.config["PASSWORD_MIN_LENGTH"]
        problems = password_problems(field.data or "", email=email, min_length=min_length)
        if problems:
            raise ValidationError(" ".join(str(PASSWORD_MESSAGES[p]) % {"min": min_length} for p in problems))


def _strip(value):
    # Autofill and copy-paste often add a space that would make the address "invalid".
    return value.strip() if isinstance(value, str) else value


def email_field(label=None):
    return EmailField(
        label or _l("E-mail address"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Enter your e-mail address")),
            Email(_l("Enter an e-mail address in the right format, like name@example.se"), check_deliverability=False),
            Length(max=254),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def invitation_language_field():
    return RadioField(
        _l("Language of the invitation"),
        choices=[SelectChoice("sv", "Svenska"), SelectChoice("en", "English")],
        default="sv",
        validators=[DataRequired(_l("Choose a language"))],
    )


class SignInForm(PortalForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(_l("Enter your password"))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class ForgotPasswordForm(PortalForm):
    email = email_field()


class SetPasswordForm(PortalForm):
    """Choosing a password, from an invitation or a reset link."""

    account_email = ""
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter a new password")), NewPasswordCheck()],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[
            DataRequired(_l("Repeat the new password")),
            EqualTo("password", _l("The two passwords are not the same")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class AcceptInvitationForm(SetPasswordForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(_l("Enter your name")), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(_l("Enter your current password"))],
        render_kw={"autocomplete": "current-password"},
    )


class InviteStaffForm(PortalForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Enter the person's name")), Length(max=200)])
    email = email_field()
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice("consultant", _l("Labour-market consultant")),
            SelectChoice("coordinator", _l("Employment coordinator")),
        ],
        validators=[DataRequired(_l("Choose a role"))],
    )
    language = invitation_language_field()

    def invitation_details(self) -> dict:
        """What the service needs to invite the person."""
        return {"email": self.email.data, "name": self.name.data, "role": Role(self.role.data), "language": self.language.data}


class SecondFactorCodeForm(PortalForm):
    """The second step of a staff sign-in: a code from the app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(_l("Type the code from the app, or a recovery code")), Length(max=40)],
        render_kw={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"},
    )


class EnrolSecondFactorForm(PortalForm):
    """Confirming a new authenticator with the code it shows."""

    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(_l("Type the six digits the app shows")), Length(max=20)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"},
    )


class ResetSecondFactorForm(PortalForm):
    """A coordinator confirms the reset of a colleague's second factor (the button is the answer)."""
