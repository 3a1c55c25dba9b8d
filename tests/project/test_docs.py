"""The documentation keeps up with the code: a new CLI option, config key, exit code or
diagnostic code fails here until README.md documents it, and the Quick start stays two
commands that .ci/run runs verbatim.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import click
import pytest
import yaml

from chronicle import cli
from chronicle.config import CONFIG_KEYS
from chronicle.errors import CODES

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")

QUICK_START = [
    "python -m pip install -e . && chronicle build",
    "python -m pip install -e '.[test]' && python -m pytest",
]


def section(text: str, heading: str) -> str:
    """The body of the Markdown section whose heading line is exactly ``heading``."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = len(lines)
    for i in range(start, len(lines)):
        m = re.match(r"(#+) ", lines[i])
        if m and len(m.group(1)) <= level:
            end = i
            break
    return "\n".join(lines[start:end])


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S)


def commands_in(block: str) -> list[str]:
    return [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]


def test_quick_start_block_holds_exactly_the_two_commands() -> None:
    blocks = code_blocks(section(README, "## Quick start"))
    assert blocks, "Quick start has no code block"
    assert commands_in(blocks[0]) == QUICK_START


def test_ci_runs_exactly_the_readme_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text("utf-8")
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in script
    lines = commands_in(script)
    assert lines[-1] == commands_in(code_blocks(section(README, "## Quick start"))[0])[1]
    joined = script.replace("\\\n", " ")
    assert re.search(r"apt-get install -y .*\bchromium\b", joined)
    assert re.search(r"apt-get install -y .*\bdefault-jre-headless\b", joined)  # vnu
    assert "apt-get update" in script
    assert "export CHRONICLE_REQUIRE_BROWSER=1" in script
    assert (ROOT / ".ci" / "run").stat().st_mode & 0o111, ".ci/run is not executable"


def test_ci_lints_formats_and_type_checks_before_the_tests() -> None:
    lines = commands_in((ROOT / ".ci" / "run").read_text("utf-8"))
    for check in ("python -m ruff check .", "python -m ruff format --check .", "python -m mypy"):
        assert check in lines[:-1], f".ci/run does not run {check!r} before the tests"
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert config["tool"]["mypy"]["files"] == ["chronicle"]
    assert not config["tool"]["mypy"].get("ignore_errors")
    extras = " ".join(config["project"]["optional-dependencies"]["test"])
    assert "ruff" in extras and "mypy" in extras


def _commands() -> dict[str, click.Command]:
    assert isinstance(cli.main, click.Group)
    return dict(cli.main.commands)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_cli_option_is_documented_in_its_section(name: str) -> None:
    command = _commands()[name]
    headings = [ln for ln in README.splitlines() if ln.startswith(f"### `chronicle {name}")]
    assert headings, f"README has no '### `chronicle {name}`' section"
    body = section(README, headings[0])
    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        for opt in [*param.opts, *param.secondary_opts]:
            assert f"`{opt}" in body, f"chronicle {name} {opt} is not documented in README"


def test_group_options_are_documented() -> None:
    body = section(README, "## CLI reference")
    assert "`--version`" in body and "--help" in body


def test_every_config_key_is_in_the_reference_table() -> None:
    body = section(README, "## Configuration reference")
    documented = re.findall(r"^\| `(\w+)` \|", body, re.M)
    assert sorted(documented) == sorted(CONFIG_KEYS)


def test_every_exit_code_is_documented() -> None:
    body = section(README, "## Exit codes")
    codes = {int(c) for c in re.findall(r"^\| (\d+) \|", body, re.M)}
    constants = {v for k, v in vars(cli).items() if k.startswith("EXIT_")}
    assert constants == codes == {0, 1, 2, 3}
    assert "Exit codes" in cli.EPILOG


def test_every_diagnostic_code_is_documented() -> None:
    missing = [code for code in CODES if code not in README]
    assert not missing, f"diagnostic codes missing from README: {missing}"


def test_export_contract_fields_are_documented() -> None:
    body = section(README, "## Data exports")
    for field in (
        "id", "url", "date", "reported", "date_precision", "date_evidence", "time", "topic",
        "title", "summary", "actors", "places", "killed", "injured", "sources", "document",
        "line", "publisher", "page", "text", "warnings",
    ):  # fmt: skip
        assert f'"{field}"' in body, field
    for name in (
        "data/index.json",
        "data/<year>/events.json",
        "data/<year>/events.csv",
        "data/actors.json",
    ):
        assert f"### `{name}`" in body


def test_internal_links_point_at_headings() -> None:
    def slug(heading: str) -> str:
        s = heading.strip().lower()
        s = re.sub(r"[^\w\- ]", "", s)
        return s.replace(" ", "-")

    anchors = {slug(h) for h in re.findall(r"^#+ (.+)$", README, re.M)}
    for target in re.findall(r"\]\(#([^)]+)\)", README):
        assert target in anchors, f"broken README link #{target}"


def test_readme_image_exists() -> None:
    for src in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / src).is_file(), f"README shows {src}, which does not exist"


def test_pages_workflow_builds_with_the_pages_url_and_deploys() -> None:
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    steps = wf["jobs"]["build"]["steps"] + wf["jobs"]["deploy"]["steps"]
    uses = " ".join(s.get("uses", "") for s in steps)
    for action in ("actions/configure-pages@", "upload-pages-artifact@", "deploy-pages@"):
        assert action in uses
    runs = " ".join(s.get("run", "") for s in steps)
    assert "pip install -e ." in runs
    assert re.search(r"chronicle build .*--base-url \S*\{\{ steps\.pages\.outputs\.base_url", runs)
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"


def test_changelog_has_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert text.startswith("# Changelog")
    assert "## [Unreleased]" in text
