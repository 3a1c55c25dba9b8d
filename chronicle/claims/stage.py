"""The claims task: registered with chronicle.passagetasks like NER, so claims are cached
per text (model + claim rules), computed in spaCy's process pool or on the build's Dask
workers, and never recomputed for a text seen before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from chronicle.claims.extract import ClaimSet

if TYPE_CHECKING:
    from chronicle.config import Config
    from chronicle.reporter import Reporter


def run_claims(
    texts: Sequence[str], config: Config, reporter: Reporter | None = None
) -> list[ClaimSet]:
    """The claims of each text, in order (speakers as written; see resolve.py)."""
    from chronicle import passagetasks

    found = passagetasks.run("claims", texts, config, reporter, stage="claims")
    decoded: dict[int, ClaimSet] = {}
    out = []
    for value in found:
        cs = decoded.get(id(value))
        if cs is None:
            cs = decoded[id(value)] = ClaimSet.from_json(value)
        out.append(cs)
    return out
