"""Browser fixtures shared by the browser tests: the review page served by a real uvicorn server, and headless
Chromium (Debian's /usr/bin/chromium driven by Playwright) with one context per person."""

from __future__ import annotations

import re
import socket
import threading
import time

import pytest
import uvicorn
from playwright.sync_api import expect, sync_playwright

from flows.review_page import review_app
from tests.web_support import PASSWORD, Site

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture
def server(site: Site):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    web = uvicorn.Server(uvicorn.Config(review_app(site.settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not web.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    web.should_exit = True
    thread.join(timeout=10)


VIEWPORT = {"width": 1360, "height": 900}


@pytest.fixture
def pages(server):
    """Makes pages, each in a browser context of its own (another person at another browser)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield lambda: browser.new_context(base_url=server, viewport=VIEWPORT, locale="vi-VN",
                                          accept_downloads=True).new_page()
        browser.close()


@pytest.fixture
def page(pages):
    return pages()


def log_in(page, username: str = "lan") -> None:
    """Log in through the login page as a person would; ends on the list."""
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Đăng nhập')")
    expect(page.locator("h1")).to_have_text(re.compile(r"hồ sơ$"))
