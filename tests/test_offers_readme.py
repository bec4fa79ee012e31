"""The README shows the offer lifecycle table generated from portal/offers/states.py."""

from __future__ import annotations

import re
from pathlib import Path

from portal.offers.lifecycle import render_transition_table_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"<!-- offer-transitions -->\n(.*?)<!-- /offer-transitions -->", re.S)


def test_readme_offer_table_is_the_one_generated_from_the_code():
    match = BLOCK.search(README.read_text("utf-8")) if README.exists() else None
    assert match is not None, "README has no <!-- offer-transitions --> block (paste `flask offers transitions` there)"
    assert match.group(1) == render_transition_table_markdown()
