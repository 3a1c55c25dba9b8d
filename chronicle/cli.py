"""Thin click layer over :mod:`chronicle.build`: options in, one line per problem out.

Exit codes (documented in the README): 0 ok; 1 warnings under --strict, check
findings under --strict, or the Dask scheduler could not be reached or used;
2 usage or configuration error; 3 the build failed.
No traceback reaches the user unless --debug is given.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from chronicle.config import Config, check_paths, load_config, validate_value
from chronicle.errors import BuildError, ChronicleError, ClusterError, ConfigError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_FAILED = 3

EPILOG = (
    "Exit codes: 0 ok; 1 warnings with --strict (check: findings with --strict), "
    "or the Dask scheduler could not be reached; "
    "2 usage or configuration error; 3 the build failed."
)


def _err(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def user_errors(debug: bool) -> Iterator[None]:
    """Turn every failure into one clear line and an exit code (a traceback only with --debug)."""
    from chronicle.scaffold import ScaffoldError

    shown = warnings.showwarning
    if not debug:
        # A library's Python warning (e.g. the cache being locked) becomes one plain line.
        warnings.showwarning = _one_line_warning
    try:
        yield
    except (ConfigError, ScaffoldError) as exc:
        if debug:
            raise
        _err(f"error {exc.code}: {exc}")
        sys.exit(EXIT_USAGE)
    except ClusterError as exc:
        if debug:
            raise
        _err(f"error {exc.code}: {exc}")
        sys.exit(EXIT_FINDINGS)
    except ChronicleError as exc:
        if debug:
            raise
        _err(f"error {exc.code}: {exc}")
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _err(f"error: {where}{exc.strerror or exc}")
        sys.exit(EXIT_FAILED)
    except Exception as exc:
        if debug:
            raise
        _err(
            f"error: internal error: {type(exc).__name__}: {exc} "
            "(run again with --debug for the traceback, and please report it)"
        )
        sys.exit(EXIT_FAILED)
    finally:
        warnings.showwarning = shown


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    _err(f"warning: {message}")


def make_config(config_path: Path | None, **overrides: Any) -> Config:
    """The config file's values with command-line overrides applied, then validated."""
    cfg = load_config(config_path)
    if overrides.get("base_url") is not None:
        overrides["base_url"] = validate_value("base_url", overrides["base_url"], "--base-url")
    templates = overrides.pop("templates", None)
    if templates:
        overrides["templates"] = (templates, *cfg.templates)
    cfg = cfg.replace(**overrides)
    check_paths(cfg)
    source = Path(cfg.source)
    if not source.is_dir():
        from_file = cfg.config_path and not overrides.get("source")
        where = f" (from {cfg.config_path})" if from_file else ""
        raise ConfigError(
            f"source folder not found: {source}{where}; "
            "give one with --source or the 'source' key in chronicle.toml"
        )
    return cfg


# -- shared options --------------------------------------------------------------------------
def _opt_source(f: Callable) -> Callable:
    return click.option(
        "--source",
        type=click.Path(path_type=Path, file_okay=False),
        help="Folder of input documents [default: seeds].",
    )(f)


def _opt_config(f: Callable) -> Callable:
    return click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Config file (chronicle.toml, or pyproject.toml with [tool.chronicle]) "
        "[default: found in the current folder].",
    )(f)


def _opt_output_flags(f: Callable) -> Callable:
    f = click.option("--debug", is_flag=True, help="Show tracebacks for errors.")(f)
    f = click.option(
        "--verbose", "-v", is_flag=True, help="Also show notes, log lines and stage timings."
    )(f)
    f = click.option(
        "--quiet", "-q", is_flag=True, help="Show only problems: no progress, no summary."
    )(f)
    return f


def _opt_cache_dir(f: Callable) -> Callable:
    return click.option(
        "--cache-dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="Cache of NLP results [default: .cache/chronicle].",
    )(f)


def _opt_templates(f: Callable) -> Callable:
    return click.option(
        "--templates",
        type=click.Path(path_type=Path, file_okay=False),
        help="Template override folder, searched before those in the config.",
    )(f)


