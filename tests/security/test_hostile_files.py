"""Hostile files beside the seeds build without a traceback, every bad file is
named, the seeds lose nothing, and nothing is written outside the output folder.

The builds run the real CLI in a fresh interpreter (as a user would) and are shared by
the tests of this module through :func:`hostile_gen.build_once`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers.hostile_gen import (
    EXPECT,
    SEEDS,
    Built,
    build_once,
    describe,
    fill_seeds,
    fill_seeds_and_hostile,
    input_lines,
    load_events,
    pages,
    squash,
)
from helpers.site_checks import RESERVED, SAFE_SEGMENT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once("hostile", tmp_path_factory.mktemp("hostile"), fill_seeds_and_hostile)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_once("seeds", tmp_path_factory.mktemp("seeds"), fill_seeds)


def _messages(run_output: str, name: str) -> list[str]:
    return [ln for ln in run_output.splitlines() if name in ln]


def test_hostile_build_succeeds_without_traceback(hostile: Built) -> None:
    assert "Traceback" not in hostile.run.output, describe(hostile.run)
    assert hostile.run.code == 0, describe(hostile.run)
    assert (hostile.out / "index.html").is_file(), describe(hostile.run)


def test_strict_turns_warnings_into_failure(
    hostile: Built, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("hostile-strict")
    strict = build_once(
        "hostile-strict",
        root,
        fill_seeds_and_hostile,
        extra=("--strict", "--no-search"),
        cache=hostile.root / "cache",
    )
    assert "Traceback" not in strict.run.output, describe(strict.run)
    assert strict.run.code not in (0, None), describe(strict.run)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECT.items() if e.named))
def test_every_bad_file_is_named(hostile: Built, name: str) -> None:
    expect = EXPECT[name]
    said = _messages(hostile.run.output, name)
    more = [ln for ln in hostile.run.output.splitlines() if "more" in ln and "--verbose" in ln]
    assert said, (
        f"no message names {name!r}"
        + (f" (some messages were folded away: {more})" if more else "")
        + "\n"
        + describe(hostile.run)
    )
    if expect.lines is not None:
        lo, hi = expect.lines
        numbers = [int(m) for ln in said for m in re.findall(re.escape(name) + r":(\d+)", ln)]
        assert any(lo <= n <= hi for n in numbers), (
            f"{name}: no message gives a line in {lo}..{hi}: {said}"
        )


def test_seeds_yield_every_event_they_yield_alone(seeds: Built, hostile: Built) -> None:
    assert seeds.run.code == 0, describe(seeds.run)
    alone = {e["id"] for e in load_events(seeds.out)}
    beside = {e["id"] for e in load_events(hostile.out)}
    assert alone, "the seeds alone yield no events"
    lost = sorted(alone - beside)
    assert not lost, f"{len(lost)} seed events lost beside the hostile files: {lost[:20]}"


def test_hostile_documents_produce_events(seeds: Built, hostile: Built) -> None:
    """The hostile files with readable news must add events, not be silently dropped."""
    alone = len(load_events(seeds.out))
    beside = len(load_events(hostile.out))
    readable = [n for n, e in EXPECT.items() if e.decodes_as and not n.startswith("zz_")]
    assert beside >= alone + len(readable) // 2, (alone, beside)


_CHECK_LOSSLESS = sorted(n for n, e in EXPECT.items() if e.decodes_as)


@pytest.mark.parametrize("name", _CHECK_LOSSLESS)
def test_source_pages_show_every_line(hostile: Built, name: str) -> None:
    """Every non-blank input line is shown (as text, escaped) on some page."""
    text = _all_text(hostile.out)
    missing = [
        ln
        for ln in input_lines(hostile.src / name, EXPECT[name].decodes_as or "utf-8")
        if squash(ln) and squash(ln) not in text
    ]
    assert not missing, f"{name}: {len(missing)} lines shown nowhere, e.g. {missing[:3]}"


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_source_pages_show_every_line_beside_hostile(hostile: Built, name: str) -> None:
    text = _all_text(hostile.out)
    missing = [ln for ln in input_lines(hostile.src / name, "utf-8") if squash(ln) not in text]
    assert not missing, f"{name}: {len(missing)} lines shown nowhere, e.g. {missing[:3]}"


_TEXT: dict[Path, str] = {}


def _all_text(out: Path) -> str:
    if out not in _TEXT:
        _TEXT[out] = "\n".join(squash(s.get_text()) for s in pages(out).values())
    return _TEXT[out]


def test_nothing_written_outside_the_output_folder(hostile: Built) -> None:
    changed = sorted(
        k
        for k in set(hostile.before) | set(hostile.after)
        if hostile.before.get(k) != hostile.after.get(k)
    )
    assert not changed, f"written outside site/ and the cache: {changed[:20]}"
    assert not list(Path("/tmp").glob("pwned*")), "a title escaped to /tmp/pwned"
    assert not (Path("/etc") / "passwd.html").exists()


def test_output_names_are_safe(hostile: Built) -> None:
    bad: list[str] = []
    for path in hostile.out.rglob("*"):
        rel = path.relative_to(hostile.out)
        for seg in rel.parts:
            stem = seg.split(".")[0].lower()
            if not SAFE_SEGMENT.match(seg) or stem in RESERVED or seg in {".", ".."}:
                bad.append(rel.as_posix())
                break
        if path.is_symlink():
            bad.append(f"{rel.as_posix()} (symlink)")
    assert not bad, f"{len(bad)} unsafe output paths, e.g. {sorted(bad)[:15]}"


def test_distinct_events_get_distinct_urls(hostile: Built) -> None:
    events = load_events(hostile.out)
    ids = [e["id"] for e in events]
    dup_ids = sorted({i for i in ids if ids.count(i) > 1})
    assert not dup_ids, f"event ids shared by several events: {dup_ids[:10]}"
    urls = [e.get("url") for e in events if e.get("url")]
    dup_urls = sorted({u for u in urls if urls.count(u) > 1})
    assert not dup_urls, f"event URLs shared by several events: {dup_urls[:10]}"
    pages_ = [p for p in hostile.out.glob("events/**/index.html")]
    assert len(pages_) >= len(events), (
        f"{len(events)} events but {len(pages_)} event pages: some overwrote others"
    )


def test_duplicate_titles_stay_two_documents(hostile: Built) -> None:
    """Two different files with one title both keep their own text on the site."""
    text = _all_text(hostile.out)
    for name in ("duplicate_title_a.txt", "duplicate_title_b.txt"):
        body = input_lines(hostile.src / name, "utf-8")[1]
        assert squash(body) in text, f"{name}: its text vanished (title collision?)"


def _report(out: Path) -> dict:
    found = sorted(out.rglob("report.json"))
    assert found, "no report.json: the build report listing warnings and unused passages"
    return json.loads(found[0].read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECT.items() if e.named))
def test_build_report_names_every_bad_file(hostile: Built, name: str) -> None:
    """The report on the site keeps every warning (the terminal may fold repeats away)."""
    warnings = _report(hostile.out).get("warnings", [])
    paths = [str(w.get("path") or "") for w in warnings]
    assert any(p.endswith(name) for p in paths), f"report.json names no warning for {name}"


def test_every_passage_is_an_event_or_listed_unused(hostile: Built) -> None:
    report = _report(hostile.out)
    total = report["counts"]["passages"]
    used = {
        (s.get("document"), s.get("line"))
        for e in load_events(hostile.out)
        for s in e.get("sources", [])
    }
    unused = report.get("unused_passages", [])
    for u in unused:
        assert u.get("reason"), f"unused passage without a reason: {u}"
    assert len(used) + len(unused) >= total, (
        f"{total} passages, but only {len(used)} are in events and {len(unused)} listed unused"
    )


def test_distinct_entities_get_distinct_urls(hostile: Built) -> None:
    seen: dict[str, str] = {}
    clashes: list[str] = []
    for export in sorted(hostile.out.rglob("*.json")):
        if "pagefind" in export.parts:
            continue
        data = json.loads(export.read_text("utf-8"))
        groups = (
            [data]
            if isinstance(data, list)
            else [
                v
                for k, v in data.items()
                if k in ("actors", "places", "topics") and isinstance(v, list)
            ]
            if isinstance(data, dict)
            else []
        )
        for group in groups:
            for item in group:
                if isinstance(item, dict) and item.get("url") and item.get("id"):
                    url, ident = item["url"], item["id"]
                    if seen.setdefault(url, ident) != ident:
                        clashes.append(f"{url}: {seen[url]} and {ident}")
    assert seen, "no entity exports with urls found"
    assert not clashes, f"entities sharing a URL: {sorted(set(clashes))[:10]}"
