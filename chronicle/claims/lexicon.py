"""Words that mark a claim: reporting verbs and their stance, hedges, unnamed speakers.

Verbs are listed by their inflected forms (the pipeline runs no tagger or lemmatiser:
the parser alone is cheap, and war news uses a small closed set of reporting verbs).
"""

from __future__ import annotations

import re

STANCES = ("asserts", "denies", "accuses", "warns")

_VERBS: dict[str, tuple[str, tuple[str, ...]]] = {
    # base form: (stance, other forms)
    "say": ("asserts", ("said", "says", "saying")),
    "tell": ("asserts", ("told", "tells", "telling")),
    "state": ("asserts", ("stated", "states", "stating")),
    "announce": ("asserts", ("announced", "announces", "announcing")),
    "report": ("asserts", ("reported", "reports", "reporting")),
    "confirm": ("asserts", ("confirmed", "confirms", "confirming")),
    "add": ("asserts", ("added", "adds", "adding")),
    "write": ("asserts", ("wrote", "writes", "writing", "written")),
    "post": ("asserts", ("posted", "posts", "posting")),
    "note": ("asserts", ("noted", "notes", "noting")),
    "explain": ("asserts", ("explained", "explains", "explaining")),
    "insist": ("asserts", ("insisted", "insists", "insisting")),
    "argue": ("asserts", ("argued", "argues", "arguing")),
    "stress": ("asserts", ("stressed", "stresses", "stressing")),
    "emphasise": ("asserts", ("emphasised", "emphasises", "emphasising")),
    "emphasize": ("asserts", ("emphasized", "emphasizes", "emphasizing")),
    "estimate": ("asserts", ("estimated", "estimates", "estimating")),
    "acknowledge": ("asserts", ("acknowledged", "acknowledges", "acknowledging")),
    "admit": ("asserts", ("admitted", "admits", "admitting")),
    "reveal": ("asserts", ("revealed", "reveals", "revealing")),
    "declare": ("asserts", ("declared", "declares", "declaring")),
    "assert": ("asserts", ("asserted", "asserts", "asserting")),
    "maintain": ("asserts", ("maintained", "maintains")),
    "reiterate": ("asserts", ("reiterated", "reiterates", "reiterating")),
    "tweet": ("asserts", ("tweeted", "tweets", "tweeting")),
    "indicate": ("asserts", ("indicated", "indicates")),
    "suggest": ("asserts", ("suggested", "suggests")),
    "imply": ("asserts", ("implied", "implies")),
    "recognise": ("asserts", ("recognised", "recognises")),
    "recognize": ("asserts", ("recognized", "recognizes")),
    "predict": ("asserts", ("predicted", "predicts")),
    "claim": ("asserts", ("claimed", "claims", "claiming")),
    "allege": ("accuses", ("alleged", "alleges", "alleging")),
    "accuse": ("accuses", ("accused", "accuses", "accusing")),
    "blame": ("accuses", ("blamed", "blames", "blaming")),
    "condemn": ("accuses", ("condemned", "condemns", "condemning")),
    "denounce": ("accuses", ("denounced", "denounces", "denouncing")),
    "criticise": ("accuses", ("criticised", "criticises", "criticising")),
    "criticize": ("accuses", ("criticized", "criticizes", "criticizing")),
    "slam": ("accuses", ("slammed", "slams", "slamming")),
    "deny": ("denies", ("denied", "denies", "denying")),
    "reject": ("denies", ("rejected", "rejects", "rejecting")),
    "dismiss": ("denies", ("dismissed", "dismisses", "dismissing")),
    "refute": ("denies", ("refuted", "refutes", "refuting")),
    "dispute": ("denies", ("disputed", "disputes", "disputing")),
    "rebuff": ("denies", ("rebuffed", "rebuffs")),
    "warn": ("warns", ("warned", "warns", "warning")),
    "threaten": ("warns", ("threatened", "threatens", "threatening")),
    "caution": ("warns", ("cautioned", "cautions", "cautioning")),
}

#: Inflected form → (base form, stance).
VERBS: dict[str, tuple[str, str]] = {}
for _base, (_stance, _forms) in _VERBS.items():
    for _form in (_base, *_forms):
        VERBS.setdefault(_form, (_base, _stance))

#: Verbs of speech proper: a clause governed by one inside another claim is a nested
#: attribution ("X said officials told them ...").
SPEECH_VERBS = frozenset(
    {"say", "tell", "report", "confirm", "announce", "claim", "write", "state", "post", "tweet"}
)

