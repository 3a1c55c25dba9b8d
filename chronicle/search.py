"""Pagefind search index over the event pages: one bundle per year, reused when unchanged.

Only event pages are indexed (they carry ``data-pagefind-body``); their markup declares
the filters (topic, actor, place, year, month) and the date sort. We run the ``pagefind``
binary of the ``pagefind-bin`` wheel (``python -m pagefind``) in subprocesses: it needs no
network or Node, a failure becomes a C402 diagnostic, never a crashed build, and each
process frees its memory when it exits. (The ``pagefind`` Python API drives the same
binary as a service over a pipe; measured on the 200k-word corpus it used the same CPU.)

Pagefind cannot index incrementally and its memory grows with the site, so every year of
events (``events/YYYY/``) gets its own bundle, ``pagefind/YYYY/``, indexed by its own
process, two at a time. A bundle is a function of what Pagefind reads from that year's
pages (the ``data-pagefind-body`` regions, the tags carrying ``data-pagefind-*``
attributes, the head's title and meta tags), the options and the Pagefind version: when
that key is the one recorded for the same output folder and the previous bundle is as the
last build left it, the bundle is hard-linked from the previous site instead of rebuilt.
Any mismatch or error falls back to a normal run. So adding a document re-indexes only the
years it touches, and a layout change re-indexes nothing.

``pagefind/pagefind.js`` (from ``data/pagefind-merge.js``) lists the years and searches
them as one for Pagefind UI, keeping the date sort in order across years;
``pagefind-ui.js``/``.css`` sit next to it, so the search page loads ``pagefind/`` as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

from chronicle.config import Config
from chronicle.model import Diagnostic

TIMEOUT = 600
JOBS = 2  # Pagefind processes at a time (the site is built on two cores)
BUNDLES = "pagefind"
STATE_FILE = "pagefind-state.json"
MERGE_JS = Path(__file__).parent / "data" / "pagefind-merge.js"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
_YEAR = re.compile(r"[0-9]{4}")


def pagefind_command(out: Path, config: Config, year: str) -> list[str]:
    language = (config.language or "en").split("-")[0].lower()
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(out),
        "--glob",
        f"events/{year}/**/*.html",
        "--output-subdir",
        f"{BUNDLES}/{year}",
        "--force-language",
        language if language.isalpha() else "en",
        "--silent",
    ]


def event_years(out: Path) -> list[str]:
    """The years with event pages (``events/YYYY/``), oldest first."""
    try:
        names = [e.name for e in os.scandir(out / "events") if e.is_dir()]
    except OSError:
        return []
    return sorted(n for n in names if _YEAR.fullmatch(n) and _pages(out / "events" / n))


def _pages(folder: Path) -> list[str]:
    """The ``.html`` files under ``folder``, as sorted relative POSIX paths."""
    found: list[str] = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                elif e.name.endswith(".html"):
                    found.append(prefix + e.name)

    try:
        walk(str(folder), "")
    except OSError:
        pass
    return sorted(found)


# -- what Pagefind reads ------------------------------------------------------------------
_TAG_NAME = re.compile(rb"[a-z][\w-]*")
_HEAD_TAGS = ((b"<html", b">"), (b"<title", b"</title>"), (b"<meta", b">"))


def searchable(html: bytes) -> bytes:
    """What Pagefind reads from a page: its body regions (the whole page if it marks
    none), every tag with a ``data-pagefind-*`` attribute, the head's title and metas.

    Tags and attributes are found in a lowercased copy (HTML names are ASCII and
    case-insensitive) and cut from the page as written."""
    low = html.lower()
    parts = []
    for opening, closing in _HEAD_TAGS:  # <html ...>, <title ...>...</title>, <meta ...>
        at = low.find(opening)
        while at >= 0:
            after = low[at + len(opening) : at + len(opening) + 1]
            if after.isalnum() or after == b"_":  # a longer tag name
                at = low.find(opening, at + 1)
                continue
            end = low.find(closing, at + len(opening))
            end = len(low) if end < 0 else end + len(closing)
            parts.append(html[at:end])
            at = low.find(opening, end)
    at = low.find(b"data-pagefind-")
    while at >= 0:  # the tag around each attribute (bytes.find: a regex is 5x slower here)
        start, end = low.rfind(b"<", 0, at), low.find(b">", at)
        parts.append(html[start : end + 1] if end >= 0 else html[start:])
        at = low.find(b"data-pagefind-", end if end > at else at + 1)
    starts = []
    at = low.find(b"data-pagefind-body")
    while at >= 0:
        start, end = low.rfind(b"<", 0, at), low.find(b">", at)
        name = _TAG_NAME.match(low, start + 1) if start >= 0 and end >= 0 else None
        if name:
            starts.append((start, name.group(0), end + 1))
        at = low.find(b"data-pagefind-body", at + 1)
    if not starts:
        return b"\x00".join([*parts, html])
    for start, tag, end in starts:
        parts.append(html[start : _element_end(low, tag, end)])
    return b"\x00".join(parts)


def _element_end(low: bytes, tag: bytes, pos: int) -> int:
    """End of the element whose start tag ends at ``pos`` (nesting of ``tag`` counted)."""
    opening, closing = b"<" + tag, b"</" + tag
    depth = 1
    while True:
        close = low.find(closing, pos)
        if close < 0:
            return len(low)
        nested = low.find(opening, pos, close)
        while nested >= 0:  # a start tag of the same name (not a longer name) nests
            after = low[nested + len(opening) : nested + len(opening) + 1]
            if not (after.isalnum() or after in b"-_"):
                depth += 1
            nested = low.find(opening, nested + 1, close)
        depth -= 1
        end = low.find(b">", close)
        pos = len(low) if end < 0 else end + 1
        if depth == 0:
            return pos


PageMemo = dict[str, list[object]]  # page -> [st_dev, st_ino, size, mtime_ns, digest]


def year_key(
    out: Path,
    config: Config,
    year: str,
    memo: PageMemo | None = None,
    seen: PageMemo | None = None,
) -> str:
    """Hash of everything the bundle of ``year`` depends on (see the module docstring).

    A page is read only when it is not the very file the last build indexed: the page
    reuse of the site hard-links unchanged pages from the previous output, and a file
    with the inode, size and mtime recorded in ``memo`` by that build still holds the
    bytes digested then. ``seen`` receives this build's records."""
    h = hashlib.sha256()
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    h.update(json.dumps([version, pagefind_command(Path("."), config, year)[3:]]).encode())
    folder = out / "events" / year
    memo = memo if isinstance(memo, dict) else {}
    for rel in _pages(folder):
        path = folder / rel
        st = os.stat(path)
        sig: list[object] = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
        old = memo.get(rel)
        if isinstance(old, list) and len(old) == 5 and old[:4] == sig:
            digest = str(old[4])
        else:
            with open(path, "rb") as f:
                digest = hashlib.sha256(searchable(f.read())).hexdigest()[:32]
        if seen is not None:
            seen[rel] = [*sig, digest]
        h.update(f"{rel}\x00{digest}\x01".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


# -- reuse ---------------------------------------------------------------------------------
def _files(folder: Path) -> list[tuple[str, int]]:
    """Every file under ``folder`` with its size, sorted (raises OSError if unreadable)."""
    found = []

    def walk(path: str, prefix: str) -> None:
        with os.scandir(path) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    walk(e.path, prefix + e.name + "/")
                else:
                    found.append((prefix + e.name, e.stat(follow_symlinks=False).st_size))

    if not folder.is_dir():
        raise FileNotFoundError(folder)
    walk(str(folder), "")
    return sorted(found)


def _digest(files: list[tuple[str, int]]) -> str:
    return hashlib.sha256(json.dumps(files).encode("utf-8", "surrogateescape")).hexdigest()


def _state_path(config: Config) -> Path:
    return Path(config.cache_dir) / STATE_FILE


def _load_state(config: Config) -> dict[str, dict[str, object]]:
    """This output folder's entry of the state file (``years``: key and manifest of each
    bundle; ``pages``: the page records of each year); empty when missing or damaged."""
    try:
        state = json.loads(_state_path(config).read_text("utf-8"))
        entry = state.get(str(Path(config.output).resolve()), {})
        if not isinstance(entry, dict):
            return {}
        return {k: v for k, v in entry.items() if k in ("years", "pages") and isinstance(v, dict)}
    except Exception:  # noqa: BLE001 - unreadable state: index everything
        return {}


def _link_tree(src: Path, dst: Path, files: list[tuple[str, int]]) -> None:
    for rel, _size in files:
        target = dst / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(src / rel, target)
        except OSError:  # another file system, or no hard links: copy
            shutil.copy2(src / rel, target)


def _reuse(out: Path, config: Config, year: str, key: str, recorded: object) -> str:
    """Link the previous bundle of ``year`` into ``out`` when it was built from the same
    inputs and is as that build left it; returns its manifest digest, or "" if not reused."""
    if not key or not isinstance(recorded, dict) or recorded.get("key") != key:
        return ""
    previous = Path(config.output) / BUNDLES / year
    target = out / BUNDLES / year
    try:
        files = _files(previous)
        digest = _digest(files)
        if digest != recorded.get("manifest"):
            return ""
        _link_tree(previous, target, files)
        return digest
    except Exception:  # noqa: BLE001 - no usable previous bundle: build a new one
        shutil.rmtree(target, ignore_errors=True)
        return ""


def _remember(config: Config, years: dict[str, dict[str, str]], pages: dict[str, PageMemo]) -> None:
    try:
        path = _state_path(config)
        try:
            state = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            state = {}  # missing or unreadable: start afresh
        if not isinstance(state, dict):
            state = {}
        state[str(Path(config.output).resolve())] = {"years": years, "pages": pages}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(state, sort_keys=True), "utf-8")
        tmp.replace(path)
    except Exception:  # noqa: BLE001 - the state only saves time
        pass


