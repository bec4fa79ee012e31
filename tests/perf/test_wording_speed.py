"""Benchmarks for the wording check: 2 MB of text, far more than any offer holds, in under 100 ms.

Run with `make bench`; not part of `make test`. Field limits keep real texts to a few thousand
characters; these show that no text, however long, can hold a worker (issue 12: 64 KB of
"körkort " took 5.4 s before the check was made linear).
"""

from __future__ import annotations

import pytest

from portal.offers.wording import MAX_ISSUES, find_wording_issues

pytestmark = pytest.mark.perf

TWO_MB = 2_000_000

# An ordinary offer in both languages, with nothing to flag: every word of it is scanned.
PLAIN = (
    "Vi söker en glad medarbetare till vårt kök. Du diskar, dukar och hjälper till med maten. "
    "Arbetet passar dig som vill lära dig mer, och du får gärna ha varit med förut. "
    "Handledaren visar dig runt första dagen och du jobbar ungefär 20 timmar i veckan. "
    "We are a small team and you will learn quickly; no experience needed, we show you how.\n"
)


def _two_mb(piece: str) -> str:
    return piece * (TWO_MB // len(piece) + 1)


def test_two_mb_of_an_ordinary_offer(benchmark):
    text = _two_mb(PLAIN) + " Körkort krävs."
    issues = benchmark(find_wording_issues, text)
    # The one flagged phrase is at the very end: the whole text was read.
    assert [(issue.rule_id, issue.text) for issue in issues] == [("low.driving_licence", "Körkort")]
    assert benchmark.stats["median"] < 0.1


def test_two_mb_of_one_flagged_word(benchmark):
    issues = benchmark(find_wording_issues, _two_mb("körkort "))
    assert len(issues) == MAX_ISSUES
    assert benchmark.stats["median"] < 0.1


def test_two_mb_of_one_long_word(benchmark):
    issues = benchmark(find_wording_issues, "k" * TWO_MB)
    assert issues == []
    assert benchmark.stats["median"] < 0.1
