"""Suppression joint over a year's periods: a hidden month is never the quarter minus the other two."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from flask_babel import force_locale
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.participants.models import Gender
from portal.placements.states import FollowUpCadence
from portal.reference.vocabulary import PlacementKind
from portal.reports.figures import ADDITIVE, Facts, PlacementFact, _links, figures_for, placements_started
from portal.reports.periods import periods_of_year
from portal.reports.suppression import TableEquations, _suppress_jointly, suppress, suppress_jointly

YEAR = periods_of_year(2030)  # the year, Q1..Q4, January..December


@pytest.fixture(autouse=True)
def english(app):
    with app.test_request_context(), force_locale("en"):
        yield


def _started(day: date, gender: Gender, industry: str) -> PlacementFact:
    return PlacementFact(offer_index=None, industry=industry, kind=PlacementKind.PRAKTIK, gender=gender, start=day,
                         end=date(2030, 12, 31), started=True, ended=False, outcome=None,
                         cadence=FollowUpCadence.MONTHLY)


def _facts() -> Facts:
    """Two industries; two men start in I in February (a small count), the other months are large."""
    placements = []
    for month in (1, 2, 3):
        for industry in ("I", "F"):
            placements += [_started(date(2030, month, 10), Gender.WOMAN, industry)] * 8
            men = 2 if (month, industry) == (2, "I") else 9
            placements += [_started(date(2030, month, 10), Gender.MAN, industry)] * men
    return Facts(placements=placements)


def _unknowns(published) -> list:
    return [cell for row in published.cells for cell in row] + [*published.row_totals, *published.column_totals,
                                                                 published.total]


def computable_across_periods(tables, published) -> list[tuple[int, int]]:
    """(period index, unknown) of every hidden value that the equations of all the periods' tables,
    their links and everything published in all of them determine (a rank test, exact)."""
    systems = [TableEquations(len(t.rows), len(t.columns)) for t in tables]
    offsets, size = [], 0
    for system in systems:
        offsets.append(size)
        size += system.size
    equations = [{offsets[t] + u: c for u, c in eq.items()} for t, s in enumerate(systems) for eq in s.equations]
    equations += [{offsets[t] + u: c for (t, u), c in link.items()} for link in _links(tables, None)]
    cells = [(t, u, cell) for t, p in enumerate(published) for u, cell in enumerate(_unknowns(p))]
    known = [{i: Fraction(c) for i, c in eq.items()} for eq in equations]
    known += [{offsets[t] + u: Fraction(1)} for t, u, cell in cells if cell.shown]
    basis = _echelon(known)
    return [(t, u) for t, u, cell in cells if not cell.shown and _in_span(basis, {offsets[t] + u: Fraction(1)})]


def _echelon(rows: list[dict[int, Fraction]]) -> dict[int, dict[int, Fraction]]:
    """An echelon basis of the rows' span, by exact elimination: leading unknown -> row (led by 1)."""
    basis: dict[int, dict[int, Fraction]] = {}
    for row in rows:
        row = _reduce(basis, row)
        if row:
            lead = min(row)
            basis[lead] = {i: c / row[lead] for i, c in row.items()}
    return basis


def _reduce(basis: dict[int, dict[int, Fraction]], row: dict[int, Fraction]) -> dict[int, Fraction]:
    row = dict(row)
    while True:
        leads = sorted(i for i in row if i in basis)
        if not leads:
            return row
        lead = leads[0]
        factor = row[lead]
        for i, c in basis[lead].items():
            value = row.get(i, 0) - factor * c
            if value:
                row[i] = value
            else:
                row.pop(i, None)


def _in_span(basis, vector) -> bool:
    return not _reduce(basis, vector)


