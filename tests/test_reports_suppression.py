"""Small-number suppression: no count from 1 to 4 is published, and none can be worked out from what is."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.reports.suppression import Cell, Hidden, TableEquations, suppress


def _rank(matrix: list[list[Fraction]]) -> int:
    """The rank by exact Gaussian elimination, written apart from the module under test."""
    rows = [list(row) for row in matrix]
    rank = 0
    columns = len(rows[0]) if rows else 0
    for column in range(columns):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][column] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(rank + 1, len(rows)):
            factor = rows[i][column] / rows[rank][column]
            rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def _unknowns(table) -> list[Cell]:
    return [cell for row in table.cells for cell in row] + list(table.row_totals) + list(table.column_totals) + [table.total]


def computable_hidden(counts, table) -> list[int]:
    """Hidden unknowns whose unit vector lies in the row space of the equations and the published values."""
    system = TableEquations(len(counts), len(counts[0]))
    unit = [[Fraction(int(i == u)) for i in range(system.size)] for u in range(system.size)]
    equations = [[Fraction(eq.get(i, 0)) for i in range(system.size)] for eq in system.equations]
    unknowns = _unknowns(table)
    published = [unit[u] for u, cell in enumerate(unknowns) if cell.shown]
    base = _rank(equations + published)
    return [u for u, cell in enumerate(unknowns) if not cell.shown and _rank(equations + published + [unit[u]]) == base]


def test_a_small_count_shows_as_hidden_and_large_ones_as_they_are():
    table = suppress([[0, 12], [8, 30]])

    assert table.cells == ((Cell(0), Cell(12)), (Cell(8), Cell(30)))
    assert table.row_totals == (Cell(12), Cell(38))
    assert table.column_totals == (Cell(8), Cell(42))
    assert table.total == Cell(50)


def test_a_hidden_cell_that_a_row_total_would_give_away_takes_another_cell_with_it():
    counts = [[3, 10, 9], [12, 20, 6], [7, 8, 11]]
    primary_only = [[None, 10, 9], [12, 20, 6], [7, 8, 11]]
    # With only the small cell hidden, the first row's total (22) gives it away: 22 - 10 - 9 = 3.
    assert 22 - primary_only[0][1] - primary_only[0][2] == 3

    table = suppress(counts)

    assert table.cells[0][0] == Cell(None, Hidden.SMALL)
    secondary = {(r, c) for r, row in enumerate(table.cells) for c, cell in enumerate(row) if cell.hidden == Hidden.SECONDARY}
    assert any(r == 0 for r, _ in secondary), "another cell of the first row must be hidden"
    assert any(c == 0 for _, c in secondary), "another cell of the first column must be hidden"
    assert table.total == Cell(86)  # the margins stay published: the cells protect the small one
    assert computable_hidden(counts, table) == []
    # The secondary cells are the smallest counts that protect it, never a small one.
    assert all(counts[r][c] >= 5 for r, c in secondary)


def test_a_small_total_is_hidden_and_cannot_be_subtracted_from_the_grand_total():
    table = suppress([[2, 1], [10, 20], [15, 6]])

    assert table.row_totals[0] == Cell(None, Hidden.SMALL)
    assert table.cells[0] == (Cell(None, Hidden.SMALL), Cell(None, Hidden.SMALL))
    assert computable_hidden([[2, 1], [10, 20], [15, 6]], table) == []


def test_a_table_of_one_column_hides_a_second_row():
    counts = [[4], [40], [9]]
    table = suppress(counts)

    assert table.cells[0][0] == Cell(None, Hidden.SMALL)
    assert sum(1 for row in table.cells if not row[0].shown) >= 2
    assert computable_hidden(counts, table) == []


def test_an_empty_table_publishes_its_zero_total():
    assert suppress([]).total == Cell(0)


counts_tables = st.integers(1, 5).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda columns: st.lists(
            st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 5, 6, 9, 14, 40]), min_size=columns, max_size=columns),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=80, deadline=None)
@given(counts_tables)
def test_no_published_table_lets_a_hidden_count_be_computed(counts):
    table = suppress(counts)
    system = TableEquations(len(counts), len(counts[0]))
    values = system.values(counts)

    for value, cell in zip(values, _unknowns(table), strict=True):
        if cell.shown:
            assert cell.value == value and not (1 <= value <= 4)
        else:
            assert cell.hidden == (Hidden.SMALL if 1 <= value <= 4 else Hidden.SECONDARY)
    assert computable_hidden(counts, table) == []
