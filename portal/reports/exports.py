"""The dashboard's tables as CSV and XLSX, with the same suppression as the page (pure).

A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a formula:
every such text gets a leading apostrophe. The XLSX writer also keeps text as text (formulas,
URLs and numbers in strings off). The files hold counts only: nobody is named, no id is in them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import xlsxwriter

from portal.reports.figures import Figures
from portal.reports.suppression import Cell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _value(cell: Cell, hidden_words: dict[str, str]) -> int | str:
    return cell.value if cell.shown else hidden_words[cell.hidden]


def table_rows(figures: Figures, words: dict[str, str]) -> Iterator[list[int | float | str]]:
    """Every table as its title, its heading row, its rows and its totals, a blank row between."""
    yield [words["title"], figures.period.label()]
    for table in figures.tables:
        published = table.published
        yield []
        yield [table.title]
        yield [table.row_heading, *(label for _code, label in table.columns), words["total"]]
        for (_code, label), cells, total in zip(table.rows, published.cells, published.row_totals, strict=True):
            yield [label, *(_value(cell, words) for cell in cells), _value(total, words)]
        yield [words["total"], *(_value(cell, words) for cell in published.column_totals), _value(published.total, words)]
    yield []
    yield [words["median_heading"], words["median_days"], words["median_cases"]]
    for median in figures.medians:
        cases = median.cases_shown if median.cases_shown is not None else words[median.cases_hidden_as]
        yield [median.title, median.days if median.shown else words["small"], cases]


def _text(value: int | float | str) -> str:
    return neutralise(value) if isinstance(value, str) else str(value)


def to_csv(figures: Figures, words: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in table_rows(figures, words):
        writer.writerow([_text(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def to_xlsx(figures: Figures, words: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(buffer, options) as workbook:
        sheet = workbook.add_worksheet(words["sheet"][:31])
        sheet.set_column(0, 0, 60)
        for r, row in enumerate(table_rows(figures, words)):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    sheet.write_string(r, c, neutralise(value))
                else:
                    sheet.write_number(r, c, value)
    return buffer.getvalue()
