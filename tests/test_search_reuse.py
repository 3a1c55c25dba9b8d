"""Issue 5: a rebuild whose event pages read the same to Pagefind reuses the index."""

from __future__ import annotations

from pathlib import Path

from chronicle import search
from chronicle.config import Config

PAGE = """<!doctype html>
<html lang="en"><head><title>{title}</title><meta name="x" content="y"></head>
<body><nav>menu</nav>
<article class="event" data-pagefind-body>
  <h1 data-pagefind-meta="title">{title}</h1>
  <article><p>{body}</p></article>
  <p>after the nested article</p>
</article>
<footer>{footer}</footer>
<a data-pagefind-filter="actor:{actor}">x</a>
</body></html>
"""


def page(title: str = "Strike", body: str = "text", footer: str = "f", actor: str = "A") -> str:
    return PAGE.format(title=title, body=body, footer=footer, actor=actor)


def test_issue5_searchable_ignores_layout_outside_the_body() -> None:
    base = search.searchable(page())
    assert search.searchable(page(footer="a new footer")) == base
    assert search.searchable(page().replace("</body>", "<!-- edit --></body>")) == base


def test_issue5_searchable_sees_everything_pagefind_reads() -> None:
    base = search.searchable(page())
    assert "after the nested article" in base  # nesting of the body element is counted
    assert search.searchable(page(body="other")) != base
    assert search.searchable(page(title="Other")) != base  # head title and meta
    assert search.searchable(page(actor="B")) != base  # a filter outside the body
    no_body = page().replace(" data-pagefind-body", "")
    assert search.searchable(no_body.replace("f</footer>", "g</footer>")) != search.searchable(
        no_body
    )  # without a body element Pagefind reads the whole page


def _site(root: Path, **kw: str) -> Path:
    (root / "events" / "e").mkdir(parents=True)
    (root / "events" / "e" / "index.html").write_text(page(**kw), "utf-8")
    return root


def test_issue5_index_is_reused_only_for_the_same_inputs(tmp_path: Path) -> None:
    live = _site(tmp_path / "site")
    config = Config(output=live, cache_dir=tmp_path / "cache")
    (live / "pagefind").mkdir()
    (live / "pagefind" / "pagefind.js").write_text("index", "utf-8")
    key = search.index_key(live, config)
    search._remember(live, config, key)

    same = _site(tmp_path / "tmp1", footer="edited layout")
    assert search.index_key(same, config) == key
    assert search._reuse(same, config, key)
    assert (same / "pagefind" / "pagefind.js").read_text("utf-8") == "index"

    changed = _site(tmp_path / "tmp2", body="a new sentence")
    assert search.index_key(changed, config) != key
    assert not search._reuse(changed, config, search.index_key(changed, config))

    (live / "pagefind" / "pagefind.js").write_text("tampered", "utf-8")  # size changed
    other = _site(tmp_path / "tmp3")
    assert not search._reuse(other, config, key)
    assert not (other / "pagefind").exists()
