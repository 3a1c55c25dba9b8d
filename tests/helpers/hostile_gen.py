"""Hostile inputs for the robustness suite and the helpers that build them.

Small text fixtures are committed in ``tests/fixtures/hostile/``; binary, oddly encoded,
oddly named and very large ones are made here at test time (into ``tmp_path``) so the
repo carries no megabytes and no file names that break other operating systems.
:data:`EXPECT` says, for every hostile file, whether the build must name it in a message
and on which lines; the tests read it, so adding a fixture means adding a row here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from helpers import warm

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
HOSTILE = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"

#: Arithmetic in Jinja syntax planted in the input; its result must never be output.
JINJA_PRODUCT = str(1234 * 5678)


@dataclass(frozen=True)
class Expect:
    """What the build must say about one hostile input file."""

    named: bool  # some message must name the file
    lines: tuple[int, int] | None = None  # a message must give a line in this range
    decodes_as: str | None = None  # encoding the text must be shown in (lossless check)


#: Every hostile file placed beside the seeds, committed or generated.
EXPECT: dict[str, Expect] = {
    # committed (tests/fixtures/hostile/)
    "empty.txt": Expect(named=True),
    "whitespace_only.txt": Expect(named=True),
    "frontmatter_unclosed_quote.md": Expect(named=True, lines=(1, 5), decodes_as="utf-8"),
    "frontmatter_tabs.md": Expect(named=True, lines=(1, 5), decodes_as="utf-8"),
    "frontmatter_list.md": Expect(named=True, lines=(1, 4), decodes_as="utf-8"),
    "frontmatter_never_closed.md": Expect(named=True, lines=(1, 8), decodes_as="utf-8"),
    "date_february_30.txt": Expect(named=True, lines=(5, 5), decodes_as="utf-8"),
    "date_day_minus_5.txt": Expect(named=True, lines=(1, 3), decodes_as="utf-8"),
    "date_month_13.md": Expect(named=True, lines=(3, 6), decodes_as="utf-8"),
    "date_year_99999.md": Expect(named=True, lines=(3, 6), decodes_as="utf-8"),
    "xss_front_matter.md": Expect(named=True, lines=(4, 4), decodes_as="utf-8"),
    "xss_data_url.md": Expect(named=True, lines=(4, 5), decodes_as="utf-8"),
    "jinja_injection.txt": Expect(named=False, decodes_as="utf-8"),
    "jsonld_breaker.md": Expect(named=False, decodes_as="utf-8"),
    "attribute_breaker.txt": Expect(named=False, decodes_as="utf-8"),
    "path_title_dotdot_passwd.md": Expect(named=False, decodes_as="utf-8"),
    "path_title_con.md": Expect(named=False, decodes_as="utf-8"),
    "path_title_nul.md": Expect(named=False, decodes_as="utf-8"),
    "path_title_slash.md": Expect(named=False, decodes_as="utf-8"),
    "path_title_dots.md": Expect(named=False, decodes_as="utf-8"),
    "path_titles_in_text.txt": Expect(named=False, decodes_as="utf-8"),
    "duplicate_title_a.txt": Expect(named=False, decodes_as="utf-8"),
    "duplicate_title_b.txt": Expect(named=False, decodes_as="utf-8"),
    "cyrillic_diacritics.md": Expect(named=False, decodes_as="utf-8"),
    # generated (write_generated)
    "binary_nul.txt": Expect(named=True),
    "png_disguised.md": Expect(named=True),
    "cp1251_news.txt": Expect(named=True, decodes_as="cp1251"),
    "latin1_news.txt": Expect(named=True, decodes_as="latin-1"),
    "utf16_news.txt": Expect(named=True),
    "mixed_broken_utf8.txt": Expect(named=True),
    "control_chars.txt": Expect(named=False, decodes_as="utf-8"),
    "cr_only_news.txt": Expect(named=False, decodes_as="utf-8"),
    "zz_bom_crlf_copy_of_seed.txt": Expect(named=False, decodes_as="utf-8-sig"),
    "zz_copy_of_cyrillic_diacritics.md": Expect(named=True, decodes_as="utf-8"),
    "CON.txt": Expect(named=False, decodes_as="utf-8"),
    "nul.md": Expect(named=False, decodes_as="utf-8"),
    "aux.txt": Expect(named=False, decodes_as="utf-8"),
    "Зведення новин.txt": Expect(named=False, decodes_as="utf-8"),
    "file with spaces & <i>.txt": Expect(named=False, decodes_as="utf-8"),
    "-leading-dash.txt": Expect(named=False, decodes_as="utf-8"),
    "latin1-name-\udce9.txt": Expect(named=False, decodes_as="utf-8"),  # name not UTF-8
    "new\nline.txt": Expect(named=False, decodes_as="utf-8"),
}

CP1251_TEXT = (
    "Зеленський: Росія готує новий масований удар | Новини\n\n"
    "Президент України Володимир Зеленський заявив у четвер, що Росія готує новий "
    "масований удар по енергетичній інфраструктурі.\n\n"
    "За його словами, розвідка фіксує підготовку ракет і дронів, а переговори в Абу-Дабі "
    "мають продовжитися в неділю.\n\n"
    "Source link\n"
)
LATIN1_TEXT = (
    "Le président Macron reçoit Zelensky à Paris | Actualités\n\n"
    "Le président français Emmanuel Macron a déclaré jeudi à Paris que la France "
    "fournirait des systèmes de défense aérienne supplémentaires à l'Ukraine, après une "
    "réunion à l'Élysée avec le président ukrainien.\n\n"
    "Außenministerin Annalena Baerbock a salué cette décision, selon un communiqué publié "
    "à Genève; les négociations reprendront à Abou Dhabi dimanche.\n\n"
    "Source link\n"
)
UTF16_TEXT = (
    "Finland reopens two border crossings with Russia | Conflict News\n\n"
    "Finland said it would reopen two crossings on its eastern border with Russia for "
    "freight traffic, the interior ministry said on Thursday.\n\nSource link\n"
)
CONTROL_TEXT = (
    "Blackout hits Zaporizhzhia \x1b[31mRED\x1b[0m after strike | Conflict News\n\n"
    "Power was cut\x0c to parts of Zaporizhzhia after a strike on a substation, governor "
    "Ivan Fedorov said\u2028on Thursday; repair crews\u202e were deployed\u200d at dawn."
    "\x07\x08\n\n"
    "Source link\n"
)
CR_ONLY_TEXT = (
    "Demining teams clear fields in Kherson region | Conflict News\r\r"
    "Demining teams cleared 40 hectares of farmland in the Kherson region this week, the "
    "State Emergency Service said on Thursday.\r\r"
    "Farmers hope to sow winter wheat on the cleared land in spring, officials said.\r\r"
    "Source link\r"
)


def _article(title: str, body: str) -> str:
    return f"{title} | Conflict News\n\n{body}\n\nSource link\n"


def write_generated(dest: Path) -> None:
    """Write the generated small hostile files into ``dest`` (binary, encodings, names)."""
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "binary_nul.txt").write_bytes(
        b"Kyiv news\x00\x00\x01\x02\x03\xff\xfe binary blob \x00" + bytes(range(256)) * 8
    )
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
        b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
        b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    (dest / "png_disguised.md").write_bytes(png)
    (dest / "cp1251_news.txt").write_bytes(CP1251_TEXT.encode("cp1251"))
    (dest / "latin1_news.txt").write_bytes(LATIN1_TEXT.encode("latin-1"))
    (dest / "utf16_news.txt").write_bytes(UTF16_TEXT.encode("utf-16"))
    broken = _article(
        "Slovakia halts diesel exports to Ukraine",
        "Slovakia said it would halt diesel exports to Ukraine \xff\xfe\x80 until the Druzhba "
        "pipeline dispute is resolved, the economy ministry said.",
    )
    (dest / "mixed_broken_utf8.txt").write_bytes(
        broken.encode("utf-8").replace(b"\xc3\xbf\xc3\xbe\xc2\x80", b"\xff\xfe\x80")
    )
    (dest / "control_chars.txt").write_text(CONTROL_TEXT, "utf-8", newline="")
    (dest / "cr_only_news.txt").write_text(CR_ONLY_TEXT, "utf-8", newline="")
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text("utf-8")
    (dest / "zz_bom_crlf_copy_of_seed.txt").write_bytes(bom_crlf(seed))
    shutil.copyfile(HOSTILE / "cyrillic_diacritics.md", dest / "zz_copy_of_cyrillic_diacritics.md")
    odd = {
        "CON.txt": ("Kyiv hosts donor conference", "Donors pledged 1.2 billion euros."),
        "nul.md": ("Odesa port reopens", "The port of Odesa reopened after a drone attack."),
        "aux.txt": ("Mykolaiv water supply restored", "Water returned to Mykolaiv homes."),
        "Зведення новин.txt": ("Зведення новин", "Генштаб ЗСУ повідомив про 140 боєзіткнень."),
        "file with spaces & <i>.txt": (
            "Chernihiv school reopens",
            "A school in Chernihiv reopened with an underground shelter.",
        ),
        "-leading-dash.txt": (
            "--help --output=/etc",
            "Ukraine received a new batch of Patriot interceptors, the air force said.",
        ),
        "latin1-name-\udce9.txt": (
            "Kramatorsk hospital damaged",
            "A hospital in Kramatorsk was damaged by a guided bomb, officials said.",
        ),
        "new\nline.txt": (
            "Poltava gas facility hit",
            "A gas production facility in the Poltava region was hit by drones, Naftogaz said.",
        ),
    }
    for name, (title, body) in odd.items():
        (dest / name).write_text(_article(title, body), "utf-8")


def bom_crlf(text: str) -> bytes:
    """The same text as a Windows editor would save it: UTF-8 BOM and CRLF line ends."""
    return b"\xef\xbb\xbf" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def cr_only(text: str) -> bytes:
    """The same text with classic Mac line ends (CR only)."""
    return text.replace("\r\n", "\n").replace("\n", "\r").encode("utf-8")


def write_hostile(dest: Path) -> None:
    """Copy the committed hostile fixtures and write the generated ones into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(HOSTILE.iterdir()):
        if path.is_file():
            shutil.copyfile(path, dest / path.name)
    write_generated(dest)


