"""Detectors that grade a chronicle built from real news, kept out of ``chronicle/``.

The real-world check (``bench/realworld.py``) must not grade the product with the
product's own rules, so everything here is written from what a reader sees, with its
own word lists and patterns:

- :func:`furniture` — is an event's primary text page furniture (navigation, metadata,
  endnotes, headings, fragments, captions and credits, promos and widgets)?
- :func:`cut_mid_phrase` — does a title end on a dangling word, or stop inside a
  clause of the sentence it was cut from?
- :func:`publisher_keys` / :func:`names_publisher` — is an actor the document's own
  publisher (its name, acronym or web domain)?
- :func:`gold_date` — the publication date a file states about itself (front matter,
  URL, scraper metadata), independent of chronicle's dating.
- :func:`stamps` — live-blog entry stamps printed in a file (both layouts).

The rules are heuristics; ``realworld.py --samples N`` prints flagged and unflagged
events so their verdicts can be spot-checked by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

# --- junk (page furniture) ------------------------------------------------------------

STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been has
    have had it its this that these those he she they we his her their our not no will
    would could can may said says after before over into about than who which what when
    where while also more most one two three some all any there here up out new""".split()
)
#: Function words of other languages the pages may be in (French, Spanish, Portuguese,
#: Italian, German, Czech): the navigation rule measures function-word density, and an
#: article in French is no menu for lacking English ones.
STOP_OTHER = frozenset(
    """le la les de des du un une et est en au aux pour par sur dans que qui ne pas il elle
    ont été son sa ses ce cette el los las del y por para con una lo se su al como más o os
    as do da dos das em um com não à ao il di che per non della dei und der die das ist
    nicht mit von zu den ein eine sich auf für je na se že ve za do""".split()
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net|ua|ru|uk|eu|int|gov)\b\S*")
_METADATA = re.compile(
    r"^(?:[-*]\s*)?\**(?:URL|Domain|Scraped at|HTTP Status|Fetcher tier|Source|Published|"
    r"Author|Tags?|Categor(?:y|ies)|Word count)\**\s*:",
    re.I,
)
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.I)
_ENDNOTE = re.compile(r"^\s*(?:\[\d{1,3}\]|\d{1,3}\.\s+https?://|\^?\d{1,3}\s+https?://)")
_PROMO = re.compile(
    r"\b(?:sign up|subscribe|newsletter|click here|read more|read also|see also|related:|"
    r"download (?:the|our) app|follow us|share (?:this|on)|email print|print copy|"
    r"cookies?\b|privacy policy|terms of (?:use|service)|all rights reserved|copyright|"
    r"advertisement|skip to|log ?in|donate|support (?:our|us)|recommended stories|"
    r"most (?:read|popular)|listen to (?:this|the)|enlarge the map|watch:|live updates)",
    re.I,
)
_CAPTION = re.compile(
    r"\b(?:photo|image|picture|photograph|video|illustration|file photo)\s*(?:by|:|credit)|"
    r"\b(?:getty images|afp via getty|ap photo|epa-efe|anadolu(?: agency)?|/afp|/reuters|"
    r"reuters/|/ap\b|pool via|handout)\b",
    re.I,
)
_TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*(?:\s*\[\d+(?:[,–-]\s*\d+)*\])*$")


def words(text: str) -> list[str]:
    return re.findall(r"[\w’'-]+", text)


