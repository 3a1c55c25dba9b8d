"""One typed, immutable Config for the whole build.

Read from ``chronicle.toml`` or ``[tool.chronicle]`` in ``pyproject.toml``;
command-line options override file values. Unknown keys and wrong types are
errors that name the key, so a typo never silently does nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import inspect
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from chronicle.errors import ConfigError

#: A Dask scheduler address: local:N, or tcp:// (tls://) host and optional port.
_ADDRESS_RE = re.compile(r"local:[1-9][0-9]{0,3}|(tcp|tls)://[^\s/:]+(:[0-9]{1,5})?")

CONFIG_FILENAMES = ("chronicle.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    #: Site title shown in the header and feeds.
    title: str = "Chronicle of the war"
    #: Public URL the site is served from, e.g. https://user.github.io/repo/
    #: (links stay under its path).
    base_url: str = "/"
    #: Language of the pages (the html lang attribute).
    language: str = "en"
    #: Folder of input documents.
    source: Path = Path("seeds")
    #: Folder the site is written to (replaced as a whole at the end of a build).
    output: Path = Path("site")
    #: Cache of NLP results keyed by content hash, model and code version.
    cache_dir: Path = Path(".cache/chronicle")
    #: The date counted as "day 1" of the war by the war-day counter ("day 1,441").
    war_day_one: dt.date = dt.date(2022, 2, 25)
    #: Extra actor tables (JSON/YAML), merged over the bundled one.
    actors_files: tuple[Path, ...] = ()
    #: Extra place gazetteers (JSON/YAML), merged over the bundled one.
    places_files: tuple[Path, ...] = ()
    #: A topic taxonomy replacing the bundled one.
    topics_file: Path | None = None
    #: Template folders searched before the bundled templates.
    templates: tuple[Path, ...] = ()
    #: Static folders copied over the bundled static files.
    static: tuple[Path, ...] = ()
    #: Events per page on actor, topic and place timelines.
    page_size: int = 50
    #: Run Pagefind after writing pages.
    search: bool = True
    #: Worker processes for NLP (0 = one per core).
    workers: int = 0
    #: Dask scheduler running the NLP stage: "tcp://HOST:PORT", "local:N" (N local workers),
    #: or "" (local processes).
    scheduler: str = ""
    #: Turn warnings into a failing exit code.
    strict: bool = False
    #: Put the build time in pages and feeds (off by default so builds are byte-identical).
    timestamp: bool = False
    #: Where the config was read from, if anywhere (not a key).
    config_path: Path | None = field(default=None, compare=False)

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def base_path(self) -> str:
        """Path part of base_url, always starting and ending with '/'."""
        from urllib.parse import urlparse

        path = urlparse(self.base_url).path if "://" in self.base_url else self.base_url
        path = "/" + path.strip("/") + "/"
        return "/" if path == "//" else path


_PATH_KEYS = {"source", "output", "cache_dir", "topics_file"}
_PATHS_KEYS = {"actors_files", "places_files", "templates", "static"}
_INT_MINIMUM = {"page_size": 1}
_LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
CONFIG_KEYS = tuple(f.name for f in dataclasses.fields(Config) if f.name != "config_path")


def key_docs() -> dict[str, str]:
    """Each config key's ``#:`` comment in :class:`Config`, the one source of its documentation.

    ``chronicle init`` writes these into chronicle.toml and a test checks the README against them.
    """
    docs: dict[str, str] = {}
    pending: list[str] = []
    for line in inspect.getsource(Config).splitlines():
        stripped = line.strip()
        if stripped.startswith("#:"):
            pending.append(stripped[2:].strip())
            continue
        m = re.match(r"(\w+)\s*:", stripped)
        if m and m.group(1) in CONFIG_KEYS:
            docs[m.group(1)] = " ".join(pending)
        pending = []
    return {k: docs.get(k, "") for k in CONFIG_KEYS}


def default_value(key: str) -> Any:
    """The default of a config key as it would be written in TOML."""
    value = getattr(Config(), key)
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, tuple):
        return [v.as_posix() if isinstance(v, Path) else v for v in value]
    return value


def _coerce(key: str, value: Any, base: Path, where: str) -> Any:
    ftype = {f.name: f.type for f in dataclasses.fields(Config)}[key]
    try:
        if key in _PATH_KEYS:
            if not isinstance(value, str):
                raise TypeError("a path string")
            return (base / value) if not Path(value).is_absolute() else Path(value)
        if key in _PATHS_KEYS:
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise TypeError("a path or a list of paths")
            return tuple((base / v) if not Path(v).is_absolute() else Path(v) for v in value)
        if key == "war_day_one":
            if isinstance(value, dt.datetime):
                raise TypeError("a date without a time, such as 2022-02-25")
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                try:
                    return dt.date.fromisoformat(value.strip())
                except ValueError:
                    raise ValueError("a date such as 2022-02-25") from None
            raise TypeError("a date such as 2022-02-25")
        if ftype in ("bool",):
            if not isinstance(value, bool):
                raise TypeError("true or false")
            return value
        if ftype in ("int",):
            minimum = _INT_MINIMUM.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
                raise TypeError(f"a whole number ≥ {minimum}")
            return value
        if not isinstance(value, str):
            raise TypeError("a string")
        if key == "base_url" and not (value.startswith(("http://", "https://", "/"))):
            raise TypeError("an http(s) URL or a path starting with /")
        if key == "language" and not _LANGUAGE_RE.fullmatch(value):
            raise ValueError("a language tag such as en or en-GB")
        if key == "title" and not value.strip():
            raise ValueError("a non-empty string")
        if key == "scheduler":
            try:
                return check_address(value, where)
            except ConfigError:
                raise ValueError('tcp://HOST:PORT, local:N or ""') from None
        return value
    except (TypeError, ValueError) as exc:
        expected = exc.args[0] if exc.args else "another type"
        raise ConfigError(f"{where}: key '{key}' must be {expected}, got {value!r}") from None


def validate_value(key: str, value: Any, where: str) -> Any:
    """Check one value given outside a file (a command-line option) like a config value."""
    return _coerce(key, value, Path.cwd(), where)


def config_from_mapping(data: dict[str, Any], base: Path, where: str) -> Config:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in CONFIG_KEYS:
            close = difflib.get_close_matches(key, CONFIG_KEYS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise ConfigError(
                f"{where}: unknown key '{key}' ({hint}known keys: {', '.join(CONFIG_KEYS)})"
            )
        values[key] = _coerce(key, value, base, where)
    return Config(**values)


def find_config(start: Path) -> Path | None:
    for name in CONFIG_FILENAMES:
        candidate = start / name
        if candidate.is_file():
            if name == "pyproject.toml":
                try:
                    data = tomllib.loads(candidate.read_text("utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                    continue
                if "chronicle" not in data.get("tool", {}):
                    continue
            return candidate
    return None


def load_config(path: Path | None = None, start: Path | None = None) -> Config:
    """Load the config file named, or the one found in ``start`` (default cwd)."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("chronicle", {})
        where = f"{path} [tool.chronicle]"
        if not isinstance(data, dict):
            raise ConfigError(f"{where}: must be a table of keys")
    else:
        where = str(path)
    cfg = config_from_mapping(data, path.parent, where)
    return dataclasses.replace(cfg, config_path=path)