def copy_seeds(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(SEEDS.iterdir()):
        if path.is_file():
            shutil.copyfile(path, dest / path.name)


def write_huge_file(path: Path, size: int = 30 * 1024 * 1024) -> None:
    """A paste of ``size`` bytes: the seeds over and over, as a scraped archive repeats itself.

    Repeated passages are the worst case for merging (many near-identical candidates).
    """
    chunks = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        written, i = 0, 0
        while written < size:
            block = chunks[i % len(chunks)] + "\n\nSource link\n\n"
            fh.write(block)
            written += len(block.encode("utf-8"))
            i += 1


def write_huge_line(path: Path, size: int = 5 * 1024 * 1024) -> None:
    """One line of ``size`` bytes of news-like words and no newline at all."""
    rng = random.Random(6)
    words = re.findall(r"[A-Za-z’']+", (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text("utf-8"))
    parts: list[str] = ["Kyiv huge paste |"]
    total = 0
    while total < size:
        w = rng.choice(words)
        parts.append(w)
        total += len(w) + 1
    path.write_text(" ".join(parts), "utf-8")


# --- running the CLI and reading what it built -------------------------------------------


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(args: list[str], cwd: Path, timeout: float = 900, prelude: str = "") -> Run:
    """Run ``chronicle`` in a fresh interpreter, as a user would (``prelude`` may patch)."""
    code = f"{prelude}\nfrom chronicle.cli import main\nmain()"
    env = dict(os.environ, PYTHONHASHSEED="random", NO_COLOR="1", COLUMNS="200")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        start_new_session=True,  # so a timeout can end the build's NLP workers too
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, stderr = proc.communicate()
        stderr += f"\n[test harness: killed after {timeout:.0f}s]"
        return Run(-9, stdout, stderr, time.perf_counter() - t0)
    return Run(proc.returncode, stdout, stderr, time.perf_counter() - t0)


def write_config(path: Path, **values: object) -> Path:
    """A chronicle.toml with the given keys (strings, bools and ints only)."""
    lines = []
    for key, value in values.items():
        lines.append(f"{key} = {json.dumps(value)}")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def tree_hashes(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """sha256 of every file under ``root`` by relative path (``skip``: top-level names)."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.split("/", 1)[0] in skip or not path.is_file():
            continue
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def tree_snapshot(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """(size, mtime_ns) of every path under ``root`` except those under ``skip``."""
    out: dict[str, tuple[int, int]] = {}
    skip_r = tuple(s.resolve() for s in skip)
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath).resolve()
        dirnames[:] = [d for d in dirnames if (here / d) not in skip_r]
        for name in filenames + dirnames:
            p = here / name
            if p in skip_r:
                continue
            st = p.lstat()
            rel = p.relative_to(root.resolve()).as_posix()
            # a folder's own mtime changes whenever something is added to it: existence only
            out[rel] = (
                (-1, 0) if p.is_dir() and not p.is_symlink() else (st.st_size, st.st_mtime_ns)
            )
    return out


def load_events(site: Path) -> list[dict]:
    """The events of a built site: every year's events.json listed by data/index.json,
    else the first events.json found (list or {"events": [...]})."""
    index = site / "data" / "index.json"
    if index.is_file():
        events: list[dict] = []
        for year in json.loads(index.read_text("utf-8"))["years"]:
            url = year["files"]["events.json"]
            events += json.loads(read_export((site / url).read_bytes(), url))["events"]
        return events
    found = sorted(site.rglob("events.json"), key=lambda p: len(p.parts))
    if not found:
        raise AssertionError(f"no events.json under {site}")
    data = json.loads(found[0].read_text("utf-8"))
    if isinstance(data, dict):
        data = data.get("events", data.get("items", []))
    if not isinstance(data, list):
        raise AssertionError(f"{found[0]}: events.json holds no list of events")
    return data


_STRIP = {"Cc", "Cf", "Zl", "Zp", "Zs"}


def squash(text: str) -> str:
    """Text with whitespace, control/format characters and bullets removed, for comparing
    what a page shows with what the input says regardless of layout."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        ch
        for ch in text
        if not ch.isspace() and unicodedata.category(ch) not in _STRIP and ch not in "•·\ufffd"
    )


def input_lines(path: Path, encoding: str) -> list[str]:
    """Non-blank lines of an input file, split on any line end (LF, CRLF, CR)."""
    text = path.read_bytes().decode(encoding)
    return [ln for ln in re.split(r"\r\n|\r|\n", text) if ln.strip()]


# --- building once per session -------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """One CLI build: where it ran, what it printed, what it wrote."""

    root: Path  # the working directory (holds src/, site/, cache/)
    src: Path
    out: Path
    run: Run
    before: dict[str, tuple[int, int]]  # snapshot of root (less out/ and cache/) before
    after: dict[str, tuple[int, int]]


_BUILDS: dict[str, Built] = {}


def build_once(
    key: str, root: Path, populate, extra: tuple[str, ...] = (), cache: Path | None = None
) -> Built:
    """Build ``root/src`` (filled by ``populate``) into ``root/site`` once per session.

    Without ``cache`` the build gets a new one holding the seeds' stored NLP results
    (:func:`helpers.warm.seed_nlp`): everything else runs cold.
    """
    if key in _BUILDS:
        return _BUILDS[key]
    src, out = root / "src", root / "site"
    if cache is None:
        cache = warm.seed_nlp(root / "cache")
    populate(src)
    before = tree_snapshot(root, skip=(out, cache))
    run = run_cli(
        ["build", "--source", "src", "--out", "site", "--cache-dir", str(cache), *extra],
        cwd=root,
    )
    after = tree_snapshot(root, skip=(out, cache))
    built = Built(root, src, out, run, before, after)
    _BUILDS[key] = built
    return built


def fill_seeds(src: Path) -> None:
    copy_seeds(src)


def fill_seeds_and_hostile(src: Path) -> None:
    copy_seeds(src)
    write_hostile(src)


def describe(run: Run, limit: int = 1500) -> str:
    """The tail of a run's output, for assertion messages."""
    text = f"exit {run.code} after {run.seconds:.0f}s\n--- stdout\n{run.stdout}\n--- stderr\n"
    text += run.stderr
    return text if len(text) <= limit else "…" + text[-limit:]


# --- reading pages -------------------------------------------------------------------------

_PAGES: dict[Path, dict[str, object]] = {}


def pages(out: Path) -> dict[str, object]:
    """Every .html page under ``out`` parsed as a browser would (html5lib), by relative path."""
    from bs4 import BeautifulSoup

    key = out.resolve()
    if key not in _PAGES:
        parsed: dict[str, object] = {}
        for path in sorted(out.rglob("*.html")):
            rel = path.relative_to(out).as_posix()
            if rel.startswith("pagefind/"):
                continue
            parsed[rel] = BeautifulSoup(path.read_bytes(), "html5lib")
        _PAGES[key] = parsed
    return _PAGES[key]


def template_texts() -> str:
    """Everything our templates and static files say, to recognise their own scripts."""
    parts: list[str] = []
    for base in (REPO / "templates", REPO / "static", REPO / "chronicle"):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in {".html", ".j2", ".jinja", ".js", ".py"}:
                parts.append(path.read_text("utf-8", errors="replace"))
    return "\n".join(parts)


def read_export(data: bytes, url: str) -> str:
    """An export file's text: the per-year files are gzip-compressed (``.gz``)."""
    return (gzip.decompress(data) if url.endswith(".gz") else data).decode("utf-8")
