"""The Jinja environment and a writer that never leaves the output folder.

User template folders (``config.templates``) come before the bundled ones, so any
template can be overridden by name. Autoescape is on for every template; input
text only ever enters as data, never as template source.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

import chronicle
from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.site.lean import VERBATIM_TEMPLATES, lean_html
from chronicle.site.urls import output_file, output_path, safe_http_url

PACKAGE_DIR = Path(chronicle.__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent


def bundled(name: str) -> Path:
    """The bundled ``templates``/``static`` folder: in the repository next to the package
    (editable installs), or inside the package if a wheel ships it there."""
    for candidate in (PROJECT_ROOT / name, PACKAGE_DIR / name):
        if candidate.is_dir():
            return candidate
    return PROJECT_ROOT / name


BUNDLED_TEMPLATES = bundled("templates")
BUNDLED_STATIC = bundled("static")

#: Our own files only: no inline script, nothing from other origins, no plugins. Inline
#: styles are allowed because the Pagefind UI sets them. No 'wasm-unsafe-eval':
#: Pagefind >= 1.5 compiles its WebAssembly in a web worker, which a page's <meta>
#: policy does not govern (tests/test_browser.py searches under this policy), and the
#: Nu HTML checker rejects the keyword.
#: connect-src and font-src are left to default-src ('self', the same); script-src is
#: said explicitly, as the policy's point.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"
)
#: The search page's policy; the same today, kept apart so it can be loosened alone.
CSP_SEARCH = CSP


def to_json_script(value: Any) -> Markup:
    """JSON safe inside <script>: <, > and & can never close the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def _memo(func: Callable[..., str]) -> Callable[..., str]:
    """Memoise a pure filter: pages repeat the same names and dates thousands of times.
    Unhashable arguments are passed through uncached."""
    cached = functools.lru_cache(maxsize=8192)(func)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> str:
        try:
            return cached(*args, **kwargs)
        except TypeError:  # unhashable arguments (or a wrong call, which raises again)
            return func(*args, **kwargs)

    return wrapper


def distinct(values: Any) -> list[str]:
    """Drop case-insensitive repeats and a value that only begins a longer one
    ("President" beside "President of Russia")."""
    items = [str(v).strip() for v in values if str(v).strip()]
    folded = [v.casefold() for v in items]
    kept: list[str] = []
    seen: set[str] = set()
    for v, f in zip(items, folded, strict=True):
        if f in seen or any(o != f and o.startswith(f + " ") for o in folded):
            continue
        seen.add(f)
        kept.append(v)
    return kept


@_memo
def long_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B %Y}"


@_memo
def short_date(value: dt.date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


@_memo
def precise_date(value: Any, short: bool = False) -> str:
    """A DateValue as precisely as it is known: a month-precision date is "January 2026",
    never "Thursday 1 January 2026"."""
    day, precision = value.value, value.precision
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%b %Y}" if short else f"{day:%B %Y}"
    if precision == "week":
        return f"week of {short_date(day) if short else long_date(day)}"
    return short_date(day) if short else long_date(day)


@_memo
def time_attr(value: Any, time: str | None = None) -> str:
    """A valid <time datetime> for a DateValue: 2026-01 for a month, 2026 for a year."""
    day, precision = value.value, value.precision
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat() + (f"T{time}" if time and precision == "day" else "")


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _fast_escape() -> Callable[[str], str] | None:
    """markupsafe's C escaper when the speed-up below can be trusted, else None.

    The speed-up relies on two internals: jinja2 3.x builds a compiled template through
    ``Template._from_namespace`` with ``escape`` among its globals, and markupsafe 2/3
    keeps its C escaper in ``_speedups``. Any other version (or a pure-Python markupsafe)
    renders with jinja2's own escaping, which gives the same text, only slower."""
    from importlib.metadata import version

    try:
        jinja_major = int(version("jinja2").split(".")[0])
        markup_major = int(version("markupsafe").split(".")[0])
        from markupsafe._speedups import _escape_inner
    except (ImportError, ValueError):
        return None
    if jinja_major != 3 or markup_major not in (2, 3):
        return None
    if not callable(getattr(jinja2.Template, "_from_namespace", None)):
        return None
    return _escape_inner


_ESCAPE_INNER = _fast_escape()
_escape_inner: Callable[[str], str] = _ESCAPE_INNER or (lambda s: str(escape(s)))


