"""Live reload in a real browser: an open page reloads after a source change and shows a
failed rebuild over the page, even under a strict Content-Security-Policy.

Needs Chromium. Skipped when it is missing, unless CHRONICLE_REQUIRE_BROWSER=1 (set by
.ci/run), which turns the skip into a failure so CI cannot pass without running it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browsing import chromium_or_skip

from chronicle import build as build_module
from chronicle.build import BuildReport
from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.serve import PreviewServer

pytestmark = pytest.mark.browser

# The same strict policy a built page may carry: no inline script at all.
CSP = "default-src 'self'; script-src 'self'; style-src 'self'"


def fake_build(config: Config, reporter=None) -> BuildReport:
    text = (Path(config.source) / "a.txt").read_text("utf-8").strip()
    if text == "FAIL":
        raise BuildError("seeds/a.txt:1: the build failed on purpose")
    out = Path(config.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(
        f'<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
        f'content="{CSP}"><title>t</title></head><body><h1>{text}</h1></body></html>',
        encoding="utf-8",
    )
    return BuildReport(output=out)


def test_open_page_reloads_after_change_and_shows_errors(tmp_path: Path, monkeypatch) -> None:
    executable = chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setattr(build_module, "build", fake_build)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("one\n", encoding="utf-8")
    config = Config(source=seeds, output=tmp_path / "site")
    server = PreviewServer(lambda: config, "127.0.0.1", 0, echo=print)
    server.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(server.url)
            assert page.text_content("h1") == "one"
            (seeds / "a.txt").write_text("two\n", encoding="utf-8")
            # Locator waits, not wait_for_function: the page's CSP forbids eval.
            expect(page.locator("h1")).to_have_text("two", timeout=15000)
            (seeds / "a.txt").write_text("FAIL\n", encoding="utf-8")
            page.wait_for_selector("#chronicle-build-error", timeout=15000)
            assert "failed on purpose" in page.text_content("#chronicle-build-error")
            assert page.text_content("h1") == "two"  # the old page stays
            (seeds / "a.txt").write_text("three\n", encoding="utf-8")
            expect(page.locator("h1")).to_have_text("three", timeout=15000)
            expect(page.locator("#chronicle-build-error")).to_have_count(0)
            browser.close()
    finally:
        server.stop()
