"""The coordinator's decision on one submission."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import HiddenInput

from portal.web.forms import PortalForm


class DecisionForm(PortalForm):
    # The version the decision is made on: a decision on any other version is refused.
    snapshot_id = IntegerField(widget=HiddenInput(), validators=[InputRequired()])
    decision = RadioField(
        _l("Your decision"),
        choices=[
            SelectChoice("approved", _l("Approve – the offer goes live")),
            SelectChoice("changes_requested", _l("Ask for changes – the employer sees your comments beside the answers")),
            SelectChoice("rejected", _l("Do not approve – give the reason")),
        ],
        validators=[InputRequired(_l("Choose a decision"))],
    )
    reason = TextAreaField(
        _l("Reason, or a message to the employer"),
        description=_l("Needed when you do not approve the offer. The employer reads it in the e-mail."),
        validators=[Length(max=2000)],
        render_kw={"rows": 3},
    )

    def decide_on(self, snapshot) -> None:
        """Carry the version waiting now (the one the page shows), whatever was posted before."""
        if snapshot is not None:
            self.snapshot_id.data, self.snapshot_id.raw_data = snapshot.id, None


def typed_comments(formdata) -> dict[str, str]:
    """The comment boxes' texts by field path (boxes are named comment-<path>)."""
    return {key[len("comment-") :]: value for key, value in formdata.items() if key.startswith("comment-")}


def typed_families(formdata) -> dict[str, str]:
    """The task-family selects by task id (selects are named family-<task id>); empty means unchanged."""
    return {key[len("family-") :]: value for key, value in formdata.items() if key.startswith("family-") and value}
