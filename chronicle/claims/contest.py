"""Contested events: sources that disagree about one act, or a writer who could not verify.

An event is contested when its sources carry
- a denial and, from the other side, a claim or accusation (both sides known), or a
  report the writer hedges ("reportedly");
- a denial of "reports", "claims" or "accusations" (the disputed claim exists, even when
  this event's sources do not quote it);
- accusations from both camps of the war (each blames the other), or one statement that
  they blame "each other";
- a writer's "could not independently verify".
Claims of one side never contest each other; a speaker whose side is unknown (an
unresolved "he", an unnamed source) contests only by denying reports or claims.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from chronicle.claims import lexicon as lx
from chronicle.model import Analysis, Claim


@dataclass(frozen=True)
class Contest:
    contested: bool = False
    reasons: tuple[str, ...] = ()  # why, one sentence each, for the event page


NOT_CONTESTED = Contest()


def who(c: Claim) -> str:
    return c.speaker_text or "an unnamed source"


def judge(analyses: Sequence[Analysis]) -> Contest:
    """Whether the sources of one event (their analyses, in source order) disagree."""
    claims = [c for a in analyses for c in a.claims]
    reasons: list[str] = []
    for a in analyses:
        if a.unverified:
            reasons.append(f"A source says it {a.unverified.lower()} what it reports.")
            break
    denials = [c for c in claims if c.stance == "denies"]
    for d in denials:
        answered = None
        if d.side:  # another side's claim or accusation, accusations first
            others = [
                c
                for c in claims
                if c.stance in ("asserts", "accuses")
                and ((c.side and c.side != d.side) or c.kind == "hedged")
            ]
            others.sort(key=lambda c: c.stance != "accuses")
            answered = others[0] if others else None
        if answered is not None:
            reasons.append(f"{who(d)} denies what {who(answered)} {_verb3(answered)}.")
            break
        if lx.DISPUTED_OBJECTS.search(d.text):
            reasons.append(f"{who(d)} disputes {d.text}.")
            break
    accusing: dict[str, Claim] = {}
    for c in claims:
        if c.stance != "accuses":
            continue
        if "each other" in c.text.lower() or "one another" in c.text.lower():
            reasons.append(f"{who(c)}: the sides blame each other.")
            break
        if c.side:
            accusing.setdefault(c.side, c)
    if len(accusing) >= 2:
        first, second = list(accusing.values())[:2]
        reasons.append(f"{who(first)} and {who(second)} accuse each other.")
    return Contest(bool(reasons), tuple(dict.fromkeys(reasons))) if reasons else NOT_CONTESTED


def _verb3(c: Claim) -> str:
    return {"accuses": "alleges", "warns": "warns of"}.get(c.stance, "asserts")
