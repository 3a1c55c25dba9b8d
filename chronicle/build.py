"""Gather everything, then render: the build as one library call.

``gather`` (:mod:`chronicle.pipeline`) runs the stages up to a :class:`Chronicle` without
writing anything (``chronicle check`` uses it); ``build`` writes the site into a
temporary folder next to the output and swaps it in only when everything succeeded
(:mod:`chronicle.output`), so a failed build leaves the previous site whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from chronicle import output, pipeline
from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic
from chronicle.pipeline import gather
from chronicle.reporter import Reporter

__all__ = ["BuildReport", "Reporter", "build", "gather"]


@dataclass
class BuildReport:
    chronicle: Chronicle | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    output: Path | None = None
    skipped: bool = False  # nothing changed: the existing site was kept as it is
    reused: int = 0  # pages linked unchanged from the previous build instead of rendered

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity in ("warning", "error")]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def build(config: Config, reporter: Reporter | None = None) -> BuildReport:
    """Build the site into ``config.output``; on any failure the old site stays.

    When neither the inputs nor the templates, static files, settings or code changed
    and the output is as the last build left it, the site would be byte-identical, so
    rendering and indexing are skipped (Lektor-style build state, keyed by content).
    """
    from chronicle import distributed, search, site
    from chronicle.site.reuse import RenderReuse

    reporter = reporter or Reporter()
    report = BuildReport(output=Path(config.output))
    out = Path(config.output)
    output.purge_trash(config)
    with distributed.session(config):  # a scheduler given but unreachable fails here, at once
        chronicle, gather_key = pipeline.gather_keyed(config, reporter)
    report.chronicle = chronicle
    report.diagnostics.extend(chronicle.diagnostics)

    site_key = render_key = files_key = ""
    if gather_key and not config.timestamp:
        try:
            render_key = output.render_key(config)
            site_key = output.site_key(render_key, gather_key)
            files_key = output.files_key(config, gather_key)
        except Exception:  # noqa: BLE001
            site_key = render_key = files_key = ""
    previous = output.read_state(config).get(str(out.resolve()), {})
    # The output is exactly as the last build left it (never edited since): it may be kept
    # whole, or its unchanged pages and data files linked into the new site.
    same_render = bool(render_key) and previous.get("render") == render_key
    same_files = bool(files_key) and previous.get("files") == files_key
    trusted = (
        (same_render or same_files)
        and (out / "index.html").is_file()
        and previous.get("manifest") == output.manifest(out)
    )
    intact = same_render and trusted
    if intact and previous.get("key") == site_key:
        reporter.log("nothing changed: the site is up to date")
        report.pages = int(previous.get("pages", 0))
        report.skipped = True
        report.timings = dict(reporter.timings)
        return report

    page_keys = output.page_keys(config, out)
    old_keys = page_keys.get(f"{render_key}:{previous.get('manifest')}") if intact else None
    reuse = RenderReuse(
        previous=out if intact else None,
        old_keys=old_keys if isinstance(old_keys, dict) else {},
        files_from=out if same_files and trusted else None,
    )
    out_parent = out.resolve().parent
    out_parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out_parent))
    try:
        with reporter.stage("render"):
            report.diagnostics.extend(site.write_site(chronicle, config, tmp, reuse=reuse))
        report.reused = reuse.reused
        if reuse.reused:
            reporter.log(f"{reuse.rendered:,} pages rendered, {reuse.reused:,} unchanged kept")
        if config.search:
            with reporter.stage("search"):
                report.diagnostics.extend(search.index_site(tmp, config))
        report.pages = sum(
            1 for _, _, names in os.walk(tmp) for name in names if name.endswith(".html")
        )
        with reporter.stage("write"):
            output.swap(tmp, out, output.trash_dir(config, out_parent))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if site_key:
        # The page keys are bound to this output's manifest, so keys and output can never
        # be paired wrongly, whatever is interrupted between the two writes.
        manifest = output.manifest(out)
        page_keys.put(f"{render_key}:{manifest}", reuse.new_keys, alone=True)
        page_keys.save()
        output.write_state(config, out, site_key, render_key, manifest, report.pages, files_key)
    report.timings = dict(reporter.timings)
    return report
