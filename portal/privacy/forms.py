"""The erasure form: why, and that the coordinator knows it cannot be undone."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.privacy.erasure import REASON_MAX_LENGTH
from portal.web.forms import PortalForm


class ErasureForm(PortalForm):
    reason = TextAreaField(
        _l("Why the data is erased"),
        validators=[
            DataRequired(_l("Write why the data is erased, for example the person's request and when it came.")),
            Length(max=REASON_MAX_LENGTH),
        ],
    )
    confirm = BooleanField(
        _l("I have checked the request, and I understand that the data cannot be restored"),
        validators=[DataRequired(_l("Tick the box to confirm that the data may be erased"))],
    )
