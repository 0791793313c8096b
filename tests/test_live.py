"""Every variant's production command serves, and its home page works in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, ConsoleMessage, expect, sync_playwright

from tests.harness import Server
from tests.variants import TEMPLATE_DIR, Variant

SCREENSHOTS = TEMPLATE_DIR / ".artifacts" / "screenshots"
PROJECT_NAME = "My Service"  # the default answer
# Where a page is done only when its own script says so: Streamlit renders over a websocket.
FINISHED = {"streamlit": '[data-testid="stApp"][data-test-script-state="notRunning"]'}
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


@pytest.mark.web
def test_production_command_answers_healthz(server: Server) -> None:
    response = httpx.get(f"{server.base_url}/healthz", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def find_chromium() -> str:
    candidates = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium"]
    candidates += [shutil.which(name) or "" for name in ("chromium", "chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "no chromium found for the browser tests: install it (Debian: apt-get install "
        "chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary"
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_home_page_in_a_real_browser(browser: Browser, server: Server, variant: Variant) -> None:
    page = browser.new_page()
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server.base_url}/")
    expect(page).to_have_title(re.compile(re.escape(PROJECT_NAME)), timeout=30_000)
    expect(page.locator("h1").first).to_contain_text(PROJECT_NAME, timeout=30_000)
    if variant.framework in FINISHED:
        page.locator(FINISHED[variant.framework]).wait_for(timeout=30_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{variant.id}-home.png", full_page=True)
    page.close()
    assert errors == []
