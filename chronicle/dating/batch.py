"""The main-clause parses dating asks for, fetched for many files in one batch.

Parsing one sentence at a time costs about three times what a batch does, and the
``parse`` passage task stores each parse by text and runs the batch in forks (or on the
build's Dask workers), so the pipeline gathers every sentence first (:func:`clause_parses`)
and dates the files inside :func:`chronicle.dating.clauses.prefetched`.
"""

from __future__ import annotations

from collections.abc import Iterable

from chronicle.config import Config
from chronicle.dating.expressions import clause_candidates
from chronicle.model import Document


def clause_parses(documents: Iterable[Document], config: Config) -> dict[str, tuple]:
    """Parses of every sentence dating may ask about in ``documents``, in one batch through
    the ``parse`` passage task (stored by text; forks or Dask workers), for
    :func:`prefetched`. Empty when the parser is missing: dating then parses one by one
    (and falls back to the regex rules without a parser)."""
    from chronicle import passagetasks
    from chronicle.nlp import ParseToken

    sentences = list(
        dict.fromkeys(
            s for doc in documents for p in doc.passages for s in clause_candidates(p.text)
        )
    )
    if not sentences:
        return {}
    try:
        values = passagetasks.run("parse", sentences, config, own_stage=False)
    except Exception:  # noqa: BLE001 - dating never fails for want of a parse
        return {}
    return {s: tuple(ParseToken(*t) for t in v) for s, v in zip(sentences, values, strict=True)}
