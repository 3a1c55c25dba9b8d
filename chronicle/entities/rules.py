"""Context rules read from the words around a name.

Pure functions over ``(text, start, end)``: is this country the government acting
("Moscow said") or the place things happen ("in Moscow")? Is this agency the source
("told Reuters") or the subject? Which role phrase goes with this person? They look
only at a few words either side, so they generalise across outlets and styles.
"""

from __future__ import annotations

import re

# Words of office, for roles and for stripping titles off names.
ROLE_WORDS = frozenset(
    """president presidents vice prime minister ministers secretary secretary-general
    chancellor spokesman spokeswoman spokesperson spokespeople mayor governor head chief
    envoy aide adviser advisor ambassador commissioner deputy chairman chairwoman
    chairperson chair speaker leader commander general official officials counterpart
    negotiator negotiators diplomat lawmaker senator congressman congresswoman mp
    prosecutor ombudsman director ceo executive founder king queen pope prince sheikh
    sir mr mrs ms dr lieutenant colonel major captain sergeant admiral marshal
    correspondent journalist analyst expert fellow researcher representative
    coordinator administrator commissar monarch premier ruler emir consul attache
    attaché lt gen col maj capt sgt adm top senior first athlete billionaire
    businessman businesswoman coach player chef founder co-founder owner staff""".split()
)
TITLE_TOKENS = frozenset(
    """president prime minister mr mrs ms dr sir dame lord lady general gen gen. lt col
    col. maj capt sgt adm admiral marshal colonel major captain sergeant lieutenant
    sheikh king queen prince crown pope chancellor secretary mayor governor senator
    spokesman spokeswoman spokesperson foreign defence defense deputy chief envoy
    special ambassador commander the""".split()
)
# Nouns after "X's" that make X the government acting, not the place.
GOV_NOUNS = frozenset(
    """ambassador ambassadors government foreign ministry ministries president
    presidency prime military forces army navy parliament envoy envoys officials official
    negotiators negotiating delegation authorities allies partners leader leaders
    leadership position decision decisions demand demands proposal proposals war invasion
    attack attacks strikes strike aggression offensive diplomat diplomats top defence
    defense intelligence security response sanctions plan participation representatives
    mission embassy consent relations troops soldiers drones missiles minister ministers
    spokesman spokesperson secretary national team counterpart commander-in-chief
    counterparts chief regime bombardment bombing shelling demand refusal insistence
    blockade ultimatum troop drone missile governing fleet""".split()
)
# Nouns after "X's" that make X a place.
PLACE_NOUNS = frozenset(
    """region regions city cities capital town towns village territory territories east
    eastern west western north northern south southern border borders energy
    infrastructure front frontline front-line coast coastline airspace soil grid power
    heating economy people population citizens residents civilians children second-largest
    largest main biggest oil gas ports port sea""".split()
)
# Verbs whose subject is an actor: "Moscow said", "Kyiv accused", "Russia launched".
_AGENT_STEMS = """accus announc warn claim deni deny insist launch attack fire deploy demand
    reject dismiss welcom agre refus propos summon sign suppl pledg condemn confirm want
    intend plan impos sanction expel urg call offer respond retaliat vow threaten believ hop
    expect consider regard view need tri push prepar negotiat observ exploit us shell target
    order allow block ban recall protest approv adopt decid join support back help provid
    deliver receiv host talk discuss ask request blam acknowledg admit report repl counter
    declar recogni continu stop halt resum paus withdr invad occup annex captur seiz
    respond threat retaliat strik bomb shoot launch mobilis mobiliz recruit conscript
    arrest detain jail sentenc charg indict accus agree negotiat insist seek hold meet
    send sent struck hit fired told said says say tell sought took take gave give met held
    kept keep made make won lost got get left brought bought sold stole stolen began begun
    chose chosen fought went came ran drew mediat procur test monitor conduct float indicat
    signal lead led stood stand stands exchang swap""".split()
