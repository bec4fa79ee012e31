"""`flask demo load` gives the figures a year of history: charts with a shape, some cells suppressed."""

from __future__ import annotations

from flask_babel import force_locale

from portal.clock import today_in_stockholm
from portal.reports.figures import figures_for
from portal.reports.periods import periods_offered
from portal.reports.queries import load_facts


def test_the_demo_year_has_figures_in_every_quarter_with_small_counts_hidden(app, db, login_as, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    today = today_in_stockholm()
    with app.test_request_context(), force_locale("sv"):
        facts = load_facts(today)
        quarters = periods_offered(today)["quarter"][1:5]  # the last four whole quarters
        shown = []
        for quarter in quarters:
            figures = figures_for(facts, quarter, today)
            tables = {table.key: table for table in figures.tables}
            started = tables["started"].published
            cells = [cell for table in figures.tables for row in table.published.cells for cell in row]
            shown.append((
                started.total.value or 0,
                any(not cell.shown for cell in cells),
                any(cell.shown and cell.value >= 5 for cell in cells),
                len(tables["started"].rows),
            ))
    # Half the quarters publish their placements started in more than one industry, with both
    # hidden and shown cells (suppressed jointly with the year's small months, the others hide more).
    busy = [q for q in shown if q[0] >= 5 and q[1] and q[2] and q[3] >= 2]
    assert len(busy) >= 2, shown

    login_as("coordinator", preferred_language="sv")
    year = quarters[1].first.year
    page = client.get(f"/dashboard/figures?period={year}").get_data(as_text=True)
    assert "färre än 5" in page and "dolt" in page
