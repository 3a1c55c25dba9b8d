"""``chronicle check``: what an editor must look at, without writing a site.

It runs the same :func:`chronicle.build.gather` as a build, so what it reports is exactly
what a build would do with the input; it only picks the diagnostics a person can act on
and groups them by what to do about them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from chronicle import build as build_module
from chronicle.config import Config
from chronicle.model import Chronicle, Diagnostic
from chronicle.reporter import Reporter

#: (heading, diagnostic codes) in the order an editor should work through them.
CATEGORIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Documents that could not be read (fix or remove the file)",
        (
            "C101",
            "C102",
            "C103",
            "C104",
            "C105",
            "C106",
            "C107",
            "C108",
            "C109",
            "C110",
            "C111",
            "C112",
        ),  # fmt: skip
    ),
    (
        "Date conflicts inside documents (printed date, weekday, war-day counter)",
        ("C201", "C202"),
    ),
    ("Passages or documents not dated from a date of their own", ("C203", "C204", "C205")),
    ("Ambiguous or unknown actors (add them to an actors file)", ("C301", "C302")),
)
CHECK_CODES = frozenset(code for _, codes in CATEGORIES for code in codes)
#: Listed whatever their severity: the extraction stage files unknown actors as notes for
#: the build log, but adding them to an actors table is exactly an editor's job.
ALWAYS_LISTED = frozenset({"C301", "C302"})


@dataclass(frozen=True)
class CheckResult:
    chronicle: Chronicle
    findings: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def select_findings(
    diagnostics: Iterable[Diagnostic], include_info: bool = False
) -> tuple[Diagnostic, ...]:
    """Diagnostics an editor can act on, de-duplicated, ordered by file and line.

    Other notes (severity info, e.g. C204 "dated from its text and neighbours") are not
    problems, so they only count when asked for (``chronicle check --verbose``).
    """
    seen: set[tuple[str, str | None, int | None, str]] = set()
    out: list[Diagnostic] = []
    for d in diagnostics:
        key = (d.code, d.path, d.line, d.message)
        if d.severity == "info" and not include_info and d.code not in ALWAYS_LISTED:
            continue
        if d.code in CHECK_CODES and key not in seen:
            seen.add(key)
            out.append(d)
    return tuple(sorted(out, key=lambda d: (d.path or "", d.line or 0, d.code)))


def group_findings(findings: Sequence[Diagnostic]) -> list[tuple[str, list[Diagnostic]]]:
    """Findings under their category heading; empty categories are left out."""
    groups = []
    for heading, codes in CATEGORIES:
        items = [d for d in findings if d.code in codes]
        if items:
            groups.append((heading, items))
    return groups


def format_report(findings: Sequence[Diagnostic]) -> list[str]:
    """Plain-text report lines, one per finding, under headings with counts."""
    if not findings:
        return ["No problems found."]
    lines: list[str] = []
    for heading, items in group_findings(findings):
        if lines:
            lines.append("")
        lines.append(f"{heading}: {len(items)}")
        lines.extend(f"  {d}" for d in items)
    return lines


def run_check(
    config: Config, reporter: Reporter | None = None, include_info: bool = False
) -> CheckResult:
    """Read, date and analyse the sources (nothing is written) and pick out the findings."""
    chronicle = build_module.gather(config, reporter)
    findings = select_findings(chronicle.diagnostics, include_info)
    return CheckResult(chronicle=chronicle, findings=findings)


def category_of(code: str) -> str:
    return next((heading for heading, codes in CATEGORIES if code in codes), "other")


def findings_json(result: CheckResult) -> str:
    """The findings and counts as JSON, one object per finding, for tools and CI annotations."""
    c = result.chronicle
    data = {
        "counts": {
            "documents": len(c.documents),
            "passages": len(c.passages),
            "events": len(c.events),
            "findings": len(result.findings),
        },
        "findings": [
            {
                "code": d.code,
                "severity": d.severity,
                "path": d.path,
                "line": d.line,
                "message": d.message,
                "category": category_of(d.code),
            }
            for d in result.findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
