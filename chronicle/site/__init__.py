"""The site writer: every page, feed, sitemap and data export, plus static files.

``write_site`` renders into ``out`` (an empty temporary folder that
:func:`chronicle.build.build` swaps in at the end). Nothing here reads the clock
unless ``config.timestamp`` is set, and every iteration is sorted, so two builds
of the same input are byte-identical.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from chronicle import runtime
from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic
from chronicle.site.context import build_context
from chronicle.site.feeds import absolute_base
from chronicle.site.render import BUNDLED_STATIC, Writer, make_env
from chronicle.site.reuse import PageKeys, RenderReuse, reuse_allowed
from chronicle.site.sanitize import sanitize
from chronicle.site.scheduler import schedule
from chronicle.site.sitedata import SiteData
from chronicle.site.sitemap import write_sitemap

__all__ = ["RenderReuse", "write_site"]


def _warnings(chronicle: Chronicle) -> list[Diagnostic]:
    found = [d for d in chronicle.diagnostics if d.severity in ("warning", "error")]
    return sorted(found, key=lambda d: (d.path or "", d.line or 0, d.code, d.message))


def copy_static(out: Path, folders: list[Path]) -> list[Diagnostic]:
    """Copy regular files only: a symlink in a user's static folder could point anywhere
    (its target would be published), so it is skipped and reported."""
    target = out / "static"
    diagnostics: list[Diagnostic] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not (Path(root) / d).is_symlink())
            for name in sorted(files):
                src = Path(root) / name
                if src.is_symlink() or not src.is_file():
                    diagnostics.append(
                        Diagnostic("C404", "symlink in a static folder skipped", str(src))
                    )
                    continue
                dest = target / src.relative_to(folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
    return diagnostics


#: Below this many events one process renders everything (a fork costs more than it saves).
PARALLEL_MIN_EVENTS = 400


def _render_processes(config: Config, n_events: int) -> int:
    return runtime.workers(config, n_events, PARALLEL_MIN_EVENTS)


def write_site(
    chronicle: Chronicle, config: Config, out: Path, reuse: RenderReuse | None = None
) -> list[Diagnostic]:
    """Write the whole site into ``out``; returns diagnostics about the rendering.

    With ``reuse``, every page whose key (see :mod:`chronicle.site.reuse`) equals its key
    in ``reuse.old_keys`` is hard-linked from ``reuse.previous`` instead of rendered, and
    ``reuse.new_keys``/``rendered``/``reused`` are filled in. Reuse is skipped (every page
    rendered, no keys) when a user template reads a compatibility global (``ctx``,
    ``urls``) or pages carry the time. Data files are linked from ``reuse.files_from``
    when it is set (a previous site of the same chronicle, settings and code).
    """
    out.mkdir(parents=True, exist_ok=True)
    chronicle, diagnostics = sanitize(chronicle)
    ctx = build_context(chronicle, config)
    missing = sorted(
        {a for e in chronicle.events for a in e.actors if a not in chronicle.actors}
        | {p for e in chronicle.events for p in e.places if p not in chronicle.places}
    )
    if missing:
        diagnostics.append(
            Diagnostic(
                "C404",
                f"{len(missing)} entity id(s) used by events are missing from the tables; "
                f"pages made from the id: {', '.join(missing[:10])}",
                severity="info",
            )
        )
    writer = Writer(out, make_env(config))
    warnings = _warnings(chronicle)
    keys = None
    if reuse is not None:
        reuse.new_keys.clear()
        reuse.rendered = reuse.reused = 0
        if reuse_allowed(config):
            keys = PageKeys(reuse)
    n = _render_processes(config, len(chronicle.events))
    files_from = reuse.files_from if reuse is not None else None
    schedule(SiteData(ctx, warnings), writer, n, keys, files_from)
    if reuse is not None:
        if keys is not None:
            reuse.new_keys.update(keys.new_keys)
            reuse.rendered, reuse.reused = keys.rendered, keys.reused
        else:
            reuse.rendered = len(writer.pages)
    write_sitemap(writer, absolute_base(ctx), writer.pages)
    writer.text(".nojekyll", "")
    diagnostics += copy_static(out, [BUNDLED_STATIC, *map(Path, config.static)])
    return diagnostics
