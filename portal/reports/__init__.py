"""The coordinator's figures: counts for a period computed from the records, small numbers suppressed."""
