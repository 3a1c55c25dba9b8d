"""Frozen dataclasses passed between pipeline stages.

Data flows one way: readers produce :class:`Document` objects holding
:class:`Line` and :class:`Passage` records; dating turns passages into
:class:`DatedPassage`; analysis attaches :class:`Analysis` (entities, topic,
casualties); merging groups analysed passages into :class:`Event`; the
:class:`Chronicle` is everything the writers need. No stage mutates the output
of an earlier one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]

#: Roles a line of input can play. Every input line gets exactly one, so the
#: source page can show the whole document losslessly (boilerplate dimmed).
LINE_ROLES = (
    "blank",  # empty or whitespace only
    "title",  # the document's headline
    "dateline",  # "Here is where things stand on …", front matter, timestamp lines
    "heading",  # a topic heading inside a digest, or a sub-heading in an article
    "passage",  # first line of a passage (bullet, entry headline, article headline)
    "body",  # further lines of a passage
    "boilerplate",  # bylines, captions, widgets, banners, "Source link", tag lines
    "summary",  # summary lists repeating entries (live blog "Key Points"), standfirsts
    "text",  # any other text kept on the source page only
)

DOCUMENT_KINDS = ("digest", "liveblog", "article", "markdown", "text")
PASSAGE_KINDS = ("bullet", "entry", "article", "paragraph", "takeaway")
PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Diagnostic:
    """A message for the person running the build, always naming the file."""

    code: str  # stable code, e.g. "C101"; see chronicle/errors.py
    message: str
    path: str | None = None
    line: int | None = None
    severity: Severity = "warning"

    def __str__(self) -> str:
        where = self.path or "<build>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity} {self.code}: {self.message}"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the input file
    text: str  # raw text, without the line ending
    role: str  # one of LINE_ROLES
    passage: str | None = None  # id of the passage this line belongs to


@dataclass(frozen=True)
class DocHeader:
    """Date evidence a document prints about itself, before any resolution."""

    printed_date: str | None = None  # e.g. "Wednesday, February 4" or "2026-02-04"
    printed_line: int | None = None
    war_day: int | None = None  # "day 1,441"
    war_day_line: int | None = None
    published: dt.datetime | None = None  # exact date from front matter or a timestamp
    published_line: int | None = None


@dataclass(frozen=True)
class Passage:
    """One unit of reporting: a digest bullet, a live-blog entry, an article."""

    id: str  # stable: hash of path + normalised text (+ occurrence)
    path: str  # input file as given on the command line / relative to source dir
    document_id: str
    line: int  # 1-based line where the passage starts (bullet / headline line)
    end_line: int
    kind: str  # one of PASSAGE_KINDS
    text: str  # body, whitespace collapsed (entries/articles: without headline)
    title: str | None = None  # headline of an entry or article
    heading: str | None = None  # digest topic heading the bullet sits under
    time: str | None = None  # "HH:MM" as printed on a live-blog timestamp line
    stamp_date: dt.date | None = None  # date printed on the timestamp line, if any
    byline: str | None = None  # author credited on the timestamp line (never an actor)


@dataclass(frozen=True)
class Document:
    """One document inside an input file (files often hold several)."""

    id: str  # stable slug-safe id, unique in the corpus
    path: str
    index: int  # 0-based position within the file, in file order
    kind: str  # one of DOCUMENT_KINDS
    title: str
    start_line: int
    end_line: int
    lines: tuple[Line, ...]
    passages: tuple[Passage, ...]
    header: DocHeader = field(default_factory=DocHeader)
    publisher: str | None = None
    url: str | None = None  # only http(s), else None
    author: str | None = None
    section: str | None = None  # "Russia-Ukraine war News" from "Title | Section"


@dataclass(frozen=True)
class ReadResult:
    path: str
    documents: tuple[Document, ...]
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class DateValue:
    value: dt.date
    precision: str  # one of PRECISIONS
    evidence: str  # the phrase the date was read from, or how it was inferred


@dataclass(frozen=True)
class DatedPassage:
    passage: Passage
    reported: DateValue  # day the document (or entry) was published
    date: DateValue  # day the development happened
    time: str | None = None  # "HH:MM" when known (live blogs)


@dataclass(frozen=True)
class Entity:
    """An actor (person/org/state/group) or a place."""

    id: str  # slug, unique across actors and places separately
    name: str
    kind: str  # actors: person|org|state|group; places: country|city|region|…
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    affiliation: str | None = None
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None


@dataclass(frozen=True)
class Claim:
    """Who says what in a passage (chronicle/claims): a statement, denial, accusation
    or warning, with its speaker resolved to an actor where the text names one."""

    speaker: str | None  # actor id, or None (unnamed "officials", unresolved pronoun)
    speaker_text: str | None  # the speaker as written ("Kremlin-installed authorities")
    side: str | None  # camp the speaker speaks for ("ukraine", "russia"), when known
    verb: str  # reporting verb, base form ("say", "deny"), "according to" or a hedge word
    stance: str  # asserts | denies | accuses | warns
    text: str  # the claimed content, as written
    hedged: bool = False
    hedge: str | None = None  # "reportedly", "could not independently verify", ...
    kind: str = "report"  # report | according | quote | hedged
    via: str | None = None  # inner source of a nested attribution, as written


@dataclass(frozen=True)
class Analysis:
    """What the extraction stage found in one passage."""

    passage_id: str
    actors: tuple[str, ...] = ()  # entity ids, in order of first mention
    places: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (actor id, role phrase) seen here
    topic: str = "other"
    topic_source: str = "none"  # heading | classifier | keywords | none
    killed: int | None = None
    injured: int | None = None
    claims: tuple[Claim, ...] = ()
    unverified: str | None = None  # the writer could not verify what it reports


@dataclass(frozen=True)
class Event:
    id: str  # stable id, e.g. "2026-02-04-russia-launches-overnight-attack-3f2a"
    slug: str  # last URL segment
    date: DateValue
    reported: dt.date
    time: str | None
    topic: str
    title: str
    summary: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    killed: int | None
    injured: int | None
    sources: tuple[DatedPassage, ...]  # first is the primary passage
    merge_notes: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        d = self.date.value
        return f"events/{d:%Y/%m/%d}/{self.slug}/"


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Chronicle:
    """Everything the writers need, gathered before anything is rendered."""

    events: tuple[Event, ...]
    actors: dict[str, Entity]
    places: dict[str, Entity]
    topics: dict[str, Topic]
    documents: tuple[Document, ...]
    passages: dict[str, DatedPassage]
    analyses: dict[str, Analysis]
    diagnostics: tuple[Diagnostic, ...] = ()
    unused_passages: tuple[tuple[str, str], ...] = ()  # (passage id, reason)