def output_escape(s: Any, /) -> str:
    """markupsafe.escape for template output, returning the same text as a plain str.

    Compiled templates call ``escape`` on every ``{{ … }}`` and only ever join the
    results, so the Markup object escape() builds for each (a Python-level __new__,
    about a sixth of the rendering time) is never needed."""
    if type(s) is str:
        return _escape_inner(s)
    if hasattr(s, "__html__"):
        return s.__html__()
    return _escape_inner(str(s))


class Template(jinja2.Template):
    """Templates whose output expressions use :func:`output_escape`."""

    @classmethod
    def _from_namespace(
        cls, environment: jinja2.Environment, namespace: Any, globals: Any
    ) -> jinja2.Template:
        if namespace.get("escape") is escape:
            namespace["escape"] = output_escape
        return super()._from_namespace(environment, namespace, globals)


def make_env(config: Config) -> jinja2.Environment:
    folders = [str(Path(p)) for p in config.templates] + [str(BUNDLED_TEMPLATES)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build; skip the stat calls
        cache_size=-1,
    )
    if _ESCAPE_INNER is not None:
        env.template_class = Template
    env.tests["match_wikidata"] = lambda v: bool(re.fullmatch(r"Q[0-9]+", str(v)))
    base = config.base_path
    env.globals.update(
        base=base,
        url=lambda rel="": base + rel.lstrip("/"),
        # Constants without a double quote: safe in the attribute as they are (escaping
        # their single quotes would add 80 bytes to every page).
        csp=Markup(CSP),
        csp_search=Markup(CSP_SEARCH),
    )
    env.filters.update(
        jsonld=to_json_script,
        distinct=distinct,
        safe_url=safe_http_url,
        long_date=long_date,
        precise_date=precise_date,
        time_attr=time_attr,
        short_date=short_date,
        plural=plural,
    )
    return env


#: Control characters as UTF-8 bytes (one byte each; never inside a multi-byte sequence),
#: and U+FFFE/U+FFFF, whose three-byte forms can only be those characters.
_CONTROL_BYTES = bytes(b for b in range(256) if _CONTROL.match(chr(b)))
_NONCHARS = ("\ufffe".encode(), "\uffff".encode())
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def clean_bytes(content: str) -> bytes:
    """``content`` as UTF-8 without control characters (input may hold them; they are
    invalid in XML and confusing in HTML; our templates have none). Lone surrogates
    become "?". Done on the bytes: far cheaper than a regular expression over the text."""
    data = content.encode("utf-8", "replace").translate(None, _CONTROL_BYTES)
    for nonchar in _NONCHARS:
        if nonchar in data:
            data = data.replace(nonchar, b"")
    return data


class Writer:
    """Writes files under ``out`` only; remembers HTML pages for the sitemap."""

    def __init__(self, out: Path, env: jinja2.Environment) -> None:
        self.out = out
        self.env = env
        self.pages: list[str] = []
        self._root = str(out)
        self._dirs: set[str] = set()

    def path(self, url: str) -> Path:
        return output_file(self.out, url)

    def target(self, url: str) -> str:
        """The file for ``url``, its folder created."""
        path = output_path(self._root, url)
        folder = os.path.dirname(path)
        if folder not in self._dirs:
            try:
                os.mkdir(folder)
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            self._dirs.add(folder)
        return path

    def text(self, url: str, content: str) -> None:
        """Writes ``content`` at ``url``; a ``.gz`` URL gets it gzip-compressed (no name or
        time in the header, so builds stay byte-identical)."""
        data = clean_bytes(content)
        if url.endswith(".gz"):
            data = gzip.compress(data, compresslevel=6, mtime=0)
        self.write_bytes(self.target(url), data)

    @staticmethod
    def write_bytes(path: str | Path, data: bytes) -> None:
        """A new file each time (O_EXCL): an existing one may be a hard link into the
        previous site, which must never be written through."""
        try:
            fd = os.open(path, _WRITE_FLAGS, 0o666)
        except FileExistsError:
            os.unlink(path)
            fd = os.open(path, _WRITE_FLAGS, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(
                f"template error in {exc.filename or exc.name}:{exc.lineno}: {exc.message}"
            ) from None
        except jinja2.TemplateError as exc:
            raise BuildError(f"template error while rendering {template}: {exc}") from None

    def page(self, template: str, url: str, sitemap: bool = True, **context: Any) -> None:
        html = self.render(template, page_url=url, **context)
        if template not in VERBATIM_TEMPLATES:
            html = lean_html(html)
        self.text(url, html)
        if sitemap:
            self.pages.append(url)
