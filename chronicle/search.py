"""Pagefind search index over the event pages: a bundle per year, reused when unchanged.

Only event pages are indexed (they carry ``data-pagefind-body``); their markup declares
the filters (topic, actor, place, year, month, day, contested) and the date sort. The name
filters take their link's text (``data-pagefind-filter="actor"``), inside the body region,
so what :func:`searchable` digests covers their values too. We run the ``pagefind``
binary of the ``pagefind-bin`` wheel (``python -m pagefind``) in subprocesses: it needs no
network or Node, a failure becomes a C402 diagnostic, never a crashed build, and each
process frees its memory when it exits. (The ``pagefind`` Python API drives the same
binary as a service over a pipe; on the 200k-word corpus it used the same CPU.)

Pagefind cannot index incrementally and its memory grows with the site, so the events are
split into bundles (:func:`plan`): one per year (``pagefind/2025/``), and the newest year
by quarter (``pagefind/2026-q1/``), each indexed by its own process, two at a time. A
bundle is a function of what Pagefind reads from its pages (the ``data-pagefind-body``
regions, the tags carrying ``data-pagefind-*`` attributes, the head's title and meta
tags), the options and the Pagefind version: when that key is the one recorded for the
same output folder and the previous bundle is as the last build left it, the bundle is
hard-linked from the previous site instead of rebuilt. Any mismatch or error falls back
to a normal run. So adding a document re-indexes only the bundles it touches (usually the
current quarter), and a layout change re-indexes nothing.

``pagefind/pagefind.js`` (from ``data/pagefind-merge.js``) lists the bundles and searches
them as one for Pagefind UI, keeping the date sort in order across them; the UI files
sit next to it, so the search page loads ``pagefind/`` as one bundle.
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
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from chronicle import store
from chronicle.config import Config
from chronicle.model import Diagnostic

TIMEOUT = 600
JOBS = 2  # Pagefind processes at a time (the site is built on two cores)
BUNDLES = "pagefind"
STATE_NAME = "pagefind-state"  # a store Record in the cache folder (pagefind-state.json)
MERGE_JS = Path(__file__).parent / "data" / "pagefind-merge.js"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
#: Runtime files Pagefind writes into every bundle that the site never loads (its own
#: search page drives pagefind.js; the default UI's files are copied once to the root):
#: about 280 KB a bundle, removed so a many-year site does not carry a copy per quarter.
UNUSED_FILES = (
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
_YEAR = re.compile(r"[0-9]{4}")
#: Month folders of each quarter, and the glob naming them for Pagefind.
QUARTERS = {
    1: (("01", "02", "03"), "0[1-3]"),
    2: (("04", "05", "06"), "0[4-6]"),
    3: (("07", "08", "09"), "0[7-9]"),
    4: (("10", "11", "12"), "1[0-2]"),
}


@dataclass(frozen=True)
class Bundle:
    """The events of one year (``2025``), or of one quarter of the newest year
    (``2026-q1``): names sort like the dates they cover."""

    name: str
    year: str
    quarter: int = 0  # 0: the whole year
    pages: tuple[str, ...] = field(default=(), compare=False)  # relative to events/YEAR/

    @property
    def glob(self) -> str:
        months = f"{QUARTERS[self.quarter][1]}/" if self.quarter else ""
        return f"events/{self.year}/{months}**/*.html"


def pagefind_command(out: Path, config: Config, bundle: Bundle) -> list[str]:
    language = (config.language or "en").split("-")[0].lower()
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(out),
        "--glob",
        bundle.glob,
        "--output-subdir",
        f"{BUNDLES}/{bundle.name}",
        "--force-language",
        language if language.isalpha() else "en",
        "--silent",
    ]


def event_years(out: Path) -> dict[str, list[str]]:
    """The pages of each year with event pages (``events/YYYY/``), oldest first."""
    try:
        names = sorted(e.name for e in os.scandir(out / "events") if e.is_dir())
    except OSError:
        return {}
    years = {n: _pages(out / "events" / n) for n in names if _YEAR.fullmatch(n)}
    return {year: pages for year, pages in years.items() if pages}


def plan(out: Path) -> list[Bundle]:
    """The bundles of the site, oldest first: a bundle per year, and the newest year by
    quarter, so the daily additions re-index at most a quarter's pages (when a new year
    starts, the last one is indexed once more as a whole)."""
    years = event_years(out)
    if not years:
        return []
    *closed, newest = years
    bundles = [Bundle(y, y, 0, tuple(years[y])) for y in closed]
    month = {m: q for q, (months, _) in QUARTERS.items() for m in months}
    by_quarter: dict[int, list[str]] = {}
    for rel in years[newest]:
        head, _, rest = rel.partition("/")
        if head not in month or not rest:  # not in a month folder: one bundle for the year
            bundles.append(Bundle(newest, newest, 0, tuple(years[newest])))
            return bundles
        by_quarter.setdefault(month[head], []).append(rel)
    for q, pages in sorted(by_quarter.items()):
        bundles.append(Bundle(f"{newest}-q{q}", newest, q, tuple(pages)))
    return bundles


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


def bundle_key(
    out: Path,
    config: Config,
    bundle: Bundle,
    memo: PageMemo | None = None,
    seen: PageMemo | None = None,
) -> str:
    """Hash of everything ``bundle`` depends on (see the module docstring).

    A page is read only when it is not the very file the last build indexed: the page
    reuse of the site hard-links unchanged pages from the previous output, and a file
    with the inode, size and mtime recorded in ``memo`` (pages of the year) by that
    build still holds the bytes digested then. ``seen`` receives this build's records."""
    h = hashlib.sha256()
    try:
        version = metadata.version("pagefind_bin")
    except metadata.PackageNotFoundError:
        version = "?"
    h.update(json.dumps([version, pagefind_command(Path("."), config, bundle)[3:]]).encode())
    folder = os.path.join(out, "events", bundle.year, "")
    memo = memo if isinstance(memo, dict) else {}
    for rel in bundle.pages:
        path = folder + rel
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


