"""Bytes to lines, robustly: BOM, CRLF/CR, NUL bytes, non-UTF-8 encodings.

A UTF-8 BOM and Windows or old-Mac line ends must read exactly like the clean
file (same lines, same numbers), so they are removed silently. Anything that is
not UTF-8 is decoded with charset-normalizer and reported, so the user knows
the text may be wrong; files that are binary or undecodable are skipped with a
clear message instead of producing garbage passages.
"""

from __future__ import annotations

import re
import unicodedata

from chronicle.model import Diagnostic

#: Lines longer than this are truncated for analysis (kept whole for the source page).
MAX_ANALYSIS_CHARS = 10_000
#: Share of control characters above which decoded text is treated as binary.
_MAX_CONTROL_SHARE = 0.05
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Tie-break order for detected encodings (most common for news text first).
_COMMON_ENCODINGS = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "cp1250",
    "iso8859_2",
    "cp1257",
    "mac_roman",
)


def _is_control(ch: str) -> bool:
    return ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc"


#: The characters ``_is_control`` accepts (Unicode category Cc minus the whitespace ones),
#: as one class so a file is scanned in C rather than a character at a time.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_share(text: str, sample: int = 200_000) -> float:
    part = text[:sample]
    if not part:
        return 0.0
    return len(_CONTROL_CHARS.findall(part)) / len(part)


def decode_bytes(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Decode file content; ``None`` means "skip this file" (a Diagnostic says why)."""
    if not data.strip():
        return None, [Diagnostic("C101", "file is empty", path, severity="warning")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None, [
                Diagnostic(
                    "C104", "UTF-16 byte-order mark but invalid UTF-16", path, severity="error"
                )
            ]
        return text.lstrip("\ufeff"), [
            Diagnostic(
                "C103", "file is UTF-16, not UTF-8; decoded as UTF-16", path, severity="warning"
            )
        ]
    nul = data.find(b"\x00")
    if nul >= 0:
        guess = _bomless_utf16(data)
        if guess is not None:
            return guess, [
                Diagnostic(
                    "C103",
                    "file is UTF-16 without a byte-order mark, not UTF-8; decoded as UTF-16",
                    path,
                    severity="warning",
                )
            ]
        line = data.count(b"\n", 0, nul) + 1
        return None, [
            Diagnostic(
                "C102", "file is binary (contains NUL bytes); skipped", path, line, severity="error"
            )
        ]
    diags: list[Diagnostic] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_line = data.count(b"\n", 0, exc.start) + 1
        detected, diags = _decode_detected(data, path, bad_line)
        if detected is None:
            return None, diags
        text = detected
    if _control_share(text) > _MAX_CONTROL_SHARE:
        return None, [
            *diags,
            Diagnostic(
                "C102",
                "file looks binary (many control characters); skipped",
                path,
                severity="error",
            ),
        ]
    return text, diags


def _bomless_utf16(data: bytes) -> str | None:
    """Text when NULs sit on every other byte (UTF-16 without BOM), else None."""
    sample = data[:4000]
    if len(data) % 2 or len(sample) < 4:
        return None
    for enc, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if zeros.count(0) >= 0.9 * len(zeros):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _decode_detected(data: bytes, path: str, bad_line: int) -> tuple[str | None, list[Diagnostic]]:
    from charset_normalizer import from_bytes

    try:
        matches = list(from_bytes(data))
    except Exception:  # noqa: BLE001 - a detector bug must not stop the build
        matches = []
    best = matches[0] if matches else None
    if best is None or best.encoding is None:
        return None, [
            Diagnostic(
                "C104",
                f"not UTF-8 (first bad byte on line {bad_line}) and "
                "no text encoding could be detected; skipped",
                path,
                bad_line,
                severity="error",
            )
        ]
    enc = _prefer_common(matches)
    try:
        text = data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        enc, text = best.encoding, str(best)
    return text, [
        Diagnostic(
            "C103",
            f"file is not UTF-8 (first bad byte on line {bad_line}); "
            f"decoded as {enc}; check the text",
            path,
            bad_line,
            severity="warning",
        )
    ]


def _prefer_common(matches: list) -> str:
    """Among equally good guesses, the encoding most used for news text.

    charset-normalizer often ties cp1250/cp1252/cp1257 on short Western text; the
    tie is broken toward the common code pages instead of the first listed.
    """
    top = matches[0]
    tied = [
        m
        for m in matches
        if abs(m.chaos - top.chaos) < 1e-6 and abs(m.coherence - top.coherence) < 1e-6
    ]
    for enc in _COMMON_ENCODINGS:
        for m in tied:
            if enc == m.encoding or enc in m.could_be_from_charset:
                return enc
    return str(top.encoding)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF only (str.splitlines also splits on \\x0b, \\x1c, U+2028...)."""
    text = text.lstrip("\ufeff")
    lines = _LINE_BREAK_RE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def analysis_text(line: str) -> str:
    """The part of a raw line the readers look at: stripped, bounded length, no zero-widths."""
    s = line[:MAX_ANALYSIS_CHARS] if len(line) > MAX_ANALYSIS_CHARS else line
    if "\u200b" in s or "\ufeff" in s or "\u00ad" in s:
        s = s.replace("\u200b", "").replace("\ufeff", "").replace("\u00ad", "")
    return s.strip()
