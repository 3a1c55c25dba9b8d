"""The state names and demonyms trimmed from a role ("Russian Foreign Minister") belong to
one extractor's tables: a user table's states never leak into a later extractor (a long
``chronicle serve`` keeps no words of a removed actors file)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chronicle.config import Config
from chronicle.entities import EntityExtractor, roles
from chronicle.model import DatedPassage, DateValue, Document, Passage

DAY = DateValue(dt.date(2026, 2, 1), "day", "test")
TEXT = "Grand Fenwick Foreign Minister Rufus Tester said talks would resume in March."


def roles_of(ex: EntityExtractor, text: str) -> tuple[tuple[str, str], ...]:
    p = Passage("p1", "t.txt", "doc", 1, 1, "paragraph", text, None)
    doc = Document("doc", "t.txt", 0, "text", "", 1, 1, (), ())
    res = ex.extract([DatedPassage(p, DAY, DAY)], [doc], {p.id: ()})
    return res.per_passage["p1"].roles


def test_user_state_words_stay_with_their_extractor(tmp_path: Path) -> None:
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "actors:\n"
        "- {name: Grand Fenwick, kind: state, demonyms: [Fenwicker]}\n"
        "- {name: Rufus Tester, kind: person, affiliation: grand-fenwick, aliases: [Tester]}\n",
        "utf-8",
    )
    user = EntityExtractor(Config(actors_files=(actors,), cache_dir=tmp_path / "a"))
    assert {"Grand Fenwick", "Fenwicker"} <= user.country_words
    assert roles_of(user, TEXT) == (("rufus-tester", "Foreign Minister"),)

    bundled = EntityExtractor(Config(cache_dir=tmp_path / "b"))
    assert "Grand Fenwick" not in bundled.country_words
    assert "Russian" in bundled.country_words
    start = TEXT.index("Rufus")
    assert roles.role_before(TEXT, start, bundled.country_words) == "Grand Fenwick Foreign Minister"
    assert roles.role_before(TEXT, start) == "Grand Fenwick Foreign Minister"
    assert roles.role_before(TEXT, start, user.country_words) == "Foreign Minister"
