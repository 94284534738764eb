"""sentiment.npz, format 2: the weights as int8 contrasts, the n-grams as code points (numpy only, no pickle).

    grams           uint32 (width, n): gram i's code points in column i, 0-padded (width: the longest gram)
    contrasts       int8 (n, heads, 2): negative − neutral and positive − neutral, divided by `scale`
    scale           float32 (heads, 2): one step of each head's two contrasts
    outliers        int64 (k,): flat indices into `contrasts` of the values too large for int8 steps
    outlier_values  float32 (k,): those contrasts themselves
    bias            float32 (heads, 3)

Why (docs/model-card-sentiment.md, "Storage"): format 1 (float16, three classes, grams as UTF-8)
was 4.3 MB; this is 1.7 MB for the same 380,000 grams. Softmax ignores adding one number to all
three weights of a gram, so two contrasts per gram and head carry everything; `read` gives the rows
back centred (summing to zero over the classes, as the trainer fits them), so logits keep their
meaning. The step is the 99.9th percentile of a contrast's magnitudes over 127: the rare larger
values (0.1%) are kept exactly beside it, so the largest contrast (13.3) does not make every step 0.1.
Row 0 of the weights `read` returns is zeros (sentiment_model's padding row); it is not stored.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

FORMAT = "2"
LEVELS = 127
CLIP_PERCENTILE = 99.9


class FormatError(ValueError):
    """The file is not format 2 (an older trainer wrote it)."""


def write(path: Path, grams: list[str], weights: np.ndarray, bias: np.ndarray) -> None:
    """Save (len(grams), heads, 3) weights (no padding row) with their grams and (heads, 3) bias."""
    weights = np.asarray(weights, dtype=np.float64)
    contrasts = weights[:, :, [0, 2]] - weights[:, :, 1:2]
    scale = np.maximum(np.percentile(np.abs(contrasts), CLIP_PERCENTILE, axis=0) / LEVELS, 1e-12).astype(np.float32)
    steps = np.round(contrasts / scale)
    outliers = np.flatnonzero(np.abs(steps) > LEVELS)
    np.savez_compressed(path, grams=code_points(grams), contrasts=np.clip(steps, -LEVELS, LEVELS).astype(np.int8),
                        scale=scale, outliers=outliers, outlier_values=contrasts.ravel()[outliers].astype(np.float32),
                        bias=np.asarray(bias, dtype=np.float32))


def read(path: Path) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(grams, float32 weights (len(grams) + 1, heads, 3) with row 0 zeros, float32 bias)."""
    with np.load(path, allow_pickle=False) as data:
        if "contrasts" not in data:
            raise FormatError(f"{path} is an older sentiment model file: run scripts/sentiment_repack.py on it, or retrain")
        contrasts = data["contrasts"].astype(np.float32) * data["scale"]
        contrasts.ravel()[data["outliers"]] = data["outlier_values"]
        grams, bias = from_code_points(data["grams"]), data["bias"].astype(np.float32)
    neutral = -contrasts.sum(axis=2) / 3  # the centred row: n − u, p − u and n + u + p = 0
    weights = np.zeros((len(grams) + 1, neutral.shape[1], 3), dtype=np.float32)
    weights[1:, :, 0], weights[1:, :, 1], weights[1:, :, 2] = contrasts[:, :, 0] + neutral, neutral, contrasts[:, :, 1] + neutral
    return grams, weights, bias


def code_points(grams: list[str]) -> np.ndarray:
    width = max(map(len, grams), default=1)
    return np.ascontiguousarray(np.array(grams, dtype=f"<U{width}").view("<u4").reshape(len(grams), width).T)


def from_code_points(columns: np.ndarray) -> list[str]:
    width = columns.shape[0]
    return np.ascontiguousarray(columns.T, dtype="<u4").view(f"<U{width}").ravel().tolist()
