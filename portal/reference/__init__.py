"""Code lists and reference data shared by the domains, below all of them.

The matching vocabulary (Swedish levels, times of day, adaptations, placement kinds), the
municipality's areas, SCB's SNI sections and the example tasks by industry. Nothing here
imports a domain or the database (labels.py only asks Flask-Babel for the language):
every domain may read it.
"""
