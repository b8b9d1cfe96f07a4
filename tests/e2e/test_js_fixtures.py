"""The CSV fixture the JS tests compare against is exactly what Python's report_to_csv writes.

tests/js/protocol.test.mjs checks the extension's CSV export against
tests/js/fixtures/tricky-report.csv; this keeps that file tied to the Python implementation, so a
change to the cell rules in protocol/csv_columns.py cannot leave the JS test checking old rules.
"""

from __future__ import annotations

__all__: list[str] = []

import msgspec

from protocol import Report, report_to_csv

from .conftest import REPO

FIXTURES = REPO / "tests" / "js" / "fixtures"


def test_tricky_report_csv_is_what_python_writes() -> None:
    """tricky-report.csv equals protocol.report_to_csv(tricky-report.json), byte for byte."""
    report = msgspec.json.decode((FIXTURES / "tricky-report.json").read_bytes(), type=Report)
    assert (FIXTURES / "tricky-report.csv").read_bytes() == report_to_csv(report).encode("utf-8")
