"""An event page says each thing once: a passage that is the summary is not quoted again,
source numbers and contribution panels only where there are several sources, a short
related list; lists of events carry no per-item classes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BuiltSite
from helpers.factories import make_chronicle
from helpers.site_exports import site_events

from chronicle.config import Config
from chronicle.site import write_site


def _page(site: BuiltSite, title_part: str) -> tuple[dict, BeautifulSoup]:
    e = next(e for e in site_events(site.out) if title_part in e["title"])
    html = (site.out / e["url"] / "index.html").read_text("utf-8")
    return e, BeautifulSoup(html, "html.parser")


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_passage_that_is_the_summary_is_not_quoted_again(tmp_path: Path) -> None:
    c = make_chronicle()
    # One event whose summary is its (only) passage, word for word, as extractive
    # summaries of one-sentence passages are; the others keep their own summaries.
    single = next(e for e in c.events if len(e.sources) == 1 and not e.sources[0].passage.title)
    text = single.sources[0].passage.text
    events = tuple(dataclasses.replace(e, summary=text) if e is single else e for e in c.events)
    out = tmp_path / "site"
    write_site(dataclasses.replace(c, events=events), Config(search=False), out)
    shown = quoted = 0
    for e in site_events(out):
        soup = BeautifulSoup((out / e["url"] / "index.html").read_text("utf-8"), "html.parser")
        for source, card in zip(e["sources"], soup.select(".source-cards > li"), strict=True):
            quote = card.select_one("blockquote")
            if e["id"] == single.id:
                assert quote is None  # the summary above is this text
                assert _words(soup.select_one("p.summary").get_text()) == source["text"]
                shown += 1
            else:
                assert quote is not None and source["text"][:40] in _words(quote.get_text())
                quoted += 1
            # Either way the card leads to the passage in its document.
            assert card.select_one("cite a")["href"].startswith("/sources/")
    assert shown == 1 and quoted


def test_merged_event_numbers_each_fact_and_shows_what_each_source_gave(
    synthetic_site: BuiltSite,
) -> None:
    e, soup = _page(synthetic_site, "overnight attack on energy grid")
    assert len(e["sources"]) == 2
    assert len(soup.select(".source-cards > li details.provenance")) == 2
    # (The synthetic chronicle has no per-source analyses: its facts carry no numbers.)
    assert {a["href"] for a in soup.select(".facts sup.prov a")} <= {"#source-1", "#source-2"}


def test_related_list_is_short_and_plain(synthetic_site: BuiltSite) -> None:
    found = False
    for e in site_events(synthetic_site.out):
        html = (synthetic_site.out / e["url"] / "index.html").read_text("utf-8")
        related = BeautifulSoup(html, "html.parser").select("aside.related li")
        assert len(related) <= 3
        for li in related:
            found = True
            assert li.get("class") is None and li.a.get("class") is None
            assert li.a["href"].startswith("/events/") and li.time["datetime"]
    assert found


def test_list_items_carry_no_repeated_classes(synthetic_site: BuiltSite) -> None:
    html = (synthetic_site.out / "actors/russia/index.html").read_text("utf-8")
    items = BeautifulSoup(html, "html.parser").select("ol.event-list > li")
    assert items
    for li in items:
        assert li.get("class") is None and li.a.get("class") is None
        assert li.a["href"].startswith("/events/")
        meta = li.small  # one plain meta line: date · topic · sources, then marks
        assert meta is not None and meta.time is not None  # the date on an actor's list
        assert meta.select("span.tag, span.sources-count, span.time") == []
