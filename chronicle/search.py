"""Pagefind search index over the event pages.

Only event pages are indexed (``--glob``; they also carry ``data-pagefind-body``);
their markup declares the filters (topic, actor, place, year, month) and the date
sort. We run the ``pagefind`` binary shipped by the ``pagefind-bin`` wheel
(``python -m pagefind``) in a subprocess: it needs no network or Node, and a
failure becomes a C402 diagnostic, never a crashed build.
"""

from __future__ import annotations

import subprocess
import sys
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


def index_site(out: Path, config: Config) -> list[Diagnostic]:
    """Write ``out/pagefind/``; returns a C402 diagnostic if Pagefind failed."""
    if not any(out.glob("events/**/index.html")):
        return [Diagnostic("C402", "no event pages to index; search is empty", severity="info")]
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
