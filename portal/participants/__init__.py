"""Participants: a consultant's caseload, with the least data that does the job."""
