"""Matching: pure functions from plain profiles to scored matches and safe cards.

No Flask and no database import anywhere in this package (tests/test_matching.py
checks it) except service.py, the thin service that loads profiles and builds cards;
no pure module imports it.
"""
