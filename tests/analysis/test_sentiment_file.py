"""The sentiment model's file format (sentiment_file.py): int8 contrasts read back as float32 weights."""

from __future__ import annotations

import json

import numpy as np
import pytest

from yuqing.analysis import sentiment_file
from yuqing.analysis.sentiment_features import TITLE_MARK
from yuqing.analysis.sentiment_model import SentimentModel, SentimentModelError

GRAMS = ["差", "不好", "太好了", TITLE_MARK + "维权", TITLE_MARK + "事故", "𠮷", "好𠮷", "a"]


def trained_like(rows: int, heads: int, seed: int = 0) -> np.ndarray:
    """Centred weights as the trainer fits them (each row sums to zero), with a few large ones."""
    weights = np.random.default_rng(seed).normal(0, 0.3, (rows, heads, 3))
    weights[::97] *= 25
    return weights - weights.mean(axis=2, keepdims=True)


def written_and_read(tmp_path, grams: list[str], weights: np.ndarray, bias: np.ndarray):
    sentiment_file.write(tmp_path / "sentiment.npz", grams, weights, bias)
    return sentiment_file.read(tmp_path / "sentiment.npz")


def test_grams_bias_and_weights_come_back_as_float32_within_one_int8_step(tmp_path):
    weights, bias = trained_like(len(GRAMS) * 300, 2), np.arange(6.0).reshape(2, 3)
    grams = [f"{gram}{i}" if i else gram for i in range(300) for gram in GRAMS]
    read_grams, read_weights, read_bias = written_and_read(tmp_path, grams, weights, bias)
    assert read_grams == grams and read_weights.dtype == np.float32 and read_bias.dtype == np.float32
    assert read_weights.shape == (len(grams) + 1, 2, 3) and not read_weights[0].any()
    assert np.array_equal(read_bias, bias)
    contrasts = weights[:, :, [0, 2]] - weights[:, :, 1:2]
    step = np.percentile(np.abs(contrasts), sentiment_file.CLIP_PERCENTILE, axis=0).max() / sentiment_file.LEVELS
    assert np.abs(read_weights[1:] - weights).max() <= step
    assert np.abs(read_weights[1:].sum(axis=2)).max() < 1e-5  # centred again
    read_contrasts = read_weights[1:, :, [0, 2]] - read_weights[1:, :, 1:2]
    largest = np.unravel_index(np.abs(contrasts).argmax(), contrasts.shape)  # beyond 127 steps: kept exactly
    assert np.abs(contrasts[largest]) > sentiment_file.LEVELS * step
    assert read_contrasts[largest] == pytest.approx(contrasts[largest], abs=1e-5)


def test_the_model_read_gives_the_labels_of_the_weights_written(tmp_path):
    weights = trained_like(len(GRAMS), 1, seed=1)
    meta = {"version": sentiment_file.FORMAT, "labels": ["negative", "neutral", "positive"], "heads": {"weibo": 0},
            "max_chars": {"weibo": 500}}
    exact = SentimentModel(GRAMS, np.vstack([np.zeros((1, 1, 3)), weights]), np.zeros((1, 3)), meta)
    (tmp_path / "sentiment.json").write_text(json.dumps(meta), encoding="utf-8")
    sentiment_file.write(tmp_path / "sentiment.npz", GRAMS, weights, np.zeros((1, 3)))
    stored = SentimentModel.load(tmp_path)
    items = [("", gram) for gram in GRAMS if not gram.startswith(TITLE_MARK)] + [("维权", "差"), ("事故", "太好了")]
    assert np.allclose(stored.probabilities(items, "weibo"), exact.probabilities(items, "weibo"), atol=0.02)
    assert stored.logits(items, "weibo").argmax(axis=1).tolist() == exact.logits(items, "weibo").argmax(axis=1).tolist()


def test_an_older_file_asks_for_a_repack(tmp_path):
    np.savez_compressed(tmp_path / "sentiment.npz", grams=np.frombuffer("差".encode(), dtype=np.uint8),
                        weights=np.zeros((2, 1, 3), dtype=np.float16), bias=np.zeros((1, 3), dtype=np.float32))
    (tmp_path / "sentiment.json").write_text('{"heads": {"weibo": 0}, "max_chars": {"weibo": 500}}', encoding="utf-8")
    with pytest.raises(SentimentModelError, match="sentiment_repack"):
        SentimentModel.load(tmp_path)
