"""Regenerate docs/screenshot.png from a built site (the README's picture).

    chronicle build && python docs/screenshot.py [site] [path-in-site]

Serves the folder on a free local port (search needs HTTP) and photographs it with
headless Chromium through Playwright.
"""

from __future__ import annotations

import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
    page_path = sys.argv[2] if len(sys.argv) > 2 else ""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/{page_path}"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.goto(url, wait_until="networkidle")
            page.screenshot(path=str(HERE / "screenshot.png"))
            browser.close()
    finally:
        httpd.shutdown()
    print(f"wrote {HERE / 'screenshot.png'} from {url}")


if __name__ == "__main__":
    main()
