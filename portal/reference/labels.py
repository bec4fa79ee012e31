"""How the shared codes read on a page, lazily translated: one label table per code list."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.reference.vocabulary import TimeOfDay

TIME_OF_DAY_LABELS = {
    TimeOfDay.MORNING: _l("Early morning (before 8)"),
    TimeOfDay.DAYTIME: _l("Daytime"),
    TimeOfDay.AFTERNOON: _l("Afternoon"),
    TimeOfDay.EVENING: _l("Evening"),
    TimeOfDay.WEEKEND: _l("Weekend"),
}
