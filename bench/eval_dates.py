"""Score dating against the hand annotation of the seeds (tests/fixtures/seeds_dates.json).

Run: /work/venv/bin/python bench/eval_dates.py [--readers|--fixture] [-v]

Documents come from chronicle.readers when it can read the seeds, else they are
built from the annotation's document boundaries (the same seed text either way).
Prints reported-date, event-date and live-blog-time accuracy and every miss.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "seeds_dates.json"
sys.path.insert(0, str(ROOT))

from chronicle.config import Config  # noqa: E402
from chronicle.dating import DatingResult, date_documents  # noqa: E402
from chronicle.model import DatedPassage, DocHeader, Document, Passage  # noqa: E402

_SKIP = re.compile(
    r"^(?:Recommended Stories|list of \d+ items.*|Source link|BREAKING,?|NewsFeed|\(\w+\))$"
)


def load_fixture(path: Path = FIXTURE) -> dict:
    return json.loads(path.read_text("utf-8"))


def _collapse(lines: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(x.strip() for x in lines if x.strip())).strip()


def fixture_documents(fixture: dict, root: Path = ROOT) -> dict[str, tuple[Document, ...]]:
    """Documents for each seed file, built from the annotated boundaries and the seed text."""
    out: dict[str, tuple[Document, ...]] = {}
    for path, spec in fixture["files"].items():
        lines = (root / path).read_text("utf-8").split("\n")
        docs = []
        for index, d in enumerate(spec["documents"]):
            doc_id = hashlib.sha1(f"{path}:{d['start_line']}".encode()).hexdigest()[:12]
            passages = []
            for key in d["passages"]:
                a = fixture["passages"][key]
                line = int(key.rsplit(":", 1)[1])
                end = a["end_line"]
                if a["kind"] == "bullet":
                    text = _collapse([lines[line - 1].lstrip(" •")])
                    title = None
                elif a["kind"] == "entry":
                    body = lines[a["stamp_line"] : end]
                    text = _collapse([x for x in body if not _SKIP.match(x.strip())])
                    title = lines[line - 1].strip()
                else:
                    body = lines[line:end]
                    text = _collapse([x for x in body if not _SKIP.match(x.strip())])
                    title = lines[line - 1].strip()
                stamp = a.get("stamp_date")
                passages.append(
                    Passage(
                        id=hashlib.sha1(key.encode()).hexdigest()[:12],
                        path=path,
                        document_id=doc_id,
                        line=line,
                        end_line=end,
                        kind=a["kind"],
                        text=text,
                        title=title,
                        heading=a.get("heading"),
                        time=a.get("time"),
                        stamp_date=dt.date.fromisoformat(stamp) if stamp else None,
                        byline=a.get("byline"),
                    )
                )
            header = DocHeader(
                printed_date=d.get("printed_date"),
                printed_line=d.get("printed_line"),
                war_day=d.get("war_day"),
                war_day_line=d.get("war_day_line"),
            )
            docs.append(
                Document(
                    id=doc_id,
                    path=path,
                    index=index,
                    kind=d["kind"],
                    title=d["title"],
                    start_line=d["start_line"],
                    end_line=d["end_line"],
                    lines=(),
                    passages=tuple(passages),
                    header=header,
                )
            )
        out[path] = tuple(docs)
    return out


def reader_documents(fixture: dict, root: Path = ROOT) -> dict[str, tuple[Document, ...]] | None:
    """Documents from chronicle.readers, or None while the readers are not there."""
    try:
        from chronicle.readers import read_file  # type: ignore[attr-defined]
    except ImportError:
        return None
    out = {}
    for path in fixture["files"]:
        result = read_file(root / path, path, Config())
        out[path] = tuple(result.documents)
    return out


def run(docs_by_file: dict[str, tuple[Document, ...]]) -> dict[str, DatingResult]:
    return {path: date_documents(docs, Config()) for path, docs in docs_by_file.items()}


def same_period(value: dt.date, precision: str, truth: dt.date, truth_precision: str) -> bool:
    if precision != truth_precision:
        return False
    if precision == "day":
        return value == truth
    if precision == "week":
        return value.isocalendar()[:2] == truth.isocalendar()[:2]
    if precision == "month":
        return (value.year, value.month) == (truth.year, truth.month)
    return value.year == truth.year


def score(fixture: dict, results: dict[str, DatingResult]) -> dict:
    got: dict[str, DatedPassage] = {}
    for path, res in results.items():
        for dp in res.passages:
            got[f"{path}:{dp.passage.line}"] = dp
    rows = []
    for key, a in fixture["passages"].items():
        dp = got.get(key)
        if dp is None:
            rows.append((key, False, False, a["kind"] != "entry", "missing passage"))
            continue
        rep_ok = dp.reported.value.isoformat() == a["reported"]
        date_ok = same_period(
            dp.date.value,
            dp.date.precision,
            dt.date.fromisoformat(a["date"]),
            a.get("date_precision", "day"),
        )
        time_ok = a["kind"] != "entry" or dp.time == a.get("time")
        detail = (
            f"reported {dp.reported.value} (want {a['reported']}); date {dp.date.value} "
            f"{dp.date.precision} from {dp.date.evidence!r} (want {a['date']} "
            f"{a.get('date_precision', 'day')})"
        )
        rows.append((key, rep_ok, date_ok, time_ok, detail))
    entries = [
        r
        for r, (k, a) in zip(rows, fixture["passages"].items(), strict=True)
        if a["kind"] == "entry"
    ]
    total = len(rows)
    return {
        "total": total,
        "reported": sum(r[1] for r in rows) / total,
        "date": sum(r[2] for r in rows) / total,
        "time": sum(r[3] for r in entries) / max(1, len(entries)),
        "rows": rows,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--fixture", action="store_true", help="build documents from the annotation")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every passage")
    args = ap.parse_args(argv)
    fixture = load_fixture()
    docs = None if args.fixture else reader_documents(fixture)
    source = "chronicle.readers"
    if docs is None:
        docs, source = fixture_documents(fixture), "annotation boundaries"
    results = run(docs)
    s = score(fixture, results)
    print(f"documents from {source}; {s['total']} annotated passages")
    print(f"reported dates right: {s['reported']:.1%}")
    print(f"event dates right:    {s['date']:.1%}")
    print(f"live-blog times right: {s['time']:.1%}")
    for key, rep_ok, date_ok, time_ok, detail in s["rows"]:
        if args.verbose or not (rep_ok and date_ok and time_ok):
            flag = "ok " if rep_ok and date_ok and time_ok else "MISS"
            print(f"{flag} {key}: {detail}")
    for res in results.values():
        for d in res.diagnostics:
            print(f"  {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
