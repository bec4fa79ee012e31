"""The record of processing (GDPR art. 30) stays equal to the models: every column is marked."""

from __future__ import annotations

from portal.extensions import db
from portal.privacy import record, retention


def _columns() -> dict[str, set[str]]:
    return {table.name: {column.name for column in table.columns} for table in db.metadata.sorted_tables}


def test_every_column_of_every_table_is_marked_personal_or_not(app):
    tables = _columns()
    unmarked, stale, twice = [], [], []
    for name, columns in tables.items():
        marks = record.TABLES_BY_NAME.get(name)
        if marks is None:
            unmarked += [f"{name}.{column}" for column in sorted(columns)]
            continue
        personal = [column for group in marks.personal.values() for column in group]
        marked = personal + list(marks.not_personal)
        twice += sorted({f"{name}.{c}" for c in marked if marked.count(c) > 1})
        unmarked += [f"{name}.{column}" for column in sorted(columns - set(marked))]
        stale += [f"{name}.{column}" for column in sorted(set(marked) - columns)]
    stale += sorted(set(record.TABLES_BY_NAME) - set(tables))
    assert not unmarked, f"mark these in portal/privacy/record.py as personal data (a kind) or not: {unmarked}"
    assert not stale, f"marks for columns or tables that no longer exist: {stale}"
    assert not twice, f"columns marked twice: {twice}"


def test_every_kind_says_why_who_and_how_long_and_holds_a_column():
    used = {kind for table in record.TABLES for kind in table.personal}
    assert used <= set(record.BY_KEY), f"unknown kinds: {used - set(record.BY_KEY)}"
    assert set(record.BY_KEY) <= used, f"kinds no column holds: {set(record.BY_KEY) - used}"
    for kind in record.KINDS:
        assert str(kind.purpose) and str(kind.legal_basis) and kind.seen_by
        for key in kind.retention:
            assert key in retention.BY_KEY or key in retention.FIXED_RULES, f"{kind.key}: unknown period {key}"


def test_every_retention_period_appears_in_the_record():
    named = {key for kind in record.KINDS for key in kind.retention}
    assert {period.key for period in retention.PERIODS} <= named


def test_the_command_prints_the_record_as_markdown_in_either_language(app):
    runner = app.test_cli_runner()
    sv = runner.invoke(args=["privacy", "record"])
    en = runner.invoke(args=["privacy", "record", "--language", "en"])
    assert sv.exit_code == 0 and en.exit_code == 0, sv.output + en.output
    assert en.output.startswith("# Record of processing (GDPR art. 30)")
    assert "## Needs at work" in en.output and "`participant.needs`" in en.output
    assert "24 months (BRYGGA_RETAIN_PARTICIPANT_MONTHS)" in en.output
    assert "| `BRYGGA_RETAIN_AUDIT_DETAIL_MONTHS` | 36 months |" in en.output
    assert sv.output.startswith("# Registerförteckning (art. 30 GDPR)")
    assert "24 månader (BRYGGA_RETAIN_PARTICIPANT_MONTHS)" in sv.output
    # Every personal column is named in the record once.
    for table in record.TABLES:
        for columns in table.personal.values():
            for column in columns:
                assert f"`{table.name}.{column}`" in en.output


def test_the_coordinators_page_shows_the_record_and_the_periods(client, db, login_as, app):
    from portal.accounts.models import Role

    login_as(Role.COORDINATOR)
    response = client.get("/privacy/record")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Registerförteckning</h1>" in html
    assert "participant.participant_view" not in html  # not a column
    assert "follow_up_record.participant_view" in html
    assert "BRYGGA_RETAIN_SPENT_LINK_DAYS" in html
    app.config["RETAIN_OUTBOX_DAYS"] = 14
    try:
        assert "14 dagar (standard 30 dagar)" in client.get("/privacy/record").get_data(as_text=True)
    finally:
        app.config["RETAIN_OUTBOX_DAYS"] = 30