def furniture(title: str, text: str) -> str | None:
    """The kind of furniture an event's primary passage is, or None for reportage.

    ``text`` is the passage body; ``title`` its own headline (empty for paragraphs and
    bullets). A headline-only entry is judged on its headline, without the heading rule
    (headlines have no full stop).
    """
    body = " ".join((text or "").split())
    head = " ".join((title or "").split())
    subject = body or head
    if not subject:
        return "empty"
    w = words(subject)
    if _DOMAIN.match(head) or _DOMAIN.match(subject) or _METADATA.match(subject):
        return "metadata"
    if _ENDNOTE.match(subject):
        return "endnote"
    url_chars = sum(len(m.group()) for m in _URL.finditer(subject))
    if url_chars > 0.3 * len(subject):
        return "endnote"
    short = len(w) < 40
    promo = _PROMO.search(subject)
    if promo and (short or promo.start() < 40):
        return "promo"
    if _CAPTION.search(subject) and short:
        return "caption"
    if len(_CJK.findall(subject)) > 0.3 * len(subject):
        return None  # Chinese, Japanese, Korean: no spaces, no function-word test
    if len(w) < 4 and body:
        return "fragment"
    first = subject.lstrip("\"“‘'(")[:1]
    if first.islower() or first in ",;:)–—-":
        return "fragment"
    if re.search(r"(?:;|\b(?:and|or|but))$", subject.rstrip()):
        return "fragment"
    if body and len(w) >= 25:
        lead = w[:25]  # a page blob that opens with a menu ("Home News Sport Local …")
        lead_stops = sum(1 for x in lead if x.lower() in STOP or x.lower() in STOP_OTHER)
        if lead_stops < 3 and not re.search(r"[.!?]\s", body[:160]):
            return "navigation"
    if body:
        stops = sum(1 for x in w if x.lower() in STOP or x.lower() in STOP_OTHER)
        if len(w) >= 12 and stops / len(w) < 0.12 and not _TERMINAL.search(body):
            return "navigation"
        if not _TERMINAL.search(body) and (len(w) <= 15 or body.endswith(":")):
            return "heading"
    return None


# --- titles cut mid-phrase ------------------------------------------------------------

#: Words a scannable title never ends on (function words; "at least", "more than").
DANGLING = frozenset(
    """a an the this that these those its his her their our my your some any each every
    no of in on at to for from by with into onto upon about over under after before
    during amid among between against toward towards through via without within across
    behind near than as per and or but nor yet so if because while although though
    whether when where which who whom whose what is are was were be been being am has
    have had do does did will would shall should can could may might must not least
    most more almost nearly around up down off out including such like unlike despite
    since until till than both either neither another other same very""".split()
)
#: Words of DANGLING that end a phrase when the tagger reads them as a verb's particle
#: or an adverb ("… were rolled out", "… did not connect them either").
END_ADVERBS = frozenset("either too so out up off down along back away ahead apart over on".split())
_ATTRIBUTION_NEXT = re.compile(
    r"^(?:,|;|:|\s[–—-]\s|\s\(|\s(?:said|says|told|tells|reported|reports|wrote|writes|"
    r"added|claimed|announced|according to|officials? said|the [\w\s]{0,40}? said))",
    re.I,
)
#: Words that open an adjunct (a phrase a title may drop whole): the cut before them
#: is a phrase boundary. Not "of", "to" or "that", which mostly open complements.
ADJUNCT_START = frozenset(
    """in on at after before during amid following as while when since despite because
    over across near from with without for by into through under between against
    toward towards ahead including according which who where whose until within
    outside inside throughout among alongside beyond via""".split()
)


#: A sentence end with no space after it ("… is underway.The American side …", "… to
#: Putin.\"The nation …") or before a dash that opens quoted speech ("… Union.- It's …"):
#: scrapers and machine translation print them so, and a title that stops there is the
#: whole sentence, not a cut. A lower-case letter or digit before the stop, or a quotation
#: mark after one ("U.S.", "Mr." and "a.m." are no ends); a capital after it.
_GLUED_END = re.compile(
    r"(?<=[a-z0-9%)\]][a-z0-9%)\]\"”’])([.!?])([\"”’]?)(?=[\"“‘]?(?:[A-Z][A-Za-z]|I\s))"
    r"|([.!?])([\"”’]?)\s*(?=[-–—]\s)"
)


#: A sentence end, also one whose sentence closes a quotation or bracket (… "crime." There).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s")


def unglue(text: str) -> str:
    """The text with a space after each glued sentence end (after its closing quotation
    mark, before an opening one: "… Israel.\"We condemn …" → "… Israel. \"We condemn …")."""

    def space(m: re.Match) -> str:
        stop, quote = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        before = text[: m.start()]
        closes = (
            before.count('"') % 2 == 1
            if quote == '"'
            else before.count("“") > before.count("”")
            if quote == "”"
            else bool(quote)
        )
        return f"{stop}{quote} " if closes or not quote else f"{stop} {quote}"

    return _GLUED_END.sub(space, text)


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(s.split()).lower()


