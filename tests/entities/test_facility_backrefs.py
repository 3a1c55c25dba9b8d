"""'The plant' refers back to the facility named earlier in the same document."""

from __future__ import annotations

import datetime as dt

from chronicle.entities import PassageEntities
from chronicle.entities.backrefs import resolve
from chronicle.model import DatedPassage, DateValue, Entity, Passage

PLACES = {
    "znpp": Entity("znpp", "Zaporizhzhia Nuclear Power Plant", "facility"),
    "refinery": Entity("refinery", "Volgograd Oil Refinery", "facility"),
    "kyiv": Entity("kyiv", "Kyiv", "city"),
}


def dp(pid: str, text: str, line: int, doc: str = "d") -> DatedPassage:
    day = DateValue(dt.date(2026, 2, 1), "day", "test")
    p = Passage(
        id=pid, path="d.txt", document_id=doc, line=line, end_line=line, kind="bullet", text=text
    )
    return DatedPassage(passage=p, reported=day, date=day)


def test_a_description_takes_the_latest_fitting_facility_of_its_document():
    passages = [
        dp("a", "Drones hit the Zaporizhzhia nuclear power plant.", 1),
        dp("b", "The plant lost its last power line, the IAEA said.", 2),
        dp("c", "The facility is running on diesel generators.", 3),
        dp("d", "The plant was shelled again.", 1, doc="other"),  # another document
        dp("e", "Russia struck Kyiv; the refinery burned.", 4),  # "refinery" does not fit
    ]
    per = {
        "a": PassageEntities(places=("znpp",)),
        "b": PassageEntities(),
        "c": PassageEntities(places=("kyiv",)),
        "d": PassageEntities(),
        "e": PassageEntities(places=("kyiv",)),
    }
    got = resolve(passages, per, PLACES)
    assert got["b"].places == ("znpp",)
    assert got["c"].places == ("kyiv", "znpp")
    assert got["d"].places == ()
    assert got["e"].places == ("kyiv",)


def test_a_passage_naming_its_own_facility_is_left_alone():
    passages = [
        dp("a", "Drones hit the Zaporizhzhia nuclear power plant.", 1),
        dp("b", "Ukraine struck the Volgograd refinery; the refinery burned.", 2),
        dp("c", "The port of Izmail was hit.", 3),
    ]
    per = {
        "a": PassageEntities(places=("znpp",)),
        "b": PassageEntities(places=("refinery",)),
        "c": PassageEntities(),
    }
    got = resolve(passages, per, PLACES)
    assert got["b"].places == ("refinery",)
    assert got["c"].places == ()  # "the port of Izmail" names its own place
