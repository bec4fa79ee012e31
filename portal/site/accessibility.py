"""The accessibility statement (Lag 2018:1937 om tillgänglighet till digital offentlig service, DIGG's
model): how well Brygga complies, its known issues from the file the team keeps, and a visitor's
report of a problem, mailed to the coordinator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from portal.audit.services import record_event
from portal.extensions import db
from portal.outbox.services import queue_email

KNOWN_ISSUES_FILE = Path(__file__).parent / "data" / "accessibility_known_issues.json"

# DIGG's three phrases, in the model's words.
COMPLIANCE_PHRASES = {
    "fully": _l("fully compliant"),
    "partially": _l("partially compliant"),
    "not": _l("not compliant"),
}

REPORT_KINDS = {
    "problem": _l("Report a problem with accessibility"),
    "other_form": _l("Ask for content in another form"),
}

DIGG_REPORTING_PAGE = "https://www.digg.se/tdosanmalan"


@dataclass(frozen=True)
class KnownIssue:
    id: str
    criterion: str
    criterion_name: dict[str, str]
    problem: dict[str, str]
    alternative: dict[str, str]


@dataclass(frozen=True)
class KnownIssues:
    compliance: str
    issues: tuple[KnownIssue, ...]


@cache
def known_issues() -> KnownIssues:
    """The file, checked once: one of the three levels, and texts in both languages."""
    data = json.loads(KNOWN_ISSUES_FILE.read_text(encoding="utf-8"))
    issues = tuple(
        KnownIssue(
            id=issue["id"],
            criterion=issue["criterion"],
            criterion_name=issue["criterion_name"],
            problem=issue["problem"],
            alternative=issue["alternative"],
        )
        for issue in data["issues"]
    )
    if data["compliance"] not in COMPLIANCE_PHRASES:
        raise ValueError(f"compliance must be one of {sorted(COMPLIANCE_PHRASES)}, not {data['compliance']!r}")
    if data["compliance"] == "fully" and issues:
        raise ValueError("a service with known issues is not fully compliant")
    for issue in issues:
        for text in (issue.criterion_name, issue.problem, issue.alternative):
            if set(text) != {"sv", "en"} or not all(value.strip() for value in text.values()):
                raise ValueError(f"issue {issue.id!r} needs its texts in Swedish and English")
    return KnownIssues(compliance=data["compliance"], issues=issues)


def statement_parts() -> dict:
    """What the statement's page shows besides the form: the level, the issues, the dates, DIGG's page."""
    config = current_app.config
    issues = known_issues()
    return {
        "compliance": COMPLIANCE_PHRASES[issues.compliance],
        "issues": issues.issues,
        "made_on": config["ACCESSIBILITY_STATEMENT_DATE"],
        "reviewed_on": config["ACCESSIBILITY_REVIEWED_DATE"],
        "digg_reporting_page": DIGG_REPORTING_PAGE,
    }


@dataclass(frozen=True)
class AccessibilityReport:
    kind: str
    name: str
    email: str
    where: str
    message: str
    language: str


def report_problem(report: AccessibilityReport) -> None:
    """Mail the report to the coordinator; the audit row keeps only the kind, not the visitor's words."""
    config = current_app.config
    message = queue_email(
        config["COORDINATOR_EMAIL"],
        "accessibility_report",
        locale=config["BABEL_DEFAULT_LOCALE"],
        report=report,
        kind_label=REPORT_KINDS[report.kind],
    )
    db.session.flush()
    record_event("accessibility.reported", message, detail={"kind": report.kind})