def cut_mid_phrase(
    title: str,
    source: str,
    pos_tags: list[tuple[str, ...]] | None = None,
    next_tags: list[tuple[str, str, str]] | None = None,
) -> str | None:
    """Why ``title`` is cut mid-phrase ("dangling: at", "no clause boundary"), or None.

    ``source`` is the text the title was made from (headline or first sentence of the
    body). ``pos_tags`` optionally gives (word, coarse POS[, dependency]) of the title's
    words from a tagger, to catch an attributive adjective left without its noun (a
    predicate adjective, "… is catastrophic", ends a clause). ``next_tags`` gives (word,
    POS, fine tag) of the source words after the cut, tagged in context.
    """
    t = title.strip().rstrip(".!?\"'”’)")
    if not t:
        return "empty"
    last = re.findall(r"[\w’'-]+", t)
    if not last:
        return "no word"
    word = last[-1].lower().strip("'’")
    if re.search(r"\[\d+\]", title):
        return "reference marker"
    source = unglue(source)
    t = unglue(t).rstrip()
    if _whole_sentence(t, source):
        return None  # the writer's own sentence, whole: nothing was cut ("… grind on")
    particle = bool(pos_tags) and (
        pos_tags[-1][2:] == ("prt",) or (pos_tags[-1][1] == "ADV" and word in END_ADVERBS)
    )
    if word in DANGLING and not particle:  # "rolled out", "… either" end a phrase
        return f"dangling: {word}"
    if (
        pos_tags
        and pos_tags[-1][1] in ("ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART")
        and not particle
    ):
        return f"dangling {pos_tags[-1][1].lower()}: {word}"
    src = _norm(re.sub(r"\s*\[\d+(?:[,–-]\s*\d+)*\]", "", source))
    nt = _norm(t)
    if not src or not nt:
        return None
    at = src.find(nt)
    if at < 0:  # rewritten title (appositive or leading phrase dropped): test its tail
        tail = " ".join(nt.split()[-4:])
        at = src.find(tail)
        if at < 0:
            return None
        end = at + len(tail)
    else:
        end = at + len(nt)
    rest = re.sub(r"^[\"'”’)\]]+", "", src[end:])
    sentence_rest = _SENTENCE_END.split(rest, maxsplit=1)[0]
    if not sentence_rest.strip(" .!?\"')]"):
        return None  # the title runs to the end of the sentence
    if _ATTRIBUTION_NEXT.match(rest):
        return None
    nxt = re.findall(r"[\w’'-]+", rest[:30])
    if nxt and nxt[0] in ADJUNCT_START and not (pos_tags and pos_tags[-1][1] == "DET"):
        return None
    if pos_tags and pos_tags[-1][1] == "ADJ" and pos_tags[-1][2:] in ((), ("amod",)):
        return f"adjective without noun: {word}"
    if next_tags and _adjunct_follows(next_tags, pos_tags):
        return None
    return f"no clause boundary: before {' '.join(nxt[:2])!r}"


#: Roles of a dropped phrase (the sentence parsed whole) that a title may leave out: a
#: relative or purpose clause ("… released footage | that …", "… held a call | to
#: discuss …"), an adverbial clause or phrase, a preposition's phrase, an apposition, a
#: participle or content clause after a complete noun ("denied the claims | that …").
ADJUNCT_DEPS = frozenset("relcl acl advcl prep agent npadvmod advmod appos parataxis".split())
#: Roles a title may not drop: what a verb or a noun phrase needs to be complete.
COMPLEMENT_DEPS = frozenset(
    """ccomp xcomp csubj dobj iobj dative pobj attr acomp oprd compound amod nummod nmod poss
    case prt det quantmod""".split()
)


def _whole_sentence(title: str, source: str) -> bool:
    """Is the title its whole source (a headline) or the source's first sentence, whole?"""
    src = _norm(re.sub(r"\s*\[\d+(?:[,–-]\s*\d+)*\]", "", source))
    first = _SENTENCE_END.split(src, maxsplit=1)[0]
    t = _norm(title).rstrip(" .!?\"')]")
    return bool(t) and t in (first.rstrip(" .!?\"')]"), src.rstrip(" .!?\"')]"))


#: Adverbs of time that open a droppable adjunct ("… destroyed 40 drones | overnight").
_TIME_ADVERBS = frozenset("overnight today yesterday tonight earlier later now then".split())


