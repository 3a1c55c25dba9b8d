"""Claims on the built site: the contested marker and filter, claims side by side,
provenance per source (events.json and event pages) and actors' statements."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers.site_exports import site_data

from chronicle.build import build
from chronicle.config import Config

DOCS = {
    "sumy.md": (
        "Missiles hit school in Sumy as Moscow denies targeting civilians",
        "2026-03-02T09:00:00+00:00",
        "Ukraine's air force said Russian missiles hit a school in Sumy overnight, killing four "
        "people and injuring 11. Russia's defence ministry denied targeting civilian sites in "
        "Sumy and said its forces struck a Ukrainian army depot.",
    ),
    "offensive.md": (
        "Zelenskyy warns of a new Russian offensive in the south",
        "2026-03-03T10:00:00+00:00",
        "Ukrainian President Volodymyr Zelenskyy warned that Russia was preparing a new "
        "offensive in the Zaporizhzhia region. Example Wire could not independently verify "
        "his claim.",
    ),
    "kharkiv.md": (
        "Kharkiv to receive new air defence systems",
        "2026-03-04T10:00:00+00:00",
        "Volodymyr Zelenskyy said the city of Kharkiv would receive new air defence systems "
        "before the end of the month.",
    ),
}


def page(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text("utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("claims-site")
    src = root / "src"
    src.mkdir()
    for name, (title, date, body) in DOCS.items():
        (src / name).write_text(
            f"---\ntitle: {title}\ndate: {date}\npublisher: Example Wire\n---\n\n{body}\n",
            "utf-8",
        )
    out = root / "site"
    cfg = Config(source=src, output=out, cache_dir=root / "cache", search=False)
    report = build(cfg)
    assert report.chronicle is not None
    data = site_data(out)
    return out, {e["title"]: e for e in data["events"]}


def by_word(events: dict, word: str) -> dict:
    return next(e for t, e in events.items() if word in t)


def test_events_json_sources_carry_their_own_contributions(site) -> None:
    _out, events = site
    for e in events.values():
        actor_ids = {a["id"] for a in e["actors"]}
        place_ids = {p["id"] for p in e["places"]}
        assert isinstance(e["contested"], bool)
        for s in e["sources"]:
            assert set(s["actors"]) <= actor_ids and set(s["places"]) <= place_ids
            assert {"killed", "injured", "date_evidence", "claims"} <= set(s)
            for c in s["claims"]:
                assert {"speaker", "verb", "stance", "text", "hedged"} <= set(c)
                assert c["stance"] in ("asserts", "denies", "accuses", "warns")
    sumy = by_word(events, "Sumy")
    (src,) = sumy["sources"]
    assert (src["killed"], src["injured"]) == (4, 11)
    assert "sumy" in src["places"]
    stances = {(c["side"], c["stance"]) for c in src["claims"]}
    assert ("ukraine", "asserts") in stances and ("russia", "denies") in stances


def test_contested_events_in_the_export(site) -> None:
    _out, events = site
    assert by_word(events, "Sumy")["contested"] is True
    offensive = by_word(events, "offensive")
    assert offensive["contested"] is True  # the writer could not verify
    assert offensive["sources"][0]["claims"][0]["hedged"] is True
    assert offensive["sources"][0]["claims"][0]["speaker"] == "volodymyr-zelenskyy"
    assert by_word(events, "Kharkiv")["contested"] is False


def test_event_page_shows_claims_side_by_side(site) -> None:
    out, events = site
    soup = page(out, by_word(events, "Sumy")["url"])
    assert soup.select_one(".contested-flag .contested-mark").get_text() == "Contested"
    assert soup.select('[data-pagefind-filter="contested:yes"]')
    sides = [c["data-side"] for c in soup.select("section.claims .claim-column")]
    assert sides[:2] == ["ukraine", "russia"]
    russia = soup.select_one('.claim-column[data-side="russia"]')
    assert russia.select_one('li[data-stance="denies"] > em').get_text() == "denies"
    # One source: every claim is from it, its card says so once (no line per claim).
    assert russia.select_one(".claim-source") is None
    assert soup.select_one("#source-1 small").get_text() == "2 Mar 2026"
    calm = page(out, by_word(events, "Kharkiv")["url"])
    assert calm.select_one("article.event .contested-mark") is None
    assert calm.select('[data-pagefind-filter="contested:no"]')


def test_single_source_event_page_does_not_number_its_facts(site) -> None:
    out, events = site
    soup = page(out, by_word(events, "Sumy")["url"])
    # Every fact is the one source's: no "1" on each fact, no panel repeating the facts.
    assert soup.select(".facts sup.prov") == []
    card = soup.select_one("#source-1")
    assert card.parent["class"] == ["source-cards"]
    assert card.select_one("details.provenance") is None
    assert "4 killed" in soup.select_one(".facts").get_text()


def test_lists_mark_contested_events_in_words(site) -> None:
    out, events = site
    sumy = by_word(events, "Sumy")
    day = page(out, "days/2026/03/02")
    item = next(li for li in day.select("ol.event-list > li") if "Sumy" in li.get_text())
    assert item.select_one(".contested-mark").get_text() == "Contested"
    topic = page(out, f"topics/{sumy['topic']}")
    assert any("Contested" in li.get_text() for li in topic.select("ol.event-list > li"))


def test_actor_page_lists_statements_by_day(site) -> None:
    out, events = site
    soup = page(out, "actors/volodymyr-zelenskyy")
    section = soup.select_one("section.statements")
    assert section is not None
    days = [t["datetime"] for t in section.select("h3 time")]
    assert days == sorted(days, reverse=True) and len(days) == 2
    warned = next(s for s in section.select(".statement-list > li") if s["data-stance"] == "warns")
    links = [a["href"] for a in warned.select("small a")]
    assert links[0].endswith(by_word(events, "offensive")["url"])
    assert "#p-" in links[1]
