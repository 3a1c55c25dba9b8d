"""Pages declare what they render: templates get explicit data (views with URLs and
names, counts), a page's reuse key is a digest of exactly that data, so a user template
that reads any declared field keeps page reuse and is re-rendered when that field
changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from helpers.factories import make_chronicle

from chronicle.config import Config
from chronicle.model import Chronicle, Topic
from chronicle.site import RenderReuse, write_site
from chronicle.site.context import build_context
from chronicle.site.pages import all_pages
from chronicle.site.reuse import PageKeys, reuse_allowed
from chronicle.site.sitedata import SiteData
from chronicle.site.spec import PageSpec

BUNDLED = Path(__file__).resolve().parents[2] / "templates"


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _rename_topic(c: Chronicle) -> Chronicle:
    topics = dict(c.topics)
    topics["energy"] = Topic("energy", "Power grid", "Attacks on the grid.")
    return dataclasses.replace(c, topics=topics)


def _new_unused_reason(c: Chronicle) -> Chronicle:
    pid, _ = c.unused_passages[0]
    return dataclasses.replace(c, unused_passages=((pid, "said again later"),))


def _user_templates(root: Path) -> Path:
    """Overrides reading fields the bundled templates never show: each listed event's
    topic URL and contested flag, and on source pages the unused reasons as a list."""
    folder = root / "mytemplates"
    (folder / "partials").mkdir(parents=True)
    (folder / "partials" / "event_item.html").write_text(
        "{% macro event_item(e, show_date=true, show_topic=true, show_summary=false) %}"
        '<li><a href="{{ base }}{{ e.url }}">{{ e.title }}</a> '
        '<a class="t" href="{{ base }}{{ e.topic_url }}">{{ e.topic_name }}</a>'
        "{% if e.contested %} (contested){% endif %}</li>{% endmacro %}",
        "utf-8",
    )
    head, tail = (BUNDLED / "source.html").read_text("utf-8").rsplit("{% endblock %}", 1)
    (folder / "source.html").write_text(
        head + '<ul class="why">{% for pid, why in unused|dictsort %}<li>{{ why }}</li>'
        "{% endfor %}</ul>{% endblock %}" + tail,
        "utf-8",
    )
    return folder


def _reuse_build(old: Chronicle, new: Chronicle, config: Config, tmp: Path) -> RenderReuse:
    first = RenderReuse(previous=None, old_keys={})
    write_site(old, config, tmp / "first", reuse=first)
    assert first.new_keys, "user templates reading declared data keep page keys"
    second = RenderReuse(previous=tmp / "first", old_keys=dict(first.new_keys))
    write_site(new, config, tmp / "second", reuse=second)
    write_site(new, config, tmp / "scratch")
    assert _tree(tmp / "second") == _tree(tmp / "scratch")
    return second


def test_user_template_reading_a_declared_field_keeps_reuse(tmp_path: Path) -> None:
    config = Config(templates=(_user_templates(tmp_path),))
    assert reuse_allowed(config)
    old = make_chronicle(extra_days=10)
    reuse = _reuse_build(old, _rename_topic(old), config, tmp_path / "topic")
    assert reuse.reused > 0 and reuse.rendered > 0
    pages = [p.read_text("utf-8") for p in (tmp_path / "topic" / "second").rglob("*.html")]
    assert any('class="t"' in text and "Power grid" in text for text in pages)
    assert not any('class="t"' in text and ">Energy</a>" in text for text in pages)


def test_user_source_template_shows_a_changed_unused_reason(tmp_path: Path) -> None:
    config = Config(templates=(_user_templates(tmp_path),))
    old = make_chronicle(extra_days=10)
    reuse = _reuse_build(old, _new_unused_reason(old), config, tmp_path)
    assert reuse.reused > 0 and reuse.rendered > 0
    shown = [
        p
        for p in (tmp_path / "second" / "sources").rglob("index.html")
        if "<li>said again later</li>" in p.read_text("utf-8")
    ]
    assert len(shown) == 1


# -- keys follow the declared data, exactly ------------------------------------------------
def _plain(value: Any) -> Any:
    """A declared value as nested tuples of plain values (views and records unwrapped), so
    two builds' data compare by what a template could read."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            _plain(getattr(value, f.name)) for f in dataclasses.fields(value)
        )
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__,) + tuple(_plain(v) for v in value)
    return value


def _declared(c: Chronicle, config: Config) -> Iterator[tuple[str, str, Any, Any, Any]]:
    """(url, template, what the page is keyed by, its key, its data) for every page."""
    data = SiteData(build_context(c, config), [])
    keys = PageKeys(RenderReuse(None, {}))
    for spec in all_pages(data):
        if isinstance(spec, PageSpec):
            keyed = spec.key_inputs() if spec.key_inputs else spec.data()
            key = keys.key(spec.template, spec.url, keyed)
            yield spec.url, spec.template, _plain(keyed), key, _plain(spec.data())


def _rename_actor(c: Chronicle) -> Chronicle:
    actors = dict(c.actors)
    actors["nato"] = dataclasses.replace(actors["nato"], name="North Atlantic Alliance")
    return dataclasses.replace(c, actors=actors)


def test_key_changes_exactly_when_declared_data_changes() -> None:
    config = Config(page_size=5)
    old = make_chronicle(extra_days=10)
    before = {url: rest for url, _t, *rest in _declared(old, config)}
    again = {url: rest for url, _t, *rest in _declared(make_chronicle(10), config)}
    assert before == again, "the same chronicle built again: the same data and keys"
    assert all(key is not None for _keyed, key, _data in before.values())
    for mutate in (_rename_topic, _new_unused_reason, _rename_actor):
        after = {url: rest for url, _t, *rest in _declared(mutate(old), config)}
        both = [u for u in before if u in after]
        changed_keyed = {u for u in both if before[u][0] != after[u][0]}
        changed_key = {u for u in both if before[u][1] != after[u][1]}
        changed_data = {u for u in both if before[u][2] != after[u][2]}
        assert changed_data, mutate.__name__
        assert changed_key == changed_keyed, mutate.__name__
        # a page keyed by inputs (event pages) changes its key whenever its data changes
        assert changed_data <= changed_key, mutate.__name__


def test_templates_never_read_the_compatibility_globals() -> None:
    """The bundled templates read only declared data (``ctx``/``urls`` are kept for old
    user templates, which then turn reuse off)."""
    assert reuse_allowed(Config(templates=(BUNDLED,)))
