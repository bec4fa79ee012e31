"""Small-number suppression of a count table with its row, column and grand totals (pure).

A count from 1 to SMALLEST_SHOWN - 1 is never published (primary suppression). Publishing the
totals could still give such a cell away: a row with one hidden cell and a published total
lets anyone subtract. So more cells are hidden (secondary suppression) until no hidden value can
be computed from the published ones: a hidden value is determined exactly when its unit vector
lies in the row space of the table's equations (each row and column adds up to its total, the
totals add up to the grand total) restricted to the hidden values, which exact rational Gaussian
elimination decides. Zero is published: an empty cell protects nobody's identity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

SMALLEST_SHOWN = 5


class Hidden:
    SMALL = "small"  # a count from 1 to 4
    SECONDARY = "secondary"  # hidden so that a small count cannot be worked out


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when hidden
    hidden: str = ""  # "", Hidden.SMALL or Hidden.SECONDARY

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SuppressedTable:
    cells: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    total: Cell


def is_small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


class TableEquations:
    """The unknowns of a rows x columns table and its totals, numbered, and the equations between them.

    Unknowns: the cells row by row, then the row totals, the column totals and the grand total.
    """

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.size = rows * columns + rows + columns + 1
        self.equations: list[dict[int, int]] = []
        for r in range(rows):
            self.equations.append({**{self.cell(r, c): 1 for c in range(columns)}, self.row_total(r): -1})
        for c in range(columns):
            self.equations.append({**{self.cell(r, c): 1 for r in range(rows)}, self.column_total(c): -1})
        self.equations.append({**{self.row_total(r): 1 for r in range(rows)}, self.total(): -1})
        self.equations.append({**{self.column_total(c): 1 for c in range(columns)}, self.total(): -1})

    def cell(self, r: int, c: int) -> int:
        return r * self.columns + c

    def row_total(self, r: int) -> int:
        return self.rows * self.columns + r

    def column_total(self, c: int) -> int:
        return self.rows * self.columns + self.rows + c

    def total(self) -> int:
        return self.size - 1

    def is_margin(self, unknown: int) -> bool:
        return unknown >= self.rows * self.columns

    def values(self, counts: Sequence[Sequence[int]]) -> list[int]:
        cells = [counts[r][c] for r in range(self.rows) for c in range(self.columns)]
        row_totals = [sum(row) for row in counts]
        column_totals = [sum(counts[r][c] for r in range(self.rows)) for c in range(self.columns)]
        return cells + row_totals + column_totals + [sum(row_totals)]


def determined(equations: list[dict[int, int]], hidden: set[int]) -> set[int]:
    """The hidden unknowns whose value follows from the published ones through the equations.

    With the published values moved to the right-hand side, the equations restricted to the
    hidden unknowns remain. In their reduced row echelon form an unknown is determined exactly
    when its row there is its own unit vector (nothing free left beside it).
    """
    order = sorted(hidden)
    rows = [[Fraction(eq.get(u, 0)) for u in order] for eq in equations]
    rows = [row for row in rows if any(row)]
    pivots: list[int] = []
    pivot_row = 0
    for column in range(len(order)):
        found = next((i for i in range(pivot_row, len(rows)) if rows[i][column] != 0), None)
        if found is None:
            continue
        rows[pivot_row], rows[found] = rows[found], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [value / lead for value in rows[pivot_row]]
        for i in range(len(rows)):
            if i != pivot_row and rows[i][column] != 0:
                factor = rows[i][column]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[pivot_row], strict=True)]
        pivots.append(column)
        pivot_row += 1
        if pivot_row == len(rows):
            break
    found_unknowns = set()
    for i, column in enumerate(pivots):
        if all(value == 0 for j, value in enumerate(rows[i]) if j != column):
            found_unknowns.add(order[column])
    return found_unknowns


def _shares_an_equation(equations: list[dict[int, int]], a: int, b: int) -> bool:
    return any(a in eq and b in eq for eq in equations)


def suppress(counts: Sequence[Sequence[int]]) -> SuppressedTable:
    """The table as it may be published: small counts hidden, and whatever would give them away.

    While some hidden unknown is determined, one more value is hidden: of the published ones
    sharing an equation with it, the first whose hiding leaves it undetermined, preferring inner
    cells to totals, counts to zeros (a hidden zero would still be known to be small) and small
    counts to large ones, so that as little as possible is lost. It ends, at worst with everything
    hidden, where nothing is determined (any table plus one in a single cell, with its totals,
    also fits the equations).
    """
    rows = len(counts)
    columns = len(counts[0]) if rows else 0
    system = TableEquations(rows, columns)
    values = system.values(counts)
    small = {u for u, value in enumerate(values) if is_small(value)}
    hidden = set(small)
    while found := determined(system.equations, hidden):
        target = min(found)
        published = [u for u in range(system.size) if u not in hidden]
        near = [u for u in published if _shares_an_equation(system.equations, u, target)] or published
        near.sort(key=lambda u: (system.is_margin(u), values[u] == 0, values[u], u))
        choice = next((u for u in near if target not in determined(system.equations, hidden | {u})), near[0])
        hidden.add(choice)

    def cell(u: int) -> Cell:
        if u in small:
            return Cell(None, Hidden.SMALL)
        if u in hidden:
            return Cell(None, Hidden.SECONDARY)
        return Cell(values[u])

    return SuppressedTable(
        cells=tuple(tuple(cell(system.cell(r, c)) for c in range(columns)) for r in range(rows)),
        row_totals=tuple(cell(system.row_total(r)) for r in range(rows)),
        column_totals=tuple(cell(system.column_total(c)) for c in range(columns)),
        total=cell(system.total()),
    )
