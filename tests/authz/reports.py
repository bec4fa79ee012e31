"""Rows for the coordinator's figures and their exports."""

from tests.authz import COORDINATOR, Row, only

ROWS = {
    ("reports.figures", "GET"): Row(only(COORDINATOR)),
    ("reports.export", "GET"): Row(only(COORDINATOR), {"file_format": "csv"}),
}
