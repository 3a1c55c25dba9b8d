"""What the Chromium tests share: the browser's path and flags, and a quiet static server."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_or_skip() -> str:
    """Chromium on the PATH (with playwright importable); skipped without them, a failure
    under CHRONICLE_REQUIRE_BROWSER=1 (CI)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if not found:
        if os.environ.get("CHRONICLE_REQUIRE_BROWSER") == "1":
            pytest.fail("CHRONICLE_REQUIRE_BROWSER=1 but chromium or playwright is missing")
        pytest.skip("chromium or playwright not installed")
    return found


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` over HTTP on a free loopback port (search and modules need HTTP)."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