def _adjunct_follows(next_tags: list[tuple[str, str, str]], pos_tags) -> bool:  # noqa: ANN001
    """What the title dropped opens an adjunct, by the tagger's reading of the source:
    a preposition other than "of", a subordinator other than "that", a participle after
    a complete noun ("people | suspected of …"), a time adverb, or a conjunction opening
    a new clause ("… | and accused …", "… | and it …")."""
    w, pos, tag = next_tags[0][:3]
    lw = w.lower()
    if len(next_tags[0]) > 3:  # the dropped phrase's role in the whole sentence's parse
        dep, top_pos = next_tags[0][3:5]
        if dep == "open" or dep in COMPLEMENT_DEPS:
            return False
        if lw == "that" and pos == "SCONJ" and not (pos_tags and pos_tags[-1][1] == "NOUN"):
            return False  # "… reported on February 2 | that …": the verb's clause, misparsed
        if dep in ADJUNCT_DEPS and (dep != "prep" or lw != "of"):
            return True
        if dep == "conj" and top_pos in ("VERB", "AUX"):
            return True  # "… | and falsely claimed …": a new clause
        if dep == "conj":
            return False  # "… prisoner recruits | and forcibly mobilized men": a list cut
    ends_on_noun = bool(pos_tags) and pos_tags[-1][1] in ("NOUN", "PROPN", "NUM", "PRON")
    if pos == "ADP" and lw != "of":
        return True
    if pos == "SCONJ" and lw != "that":
        return True
    if pos == "VERB" and tag in ("VBG", "VBN") and ends_on_noun:
        return True
    if lw in _TIME_ADVERBS:
        return True
    if pos == "CCONJ" and len(next_tags) > 1:
        return next_tags[1][1] in ("VERB", "AUX", "PRON", "NUM", "DET", "PROPN")
    return False


# --- publisher as actor ---------------------------------------------------------------


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"^the\s+", "", s.lower().replace("’", "'"))
    return re.sub(r"[^a-z0-9]+", "", s)


def _acronym(name: str) -> str:
    caps = [w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper()]
    return "".join(caps).lower() if len(caps) >= 2 else ""


def publisher_keys(publisher: str | None, url: str | None, authors: Iterable[str] = ()) -> set[str]:
    """Folded spellings under which a document's publisher or authors may be named."""
    keys: set[str] = set()
    if publisher:
        keys |= {fold(publisher), _acronym(publisher)}
    if url:
        host = re.sub(r"^(?:https?://)?(?:www\.|en\.|amp\.|news\.)?", "", url.lower())
        host = host.split("/")[0]
        stem = host.rsplit(".", 2)[0] if host.count(".") >= 2 else host.split(".")[0]
        stem = stem.split(".")[-1]
        if len(stem) >= 3:
            keys.add(fold(stem))
    for a in authors:
        if a and len(a.split()) >= 2:
            keys.add(fold(a))
    keys.discard("")
    return keys


def names_publisher(names: Iterable[str], keys: set[str]) -> bool:
    """Does any spelling of an actor (name and aliases) equal a publisher key?"""
    return any(fold(n) in keys for n in names if n)


# --- gold dates -----------------------------------------------------------------------

_FM_DATE = re.compile(
    r"^(?:date|published|published_at|pubdate|date_published|datePublished)\s*:\s*[\"']?"
    r"(\d{4}-\d{2}-\d{2})",
    re.M,
)
_META_DATE = re.compile(
    r"^[-*]\s*\**(?:published|date|timestamp)\**\s*:\s*(\d{4}-\d{2}-\d{2})", re.M | re.I
)
_URL_DATE = re.compile(r"/(20\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_]|$)")
_URL_LINE = re.compile(r"^(?:source|url|link)\s*:\s*(\S+)|\*\*URL\*\*\s*:\s*(\S+)", re.M | re.I)


def gold_date(raw: str) -> tuple[dt.date, str] | None:
    """The publication date a file states about itself, and where it was read."""
    head = raw[:6000]
    if head.startswith("---"):
        end = head.find("\n---", 3)
        fm = head[: end if end > 0 else len(head)]
        m = _FM_DATE.search(fm)
        if m:
            return dt.date.fromisoformat(m.group(1)), "front matter"
    for m in _URL_LINE.finditer(head):
        u = m.group(1) or m.group(2)
        d = _URL_DATE.search(u or "")
        if d:
            try:
                return dt.date(int(d.group(1)), int(d.group(2)), int(d.group(3))), "url"
            except ValueError:
                pass
    m = _META_DATE.search(head)
    if m:
        return dt.date.fromisoformat(m.group(1)), "metadata"
    return None


