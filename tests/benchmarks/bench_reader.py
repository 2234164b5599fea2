"""Benchmark: what a reader waits for and downloads, in Chromium, on a built site.

    .venv/bin/python -m tests.benchmarks.bench_reader SITE_DIR [--query Pokrovsk]

Serves SITE_DIR over HTTP and measures, on a desktop CPU and with the CPU
throttled 4× (CDP Emulation.setCPUThrottlingRate, a phone-class device):

- search: the time from typing a query into the search box (opened a moment
  before, as a reader clicks it) to its first result on screen, and every
  byte fetched from the click to then: as served (this server does not
  compress) and gzipped (what a server that compresses would send);
- the largest HTML page: its size and the time Chromium takes to load it.

It asserts nothing; bench_build calls `reader_side` after each cold build.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
FIRST_RESULT = ".md-search-result__item"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


def reader_side(site: Path, *, query: str = "Pokrovsk", timeout_s: float = 120) -> dict[str, Any]:
    """The reader's figures for the site in `site` (see the module's docstring)."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    largest = max(site.rglob("*.html"), key=lambda page: page.stat().st_size)
    result: dict[str, Any] = {"query": query, "largest_page": str(largest.relative_to(site)),
                              "largest_page_kb": round(largest.stat().st_size / 1024, 1)}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for label, rate in (("desktop", 1), ("throttled_4x", 4)):
                result[label] = _measure(browser, base, site, query, rate, largest, timeout_s)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def _measure(browser: Any, base: str, site: Path, query: str, rate: int, largest: Path,
             timeout_s: float) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.goto(base + "/briefs/", wait_until="networkidle")
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    box = page.locator(".md-search__input")
    box.click()
    started = time.perf_counter()
    box.fill(query)
    box.press("End")  # Material's own search (on a plain site) asks on keyup
    page.wait_for_selector(FIRST_RESULT, timeout=timeout_s * 1000)
    first_result_s = time.perf_counter() - started
    page.wait_for_load_state("networkidle")
    first_path = page.eval_on_selector(f"{FIRST_RESULT} > a", "a => new URL(a.href).pathname")
    served = gzipped = 0
    for url in fetched:
        file = _file_of(site, url)
        if file is not None:
            body = file.read_bytes()
            served += len(body)
            gzipped += len(gzip.compress(body, 6))
    page_url = "/" + largest.relative_to(site).as_posix().removesuffix("index.html")
    started = time.perf_counter()
    page.goto(base + page_url, wait_until="load")
    load_s = time.perf_counter() - started
    context.close()
    return {"first_result_s": round(first_result_s, 2), "first_result": first_path,
            "requests": len(fetched), "bytes_served_kb": round(served / 1024, 1),
            "bytes_gzipped_kb": round(gzipped / 1024, 1), "largest_page_load_s": round(load_s, 2)}


def _file_of(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    file = site / path
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="Pokrovsk")
    args = parser.parse_args(argv)
    print(json.dumps(reader_side(args.site, query=args.query)))


if __name__ == "__main__":
    main()
