"""A registered per-passage task, counting the batches it computes, restored afterwards."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from chronicle import passagetasks


@contextmanager
def counting_task(name: str, record: Callable[[list[str]], Any] = list) -> Iterator[list]:
    """Yields the list of ``record(texts)`` of every batch the task computes."""
    original = passagetasks.get(name)
    calls: list = []

    def counting(texts: list[str]) -> list:
        calls.append(record(list(texts)))
        return original.run(texts)

    passagetasks.register(dataclasses.replace(original, run=counting))
    try:
        yield calls
    finally:
        passagetasks.register(original)