# -- indexing ------------------------------------------------------------------------------
class _Run:
    """One Pagefind process indexing one year."""

    def __init__(self, out: Path, config: Config, year: str, key: str) -> None:
        self.year, self.key = year, key
        self.bundle = out / BUNDLES / year
        self.started = time.monotonic()
        self.error = ""
        self.proc: subprocess.Popen[str] | None = None
        try:
            self.proc = subprocess.Popen(
                pagefind_command(out, config, year),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            self.error = f"could not run Pagefind: {exc}"

    def finish(self) -> str:
        """Wait for the process; returns "" or what went wrong."""
        if self.proc is None:
            return self.error
        left = max(1.0, TIMEOUT - (time.monotonic() - self.started))
        try:
            stdout, stderr = self.proc.communicate(timeout=left)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            return f"Pagefind took more than {TIMEOUT} s"
        if self.proc.returncode != 0:
            detail = (stderr or stdout or "").strip().splitlines()
            return " / ".join(detail[-3:]) if detail else f"exit code {self.proc.returncode}"
        if not (self.bundle / "pagefind.js").is_file() or not (self.bundle / UI_FILES[0]).is_file():
            return "Pagefind ran but wrote no pagefind.js"
        return ""


def index_site(out: Path, config: Config) -> list[Diagnostic]:
    """Write ``out/pagefind/`` (a bundle per year and the merged entry); C402 diagnostics
    name the years Pagefind failed on, which are left out of search."""
    years = event_years(out)
    if not years:
        return [Diagnostic("C402", "no event pages to index; search is empty", severity="info")]
    state = _load_state(config)
    recorded, memos = state.get("years", {}), state.get("pages", {})
    done: dict[str, dict[str, str]] = {}  # year -> key and manifest, for the state file
    pages: dict[str, PageMemo] = {}  # year -> page records, for the state file
    ok: list[str] = []
    problems: list[tuple[str, str]] = []
    running: list[_Run] = []

    def collect(run: _Run) -> None:
        problem = run.finish()
        if problem:
            shutil.rmtree(run.bundle, ignore_errors=True)
            problems.append((run.year, problem))
            return
        ok.append(run.year)
        if run.key:
            try:
                done[run.year] = {"key": run.key, "manifest": _digest(_files(run.bundle))}
            except OSError:
                pass

    for year in reversed(years):  # newest first: the year a new document most likely touches
        seen: PageMemo = {}
        try:
            key = year_key(out, config, year, memos.get(year), seen)  # type: ignore[arg-type]
            pages[year] = seen
        except OSError:
            key = ""
        digest = _reuse(out, config, year, key, recorded.get(year))
        if digest:
            ok.append(year)
            done[year] = {"key": key, "manifest": digest}
            continue
        shutil.rmtree(out / BUNDLES / year, ignore_errors=True)
        while len(running) >= JOBS:
            collect(running.pop(0))
        running.append(_Run(out, config, year, key))
    for run in running:
        collect(run)

    ok.sort(reverse=True)
    if not ok:
        shutil.rmtree(out / BUNDLES, ignore_errors=True)
        return [_failed("", " / ".join(sorted({p for _, p in problems})))]
    try:
        _write_merged(out, ok)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        shutil.rmtree(out / BUNDLES, ignore_errors=True)
        return [_failed("", f"could not write the merged search bundle: {exc}")]
    _remember(config, done, pages)
    return [_failed(year, problem) for year, problem in sorted(problems)]


def _write_merged(out: Path, years: list[str]) -> None:
    """``pagefind/pagefind.js`` searching ``years`` (newest first) as one, the UI files of
    the newest bundle next to it, and an entry file with the pages of all years."""
    root = out / BUNDLES
    script = MERGE_JS.read_text("utf-8").replace(
        "const YEARS = [];", f"const YEARS = {json.dumps(years)};", 1
    )
    (root / "pagefind.js").write_text(script, "utf-8")
    for name in UI_FILES:
        _link_tree(root / years[0], root, [(name, 0)])
    entries = [json.loads((root / y / "pagefind-entry.json").read_text("utf-8")) for y in years]
    languages: dict[str, dict[str, int]] = {}
    for entry in entries:
        for lang, info in entry.get("languages", {}).items():
            languages.setdefault(lang, {"page_count": 0})["page_count"] += info["page_count"]
    merged = {"version": entries[0].get("version"), "languages": languages, "bundles": years}
    (root / "pagefind-entry.json").write_text(json.dumps(merged, sort_keys=True), "utf-8")


def _failed(year: str, detail: str) -> Diagnostic:
    if year:
        return Diagnostic(
            "C402",
            f"Pagefind failed on the events of {year}; search leaves them out ({detail})",
        )
    return Diagnostic("C402", f"Pagefind failed; the site has no search index ({detail})")
