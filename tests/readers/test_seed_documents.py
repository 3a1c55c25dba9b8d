"""The readers on the real seeds, checked against a hand-made annotation of them.

tests/fixtures/seeds_passages.json lists every expected passage (path, line, kind,
heading/title, time): 77 digest bullets, 38 live-blog entries and 5 articles.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from chronicle.config import Config
from chronicle.model import LINE_ROLES
from chronicle.readers import iter_source_files, read_file

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ANNOTATION = json.loads((ROOT / "tests/fixtures/seeds_passages.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def results():
    out = {}
    for path in iter_source_files(SEEDS):
        display = f"seeds/{path.name}"
        out[display] = read_file(path, display, Config())
    return out


def _passages(results):
    return [p for r in results.values() for d in r.documents for p in d.passages]


def test_seeds_give_exactly_the_annotated_passages(results):
    got = {(p.path, p.line, p.kind) for p in _passages(results)}
    want = {(a["path"], a["line"], a["kind"]) for a in ANNOTATION["passages"]}
    assert got - want == set(), "passages that are not in the annotation (boilerplate?)"
    assert want - got == set(), "annotated passages the readers missed"
    kinds = Counter(p.kind for p in _passages(results))
    assert kinds == {"bullet": 77, "entry": 38, "article": 5}


def test_seed_headings_titles_and_times_match_annotation(results):
    by_key = {(p.path, p.line): p for p in _passages(results)}
    for a in ANNOTATION["passages"]:
        p = by_key[(a["path"], a["line"])]
        if a["kind"] == "bullet":
            assert p.heading == a["heading"], a
        else:
            assert p.title == a["title"], a
        if "time" in a:
            assert p.time == a["time"], a


def test_every_line_has_exactly_one_role_and_documents_partition_files(results):
    for path, r in results.items():
        n = len((ROOT / path).read_text("utf-8").splitlines())
        numbers = [line.number for d in r.documents for line in d.lines]
        assert numbers == list(range(1, n + 1)), path
        assert all(line.role in LINE_ROLES for d in r.documents for line in d.lines)
        for d in r.documents:
            assert d.start_line == d.lines[0].number and d.end_line == d.lines[-1].number


def test_boilerplate_never_reaches_passage_text(results):
    texts = " ".join(p.text for p in _passages(results))
    for junk in (
        "Recommended Stories",
        "itemsend of list",
        "Source link",
        "(AP)",
        "(Reuters)",
        "Sign up to read",
        "REUTERS/Thomas Peter",
        "[Sergei Gapon/AFP]",
        "NewsFeed",
        "BREAKING,",
        "Read the full report here",
        "writes:",
    ):
        assert junk not in texts, junk


def test_seed_documents_and_headers(results):
    docs = [d for r in results.values() for d in r.documents]
    assert Counter(d.kind for d in docs) == {"digest": 4, "article": 5, "liveblog": 1}
    digests = [d for d in docs if d.kind == "digest"]
    assert [(d.header.war_day, d.header.printed_date) for d in digests] == [
        (1441, "Wednesday, February 4"),
        (1440, "Tuesday, February 2"),
        (1435, "Thursday, January 29"),
        (1433, "Tuesday, January 27"),
    ]
    assert all(d.header.printed_line and d.header.war_day_line for d in digests)
    assert {d.publisher for d in docs if d.kind != "liveblog"} == {"Al Jazeera"}
    blog = next(d for d in docs if d.kind == "liveblog")
    assert blog.publisher == "The Independent"
    assert blog.title.startswith("Ukraine-Russia war latest:")
    assert (
        blog.header.published is not None
        and blog.header.published.date().isoformat() == "2026-01-28"
    )
    articles = [d for d in docs if d.kind == "article"]
    assert [d.section for d in articles] == [
        "Conflict News",
        "Russia-Ukraine war News",
        "Russia-Ukraine war",
        "Russia-Ukraine war News",
        "Vladimir Putin News",
    ]


def test_live_blog_entries_carry_byline_and_printed_date(results):
    entries = [p for p in _passages(results) if p.kind == "entry"]
    assert all(p.byline in {"Arpan Rai", "Alex Croft", "Harriette Boucher"} for p in entries)
    dated = [p for p in entries if p.stamp_date is not None]
    assert len(dated) == 19 and {p.stamp_date.isoformat() for p in dated} == {"2026-01-28"}
    video = [p for p in entries if not p.text]
    assert {p.title for p in video} >= {
        "Watch: Zelensky warns Russia is planning ‘massive’ strike ahead of peace talks"
    }
    assert all("(AP)" not in p.text for p in entries)


def test_ids_are_unique_and_repeats_get_occurrence_suffixes(results):
    ps = _passages(results)
    assert len({p.id for p in ps}) == len(ps)
    assert any(p.id.endswith("-2") for p in ps)  # the live blog repeats entries verbatim
    docs = [d for r in results.values() for d in r.documents]
    assert len({d.id for d in docs}) == len(docs)


def test_no_diagnostics_above_info_on_clean_seeds(results):
    diags = [d for r in results.values() for d in r.diagnostics if d.severity != "info"]
    assert diags == []