AGENT_VERB = re.compile(
    r"^(?:" + "|".join(sorted(set(_AGENT_STEMS), key=len, reverse=True)) + r")[a-z]*$"
)
_NOT_VERBS = frozenset({"user", "users", "usual", "using", "says", "talks"})
_AUX = frozenset("has have had will would could can must should may might did does do".split())
_SKIP_AUX = _AUX | frozenset(
    """also not never reportedly now still then already again previously later earlier
    repeatedly itself allegedly apparently first yet""".split()
)
_BE = frozenset(
    "is was were are been being be remains remained remain seems seemed appears appeared".split()
)
# Words before a country that make it the party acted on or talked with.
OBJECT_BEFORE = frozenset(
    """accused accuses accusing accuse urged urges urging told tells telling asked asks
    warned warns with between by pressure pressured pressuring summoned blamed blaming
    condemned condemning sanctioned sanctioning punish punishing pressed supply supplies
    supplying supplied give gives giving provide provides providing arm arming help helps
    helping support supports supporting defend defending backing back backed persuade
    persuaded persuading convince convinced""".split()
)
OBJECT_BIGRAMS = frozenset(
    """pressure on sanctions on sanctions against talks with ties with relations with
    deal with agreement with""".split("\n")
) | frozenset({"pressure on", "sanctions on", "sanctions against", "pressure against"})
# Words before an agency or platform that make it the subject of the news, not the source.
SUBJECT_BEFORE = frozenset(
    """banned bans ban blocked blocks block sanctioned sanctions fined fines raided raid
    expelled expels shut outlawed restricted restricts throttled throttling slowed
    labelled designated closed against prohibited sued suing sues lawsuit""".split()
)

