"""An event known only to its month is shown on the month's page, never on a made-up day."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from helpers.factories import make_chronicle

from chronicle.config import Config
from chronicle.model import DateValue
from chronicle.site import write_site
from chronicle.site.context import build_context


def _chronicle():  # noqa: ANN202
    chron = make_chronicle()
    events = list(chron.events)
    events[0] = dataclasses.replace(
        events[0], date=DateValue(dt.date(2026, 1, 1), "month", "in January 2026")
    )
    return dataclasses.replace(chron, events=tuple(events)), events[0]


def test_month_precision_is_kept_off_the_day_pages_and_counts() -> None:
    chron, month_event = _chronicle()
    ctx = build_context(chron, Config())
    assert dt.date(2026, 1, 1) not in ctx.by_day
    assert month_event in ctx.by_month[(2026, 1)]
    assert all(e.date.precision == "day" for evs in ctx.by_day.values() for e in evs)


def test_month_page_lists_it_and_no_day_page_exists(tmp_path) -> None:
    chron, month_event = _chronicle()
    out = tmp_path / "site"
    write_site(chron, Config(), out)
    assert not (out / "days/2026/01/01").exists()
    month = (out / "days/2026/01/index.html").read_text("utf-8")
    assert "During January 2026" in month and month_event.title in month
    assert "1 January" not in month
    page = next((out / "events/2026/01/01").glob("*/index.html")).read_text("utf-8")
    data = [
        json.loads(chunk.split(">", 1)[1].split("</script>", 1)[0])
        for chunk in page.split('<script type="application/ld+json"')[1:]
    ]
    assert any(d.get("startDate") == "2026-01" for d in data if isinstance(d, dict))
