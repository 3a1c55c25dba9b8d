"""Templates render the same text with the escaping speed-up (a hook into jinja2 3.x
internals) and with jinja2's own escaping, the fallback for other versions."""

from __future__ import annotations

from pathlib import Path

import jinja2

from chronicle.config import Config
from chronicle.site import render

HOSTILE = ["<script>alert(1)</script>", 'Tom & Jerry\'s "quote"', 42, None, "café ‹›"]


def rendered(config: Config) -> str:
    env = render.make_env(config)
    template = env.from_string(
        '{% for v in values %}<p title="{{ v }}">{{ v }}|{{ v|e }}</p>{% endfor %}'
        "{{ markup }}{{ url('a b/') }}"
    )
    return template.render(values=HOSTILE, markup=render.Markup("<b>kept</b>"))


def test_fast_and_plain_escaping_give_the_same_page(monkeypatch, tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    fast = rendered(config)
    assert "&lt;script&gt;" in fast and "<b>kept</b>" in fast
    monkeypatch.setattr(render, "_ESCAPE_INNER", None)
    env = render.make_env(config)
    assert env.template_class is jinja2.Template  # the plain path really is taken
    assert rendered(config) == fast


def test_speed_up_only_for_known_versions(monkeypatch) -> None:
    versions = {"jinja2": "4.0.0", "markupsafe": "3.0.2"}
    monkeypatch.setattr("importlib.metadata.version", lambda name: versions[name.lower()])
    assert render._fast_escape() is None
    versions["jinja2"] = "3.1.6"
    assert render._fast_escape() is not None
    versions["markupsafe"] = "4.0"
    assert render._fast_escape() is None
