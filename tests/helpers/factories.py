"""A realistic synthetic Chronicle for site tests, built without the pipeline.

Four input files: a key-events digest, a live blog, a hostile standalone article
(script in the title, a ``javascript:`` URL, a hostile actor id) and a Markdown
article with a Cyrillic name. Events span several days, one is merged from two
sources, several carry casualties.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from chronicle.model import (
    Analysis,
    Chronicle,
    DatedPassage,
    DateValue,
    Diagnostic,
    Document,
    Entity,
    Event,
    Line,
    Passage,
    Topic,
)

HOSTILE_TITLE = "<script>alert(1)</script> Drone strike hits Kharkiv depot"
HOSTILE_URL = "javascript:alert(1)"
HOSTILE_ACTOR_NAME = '<img src=x onerror="alert(2)">Militia'
HOSTILE_ACTOR_ID = "../../evil"
CYRILLIC_NAME = "Віталій Кличко"
CYRILLIC_ID = "віталій-кличко"


def pid(path: str, text: str) -> str:
    return "p" + hashlib.sha1(f"{path}\n{text}".encode()).hexdigest()[:12]


@dataclass
class DocSpec:
    """Lines of one document: (role, text, passage key or None)."""

    path: str
    doc_id: str
    kind: str
    title: str
    start: int
    rows: list[tuple[str, str, str | None]]
    publisher: str | None = None
    url: str | None = None
    times: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def build_document(spec: DocSpec, index: int = 0) -> tuple[Document, dict[str, Passage]]:
    lines: list[Line] = []
    bodies: dict[str, list[tuple[int, str]]] = {}
    for i, (role, text, key) in enumerate(spec.rows):
        number = spec.start + i
        p = pid(spec.path, key) if key else None
        lines.append(Line(number, text, role, p))
        if key:
            bodies.setdefault(key, []).append((number, text))
    passages: dict[str, Passage] = {}
    for key, rows in bodies.items():
        title = spec.titles.get(key)
        texts = [t.strip().lstrip("•").strip() for _, t in rows]
        if title:
            texts = [t for t in texts if t != title and t and not t.startswith(("07:", "09:"))]
        passages[key] = Passage(
            id=pid(spec.path, key),
            path=spec.path,
            document_id=spec.doc_id,
            line=rows[0][0],
            end_line=rows[-1][0],
            kind={"digest": "bullet", "liveblog": "entry"}.get(spec.kind, "article"),
            text=" ".join(texts),
            title=title,
            time=spec.times.get(key),
        )
    doc = Document(
        id=spec.doc_id,
        path=spec.path,
        index=index,
        kind=spec.kind,
        title=spec.title,
        start_line=spec.start,
        end_line=spec.start + len(spec.rows) - 1,
        lines=tuple(lines),
        passages=tuple(passages.values()),
        publisher=spec.publisher,
        url=spec.url,
    )
    return doc, passages


DIGEST = DocSpec(
    path="seeds/digest.txt",
    doc_id="digest-day-1441",
    kind="digest",
    title="Russia-Ukraine war: List of key events, day 1,441",
    start=1,
    publisher="Al Jazeera",
    url="https://www.aljazeera.com/news/2026/2/4/russia-ukraine-war-list-of-key-events-day-1441",
    rows=[
        (
            "title",
            "Russia-Ukraine war: List of key events, day 1,441 | Russia-Ukraine war News",
            None,
        ),
        ("blank", "", None),
        ("dateline", "Here is where things stand on Wednesday, February 4:", None),
        ("blank", "", None),
        ("heading", "Fighting", None),
        ("blank", "", None),
        (
            "passage",
            "  • At least two teenagers were killed and nine other people were injured "
            "in a Russian strike on Zaporizhzhia, Governor Ivan Fedorov said.",
            "zap",
        ),
        (
            "passage",
            "  • Russia launched an overnight attack on Ukraine's energy facilities, "
            "officials in Kyiv said.",
            "energy",
        ),
        (
            "boilerplate",
            "Ukrainian national flag flies at half-mast in Kyiv [Thomas Peter/Reuters]",
            None,
        ),
        ("blank", "", None),
        ("heading", "Politics and diplomacy", None),
        ("blank", "", None),
        (
            "passage",
            "  • NATO chief Mark Rutte said in Kyiv that Russia's attacks did not suggest "
            "Moscow was serious about peace.",
            "rutte",
        ),
        (
            "passage",
            "  • French President Emmanuel Macron said he was preparing to resume "
            "dialogue with Putin.",
            "macron",
        ),
        ("passage", "  • Kremlin spokesman Dmitry Peskov repeated earlier remarks.", "repeat"),
    ],
)

LIVE = DocSpec(
    path="seeds/live.txt",
    doc_id="live-zelensky-warns",
    kind="liveblog",
    title="Ukraine-Russia war latest: Zelensky warns Putin is planning 'massive' attack",
    start=1,
    publisher="The Independent",
    url="https://www.independent.co.uk/news/world/europe/ukraine-war-live",
    times={"train": "07:14", "energy2": "09:30"},
    titles={
        "train": "Drone strike on passenger train kills five, Zelensky says",
        "energy2": "Overnight Russian attack hits energy facilities",
    },
    rows=[
        ("boilerplate", "Get all your news in one place.", None),
        (
            "title",
            "Ukraine-Russia war latest: Zelensky warns Putin is planning 'massive' attack",
            None,
        ),
        ("blank", "", None),
        ("summary", "Key Points", None),
        ("summary", "  • Zelensky says Russia is preparing a 'massive strike'", None),
        ("blank", "", None),
        ("passage", "Overnight Russian attack hits energy facilities", "energy2"),
        ("dateline", "09:30 , Arpan Rai", "energy2"),
        ("blank", "", None),  # readers leave blank lines inside an entry unowned
        (
            "body",
            "Russia struck Ukraine's energy grid overnight, leaving hundreds of thousands "
            "without heat, Ukrainian officials said.",
            "energy2",
        ),
        ("blank", "", None),
        ("passage", "Drone strike on passenger train kills five, Zelensky says", "train"),
        ("dateline", "07:14 , Arpan Rai", "train"),
        ("blank", "", None),
        ("boilerplate", "Zelensky speaks at a press conference (AP)", None),
        ("blank", "", None),
        (
            "body",
            "Volodymyr Zelensky accused Vladimir Putin of an act of terrorism after a "
            "Russian drone hit a passenger train in the Kharkiv region, killing five people "
            "and injuring two.",
            "train",
        ),
    ],
)

HOSTILE = DocSpec(
    path="seeds/hostile article {{ 7*7 }}.txt",
    doc_id="hostile-article",
    kind="article",
    title=HOSTILE_TITLE,
    start=1,
    publisher="<b>Bad</b> Press",
    url=HOSTILE_URL,
    titles={"depot": HOSTILE_TITLE},
    rows=[
        ("passage", HOSTILE_TITLE + " | Russia-Ukraine war News", "depot"),
        ("blank", "", None),
        (
            "body",
            "A drone hit a fuel depot near Kharkiv {{ config }} {% raw %}; "
            '<a href="javascript:alert(3)" onclick="alert(4)">click</a> one person died.',
            "depot",
        ),
        ("boilerplate", "Source link", None),
    ],
)

MARKDOWN = DocSpec(
    path="seeds/klitschko.md",
    doc_id="klitschko-kyiv-heating",
    kind="markdown",
    title="Kyiv mayor Klitschko warns of heating cuts",
    start=1,
    publisher="Kyiv Independent",
    url="https://kyivindependent.com/klitschko-heating",
    titles={"heat": "Kyiv mayor Klitschko warns of heating cuts"},
    rows=[
        ("dateline", "---", None),
        ("dateline", "title: Kyiv mayor Klitschko warns of heating cuts", None),
        ("dateline", "date: 2026-02-06", None),
        ("dateline", "---", None),
        (
            "passage",
            "Kyiv mayor Віталій Кличко (Vitali Klitschko) said 1,142 apartment blocks "
            "were left without heating after the strikes.",
            "heat",
        ),
    ],
)


def dv(day: dt.date, evidence: str, precision: str = "day") -> DateValue:
    return DateValue(day, precision, evidence)


def make_chronicle(extra_days: int = 0) -> Chronicle:
    """The synthetic chronicle; ``extra_days`` adds filler events to test pagination."""
    docs: list[Document] = []
    ps: dict[str, Passage] = {}
    for i, spec in enumerate((DIGEST, LIVE, HOSTILE, MARKDOWN)):
        doc, passages = build_document(spec, index=0 if i != 1 else 0)
        docs.append(doc)
        ps.update({f"{spec.doc_id}:{k}": v for k, v in passages.items()})

    d3, d4, d5, d6 = (dt.date(2026, 2, n) for n in (3, 4, 5, 6))

    def dated(
        key: str, date: dt.date, reported: dt.date, evidence: str, time: str | None = None
    ) -> DatedPassage:
        return DatedPassage(
            ps[key], dv(reported, "Wednesday, February 4"), dv(date, evidence), time
        )

    dp = {
        "zap": dated("digest-day-1441:zap", d3, d4, "Tuesday's strike"),
        "energy": dated("digest-day-1441:energy", d3, d4, "overnight"),
        "rutte": dated("digest-day-1441:rutte", d3, d4, "on Tuesday"),
        "macron": dated("digest-day-1441:macron", d4, d4, "Wednesday, February 4"),
        "repeat": dated("digest-day-1441:repeat", d4, d4, "Wednesday, February 4"),
        "energy2": dated("live-zelensky-warns:energy2", d3, d4, "overnight", "09:30"),
        "train": dated("live-zelensky-warns:train", d5, d5, "07:14 entry", "07:14"),
        "depot": dated("hostile-article:depot", d5, d5, "published date"),
        "heat": dated("klitschko-kyiv-heating:heat", d6, d6, "date: 2026-02-06"),
    }

    actors = {
        "russia": Entity("russia", "Russia", "state", ("Moscow", "Kremlin")),
        "ukraine": Entity("ukraine", "Ukraine", "state", ("Kyiv",)),
        "vladimir-putin": Entity(
            "vladimir-putin",
            "Vladimir Putin",
            "person",
            ("Putin",),
            ("President of Russia",),
            "russia",
        ),
        "volodymyr-zelensky": Entity(
            "volodymyr-zelensky",
            "Volodymyr Zelensky",
            "person",
            ("Zelenskyy", "Zelensky"),
            ("President of Ukraine",),
            "ukraine",
        ),
        "mark-rutte": Entity(
            "mark-rutte", "Mark Rutte", "person", ("Rutte",), ("NATO Secretary-General",), "nato"
        ),
        "nato": Entity("nato", "NATO", "org", ("North Atlantic Treaty Organization",)),
        "emmanuel-macron": Entity(
            "emmanuel-macron",
            "Emmanuel Macron",
            "person",
            ("Macron",),
            ("President of France",),
            "france",
        ),
        "ivan-fedorov": Entity(
            "ivan-fedorov", "Ivan Fedorov", "person", (), ("Governor of Zaporizhzhia",)
        ),
        CYRILLIC_ID: Entity(
            CYRILLIC_ID, CYRILLIC_NAME, "person", ("Vitali Klitschko",), ("Mayor of Kyiv",)
        ),
        HOSTILE_ACTOR_ID: Entity(HOSTILE_ACTOR_ID, HOSTILE_ACTOR_NAME, "group"),
    }
    places = {
        "kyiv": Entity("kyiv", "Kyiv", "city", ("Kiev",), lat=50.4501, lon=30.5234, country="UA"),
        "kharkiv": Entity("kharkiv", "Kharkiv", "city", (), lat=49.9935, lon=36.2304, country="UA"),
        "zaporizhzhia": Entity(
            "zaporizhzhia",
            "Zaporizhzhia",
            "city",
            ("Zaporizhia",),
            lat=47.8388,
            lon=35.1396,
            country="UA",
        ),
        "con": Entity("con", "Con (reserved name)", "village"),
    }
    topics = {
        "fighting": Topic("fighting", "Fighting", "Strikes, shelling and front-line combat."),
        "diplomacy": Topic("diplomacy", "Politics and diplomacy", "Talks, statements, visits."),
        "energy": Topic("energy", "Energy", "Attacks on and repairs of the power grid."),
    }

    def event(
        eid: str,
        slug: str,
        keys: list[str],
        topic: str,
        title: str,
        summary: str,
        actor_ids: tuple[str, ...],
        place_ids: tuple[str, ...],
        killed: int | None = None,
        injured: int | None = None,
    ) -> Event:
        first = dp[keys[0]]
        return Event(
            id=eid,
            slug=slug,
            date=first.date,
            reported=first.reported.value,
            time=first.time,
            topic=topic,
            title=title,
            summary=summary,
            actors=actor_ids,
            places=place_ids,
            killed=killed,
            injured=injured,
            sources=tuple(dp[k] for k in keys),
        )

    events = [
        event(
            "2026-02-03-teenagers-killed-zaporizhzhia-1a2b",
            "teenagers-killed-zaporizhzhia",
            ["zap"],
            "fighting",
            "Two teenagers killed in Russian strike on Zaporizhzhia",
            "At least two teenagers were killed and nine other people were injured in a "
            "Russian strike on Zaporizhzhia.",
            ("russia", "ivan-fedorov"),
            ("zaporizhzhia",),
            2,
            9,
        ),
        event(
            "2026-02-03-overnight-attack-energy-3c4d",
            "overnight-attack-energy",
            ["energy", "energy2"],
            "energy",
            "Russia launches overnight attack on energy grid",
            "Russia launched an overnight attack on Ukraine's energy facilities.",
            ("russia", "ukraine"),
            ("kyiv",),
        ),
        event(
            "2026-02-03-rutte-kyiv-visit-5e6f",
            "rutte-kyiv-visit",
            ["rutte"],
            "diplomacy",
            "Rutte in Kyiv: attacks show Moscow not serious about peace",
            "NATO chief Mark Rutte said Russia's attacks did not suggest Moscow was serious.",
            ("mark-rutte", "nato", "russia"),
            ("kyiv",),
        ),
        event(
            "2026-02-04-macron-dialogue-putin-7a8b",
            "macron-dialogue-putin",
            ["macron"],
            "diplomacy",
            "Macron prepares to resume dialogue with Putin",
            "French President Emmanuel Macron said he was preparing to resume dialogue.",
            ("emmanuel-macron", "vladimir-putin"),
            (),
        ),
        event(
            "2026-02-05-train-drone-strike-9c0d",
            "train-drone-strike",
            ["train"],
            "fighting",
            "Drone strike on passenger train kills five",
            "Zelensky accused Putin of terrorism after a drone hit a train.",
            ("volodymyr-zelensky", "vladimir-putin", "russia"),
            ("kharkiv",),
            5,
            2,
        ),
        event(
            "2026-02-05-hostile-depot-1e2f",
            "../../../outside",
            ["depot"],
            "fighting",
            HOSTILE_TITLE,
            "A drone hit a fuel depot {{ config }} near Kharkiv.",
            (HOSTILE_ACTOR_ID, "russia"),
            ("kharkiv", "con"),
            1,
            None,
        ),
        event(
            "2026-02-06-klitschko-heating-3a4b",
            "klitschko-heating",
            ["heat"],
            "energy",
            "Klitschko: 1,142 apartment blocks without heating",
            "Kyiv's mayor said 1,142 apartment blocks were without heating.",
            (CYRILLIC_ID,),
            ("kyiv",),
            None,
            None,
        ),
    ]
    base = dt.date(2026, 1, 1)
    for i in range(extra_days):
        day = base + dt.timedelta(days=i)
        events.append(
            Event(
                id=f"{day}-filler-{i}",
                slug=f"filler-{i}",
                date=dv(day, "filler"),
                reported=day,
                time=None,
                topic="fighting",
                title=f"Shelling reported near Kharkiv ({i})",
                summary="Filler event.",
                actors=("russia",),
                places=("kharkiv",),
                killed=None,
                injured=None,
                sources=(dp["zap"],),
            )
        )
    analyses = {d.passage.id: Analysis(d.passage.id) for d in dp.values()}
    return Chronicle(
        events=tuple(events),
        actors=actors,
        places=places,
        topics=topics,
        documents=tuple(docs),
        passages={d.passage.id: d for d in dp.values()},
        analyses=analyses,
        diagnostics=(
            Diagnostic(
                "C201", "date conflict: printed Wednesday vs day counter", "seeds/digest.txt", 3
            ),
            Diagnostic(
                "C109",
                "url is not http(s) and was dropped: <script>x</script>",
                "seeds/hostile article {{ 7*7 }}.txt",
                1,
            ),
        ),
        unused_passages=((dp["repeat"].passage.id, "repeat of an earlier report"),),
    )
