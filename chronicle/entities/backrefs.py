"""A description refers back to the facility named earlier in the same document.

"A drone hit the Zaporizhzhia nuclear power plant ... The plant lost its last power line":
the second passage is about the plant too, though it does not name it. The style guide
counts such a passage as happening at the place named earlier in the document. Only
definite descriptions ("the plant", "the facility", "the station", ...) of a kind the
earlier facility's name fits count, only the latest such facility of the document is
taken, and a passage that names a facility of its own is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from chronicle.entities.collect import PassageEntities
from chronicle.model import DatedPassage, Entity

#: Description noun -> words one of which the facility's name must contain.
NOUNS: dict[str, tuple[str, ...]] = {
    "plant": ("plant", "station"),
    "power plant": ("plant", "station"),
    "nuclear plant": ("nuclear",),
    "station": ("station", "plant"),
    "power station": ("station", "plant"),
    "reactor": ("nuclear",),
    "reactors": ("nuclear",),
    "facility": (),
    "site": (),
    "complex": (),
    "refinery": ("refinery",),
    "depot": ("depot", "storage"),
    "port": ("port", "harbour", "harbor"),
    "dam": ("dam", "hydroelectric"),
    "bridge": ("bridge",),
    "airport": ("airport", "airfield", "air base"),
    "airfield": ("airport", "airfield", "air base"),
    "air base": ("air base", "airfield"),
    "base": ("base",),
}
_DESCRIPTION = re.compile(
    r"\b[Tt]he\s+(" + "|".join(sorted(map(re.escape, NOUNS), key=len, reverse=True)) + r")\b"
    r"(?!\s+(?:of|in|at|near|on)\s+[A-Z])"  # "the port of Odesa" names its own place
)
FACILITY_KINDS = frozenset({"facility", "landmark", "infrastructure", "site"})


def _facilities(ids: Sequence[str], places: Mapping[str, Entity]) -> list[str]:
    return [i for i in ids if i in places and places[i].kind in FACILITY_KINDS]


def resolve(
    passages: Sequence[DatedPassage],
    per_passage: Mapping[str, PassageEntities],
    places: Mapping[str, Entity],
) -> dict[str, PassageEntities]:
    """``per_passage`` (passage id -> PassageEntities) with referring passages' places
    extended by the facility they refer back to."""
    out = dict(per_passage)
    order = sorted(passages, key=lambda dp: (dp.passage.document_id, dp.passage.line))
    last: dict[str, str] = {}  # document -> latest facility named
    for dp in order:
        p = dp.passage
        ents = out.get(p.id)
        if ents is None:
            continue
        own = _facilities(ents.places, places)
        doc = p.document_id
        if own:
            last[doc] = own[-1]
            continue
        target = last.get(doc)
        if target is None:
            continue
        name = places[target].name.lower()
        for m in _DESCRIPTION.finditer(p.text or ""):
            words = NOUNS[m.group(1).lower()]
            if not words or any(w in name for w in words):
                out[p.id] = replace(ents, places=(*ents.places, target))
                break
    return out
