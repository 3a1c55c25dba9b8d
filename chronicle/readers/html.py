"""Saved web pages (``.html``): trafilatura finds the article and its metadata.

trafilatura is the field's reference main-content extractor (it removes menus,
sidebars, related links, footers and comments from the DOM, and reads title, date,
author and site name from the page's metadata). Its output becomes a Markdown
document — front matter plus the article's paragraphs — read like any ``.md`` file,
so an ``.html`` page gives the same kind of document and passages. The source page
shows that extracted text (the page's markup is not news).
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from chronicle.model import Diagnostic

#: Fewer words than this is a menu or a stub the extractor fell back on, not an article.
MIN_WORDS = 12
#: Pages larger than this are not handed to the extractor (a dump, not an article).
MAX_HTML_CHARS = 20_000_000


def _extract(html: str) -> dict[str, Any] | None:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                deduplicate=False,
                as_dict=True,
            )
        except Exception:  # noqa: BLE001 - a broken page gives a diagnostic, never a crash
            return None
    return doc if isinstance(doc, dict) else None


def _front_matter(meta: dict[str, Any]) -> list[str]:
    out = ["---"]
    for key, field in (
        ("title", "title"),
        ("date", "date"),
        ("url", "url"),
        ("publisher", "sitename"),
        ("author", "author"),
    ):
        value = meta.get(field)
        if isinstance(value, str) and value.strip():
            out.append(f"{key}: {json.dumps(' '.join(value.split()), ensure_ascii=False)}")
    out.append("---")
    return out


def html_to_markdown(html: str, display_path: str) -> tuple[str | None, list[Diagnostic]]:
    """Markdown text (front matter + paragraphs) for a saved page, or None and why."""
    if len(html) > MAX_HTML_CHARS:
        return None, [
            Diagnostic("C111", "HTML page too large to extract an article from", display_path)
        ]
    if "<" not in html[:200_000]:
        return None, [Diagnostic("C111", "file named .html holds no HTML markup", display_path)]
    meta = _extract(html)
    text = (meta or {}).get("text") or ""
    if len(text.split()) < MIN_WORDS:
        return None, [
            Diagnostic(
                "C111",
                "no article text could be extracted from this HTML page "
                "(broken markup, or a page without an article)",
                display_path,
            )
        ]
    assert meta is not None
    lines = _front_matter(meta)
    title = " ".join(str(meta.get("title") or "").split()).casefold()
    first = True
    for para in text.splitlines():
        para = " ".join(para.split())
        if not para:
            continue
        if first and title and para.casefold() == title:
            lines += ["", f"# {para}"]
        else:
            lines += [
                "",
                para.replace("\\", "\\\\") if para.startswith(("#", ">", "---")) else para,
            ]
        first = False
    return "\n".join(lines) + "\n", []
