"""Pagefind search index over the event pages.

Only event pages are indexed (``--glob``; they also carry ``data-pagefind-body``);
their markup declares the filters (topic, actor, place, year, month) and the date
sort. We run the ``pagefind`` binary shipped by the ``pagefind-bin`` wheel
(``python -m pagefind``) in a subprocess: it needs no network or Node, and a
failure becomes a C402 diagnostic, never a crashed build.

Pagefind cannot index incrementally, but its index is a function of what it reads:
the regions of the event pages it indexes (``data-pagefind-body`` elements), the tags
carrying ``data-pagefind-*`` attributes, the page head's title and meta tags, the
options and the Pagefind version. When none of that changed since the last build of
the same output folder (e.g. only a layout template outside the body was edited), the
previous index is reused (hard-linked) instead of rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from chronicle.config import Config
from chronicle.model import Diagnostic

TIMEOUT = 600


def pagefind_command(out: Path, config: Config) -> list[str]:
    language = (config.language or "en").split("-")[0].lower()
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(out),
        "--glob",
        "events/**/*.html",
        "--force-language",
        language if language.isalpha() else "en",
        "--silent",
    ]


_TAG_NAME = re.compile(r"[A-Za-z][\w-]*")
_HEAD_BITS = re.compile(r"<html\b[^>]*>|<title\b[^>]*>.*?</title>|<meta\b[^>]*>", re.S | re.I)
STATE_FILE = "pagefind-state.json"


def searchable(html: str) -> str:
    """What Pagefind reads from a page: its body regions (the whole page if it marks
    none), every tag with a ``data-pagefind-*`` attribute, the head's title and metas."""
    parts = [m.group(0) for m in _HEAD_BITS.finditer(html)]
    at = html.find("data-pagefind-")
    while at >= 0:  # the tag around each attribute (str.find: a regex is 5x slower here)
        start, end = html.rfind("<", 0, at), html.find(">", at)
        parts.append(html[start : end + 1] if end >= 0 else html[start:])
        at = html.find("data-pagefind-", end if end > at else at + 1)
    starts = []
    at = html.find("data-pagefind-body")
    while at >= 0:
        start, end = html.rfind("<", 0, at), html.find(">", at)
        name = _TAG_NAME.match(html, start + 1) if start >= 0 and end >= 0 else None
        if name:
            starts.append((start, name.group(0).lower(), end + 1))
        at = html.find("data-pagefind-body", at + 1)
    if not starts:
        return "\x00".join([*parts, html])
    for start, tag, end in starts:
        parts.append(html[start : _element_end(html, tag, end)])
    return "\x00".join(parts)


def _element_end(html: str, tag: str, pos: int) -> int:
    """End of the element whose start tag ends at ``pos`` (nesting of ``tag`` counted)."""
    low = html.lower() if not html.islower() else html
    opening, closing = f"<{tag}", f"</{tag}"
    depth = 1
    while True:
        close = low.find(closing, pos)
        if close < 0:
            return len(html)
        nested = low.find(opening, pos, close)
        while nested >= 0:  # a start tag of the same name (not a longer name) nests
            after = low[nested + len(opening) : nested + len(opening) + 1]
            if not (after.isalnum() or after in "-_"):
                depth += 1
            nested = low.find(opening, nested + 1, close)
        depth -= 1
        end = low.find(">", close)
        pos = len(html) if end < 0 else end + 1
        if depth == 0:
            return pos


def index_key(out: Path, config: Config) -> str:
    """Hash of everything the Pagefind index depends on (see the module docstring)."""
    h = hashlib.sha256()
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    h.update(json.dumps([version, pagefind_command(Path("."), config)[3:]]).encode())
    for page in sorted(out.glob("events/**/*.html")):
        h.update(page.relative_to(out).as_posix().encode("utf-8", "surrogateescape") + b"\x00")
        text = page.read_text("utf-8", errors="surrogateescape")
        h.update(searchable(text).encode("utf-8", "surrogateescape") + b"\x01")
    return h.hexdigest()


def _manifest(folder: Path) -> list[list[object]]:
    return [
        [p.relative_to(folder).as_posix(), p.stat().st_size]
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]


def _state_path(config: Config) -> Path:
    return Path(config.cache_dir) / STATE_FILE


def _reuse(out: Path, config: Config, key: str) -> bool:
    """Link the previous index into ``out`` when it was built from the same inputs."""
    previous = Path(config.output) / "pagefind"
    try:
        state = json.loads(_state_path(config).read_text("utf-8"))
        entry = state.get(str(Path(config.output).resolve()), {})
        if entry.get("key") != key or entry.get("manifest") != _manifest(previous):
            return False

        def link(src: str, dst: str) -> None:
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)

        shutil.copytree(previous, out / "pagefind", copy_function=link)
        return True
    except Exception:  # noqa: BLE001 - no usable previous index: build a new one
        shutil.rmtree(out / "pagefind", ignore_errors=True)
        return False


def _remember(out: Path, config: Config, key: str) -> None:
    try:
        path = _state_path(config)
        try:
            state = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            state = {}  # missing or unreadable: start afresh
        if not isinstance(state, dict):
            state = {}
        state[str(Path(config.output).resolve())] = {
            "key": key,
            "manifest": _manifest(out / "pagefind"),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state), "utf-8")
        tmp.replace(path)
    except Exception:  # noqa: BLE001 - the state only saves time
        pass


def index_site(out: Path, config: Config) -> list[Diagnostic]:
    """Write ``out/pagefind/``; returns a C402 diagnostic if Pagefind failed."""
    if not any(out.glob("events/**/index.html")):
        return [Diagnostic("C402", "no event pages to index; search is empty", severity="info")]
    try:
        key = index_key(out, config)
    except OSError:
        key = ""
    if key and _reuse(out, config, key):
        return []
    diagnostics = _run_pagefind(out, config)
    if key and not diagnostics:
        _remember(out, config, key)
    return diagnostics


def _run_pagefind(out: Path, config: Config) -> list[Diagnostic]:
    try:
        proc = subprocess.run(
            pagefind_command(out, config),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return [_failed(f"could not run Pagefind: {exc}")]
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        tail = " / ".join(detail[-3:]) if detail else f"exit code {proc.returncode}"
        return [_failed(tail)]
    if not (out / "pagefind" / "pagefind-ui.js").is_file():
        return [_failed("Pagefind ran but wrote no pagefind-ui.js")]
    return []


def _failed(detail: str) -> Diagnostic:
    return Diagnostic("C402", f"Pagefind failed; the site has no search index ({detail})")
