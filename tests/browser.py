"""Headless Chromium for tests: Debian's ``/usr/bin/chromium`` driven by Playwright.

Never a browser download. Where Chromium or Playwright is missing, tests that
need them skip with the reason, except under CI (env var ``CI`` set), where
they fail: a CI run must not pass by skipping its browser tests.

    from tests.browser import browser  # noqa: F401  (the fixture)
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing() -> str | None:
    """Why the browser cannot run here, or None."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (pip install 'kg[browser]')"
    if not Path(CHROMIUM).is_file():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    return None


def require() -> None:
    """Skip (or, under CI, fail) the calling test when the browser is unavailable."""
    reason = missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module (Playwright's loop must not outlive it)."""
    require()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


class OfflinePage:
    """A page opened from a file with every other request blocked and recorded.

    ``requests`` lists every URL the page asked for (the page itself first);
    ``dialogs`` the messages of alert/confirm/prompt; ``errors`` uncaught
    exceptions and console errors; ``violations`` Content-Security-Policy
    violations.
    """

    def __init__(self, browser: Any, path: Path, viewport: tuple[int, int] = (1280, 800)) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        self.page.goto(self.url)

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))

    def close(self) -> None:
        self.page.close()