def _opt_no_search(f: Callable) -> Callable:
    return click.option(
        "--no-search", is_flag=True, help="Skip the Pagefind search index (faster)."
    )(f)


def _reporter(quiet: bool, verbose: bool):
    from chronicle.progress import ConsoleReporter

    return ConsoleReporter(quiet=quiet, verbose=verbose)


def _print_build_result(report, elapsed: float, quiet: bool, verbose: bool) -> None:
    from chronicle.progress import diagnostic_lines, summary_lines

    for line in diagnostic_lines(report.diagnostics, verbose=verbose):
        _err(line)
    if not quiet:
        for line in summary_lines(
            report.chronicle,
            report.diagnostics,
            report.timings,
            pages=report.pages,
            reused=report.reused,
            output=str(report.output) if report.output else None,
            elapsed=elapsed,
        ):
            click.echo(line)


def _hint_if_empty(chronicle, source: Path) -> None:
    """A first-time user with an empty seeds/ gets told what to do, not just '0 documents'."""
    if chronicle is not None and not chronicle.documents:
        _err(
            f"note: no documents found in {source}; put news there as .txt files (as scraped) "
            "or .md files with front matter, see README 'Input formats'"
        )


# -- commands ----------------------------------------------------------------------------------
@click.group(epilog=EPILOG)
@click.version_option(package_name="chronicle")
def main() -> None:
    """chronicle: raw war news in, a browsable and searchable chronicle out.

    Run `chronicle COMMAND --help` for the options of a command.
    """