#: Verbs that report only with a speaker for subject (a study or a scale also "suggests").
WEAK_VERBS = frozenset({"suggest", "indicate", "reveal", "predict", "estimate"})

#: Verbs whose use is itself a hedge: the writer keeps their distance from the claim.
HEDGING_VERBS = frozenset({"claim", "allege"})

#: Verbs that need a clause, an object or a quotation to report anything ("she added").
NEEDS_CONTENT = frozenset({"add", "note", "post", "write", "report", "state", "maintain"})

#: Forms that are usually nouns unless the parse makes them a clause's verb.
NOUN_LIKE = frozenset({"claims", "reports", "states", "notes", "posts", "estimates", "warning"})

#: Words that hedge a statement wherever they stand in its sentence.
HEDGE_WORDS = frozenset(
    {"reportedly", "allegedly", "purportedly", "apparently", "likely", "possibly", "unconfirmed"}
)
HEDGE_PHRASES = re.compile(
    r"\b(?:appear(?:s|ed)? to|believed to|thought to|may have|might have|"
    r"without (?:providing|offering|presenting|giving|citing) (?:any )?evidence|"
    r"without evidence)\b",
    re.IGNORECASE,
)

#: A writer saying the claim could not be checked: the strongest hedge, it contests.
UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|was|were)\s*(?:not|n['’]t)\s+(?:be\s+)?(?:immediately\s+)?"
    r"(?:independently\s+)?(?:verif|confirm)\w*"
    r"|(?:unable|impossible|not possible)\s+to\s+(?:immediately\s+)?(?:independently\s+)?"
    r"(?:verify|confirm)"
    r"|(?:has|have|had)\s+not\s+been\s+(?:independently\s+)?(?:verified|confirmed)"
    r"|not\s+(?:been\s+)?independently\s+(?:verified|confirmed)"
    r"|(?:independent(?:ly)?\s+)?unverified"
    r"|cannot\s+(?:be\s+)?(?:independently\s+)?(?:verif|confirm)\w*)",
    re.IGNORECASE,
)

#: Words in a claimed clause that make a statement a denial ("called the reports fake").
DENIAL_WORDS = re.compile(
    r"\b(?:fake|false|falsehoods?|lies|lie|lying|baseless|groundless|untrue|fabricat\w+|"
    r"disinformation|misinformation|propaganda|nonsense|absurd|provocation|staged|"
    r"nothing to do with|not involved|no involvement|not responsible|no evidence|"
    r"not true|hoax|fiction)\b",
    re.IGNORECASE,
)

#: Words that make a statement an accusation ("said the strike was a war crime").
ACCUSATION_WORDS = re.compile(
    r"\b(?:war crimes?|crimes? against|terror\w*|genocide|atrocit\w+|barbar\w+|"
    r"deliberately|intentionally|responsible for|to blame|behind the (?:attack|strike|"
    r"bombing|shelling|explosion|blast|sabotage)|provocation by|ethnic cleansing)\b",
    re.IGNORECASE,
)

#: What a denial must be about for it to dispute somebody's claim on its own.
DISPUTED_OBJECTS = re.compile(
    r"\b(?:reports?|claims?|accusations?|allegations?|charges?|assertions?|statements?|"
    r"figures?|accounts?|suggestions?|speculation|rumou?rs?|assessments?)\b",
    re.IGNORECASE,
)

#: Nouns of an unnamed speaker: they speak for a side, not as an actor of their own.
UNNAMED = frozenset(
    """official officials authority authorities source sources spokesperson spokesman
    spokeswoman spokespeople representative representatives officer officers aide aides
    diplomat diplomats administration government military army forces command staff
    ministry ministries office agency police prosecutor prosecutors investigators
    governor mayor minister ministers leader leaders head chief residents witness witnesses
    people analysts observers experts lawmakers legislators troops soldiers commander
    commanders operator company service services statement""".split()
)

#: Objects of "according to" that are sources though not names ("according to the data").
SOURCE_NOUNS = frozenset(
    """report reports data statement statements update updates estimate estimates figures
    media agency agencies survey poll document documents study analysis assessment
    intelligence footage records record count tally reporting newspaper outlet website
    monitor monitors observers group groups organisation organization channel""".split()
)

#: A reporting verb with one of these is hypothetical or normative: nobody said it.
MODALS = frozenset({"should", "must", "would", "could", "might", "may", "can", "ought"})

PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})

#: Dependency labels of a token that is a clause's verb.
VERBAL_DEPS = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "pcomp", "acl", "csubj"}
)
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
QUOTES = '"“”«»„'
