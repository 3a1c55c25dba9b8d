"""The fork helper behind the render shards and the page-key digests."""

from __future__ import annotations

import os

import pytest

from chronicle.site.forks import fork_shares

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_children_report_their_share_in_order() -> None:
    ran: list[str] = []
    results = fork_shares(3, lambda k: f"share {k}", lambda: ran.append("parent"))
    assert results == ["share 1", "share 2"]
    assert ran == ["parent"]


def test_a_failed_child_reports_none() -> None:
    def child(k: int) -> str:
        if k == 1:
            raise RuntimeError("boom")
        return "ok"

    assert fork_shares(3, child, lambda: None) == [None, "ok"]


def test_a_failing_parent_reaps_its_children() -> None:
    def parent() -> None:
        raise ValueError("parent failed")

    with pytest.raises(ValueError, match="parent failed"):
        fork_shares(2, lambda k: "x", parent)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_one_process_forks_nothing() -> None:
    ran: list[int] = []
    assert fork_shares(1, lambda k: "never", lambda: ran.append(0)) == []
    assert ran == [0]
