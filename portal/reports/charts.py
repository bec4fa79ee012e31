"""Bar charts of a published table, laid out on the server for inline SVG (pure: no script, no other host).

Only published cells get a bar: a hidden cell gets a stub and its words, so the picture never
shows what the table does not. templates/reports/_chart.html draws the layout (autoescaped); the
table beside each chart is its accessible alternative.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.reports.figures import CountTable

WIDTH = 480
BAR_AREA = WIDTH - 100  # room for the value or the words after the longest bar
BAR = 14
GAP = 3
GROUP_GAP = 12
ROW_LABEL = 18
LEGEND_LINE = 20
# Distinguishable in colour and in lightness; each has 3:1 contrast or more against white.
COLOURS = ("#1f5f8b", "#b3541e", "#3d7a2f", "#7a4f9a", "#8a6d1f")


@dataclass(frozen=True)
class Swatch:
    x: int
    y: int
    colour: str
    label: str


@dataclass(frozen=True)
class Label:
    y: int
    text: str


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    colour: str
    text: str  # the count, or the words of a hidden cell
    hidden: bool


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    legend: tuple[Swatch, ...]
    row_labels: tuple[Label, ...]
    bars: tuple[Bar, ...]
    bar_height: int = BAR


def _legend(table: CountTable) -> tuple[list[Swatch], int]:
    """The colour of each column with its name, wrapped onto more lines when it is wide."""
    swatches, x, y = [], 0, 4
    for c, (_code, label) in enumerate(table.columns):
        width = 16 + 7 * len(label) + 14
        if x and x + width > WIDTH:
            x, y = 0, y + LEGEND_LINE
        swatches.append(Swatch(x, y, COLOURS[c % len(COLOURS)], label))
        x += width
    return swatches, y + LEGEND_LINE


def bar_chart(table: CountTable, hidden_words: dict[str, str]) -> Chart:
    published = table.published
    values = [cell.value for row in published.cells for cell in row if cell.shown]
    largest = max(values, default=0) or 1
    legend, y = _legend(table)
    y += 6
    labels, bars = [], []
    for r, (_code, row_label) in enumerate(table.rows):
        labels.append(Label(y + 12, row_label))
        y += ROW_LABEL
        for c in range(len(table.columns)):
            cell = published.cells[r][c]
            colour = COLOURS[c % len(COLOURS)]
            if cell.shown:
                bars.append(Bar(y, round(BAR_AREA * cell.value / largest), colour, str(cell.value), hidden=False))
            else:
                bars.append(Bar(y, 3, colour, hidden_words[cell.hidden], hidden=True))
            y += BAR + GAP
        y += GROUP_GAP
    return Chart(table.title, WIDTH, y, tuple(legend), tuple(labels), tuple(bars))
