"""Reader views in headless Chromium: map marks open existing events, the map's month
control works by keyboard, a filtered search URL reloads to the same events, an embed
page works in an iframe on another origin (its links open in the parent window), and
axe-core finds no serious or critical accessibility violation on any page kind.

Needs Debian's /usr/bin/chromium and axe-core from npm (.ci/run installs it into
.ci/axe/; CHRONICLE_AXE_JS may point at another axe.min.js)."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from conftest import BuiltSite
from helpers.browsing import ARGS, CHROMIUM, serve
from helpers.site_exports import site_data

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def _axe_js() -> Path | None:
    for candidate in (
        os.environ.get("CHRONICLE_AXE_JS"),
        ROOT / ".ci/axe/node_modules/axe-core/axe.min.js",
    ):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        if os.environ.get("CHRONICLE_REQUIRE_BROWSER") == "1":
            pytest.fail("CHRONICLE_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing")
        pytest.skip("no Chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _watch(page) -> list[str]:  # noqa: ANN001
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return problems


def test_day_map_marks_open_existing_events(browser, synthetic_site: BuiltSite) -> None:
    with serve(synthetic_site.out) as origin:
        page = browser.new_page()
        problems = _watch(page)
        page.goto(origin + "/days/2026/02/03/")
        marks = page.locator("svg.war-map a")
        hrefs = [marks.nth(i).get_attribute("href") for i in range(marks.count())]
        assert hrefs, "the day map has marks"
        for href in hrefs:
            assert page.request.get(origin + href).status == 200, href
        first = hrefs[0]
        marks.first.click()
        page.wait_for_url("**" + first)
        assert page.locator("h1").inner_text()
        # The outline drawing under the marks loaded (same origin, allowed by the CSP).
        page.goto(origin + "/days/2026/02/03/")
        loaded = page.evaluate(
            "fetch(document.querySelector('svg.war-map image').getAttribute('href'))"
            ".then(r => r.status)"
        )
        assert loaded == 200
        page.close()
    assert not problems, problems


def test_map_month_control_by_keyboard(browser, synthetic_site: BuiltSite) -> None:
    from playwright.sync_api import expect

    with serve(synthetic_site.out) as origin:
        page = browser.new_page()
        problems = _watch(page)
        page.goto(origin + "/map/")
        control = page.locator(".map-control")
        expect(control).to_be_visible()
        slider = page.locator("#map-month")
        slider.focus()
        page.keyboard.press("ArrowRight")
        months = control.get_attribute("data-months").split()
        expect(page.locator(".map-control output")).to_have_text(
            dt.date.fromisoformat(months[0] + "-01").strftime("%B %Y")
        )
        assert page.url.endswith("#" + months[0])
        shown = page.evaluate(
            "[...document.querySelectorAll('svg.war-map .map-layer')]"
            ".filter(g => getComputedStyle(g).display !== 'none').map(g => g.dataset.layer)"
        )
        assert shown == [months[0]]
        assert (
            page.locator(f'details.map-month-list[data-layer="{months[0]}"]').get_attribute("open")
            is not None
        )
        # Home goes back to the whole year; the month in the URL is restored on reload.
        page.keyboard.press("Home")
        expect(page.locator(".map-control output")).to_contain_text("Whole year")
        page.goto(origin + "/map/#" + months[-1])
        expect(page.locator(".map-control output")).to_have_text(
            dt.date.fromisoformat(months[-1] + "-01").strftime("%B %Y")
        )
        # Tab reaches a mark of the shown layer; Enter opens its event.
        page.locator(".map-next").focus()
        for _ in range(6):
            page.keyboard.press("Tab")
            href = page.evaluate("document.activeElement.getAttribute('href')")
            if href and href.startswith("/events/"):
                break
        else:
            pytest.fail("Tab never reached a map mark")
        page.keyboard.press("Enter")
        page.wait_for_url("**" + href)
        page.close()
    assert not problems, problems


def _view(page) -> tuple[str, list[str]]:  # noqa: ANN001
    page.locator("#search[data-searched]").wait_for(state="attached", timeout=15000)
    links = page.locator("#search-results .event-link")
    return page.locator("#search-status").inner_text(), [
        links.nth(i).get_attribute("href") for i in range(links.count())
    ]


def test_filtered_url_reloads_to_the_same_events(browser, synthetic_site: BuiltSite) -> None:
    chron = synthetic_site.chronicle
    lo, hi = dt.date(2026, 2, 3), dt.date(2026, 2, 5)
    expected = sorted(
        (e for e in chron.events if lo <= e.date.value <= hi and e.topic == "fighting"),
        key=lambda e: e.date.value,
        reverse=True,
    )
    with serve(synthetic_site.out) as origin:
        page = browser.new_page()
        problems = _watch(page)
        page.goto(origin + "/search/")
        page.locator("#search[data-searched]").wait_for(state="attached", timeout=15000)
        # Built with the keyboard: fields filled, Enter submits.
        page.fill("#search-from", lo.isoformat())
        page.fill("#search-to", hi.isoformat())
        page.select_option("#filter-topic", "Fighting")
        page.focus("#search-q")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?*topic=Fighting*")
        page.wait_for_function(
            "document.getElementById('search-status').textContent.startsWith('Showing')"
        )
        status, hrefs = _view(page)
        assert len(hrefs) == len(expected), (status, hrefs)
        assert status.startswith(f"Showing {len(expected)} of {len(expected)} events")
        urls = {e["id"]: "/" + e["url"] for e in site_data(synthetic_site.out)["events"]}
        assert sorted(hrefs) == sorted(urls[e.id] for e in expected)
        url = page.url
        assert "from=2026-02-03" in url and "to=2026-02-05" in url
        page.reload()
        assert _view(page) == (status, hrefs)
        assert page.locator("#search-from").input_value() == lo.isoformat()
        # The same link in a fresh page gives the same view.
        other = browser.new_page()
        other.goto(url)
        assert _view(other) == (status, hrefs)
        other.close()
        # The embed code follows the view.
        code = page.locator("#embed-code-text").input_value()
        assert "/embed/search/?" in code and "topic=Fighting" in code
        page.close()
    assert not problems, problems


def test_a_shared_link_naming_an_unknown_value_says_so(browser, synthetic_site: BuiltSite) -> None:
    """A filter value no page carries (a stale or edited link) lists nothing and names
    the value, rather than being dropped and showing every event."""
    with serve(synthetic_site.out) as origin:
        page = browser.new_page()
        problems = _watch(page)
        page.goto(origin + "/search/?actor=Nobody%20Known&topic=constructor")
        page.locator("#search[data-searched]").wait_for(state="attached", timeout=15000)
        status, hrefs = _view(page)
        assert hrefs == [], (status, hrefs)
        assert "actor: Nobody Known" in status and "topic: constructor" in status, status
        page.close()
    assert not problems, problems


def _host_page(folder: Path, src: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>Article</title><link rel="icon" href="data:,">'
        f"<h1>An article</h1>"
        f'<iframe id="embed" src="{src}" title="Chronicle" width="600" height="500"></iframe>',
        "utf-8",
    )


@pytest.mark.parametrize("sub", ["", "repo/"])
def test_embed_works_in_an_iframe_on_another_origin(
    browser, synthetic_site: BuiltSite, subpath_site: BuiltSite, tmp_path: Path, sub: str
) -> None:
    from playwright.sync_api import expect

    site = synthetic_site.out
    root = tmp_path / "site"
    if sub:
        root.mkdir()
        (root / "repo").symlink_to(subpath_site.out, target_is_directory=True)
    else:
        root = site
    with serve(root) as origin:
        for embed, title in (
            (f"/{sub}embed/actors/russia/", "Russia"),
            (f"/{sub}embed/days/2026/02/03/", "Tuesday 3 February 2026"),
            (f"/{sub}embed/search/?topic=Fighting", "topic: Fighting"),
        ):
            _host_page(tmp_path / "host", origin + embed)
            with serve(tmp_path / "host") as host:
                assert host.rsplit(":", 1)[1] != origin.rsplit(":", 1)[1]
                page = browser.new_page()
                problems = _watch(page)
                page.goto(host + "/")
                frame = page.frame_locator("#embed")
                heading = frame.locator("h1")
                heading.wait_for(timeout=15000)
                expect(heading).to_contain_text(title, timeout=15000)
                link = frame.locator("ol.event-list > li > a").first
                link.wait_for(timeout=15000)
                # The link, or the page's <base>, opens it around the iframe.
                assert (
                    link.get_attribute("target") == "_top"
                    or frame.locator('base[target="_top"]').count() == 1
                )
                href = link.get_attribute("href")
                assert href.startswith(f"/{sub}events/"), href
                assert frame.locator("body > header").count() == 0  # no site chrome
                link.click()
                page.wait_for_url(origin + href)  # the parent window navigated
                page.close()
                assert not problems, problems


def _axe(page, axe: Path) -> list[dict]:  # noqa: ANN001
    page.add_script_tag(path=str(axe))
    result = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in json.loads(result)
        if v["impact"] in ("serious", "critical")
    ]


PAGE_KINDS = (
    "",
    "days/",
    "days/2026/",
    "days/2026/02/",
    "days/2026/02/03/",
    "events/2026/02/05/train-drone-strike/",
    "actors/",
    "actors/russia/",
    "topics/",
    "topics/fighting/",
    "places/",
    "places/kharkiv/",
    "sources/",
    "map/",
    "search/?q=drone&topic=Fighting",
    "report/",
    "404.html",
    "embed/actors/russia/",
    "embed/search/?topic=Fighting",
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_any_page_kind(
    browser, synthetic_site: BuiltSite, scheme: str
) -> None:
    axe = _axe_js()
    if axe is None:
        if os.environ.get("CHRONICLE_REQUIRE_BROWSER") == "1":
            pytest.fail("CHRONICLE_REQUIRE_BROWSER=1 but axe-core is not installed (.ci/run)")
        pytest.skip("axe-core not installed: npm install --prefix .ci/axe axe-core")
    source = next(p for p in (synthetic_site.out / "sources").iterdir() if p.is_dir())
    kinds = [*PAGE_KINDS, f"sources/{source.name}/"]
    # The site's CSP forbids injected scripts: the test context bypasses it for axe only.
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    found: dict[str, list[dict]] = {}
    with serve(synthetic_site.out) as origin:
        page = context.new_page()
        for rel in kinds:
            page.goto(f"{origin}/{rel}")
            if rel.startswith(("search/", "embed/search/")):
                page.locator("#search[data-searched]").wait_for(state="attached", timeout=15000)
            violations = _axe(page, axe)
            if violations:
                found[rel] = violations
        context.close()
    assert not found, json.dumps(found, indent=1)