# --- live-blog stamps -----------------------------------------------------------------

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
#: An entry stamp: "21 May 2022 23.34 Headline", "From 7 Jul 2022 18.14 …", a bare
#: "14:05" line, and the glued scrapes "4 Mar 202205.27Headline", "1h ago14.04At least";
#: not an edit note ("Updated at 23.50 GMT").
_STAMP = re.compile(
    rf"(?:(?<!\d)\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s?|\b\d+[hmd]\s+ago\s?|^(?:From\s+)?)"
    r"(?<!at )(\d{1,2})[.:](\d{2})"
    r"(?=\s?[A-Z‘'“\"]|\s*,\s+[A-Z]|\s*$|\s*(?:GMT|BST|CET|EET|UTC)\s*$)",
    re.M,
)


#: Entries the issue keeps out of passages by definition: summaries and recaps
#: ("Summary", "Afternoon summary", "Today so far", "What we learned …") and sign-offs
#: ("That's it from us", "This blog is closing", "Thanks for following …").
_NOT_ENTRY = re.compile(
    r"^(?:(?:interim|morning|afternoon|evening|lunchtime|opening)\s+)?summary(?-i:(?![a-z]))|"
    r"^(?:today so far|catch up|what we learned|what happened|"
    r"here(?:'|’)s where things stand)(?-i:(?![a-z]))|"
    r"^(?:that(?:'|’)s it|this (?:live)?blog is (?:now )?clos|"
    r"thanks? (?:you )?for (?:following|joining|reading)|"
    r"we(?:'|’)re going to (?:wrap|pause|close)|we will (?:now )?be (?:closing|pausing|wrapping)|"
    r"our live coverage (?:is moving|continues)|we(?:'|’)ll be (?:closing|pausing))",
    re.I,
)


def stamps(raw: str) -> list[tuple[int, str]]:
    """(line number, "HH:MM") of each entry stamp a live blog prints, any layout.

    Not counted: a stamp whose entry is a summary or a sign-off (kept out of passages by
    the issue's own definition), and a stamp printed again with the same opening words (a
    pinned post repeated at the top or end of the page is one entry)."""
    out = []
    seen: set[tuple[str, str]] = set()
    for m in _STAMP.finditer(raw):
        if int(m.group(1)) < 24 and int(m.group(2)) < 60:
            hhmm = f"{int(m.group(1)):02d}:{m.group(2)}"
            after = raw[m.end() : m.end() + 60].lstrip(" \t:|–—-")
            after = re.sub(r"^(?:GMT|BST|CET|EET|UTC)\s*", "", after)
            if _NOT_ENTRY.match(after):
                continue
            opening = " ".join(after[:40].split())
            if (hhmm, opening) in seen:
                continue
            seen.add((hhmm, opening))
            line = raw.count("\n", 0, m.start()) + 1
            out.append((line, hhmm))
    return out


_TITLE_STAMP = re.compile(
    rf"(\S*)\s*\b\d{{1,2}}[.:]\d{{2}}\s*(?:GMT|BST|CET|EET|UTC|EST|EDT|am|pm)\b|\bUpdated at\b|"
    rf"^\s*(?:From\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\s+(?:(?-i:[A-Z“\"‘])|\d)|^\s*\d{{1,2}}[.:]\d{{2}}\b",
    re.I,
)
#: "… at 4.50am Kyiv time", "… about 7.30pm EST": the time the news happened, said in
#: the sentence — no stamp.
_TIME_PREPOSITIONS = frozenset(
    "at about around by until till before after from since to and or between than".split()
)


def has_stamp(title: str) -> bool:
    """A stamp a reader would see as one: a date or clock opening the title, a clock with
    its zone not said as the sentence's own time, or an update note."""
    for m in _TITLE_STAMP.finditer(title):
        if m.group(1) is None or m.group(1).lower().strip("(,") not in _TIME_PREPOSITIONS:
            return True
    return False
