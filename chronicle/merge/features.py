"""What the merge compares about a passage, computed once per distinct headline and text.

Everything here is a pure function of a class's headline and text (term counts of the
lead and the full text, figures, the country a diplomatic act is aimed at, reaction
verbs, quotations), so it is kept in the store across builds (:func:`merge_memo`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from anyascii import anyascii

from chronicle import store
from chronicle.merge.events import own_title
from chronicle.model import DatedPassage
from chronicle.text import content_tokens, sentences, stem

#: Sentences of a passage that make its lead (they count most).
LEAD_SENTENCES = 2
#: Quotations shorter than this many words are too common to identify a statement.
QUOTE_WORDS = 5

_DIRECTED = re.compile(
    r"\b(?:summon\w*|expel\w*|recall\w*|clos\w*|shut\w*|sanction\w*|ban\w*|"
    r"clos(?:ure|ing) of|expulsion of)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<who>[A-Z][\w’'-]*?)(?:['’]s)?\s+(?:top\s+|senior\s+|chief\s+)?"
    r"(?P<what>ambassador|envoy|embassy|consulate|consul|diplomats?|charg[eé] d['’]affaires|"
    r"military attach[eé])\b"
)
_QUOTE = re.compile(r"[“\"]([^”\"“]{12,300})[”\"]")
_DEMONYMS = {
    "british": "uk", "britain": "uk", "uk": "uk", "english": "uk",
    "french": "france", "france": "france", "dutch": "netherlands", "netherlands": "netherlands",
    "polish": "poland", "poland": "poland", "swiss": "switzerland", "switzerland": "switzerland",
    "american": "us", "us": "us", "u.s": "us", "greek": "greece", "greece": "greece",
    "czech": "czechia", "czechia": "czechia", "danish": "denmark", "denmark": "denmark",
    "swedish": "sweden", "sweden": "sweden", "finnish": "finland", "finland": "finland",
    "turkish": "turkey", "turkey": "turkey", "irish": "ireland", "ireland": "ireland",
    "belarusian": "belarus", "belarus": "belarus", "chinese": "china", "china": "china",
}  # fmt: skip


def _country_key(word: str) -> str:
    w = anyascii(word).lower().strip("'’")
    w = re.sub(r"['’]s$", "", w)
    return _DEMONYMS.get(w, w[:4])


def directed_object(dp: DatedPassage) -> str | None:
    """Country on the receiving end of a diplomatic act in the lead ("Hungary's ambassador")."""
    p = dp.passage
    first = sentences(p.text)[:1]
    return _directed_object(own_title(p), first[0] if first else "")


def _directed_object(title: str, first_sentence: str) -> str | None:
    for part in (title, first_sentence):
        m = _DIRECTED.search(part)
        if m:
            return _country_key(m.group("who"))
    return None


_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d,.]*\d)?")


_NUMBER_WORDS = {
    w: i + 2
    for i, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
} | {
    w: (i + 2) * 10
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
_NUMBER_WORDS |= {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split()
    )
}
_WORD = re.compile(r"[a-z]+")
_ORDINAL = re.compile(r"(?<![\w.,])(\d+)(?:st|nd|rd|th)\b")


def figures(text: str) -> list[str]:
    """Figures of a text as tokens ("#16", "#1212"; "six" is "#6"); 0 and 1 are too common."""
    out = [f"#{m.group(0).replace(',', '')}" for m in _NUMBER.finditer(text)]
    out += [f"#{m.group(1)}" for m in _ORDINAL.finditer(text)]
    words = _NUMBER_WORDS
    out += [f"#{words[w]}" for w in _WORD.findall(text.lower()) if w in words]
    return [f for f in out if f not in ("#0", "#1")]


_YEAR = re.compile(r"#(?:19|20)\d\d")


def figures_conflict(a: set[str], b: set[str]) -> bool:
    """Each lead states figures the other lacks, and they share few: different news.

    Two outlets on one strike may differ on a toll (34 or 35 killed) but share most
    figures (117 injured); a routine report of another day shares none (90 vs 72 drones).
    """
    if not a or not b or a <= b or b <= a:  # = not (a - b and b - a), without new sets
        return False
    return len(a & b) < max(1, min(len(a), len(b)) / 2)


#: Verbs of a reaction to another development: the reaction is news of its own.
_REACTION = re.compile(
    r"\b(?:reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|den(?:y|ies|ied|ying)|"
    r"condemn(?:s|ed|ing)?|welcom(?:e|es|ed|ing)|slam(?:s|med|ming)?|"
    r"critici[sz](?:e|es|ed|ing)|hit(?:s|ting)? back|respond(?:s|ed|ing)? to|"
    r"react(?:s|ed|ing)? to|rebuff(?:s|ed|ing)?|scoff(?:s|ed|ing)? at|"
    r"denounc(?:e|es|ed|ing)|prais(?:e|es|ed|ing)|snub(?:s|bed|bing)?)\b",
    re.I,
)
_PLACE_SUFFIX = re.compile(r"-(?:oblast|region|raion|district|province|krai|city|hromada)$")


@functools.lru_cache(maxsize=65536)
def _place_key(place_id: str) -> str:
    """Kyiv and the Kyiv region count as one place when deciding if places conflict."""
    return _PLACE_SUFFIX.sub("", place_id)


#: Words that news paraphrases swap freely, folded to one token so that "Russian drones
#: pounded Kyiv, two dead" and "a Russian attack on Kyiv killed two" look alike.
SYNONYMS = {
    "attack": "attack strike struck hit pound pounded shell shelling bomb bombing bombard "
    "bombardment barrage",
    "kill": "kill killed killing dead die died death deaths fatality fatalities",
    "injure": "injure injured injuring wound wounded wounding hurt injuries",
    "outage": "outage outages blackout blackouts",
    "exchange": "exchange exchanged swap swapped",
    "soldier": "soldier soldiers servicemen serviceman troops troop",
    "prisoner": "prisoner prisoners pow pows captive captives",
    "talks": "talks negotiation negotiations",
    "retake": "retake regain recapture reclaim",
    "drone": "drone drones uav uavs",
    "ceasefire": "ceasefire truce armistice",
    "aid": "aid support assistance",
    "pledge": "pledge pledged allocate allocated earmark earmarked",
    "electricity": "electricity power",
}
_CANON = {stem(w): canon for canon, words in SYNONYMS.items() for w in words.split()}


def merge_tokens(text: str) -> list[str]:
    """Content stems (synonyms folded) plus figures: the same toll marks the same news."""
    return [_CANON.get(t, t) for t in content_tokens(text)] + figures(text)


#: Layout of :func:`class_features` values (bump on change; code edits change the key anyway).
FEATURES_LAYOUT = 2
_N_FEATURES = 9


def _counts(toks: list[str]) -> tuple[str, bytes | tuple[int, ...]]:
    """Distinct tokens in first-occurrence order, space-separated (no token has a space),
    and their counts: compact to keep, quick to load."""
    tf = Counter(toks)
    counts = tuple(tf.values())
    return " ".join(tf), bytes(counts) if counts and max(counts) < 256 else counts


def class_features(title: str, text: str) -> tuple:
    """Everything the merge compares that depends only on a class's headline and text.

    A pure function, so a build keeps it per content digest in the cache folder:
    (lead term counts, full-text term counts, headline tokens, headline word count,
    directed object, lead figures without years, reacts?, quotations, no text?).
    """
    first = sentences(text)[:LEAD_SENTENCES]
    first0 = first[0] if first else ""
    lead = f"{title} {' '.join(first)}".strip()
    full = f"{title} {text}".strip()
    lead_figures = figures(lead)
    lead_tokens = [_CANON.get(t, t) for t in content_tokens(lead)] + lead_figures
    head = " ".join(content_tokens(title))
    return (
        _counts(lead_tokens),
        _counts(merge_tokens(full)),
        head,
        len(head.split()),
        _directed_object(title, first0),
        frozenset(f for f in lead_figures if not _YEAR.fullmatch(f)),
        bool(_REACTION.search(f"{title} {first0}")),
        tuple(q.strip(" ,.") for q in _QUOTE.findall(full) if len(q.split()) >= QUOTE_WORDS),
        not text.strip(),
    )


def merge_memo(cache_dir: Path | None) -> store.Memo:
    """Class features and event texts of earlier builds, by content digest.

    Versioned by the code of every module they come from plus the versions of the
    packages they call, so any change there is a clean miss; holds only this build's
    entries. Without ``cache_dir``, in memory only."""
    from chronicle import text, titles
    from chronicle.merge import events

    titles_code = Path(str(titles.__file__)).parent  # the package: plain and parsed cuts
    files = [Path(__file__), *(Path(str(m.__file__)) for m in (events, text)), titles_code]
    extra = [f"layout={FEATURES_LAYOUT}"]
    extra += store.package_versions("anyascii", "python-slugify", "rapidfuzz")
    return store.Memo(cache_dir, "merge-memo", store.code_key(*files, extra=extra))


def _are_features(value: object) -> bool:
    return type(value) is tuple and len(value) == _N_FEATURES


def _features_of(memo: store.Memo, title: str, text: str) -> tuple:
    key = memo.key("features", title, text)
    return memo.recall(key, lambda: class_features(title, text), _are_features)
