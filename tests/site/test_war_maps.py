"""Static SVG maps: the projection and outlines, marks that link to existing events and
places, the text alternative listing the same links, and the map page's month layers."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import BuiltSite
from helpers.factories import make_chronicle

from chronicle.model import Entity
from chronicle.site import maps

SVG = "{http://www.w3.org/2000/svg}"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _target(site: Path, href: str, base: str = "/") -> Path:
    assert href.startswith(base), href
    rel = href[len(base) :].split("#", 1)[0]
    return site / rel / "index.html" if rel.endswith("/") or not rel else site / rel


def test_projection_keeps_the_war_area_and_refuses_points_outside() -> None:
    a = maps.area()
    kyiv = a.project(50.4501, 30.5234)
    kharkiv = a.project(49.9935, 36.2304)
    assert kyiv is not None and kharkiv is not None
    assert 0 < kyiv[0] < kharkiv[0] < a.width  # east is right
    moscow = a.project(55.752, 37.618)
    assert moscow is not None and moscow[1] < kyiv[1]  # north is up
    assert a.project(38.895, -77.036) is None  # Washington
    assert a.project(None, 30.0) is None
    names = {name for name, _ in a.outlines}
    assert {"Ukraine", "Russia", "Belarus", "Poland", "Romania", "Moldova"} <= names


def test_outline_drawing_is_a_valid_svg_with_every_country() -> None:
    root = ET.fromstring(maps.base_svg())
    assert root.tag == f"{SVG}svg"
    titles = {t.text for t in root.iter(f"{SVG}title")}
    assert {"Ukraine", "Russia"} <= titles
    assert len(maps.base_svg().encode()) < 40_000


def test_marks_skip_countries_and_places_outside_and_rank_events() -> None:
    places = {
        "kyiv": Entity("kyiv", "Kyiv", "city", lat=50.45, lon=30.52),
        "ukraine": Entity("ukraine", "Ukraine", "country", lat=50.45, lon=30.52),
        "dc": Entity("dc", "Washington", "city", lat=38.9, lon=-77.0),
        "nowhere": Entity("nowhere", "Nowhere", "village"),
        "oblast": Entity("oblast", "Kharkiv Oblast", "region", lat=49.6, lon=36.4),
    }
    events = list(make_chronicle().events)
    one, two = events[0], events[1]
    small = dataclasses.replace(
        one, places=("kyiv", "ukraine", "dc", "nowhere"), sources=one.sources
    )
    big = dataclasses.replace(two, places=("kyiv", "oblast"), sources=two.sources * 3)
    marks, off = maps.gather_marks(
        [small, big], places, lambda p, e: f"events/{e.id}/", lambda p, evs: p.name
    )
    assert [m.place.id for m in marks] == ["kyiv", "oblast"]  # most events first
    assert marks[0].events[0] is big  # the best-sourced event leads (and is linked)
    assert marks[0].href == f"events/{big.id}/"
    assert [p.id for p in off] == ["nowhere", "ukraine", "dc"]  # sorted by name
    svg = maps.svg(marks, "Test map", "/", "t")
    assert svg.count("<a ") == 2 and 'class="mk mk-region"' in svg and "<circle" in svg


def test_day_map_marks_link_to_existing_events_and_are_listed(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    soup = _soup(site / "days/2026/02/03/index.html")
    svg = soup.select_one("svg.war-map")
    assert svg is not None and svg.find("title").get_text().startswith("Map of the places")
    assert svg.get("aria-labelledby") == svg.find("title")["id"]
    marks = [a["href"] for a in svg.select("a")]
    assert marks, "a day with located events draws marks"
    for href in marks:
        assert href.startswith("/events/"), href
        assert _target(site, href).is_file(), href
    # The text alternative is reachable from the map (aria-describedby) and names every
    # marked place with its count; each mark's event is in the page's own lists, which
    # the alternative links instead of repeating them.
    text = soup.select_one("details.map-text")
    described = soup.find(id=svg["aria-describedby"])
    assert described is not None and text in described.parents
    places = [a["href"] for a in text.select("ul.map-places a")]
    assert places and all(h.startswith("/places/") for h in places)
    assert len(places) == len(marks)
    assert all("event" in li.get_text() for li in text.select("ul.map-places li"))
    below = text.select_one("p a[href^='#']")["href"]
    assert soup.find(id=below[1:]) is not None
    listed = {a["href"] for a in soup.select(".topic-group .event-list a")}
    assert set(marks) <= listed  # every mark's event is listed on the page
    # Every mark is named by its own <title> (no aria-label repeating it); the image
    # underneath is decorative.
    assert all(a.find("title", recursive=False).get_text().strip() for a in svg.select("a"))
    assert not any(a.get("aria-label") for a in svg.select("a"))
    assert svg.select_one("image")["aria-hidden"] == "true"
    assert (site / maps.BASE_SVG_URL).is_file()


def test_locator_maps_on_event_and_place_pages(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    event = _soup(site / "events/2026/02/03/overnight-attack-energy/index.html")
    # Marks positioned over the shared drawing (the stylesheet's background), no inline
    # SVG; decorative, because the caption names the places and the facts link them.
    loc = event.select_one("figure.locator .loc")
    assert loc is not None and loc["aria-hidden"] == "true"
    assert [m.get_text() for m in loc.select("span")] == ["Kyiv"]
    left, top = (float(v.split(":")[1].rstrip("%")) for v in loc.span["style"].split(";"))
    assert 0 < left < 100 and 0 < top < 100
    assert event.select_one("figure.locator figcaption").get_text() == "Locator map: Kyiv"
    assert [a["href"] for a in event.select(".facts a[href^='/places/']")] == ["/places/kyiv/"]
    assert event.select_one("figure.locator")["data-pagefind-ignore"] == "all"
    assert event.select("figure.locator svg") == []
    place = _soup(site / "places/kharkiv/index.html")
    assert place.select_one("figure.locator .loc span.town").get_text() == "Kharkiv"
    assert place.select("figure.locator a") == []  # the place page does not link to itself
    css = (site / "static/style.css").read_text("utf-8")
    assert "url(war-area.svg)" in css and (site / "static/war-area.svg").is_file()


def test_map_page_has_a_layer_and_a_list_per_month(synthetic_site: BuiltSite) -> None:
    site = synthetic_site.out
    for url in ("map/", "map/2026/"):
        soup = _soup(site / url / "index.html")
        layers = [g["data-layer"] for g in soup.select("svg.war-map g.map-layer")]
        assert layers[0] == "all" and "2026-02" in layers
        control = soup.select_one(".map-control")
        assert control is not None and control.has_attr("hidden")  # shown by map.js
        assert control["data-months"].split() == layers[1:]
        assert [d["data-layer"] for d in soup.select("details.map-month-list")] == layers[1:]
        for a in soup.select("svg.war-map a"):
            assert _target(site, a["href"]).is_file(), a["href"]
    assert (site / "static/map.js").is_file()
    nav = _soup(site / "index.html").select_one('header nav a[href="/map/"]')
    assert nav is not None
