"""The per-passage stages on a Dask cluster (``--scheduler`` / ``scheduler = "..."``).

Only the registered per-passage tasks (:mod:`chronicle.passagetasks`: NER, and whatever
else registers there) leave the machine: their texts are cut into shards, each shard is
one Dask task, and the values come back as plain data. Merging, rendering and indexing
stay on the builder, which alone writes the cache, so a later build (local or not) reuses
everything a distributed one computed.

* ``tcp://HOST:PORT`` (or ``tls://``) connects to a running ``dask scheduler`` at once,
  so a wrong address fails the build before anything is read;
* ``local:N`` starts a ``dask.distributed`` cluster of N worker processes on this
  machine when the first shard is due (the same code path, for testing).

Faults are Dask's: a task whose worker dies is rescheduled on another worker; a shard
that raises is retried twice before the build fails. Each worker loads the models once
(:class:`chronicle.daskplugin.ModelPreload`) and is checked to run the same model and code
version as the builder, so results are identical to a local build.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

from chronicle.config import check_address
from chronicle.errors import ClusterError

if TYPE_CHECKING:
    from chronicle.config import Config
    from chronicle.reporter import Reporter


class PassageTask(Protocol):
    """What a session needs of a registered task (:class:`chronicle.passagetasks.PassageTask`)."""

    @property
    def name(self) -> str: ...
    @property
    def run(self) -> Callable[[list[str]], list[Any]]: ...
    @property
    def version(self) -> Callable[[], str]: ...
    @property
    def setup(self) -> Callable[[], object] | None: ...
    @property
    def shard_size(self) -> int: ...


#: Seconds to open a TCP connection to the scheduler: a refused port fails at once.
CONNECT_TIMEOUT = 10.0
#: Seconds to wait for a first worker to join a scheduler that has none.
WORKER_WAIT = 60.0
#: Extra attempts of a shard that raised (a worker that dies is not counted here: Dask
#: reschedules its tasks by itself, up to ``distributed.scheduler.allowed-failures``).
RETRIES = 2

_CURRENT: ContextVar[Session | None] = ContextVar("chronicle_dask_session", default=None)


def current() -> Session | None:
    """The Dask session of the running build, if it was given a scheduler."""
    return _CURRENT.get()


@contextmanager
def session(config: Config) -> Iterator[Session | None]:
    """Open the build's Dask session (nothing when ``config.scheduler`` is empty)."""
    address = check_address(getattr(config, "scheduler", "") or "")
    if not address:
        yield None
        return
    s = Session(address)
    token = _CURRENT.set(s)
    try:
        yield s
    finally:
        _CURRENT.reset(token)
        s.close()


#: Dask settings for the workers of ``local:N`` (and advised for ``dask worker``s, see the
#: README): the statistical profiler samples every thread's stack every 10 ms and the event
#: loop's monitors wake every 20–500 ms, each taking the GIL from the shard being computed
#: — together about 8% of a shard's time on a 200k-word corpus. The build's own per-shard
#: timings say what it needs to know.
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def run_shard(run: Any, texts: list[str]) -> tuple[list, float, float]:
    """One Dask task: a registered task's values for a shard of texts, with the wall and
    CPU seconds the worker spent on them (the per-shard throughput the build reports;
    CPU time stays meaningful on a worker that shares its cores)."""
    t0, c0 = time.perf_counter(), time.process_time()
    values = run(texts)
    return values, time.perf_counter() - t0, time.process_time() - c0


@dataclass(frozen=True)
class ShardStats:
    """What the workers reported for one task's shards (for ``--verbose`` and bench/)."""

    task: str
    shards: int
    workers: int
    words: int
    worker_seconds: float  # summed over shards: time inside the task on the workers
    wall_seconds: float  # from the first submission to the last result
    cpu_seconds: float = 0.0  # summed over shards: CPU time inside the task

    @property
    def words_per_worker_second(self) -> float:
        return self.words / self.worker_seconds if self.worker_seconds else 0.0

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else 0.0


def worker_versions(versions: Sequence[Any]) -> list[str]:
    """Run on each worker: the versions of the tasks' models and code as it sees them."""
    from chronicle.store.fingerprint import nlp_code_version

    return [nlp_code_version(), *(v() for v in versions)]


