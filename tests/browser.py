"""A person in a browser: the steps the browser tests are made of.

The baked apps share one browser contract (the visible texts of their links, labels, buttons
and messages), so the same steps work in every framework that serves pages.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from tests.harness import Server
from tests.variants import TEMPLATE_DIR, Variant

SCREENSHOTS = TEMPLATE_DIR / ".artifacts" / "screenshots"
TIMEOUT_MS = 30_000
# Streamlit renders over a websocket: a page is done when its script says so.
STREAMLIT_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Flags for a headless chromium on an offline machine (no sandbox as root, no phoning home).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium(playwright: Playwright) -> str:
    """CHROMIUM_PATH, a system Chromium, or the one `playwright install chromium` downloads."""
    candidates = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium"]
    candidates += [shutil.which(name) or "" for name in ("chromium", "chromium-browser")]
    candidates.append(playwright.chromium.executable_path)
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "no Chromium for the browser tests: install it (Debian: apt-get install chromium; "
        "elsewhere: uv run playwright install chromium) or set CHROMIUM_PATH"
    )


def launch() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = find_chromium(playwright)
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Visitor:
    """One person with a fresh browser context, visiting one variant's server."""

    page: Page
    server: Server
    variant: Variant
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{self.page.url}: {message.text}")

    def open_home(self) -> None:
        self.page.goto(f"{self.server.base_url}/")
        self.settle()

    def settle(self) -> None:
        """Wait until the page has finished rendering."""
        if self.variant.framework == "streamlit":
            self.page.locator(STREAMLIT_DONE).wait_for()
        else:
            self.page.wait_for_load_state()

    def visible(self, locator: Locator) -> Locator:
        """The first visible match (Streamlit keeps hidden tabs' widgets in the page)."""
        return locator.locator("visible=true").first

    def go_to(self, name: str) -> None:
        """Follow the navigation link (or Streamlit tab) called ``name``."""
        link = self.page.get_by_role("link", name=name, exact=True)
        tab = self.page.get_by_role("tab", name=name, exact=True)
        self.visible(link.or_(tab)).click()
        self.settle()

    def fill(self, label: str, value: str) -> None:
        field = self.visible(self.page.get_by_label(label, exact=True))
        field.fill(value)

    def press(self, button: str) -> None:
        self.visible(self.page.get_by_role("button", name=button, exact=True)).click()
        self.settle()

    def sees(self, text: str | re.Pattern[str]) -> None:
        expect(self.visible(self.page.get_by_text(text))).to_be_visible()

    def sees_heading(self, text: str) -> None:
        expect(self.visible(self.page.get_by_role("heading", name=text))).to_be_visible()

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{self.variant.id}-{name}.png", full_page=True)

    def sign_up(self, username: str, password: str) -> None:
        self.go_to("Sign up")
        self.fill("Username", username)
        self.fill("Password", password)
        self.fill("Password confirmation", password)
        self.press("Sign up")
        self.sees(f"Signed in as {username}")

    def sign_in(self, username: str, password: str) -> None:
        self.go_to("Sign in")
        self.fill("Username", username)
        self.fill("Password", password)
        self.press("Sign in")

    def sign_out(self) -> None:
        self.press("Sign out")
        self.visible(
            self.page.get_by_role("link", name="Sign in", exact=True).or_(
                self.page.get_by_role("tab", name="Sign in", exact=True)
            )
        ).wait_for()
