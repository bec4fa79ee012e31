"""Matching: pure functions from plain profiles to scored matches and safe cards.

No Flask and no database import anywhere in this package (tests/test_matching.py
checks it); the thin service that loads profiles lives outside it.
"""
