"""Thin click layer over :mod:`chronicle.build`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from chronicle.config import load_config
from chronicle.errors import ChronicleError


@click.group()
@click.version_option(package_name="chronicle")
def main() -> None:
    """chronicle: raw war news in, a browsable and searchable chronicle out."""


@main.command()
@click.option("--source", type=click.Path(path_type=Path), help="Folder of input documents.")
@click.option("--out", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--cache-dir", type=click.Path(path_type=Path), help="NLP cache folder.")
@click.option("--base-url", help="Public URL of the site, e.g. https://user.github.io/repo/.")
@click.option("--templates", type=click.Path(path_type=Path), help="Template override folder.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file.")
def build(source, out, cache_dir, base_url, templates, config_path) -> None:
    """Build the site from the source folder."""
    from chronicle.build import build as run_build

    try:
        cfg = load_config(config_path)
        cfg = cfg.replace(
            source=source,
            output=out,
            cache_dir=cache_dir,
            base_url=base_url,
            templates=(templates, *cfg.templates) if templates else None,
        )
        report = run_build(cfg)
    except ChronicleError as exc:
        click.echo(f"error {exc.code}: {exc}", err=True)
        sys.exit(2)
    for d in report.diagnostics:
        if d.severity != "info":
            click.echo(str(d), err=True)
    c = report.chronicle
    if c is not None:
        click.echo(
            f"{len(c.documents)} documents, {len(c.passages)} passages, "
            f"{len(c.events)} events, {report.pages} pages -> {report.output}"
        )