def test_suppressed_period_by_period_february_is_the_quarter_minus_january_and_march():
    facts = _facts()
    tables = [placements_started(facts, period) for period in YEAR]
    q1, jan, feb, mar = tables[1], tables[5], tables[6], tables[7]
    i, man = [code for code, _l in feb.rows].index("I"), 1
    alone = [suppress(t.counts) for t in (q1, jan, feb, mar)]
    # The old way: February's two men are hidden, yet every other number needed is published.
    assert not alone[2].cells[i][man].shown and feb.counts[i][man] == 2
    assert all(p.cells[i][man].shown for p in (alone[0], alone[1], alone[3]))
    leaked = alone[0].cells[i][man].value - alone[1].cells[i][man].value - alone[3].cells[i][man].value
    assert leaked == 2
    # The rank test finds it too, over all seventeen periods suppressed one by one.
    leaks = computable_across_periods(tables, [suppress(t.counts) for t in tables])
    assert (6, TableEquations(len(feb.rows), len(feb.columns)).cell(i, man)) in leaks

    # Jointly: some other number of that sum is hidden, and nothing hidden can be worked out.
    joint = suppress_jointly([t.counts for t in tables], _links(tables, None))
    assert not joint[6].cells[i][man].shown
    assert not all(p.cells[i][man].shown for p in (joint[1], joint[5], joint[7]))
    assert computable_across_periods(tables, joint) == []


def test_every_period_of_the_year_publishes_the_same_cells_whichever_is_asked_for_first():
    facts, today = _facts(), date(2031, 1, 15)
    first = {p.key: figures_for(facts, p, today) for p in YEAR}
    _suppress_jointly.cache_clear()  # computed afresh, starting from the other end of the year
    again = {p.key: figures_for(facts, p, today) for p in reversed(YEAR)}
    for key, figures in first.items():
        assert [t.published for t in figures.tables] == [t.published for t in again[key].tables]
    feb = {t.key: t for t in first["2030-02"].tables}["started"]
    q1 = {t.key: t for t in first["2030-Q1"].tables}["started"]
    i = [code for code, _l in feb.rows].index("I")
    assert not (q1.published.cells[i][1].shown and all(
        {t.key: t for t in first[k].tables}["started"].published.cells[i][1].shown for k in ("2030-01", "2030-03")))
    assert set(ADDITIVE) == {"interest", "introductions", "started", "ended", "follow_ups"}


months_of_counts = st.lists(
    st.lists(st.lists(st.sampled_from([0, 0, 0, 1, 2, 3, 5, 7, 12]), min_size=2, max_size=2), min_size=2, max_size=2),
    min_size=12, max_size=12,
)


@settings(max_examples=25, deadline=None)
@given(months_of_counts)
def test_no_hidden_cell_of_any_period_follows_from_all_the_periods_published(months):
    facts = Facts(placements=[
        _started(date(2030, m + 1, 10), (Gender.WOMAN, Gender.MAN)[g], ("F", "I")[r])
        for m, table in enumerate(months) for r, row in enumerate(table) for g, count in enumerate(row)
        for _n in range(count)
    ])
    tables = [placements_started(facts, period) for period in YEAR]
    joint = suppress_jointly([t.counts for t in tables], _links(tables, None))
    assert computable_across_periods(tables, joint) == []
    for table, published in zip(tables, joint, strict=True):
        for r, row in enumerate(table.counts):
            for c, count in enumerate(row):
                assert published.cells[r][c].value in (None, count)
                assert not (published.cells[r][c].shown and 1 <= count <= 4)


def test_a_medians_small_number_of_cases_is_not_the_quarters_minus_the_other_months():
    from portal.interest.states import InterestStatus
    from portal.reports.figures import InterestFact

    answered = {1: 6, 2: 3, 3: 7}  # interest answered in January, February (a small count) and March
    facts = Facts(interests=[InterestFact(Gender.WOMAN, InterestStatus.AGREED, date(2030, m, 2), date(2030, m, 5))
                             for m, n in answered.items() for _i in range(n)])
    cases = {p.key: figures_for(facts, p, date(2031, 1, 15)).medians[1] for p in YEAR}
    assert cases["2030-02"].cases_shown is None and cases["2030-02"].cases_hidden_as == "small"
    others = [cases[k].cases_shown for k in ("2030-Q1", "2030-01", "2030-03")]
    assert None in others, others  # else 16 - 6 - 7 = 3
    hidden = next(cases[k] for k in ("2030-Q1", "2030-01", "2030-03") if cases[k].cases_shown is None)
    assert hidden.cases_hidden_as == "secondary"
