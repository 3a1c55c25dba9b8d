"""Forked shares of the render and of the page digests (:func:`chronicle.runtime.fork_shares`)."""

from __future__ import annotations

from chronicle.runtime import fork_shares

__all__ = ["fork_shares"]
