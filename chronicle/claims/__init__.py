"""Who says so: claims, denials, accusations and warnings in passages (issue 13).

``extract_claims(texts)`` is the pure entry point (texts in, plain data out; spaCy runs
inside, no ``Doc`` comes out); the build runs it as the ``claims`` per-passage task
(chronicle/passagetasks.py: cached per text, local pool or Dask workers), ``run_claims``;
``Resolver`` maps speakers to actors and sides; ``contest.judge`` decides whether an
event's sources disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from chronicle.claims.extract import ClaimSet, RawClaim
from chronicle.claims.resolve import Resolver
from chronicle.claims.stage import run_claims

__all__ = ["ClaimSet", "RawClaim", "Resolver", "extract_claims", "run_claims"]


def extract_claims(texts: Sequence[str]) -> list[ClaimSet]:
    """Claims of each text (speakers as written), in order."""
    from chronicle import nlp

    return [ClaimSet.from_json(v) for v in nlp.claims_plain(texts)]
