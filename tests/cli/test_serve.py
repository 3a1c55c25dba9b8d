"""``chronicle serve``: answers on its port, rebuilds on change, survives a failed rebuild.

The build is a fake that writes the source text into data/events.json, so these tests
time the server and watcher, not the NLP. Every wait is a bounded loop.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from chronicle import build as build_module
from chronicle.build import BuildReport
from chronicle.config import Config
from chronicle.errors import BuildError
from chronicle.serve import PreviewServer, error_page, inject_reload, watch_paths

PAGE = '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
PAGE += "content=\"script-src 'self'\"></head><body><h1>{}</h1></body></html>"


def fake_build(config: Config, reporter=None) -> BuildReport:
    """Stand-in for the pipeline: one page and an events.json made of the source files."""
    texts = {p.name: p.read_text("utf-8") for p in sorted(Path(config.source).glob("*.txt"))}
    if any("FAIL" in t for t in texts.values()):
        raise BuildError("seeds/bad.txt:1: the build failed on purpose")
    out = Path(config.output)
    (out / "data").mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(PAGE.format(config.title), encoding="utf-8")
    (out / "data" / "events.json").write_text(json.dumps({"events": texts}), encoding="utf-8")
    return BuildReport(output=out)


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def wait_for(predicate, timeout: float = 15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {timeout}s")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[PreviewServer, Path]]:
    monkeypatch.setattr(build_module, "build", fake_build)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("first version\n", encoding="utf-8")
    config_file = tmp_path / "chronicle.toml"
    config_file.write_text('title = "One"\n', encoding="utf-8")

    def make_config() -> Config:
        from chronicle.config import load_config

        return load_config(config_file).replace(
            source=seeds, output=tmp_path / "site", cache_dir=tmp_path / ".cache"
        )

    messages: list[str] = []
    server = PreviewServer(make_config, "127.0.0.1", 0, echo=messages.append)
    server.start()
    try:
        yield server, tmp_path
    finally:
        server.stop()


def test_serve_answers_and_serves_rebuilt_data_after_a_change(site) -> None:
    server, root = site
    assert server.url.startswith("http://127.0.0.1:")
    status, ctype, body = fetch(server.url)
    assert status == 200 and ctype.startswith("text/html")
    assert "<h1>One</h1>" in body
    status, _, data = fetch(server.url + "data/events.json")
    assert json.loads(data)["events"] == {"a.txt": "first version\n"}

    (root / "seeds" / "a.txt").write_text("second version\n", encoding="utf-8")
    (root / "seeds" / "b.txt").write_text("a new file\n", encoding="utf-8")
    t0 = time.monotonic()
    wait_for(lambda: "a new file" in fetch(server.url + "data/events.json")[2])
    assert time.monotonic() - t0 < 15
    events = json.loads(fetch(server.url + "data/events.json")[2])["events"]
    assert events == {"a.txt": "second version\n", "b.txt": "a new file\n"}


def test_reload_script_is_injected_into_responses_only(site) -> None:
    server, root = site
    _, _, body = fetch(server.url)
    assert body.count('src="/__chronicle/reload.js"') == 1
    assert body.index("/__chronicle/reload.js") < body.index("</body>")
    assert "__chronicle" not in (root / "site" / "index.html").read_text("utf-8")
    status, ctype, js = fetch(server.url + "__chronicle/reload.js")
    assert status == 200 and "javascript" in ctype and "/__chronicle/version" in js
    _, _, data = fetch(server.url + "data/events.json")
    assert "__chronicle" not in data  # only HTML is touched


def test_missing_page_gets_the_sites_404_page_with_status_404(site) -> None:
    server, root = site
    (root / "site" / "404.html").write_text("<html><body>lost</body></html>", "utf-8")
    status, ctype, body = fetch(server.url + "no/such/page/")
    assert status == 404 and "lost" in body and "/__chronicle/reload.js" in body


def test_version_bumps_on_rebuild_and_a_config_change_triggers_one(site) -> None:
    server, root = site
    first = json.loads(fetch(server.url + "__chronicle/version")[2])
    assert first["error"] is None
    (root / "chronicle.toml").write_text('title = "Two"\n', encoding="utf-8")
    wait_for(lambda: "<h1>Two</h1>" in fetch(server.url)[2])
    later = json.loads(fetch(server.url + "__chronicle/version")[2])
    assert later["version"] > first["version"]


def test_failed_rebuild_keeps_the_site_up_and_reports_the_error(site) -> None:
    server, root = site
    before = json.loads(fetch(server.url + "__chronicle/version")[2])["version"]
    (root / "seeds" / "bad.txt").write_text("FAIL\n", encoding="utf-8")
    state = wait_for(
        lambda: json.loads(fetch(server.url + "__chronicle/version")[2])["error"] and True
    )
    assert state
    status = json.loads(fetch(server.url + "__chronicle/version")[2])
    assert "failed on purpose" in status["error"] and status["version"] == before
    assert fetch(server.url)[0] == 200  # the last good site is still served
    (root / "seeds" / "bad.txt").write_text("fixed\n", encoding="utf-8")
    wait_for(lambda: json.loads(fetch(server.url + "__chronicle/version")[2])["error"] is None)
    assert json.loads(fetch(server.url + "__chronicle/version")[2])["version"] > before


def test_bad_config_edit_is_shown_not_fatal(site) -> None:
    server, root = site
    (root / "chronicle.toml").write_text("titel = 'typo'\n", encoding="utf-8")
    wait_for(lambda: json.loads(fetch(server.url + "__chronicle/version")[2])["error"])
    error = json.loads(fetch(server.url + "__chronicle/version")[2])["error"]
    assert "unknown key 'titel'" in error
    assert fetch(server.url)[0] == 200


def test_initial_failure_serves_an_error_page(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(build_module, "build", fake_build)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bad.txt").write_text("FAIL <script>\n", encoding="utf-8")
    cfg = Config(source=seeds, output=tmp_path / "site")
    server = PreviewServer(lambda: cfg, "127.0.0.1", 0, echo=lambda m: None)
    server.start()
    try:
        status, ctype, body = fetch(server.url)
        assert status == 503 and ctype.startswith("text/html")
        assert "failed on purpose" in body and "/__chronicle/reload.js" in body
    finally:
        server.stop()


def test_inject_reload_and_error_page_are_safe() -> None:
    assert inject_reload(b"<p>x</p></BODY></html>") == (
        b'<p>x</p><script src="/__chronicle/reload.js" defer></script></BODY></html>'
    )
    assert inject_reload(b"<p>x</p>").endswith(b"</script>")
    page = error_page("bad <script>alert(1)</script> & more")
    assert b"<script>alert" not in page and b"&lt;script&gt;" in page


def test_watch_paths_without_a_config_file_watch_for_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    _, files = watch_paths(Config(source=tmp_path))
    assert tmp_path.resolve() / "chronicle.toml" in files
    assert tmp_path.resolve() / "pyproject.toml" in files


def test_watch_paths_cover_sources_templates_static_data_and_config(tmp_path: Path) -> None:
    for name in ("seeds", "tpl", "static"):
        (tmp_path / name).mkdir()
    cfg = Config(
        source=tmp_path / "seeds",
        templates=(tmp_path / "tpl",),
        static=(tmp_path / "static",),
        actors_files=(tmp_path / "actors.yaml",),
        topics_file=tmp_path / "topics.yaml",
        config_path=tmp_path / "chronicle.toml",
    )
    folders, files = watch_paths(cfg)
    assert folders == [(tmp_path / n).resolve() for n in ("seeds", "tpl", "static")]
    assert set(files) == {
        (tmp_path / n).resolve() for n in ("actors.yaml", "topics.yaml", "chronicle.toml")
    }


def test_a_client_that_hangs_up_is_not_an_error(site) -> None:
    import socket

    server, _ = site
    messages: list[str] = []
    server.httpd.log = messages.append
    host, port = server.httpd.server_address[:2]
    for _ in range(3):
        with socket.create_connection((host, port)) as sock:
            sock.sendall(b"GET /data/events.json HTTP/1.1\r\nHost: x\r\n\r\n")
            sock.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
    assert fetch(server.url)[0] == 200
    try:
        raise BrokenPipeError(32, "Broken pipe")
    except BrokenPipeError:
        server.httpd.handle_error(None, ("127.0.0.1", 1))
    try:
        raise ValueError("odd")
    except ValueError:
        server.httpd.handle_error(None, ("127.0.0.1", 1))
    assert messages == ["request from 127.0.0.1 failed: ValueError: odd"]


def test_pages_say_building_until_the_first_build_is_done(tmp_path: Path, monkeypatch) -> None:
    import threading

    release = threading.Event()

    def slow_build(config, reporter=None):
        release.wait(10)
        return fake_build(config, reporter)

    monkeypatch.setattr(build_module, "build", slow_build)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("x\n", encoding="utf-8")
    cfg = Config(source=seeds, output=tmp_path / "site")
    server = PreviewServer(lambda: cfg, "127.0.0.1", 0, echo=lambda m: None)
    starter = threading.Thread(target=server.start)
    starter.start()
    try:
        status, _, body = wait_for(lambda: (r := fetch(server.url))[0] == 503 and r)
        assert "building" in body and "/__chronicle/reload.js" in body
        assert fetch(server.url + "data/events.json")[0] == 404  # data is never faked
        release.set()
        starter.join(10)
        assert fetch(server.url)[0] == 200
    finally:
        release.set()
        starter.join(10)
        server.stop()
