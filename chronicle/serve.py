"""``chronicle serve``: build, serve over HTTP, rebuild on change, reload open pages.

The live-reload script is injected into HTML *responses* only, never written into the
site, so the folder that gets deployed is exactly what ``chronicle build`` writes. Open
pages poll ``/__chronicle/version``: a new version reloads them; a failed rebuild keeps
the last good site up and shows the error over the page (and in the terminal).
"""

from __future__ import annotations

import html
import io
import json
import os
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chronicle import build as build_module
from chronicle.build import BuildReport
from chronicle.config import Config
from chronicle.errors import ChronicleError
from chronicle.reporter import Reporter

PREFIX = "/__chronicle/"
SCRIPT_TAG = b'<script src="/__chronicle/reload.js" defer></script>'

# Plain DOM calls only (no inline script, no style attribute), so a strict
# Content-Security-Policy with script-src 'self' still lets it run.
RELOAD_JS = """\
(function () {
  var seen = null, box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("pre");
      var s = box.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.zIndex = "2147483647";
      s.margin = "0"; s.padding = "1em"; s.maxHeight = "60vh"; s.overflow = "auto";
      s.background = "#3b0d0d"; s.color = "#fff"; s.font = "13px/1.4 monospace";
      s.whiteSpace = "pre-wrap";
      box.id = "chronicle-build-error";
      document.body.appendChild(box);
    }
    box.textContent = "chronicle: the last rebuild failed; showing the previous site.\\n\\n" + text;
  }
  function hide() { if (box) { box.remove(); box = null; } }
  function poll() {
    fetch("/__chronicle/version", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (st) {
        if (seen === null) { seen = st.version; }
        else if (st.version !== seen) { location.reload(); return; }
        if (st.error) { show(st.error); } else { hide(); }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 700); });
  }
  poll();
})();
"""


@dataclass
class BuildState:
    """What open pages poll: bumped after every successful build."""

    version: int = 0
    error: str | None = None
    building: bool = False

    def as_json(self) -> bytes:
        return json.dumps(
            {"version": self.version, "error": self.error, "building": self.building}
        ).encode()


def inject_reload(body: bytes) -> bytes:
    """Insert the reload script before the last ``</body>`` (or at the end)."""
    at = body.lower().rfind(b"</body>")
    if at < 0:
        return body + SCRIPT_TAG
    return body[:at] + SCRIPT_TAG + body[at:]


BUILDING_PAGE = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8>"
    b"<title>chronicle: building</title></head><body>"
    b"<h1>chronicle is building the site</h1>"
    b"<p>This page reloads by itself when the first build is done.</p></body></html>"
)


def error_page(message: str) -> bytes:
    text = html.escape(message)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>chronicle: build failed</title></head><body>"
        "<h1>chronicle: the build failed</h1>"
        f"<pre>{text}</pre><p>Fix the problem and save; this page reloads by itself.</p>"
        "</body></html>"
    ).encode()


class PreviewHandler(SimpleHTTPRequestHandler):
    """Static files from the output folder, plus the live-reload endpoints."""

    state: BuildState
    log: Callable[[str], None] | None = None

    def __init__(self, *args, state: BuildState, log=None, **kwargs) -> None:
        self.state = state
        self.log = log
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        if self.log is not None:
            self.log(f"{self.address_string()} {format % args}")

    def _respond(self, status: int, ctype: str, body: bytes) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_head(self):
        url_path = unquote(urlsplit(self.path).path)
        if url_path.startswith(PREFIX):
            name = url_path[len(PREFIX) :]
            if name == "version":
                return self._respond(200, "application/json", self.state.as_json())
            if name == "reload.js":
                return self._respond(200, "text/javascript; charset=utf-8", RELOAD_JS.encode())
            self.send_error(HTTPStatus.NOT_FOUND)
            return None
        fs_path = Path(self.translate_path(self.path))
        target: Path | None = None
        if fs_path.is_dir() and url_path.endswith("/") and (fs_path / "index.html").is_file():
            target = fs_path / "index.html"
        elif fs_path.is_file() and fs_path.suffix.lower() in (".html", ".htm"):
            target = fs_path
        if target is not None:
            try:
                body = target.read_bytes()
            except OSError:  # swapped away mid-request by a rebuild
                self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "rebuilding, try again")
                return None
            return self._respond(200, "text/html; charset=utf-8", inject_reload(body))
        if not fs_path.exists():
            if not (Path(self.directory) / "index.html").is_file():  # no site (yet)
                if self.state.error:
                    page = inject_reload(error_page(self.state.error))
                    return self._respond(503, "text/html; charset=utf-8", page)
                if self.state.building and not url_path.startswith(("/data/", "/pagefind/")):
                    page = inject_reload(BUILDING_PAGE)
                    return self._respond(503, "text/html; charset=utf-8", page)
            try:
                not_found = (Path(self.directory) / "404.html").read_bytes()
            except OSError:  # no 404 page, or swapped away by a rebuild
                not_found = None
            if not_found is not None:
                return self._respond(404, "text/html; charset=utf-8", inject_reload(not_found))
        return super().send_head()


