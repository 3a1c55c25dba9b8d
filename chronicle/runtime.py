"""How a build uses the machine: worker processes, forks, garbage-collector pauses and
the C allocator of Dask workers.

One policy for every stage that forks (NLP, rendering, page digests), so a setting or a
machine change is made in one place. Forking after the shared state is built (a loaded
model, the site context) lets every process read it without pickling it; each child
sends back one text.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from collections.abc import Callable, Iterator
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


def fork_shares(
    n: int, child: Callable[[int], str], parent: Callable[[], object]
) -> list[str | None]:
    """Run ``child(k)`` for k = 1 … n-1 in forked processes while ``parent()`` runs here.

    Returns each child's text in order, ``None`` for a child that failed (its caller does
    that share itself, so an error surfaces once, from this process). When ``parent``
    raises, the children are reaped before the error goes up.
    """
    children: list[tuple[int, int]] = []  # (pid, read end of its pipe)
    for k in range(1, n):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do share k, report, never return
            code = 1
            try:
                os.close(r)
                data = child(k)
                with os.fdopen(w, "w", encoding="utf-8") as fh:
                    fh.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        children.append((pid, r))
    try:
        parent()
    except BaseException:
        for pid, r in children:
            os.close(r)
            os.waitpid(pid, 0)
        raise
    results: list[str | None] = []
    for pid, r in children:
        with os.fdopen(r, "r", encoding="utf-8") as fh:
            data = fh.read()
        _, status = os.waitpid(pid, 0)
        results.append(data if status == 0 else None)
    return results


#: glibc's ``mallopt`` parameters.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
#: The values glibc's adaptive thresholds reach on 64-bit machines: blocks up to 32 MiB
#: come from the heap and are reused; free memory at its top is returned past 64 MiB.
MMAP_THRESHOLD = 32 * 1024 * 1024
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD


def reuse_large_blocks() -> bool:
    """Undo the allocator cost of a Dask nanny's ``MALLOC_TRIM_THRESHOLD_``.

    Setting that variable (Dask's nannies do, 64 KiB, to hand freed memory back to the
    system at once) also freezes glibc's adaptive ``mmap`` threshold at 128 KiB, so every
    larger block — most of spaCy's batch arrays — is mapped, faulted in and unmapped
    each time: 15-18 % more CPU per shard, measured on the bench corpus. A worker that
    loads a model once and runs shard after shard inside ``memory_zone`` gains nothing
    from it, so both thresholds go to where glibc's adaptation takes them unset. Only
    where the variable is set, and only with glibc; returns whether it changed anything.
    """
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
        return bool(
            mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
            and mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
        )
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to undo
        return False
