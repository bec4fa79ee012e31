"""The confirmation form of a removal."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import TextAreaField
from wtforms.validators import Length

from portal.web.forms import PortalForm


class RemovalForm(PortalForm):
    # Required of the coordinator (the service says so), optional for a person removing their own account.
    reason = TextAreaField(_l("Why is it removed?"), validators=[Length(max=2000, message=_l("Write at most 2000 characters"))])
