"""How a build uses the machine: worker processes and garbage-collector pauses.

One policy for every stage that forks (NLP, rendering, page digests), so a setting or a
machine change is made in one place.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager

from chronicle.config import Config

#: Workers when the config leaves it to the machine: the builds run on two cores, and
#: more processes than that only add memory.
DEFAULT_WORKERS = 2


def workers(config: Config, n_items: int, min_items: int) -> int:
    """Processes for a stage of ``n_items``: one below ``min_items`` (a fork costs more
    than it saves) or without ``fork``; else ``config.workers``, or the cores up to
    :data:`DEFAULT_WORKERS`."""
    if n_items < min_items or not hasattr(os, "fork"):
        return 1
    return max(1, config.workers or min(os.cpu_count() or 1, DEFAULT_WORKERS))


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused for a stage that allocates millions of small
    acyclic objects over a large heap (memos, mentions, features): every collection would
    walk the whole heap again, a third of these stages' time on a 1.2M-word corpus.
    Reference counting still frees everything; cycles wait for the end of the stage."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
