"""The click layer: options reach the config, problems become one line and an exit code.

The pipeline is replaced by a small fake here so these tests pin the CLI's own contract;
tests/test_cli_pipeline.py runs the same commands over the real pipeline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chronicle import build as build_module
from chronicle.build import BuildReport
from chronicle.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from chronicle.errors import BuildError
from chronicle.model import Chronicle, Diagnostic


def fake_chronicle(diagnostics: tuple[Diagnostic, ...] = ()) -> Chronicle:
    return Chronicle(
        events=(),
        actors={},
        places={},
        topics={},
        documents=(),
        passages={},
        analyses={},
        diagnostics=diagnostics,
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Some news.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list:
    """Replace build.build by a fake that records its config and writes a one-page site."""
    seen: list = []

    def fake_build(config, reporter=None):
        seen.append(config)
        with reporter.stage("read", 1):
            reporter.advance()
        out = Path(config.output)
        (out / "data").mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("<html><body>ok</body></html>", encoding="utf-8")
        (out / "data" / "events.json").write_text(json.dumps({"events": []}), encoding="utf-8")
        diags = getattr(fake_build, "diagnostics", ())
        return BuildReport(
            chronicle=fake_chronicle(diags),
            diagnostics=list(diags),
            timings=dict(reporter.timings),
            pages=1,
            output=out,
        )

    monkeypatch.setattr(build_module, "build", fake_build)
    seen.append(fake_build)  # seen[0] is the fake itself, so tests can set .diagnostics
    return seen


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_help_lists_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("build", "check", "serve", "init"):
        assert command in result.output
    assert "Exit codes" in result.output


def test_build_passes_options_to_the_config(project: Path, calls: list) -> None:
    result = run(
        "build",
        "--source",
        "seeds",
        "--out",
        "public",
        "--cache-dir",
        "c",
        "--base-url",
        "https://example.org/war/",
        "--no-search",
    )
    assert result.exit_code == EXIT_OK, result.output
    cfg = calls[1]
    assert cfg.source == Path("seeds")
    assert cfg.output == Path("public")
    assert cfg.cache_dir == Path("c")
    assert cfg.base_url == "https://example.org/war/"
    assert cfg.search is False
    assert (project / "public" / "index.html").is_file()
    assert "1 pages" in result.output and "0 warnings" in result.output


def test_cli_options_override_the_config_file(project: Path, calls: list) -> None:
    (project / "other").mkdir()
    (project / "chronicle.toml").write_text(
        'title = "From file"\nsource = "other"\noutput = "fromfile"\n', encoding="utf-8"
    )
    result = run("build", "--out", "fromcli")
    assert result.exit_code == EXIT_OK, result.output
    cfg = calls[1]
    assert cfg.title == "From file"
    assert cfg.source == project / "other"  # file value, relative to the file
    assert cfg.output == Path("fromcli")  # option beats file


def test_templates_option_is_searched_first(project: Path, calls: list) -> None:
    (project / "mine").mkdir()
    (project / "theirs").mkdir()
    (project / "chronicle.toml").write_text('templates = ["theirs"]\n', encoding="utf-8")
    result = run("build", "--templates", "mine")
    assert result.exit_code == EXIT_OK, result.output
    assert calls[1].templates == (Path("mine"), project / "theirs")


def test_strict_turns_warnings_into_exit_code_1(project: Path, calls: list) -> None:
    calls[0].diagnostics = (Diagnostic("C101", "file is empty", "seeds/a.txt", None),)
    lenient = run("build")
    assert lenient.exit_code == EXIT_OK
    assert "seeds/a.txt: warning C101: file is empty" in lenient.output
    strict = run("build", "--strict")
    assert strict.exit_code == EXIT_FINDINGS
    (project / "chronicle.toml").write_text("strict = true\n", encoding="utf-8")
    assert run("build").exit_code == EXIT_FINDINGS


def test_quiet_prints_problems_but_no_summary(project: Path, calls: list) -> None:
    calls[0].diagnostics = (Diagnostic("C101", "file is empty", "seeds/a.txt", None),)
    result = run("build", "--quiet")
    assert result.exit_code == EXIT_OK
    assert "C101" in result.output
    assert "pages" not in result.output


def test_verbose_shows_notes_and_timings(project: Path, calls: list) -> None:
    calls[0].diagnostics = (Diagnostic("C204", "dated from text", "seeds/a.txt", 3, "info"),)
    assert "C204" not in run("build").output
    verbose = run("build", "--verbose")
    assert "C204" in verbose.output
    assert "read" in verbose.output


def test_config_error_names_the_key_and_exits_2(project: Path, calls: list) -> None:
    (project / "chronicle.toml").write_text("page_size = 'ten'\n", encoding="utf-8")
    result = run("build")
    assert result.exit_code == EXIT_USAGE
    assert "page_size" in result.output
    assert "Traceback" not in result.output
    assert len(calls) == 1  # the build never ran


def test_missing_source_folder_is_a_usage_error(project: Path, calls: list) -> None:
    result = run("build", "--source", "nowhere")
    assert result.exit_code == EXIT_USAGE
    assert "nowhere" in result.output and "--source" in result.output


def test_bad_base_url_option_is_a_usage_error(project: Path, calls: list) -> None:
    result = run("build", "--base-url", "javascript:alert(1)")
    assert result.exit_code == EXIT_USAGE
    assert "base_url" in result.output


def test_build_error_exits_3_with_one_line(project: Path, monkeypatch) -> None:
    def failing(config, reporter=None):
        raise BuildError("seeds: cannot write the site")

    monkeypatch.setattr(build_module, "build", failing)
    result = run("build")
    assert result.exit_code == EXIT_FAILED
    assert result.output.strip() == "error C401: seeds: cannot write the site"


def test_internal_error_has_no_traceback_unless_debug(project: Path, monkeypatch) -> None:
    def buggy(config, reporter=None):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(build_module, "build", buggy)
    result = run("build")
    assert result.exit_code == EXIT_FAILED
    assert "internal error: ZeroDivisionError: boom" in result.output
    assert "--debug" in result.output
    assert "Traceback" not in result.output
    debug = run("build", "--debug")
    assert isinstance(debug.exception, ZeroDivisionError)


def test_check_lists_findings_and_strict_fails(project: Path, monkeypatch) -> None:
    diags = (
        Diagnostic("C201", "printed date disagrees with weekday", "seeds/a.txt", 7),
        Diagnostic("C402", "Pagefind failed", None, None),  # not an editor's finding
    )
    monkeypatch.setattr(build_module, "gather", lambda config, reporter=None: fake_chronicle(diags))
    result = run("check")
    assert result.exit_code == EXIT_OK
    assert "seeds/a.txt:7: warning C201" in result.output
    assert "C402" not in result.output
    assert not (project / "site").exists()  # check writes no site
    assert run("check", "--strict").exit_code == EXIT_FINDINGS


def test_check_without_findings_passes_strict(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(build_module, "gather", lambda config, reporter=None: fake_chronicle())
    result = run("check", "--strict")
    assert result.exit_code == EXIT_OK
    assert "No problems found." in result.output


def test_serve_refuses_a_bad_config_before_starting(project: Path) -> None:
    (project / "chronicle.toml").write_text("colour = 'red'\n", encoding="utf-8")
    result = run("serve", "--port", "0")
    assert result.exit_code == EXIT_USAGE
    assert "colour" in result.output


def test_init_writes_a_project_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "news"
    result = run("init", str(target), "--title", "My chronicle")
    assert result.exit_code == EXIT_OK, result.output
    assert (target / "chronicle.toml").is_file()
    again = run("init", str(target))
    assert again.exit_code == EXIT_USAGE
    assert "--force" in again.output
    assert run("init", str(target), "--force").exit_code == EXIT_OK


def test_python_warnings_become_one_line(project: Path, monkeypatch) -> None:
    import warnings

    def noisy(config, reporter=None):
        warnings.warn("cache is locked by another build; results not stored", stacklevel=1)
        raise BuildError("stop here")

    monkeypatch.setattr(build_module, "build", noisy)
    result = run("build")
    assert "warning: cache is locked by another build" in result.output
    assert ".py:" not in result.output  # no source file and line of the library


def test_unwritable_output_is_one_line_naming_the_output(project: Path, monkeypatch) -> None:
    def unwritable(config, reporter=None):
        raise PermissionError(13, "Permission denied", "/srv/.site.tmp-x")

    monkeypatch.setattr(build_module, "build", unwritable)
    result = run("build", "--out", "public")
    assert result.exit_code == EXIT_FAILED
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error C401: cannot write the site to public (Permission denied")


def test_empty_source_folder_gets_a_hint(project: Path, calls: list, monkeypatch) -> None:
    result = run("build")  # the fake pipeline reads no documents
    assert result.exit_code == EXIT_OK
    assert "note: no documents found in seeds" in result.output
    monkeypatch.setattr(build_module, "gather", lambda config, reporter=None: fake_chronicle())
    assert "note: no documents found" in run("check").output


def test_check_json_output(project: Path, monkeypatch) -> None:
    diags = (Diagnostic("C201", "printed date disagrees", "seeds/a.txt", 7),)
    monkeypatch.setattr(build_module, "gather", lambda config, reporter=None: fake_chronicle(diags))
    result = CliRunner().invoke(main, ["check", "--json", "--quiet"])
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["findings"] == 1
    (finding,) = data["findings"]
    assert finding["code"] == "C201" and finding["path"] == "seeds/a.txt" and finding["line"] == 7
    assert finding["category"].startswith("Date conflicts")
    strict = CliRunner().invoke(main, ["check", "--json", "--strict", "--quiet"])
    assert strict.exit_code == EXIT_FINDINGS