def _state(config: Config) -> store.Record:
    return store.Record(Path(config.cache_dir), STATE_NAME)


def _load_state(config: Config) -> dict[str, dict[str, object]]:
    """This output folder's entry of the state record (``bundles``: key and manifest of
    each bundle; ``pages``: the page records of each year); empty when missing or damaged."""
    entry = _state(config).load().get(str(Path(config.output).resolve()), {})
    if not isinstance(entry, dict):
        return {}
    return {k: v for k, v in entry.items() if k in ("bundles", "pages") and isinstance(v, dict)}


def _link_tree(src: Path, dst: Path, files: list[tuple[str, int]]) -> None:
    source, target = os.path.join(src, ""), os.path.join(dst, "")
    made: set[str] = set()
    for rel, _size in files:
        folder = os.path.dirname(rel)
        if folder not in made:
            os.makedirs(target + folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source + rel, target + rel)
        except OSError:  # another file system, or no hard links: copy
            shutil.copy2(source + rel, target + rel)


def _reuse(out: Path, config: Config, name: str, key: str, recorded: object) -> str:
    """Link the previous bundle ``name`` into ``out`` when it was built from the same
    inputs and is as that build left it; returns its manifest digest, or "" if not reused."""
    if not key or not isinstance(recorded, dict) or recorded.get("key") != key:
        return ""
    previous = Path(config.output) / BUNDLES / name
    target = out / BUNDLES / name
    try:
        files = _files(previous)
        digest = _digest(files)
        if digest != recorded.get("manifest"):
            return ""
        if target.resolve() != previous.resolve():  # not indexing the live site in place
            _link_tree(previous, target, files)
        return digest
    except Exception:  # noqa: BLE001 - no usable previous bundle: build a new one
        shutil.rmtree(target, ignore_errors=True)
        return ""


def _remember(
    config: Config, bundles: dict[str, dict[str, str]], pages: dict[str, PageMemo]
) -> None:
    entry = {"bundles": bundles, "pages": pages}
    _state(config).update(str(Path(config.output).resolve()), entry)


