"""An employer is warned before the session ends and stays signed in; later it ends while they write,
and after signing in again everything they typed is on the screen. In Swedish and in English; the
timeout is shortened to seconds by configuration."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from portal.accounts.models import Role
from tests import factories
from tests.browser.conftest import check_axe
from tests.browser.offer_steps import EN, SV, AxeWithoutJavaScript, press, sign_in
from tests.factories import DEFAULT_PASSWORD
from tests.offer_factories import make_offer

IDLE_SECONDS = 8
WARNING_SECONDS = 5
WORDS = {
    "sv": {
        **SV,
        "still_there": "Är du kvar?",
        "stay": "Fortsätt vara inloggad",
        "close": "Stäng",
        "ended": "Du har loggats ut.",
        "kept_after_sign_in": "Du hade blivit utloggad",
        "notice": "Du loggas ut kl.",
    },
    "en": {
        **EN,
        "still_there": "Are you still there?",
        "stay": "Stay signed in",
        "close": "Close",
        "ended": "You have been signed out.",
        "kept_after_sign_in": "You had been signed out",
        "notice": "You are signed out at",
    },
}


@pytest.fixture
def short_sessions(app) -> Iterator[None]:
    settings = {"SESSION_IDLE_SECONDS_EMPLOYER": IDLE_SECONDS, "SESSION_WARNING_SECONDS": WARNING_SECONDS}
    previous = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield
    app.config.update(previous)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_employer_session_ends_while_writing_an_offer_and_nothing_typed_is_lost(page, db, short_sessions, language):
    words = WORDS[language]
    employer = factories.make_user(role=Role.EMPLOYER, email="lina@kafe.se", preferred_language=language)
    offer = make_offer(employer)
    db.session.commit()
    sign_in(page, "lina@kafe.se", words)
    page.goto(f"/offers/{offer.id}/workplace")
    expect(page.locator("#session-notice")).to_contain_text(words["notice"])

    # The warning comes before the end, and "Stay signed in" keeps the session going.
    warning = page.get_by_role("dialog", name=words["still_there"])
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS + 2) * 1000)
    expect(warning.get_by_role("button", name=words["stay"])).to_be_focused()
    check_axe(page)
    warning.get_by_role("button", name=words["stay"]).click()
    expect(warning).to_be_hidden()
    page.wait_for_timeout((IDLE_SECONDS - WARNING_SECONDS + 1) * 1000)
    # Had the keep-alive not worked, the session would have ended by now.
    assert page.request.get("/dashboard", max_redirects=0).status == 200
    page.reload()  # that request was activity too: let the page learn the new end

    # This time nobody answers: the session ends, and the dialog says so.
    expect(warning).to_be_visible(timeout=(IDLE_SECONDS + 2) * 1000)
    expect(warning.get_by_text(words["ended"])).to_be_visible(timeout=(WARNING_SECONDS + 3) * 1000)
    check_axe(page)
    warning.get_by_role("button", name=words["close"]).click()

    # They go on typing, then press the screen's own button.
    page.get_by_label(words["title"]).fill("Diskhjälp på lördagar")
    page.get_by_label(words["address"]).fill("Hamngatan 3, Småstad")
    press(page, words)

    expect(page.get_by_role("heading", level=1)).to_have_text(words["sign_in"])
    expect(page.get_by_role("status")).to_contain_text(words["kept_after_sign_in"])
    check_axe(page)
    page.get_by_label(words["email"]).fill("lina@kafe.se")
    page.get_by_label(words["password"]).fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=words["sign_in"], exact=True).click()

    expect(page.get_by_label(words["title"])).to_have_value("Diskhjälp på lördagar")
    expect(page.get_by_label(words["address"])).to_have_value("Hamngatan 3, Småstad")
    check_axe(page)
    press(page, words)
    expect(page.get_by_label(words["hours"], exact=True)).to_be_visible()


def test_without_javascript_every_page_says_when_the_session_ends(db, page_without_javascript, browser, browser_context_args):
    axe = AxeWithoutJavaScript(browser, browser_context_args)
    employer = factories.make_user(role=Role.EMPLOYER, email="lina@kafe.se")
    offer = make_offer(employer)
    db.session.commit()
    page = page_without_javascript
    sign_in(page, "lina@kafe.se")
    page.goto(f"/offers/{offer.id}/workplace")
    expect(page.locator("#session-notice")).to_have_text(re.compile(r"Du loggas ut kl\. \d\d:\d\d om inget händer innan dess\."))
    expect(page.get_by_role("dialog")).to_have_count(0)  # the warning needs the script; the notice does not
    axe(page)
