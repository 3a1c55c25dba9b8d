"""In Chromium, on the real seeds: an event whose passages claim and deny is marked
contested on its page and on its day page, and the search's `contested` filter finds it."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from chronicle.build import build
from chronicle.config import Config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("claims-seeds")
    out = root / "site"
    report = build(Config(source=SEEDS, output=out, cache_dir=root / "cache"))
    assert report.chronicle is not None
    return out


def claim_and_denial(seeds_site: Path) -> dict:
    """A seed event whose passages both claim and deny (found in the export)."""
    events = json.loads((seeds_site / "data/events.json").read_text("utf-8"))["events"]
    for e in events:
        stances = {c["stance"] for s in e["sources"] for c in s["claims"]}
        if "denies" in stances and stances & {"asserts", "accuses"}:
            return e
    raise AssertionError("no seed event both claims and denies")


def test_seed_event_that_claims_and_denies_shows_as_contested(seeds_site: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian chromium is not installed")
    event = claim_and_denial(seeds_site)
    assert event["contested"] is True
    events = json.loads((seeds_site / "data/events.json").read_text("utf-8"))["events"]
    with serve(seeds_site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{origin}/{event['url']}")
        flag = page.locator(".contested-flag .contested-mark")
        expect(flag).to_be_visible()
        expect(flag).to_have_text("Contested")
        denial = page.locator('section.claims .claim[data-stance="denies"]').first
        expect(denial).to_be_visible()
        expect(page.locator("section.claims .claim-column")).not_to_have_count(0)
        day = event["date"].replace("-", "/")
        page.goto(f"{origin}/days/{day}/")
        item = page.locator("li.event-item", has=page.locator(f'a[href="/{event["url"]}"]'))
        expect(item.locator(".contested-mark")).to_have_text("Contested")
        page.goto(f"{origin}/search/?q={event['title'].split()[0]}")
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=20000)
        block = page.locator("details.pagefind-ui__filter-block", has_text="contested")
        if block.get_attribute("open") is None:
            block.locator("summary").click()
        block.locator("label", has_text="yes").click()
        contested = {f"/{e['url']}" for e in events if e["contested"]}
        hrefs: list[str | None] = []
        for _ in range(40):  # until the filtered results replace the unfiltered ones
            page.wait_for_timeout(500)
            hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
            if hrefs and set(hrefs) <= contested:
                break
        assert hrefs and set(hrefs) <= contested, hrefs
        assert f"/{event['url']}" in hrefs, hrefs
        browser.close()
    assert not problems, problems
