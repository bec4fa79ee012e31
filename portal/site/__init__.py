"""The site: what gathers every domain (the start page, the overview, the main menu, the language switch)."""
