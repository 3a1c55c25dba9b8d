"""What page kinds compute their pages' data from, made once per build before forking."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chronicle.model import Diagnostic
from chronicle.site.context import SiteContext
from chronicle.site.heatmap import render_heatmap
from chronicle.site.linked import Linked
from chronicle.site.summaries import DaySummaries, Highlight
from chronicle.site.urls import day_url


@dataclass
class SiteData:
    """The context, the views of its objects (:class:`Linked`), day summaries and the
    build's warnings (for the report)."""

    ctx: SiteContext
    warnings: list[Diagnostic]
    linked: Linked = field(init=False)
    summaries: DaySummaries = field(init=False)

    def __post_init__(self) -> None:
        self.linked = Linked(self.ctx)
        self.summaries = DaySummaries(self.ctx)

    def heatmap(self, start: dt.date | None = None, end: dt.date | None = None) -> Any:
        """The events-per-day calendar (all days, or ``start`` to ``end``)."""
        ctx = self.ctx
        counts = {d: len(evs) for d, evs in ctx.by_day.items()}
        base = ctx.config.base_path
        return render_heatmap(counts, lambda d: base + day_url(d), start, end)

    def highlights(self, found: list[Highlight]) -> list[Highlight]:
        """Day highlights with their events as views (linking their pages)."""
        return [dataclasses.replace(h, event=self.linked.event(h.event)) for h in found]
