"""Builds through a real Dask cluster on the loopback address equal local builds, byte for byte.

A ``dask scheduler`` and ``dask worker`` processes are started here (no nanny, one thread
each, bounded waits) and stopped at the end; the builds run ``chronicle build`` in a
subprocess like a user would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
BUILD_TIMEOUT = 600
START_TIMEOUT = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


class LoopbackCluster:
    """A scheduler and its workers as child processes of the test."""

    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.scheduler = self._spawn(
            "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard"
        )
        self._wait(lambda c: True)

    def _spawn(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp / f"dask-{len(self.procs)}.log", "wb")  # noqa: SIM115
        proc = subprocess.Popen(
            [sys.executable, "-m", "dask", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=_env(),
            start_new_session=True,
        )
        self.procs.append(proc)
        return proc

    def add_worker(self) -> subprocess.Popen:
        proc = self._spawn(
            "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
            "--host", "127.0.0.1",
        )  # fmt: skip
        self.workers.append(proc)
        n = len([w for w in self.workers if w.poll() is None])
        self._wait(lambda c: len(c.scheduler_info()["workers"]) >= n)
        return proc

    def client(self):  # noqa: ANN201
        return distributed.Client(self.address, timeout=START_TIMEOUT, set_as_default=False)

    def _wait(self, ready) -> None:  # noqa: ANN001
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.scheduler.poll() is not None:
                raise RuntimeError("dask scheduler exited: " + self._logs())
            try:
                with self.client() as c:
                    if ready(c):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("dask cluster did not start in time: " + self._logs())

    def _logs(self) -> str:
        return "\n".join(p.read_text("utf-8", "replace")[-2000:] for p in self.tmp.glob("*.log"))

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                # a worker whose scheduler is closing too can wait long for it: a test
                # cluster has nothing to save, so it is killed after a short grace
                proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=20)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LoopbackCluster]:
    logs = tmp_path / "logs"
    logs.mkdir()
    c = LoopbackCluster(logs)
    try:
        c.add_worker()
        c.add_worker()
        yield c
    finally:
        c.stop()


def build(
    source: Path, out: Path, cache: Path, *extra: str, check: bool = True
) -> subprocess.CompletedProcess:
    """``chronicle build`` run next to the source folder, so documents are named by the
    folder's name (a copy elsewhere builds the same site)."""
    proc = subprocess.run(
        build_command(source, out, cache, *extra),
        cwd=source.parent,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    if check:
        assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def build_command(source: Path, out: Path, cache: Path, *extra: str) -> list[str]:
    cmd = [sys.executable, "-c", "from chronicle.cli import main; main()", "build"]
    cmd += ["--source", source.name, "--out", str(out), "--cache-dir", str(cache)]
    return cmd + ["--no-search", "--verbose", *extra]


def tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def assert_same_site(a: Path, b: Path) -> None:
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb)
    differing = [name for name in ta if ta[name] != tb[name]]
    assert not differing, differing[:10]


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench-corpus")
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate_corpus.py"), "--out", str(out)]
        + ["--words", "25000", "--seed", "5"],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def local_builds(tmp_path_factory: pytest.TempPathFactory, bench_corpus: Path) -> dict[str, Path]:
    """The seeds and the bench corpus built the default way (local processes)."""
    root = tmp_path_factory.mktemp("local")
    built = {}
    for name, source in (("seeds", SEEDS), ("bench", bench_corpus)):
        build(source, root / name, root / f"cache-{name}")
        built[name] = root / name
    return built


@pytest.mark.slow
@pytest.mark.long
def test_seeds_and_bench_corpus_built_on_the_cluster_equal_local_builds(
    cluster: LoopbackCluster, bench_corpus: Path, local_builds: dict[str, Path], tmp_path: Path
) -> None:
    for name, source in (("seeds", SEEDS), ("bench", bench_corpus)):
        out, cache = tmp_path / f"site-{name}", tmp_path / f"cache-{name}"
        proc = build(source, out, cache, "--scheduler", cluster.address)
        for task in ("nlp", "embeddings"):
            assert re.search(rf"{task}: \d+ texts in \d+ shards on 2 Dask workers", proc.stderr)
        assert_same_site(out, local_builds[name])
        # The builder cached what the workers computed: a local build of a copy of the
        # inputs (a new folder, so the whole pipeline runs again) analyses no text again.
        copy = tmp_path / f"copy-{name}" / source.name
        shutil.copytree(source, copy)
        again = build(copy, tmp_path / f"again-{name}", cache)
        for task in ("nlp", "embeddings"):
            assert f"{task}: 0 texts analysed" in again.stderr
        assert_same_site(tmp_path / f"again-{name}", local_builds[name])


@pytest.mark.slow
@pytest.mark.long
def test_a_worker_killed_mid_shard_has_its_shard_run_elsewhere(
    cluster: LoopbackCluster, local_builds: dict[str, Path], tmp_path: Path
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    cmd = build_command(SEEDS, out, cache, "--scheduler", cluster.address)
    proc = subprocess.Popen(
        cmd, cwd=SEEDS.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env()
    )
    killed = None
    with cluster.client() as client:
        deadline = time.monotonic() + BUILD_TIMEOUT
        while killed is None and time.monotonic() < deadline and proc.poll() is None:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                # Kill the worker process running a shard right now (SIGKILL: no goodbye).
                port = int(busy[0].rsplit(":", 1)[1])
                for w in cluster.workers:
                    if _listens_on(w.pid, port):
                        os.killpg(w.pid, signal.SIGKILL)
                        killed = w
                        break
            time.sleep(0.05)
    stdout, stderr = proc.communicate(timeout=BUILD_TIMEOUT)
    assert killed is not None, "no shard was seen running on a worker"
    assert killed.wait(timeout=30) == -signal.SIGKILL
    assert proc.returncode == 0, stderr.decode()[-3000:]
    assert_same_site(out, local_builds["seeds"])


def _listens_on(pid: int, port: int) -> bool:
    import psutil

    try:
        return any(c.laddr.port == port for c in psutil.Process(pid).net_connections("tcp"))
    except psutil.Error:
        return False


def test_an_unreachable_scheduler_fails_at_once_and_keeps_the_previous_site(
    tmp_path: Path,
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    out.mkdir()
    (out / "index.html").write_text("previous site", "utf-8")
    port = _free_port()  # nothing listens there
    t0 = time.monotonic()
    proc = build(SEEDS, out, cache, "--scheduler", f"tcp://127.0.0.1:{port}", check=False)
    assert proc.returncode == 1
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert time.monotonic() - t0 < 60
    assert tree(out) == {"index.html": b"previous site"}
    assert not (cache / "build-state.json").exists()


@pytest.mark.parametrize("value", ["tcp://", "local:0", "10.0.0.1 8786", "http://x:1"])
def test_a_malformed_scheduler_address_is_a_usage_error(tmp_path: Path, value: str) -> None:
    proc = build(SEEDS, tmp_path / "site", tmp_path / "cache", "--scheduler", value, check=False)
    assert proc.returncode == 2
    assert "--scheduler" in proc.stderr and "tcp://HOST:PORT" in proc.stderr
