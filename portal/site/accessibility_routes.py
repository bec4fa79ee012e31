"""The accessibility statement's page, and its form for reporting a problem (no sign-in)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.accounts.forms import email_field

from portal.site.accessibility import REPORT_KINDS, AccessibilityReport, report_problem, statement_parts
from portal.web.forms import PortalForm
from portal.web.rate_limits import accepted, limited_by, per_client_address
from portal.web.rendering import render

bp = Blueprint("accessibility", __name__)


class AccessibilityReportForm(PortalForm):
    kind = RadioField(
        _l("What do you want to do?"),
        choices=[SelectChoice(value, label) for value, label in REPORT_KINDS.items()],
        validators=[DataRequired(_l("Choose whether you report a problem or ask for content in another form"))],
    )
    where = StringField(_l("Which page or content is it about? (optional)"), validators=[Length(max=300)])
    message = TextAreaField(
        _l("Describe the problem, or the content you need and in what form"),
        validators=[DataRequired(_l("Describe the problem or what you need")), Length(max=3000)],
        render_kw={"rows": 6},
    )
    name = StringField(_l("Your name (optional)"), validators=[Length(max=200)], render_kw={"autocomplete": "name"})
    email = email_field(_l("Your e-mail address, for the answer"))

    def report(self) -> AccessibilityReport:
        return AccessibilityReport(
            kind=self.kind.data,
            name=(self.name.data or "").strip(),
            email=self.email.data,
            where=(self.where.data or "").strip(),
            message=(self.message.data or "").strip(),
            language=str(get_locale() or "sv"),
        )


# Like registration: every post per address, and the reports that went through (each mails the coordinator).
report_limits = (
    per_client_address("LOGIN_RATE_LIMIT"),
    per_client_address("ACCESSIBILITY_REPORT_RATE_LIMIT", deduct_when=accepted),
)


@bp.route("/accessibility", methods=["GET", "POST"])
@limited_by(report_limits)
def statement():
    form = AccessibilityReportForm()
    if form.validate_on_submit():
        report_problem(form.report())
        flash(_("Thank you. Your message has been sent to the employment coordinator, who will answer you by e-mail at the address you gave."), "success")
        return redirect(url_for("accessibility.statement"), 303)
    return render("pages/accessibility.html", form=form, status=422 if form.errors else 200, **statement_parts())
