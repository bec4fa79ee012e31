"""Steps the offer stories share: signing in, and filling the wizard's screens like a person would."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import check_axe
from tests.browser.sign_in_steps import type_code_from_the_app
from tests.factories import DEFAULT_PASSWORD

SV = {
    "email": "E-postadress", "password": "Lösenord", "sign_in": "Logga in", "sign_out": "Logga ut",
    "new_offer": "Beskriv ett nytt erbjudande", "start": "Börja nu", "continue": "Spara och fortsätt",
    "title": "Erbjudandets namn", "industry": "Bransch", "address": "Arbetsplatsens adress", "area": "Område där arbetsplatsen ligger",
    "transport": "Så kommer man dit med kollektivtrafik", "places": "Antal platser", "yes": "Ja", "no": "Nej",
    "monday": "Måndag", "wednesday": "Onsdag", "hours": "Arbetstider", "hours_per_week": "Timmar i veckan",
    "start_date": "Startdatum", "weeks": "Längd i veckor", "examples": "Välj bland exempel",
    "add_examples": "Lägg till de valda uppgifterna", "next": "Fortsätt", "shown": "Instruktioner genom att visa",
    "praktik": "Praktik", "sup_name": "Handledarens namn", "sup_role": "Handledarens roll på arbetsplatsen",
    "sup_phone": "Handledarens telefon", "send": "Skicka för granskning", "check_heading": "Kontrollera dina svar innan du skickar erbjudandet",
}
EN = {
    "email": "E-mail address", "password": "Password", "sign_in": "Sign in", "sign_out": "Sign out",
    "new_offer": "Describe a new offer", "start": "Start now", "continue": "Save and continue",
    "title": "Name of the offer", "industry": "Industry", "address": "Address of the workplace", "area": "Area of the workplace",
    "transport": "How to get there by public transport", "places": "Number of places", "yes": "Yes", "no": "No",
    "monday": "Monday", "wednesday": "Wednesday", "hours": "Working hours", "hours_per_week": "Hours a week",
    "start_date": "Start date", "weeks": "Length in weeks", "examples": "Choose from examples",
    "add_examples": "Add the chosen tasks", "next": "Continue", "shown": "Instructions shown by doing",
    "praktik": "Work placement (praktik)", "sup_name": "Supervisor's name", "sup_role": "Supervisor's role at work",
    "sup_phone": "Supervisor's phone", "send": "Send for review", "check_heading": "Check your answers before you send the offer",
}


class AxeWithoutJavaScript:
    """axe-core needs JavaScript, so a page seen without it is checked as a copy in a page with it.

    (In this environment axe.run never settles in a context with JavaScript off.) The copy gets
    the site's style sheet inline and no scripts or other requests, so it looks as the person saw it.
    """

    def __init__(self, browser, context_args):
        self.context = browser.new_context(**context_args)
        self.page = self.context.new_page()
        self.css = (Path(__file__).resolve().parents[2] / "static" / "css" / "site.css").read_text("utf-8")

    def __call__(self, page) -> None:
        html = re.sub(r"<script\b[^>]*>.*?</script>|<link\b[^>]*>", "", page.content(), flags=re.S)
        html = html.replace("</head>", f"<style>{self.css}</style></head>", 1)
        self.page.set_content(html, wait_until="load")
        check_axe(self.page)


def sign_in(page, email: str, words=SV) -> None:
    """Sign in on the Swedish sign-in page; afterwards the portal speaks the user's own language."""
    page.goto("/sign-in")
    page.get_by_label(SV["email"]).fill(email)
    page.get_by_label(SV["password"]).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=SV["sign_in"], exact=True).click()
    type_code_from_the_app(page, email)
    expect(page.get_by_role("button", name=words["sign_out"])).to_be_visible()


def sign_out(page, words=SV) -> None:
    page.get_by_role("button", name=words["sign_out"]).click()
    expect(page.get_by_role("link", name=words["sign_in"]).or_(page.get_by_role("heading", level=1))).to_be_visible()


def press(page, words, key="continue") -> None:
    page.get_by_role("button", name=words[key], exact=True).click()


def write_offer_from_examples(page, words=SV, *, title: str = "Kökshjälp på Kafé Solrosen", axe=check_axe) -> None:
    """From the offer list to the check-answers page, picking two task examples; axe on every page."""
    page.goto("/offers")
    axe(page)
    page.get_by_role("link", name=words["new_offer"]).click()
    axe(page)
    page.get_by_role("button", name=words["start"]).click()

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_label(words["title"]).fill(title)
    page.get_by_label(words["industry"]).select_option("I")
    page.get_by_label(words["address"]).fill("Storgatan 12, Småstad")
    page.get_by_label(words["area"]).select_option("centrum")
    page.get_by_label(words["transport"]).fill("Buss 4 till Stortorget")
    page.get_by_label(words["places"]).fill("2")
    page.get_by_label(words["yes"], exact=True).check()
    axe(page)
    press(page, words)

    expect(page.get_by_label(words["hours"], exact=True)).to_be_visible()
    page.get_by_label(words["monday"]).check()
    page.get_by_label(words["wednesday"]).check()
    page.get_by_label(words["hours"], exact=True).fill("8–12")
    page.get_by_label(words["hours_per_week"]).fill("8")
    page.get_by_label(words["start_date"]).fill("2027-03-01")
    page.get_by_label(words["weeks"]).fill("12")
    axe(page)
    press(page, words)

    page.get_by_role("link", name=words["examples"]).click()
    expect(page.get_by_role("button", name=words["add_examples"])).to_be_visible()
    axe(page)
    page.locator("input[name=examples]").nth(0).check()
    page.locator("input[name=examples]").nth(1).check()
    page.get_by_role("button", name=words["add_examples"]).click()
    expect(page.locator(".task-list li")).to_have_count(2)
    axe(page)
    page.get_by_role("link", name=words["next"], exact=True).click()

    page.get_by_label(words["shown"]).check()
    axe(page)
    press(page, words)
    page.get_by_label(words["praktik"], exact=True).check()
    axe(page)
    press(page, words)
    page.get_by_label(words["sup_name"]).fill("Eva Berg")
    page.get_by_label(words["sup_role"]).fill("Köksansvarig")
    page.get_by_label(words["sup_phone"]).fill("070-111 22 33")
    axe(page)
    press(page, words)
    expect(page.get_by_role("heading", level=1)).to_have_text(words["check_heading"])
    axe(page)