class Session:
    """A connection to a Dask scheduler (or a local cluster started on first use)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._client: Any = None
        self._cluster: Any = None
        self._prepared: set[str] = set()
        self._warming: threading.Thread | None = None
        self._warm_error: BaseException | None = None
        self._lock = threading.Lock()
        #: One entry per task run on the cluster by this session.
        self.stats: list[ShardStats] = []
        if not address.startswith("local:"):
            self._connect()

    # -- connection -----------------------------------------------------------------------
    def _connect(self) -> None:
        parts = urlsplit(self.address)
        try:  # a plain socket first: "connection refused" is known in milliseconds
            socket.create_connection((parts.hostname, parts.port), CONNECT_TIMEOUT).close()
        except OSError as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {self.address} ({exc.strerror or exc}); "
                "start it with `dask scheduler`, or build without --scheduler. "
                "Nothing was built; the previous site was left in place"
            ) from None
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - dask[distributed] is a dependency
            raise ClusterError("--scheduler needs dask[distributed] installed") from None
        _quiet_logs()
        try:
            self._client = Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - OSError, TimeoutError, protocol errors
            raise ClusterError(
                f"cannot connect to the Dask scheduler at {self.address}: {exc}. "
                "Nothing was built; the previous site was left in place"
            ) from None

    def client(self) -> Any:
        with self._lock:
            return self._start()

    def _start(self) -> Any:
        if self._client is None:
            import dask
            from distributed import Client, LocalCluster

            _quiet_logs()
            n = int(self.address.split(":", 1)[1])
            dask.config.set(QUIET_WORKERS)
            self._cluster = LocalCluster(
                n_workers=n,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster, set_as_default=False)
        return self._client

    def warm_up(self, tasks: Sequence[PassageTask]) -> None:
        """Start the cluster and load the tasks' models on the workers in the background,
        while the builder reads and dates: the first shard then finds them ready."""
        if self._warming is not None:
            return

        def work() -> None:
            try:
                client = self.client()
                for task in tasks:
                    self._prepare(client, task)
            except BaseException as exc:  # noqa: BLE001 - raised again by the first shard
                self._warm_error = exc

        self._warming = threading.Thread(target=work, name="chronicle-dask-warm-up", daemon=True)
        self._warming.start()

    def _ready(self) -> None:
        if self._warming is not None:
            self._warming.join()
            if self._warm_error is not None:
                raise self._warm_error

    def close(self) -> None:
        if self._warming is not None:
            self._warming.join()
        for thing in (self._client, self._cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - closing a broken link must not mask errors
                    pass
        self._client = self._cluster = None

    # -- work -----------------------------------------------------------------------------
    def _prepare(self, client: Any, task: PassageTask) -> int:
        """Preload the model on every worker, present and future; check their versions."""
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT)
        except Exception:  # noqa: BLE001 - TimeoutError
            raise ClusterError(
                f"the Dask scheduler at {self.address} has no workers "
                f"(waited {WORKER_WAIT:.0f} s); start some with `dask worker {self.address}`"
            ) from None
        if task.name not in self._prepared:
            expected = worker_versions([task.version])
            try:
                if task.setup is not None:
                    from chronicle.daskplugin import ModelPreload

                    plugin = ModelPreload([task.setup])
                    client.register_plugin(plugin, name=f"chronicle-{task.name}")
                seen = client.run(worker_versions, [task.version])
            except Exception as exc:  # noqa: BLE001 - ImportError on a worker, mostly
                raise ClusterError(
                    f"the Dask workers at {self.address} cannot run chronicle's "
                    f"{task.name} task ({type(exc).__name__}: {exc}); install the same "
                    "chronicle and model packages on every worker"
                ) from None
            wrong = sorted(w for w, v in seen.items() if list(v) != expected)
            if wrong:
                raise ClusterError(
                    f"Dask worker(s) {', '.join(wrong)} run another version of chronicle or "
                    f"of the {task.name} model ({seen[wrong[0]]} vs {expected} here); "
                    "install the same versions on every worker"
                )
            self._prepared.add(task.name)
        return len(client.scheduler_info().get("workers", {}))

    def map_task(
        self, task: PassageTask, texts: Sequence[str], reporter: Reporter, stage: str
    ) -> list:
        """The task's values for ``texts``, computed in shards on the workers, in order."""
        from distributed import as_completed

        self._ready()
        client = self.client()
        workers = self._prepare(client, task)
        size = max(1, task.shard_size)
        shards = [list(texts[i : i + size]) for i in range(0, len(texts), size)]
        reporter.start(stage, len(shards))  # progress counts shards done across workers
        reporter.log(
            f"{task.name}: {len(texts)} texts in {len(shards)} shards on {workers} Dask workers"
        )
        futures = [
            client.submit(run_shard, task.run, shard, retries=RETRIES, pure=False)
            for shard in shards
        ]
        t0 = time.perf_counter()
        busy = cpu = 0.0
        index = {f.key: i for i, f in enumerate(futures)}
        results: list[list | None] = [None] * len(shards)
        try:
            for fut in as_completed(futures, loop=client.loop):
                i = index[fut.key]
                try:
                    value = fut.result()
                except Exception as exc:  # noqa: BLE001 - the task's own error, or lost link
                    raise ClusterError(
                        f"shard {i + 1}/{len(shards)} of the {task.name} task failed on the "
                        f"Dask cluster at {self.address} ({type(exc).__name__}: {exc}); "
                        "the previous site was left in place"
                    ) from None
                if (
                    not isinstance(value, tuple)
                    or len(value) != 3
                    or not isinstance(value[0], list)
                    or len(value[0]) != len(shards[i])
                ):
                    raise ClusterError(f"shard {i + 1} of {task.name} returned malformed data")
                results[i], seconds, cpu_seconds = value
                busy += seconds
                cpu += cpu_seconds
                fut.release()
                reporter.advance()
        finally:
            client.cancel([f for f in futures if not f.done()])
        stats = ShardStats(
            task.name,
            len(shards),
            workers,
            sum(len(t.split()) for t in texts),
            busy,
            time.perf_counter() - t0,
            cpu,
        )
        self.stats.append(stats)
        reporter.log(
            f"{task.name}: {stats.shards} shards in {stats.wall_seconds:.1f} s, "
            f"{stats.words_per_worker_second:,.0f} words/s per worker, "
            f"{stats.words_per_cpu_second:,.0f} words per CPU-second"
        )
        return [v for shard in results for v in shard or ()]


def _quiet_logs() -> None:
    """Dask logs reconnects and worker deaths as warnings; the build reports its own errors."""
    for name in ("distributed", "distributed.client", "distributed.scheduler"):
        logging.getLogger(name).setLevel(logging.ERROR)
