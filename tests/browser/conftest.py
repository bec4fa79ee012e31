"""The real-browser harness: Debian's Chromium driven by Playwright, the app on a free local port.

Stories are named after what a person does; each page they pass is checked with axe-core
(WCAG 2.1 AA). Never a downloaded browser: the launch points at /usr/bin/chromium.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from werkzeug.serving import make_server

from tests.conftest import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@dataclass
class LiveServer:
    url: str


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[LiveServer]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url)
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _browser_app_settings(app, db, live_server) -> Iterator[None]:
    # In a browser the app runs as in production: CSRF on, links in e-mail to the live server;
    # each test starts with empty tables (the db fixture).
    settings = {"WTF_CSRF_ENABLED": True, "BASE_URL": live_server.url}
    previous = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield
    app.config.update(previous)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(live_server) -> dict:
    return {
        "base_url": live_server.url,
        "locale": "sv-SE",
        "timezone_id": "Europe/Stockholm",
        "viewport": {"width": 1280, "height": 900},
    }


_pages_without_javascript: dict[int, object] = {}


@pytest.fixture
def page_without_javascript(browser, browser_context_args) -> Iterator:
    """A page whose context has JavaScript turned off, as some people browse."""
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    page = context.new_page()
    # axe-core needs JavaScript: a JS-enabled twin page is given the same document to check.
    twin_context = browser.new_context(**browser_context_args)
    _pages_without_javascript[id(page)] = twin_context.new_page()
    yield page
    _pages_without_javascript.pop(id(page), None)
    twin_context.close()
    context.close()


_axe = Axe()


def _page_to_check(page):
    twin = _pages_without_javascript.get(id(page))
    if twin is None:
        return page
    html = page.content()
    twin.unroute("**/*")
    twin.route(page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    twin.goto(page.url)
    return twin


def check_axe(page) -> None:
    """Fail on any WCAG 2.1 A/AA violation axe-core finds on the current page."""
    checked = _page_to_check(page)
    results = _axe.run(checked, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    if violations:
        lines = [f"axe found {len(violations)} WCAG 2.1 AA violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
        pytest.fail("\n".join(lines))