class PreviewHTTPServer(ThreadingHTTPServer):
    """A client that goes away mid-response (a closed tab, a timed-out poll) is normal
    here, not an error with a traceback; anything else is one line."""

    daemon_threads = True
    log: Callable[[str], None] = print

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        self.log(f"request from {client_address[0]} failed: {type(exc).__name__}: {exc}")


def watch_paths(config: Config) -> tuple[list[Path], list[Path]]:
    """(folders watched recursively, single files) that a rebuild depends on."""
    folders = [Path(config.source), *config.templates, *config.static]
    files = [*config.actors_files, *config.places_files]
    if config.topics_file:
        files.append(config.topics_file)
    if config.config_path:
        files.append(config.config_path)
    else:  # no config yet: one created while serving is picked up
        from chronicle.config import CONFIG_FILENAMES

        files += [Path.cwd() / name for name in CONFIG_FILENAMES]
    return (
        [p.resolve() for p in folders if Path(p).is_dir()],
        [Path(p).resolve() for p in files],
    )


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


class PreviewServer:
    """One output folder served on host:port, rebuilt whenever an input changes.

    ``make_config`` is called before every build, so edits to chronicle.toml apply
    without a restart (except the output folder, fixed when the server starts).
    """

    def __init__(
        self,
        make_config: Callable[[], Config],
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        echo: Callable[[str], None] = print,
        reporter_factory: Callable[[], Reporter] = Reporter,
        on_report: Callable[[BuildReport, float], None] | None = None,
        debug: bool = False,
        access_log: bool = False,
    ) -> None:
        self.make_config = make_config
        self.echo = echo
        self.reporter_factory = reporter_factory
        self.on_report = on_report
        self.debug = debug
        self.state = BuildState()
        self.config = self._preview_config(make_config())
        self.out = Path(self.config.output).resolve()
        handler = partial(
            PreviewHandler,
            directory=str(self.out),
            state=self.state,
            log=echo if access_log else None,
        )
        self.httpd = PreviewHTTPServer((host, port), handler)
        self.httpd.log = echo
        self._changes: queue.Queue[set[Path]] = queue.Queue()
        self._stop = threading.Event()
        self._watch_stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._watched: tuple[list[Path], list[Path]] = ([], [])

    @staticmethod
    def _preview_config(config: Config) -> Config:
        # Pages are served from the root of this server, whatever the public base URL is.
        return config.replace(base_url="/")

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/"

    # -- building --------------------------------------------------------------------------
    def rebuild(self) -> bool:
        """Build once; on failure keep the old site, record and print the error."""
        self.state.building = True
        t0 = time.perf_counter()
        try:
            config = self._preview_config(self.make_config())
            config = config.replace(output=self.out)
            self.config = config
            reporter = self.reporter_factory()
            try:
                report = build_module.build(config, reporter)
            finally:
                close = getattr(reporter, "close", None)
                if close is not None:
                    close()
        except ChronicleError as exc:
            return self._failed(f"error {exc.code}: {exc}")
        except Exception as exc:  # noqa: BLE001 — a preview server must outlive any bug
            detail = traceback.format_exc() if self.debug else f"{type(exc).__name__}: {exc}"
            return self._failed(f"build failed: {detail}")
        finally:
            self.state.building = False
        self.state.error = None
        self.state.version += 1
        if self.on_report is not None:
            self.on_report(report, time.perf_counter() - t0)
        self._rewatch_if_needed()
        return True

    def _failed(self, message: str) -> bool:
        self.state.error = message
        self.echo(message)
        self._rewatch_if_needed()
        return False

    # -- watching ---------------------------------------------------------------------------
    def _ignored(self, path: Path) -> bool:
        cache = Path(self.config.cache_dir).resolve()
        if _is_within(path, self.out) or _is_within(path, cache):
            return True
        name = path.name
        return name.startswith((f".{self.out.name}.tmp-", f".{self.out.name}.old-")) or (
            name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".#")
        )

    def _watch(
        self,
        targets: list[Path],
        recursive: bool,
        only: set[Path] | None,
        ready: threading.Event,
    ) -> None:
        import watchfiles

        try:
            # yield_on_timeout: the first (empty) yield proves the watches are registered,
            # which is what ``ready`` tells start(), so no early edit is ever missed.
            for changes in watchfiles.watch(
                *targets,
                recursive=recursive,
                stop_event=self._watch_stop,
                debounce=150,
                step=50,
                rust_timeout=300,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                ready.set()
                paths = {Path(p) for _, p in changes}
                paths = {p for p in paths if not self._ignored(p)}
                if only is not None:
                    paths = {p for p in paths if p in only}
                if paths:
                    self._changes.put(paths)
        except Exception as exc:  # noqa: BLE001 — report and keep serving
            self.echo(f"watching stopped: {type(exc).__name__}: {exc}")
        finally:
            ready.set()

    def _start_watchers(self, wait: float = 15.0) -> None:
        """Start watching and return once the watches are in place (or ``wait`` ran out)."""
        folders, files = watch_paths(self.config)
        self._watched = (folders, files)
        self._watch_stop = threading.Event()
        jobs: list[tuple[list[Path], bool, set[Path] | None]] = []
        if folders:
            jobs.append((folders, True, None))
        # Single files are watched through their folder, so editors that save by
        # renaming a new file over the old one are still seen.
        parents = sorted({f.parent for f in files if f.parent.is_dir()})
        if parents:
            jobs.append((parents, False, set(files)))
        readies = []
        for targets, recursive, only in jobs:
            ready = threading.Event()
            t = threading.Thread(
                target=self._watch, args=(targets, recursive, only, ready), daemon=True
            )
            t.start()
            self._threads.append(t)
            readies.append(ready)
        deadline = time.monotonic() + wait
        for ready in readies:
            if not ready.wait(max(0.0, deadline - time.monotonic())):
                self.echo("watching is slow to start; early changes may be missed")
                break

    def _rewatch_if_needed(self) -> None:
        if not self._threads or self._stop.is_set():
            return
        if watch_paths(self.config) != self._watched:
            self._watch_stop.set()
            self._start_watchers()

    def _rebuild_loop(self) -> None:
        while not self._stop.is_set():
            try:
                changed = self._changes.get(timeout=0.2)
            except queue.Empty:
                continue
            time.sleep(0.1)  # let a burst of saves settle, then take them all
            while True:
                try:
                    changed |= self._changes.get_nowait()
                except queue.Empty:
                    break
            if self._stop.is_set():
                break
            try:
                self.echo(f"changed: {_describe(changed)}; rebuilding")
                self.rebuild()
            except Exception as exc:  # noqa: BLE001 — e.g. a closed terminal; keep serving
                self.state.error = f"rebuild loop: {type(exc).__name__}: {exc}"

    # -- lifecycle --------------------------------------------------------------------------
    def start(self, build_first: bool = True) -> None:
        """Watch, serve, build (unless told not to); returns after the first build.

        Watching starts first, so an edit made during the first build still triggers a
        rebuild, and one made as soon as the first page answers is never missed.
        """
        self._start_watchers()
        # Serve from the start: until the first build is done, pages say it is building
        # and reload by themselves when it is.
        self.state.building = build_first
        t = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2})
        t.daemon = True
        t.start()
        self._threads.append(t)
        if build_first:
            self.rebuild()
        loop = threading.Thread(target=self._rebuild_loop, daemon=True)
        loop.start()
        self._threads.append(loop)

    def stop(self) -> None:
        self._stop.set()
        self._watch_stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for t in self._threads:
            t.join(timeout=5)

    def serve_forever(self) -> None:
        """Run until Ctrl-C."""
        self.echo(f"serving {self.out} at {self.url} (Ctrl-C to stop); first build running")
        try:
            self.start()
            while not self._stop.is_set():
                self._stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()


def _describe(paths: Iterable[Path]) -> str:
    names = sorted(os.path.relpath(p) if p.is_absolute() else str(p) for p in paths)
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
