"""The benchmark driver's pure parts: ratios, BENCHMARKS.md blocks, memory sampling."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from helpers.benchmod import load_bench

ROOT = Path(__file__).resolve().parents[2]


_load = load_bench


run = _load("run")


def _runs() -> dict:
    R = run.Run
    return {
        "spacy": R("spacy", 100.0, 900.0, {"texts": 10, "words": 1000, "load_s": 1, "pipe_s": 99}),
        "cold": R(
            "cold",
            120.0,
            2000.0,
            {
                "documents": 5,
                "passages": 50,
                "events": 40,
                "pages": 300,
                "timings": {"read": 1.0, "nlp": 90.0},
            },
        ),
        "nochange": R("nochange", 6.0, 500.0, {}),
        "onedoc": R("onedoc", 30.0, 600.0, {"passages": 51}),
        "template": R("template", 9.0, 500.0, {}),
    }


def test_ratios_against_the_issue_limits() -> None:
    twin = run.hugo_twin.TwinTimings(hugo=5.0, pagefind=5.0, pages=100, peak_rss_mb=300)
    got = {name: (value, limit) for name, value, limit in run.ratios(_runs(), twin)}
    assert got["cold / spaCy"] == (1.2, 1.5)
    assert got["no change / cold"] == (0.05, 0.10)
    assert got["one document / cold"] == (0.25, 0.20)
    assert got["template / (Hugo + Pagefind)"] == (0.9, 1.0)


def test_block_replaces_only_its_own_corpus_size(tmp_path: Path) -> None:
    md = tmp_path / "BENCHMARKS.md"
    md.write_text("# Benchmarks\n\nIntro.\n\n## Results\n\n## Hot spots\n\nkept\n")
    mach = {k: "x" for k in ("nproc", "memory", "cpu", "python", "spacy", "hugo", "commit")}
    mach["load"] = "0.1"
    meta = {
        "words": 1000,
        "files": 3,
        "first_day": "2026-01-01",
        "last_day": "2026-01-02",
        "seed": 1,
    }
    twin = run.hugo_twin.TwinTimings(hugo=5.0, pagefind=5.0, pages=100, peak_rss_mb=300)
    for words, cold in ((200, 120.0), (1000, 120.0), (200, 150.0)):
        runs = _runs()
        runs["cold"].seconds = cold
        args = argparse.Namespace(words=words, seed=1)
        block = run.render_block(args, mach, meta, runs, twin, "base.html")
        run.write_benchmarks(block, words, md)
    text = md.read_text()
    assert text.count("<!-- bench:words=200 -->") == 1
    assert text.count("<!-- bench:words=1000 -->") == 1
    assert "| chronicle cold build (empty cache) | 150.0 s | 0.00 s |" in text  # rerun replaced
    assert "| chronicle cold build (empty cache) | 120.0 s |" in text  # the other size kept
    for line in text.splitlines():  # every table row has as many cells as its header
        if line.startswith("| chronicle") or line.startswith("| raw spaCy"):
            assert line.count("|") == 6, line
    assert "one document / cold | 0.200 | ≤ 0.2 | pass" in text  # 30 / 150
    assert "**FAIL**" in text  # 30 / 120 for the 1000-word block
    assert "kept" in text and text.index("## Results") < text.index("## Hot spots")
    assert "python bench/run.py --words 1000 --seed 1" in text


def test_tree_rss_counts_this_process() -> None:
    assert run._tree_rss_mb(os.getpid()) > 10
    assert run._tree_rss_mb(2**22 + 12345) == 0


def test_edited_templates_copy_changes_one_layout(tmp_path: Path, monkeypatch) -> None:
    src = tmp_path / "bundled"
    src.mkdir()
    (src / "base.html").write_text("<html><body>{% block main %}{% endblock %}</body></html>")
    (src / "event.html").write_text('{% extends "base.html" %}')
    monkeypatch.setattr(run, "bundled_templates", lambda: src)
    dest, edited = run.edited_templates(tmp_path / "copy")
    assert edited == "base.html"
    assert "benchmark: template edited" in (dest / "base.html").read_text()
    assert (dest / "event.html").read_text() == (src / "event.html").read_text()
    assert "benchmark" not in (src / "base.html").read_text()


def test_fresh_source_links_corpus_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("x")
    (corpus / "b.md").write_text("y")
    (corpus / "corpus.json").write_text("{}")
    run.fresh_source(corpus, tmp_path / "src")
    assert sorted(p.name for p in (tmp_path / "src").iterdir()) == ["a.txt", "b.md"]


def test_render_only_rewrites_block_from_saved_figures(tmp_path: Path) -> None:
    import json
    from dataclasses import asdict

    runs = _runs()
    meta = {
        "words": 1000,
        "files": 3,
        "first_day": "2026-01-01",
        "last_day": "2026-01-02",
        "seed": 1,
    }
    mach = {k: "x" for k in ("nproc", "memory", "cpu", "python", "spacy", "hugo", "commit")}
    mach["load"] = "0.1"
    state = {
        "machine": mach,
        "meta": meta,
        "runs": {k: asdict(r) for k, r in runs.items()},
        "twin": None,
        "template_file": "base.html",
    }
    (tmp_path / "runs-w1000-s1.json").write_text(json.dumps(state))
    md = tmp_path / "B.md"
    run.main(["--words", "1000", "--work", str(tmp_path), "--render-only", "--benchmarks", str(md)])
    text = md.read_text()
    assert "| chronicle cold build (empty cache) | 120.0 s |" in text
    assert "run incomplete" in text  # no Hugo twin figures were saved
