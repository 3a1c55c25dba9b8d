"""Hostile input in a real browser: pages built from it, and Pagefind search results
for hostile words, run no script from the input (no dialog opens), raise no script error,
and the Content-Security-Policy blocks nothing our own pages and Pagefind need.

Needs Chromium (Debian's /usr/bin/chromium) and playwright; skipped without them unless
CHRONICLE_REQUIRE_BROWSER=1 (set by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.browsing import chromium_or_skip, serve
from helpers.hostile_gen import Built, build_once, fill_seeds_and_hostile, pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_WORDS = ("alert", "Bryansk", "Nikopol", "Kharkiv metro", "1234")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_once("hostile", tmp_path_factory.mktemp("hostile"), fill_seeds_and_hostile)
    assert (built.out / "index.html").is_file(), built.run.output[-2000:]
    return built


@pytest.fixture(scope="module")
def served(hostile: Built) -> Iterator[str]:
    with serve(hostile.out) as url:
        yield url + "/"


@pytest.fixture(scope="module")
def browser_page(served: str):
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page()
        events: list[str] = []
        page.on("dialog", lambda d: (events.append(f"dialog {d.type}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: events.append(f"script error: {e}"))
        page.on(
            "console",
            lambda m: (
                events.append(f"console {m.type}: {m.text} ({m.location.get('url', '')})")
                if m.type in ("error", "warning")
                else None
            ),
        )
        yield page, events
        browser.close()


def _hostile_pages(hostile: Built) -> list[str]:
    """Pages whose text carries planted markup: source pages, events, actors, days."""
    picked = [
        rel
        for rel, soup in pages(hostile.out).items()
        if "alert(" in soup.get_text() or "onmouseover" in soup.get_text()
    ]
    return sorted(picked)[:40]


def test_hostile_pages_run_no_input_script(hostile: Built, served: str, browser_page) -> None:
    page, events = browser_page
    targets = _hostile_pages(hostile)
    assert targets, "no page shows the planted markup: nothing to check"
    for rel in ["index.html", *targets]:
        events.clear()
        page.goto(served + rel.removesuffix("index.html"), wait_until="load")
        page.wait_for_timeout(50)
        page.mouse.move(200, 200)
        page.mouse.move(400, 300)  # an input onmouseover would fire here
        problems = [e for e in events if "favicon" not in e]
        assert not problems, f"{rel}: {problems[:5]}"


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_search_results_for_hostile_words_are_inert(
    hostile: Built, served: str, browser_page, word: str
) -> None:
    if not (hostile.out / "pagefind" / "pagefind-ui.js").is_file():
        pytest.fail("no Pagefind index was built")
    page, events = browser_page
    events.clear()
    page.goto(served + "search/", wait_until="load")
    page.locator("#search[data-ready]").wait_for(timeout=15_000)
    box = page.locator("#search-q")
    box.fill(word)
    box.press("Enter")
    # the status names the query once its results are on the page
    page.wait_for_function(
        """w => { const s = document.getElementById("search-status").textContent;
                  return !s.startsWith("Searching") && s.includes("“" + w + "”"); }""",
        arg=word,
        timeout=15_000,
    )
    page.wait_for_timeout(300)  # an inserted image's onerror would fire by now
    results = page.locator("#search-results li")
    assert results.count() > 0 or word == "1234", f"search for {word!r} found nothing: {events}"
    page.mouse.move(300, 400)
    if results.count():
        results.first.hover()
    problems = [e for e in events if "favicon" not in e]
    assert not problems, f"search {word!r}: {problems[:5]}"
    assert page.locator("#search-results img[src='x'], #search-filters img").count() == 0


def test_browser_check_sees_an_injected_script(browser_page) -> None:
    """The listeners above really catch a script that runs (so a pass means something)."""
    page, events = browser_page
    page.goto("about:blank")  # no CSP here, unlike the site's pages
    events.clear()
    page.set_content("<p onmouseover=\"alert('planted')\" style='height:2000px'>x</p>")
    page.mouse.move(10, 10)
    page.mouse.move(20, 20)
    page.wait_for_timeout(200)
    assert any("planted" in e for e in events), events
