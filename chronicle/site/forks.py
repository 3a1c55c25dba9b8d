"""Share work between this process and forked copies of it.

Forking after the shared state is built (the site context, the page keys) lets every
process read it without pickling it; each child sends back one text. Used for the render
shards and for the digests the page keys need.
"""

from __future__ import annotations

import os
from collections.abc import Callable


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
