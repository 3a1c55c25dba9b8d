"""The worker plugin of :mod:`chronicle.distributed`, apart so that only a build given a
scheduler imports Dask (Dask accepts only subclasses of its plugin classes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin


class ModelPreload(WorkerPlugin):
    """Run each task's ``setup`` (load its model) once per worker process, after
    :func:`chronicle.runtime.reuse_large_blocks` (the nanny's allocator setting).

    Registered with the scheduler, so workers that join later (a replacement for one that
    died) load the models before their first shard too.
    """

    name = "chronicle-model-preload"

    def __init__(self, setups: Sequence[Any]) -> None:
        self.setups = tuple(setups)

    def setup(self, worker: Any) -> None:
        from chronicle.runtime import reuse_large_blocks

        reuse_large_blocks()  # before the models allocate
        for load in self.setups:
            load()
