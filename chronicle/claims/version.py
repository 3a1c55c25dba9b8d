"""The version of cached claims, apart from the task that runs them, so the task registry
(:mod:`chronicle.passagetasks`) can name it without importing the claims stage."""

from __future__ import annotations

from pathlib import Path


def claims_version() -> str:
    """Model, NLP seam and claim rules behind the cached ``nlp`` values (entity spans and
    claims come from one pass)."""
    from chronicle import nlp, store

    here = Path(__file__).resolve().parent
    return (
        nlp.MODEL_VERSION
        + "-"
        + store.code_key(
            Path(nlp.__file__), here / "extract.py", here / "syntax.py", here / "lexicon.py"
        )
    )
