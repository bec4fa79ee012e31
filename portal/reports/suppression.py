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

import functools
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
    when its row there is its own unit vector (nothing free left beside it). The rows are kept
    sparse (a year's tables side by side hold hundreds of unknowns, each equation a few of them).
    """
    pivots: dict[int, dict[int, Fraction]] = {}  # pivot unknown -> its row, reduced
    for equation in equations:
        row = {u: Fraction(c) for u, c in equation.items() if u in hidden and c}
        for u in [u for u in row if u in pivots]:
            factor = row.get(u)
            if factor:
                for v, c in pivots[u].items():
                    value = row.get(v, 0) - factor * c
                    if value:
                        row[v] = value
                    else:
                        row.pop(v, None)
        if not row:
            continue
        lead = min(row)
        row = {u: c / row[lead] for u, c in row.items()}
        for other in pivots.values():
            factor = other.get(lead)
            if factor:
                for v, c in row.items():
                    value = other.get(v, 0) - factor * c
                    if value:
                        other[v] = value
                    else:
                        other.pop(v, None)
        pivots[lead] = row
    return {u for u, row in pivots.items() if len(row) == 1}


def _shares_an_equation(equations: list[dict[int, int]], a: int, b: int) -> bool:
    return any(a in eq and b in eq for eq in equations)


class JointEquations:
    """Several tables' unknowns numbered one table after another, each table's own equations, and
    linking equations between the tables (a quarter's cell is the sum of its months' cells).

    A link is a mapping (table index, the unknown's number within its table) -> coefficient.
    """

    def __init__(self, shapes: Sequence[tuple[int, int]], links: Sequence[dict[tuple[int, int], int]] = ()) -> None:
        self.tables = [TableEquations(rows, columns) for rows, columns in shapes]
        self.offsets: list[int] = []
        self.size = 0
        for table in self.tables:
            self.offsets.append(self.size)
            self.size += table.size
        self.equations = [
            {offset + u: c for u, c in equation.items()}
            for offset, table in zip(self.offsets, self.tables, strict=True) for equation in table.equations
        ]
        self.equations += [{self.offsets[t] + u: c for (t, u), c in link.items()} for link in links]
        self._margin = [table.is_margin(u) for table in self.tables for u in range(table.size)]

    def is_margin(self, unknown: int) -> bool:
        return self._margin[unknown]

    def values(self, tables: Sequence[Sequence[Sequence[int]]]) -> list[int]:
        return [value for system, counts in zip(self.tables, tables, strict=True) for value in system.values(counts)]


def _hide(system: TableEquations, values: list[int], hidden: set[int]) -> set[int]:
    """More hidden unknowns, until none of them is determined by the published ones.

    While some hidden unknown is determined, one more value is hidden: of the published ones
    sharing an equation with it, the first whose hiding leaves it undetermined, preferring inner
    cells to totals, counts to zeros (a hidden zero would still be known to be small) and small
    counts to large ones, so that as little as possible is lost. It ends, at worst with everything
    hidden, where nothing is determined (any table plus one in a single cell, with its totals,
    also fits the equations).
    """
    hidden = set(hidden)
    while found := determined(system.equations, hidden):
        target = min(found)
        published = [u for u in range(system.size) if u not in hidden]
        near = [u for u in published if _shares_an_equation(system.equations, u, target)] or published
        near.sort(key=lambda u: (system.is_margin(u), values[u] == 0, values[u], u))
        choice = next((u for u in near if target not in determined(system.equations, hidden | {u})), near[0])
        hidden.add(choice)
    return hidden


def _published(system: TableEquations, values: list[int], small: set[int], hidden: set[int]) -> SuppressedTable:
    def cell(u: int) -> Cell:
        if u in small:
            return Cell(None, Hidden.SMALL)
        if u in hidden:
            return Cell(None, Hidden.SECONDARY)
        return Cell(values[u])

    rows, columns = system.rows, system.columns
    return SuppressedTable(
        cells=tuple(tuple(cell(system.cell(r, c)) for c in range(columns)) for r in range(rows)),
        row_totals=tuple(cell(system.row_total(r)) for r in range(rows)),
        column_totals=tuple(cell(system.column_total(c)) for c in range(columns)),
        total=cell(system.total()),
    )


def _shape(counts: Sequence[Sequence[int]]) -> tuple[int, int]:
    return len(counts), len(counts[0]) if counts else 0


def suppress(counts: Sequence[Sequence[int]]) -> SuppressedTable:
    """The table as it may be published: small counts hidden, and whatever would give them away."""
    system = TableEquations(*_shape(counts))
    values = system.values(counts)
    small = {u for u, value in enumerate(values) if is_small(value)}
    return _published(system, values, small, _hide(system, values, small))


@functools.lru_cache(maxsize=64)
def _suppress_jointly(tables: tuple, links: tuple) -> tuple[SuppressedTable, ...]:
    return tuple(suppress_jointly(tables, [dict(link) for link in links], cached=False))


def suppress_jointly(
    tables: Sequence[Sequence[Sequence[int]]], links: Sequence[dict[tuple[int, int], int]], *, cached: bool = True
) -> list[SuppressedTable]:
    """Tables published together, linked by equations between their cells: nothing hidden in any
    of them can be worked out from everything published in all of them and the links.

    Each table is suppressed on its own (cheap, and most of the hiding needed), then the joint
    system hides what the links would still give away, in rounds until nothing is determined.
    The result depends on the tables and links only, never on which of them is asked for first;
    the same year asked for again (a quarter after its month, the export after the page) is answered from a cache.
    """
    if cached:
        key = tuple(tuple(tuple(row) for row in counts) for counts in tables)
        return list(_suppress_jointly(key, tuple(tuple(sorted(link.items())) for link in links)))
    system = JointEquations([_shape(counts) for counts in tables], links)
    values = system.values(tables)
    small = {u for u, value in enumerate(values) if is_small(value)}
    linked = system.equations[len(system.equations) - len(links):]
    hidden = set(small)
    while True:
        for offset, part, counts in zip(system.offsets, system.tables, tables, strict=True):
            own = {u - offset for u in hidden if offset <= u < offset + part.size}
            hidden |= {offset + u for u in _hide(part, part.values(counts), own)}
        found = determined(system.equations, hidden)
        if not found:
            break
        # Each table alone is safe now, so what is determined is given away through a link: hide
        # another cell of that link (the same cell of a sibling period, or of the whole), the
        # smallest count first. A full test of every candidate, as within one table, would take an
        # elimination over the whole year's unknowns each; a round hides one cell per target instead.
        for target in sorted(found):
            published = [u for u in range(system.size) if u not in hidden]
            near = ([u for u in published if _shares_an_equation(linked, u, target)]
                    or [u for u in published if _shares_an_equation(system.equations, u, target)] or published)
            if near:
                hidden.add(min(near, key=lambda u: (system.is_margin(u), values[u] == 0, values[u], u)))
    return [
        _published(part, values[offset:offset + part.size],
                   {u - offset for u in small if offset <= u < offset + part.size},
                   {u - offset for u in hidden if offset <= u < offset + part.size})
        for offset, part in zip(system.offsets, system.tables, strict=True)
    ]
