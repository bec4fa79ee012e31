"""The figures for a period as the coordinator sees and downloads them; every download is audited."""

from __future__ import annotations

from flask_babel import gettext as _

from portal.audit.services import record_event
from portal.clock import today_in_stockholm
from portal.reports import exports
from portal.reports.figures import Figures, figures_for
from portal.reports.periods import Period
from portal.reports.queries import load_facts
from portal.reports.suppression import Hidden

# The file formats: the media type each is sent as, and what writes it.
EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.to_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.to_xlsx),
}


def hidden_words() -> dict[str, str]:
    return {Hidden.SMALL: _("fewer than 5"), Hidden.SECONDARY: _("hidden")}


def export_words() -> dict[str, str]:
    return {
        **hidden_words(),
        "title": _("Brygga: figures for"),
        "total": _("Total"),
        "sheet": _("Figures"),
        "median_heading": _("Median"),
        "median_days": _("Working days"),
        "median_cases": _("Cases"),
    }


def figures_of(period: Period) -> Figures:
    today = today_in_stockholm()
    return figures_for(load_facts(today), period, today)


def export_figures(period: Period, file_format: str, *, actor) -> tuple[bytes, str, str]:
    """The file's bytes, its media type and its name; the download is audited (counts only, nobody named)."""
    media_type, write = EXPORTS[file_format]
    content = write(figures_of(period), export_words())
    record_event("figures.exported", actor=actor, subject_type="figures",
                 detail={"period": period.key, "format": file_format})
    name = _("figures")
    return content, media_type, f"brygga-{name}-{period.key}.{file_format}"