# -- indexing ------------------------------------------------------------------------------
class _Run:
    """One Pagefind process indexing one bundle."""

    def __init__(self, out: Path, config: Config, bundle: Bundle, key: str) -> None:
        self.name, self.key = bundle.name, key
        self.folder = out / BUNDLES / bundle.name
        self.started = time.monotonic()
        self.error = ""
        self.proc: subprocess.Popen[str] | None = None
        try:
            self.proc = subprocess.Popen(
                pagefind_command(out, config, bundle),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                stdin=subprocess.DEVNULL,
                text=True,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            self.error = f"could not run Pagefind: {exc}"

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()

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
        if not (self.folder / "pagefind.js").is_file() or not (self.folder / UI_FILES[0]).is_file():
            return "Pagefind ran but wrote no pagefind.js"
        for name in UNUSED_FILES:
            (self.folder / name).unlink(missing_ok=True)
        return ""


def index_site(out: Path, config: Config) -> list[Diagnostic]:
    """Write ``out/pagefind/`` (a bundle per year or quarter, and the merged entry);
    C402 diagnostics name the bundles Pagefind failed on, which are left out of search."""
    bundles = plan(out)
    if not bundles:
        return [Diagnostic("C402", "no event pages to index; search is empty", severity="info")]
    _clear_others(out / BUNDLES, {b.name for b in bundles})
    state = _load_state(config)
    recorded, memos = state.get("bundles", {}), state.get("pages", {})
    done: dict[str, dict[str, str]] = {}  # bundle -> key and manifest, for the state file
    pages: dict[str, PageMemo] = {}  # year -> page records, for the state file
    ok: list[str] = []
    problems: list[tuple[str, str]] = []
    running: list[_Run] = []

    def collect(run: _Run) -> None:
        problem = run.finish()
        if problem:
            shutil.rmtree(run.folder, ignore_errors=True)
            problems.append((run.name, problem))
            return
        ok.append(run.name)
        if run.key:
            try:
                done[run.name] = {"key": run.key, "manifest": _digest(_files(run.folder))}
            except OSError:
                pass

    try:
        for bundle in reversed(bundles):  # newest first: what new documents most likely touch
            seen = pages.setdefault(bundle.year, {})
            memo = memos.get(bundle.year)
            try:
                key = bundle_key(out, config, bundle, memo, seen)  # type: ignore[arg-type]
            except OSError:
                key = ""
            digest = _reuse(out, config, bundle.name, key, recorded.get(bundle.name))
            if digest:
                ok.append(bundle.name)
                done[bundle.name] = {"key": key, "manifest": digest}
                continue
            shutil.rmtree(out / BUNDLES / bundle.name, ignore_errors=True)
            while len(running) >= JOBS:
                collect(running[0])
                running.pop(0)
            running.append(_Run(out, config, bundle, key))
        while running:
            collect(running[0])
            running.pop(0)
    finally:  # interrupted: stop the Pagefind processes still running
        for run in running:
            run.kill()

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
    return [_failed(name, problem) for name, problem in sorted(problems)]


def _clear_others(root: Path, keep: set[str]) -> None:
    """Remove what ``root`` holds besides the bundles ``keep`` (only when a folder that
    was indexed before is indexed again in place; a new build's folder is empty)."""
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for e in entries:
        if e.name in keep and e.is_dir(follow_symlinks=False):
            continue
        if e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path, ignore_errors=True)
        else:
            Path(e.path).unlink(missing_ok=True)


def _write_merged(out: Path, names: list[str]) -> None:
    """``pagefind/pagefind.js`` searching the bundles ``names`` (newest first) as one, the
    UI files of the newest bundle next to it, and an entry file counting every page."""
    root = out / BUNDLES
    script = MERGE_JS.read_text("utf-8").replace(
        "const BUNDLES = [];", f"const BUNDLES = {json.dumps(names)};", 1
    )
    (root / "pagefind.js").write_text(script, "utf-8")
    for name in UI_FILES:
        _link_tree(root / names[0], root, [(name, 0)])
    entries = [json.loads((root / n / "pagefind-entry.json").read_text("utf-8")) for n in names]
    languages: dict[str, dict[str, int]] = {}
    for entry in entries:
        for lang, info in entry.get("languages", {}).items():
            languages.setdefault(lang, {"page_count": 0})["page_count"] += info["page_count"]
    merged = {"version": entries[0].get("version"), "languages": languages, "bundles": names}
    (root / "pagefind-entry.json").write_text(json.dumps(merged, sort_keys=True), "utf-8")


def _failed(name: str, detail: str) -> Diagnostic:
    if name:
        return Diagnostic(
            "C402",
            f"Pagefind failed on the events of {name}; search leaves them out ({detail})",
        )
    return Diagnostic("C402", f"Pagefind failed; the site has no search index ({detail})")
