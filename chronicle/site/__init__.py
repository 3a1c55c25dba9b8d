"""The site writer: every page, feed, sitemap and data export, plus static files.

``write_site`` renders into ``out`` (an empty temporary folder that
:func:`chronicle.build.build` swaps in at the end). Nothing here reads the clock
unless ``config.timestamp`` is set, and every iteration is sorted, so two builds
of the same input are byte-identical.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from chronicle import runtime
from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic
from chronicle.site.context import SiteContext, build_context
from chronicle.site.feeds import absolute_base
from chronicle.site.forks import fork_shares
from chronicle.site.pages import Pages
from chronicle.site.render import BUNDLED_STATIC, Writer, make_env
from chronicle.site.reuse import PageKeys, RenderReuse, reuse_allowed
from chronicle.site.sanitize import sanitize
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


def _preload_templates(writer: Writer) -> None:
    """Compile the templates once, before forking, instead of once in every process.
    A template that fails to load is left for the render to report."""
    env = writer.env
    for name in env.list_templates(extensions=("html", "xml")):
        try:
            env.get_template(name)
        except Exception:  # noqa: BLE001,S112 - reported when a page uses it
            continue


def render_pages(
    ctx: SiteContext,
    writer: Writer,
    warnings: list[Diagnostic],
    n: int,
    keys: PageKeys | None = None,
) -> None:
    """Render every page, feed and data file over ``n`` forked processes (deterministic
    shards).

    The context is built once and inherited by the children, which write their share
    of the pages and send back the URLs for the sitemap (and, with ``keys``, the pages'
    keys and counts). A child that fails has its share rendered again here, so an error
    surfaces (once) from this process.
    """
    if n > 1:
        _preload_templates(writer)
    if keys is not None:  # every shard needs (nearly) every event's and document's digest
        keys.precompute([*ctx.events, *ctx.documents.values()], n)

    def shard(k: int) -> None:
        for _ in Pages(ctx, writer, shard=(k, n), keys=keys).all(warnings):
            pass

    def child(k: int) -> str:
        shard(k)
        return json.dumps({"pages": writer.pages, "keys": keys and keys.export()})

    results = fork_shares(n, child, lambda: shard(0))
    for k, data in enumerate(results, start=1):
        if data:
            result = json.loads(data)
            writer.pages.extend(result["pages"])
            if keys is not None:
                keys.merge(result["keys"])
        else:
            shard(k)


def write_site(
    chronicle: Chronicle, config: Config, out: Path, reuse: RenderReuse | None = None
) -> list[Diagnostic]:
    """Write the whole site into ``out``; returns diagnostics about the rendering.

    With ``reuse``, every page whose key (see :mod:`chronicle.site.reuse`) equals its key
    in ``reuse.old_keys`` is hard-linked from ``reuse.previous`` instead of rendered, and
    ``reuse.new_keys``/``rendered``/``reused`` are filled in. Reuse is skipped (every page
    rendered, no keys) when a user template reads ``ctx``/``urls`` or pages carry the time.
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
            keys = PageKeys(ctx, reuse)
    n = _render_processes(config, len(chronicle.events))
    render_pages(ctx, writer, warnings, n, keys)
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
