"""``chronicle init DIR``: a new project that builds and deploys as it is.

The generated chronicle.toml lists every key with its documentation and default, taken
from :class:`chronicle.config.Config`, so it can never fall behind the code.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import re
import shlex
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from chronicle.config import CONFIG_KEYS, default_value, key_docs
from chronicle.errors import ChronicleError


class ScaffoldError(ChronicleError):
    """The target folder already holds files ``init`` would overwrite."""

    code = "C502"


def toml_value(value: Any) -> str:
    """A Python default as TOML source (strings JSON-quoted, which TOML accepts)."""
    if value is None:
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def chronicle_toml(title: str | None = None) -> str:
    """chronicle.toml with every key commented out at its default, each with its documentation."""
    docs = key_docs()
    out = [
        "# chronicle configuration. Every key is optional; the value shown is the default.",
        "# Uncomment a line to change it. Relative paths are relative to this file.",
        "# Command-line options (chronicle build --help) override these values.",
        "#",
        "# Put raw news in the source folder (seeds/ by default): .txt files as scraped",
        "# (key-events digests, live blogs, articles) or .md files with YAML front matter",
        "# (title, date, url, publisher, author). Run `chronicle check` to see what needs",
        "# an editor, then `chronicle build` (or `chronicle serve` for a live preview).",
        "",
    ]
    for key in CONFIG_KEYS:
        out.append(f"# {docs[key]}")
        value = default_value(key)
        if key == "topics_file":
            out.append('# topics_file = "topics.yaml"')
        elif key == "title" and title:
            out.append(f"title = {toml_value(title)}")
        else:
            out.append(f"# {key} = {toml_value(value)}")
        out.append("")
    return "\n".join(out)


TEMPLATES_README = """\
# Template overrides

Any file here replaces the bundled template of the same name (Jinja2, autoescaped).
Copy the one you want to change from the chronicle package (`chronicle/templates/`
in its source) into this folder, keep its name, and edit it. Templates you do not copy
keep their bundled version, so an upgrade of chronicle still reaches them.

Each template gets its page's data as variables (chronicle's README lists them under
"What every template receives"): events with their `url`, `topic_name` and `contested`,
actors and places with their `url`, counts. Rebuilds then re-render only the pages whose
data changed. The old globals `ctx` and `urls` still work, but a template here that
names them makes every rebuild render every page.

Static files (CSS, images) go in a folder listed under `static` in chronicle.toml;
they are copied over the bundled static files.

Never put text from the news into a template: input is always passed to templates as
data and escaped.
"""


GITIGNORE = "site/\n.cache/\n"


UNKNOWN_INSTALL = """\
      - name: Install chronicle
        # `chronicle init` could not tell where chronicle is installed from. Replace this
        # step's command with e.g.
        #   python -m pip install "chronicle @ git+https://github.com/OWNER/chronicle@TAG"
        # (the name "chronicle" on PyPI is a different project).
        run: |
          echo "::error file=.github/workflows/pages.yml::say where to install chronicle from"
          exit 1"""


def pages_workflow(install: str | None) -> str:
    """A GitHub Actions workflow that builds with the Pages URL and deploys it.

    ``install`` is the shell-quoted pip argument; None writes a step that fails with
    instructions rather than one that might install an unrelated package of that name.
    """
    if install:
        step = f"      - name: Install chronicle\n        run: python -m pip install {install}"
    else:
        step = UNKNOWN_INSTALL
    return f"""\
# Build the chronicle and publish it on GitHub Pages.
# Enable it in the repository: Settings -> Pages -> Source: GitHub Actions.
name: pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
      - id: pages
        uses: actions/configure-pages@v5
{step}
      - name: Build
        run: chronicle build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None


def _https_remote(remote: str) -> str | None:
    """git@github.com:o/r.git -> https://github.com/o/r.git; local paths are useless in CI."""
    m = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", remote)
    if m:
        return f"https://{m.group(1)}/{m.group(2)}"
    if remote.startswith(("https://", "http://", "ssh://")):
        return remote
    return None


def default_install_spec() -> str | None:
    """Where the running chronicle came from, as a pip argument, if that can be told.

    A VCS install (PEP 610 direct_url.json) or a git checkout with a public remote gives
    ``chronicle @ git+URL@COMMIT``; otherwise None (never a bare PyPI name: "chronicle" on
    PyPI is another project).
    """
    root = Path(__file__).resolve().parent.parent
    try:
        raw = importlib.metadata.distribution("chronicle").read_text("direct_url.json")
        info = json.loads(raw) if raw else {}
    except (importlib.metadata.PackageNotFoundError, ValueError):
        info = {}
    url = info.get("url", "")
    vcs = info.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and url and vcs.get("commit_id"):
        return f"chronicle @ git+{url}@{vcs['commit_id']}"
    if url.startswith("file://"):
        root = Path(url2pathname(urlparse(url).path))
    remote = _git(root, "remote", "get-url", "origin")
    commit = _git(root, "rev-parse", "HEAD")
    public = _https_remote(remote) if remote else None
    if public and commit:
        return f"chronicle @ git+{public}@{commit}"
    return None


def init_project(
    target: Path, *, title: str | None = None, install: str | None = None, force: bool = False
) -> list[Path]:
    """Write a new project into ``target``; refuses to overwrite files unless ``force``.

    Returns the files written. ``install`` is the pip argument the Pages workflow uses to
    install chronicle (e.g. ``'chronicle @ git+https://github.com/OWNER/chronicle'``).
    """
    files: dict[Path, str] = {
        target / "chronicle.toml": chronicle_toml(title),
        # Empty (git keeps empty folders only with a file in them; readers skip dotfiles).
        target / "seeds" / ".gitkeep": "",
        target / "templates" / "README.md": TEMPLATES_README,
        target / ".github" / "workflows" / "pages.yml": pages_workflow(
            shlex.quote(spec) if (spec := install or default_install_spec()) else None
        ),
        target / ".gitignore": GITIGNORE,
    }
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target}: exists and is not a folder")
    existing = [p for p in files if p.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing)
        raise ScaffoldError(f"{names}: already exists (use --force to overwrite)")
    written = []
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