def check_paths(config: Config) -> None:
    """Fail early, naming the key, when a file or folder the config points to is missing.

    Run after command-line overrides are applied, so a wrong ``--templates`` is caught too.
    """
    where = str(config.config_path) if config.config_path else "configuration"
    files = [("topics_file", config.topics_file)] if config.topics_file else []
    files += [("actors_files", p) for p in config.actors_files]
    files += [("places_files", p) for p in config.places_files]
    for key, p in files:
        if not Path(p).is_file():
            raise ConfigError(f"{where}: key '{key}': file not found: {p}")
    dirs = [("templates", p) for p in config.templates] + [("static", p) for p in config.static]
    for key, p in dirs:
        if not Path(p).is_dir():
            raise ConfigError(f"{where}: key '{key}': folder not found: {p}")
    check_output(config, where)


def _contains(outer: Path, inner: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_output(config: Config, where: str = "configuration") -> None:
    """Refuse an output folder whose replacement would delete inputs or the project.

    A build replaces the output folder as a whole, so ``output = "."`` or ``--out seeds``
    must never get that far.
    """
    out = Path(config.output).resolve()
    protected = [("the current folder", Path.cwd()), ("source", Path(config.source))]
    protected += [("templates", p) for p in config.templates]
    protected += [("static", p) for p in config.static]
    protected += [("cache_dir", Path(config.cache_dir))]
    if config.config_path:
        protected.append(("the config file", Path(config.config_path)))
    for what, p in protected:
        if _contains(out, Path(p).resolve()):
            raise ConfigError(
                f"{where}: key 'output': {config.output} holds {what} ({p}), and a build "
                "replaces the output folder as a whole; choose a separate folder"
            )
    if _contains(Path(config.source).resolve(), out):
        raise ConfigError(
            f"{where}: key 'output': {config.output} is inside the source folder "
            f"{config.source}; the site would be read back as input"
        )


def check_address(value: str, where: str = "scheduler") -> str:
    """The scheduler setting, validated: "" (local processes), ``local:N`` or a URL."""
    value = value.strip()
    if value and not _ADDRESS_RE.fullmatch(value):
        raise ConfigError(
            f"{where}: {value!r} is not a Dask scheduler address; use tcp://HOST:PORT "
            '(e.g. tcp://10.0.0.5:8786), local:N for N local workers, or "" for none'
        )
    if value.startswith(("tcp://", "tls://")) and urlsplit(value).port is None:
        value += ":8786"  # the port `dask scheduler` listens on by default
    return value
