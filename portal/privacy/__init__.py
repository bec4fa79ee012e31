"""Privacy: erasure of a participant on request (GDPR art. 17) and the holds that make it wait."""
