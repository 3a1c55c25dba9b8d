"""Headless Chromium loads the built site, searches with Pagefind, filters by
actor and gets the right event, at the root and under a GitHub Pages sub-path, with
no Content-Security-Policy violation. Needs Debian's /usr/bin/chromium (CI installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuiltSite
from helpers.browsing import ARGS, CHROMIUM, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "Debian chromium is required for the browser tests"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def search_and_filter(browser, origin: str, base: str) -> None:
    from playwright.sync_api import expect

    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(f"{origin}{base}search/?q=drone")
        results = page.locator("#search-results .event-link")
        results.first.wait_for(timeout=15000)
        expect(results.nth(1)).to_be_visible(timeout=15000)
        titles = results.all_inner_texts()
        assert any("passenger train" in t for t in titles), titles
        assert any("Kharkiv depot" in t for t in titles), titles
        expect(page.locator("#search-status")).to_contain_text(f"Showing {len(titles)} of")
        # A hostile actor name is a filter label shown as text, never as markup.
        panel = page.locator("#search-filters")
        expect(
            panel.locator("option", has_text='<img src=x onerror="alert(2)">Militia')
        ).to_have_count(1)
        assert panel.locator("img").count() == 0
        # Narrow by actor: only the train strike names Zelensky.
        page.select_option("#filter-actor", "Volodymyr Zelensky")
        expect(results).to_have_count(1, timeout=15000)
        # The view is in the address: reloading it shows the same event.
        assert "actor=Volodymyr+Zelensky" in page.url and "q=drone" in page.url, page.url
        page.reload()
        expect(results).to_have_count(1, timeout=15000)
        assert page.locator("#filter-actor").input_value() == "Volodymyr Zelensky"
        link = results.first
        assert "passenger train" in link.inner_text()
        href = link.get_attribute("href")
        assert href == f"{base}events/2026/02/05/train-drone-strike/", href
        link.click()
        page.wait_for_url(f"**{base}events/2026/02/05/train-drone-strike/")
        assert page.locator("h1").inner_text() == "Drone strike on passenger train kills five"
        assert page.locator('[data-casualty="killed"]').inner_text() == "5 killed"
    finally:
        page.close()
    csp = [m for m in problems if "Content Security Policy" in m or "Refused" in m]
    assert not csp, csp
    assert not problems, problems


def test_browser_search_filter_by_actor_at_root(browser, synthetic_site: BuiltSite) -> None:
    with serve(synthetic_site.out) as origin:
        search_and_filter(browser, origin, "/")


def test_browser_search_under_subpath(browser, subpath_site: BuiltSite, tmp_path: Path) -> None:
    (tmp_path / "repo").symlink_to(subpath_site.out, target_is_directory=True)
    with serve(tmp_path) as origin:
        search_and_filter(browser, origin, "/repo/")


def test_browser_home_search_box_leads_to_results(browser, synthetic_site: BuiltSite) -> None:
    with serve(synthetic_site.out) as origin:
        page = browser.new_page()
        page.goto(origin + "/")
        page.fill("#q", "Macron")
        page.click(".search-box button")
        page.locator("#search-results .event-link").first.wait_for(timeout=15000)
        assert "Macron" in page.locator("#search-results .event-link").first.inner_text()
        assert page.locator("#search-q").input_value() == "Macron"
        # Enter works too.
        page.goto(origin + "/")
        page.fill("#q", "Klitschko heating")
        page.press("#q", "Enter")
        page.locator("#search-results .event-link").first.wait_for(timeout=15000)
        assert "heating" in page.locator("#search-results .event-link").first.inner_text()
        # A day in the heatmap is a working link.
        page.goto(origin + "/")
        page.locator('svg.heatmap a[href="/days/2026/02/05/"]').click()
        page.wait_for_url("**/days/2026/02/05/")
        assert page.locator("h1").inner_text() == "Thursday 5 February 2026"
        page.close()


def test_browser_search_page_without_index_says_so(browser, tmp_path: Path) -> None:
    from conftest import build_synthetic
    from playwright.sync_api import expect

    built = build_synthetic(tmp_path / "site", search=False)
    with serve(built.out) as origin:
        page = browser.new_page()
        page.goto(origin + "/search/?q=drone")
        expect(page.locator("#search-unavailable")).to_be_visible(timeout=15000)
        page.close()


@pytest.fixture(scope="module")
def two_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Events in 2025, February and May 2026: three Pagefind bundles."""
    from helpers.search_years import two_year_chronicle, write

    from chronicle.config import Config
    from chronicle.search import index_site

    out = tmp_path_factory.mktemp("two-years") / "site"
    config = Config(output=out, cache_dir=out.parent / "cache")
    write(two_year_chronicle(spring=True), config, out)
    assert index_site(out, config) == []
    bundles = sorted(p.name for p in (out / "pagefind").iterdir() if p.is_dir())
    assert bundles == ["2025", "2026-q1", "2026-q2"]
    return out


def test_browser_search_spans_the_bundles_in_date_order(browser, two_year_site: Path) -> None:
    from playwright.sync_api import expect

    with serve(two_year_site) as origin:
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(origin + "/search/?q=drone")
        results = page.locator("#search-results .event-link")
        expect(results).to_have_count(6, timeout=15000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(6)]
        months = [h.split("/")[2] + "-" + h.split("/")[3] for h in hrefs]
        assert months == ["2026-05"] * 2 + ["2026-02"] * 2 + ["2025-02"] * 2, hrefs  # newest first
        titles = results.all_inner_texts()
        assert "Drone strike on passenger train kills five" in titles, titles
        assert "Drone strike on passenger train kills five (a year earlier)" in titles, titles
        # Filter counts are summed over the years; a filter narrows every year.
        option = page.locator("#filter-actor option", has_text="Volodymyr Zelensky")
        expect(option).to_contain_text("(3)")
        page.select_option("#filter-actor", "Volodymyr Zelensky")
        expect(results).to_have_count(3, timeout=15000)
        assert [results.nth(i).get_attribute("href").split("/")[3] for i in range(3)] == [
            "05",
            "02",
            "02",
        ]
        # A date range spanning a bundle's whole year narrows to that year.
        page.fill("#search-from", "2025-01-01")
        page.fill("#search-to", "2025-12-31")
        page.press("#search-q", "Enter")
        expect(results).to_have_count(1, timeout=15000)
        assert results.first.get_attribute("href") == "/events/2025/02/05/train-drone-strike-prev/"
        results.first.click()
        page.wait_for_url("**/events/2025/02/05/train-drone-strike-prev/")
        page.close()
    assert not problems, problems
