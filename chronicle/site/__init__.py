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

from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic
from chronicle.site import exports
from chronicle.site.context import build_context
from chronicle.site.feeds import absolute_base, write_feeds
from chronicle.site.pages import Pages
from chronicle.site.render import BUNDLED_STATIC, Writer, make_env
from chronicle.site.sanitize import sanitize
from chronicle.site.sitemap import write_sitemap

__all__ = ["write_site"]


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


def write_site(chronicle: Chronicle, config: Config, out: Path) -> list[Diagnostic]:
    """Write the whole site into ``out``; returns diagnostics about the rendering."""
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
    for _ in Pages(ctx, writer).all(warnings):
        pass
    write_feeds(ctx, writer)
    write_sitemap(writer, absolute_base(ctx), writer.pages)
    writer.text("data/events.json", exports.events_json(ctx, warnings))
    writer.text("data/events.csv", exports.events_csv(ctx))
    writer.text("data/actors.json", exports.dumps(exports.actors_json(ctx)))
    writer.text("data/report.json", exports.report_json(ctx, warnings))
    writer.text(".nojekyll", "")
    diagnostics += copy_static(out, [BUNDLED_STATIC, *map(Path, config.static)])
    return diagnostics