_WORD = re.compile(r"[\w’'.-]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_possessive(text: str, end: int) -> bool:
    return text[end : end + 2] in ("'s", "’s") or (
        text[end - 1 : end] == "s" and text[end : end + 1] in ("'", "’")
    )


_PREDICATES = frozenset(
    """ready prepared willing unwilling open serious interested committed determined keen
    reluctant able unable trying seeking working pushing preparing planning against""".split()
)
_COORD = frozenset({"and", "or", "nor", "neither", "both", "the", "either"})
_BORDER = frozenset({"border", "crossing", "frontier", "borders"})
_APPOSED = frozenset({"capital", "city", "town", "port", "village", "region", "oblast"})
STRONG_PLACE_BEFORE = frozenset(
    """in across into near to throughout around inside outside at of on onto within from
    towards toward""".split()
)


def country_role(text: str, start: int, end: int) -> str:
    """How a country or capital is used: the government acting or the place.

    Returns 'state' ("Moscow said", "accused Kyiv", "Russia's war", "US officials"),
    'place' ("in Kyiv", "Ukraine's Kharkiv region"), 'name' for a possessive before
    another name ("Germany's Wadephul": decided by what that name is), or 'weak'
    when nothing around it tells (a place, unless the same country acts elsewhere
    in the passage).
    """
    before = _words(text[max(0, start - 80) : start])
    prev = before[-1].lower() if before else ""
    if is_possessive(text, end):
        after = _words(text[end + 2 : end + 60])
        use = "weak"
        for word in after[:3]:
            w = word.lower().strip(".,")
            if w in PLACE_NOUNS:
                use = "place"
                break
            if w in GOV_NOUNS:
                use = "state"
                break
        if after and after[0][:1].isupper():
            return "name-" + use  # decided by the name that follows, if it is one
        return use
    tail = text[end : end + 80]
    if tail.startswith(("-", "–")) and not tail.startswith(("–", " –")):
        return "weak"
    low = [w.lower() for w in before[-8:]]
    if prev in OBJECT_BEFORE or " ".join(low[-2:]) in OBJECT_BIGRAMS:
        if not (prev == "with" and len(low) > 1 and low[-2] in _BORDER):
            return "state"
    nxt = _words(tail[:40])
    if nxt and not tail.startswith((",", ".", ";")) and nxt[0].lower() in GOV_NOUNS - PLACE_NOUNS:
        return "state"  # "to US envoy Steve Witkoff", "US officials", "Ukraine president"
    if prev in STRONG_PLACE_BEFORE or prev in _APPOSED:
        return "place"  # "officials in Kyiv said": the subject is not Kyiv
    after = _words(tail)
    # skip coordinated names: "Russia and Ukraine exchanged", "neither Moscow nor Kyiv had"
    while len(after) > 1 and after[0].lower() in ("and", "or", "nor") and after[1][:1].isupper():
        after = after[2:]
        while after and after[0][:1].isupper():
            after = after[1:]
    i = 0
    be = aux = False
    while (
        i < len(after)
        and i < 4
        and (after[i].lower() in _SKIP_AUX or after[i].lower() in _BE or after[i].endswith("ly"))
    ):
        be = be or after[i].lower() in _BE
        aux = aux or after[i].lower() in _AUX
        i += 1
    comma = text[end : end + 1] == ","
    if i < len(after) and not comma:
        word = after[i].strip(".,").lower()
        if be:
            if word.endswith("ing") or word in _PREDICATES:
                return "state"
        elif aux or (
            word not in _NOT_VERBS
            and (AGENT_VERB.match(word) or (len(word) > 4 and word.endswith("ed")))
        ):
            return "state"
        if not be and i == 0 and word in GOV_NOUNS | ROLE_WORDS and word not in PLACE_NOUNS:
            if after[0][:1].isupper() or word in GOV_NOUNS:
                return "state"
    if prev == "with":
        return "place"  # "border with Belarus"
    # "a deal with the EU and Turkey", "between Kyiv, Moscow and Washington"
    j = len(low) - 1
    walked = False
    while j >= 0 and (low[j] in _COORD or before[-8:][j][:1].isupper()):
        j -= 1
        walked = True
    if walked and j >= 0 and low[j] in OBJECT_BEFORE:
        return "state"
    if walked and j >= 0 and low[j] in STRONG_PLACE_BEFORE:
        return "place"
    if prev in STRONG_PLACE_BEFORE:
        return "place"
    return "weak"


_AREA_PLURAL = {
    "regions": "region",
    "oblasts": "region",
    "provinces": "region",
    "districts": "district",
}


def area_word(text: str, start: int, end: int) -> str | None:
    """'region' or 'district' when a name stands for an area named by a shared noun.

    Covers "the region of Belgorod", "the Poltava and Sumy regions" (both names) and
    "the Saltivskyi and Kyivskyi districts".
    """
    if re.search(r"\bregion of (?:the )?$", text[max(0, start - 20) : start]) or re.match(
        r" regional (?:governor|administration|military|authorities|council|police|officials?|"
        r"head|prosecutor)",
        text[end : end + 40],
    ):
        return "region"
    m = re.match(
        r"(?:,? (?:and|or) [A-Z][\w-]+)+ (regions|oblasts|provinces|districts)\b", text[end:]
    )
    if m:
        return _AREA_PLURAL[m.group(1)]
    m = re.match(r" (regions|oblasts|provinces|districts)\b", text[end:])
    if m and re.search(r"(?:,|\band|\bor) $", text[:start]):
        return _AREA_PLURAL[m.group(1)]
    return None


def is_compound_modifier(text: str, end: int) -> bool:
    """'Moscow-occupied', 'US-brokered': the name only qualifies the next word."""
    return bool(re.match(r"[-–][a-z]", text[end : end + 2]))


def agency_is_subject(text: str, start: int) -> bool:
    """True when a news agency or platform is what the passage is about."""
    before = [w.lower() for w in _words(text[max(0, start - 50) : start])][-4:]
    return any(w in SUBJECT_BEFORE for w in before)


# Picture credits and captions inside running text: "(Photo by Sergei GAPON / AFP)",
# "REUTERS/Thomas Peter", "[Thomas Peter/Reuters]", "(AFP via Getty Images)", "(AP)".
CREDIT_PATTERNS = (
    re.compile(r"\((?:Reporting|Writing|Editing|Additional reporting|Compiled)\b[^()]{2,200}\)"),
    re.compile(r"\((?:Photo|Picture|Image)s?\s+(?:by|:)[^()]{2,80}\)", re.I),
    re.compile(r"\[[^\[\]]{2,80}/[^\[\]]{2,40}\]"),
    re.compile(r"\b[A-Z]{2,}/[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,3}"),
    re.compile(r"\([^()]{0,40}(?:via|/)\s*(?:Getty|AFP|Reuters|AP|REUTERS)[^()]{0,30}\)"),
    re.compile(
        r"\((?:AP|AFP|Reuters|REUTERS|Sputnik|PA|EPA|Getty Images|[A-Z][\w ]{1,40}"
        r"(?:Court|Office|Service|Press|Handout))\)"
    ),
    re.compile(r"(?:Handout|Photo|Credit|Picture)\s*:\s*[^\]\n)]{2,60}"),
    re.compile(r"(?:^|(?<=[.!?]\s))By\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}"),
    # the title of a work quoted in the text names nobody: 'an article titled "…"'
    re.compile(r"\b(?:titled|entitled|headlined|headline)\s+[\"“‘'][^\"”’]{1,150}[\"”’]"),
)
WRITES = re.compile(r"^\s+(?:writes|reports|reporting)\b\s*:?")


def credit_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pat in CREDIT_PATTERNS:
        spans.extend((m.start(), m.end()) for m in pat.finditer(text))
    return spans


def is_writer(text: str, end: int) -> bool:
    """'Askold Krushelnycky writes:' credits the author, who is no actor."""
    return bool(WRITES.match(text[end : end + 20]))


def split_names(credit: str | None) -> list[str]:
    """Names in a byline such as 'Arpan Rai and Alex Croft'."""
    if not credit:
        return []
    parts = re.split(r"\s*(?:,|&|\band\b|\bwith\b|\||/)\s*", credit)
    out = []
    for part in parts:
        part = re.sub(r"^(?:By|by)\s+", "", part.strip())
        part = re.sub(r"\s+(?:in|for)\s+[A-Z].*$", "", part)
        if part and part[0].isupper():
            out.append(part)
    return out


# --- places named by their setting ------------------------------------------------

DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Z.'’ -]{2,}[A-Z])(?:,\s*(?P<country>[A-Z][\w.'’ -]{1,30}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*\((?:AP|Reuters|AFP|dpa|Bloomberg)\)\s*[-—–]"
)
SETTLEMENT = re.compile(
    r"\b(?:village|town|city|settlement|hamlet|port|district|cities|towns|villages)\s+of\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:[- ][A-Z][\w'’-]+)?)"
)


