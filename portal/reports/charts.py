"""Bar charts drawn on the server as inline SVG from a published table (pure: no script, no other host).

Only published cells are drawn: a hidden cell gets no bar, only its words, so the picture can
never show what the table does not. The table beside each chart is its accessible alternative.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from portal.reports.figures import CountTable

WIDTH = 640
LABEL_WIDTH = 150  # where the bars start
BAR_AREA = WIDTH - LABEL_WIDTH - 90  # room for the value after the longest bar
BAR = 14
GAP = 3
GROUP_GAP = 12
ROW_LABEL = 18
LEGEND = 24
# Distinguishable in colour and in lightness (dark text stays readable beside each).
COLOURS = ("#1f5f8b", "#c0612b", "#4b8b3b", "#7a4f9a", "#8a6d1f")


def bar_chart(table: CountTable, hidden_words: dict[str, str]) -> Markup:
    published = table.published
    values = [cell.value for row in published.cells for cell in row if cell.shown]
    largest = max(values, default=0) or 1
    parts: list[str] = []
    x = 0
    for c, (_code, label) in enumerate(table.columns):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[c % len(COLOURS)]}"/>'
                     f'<text x="{x + 16}" y="14" font-size="12">{escape(label)}</text>')
        x += 16 + 7 * len(label) + 14
    y = LEGEND + 6
    for r, (_code, row_label) in enumerate(table.rows):
        parts.append(f'<text x="0" y="{y + 12}" font-size="12" font-weight="bold">{escape(row_label)}</text>')
        y += ROW_LABEL
        for c, (_code, label) in enumerate(table.columns):
            cell = published.cells[r][c]
            parts.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + 11}" font-size="11" text-anchor="end">{escape(label)}</text>')
            if cell.shown:
                width = round(BAR_AREA * cell.value / largest)
                parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" '
                             f'fill="{COLOURS[c % len(COLOURS)]}"/>'
                             f'<text x="{LABEL_WIDTH + width + 4}" y="{y + 11}" font-size="11">{cell.value}</text>')
            else:
                parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{y + 11}" font-size="11" font-style="italic">'
                             f'{escape(hidden_words[cell.hidden])}</text>')
            y += BAR + GAP
        y += GROUP_GAP
    height = max(y, LEGEND + 20)
    return Markup(
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{escape(table.title)}" focusable="false">'
        + "".join(parts) + "</svg>"
    )
