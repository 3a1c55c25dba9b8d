"""The calendar heatmap says "how many" by the size of a day's square as well as its
colour, and its links are not hidden inside an image role."""

from __future__ import annotations

import datetime as dt

from bs4 import BeautifulSoup

from chronicle.site.heatmap import render_heatmap


def test_square_size_grows_with_the_count_and_days_are_links() -> None:
    start = dt.date(2026, 2, 2)
    counts = {start + dt.timedelta(days=i): n for i, n in enumerate((1, 3, 6, 12))}
    svg = BeautifulSoup(str(render_heatmap(counts, lambda d: f"/days/{d}/")), "html.parser")
    root = svg.find("svg")
    assert root.get("role") is None and root.get("aria-labelledby")
    sides = []
    for day in sorted(counts):
        link = svg.find("a", href=f"/days/{day}/")
        assert link["aria-label"].startswith(f"{counts[day]} event")
        sides.append(float(link.rect["width"]))
    assert sides == sorted(sides) and sides[0] < sides[-1]
    empty = [float(r["width"]) for r in root.find_all("rect", recursive=False)]
    assert empty and max(empty) < sides[0]  # a day without events is the smallest mark
