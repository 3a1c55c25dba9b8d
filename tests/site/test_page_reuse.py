"""Page reuse. A site written with pages linked from the previous build is
byte-identical to one rendered from scratch (pagefind/ aside), after adding, changing or
removing a document or editing an entity table, on small inputs and on the real seeds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers.factories import DocSpec, build_document, dv, make_chronicle

import chronicle.site as site
from chronicle.config import Config
from chronicle.model import Chronicle, DatedPassage, Event, Topic
from chronicle.site import RenderReuse, write_site
from chronicle.site.render import Writer
from chronicle.site.reuse import PageKeys, link_file, reuse_allowed

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _tree(root: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith("pagefind/"):
            found[rel] = path.read_bytes()
    return found


def _incremental(
    old: Chronicle, new: Chronicle, config: Config, tmp: Path, processes: int = 1
) -> tuple[RenderReuse, dict[str, bytes], dict[str, bytes]]:
    """Build ``old`` with keys, then ``new`` reusing it; also ``new`` from scratch."""
    first = RenderReuse(previous=None, old_keys={})
    write_site(old, config, tmp / "first", reuse=first)
    assert first.reused == 0 and first.new_keys
    second = RenderReuse(previous=tmp / "first", old_keys=dict(first.new_keys))
    write_site(new, config, tmp / "second", reuse=second)
    write_site(new, config, tmp / "scratch")
    return second, _tree(tmp / "second"), _tree(tmp / "scratch")


# -- mutations of the synthetic chronicle ------------------------------------------------
def _add_document(c: Chronicle) -> Chronicle:
    spec = DocSpec(
        path="seeds/extra.txt",
        doc_id="extra-kharkiv-report",
        kind="article",
        title="Shelling hits Kharkiv suburbs",
        start=1,
        publisher="Extra News",
        titles={"k": "Shelling hits Kharkiv suburbs"},
        rows=[
            ("passage", "Shelling hits Kharkiv suburbs", "k"),
            ("body", "Russian shelling hit two suburbs of Kharkiv, injuring three.", "k"),
        ],
    )
    doc, passages = build_document(spec)
    day = dt.date(2026, 2, 5)
    dp = DatedPassage(passages["k"], dv(day, "published"), dv(day, "published"))
    event = Event(
        id="2026-02-05-shelling-kharkiv-suburbs-77aa",
        slug="shelling-kharkiv-suburbs",
        date=dp.date,
        reported=day,
        time=None,
        topic="fighting",
        title="Shelling hits Kharkiv suburbs",
        summary="Russian shelling hit two suburbs of Kharkiv, injuring three.",
        actors=("russia",),
        places=("kharkiv",),
        killed=None,
        injured=3,
        sources=(dp,),
    )
    return dataclasses.replace(
        c,
        events=(*c.events, event),
        documents=(*c.documents, doc),
        passages={**c.passages, dp.passage.id: dp},
    )


def _change_document(c: Chronicle) -> Chronicle:
    """One line of the live blog reworded: its passage, its event and its source page."""
    doc = next(d for d in c.documents if d.id == "live-zelensky-warns")
    old_text = "Russia struck Ukraine's energy grid overnight"
    new_text = "Russia hit Ukraine's power grid overnight"
    lines = tuple(
        dataclasses.replace(ln, text=ln.text.replace(old_text, new_text)) for ln in doc.lines
    )
    passages = {
        p.id: dataclasses.replace(p, text=p.text.replace(old_text, new_text)) for p in doc.passages
    }
    new_doc = dataclasses.replace(doc, lines=lines, passages=tuple(passages.values()))
    dps = {
        k: dataclasses.replace(dp, passage=passages.get(k, dp.passage))
        for k, dp in c.passages.items()
    }
    events = tuple(
        dataclasses.replace(e, sources=tuple(dps[s.passage.id] for s in e.sources))
        for e in c.events
    )
    docs = tuple(new_doc if d.id == doc.id else d for d in c.documents)
    return dataclasses.replace(c, documents=docs, passages=dps, events=events)


def _remove_document(c: Chronicle) -> Chronicle:
    gone = "klitschko-kyiv-heating"
    events = tuple(e for e in c.events if all(s.passage.document_id != gone for s in e.sources))
    return dataclasses.replace(
        c,
        events=events,
        documents=tuple(d for d in c.documents if d.id != gone),
        passages={k: v for k, v in c.passages.items() if v.passage.document_id != gone},
    )


def _rename_actor(c: Chronicle) -> Chronicle:
    """An entity table entry edited: NATO is Mark Rutte's affiliation, shown on his page."""
    actors = dict(c.actors)
    actors["nato"] = dataclasses.replace(actors["nato"], name="North Atlantic Alliance")
    return dataclasses.replace(c, actors=actors)


def _rename_topic(c: Chronicle) -> Chronicle:
    """Day pages show topic names looked up in ``ctx`` by id."""
    topics = dict(c.topics)
    topics["energy"] = Topic("energy", "Power grid", "Attacks on the grid.")
    return dataclasses.replace(c, topics=topics)


