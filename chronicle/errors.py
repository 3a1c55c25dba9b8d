"""Coded errors and diagnostic codes.

Codes are stable so users can search for them and tests can assert on them.
Reading: C1xx. Dating: C2xx. Extraction: C3xx. Rendering: C4xx. Config: C5xx.
"""

from __future__ import annotations


class ChronicleError(Exception):
    """An error meant for the user: printed without a traceback."""

    code = "C000"


class ConfigError(ChronicleError):
    code = "C501"


class BuildError(ChronicleError):
    code = "C401"


class ClusterError(BuildError):
    """The Dask cluster given by ``--scheduler`` could not be reached or used."""

    code = "C405"


CODES: dict[str, str] = {
    # reading
    "C101": "file is empty",
    "C102": "file is binary (contains NUL bytes)",
    "C103": "file is not UTF-8; decoded with a detected encoding",
    "C104": "file could not be decoded as text",
    "C105": "malformed front matter",
    "C106": "file could not be read",
    "C107": "document has no passages",
    "C108": "duplicate document (same text already read from another file)",
    "C109": "url is not http(s) and was dropped",
    "C110": "line too long; truncated for analysis",
    "C111": "no article could be extracted from an HTML page",
    "C112": "structured data (a JSON file), not news text; skipped",
    # dating
    "C201": "date conflict inside a document (printed date, weekday, war-day counter)",
    "C202": "impossible or out-of-range date",
    "C203": "passage could not be dated from its text; using the document date",
    "C204": "document has no date of its own; dated from its text and neighbours",
    "C205": "document could not be dated at all",
    # extraction
    "C301": "ambiguous actor name",
    "C302": "unknown actor (not in the actors table)",
    "C303": "duplicate passages merged into one event",
    "C304": "entity extraction failed on a passage; it is kept without actors or places",
    # rendering
    "C401": "build failed; the previous site was left in place",
    "C402": "Pagefind failed; the site has no search index",
    "C403": "template error",
    "C404": "event data repaired for the site (duplicate id, bad time or count)",
    "C405": "the Dask scheduler could not be reached or used; nothing was built",
    # config
    "C501": "invalid configuration",
    "C502": "chronicle init would overwrite existing files",
}
