"""Privacy over time: retention periods and their job, erasure on request (GDPR art. 17) and its holds, and the record of processing (GDPR art. 30)."""
