"""The per-passage task registry: values cached by the builder, computed once, in order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle import distributed, passagetasks
from chronicle.build import Reporter
from chronicle.config import Config

CALLS: list[list[str]] = []


def word_lengths(texts: list[str]) -> list[list[int]]:
    CALLS.append(list(texts))
    return [[len(w) for w in t.split()] for t in texts]


def version() -> str:
    return "lengths-1"


@pytest.fixture
def task() -> passagetasks.PassageTask:
    CALLS.clear()
    return passagetasks.register(
        passagetasks.PassageTask(name="test-lengths", run=word_lengths, version=version)
    )


class Recorder(Reporter):
    def __init__(self) -> None:
        super().__init__()
        self.events: list[tuple] = []

    def start(self, stage: str, total: int | None = None) -> None:
        self.events.append(("start", stage, total))

    def advance(self, n: int = 1) -> None:
        self.events.append(("advance", n))

    def log(self, message: str) -> None:
        self.events.append(("log", message))


def test_values_come_back_in_input_order_and_each_text_runs_once(
    task: passagetasks.PassageTask, tmp_path: Path
) -> None:
    config = Config(cache_dir=tmp_path)
    texts = ["b bb", "a", "b bb", "ccc c"]
    assert passagetasks.run(task.name, texts, config) == [[1, 2], [1], [1, 2], [3, 1]]
    assert sorted(CALLS[0]) == ["a", "b bb", "ccc c"]  # the repeated text ran once
    CALLS.clear()
    assert passagetasks.run(task.name, ["a", "dd"], config) == [[1], [2]]
    assert CALLS == [["dd"]]  # "a" came from the builder's cache


def test_a_new_task_version_is_a_cache_miss(task: passagetasks.PassageTask, tmp_path: Path) -> None:
    config = Config(cache_dir=tmp_path)
    passagetasks.run(task.name, ["a b"], config)
    passagetasks.register(
        passagetasks.PassageTask(name=task.name, run=word_lengths, version=lambda: "lengths-2")
    )
    CALLS.clear()
    passagetasks.run(task.name, ["a b"], config)
    assert CALLS == [["a b"]]


class FakeSession:
    """Stands for a Dask session: records what the registry hands to the cluster."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def map_task(self, task, texts, reporter, stage):  # noqa: ANN001, ANN201
        self.batches.append(list(texts))
        reporter.start(stage, 2)
        reporter.advance()
        reporter.advance()
        return task.run(list(texts))


def test_with_a_cluster_only_uncached_texts_are_sent_and_the_builder_caches_them(
    task: passagetasks.PassageTask, tmp_path: Path
) -> None:
    config = Config(cache_dir=tmp_path)
    passagetasks.run(task.name, ["x"], config)
    fake = FakeSession()
    token = distributed._CURRENT.set(fake)  # noqa: SLF001
    try:
        rec = Recorder()
        out = passagetasks.run(task.name, ["yy", "x", "zzz"], config, rec, stage="nlp")
    finally:
        distributed._CURRENT.reset(token)  # noqa: SLF001
    assert out == [[2], [1], [3]]
    assert len(fake.batches) == 1 and sorted(fake.batches[0]) == ["yy", "zzz"]
    assert ("start", "nlp", 2) in rec.events  # progress switched to shards
    CALLS.clear()
    assert passagetasks.run(task.name, ["yy", "zzz"], config) == [[2], [3]]
    assert CALLS == []


def test_nlp_is_a_registered_task_returning_spans_and_claims_as_plain_data() -> None:
    task = passagetasks.get("nlp")
    assert task.setup is not None
    values = task.run(["Volodymyr Zelensky said in Warsaw on Monday that talks had failed."])
    spans, claims = values[0]
    assert all(type(s) is list and len(s) == 4 for s in spans)
    assert {s[2] for s in spans} >= {"PERSON", "GPE"}
    assert json.loads(json.dumps(claims)) == claims and claims


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", ""), ("local:2", "local:2"), ("tcp://10.0.0.5", "tcp://10.0.0.5:8786"),
     ("tcp://host.example:9000", "tcp://host.example:9000")],
)  # fmt: skip
def test_scheduler_addresses(value: str, expected: str) -> None:
    assert distributed.check_address(value) == expected


def pid_marked(texts: list[str]) -> list[list]:
    import os

    return [[len(t), os.getpid()] for t in texts]


def fails_in_forks(texts: list[str]) -> list[list[int]]:
    import os

    if os.getpid() != PARENT:
        raise RuntimeError("a fork failed")
    return [[len(t)] for t in texts]


PARENT = __import__("os").getpid()


def test_a_local_run_forks_shares_and_keeps_the_order() -> None:
    task = passagetasks.PassageTask(name="test-pids", run=pid_marked, version=version)
    texts = [f"text {'x' * k}" for k in range(10)]
    values = passagetasks.run_local(task, texts, 2)
    assert [v[0] for v in values] == [len(t) for t in texts]
    assert len({v[1] for v in values}) == 2  # two processes did the work
    assert passagetasks.run_local(task, texts, 1) == [[len(t), PARENT] for t in texts]


def test_a_share_whose_fork_fails_is_run_by_the_builder() -> None:
    task = passagetasks.PassageTask(name="test-fails", run=fails_in_forks, version=version)
    texts = ["a", "bb", "ccc", "dddd"]
    assert passagetasks.run_local(task, texts, 2) == [[1], [2], [3], [4]]


def test_forked_nlp_equals_nlp_in_one_process() -> None:
    ner = passagetasks.get("nlp")
    texts = [
        "Volodymyr Zelensky met officials in Warsaw on Monday.",
        "Russian drones struck Odesa overnight, the governor said.",
        "NATO ministers met in Brussels.",
        "Kyiv and Moscow exchanged prisoners in Istanbul.",
    ]
    assert passagetasks.run_local(ner, texts, 2) == ner.run(texts)
