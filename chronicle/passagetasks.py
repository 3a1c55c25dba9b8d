"""Per-passage tasks: pure functions of passage texts that dominate a cold build.

NER with claim extraction (one spaCy pass), sentence embeddings and title parses are
each a pure function ``texts -> one plain value per text``. Registering it here as a
:class:`PassageTask` gives it, with no further code:

* a content-addressed store (text hash, task name, task version), so only new texts run;
* the local path: forked copies of the builder, each running ``run`` on a share of the
  texts with the model loaded once before the fork (plain values come back, never
  spaCy's ``Doc``s, which its own process pool would pickle back: a third of the CPU);
* the cluster path: shards of texts run as Dask tasks on the workers of
  ``--scheduler`` (see :mod:`chronicle.distributed`), each worker loading the model once.

The builder alone writes the cache: workers only compute and return values, so a build
after a distributed build reuses every result. Values must be JSON data (lists, numbers,
strings) — never spaCy objects — since they cross the network and are cached as JSON.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chronicle import store
from chronicle.reporter import Reporter
from chronicle.runtime import fork_shares, workers

if TYPE_CHECKING:
    from chronicle.config import Config

#: Below this many new texts a task runs in this process (a fork costs more than it saves).
LOCAL_PARALLEL_MIN = 256


@dataclass(frozen=True)
class PassageTask:
    """One registered per-passage task.

    Every callable must be a module-level function (Dask pickles it by reference, so the
    workers import the same code): ``run(texts)`` returns one JSON value per text, in
    order; ``version()`` names the model and code behind the values (part of the cache
    scope and checked against each worker's); ``setup()`` loads the model, once per
    worker process (and in the builder before it forks).
    """

    name: str
    run: Callable[[list[str]], list]
    version: Callable[[], str]
    setup: Callable[[], object] | None = None
    #: Texts per Dask task: big enough to amortise scheduling, small enough to balance.
    shard_size: int = 200


_TASKS: dict[str, PassageTask] = {}


def register(task: PassageTask) -> PassageTask:
    """Add (or replace) a task; later registrations of a name win."""
    _TASKS[task.name] = task
    return task


def get(name: str) -> PassageTask:
    _register_builtins()
    try:
        return _TASKS[name]
    except KeyError:
        raise KeyError(f"no per-passage task named {name!r} (known: {sorted(_TASKS)})") from None


def registered() -> dict[str, PassageTask]:
    _register_builtins()
    return dict(_TASKS)


def _register_builtins() -> None:
    if "nlp" in _TASKS:
        return
    from chronicle import embeddings, nlp
    from chronicle.claims.version import claims_version

    register(
        PassageTask(
            name="nlp",
            run=nlp.analyse_plain,
            version=claims_version,
            setup=nlp.load_nlp,
        )
    )
    register(
        PassageTask(
            name="embeddings",
            run=embeddings.embed_plain,
            version=embeddings.version,
            setup=embeddings.setup,
            shard_size=100,
        )
    )
    register(
        PassageTask(
            name="parse",
            run=nlp.parse_plain,
            version=nlp.model_version,
            setup=nlp.load_parser,
        )
    )


def warm_up() -> None:
    """Called when the pipeline starts for real (the gathered chronicle was not reused):
    get the build's Dask cluster, if any, and every registered task's model ready in the
    background."""
    from chronicle import distributed

    s = distributed.current()
    if s is not None:
        s.warm_up(list(registered().values()))


def local_processes(config: Config, n_texts: int) -> int:
    """Process count for a local run: forking only pays off for large batches."""
    return workers(config, n_texts, LOCAL_PARALLEL_MIN)


def run_local(task: PassageTask, texts: list[str], n: int) -> list:
    """``task.run`` over ``texts`` in ``n`` processes: this one and ``n - 1`` forks, each
    on a contiguous share, the model loaded here first so the forks share it. A fork that
    fails has its share run here. Values come back as JSON, as the cache stores them."""
    if n <= 1 or len(texts) < 2:
        return task.run(texts)
    if task.setup is not None:
        task.setup()
    n = min(n, len(texts))
    bounds = [len(texts) * k // n for k in range(n + 1)]
    shares = [texts[bounds[k] : bounds[k + 1]] for k in range(n)]
    mine: list[list] = []
    returned = fork_shares(
        n, lambda k: json.dumps(task.run(shares[k])), lambda: mine.append(task.run(shares[0]))
    )
    out = json.loads(json.dumps(mine[0]))
    for k, data in enumerate(returned, start=1):
        out.extend(json.loads(data) if data is not None else task.run(shares[k]))
    return out


def run(
    name: str,
    texts: Sequence[str],
    config: Config,
    reporter: Reporter | None = None,
    *,
    stage: str = "nlp",
    own_stage: bool = True,
) -> list[Any]:
    """The task's value for each text: cached ones read, the rest computed and stored.

    Computed on the Dask cluster of the running build when there is one
    (:func:`chronicle.distributed.current`), else locally. Texts are computed in
    sorted-key order, so shards and results never depend on the input order.
    ``own_stage=False`` runs inside a stage the caller already timed (the merge's
    embeddings), so its time is not counted twice.
    """
    from chronicle import distributed

    task = get(name)
    reporter = reporter or Reporter()
    timed = reporter.stage(stage, len(texts)) if own_stage else contextlib.nullcontext()
    with timed:
        table = store.Table(Path(config.cache_dir), namespace=f"{task.name}-{task.version()}")
        keys = [table.key(t) for t in texts]
        found: dict[str, Any] = table.get_many(sorted(set(keys)))
        todo: dict[str, str] = {}
        for k, t in zip(keys, texts, strict=True):
            if k not in found and k not in todo:
                todo[k] = t
        if todo:
            order = sorted(todo)
            batch = [todo[k] for k in order]
            session = distributed.current()
            if session is not None:
                values = session.map_task(task, batch, reporter, stage)
            else:
                values = run_local(task, batch, local_processes(config, len(batch)))
            if len(values) != len(batch):
                raise RuntimeError(f"task {name!r} returned {len(values)} values for {len(batch)}")
            fresh = dict(zip(order, values, strict=True))
            table.put_many(fresh)
            found.update(fresh)
        table.save()
        if own_stage:
            reporter.advance(len(texts))
    reporter.log(f"{name}: {len(todo)} texts analysed, {len(texts) - len(todo)} from cache")
    return [found[k] for k in keys]
