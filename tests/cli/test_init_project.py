"""``chronicle init``: a project whose config, folders and workflow work as written."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from chronicle.config import CONFIG_KEYS, Config, config_from_mapping, key_docs, load_config
from chronicle.scaffold import ScaffoldError, chronicle_toml, init_project, pages_workflow


def test_init_creates_the_project_layout(tmp_path: Path) -> None:
    written = init_project(tmp_path / "p", title="Desk")
    root = tmp_path / "p"
    assert root / "chronicle.toml" in written
    assert (root / "seeds").is_dir()
    assert [p.name for p in (root / "seeds").iterdir() if not p.name.startswith(".")] == []
    assert "override" in (root / "templates" / "README.md").read_text("utf-8").lower()
    assert (root / ".github" / "workflows" / "pages.yml").is_file()
    assert load_config(root / "chronicle.toml").title == "Desk"


def test_generated_toml_documents_every_key_and_its_defaults_are_valid() -> None:
    text = chronicle_toml()
    assert tomllib.loads(text) == {}  # everything commented out: the defaults apply
    docs = key_docs()
    for key in CONFIG_KEYS:
        assert re.search(rf"^# {key} = ", text, re.M), key
        assert f"# {docs[key]}" in text
    uncommented = "\n".join(
        line[2:] if re.match(r"# \w+ = ", line) else line for line in text.splitlines()
    )
    values = tomllib.loads(uncommented)
    assert set(values) == set(CONFIG_KEYS)
    values.pop("topics_file")  # an example file name, not a default
    cfg = config_from_mapping(values, Path("."), "generated")
    assert cfg.page_size == Config().page_size
    assert cfg.war_day_one == Config().war_day_one


def test_title_with_quotes_is_valid_toml() -> None:
    assert tomllib.loads(chronicle_toml('The "war" desk \\ 2026'))["title"] == (
        'The "war" desk \\ 2026'
    )


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    (tmp_path / "chronicle.toml").write_text('title = "mine"\n', encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        init_project(tmp_path)
    assert (tmp_path / "chronicle.toml").read_text("utf-8") == 'title = "mine"\n'
    init_project(tmp_path, force=True)
    assert "Every key is optional" in (tmp_path / "chronicle.toml").read_text("utf-8")


def test_target_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not a folder"):
        init_project(target)


def test_workflow_builds_with_the_pages_url_and_deploys() -> None:
    text = pages_workflow("'chronicle @ git+https://github.com/o/chronicle'")
    wf = yaml.safe_load(text)
    steps = wf["jobs"]["build"]["steps"]
    uses = [s.get("uses", "") for s in steps] + [
        s.get("uses", "") for s in wf["jobs"]["deploy"]["steps"]
    ]
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    runs = " ".join(s.get("run", "") for s in steps)
    assert "pip install 'chronicle @ git+https://github.com/o/chronicle'" in runs
    assert "--base-url" in runs and "steps.pages.outputs.base_url" in runs
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_unknown_install_source_gives_a_step_that_fails_with_instructions(tmp_path: Path) -> None:
    wf = yaml.safe_load(pages_workflow(None))
    (install,) = [s for s in wf["jobs"]["build"]["steps"] if s.get("name") == "Install chronicle"]
    assert "exit 1" in install["run"] and "::error" in install["run"]
    assert "pip install chronicle" not in pages_workflow(None)  # never the unrelated PyPI name


def test_install_spec_from_a_git_checkout(tmp_path: Path, monkeypatch) -> None:
    import subprocess

    import chronicle.scaffold as scaffold

    repo = tmp_path / "src"
    (repo / "chronicle").mkdir(parents=True)
    (repo / "chronicle" / "scaffold.py").write_text("", encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:desk/chronicle.git"])
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    sha = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    monkeypatch.setattr(scaffold, "__file__", str(repo / "chronicle" / "scaffold.py"))
    monkeypatch.setattr(
        scaffold.importlib.metadata,
        "distribution",
        lambda name: type("D", (), {"read_text": staticmethod(lambda f: None)})(),
    )
    spec = scaffold.default_install_spec()
    assert spec == f"chronicle @ git+https://github.com/desk/chronicle.git@{sha.strip()}"


def test_install_spec_is_shell_quoted(tmp_path: Path) -> None:
    init_project(tmp_path, install="chronicle; rm -rf /")
    text = (tmp_path / ".github" / "workflows" / "pages.yml").read_text("utf-8")
    assert "pip install 'chronicle; rm -rf /'" in text


@pytest.mark.slow
def test_an_initialised_project_builds(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from click.testing import CliRunner

    from chronicle.cli import main

    root = tmp_path / "desk"
    assert CliRunner().invoke(main, ["init", str(root), "--title", "Desk"]).exit_code == 0
    seed = Path(__file__).resolve().parents[2] / "seeds" / "000_b390734deb83455a.txt"
    shutil.copy(seed, root / "seeds" / "digests.txt")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--no-search", "--cache-dir", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert (root / "site" / "index.html").is_file()
    assert "Desk" in (root / "site" / "index.html").read_text("utf-8")
    assert "seeds/.gitkeep" not in result.output  # the placeholder is not read as news
