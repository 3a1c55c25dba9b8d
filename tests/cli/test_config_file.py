"""Config files: validated with messages that name the key; every key documented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chronicle.config import (
    CONFIG_KEYS,
    Config,
    check_paths,
    default_value,
    key_docs,
    load_config,
    validate_value,
)
from chronicle.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(start=tmp_path) == Config()


def test_chronicle_toml_values_are_typed_and_paths_relative_to_the_file(tmp_path: Path) -> None:
    write(
        tmp_path / "chronicle.toml",
        'title = "Kyiv desk"\nsource = "news"\nwar_day_one = 2022-02-24\n'
        'templates = "tpl"\nactors_files = ["a.yaml", "/abs/b.yaml"]\npage_size = 20\n',
    )
    cfg = load_config(start=tmp_path)
    assert cfg.title == "Kyiv desk"
    assert cfg.source == tmp_path / "news"
    assert cfg.war_day_one == dt.date(2022, 2, 24)
    assert cfg.templates == (tmp_path / "tpl",)
    assert cfg.actors_files == (tmp_path / "a.yaml", Path("/abs/b.yaml"))
    assert cfg.page_size == 20
    assert cfg.config_path == tmp_path / "chronicle.toml"


def test_pyproject_tool_table_is_read(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.chronicle]\nlanguage = "uk"\n')
    assert load_config(start=tmp_path).language == "uk"


def test_pyproject_without_tool_table_is_ignored(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_config(start=tmp_path) == Config()


def test_chronicle_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.chronicle]\ntitle = "py"\n')
    write(tmp_path / "chronicle.toml", 'title = "toml"\n')
    assert load_config(start=tmp_path).title == "toml"


def test_unknown_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path / "chronicle.toml", 'titel = "x"\n')
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert "unknown key 'titel'" in message
    assert "did you mean 'title'?" in message
    assert str(path) in message


def test_unknown_key_in_pyproject_names_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.chronicle]\nsearh = false\n")
    with pytest.raises(ConfigError, match=r"\[tool.chronicle\]: unknown key 'searh'"):
        load_config(path)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("page_size = 'ten'", "page_size"),
        ("page_size = 0", "page_size"),
        ("workers = -1", "workers"),
        ("search = 'yes'", "search"),
        ("strict = 1", "strict"),
        ("title = 5", "title"),
        ("title = '  '", "title"),
        ("base_url = 'ftp://example.org/'", "base_url"),
        ("language = 'English please'", "language"),
        ("war_day_one = 'last spring'", "war_day_one"),
        ("war_day_one = 2022-02-25T10:00:00", "war_day_one"),
        ("source = 3", "source"),
        ("templates = [1, 2]", "templates"),
    ],
)
def test_wrong_type_names_the_key(tmp_path: Path, line: str, key: str) -> None:
    path = write(tmp_path / "chronicle.toml", line + "\n")
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert f"key '{key}'" in str(err.value)
    assert str(path) in str(err.value)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    path = write(tmp_path / "chronicle.toml", "title = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_missing_named_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")


def test_check_paths_names_the_key_of_a_missing_file_or_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="key 'templates': folder not found"):
        check_paths(Config(templates=(tmp_path / "missing",)))
    with pytest.raises(ConfigError, match="key 'actors_files': file not found"):
        check_paths(Config(actors_files=(tmp_path / "actors.yaml",)))
    with pytest.raises(ConfigError, match="key 'topics_file'"):
        check_paths(Config(topics_file=tmp_path / "topics.yaml"))
    check_paths(Config(templates=(tmp_path,)))  # an existing folder passes


def test_validate_value_for_command_line_options() -> None:
    assert validate_value("base_url", "https://x.org/r/", "--base-url") == "https://x.org/r/"
    with pytest.raises(ConfigError, match="--base-url"):
        validate_value("base_url", "javascript:alert(1)", "--base-url")


def test_every_key_has_documentation_and_a_default() -> None:
    docs = key_docs()
    assert list(docs) == list(CONFIG_KEYS)
    for key in CONFIG_KEYS:
        assert docs[key], f"config key {key!r} has no #: comment in Config"
        default_value(key)  # does not raise
    assert "config_path" not in CONFIG_KEYS


@pytest.mark.parametrize("output", [".", "seeds", "seeds/site", "..", "tpl"])
def test_output_that_would_replace_inputs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "tpl").mkdir()
    cfg = Config(source=Path("seeds"), output=Path(output), templates=(Path("tpl"),))
    with pytest.raises(ConfigError, match="key 'output'"):
        check_paths(cfg)


def test_separate_output_folder_is_accepted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    check_paths(Config(source=Path("seeds"), output=Path("site")))
    check_paths(Config(source=Path("seeds"), output=tmp_path.parent / "elsewhere"))