def dateline_places(text: str) -> list[tuple[int, int, str]]:
    """'KYIV, Ukraine (AP) —': where the story was filed from, as (start, end, name)."""
    m = DATELINE.match(text)
    if not m:
        return []
    out = [(m.start("city"), m.end("city"), m.group("city").title())]
    if m.group("country"):
        out.append((m.start("country"), m.end("country"), m.group("country")))
    return out


def settlement_places(text: str) -> list[tuple[int, int, str]]:
    """'the village of Novopavlivka': a place even when no gazetteer knows it."""
    return [(m.start("name"), m.end("name"), m.group("name")) for m in SETTLEMENT.finditer(text)]


AREA_LIST = re.compile(
    r"\b(?P<names>[A-Z][\w'’-]+(?:(?:,| and| or|, and|, or) [A-Z][\w'’-]+)+)"
    r" (?P<noun>regions|oblasts|provinces|districts)\b"
)


def area_lists(text: str) -> list[tuple[int, int, str, str]]:
    """'the Bryansk, Kursk and Oryol regions': each name with its area noun."""
    out = []
    for m in AREA_LIST.finditer(text):
        area = _AREA_PLURAL[m.group("noun")]
        for n in re.finditer(r"[A-Z][\w'’-]+", m.group("names")):
            out.append((m.start("names") + n.start(), m.start("names") + n.end(), n.group(), area))
    return out


# --- names shaped like Ukrainian and Russian place names ---------------------------

TOPONYM_PREFIXES = frozenset(
    """nova novyi novyy nove novo novi velyka velykyi velyke velykyy mala malyi male stara
    staryi stare verkhnia verkhnii nyzhnia nyzhnii krasna krasnyi krasne chervona chervonyi
    chervone zelena zelenyi zelene bila bilyi chorna chornyi novaya novy staraya bolshaya
    malaya verkhnyaya nizhnyaya krasnaya ust""".split()
)
TOPONYM_SUFFIX = re.compile(
    r"(?:ivka|yivka|ovka|evka|ivske|ivsk|ove|eve|yne|ske|tsk|hrad|grad|pil|opil|horod|gorod"
    r"|horodok|ivtsi|yntsi|iivka|inka|ynka|ytsia|ychi)$"
)
_RUSSIAN_VILLAGE = re.compile(r"(?:ovo|evo|ino|yno)$")  # also Italian surnames: one word only


def looks_like_toponym(name: str) -> bool:
    """'Velyka Pysarivka', 'Bilozerske', 'Torske': the shape of a settlement's name.

    Used only for names no table knows, to keep NER from making people or
    organisations of villages.
    """
    words = name.replace("-", " ").split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(words) > 1 and words[0].lower() in TOPONYM_PREFIXES:
        return True
    last = words[-1].lower()
    if len(last) < 5:
        return False
    return bool(TOPONYM_SUFFIX.search(last) or (len(words) == 1 and _RUSSIAN_VILLAGE.search(last)))


_REPORTING_AFTER = re.compile(r"^,?\s+(?:reporting|who (?:is )?report(?:s|ed|ing)) from\b")
_JOURNALIST = (
    r"(?:(?:senior|chief|international|diplomatic|defence|defense|security|"
    r"political|foreign|war|special)\s+)?(?:correspondent|reporter|journalist|editor|"
    r"producer|photographer)"
)
_REPORTER_BEFORE = re.compile(
    r"(?:['’]s?\s+(?:" + _JOURNALIST + r"\s+)?|\s+" + _JOURNALIST + r"\s+)$"
)


def is_reporter(text: str, start: int, end: int, outlets: set[str]) -> bool:
    """'Al Jazeera's Dorsa Jabbari, reporting from Moscow': the outlet's journalist."""
    if _REPORTING_AFTER.match(text[end : end + 40]):
        return True
    before = text[max(0, start - 70) : start]
    m = _REPORTER_BEFORE.search(before)
    if not m:
        return False
    head = before[: m.start()]
    return any(head.endswith(o) for o in outlets)