def _new_unused_reason(c: Chronicle) -> Chronicle:
    """Source pages show why a passage gave no event, looked up in ``ctx``."""
    pid, _ = c.unused_passages[0]
    return dataclasses.replace(c, unused_passages=((pid, "said again later"),))


MUTATIONS: dict[str, Callable[[Chronicle], Chronicle]] = {
    "add": _add_document,
    "change": _change_document,
    "remove": _remove_document,
    "actor": _rename_actor,
    "topic": _rename_topic,
    "unused": _new_unused_reason,
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_reused_site_equals_scratch(name: str, tmp_path: Path) -> None:
    old = make_chronicle(extra_days=30)
    new = MUTATIONS[name](old)
    reuse, reused_tree, scratch = _incremental(old, new, Config(page_size=5), tmp_path)
    assert reused_tree == scratch
    assert reuse.reused > len(scratch) // 3, "most pages are unchanged"
    assert reuse.rendered > 0, "the changed pages were rendered"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_reuse_in_forked_shards(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site, "_render_processes", lambda _c, _e: 2)
    old = make_chronicle(extra_days=30)
    reuse, reused_tree, scratch = _incremental(
        old, _add_document(old), Config(page_size=5), tmp_path
    )
    assert reused_tree == scratch
    assert reuse.reused > 0 and reuse.rendered > 0
    # the children's keys came back: every keyed page of the site has one
    one = RenderReuse(previous=None, old_keys={})
    monkeypatch.setattr(site, "_render_processes", lambda _c, _e: 1)
    write_site(_add_document(old), Config(page_size=5), tmp_path / "one", reuse=one)
    assert one.new_keys == reuse.new_keys


def test_unchanged_chronicle_reuses_every_keyed_page(tmp_path: Path) -> None:
    c = make_chronicle(extra_days=5)
    reuse, reused_tree, scratch = _incremental(c, c, Config(), tmp_path)
    assert reused_tree == scratch
    assert reuse.reused == len(reuse.new_keys)
    # every page is keyed (the home page and the report too): nothing rendered again
    assert reuse.rendered == 0


def test_keys_follow_what_pages_show(tmp_path: Path) -> None:
    c = make_chronicle()
    before = RenderReuse(previous=None, old_keys={})
    write_site(c, Config(), tmp_path / "a", reuse=before)
    after = RenderReuse(previous=None, old_keys={})
    write_site(_rename_actor(c), Config(), tmp_path / "b", reuse=after)
    changed = {u for u in before.new_keys if before.new_keys[u] != after.new_keys.get(u)}
    # NATO's own page, Rutte's (affiliation), the Rutte event, the actors index, the feed
    assert "actors/nato/" in changed and "actors/mark-rutte/" in changed
    assert "actors/" in changed
    assert any(u.startswith("events/2026/02/03/rutte") for u in changed)
    assert "actors/ukraine/" not in changed and "days/2026/02/06/" not in changed
    # pages showing corpus-wide figures are keyed by them: unchanged by a renamed actor
    assert {"", "report/", "search/", "404.html"} <= set(before.new_keys)
    assert not {"report/", "search/", "404.html"} & changed


def test_no_reuse_without_keys(tmp_path: Path) -> None:
    """No ``reuse`` argument: everything rendered as before, nothing computed."""
    c = make_chronicle()
    write_site(c, Config(), tmp_path / "plain")
    keyed = RenderReuse(previous=None, old_keys={})
    write_site(c, Config(), tmp_path / "keyed", reuse=keyed)
    assert _tree(tmp_path / "plain") == _tree(tmp_path / "keyed")


def test_stale_previous_file_is_rendered(tmp_path: Path) -> None:
    """A key that matches but a previous file that is gone: rendered, not an error."""
    c = make_chronicle()
    first = RenderReuse(previous=None, old_keys={})
    write_site(c, Config(), tmp_path / "first", reuse=first)
    shutil.rmtree(tmp_path / "first" / "actors")
    second = RenderReuse(previous=tmp_path / "first", old_keys=dict(first.new_keys))
    write_site(c, Config(), tmp_path / "second", reuse=second)
    write_site(c, Config(), tmp_path / "scratch")
    assert _tree(tmp_path / "second") == _tree(tmp_path / "scratch")
    assert second.reused > 0


def test_user_templates_reading_ctx_turn_reuse_off(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "event.html").write_text(
        "{% extends 'base.html' %}{% block content %}{{ event.title }}{% endblock %}", "utf-8"
    )
    nosy = tmp_path / "nosy"
    (nosy / "partials").mkdir(parents=True)
    (nosy / "partials" / "event_item.html").write_text(
        "{% macro event_item(e, show_date=true, show_topic=true, show_summary=false) %}"
        "<li>{{ e.title }} of {{ ctx.events|length }}</li>{% endmacro %}",
        "utf-8",
    )
    (plain / "README.md").write_text("Use {% block content %} like this: {{ broken", "utf-8")
    (plain / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    assert reuse_allowed(Config(templates=(plain,)))  # files that are no template: ignored
    assert not reuse_allowed(Config(templates=(plain, nosy)))
    assert not reuse_allowed(Config(timestamp=True))
    c = make_chronicle()
    first = RenderReuse(previous=None, old_keys={})
    write_site(c, Config(templates=(nosy,)), tmp_path / "first", reuse=first)
    assert not first.new_keys and first.reused == 0
    again = RenderReuse(previous=tmp_path / "first", old_keys={"days/2026/02/03/": "x"})
    write_site(c, Config(templates=(nosy,)), tmp_path / "again", reuse=again)
    assert again.reused == 0 and not again.new_keys


def test_rendering_over_a_link_never_writes_into_the_previous_site(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.html"
    old.write_text("previous", "utf-8")
    new = tmp_path / "new.html"
    assert link_file(old, new)
    assert new.read_text("utf-8") == "previous"
    Writer.write_bytes(new, b"rendered")
    assert old.read_text("utf-8") == "previous"
    assert new.read_bytes() == b"rendered"
    assert not link_file(tmp_path / "missing.html", tmp_path / "x.html")


def test_unknown_values_make_a_page_unkeyed() -> None:

    keys = PageKeys(RenderReuse(None, {}))
    assert keys.key("day.html", "days/x/", {"a": [1, "b", None]}) is not None
    assert keys.key("day.html", "days/x/", {"a": object()}) is None
    assert keys.key("day.html", "days/x/", {"f": len}) is None
    k1 = keys.key("day.html", "days/x/", {"a": (1,)})
    assert k1 != keys.key("day.html", "days/x/", {"a": [1]})
    assert k1 != keys.key("day.html", "days/x/", {"a": (True,)})
    assert k1 != keys.key("day.html", "days/y/", {"a": (1,)})


# -- the real seeds ----------------------------------------------------------------------
EXTRA_DOCUMENT = """---
title: Drone strike damages substation near Kharkiv
date: 2026-02-03
---

Russian drones struck an electricity substation near Kharkiv overnight, cutting power to
thousands of homes, Ukraine's energy ministry said. Two workers were injured.
"""


@pytest.fixture(scope="module")
def seeds_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reuse-seeds-cache")


def _gather(source: Path, cache: Path, **config: object) -> Chronicle:
    from chronicle.build import gather

    return gather(Config(source=source, cache_dir=cache, **config))  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize("change", ["add", "change", "remove", "table"])
def test_seeds_reused_site_equals_scratch(change: str, tmp_path: Path, seeds_cache: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(SEEDS, source)
    new_config: dict[str, object] = {}
    if change == "remove":
        (source / "extra.md").write_text(EXTRA_DOCUMENT, "utf-8")
    old = _gather(source, seeds_cache)
    if change == "add":
        (source / "extra.md").write_text(EXTRA_DOCUMENT, "utf-8")
    elif change == "remove":
        (source / "extra.md").unlink()
    elif change == "change":
        path = sorted(source.glob("*.txt"))[0]
        text = path.read_text("utf-8")
        lines = text.splitlines(keepends=True)
        i = next(i for i, ln in enumerate(lines) if ln.strip()[:1] in "•-*" and " said" in ln)
        lines[i] = lines[i].replace(" said", " told reporters", 1)
        assert "".join(lines) != text
        path.write_text("".join(lines), "utf-8")
    else:  # an entity table entry renamed (a row with the same id replaces the bundled one)
        counts = Counter(a for e in old.events for a in e.actors)
        actor = old.actors[max(counts, key=lambda a: (counts[a], a))]
        row = {
            "id": actor.id,
            "name": actor.name + " (renamed)",
            "kind": actor.kind,
            "aliases": [actor.name, *actor.aliases],
            "roles": list(actor.roles),
            **({"affiliation": actor.affiliation} if actor.affiliation else {}),
        }
        table = tmp_path / "actors.json"
        table.write_text(json.dumps({"actors": [row]}), "utf-8")
        new_config["actors_files"] = (table,)
    new = _gather(source, seeds_cache, **new_config)
    assert new != old
    config = Config(search=False)
    reuse, reused_tree, scratch = _incremental(old, new, config, tmp_path)
    assert reused_tree == scratch
    assert reuse.reused > 0 and reuse.rendered > 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_digests_computed_over_processes_equal_one_process() -> None:
    from chronicle.site.context import build_context
    from chronicle.site.linked import Linked

    c = make_chronicle(extra_days=2200)
    ctx = build_context(c, Config())
    objects = [*Linked(ctx).events(ctx.events), *ctx.documents.values()]
    forked = PageKeys(RenderReuse(None, {}))
    forked.precompute(objects, 3)
    alone = PageKeys(RenderReuse(None, {}))
    assert [forked.digest(o) for o in objects] == [alone.digest(o) for o in objects]
    assert len({forked.digest(e) for e in objects}) == len(objects)
