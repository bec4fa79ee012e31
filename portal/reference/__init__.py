"""Code lists and reference data shared by the domains, below all of them.

The matching vocabulary (Swedish levels, times of day, adaptations, placement kinds), the
municipality's areas, SCB's SNI sections and the example tasks by industry. Nothing here
imports a domain, Flask or the database: every domain may read it.
"""
