"""Claims come from the ``nlp`` per-passage task (chronicle/passagetasks.py), with the
entity spans of the same spaCy pass: cached per text (model + claim rules), computed in
forks of the builder or on the build's Dask workers, never recomputed for a text seen
before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chronicle.claims.extract import ClaimSet

if TYPE_CHECKING:
    from chronicle.config import Config
    from chronicle.reporter import Reporter


def decode_claims(values: Sequence[object]) -> list[ClaimSet]:
    """``ClaimSet``s of stored claim values, in order; a value shared by several texts
    (the same text twice) is decoded once."""
    decoded: dict[int, ClaimSet] = {}
    out = []
    for value in values:
        cs = decoded.get(id(value))
        if cs is None:
            cs = decoded[id(value)] = ClaimSet.from_json(value)
        out.append(cs)
    return out


def run_claims(
    texts: Sequence[str], config: Config, reporter: Reporter | None = None
) -> list[ClaimSet]:
    """The claims of each text, in order (speakers as written; see resolve.py)."""
    from chronicle import passagetasks

    found = passagetasks.run("nlp", texts, config, reporter, stage="nlp")
    return decode_claims([v[1] for v in found])
