"""Bar charts drawn on the server as inline SVG from a published table (pure: no script, no other host).

Only published cells are drawn: a hidden cell gets no bar, only its words, so the picture can
never show what the table does not. The table beside each chart is its accessible alternative.
"""

from __future__ import annotations

from markupsafe import Markup, escape

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


def _legend(table: CountTable) -> tuple[list[str], int]:
    """The colour of each column with its name, wrapped onto more lines when it is wide."""
    parts, x, y = [], 0, 4
    for c, (_code, label) in enumerate(table.columns):
        width = 16 + 7 * len(label) + 14
        if x and x + width > WIDTH:
            x, y = 0, y + LEGEND_LINE
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS[c % len(COLOURS)]}"/>'
                     f'<text x="{x + 16}" y="{y + 10}" font-size="12">{escape(label)}</text>')
        x += width
    return parts, y + LEGEND_LINE


def bar_chart(table: CountTable, hidden_words: dict[str, str]) -> Markup:
    published = table.published
    values = [cell.value for row in published.cells for cell in row if cell.shown]
    largest = max(values, default=0) or 1
    parts, y = _legend(table)
    y += 6
    for r, (_code, row_label) in enumerate(table.rows):
        parts.append(f'<text x="0" y="{y + 12}" font-size="12" font-weight="bold">{escape(row_label)}</text>')
        y += ROW_LABEL
        for c in range(len(table.columns)):
            cell = published.cells[r][c]
            if cell.shown:
                width = round(BAR_AREA * cell.value / largest)
                parts.append(f'<rect x="0" y="{y}" width="{width}" height="{BAR}" fill="{COLOURS[c % len(COLOURS)]}"/>'
                             f'<text x="{width + 4}" y="{y + 11}" font-size="11">{cell.value}</text>')
            else:
                parts.append(f'<rect x="0" y="{y}" width="3" height="{BAR}" fill="{COLOURS[c % len(COLOURS)]}"/>'
                             f'<text x="7" y="{y + 11}" font-size="11" font-style="italic">'
                             f'{escape(hidden_words[cell.hidden])}</text>')
            y += BAR + GAP
        y += GROUP_GAP
    return Markup(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y}" '
        f'width="100%" role="img" aria-label="{escape(table.title)}" focusable="false">'
        + "".join(parts) + "</svg>"
    )
