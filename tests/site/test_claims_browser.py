"""In Chromium, on the real seeds: an event whose passages claim and deny is marked
contested on its page and on its day page, and the search's `contested` filter finds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browsing import ARGS, CHROMIUM, serve
from helpers.site_exports import site_data

from chronicle.build import build
from chronicle.config import Config

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds_site(tmp_path_factory: pytest.TempPathFactory, warm_seeds_cache: Path) -> Path:
    root = tmp_path_factory.mktemp("claims-seeds")
    out = root / "site"
    report = build(Config(source=SEEDS, output=out, cache_dir=warm_seeds_cache))
    assert report.chronicle is not None
    return out


def claim_and_denial(seeds_site: Path) -> dict:
    """A seed event whose passages both claim and deny (found in the export), dated to a
    day (it is then listed on that day's page)."""
    events = site_data(seeds_site)["events"]
    for e in events:
        stances = {c["stance"] for s in e["sources"] for c in s["claims"]}
        if "denies" in stances and stances & {"asserts", "accuses"}:
            if e["date_precision"] == "day":
                return e
    raise AssertionError("no seed event both claims and denies")


def test_seed_event_that_claims_and_denies_shows_as_contested(seeds_site: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.skip("Debian chromium is not installed")
    event = claim_and_denial(seeds_site)
    assert event["contested"] is True
    events = site_data(seeds_site)["events"]
    with serve(seeds_site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{origin}/{event['url']}")
        flag = page.locator(".contested-flag .contested-mark")
        expect(flag).to_be_visible()
        expect(flag).to_have_text("Contested")
        denial = page.locator('section.claims .claim-list > li[data-stance="denies"]').first
        expect(denial).to_be_visible()
        expect(page.locator("section.claims .claim-column")).not_to_have_count(0)
        day = event["date"].replace("-", "/")
        page.goto(f"{origin}/days/{day}/")
        item = page.locator("ol.event-list > li", has=page.locator(f'a[href="/{event["url"]}"]'))
        expect(item.locator(".contested-mark")).to_have_text("Contested")
        # The search view's `contested` filter (a URL parameter, like every filter).
        page.goto(f"{origin}/search/?contested=yes")
        contested = {f"/{e['url']}" for e in events if e["contested"]}
        results = page.locator("#search-results a.event-link")
        expect(results).to_have_count(len(contested), timeout=20000)
        hrefs = {results.nth(i).get_attribute("href") for i in range(results.count())}
        assert hrefs == contested, hrefs
        marks = page.locator("#search-results li.event-item .contested-mark")
        expect(marks).to_have_count(len(contested))
        expect(page.locator("#filter-contested")).to_have_value("yes")
        browser.close()
    assert not problems, problems
