"""Lighthouse's accessibility score of a built site's pages, and what it failed.

Prints figures; asserts nothing (the browser tests assert with axe, which
Lighthouse's accessibility audits are built on). Lighthouse is not a
dependency of briefgen: install it apart, with the machine's Node.js,

    npm install --prefix /tmp/lh lighthouse@12
    .venv/bin/python tools/lighthouse_scores.py site /tmp/lh/node_modules/.bin/lighthouse

The site is served from a local port, each page audited on Lighthouse's
phone (the default) and desktop presets in the Chromium at BRIEFGEN_CHROMIUM
(default /usr/bin/chromium).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PAGES = {
    "home": "",
    "a brief": "briefs/pokrovsk-on-the-brink/",
    "an entity": "places/pokrovsk/",
    "the map": "map/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


def scores(site: Path, lighthouse: str, chromium: str) -> list[dict[str, object]]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for name, path in PAGES.items():
                for preset in ("phone", "desktop"):
                    out = Path(tmp) / "report.json"
                    command = [lighthouse, f"http://127.0.0.1:{server.server_port}/{path}",
                               "--only-categories=accessibility", "--output=json", f"--output-path={out}",
                               "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
                    if preset == "desktop":
                        command.append("--preset=desktop")
                    subprocess.run(command, check=True, env=os.environ | {"CHROME_PATH": chromium},
                                   capture_output=True, timeout=300)
                    report = json.loads(out.read_text(encoding="utf-8"))
                    failed = sorted(key for key, audit in report["audits"].items()
                                    if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0)
                    found.append({"page": name, "preset": preset,
                                  "score": round(100 * report["categories"]["accessibility"]["score"]),
                                  "failed": failed})
    finally:
        server.shutdown()
    return found


def main() -> None:
    site, lighthouse = Path(sys.argv[1]), sys.argv[2]
    chromium = os.environ.get("BRIEFGEN_CHROMIUM", "/usr/bin/chromium")
    results = scores(site, lighthouse, chromium)
    for result in results:
        failed = ", ".join(result["failed"]) or "nothing failed"  # type: ignore[arg-type]
        print(f"{result['page']:<12}{result['preset']:<9}accessibility {result['score']:>3}   {failed}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
