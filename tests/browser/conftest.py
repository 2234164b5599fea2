"""Browser fixtures: the real site served over HTTP and Debian's Chromium driven by Playwright.

Outside CI a missing browser skips these tests with one line saying what to
install; in CI (CI=true) it fails them, so a green CI always means they ran.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from briefgen.write import urls
from tests.conftest import ROOT

# Debian's package; another path (say, a distribution's chromium-browser) through the environment.
CHROMIUM = Path(os.environ.get("BRIEFGEN_CHROMIUM", "/usr/bin/chromium"))
# Measured on these machines (shared/NOTES.md): no sandbox or GPU in a
# container, and nothing that phones home.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
INSTALL_HINT = (
    "browser tests: install Chromium and Playwright with "
    "`apt-get install -y chromium` and `.venv/bin/pip install -e '.[test]'`"
)
# Kept after the run (git-ignored): look at these to see what a reader sees.
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

DESKTOP = 1280
PHONE = 390
HEIGHTS = {DESKTOP: 800, PHONE: 844}

# One page of each kind a reader meets, by the URL the project gives it.
PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "brief-index": "/briefs/",
    "brief": urls.brief_url("pokrovsk-on-the-brink"),
    "person": urls.entity_url("person", "michael-kofman"),
    "place": urls.entity_url("place", "pokrovsk"),
    "organisation": urls.entity_url("organisation", "russian-armed-forces"),
    "figures-index": "/figures/",
    "metric": urls.metric_url("casualties"),
    "discrepancies": "/figures/discrepancies/",
    "writing-a-brief": "/writing-a-brief/",
    "timeline": "/timeline/",
    "map": "/map/",
    "connections": "/connections/",  # paginated: two pagers
    "people-index": "/people/",
    "places-index": "/places/",
    "organisations-index": "/organisations/",
    "topics": "/topics/",
    "data": "/data/",
}


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for module in ("playwright", "axe_playwright_python"):
        if importlib.util.find_spec(module) is None:
            return f"{INSTALL_HINT} (Python package {module!r} is missing)"
    if not CHROMIUM.exists():
        return f"{INSTALL_HINT} ({CHROMIUM} is missing)"
    return None


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


_set_aside: list[pytest.Item] = []


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Outside CI, without a browser: set the browser tests aside, to be reported in one line."""
    if _in_ci() or browser_missing() is None:
        return
    here = Path(__file__).parent
    browser = [item for item in items if here in item.path.parents]
    if browser:
        _set_aside.extend(browser)
        items[:] = [item for item in items if here not in item.path.parents]
        config.hook.pytest_deselected(items=browser)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _set_aside:
        terminalreporter.write_line(f"SKIPPED {len(_set_aside)} {browser_missing()}", yellow=True)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium; in CI, a missing one fails every browser test."""
    missing = browser_missing()
    if missing:
        pytest.fail(f"CI must run the browser tests, but {missing}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield browser
        browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the stdlib's name)
        pass


@pytest.fixture(scope="session")
def site_url(chromium: Any, real_site: Path) -> Iterator[str]:
    """The real project's site (built once), served on a free local port.

    Threaded: Chromium opens speculative connections that stall a
    single-threaded server. `chromium` comes first so a missing browser skips
    before the site is built.
    """
    handler = functools.partial(_QuietHandler, directory=str(real_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass(frozen=True)
class Visit:
    """A page opened in its own browser context, and what went wrong loading it."""

    page: Any
    errors: list[str] = field(default_factory=list)  # console errors, page errors, failed requests


@pytest.fixture
def visit(chromium: Any, site_url: str) -> Iterator[Callable[..., Visit]]:
    """Open a site path at a width and colour scheme; every context is closed afterwards."""
    contexts: list[Any] = []

    def open_page(path: str, *, width: int = DESKTOP, scheme: str = "light") -> Visit:
        context = chromium.new_context(
            viewport={"width": width, "height": HEIGHTS.get(width, 800)}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)
        page.on("console", lambda m: seen.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: seen.errors.append(f"request failed: {r.url} {r.failure}"))
        page.on("response", lambda r: seen.errors.append(f"HTTP {r.status}: {r.url}")
                if r.status >= 400 else None)
        page.goto(site_url + path, wait_until="networkidle")
        return seen

    yield open_page
    for context in contexts:
        context.close()
