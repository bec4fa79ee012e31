"""Privacy over time: retention periods and their job, erasure, and the record of processing (GDPR art. 30)."""