@main.command(epilog=EPILOG)
@_opt_source
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder [default: site]."
)
@_opt_cache_dir
@click.option(
    "--base-url",
    help="Public URL of the site, e.g. https://user.github.io/repo/ [default: /].",
)
@_opt_templates
@_opt_config
@click.option("--strict", is_flag=True, help="Exit with code 1 when there are warnings.")
@_opt_no_search
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run the NLP stage on a Dask cluster: tcp://HOST:PORT of a `dask scheduler`, "
    "or local:N to start N local Dask workers [default: local processes].",
)
@_opt_output_flags
def build(
    source: Path | None,
    out: Path | None,
    cache_dir: Path | None,
    base_url: str | None,
    templates: Path | None,
    config_path: Path | None,
    strict: bool,
    no_search: bool,
    scheduler: str | None,
    quiet: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Build the site from the source folder into the output folder.

    The new site replaces the old one only when the build succeeds.
    """
    from chronicle import build as build_module

    with user_errors(debug):
        cfg = make_config(
            config_path,
            source=source,
            output=out,
            cache_dir=cache_dir,
            base_url=base_url,
            templates=templates,
            strict=True if strict else None,
            search=False if no_search else None,
            scheduler=(
                validate_value("scheduler", scheduler, "--scheduler")
                if scheduler is not None
                else None
            ),
        )
        t0 = time.perf_counter()
        reporter = _reporter(quiet, verbose)
        try:
            report = build_module.build(cfg, reporter)
        except OSError as exc:
            # Reading problems are diagnostics, so an OSError here is about the output.
            detail = f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
            raise BuildError(
                f"cannot write the site to {cfg.output} ({detail}); the previous site, "
                "if any, was left in place"
            ) from None
        finally:
            reporter.close()
        _print_build_result(report, time.perf_counter() - t0, quiet, verbose)
        _hint_if_empty(report.chronicle, Path(cfg.source))
    if cfg.strict and report.warnings:
        _err(f"--strict: {len(report.warnings)} warning(s); exit code {EXIT_FINDINGS}")
        sys.exit(EXIT_FINDINGS)


@main.command(epilog=EPILOG)
@_opt_source
@_opt_cache_dir
@_opt_config
@click.option(
    "--strict", is_flag=True, help="Exit with code 1 when anything needs an editor's attention."
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the findings as JSON (for tools and CI)."
)
@_opt_output_flags
def check(
    source: Path | None,
    cache_dir: Path | None,
    config_path: Path | None,
    strict: bool,
    as_json: bool,
    quiet: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Read and analyse the sources without writing a site; list what needs an editor.

    Reports documents that could not be read (C10x), date conflicts inside documents
    (C201, C202), passages that could not be dated (C203-C205) and ambiguous or unknown
    actors (C301, C302). Notes (e.g. C204) are listed with --verbose.
    """
    from chronicle.check import findings_json, format_report, run_check
    from chronicle.progress import format_seconds

    with user_errors(debug):
        cfg = make_config(
            config_path, source=source, cache_dir=cache_dir, strict=True if strict else None
        )
        t0 = time.perf_counter()
        reporter = _reporter(quiet, verbose)
        try:
            result = run_check(cfg, reporter, include_info=verbose)
        finally:
            reporter.close()
        elapsed = time.perf_counter() - t0
    if as_json:
        click.echo(findings_json(result))
        sys.exit(EXIT_FINDINGS if cfg.strict and result.findings else EXIT_OK)
    _hint_if_empty(result.chronicle, Path(cfg.source))
    for line in format_report(result.findings):
        click.echo(line)
    if not quiet:
        c = result.chronicle
        click.echo(
            f"\nchecked {len(c.documents)} documents, {len(c.passages)} passages, "
            f"{len(c.events)} events in {format_seconds(elapsed)}: "
            f"{len(result.findings)} finding(s)"
        )
    if cfg.strict and result.findings:
        sys.exit(EXIT_FINDINGS)


@main.command(epilog=EPILOG)
@_opt_source
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder [default: site]."
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any)."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0 exposes the preview to your network).",
)
@_opt_cache_dir
@_opt_templates
@_opt_config
@_opt_no_search
@_opt_output_flags
def serve(
    source: Path | None,
    out: Path | None,
    port: int,
    host: str,
    cache_dir: Path | None,
    templates: Path | None,
    config_path: Path | None,
    no_search: bool,
    quiet: bool,
    verbose: bool,
    debug: bool,
) -> None:
    """Build, serve the site locally, rebuild on every change and reload open pages.

    Watches the sources, templates, static folders, data files and the config file.
    A failed rebuild keeps the last good site up and shows the error on the page.
    """
    from chronicle.progress import diagnostic_lines, summary_lines
    from chronicle.serve import PreviewServer

    def current_config() -> Config:
        return make_config(
            config_path,
            source=source,
            output=out,
            cache_dir=cache_dir,
            templates=templates,
            search=False if no_search else None,
        )

    def on_report(report, elapsed: float) -> None:
        for line in diagnostic_lines(report.diagnostics, verbose=verbose):
            _err(line)
        if not quiet:
            for line in summary_lines(
                report.chronicle,
                report.diagnostics,
                report.timings,
                pages=report.pages,
                elapsed=elapsed,
            ):
                _err(line)

    with user_errors(debug):
        current_config()  # a bad config or option is a usage error before anything starts
        try:
            server = PreviewServer(
                current_config,
                host,
                port,
                echo=_err,
                reporter_factory=lambda: _reporter(quiet, verbose),
                on_report=on_report,
                debug=debug,
                access_log=verbose,
            )
        except OSError as exc:
            raise ConfigError(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} (try another --port)"
            ) from None
        server.serve_forever()


@main.command(epilog=EPILOG)
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--title", help="Site title written into chronicle.toml.")
@click.option(
    "--install",
    help="What the Pages workflow passes to pip to install chronicle, e.g. "
    '"chronicle @ git+https://github.com/OWNER/chronicle@TAG" '
    "[default: the git repository this chronicle was installed from, if known].",
)
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
def init(directory: Path, title: str | None, install: str | None, force: bool, debug: bool) -> None:
    """Create a new project in DIRECTORY.

    Writes chronicle.toml (every key, commented), an empty seeds/ folder, a templates/
    override folder with a README, and .github/workflows/pages.yml for GitHub Pages.
    """
    from chronicle.scaffold import default_install_spec, init_project

    with user_errors(debug):
        install = install or default_install_spec()
        written = init_project(directory, title=title, install=install, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    if not install:
        _err(
            "note: could not tell where this chronicle is installed from, so the Pages "
            "workflow stops with instructions; give --install or edit its install step"
        )
    click.echo(
        f"\nNext: put news into {directory / 'seeds'}, then run "
        f"`cd {directory} && chronicle check && chronicle serve`."
    )


if __name__ == "__main__":  # pragma: no cover
    main()
