"""The default analysis pipeline: normalize → language → ngrams → sentiment → risk → places → segment → dedup → cluster.

Stages are imported when a pipeline is built, not when this module is imported (no state at import).
"""

from __future__ import annotations

import gc
from typing import Iterable

from yuqing.analysis.pipeline import Pipeline, Stage


def default_stages(user_words: Iterable[str] = (), window_hours: float = 72.0) -> list[Stage]:
    from yuqing.analysis.clustering import ClusterStage
    from yuqing.analysis.dedup import DedupStage
    from yuqing.analysis.normalize import NormalizeStage
    from yuqing.analysis.places import PlacesStage
    from yuqing.analysis.risk import RiskStage
    from yuqing.analysis.sentiment import SentimentStage
    from yuqing.analysis.sentiment_features import NgramStage
    from yuqing.analysis.segment import SegmentStage, TokensStage

    from yuqing.analysis.language import LanguageStage

    # The stages that read one post at a time come first and those that keep state (segment's
    # IDF, dedup's window, cluster's events) last, so that any worker can run the first part
    # (Pipeline.prepare) and only the owner of the analysis the second (Pipeline.finish).
    # The words are cut once, before the risk stage (its word model reads them): the tokens stage,
    # whose segmenter the segment stage shares, so that it keeps them and only learns and ranks.
    sentiment = SentimentStage()  # risk reads its score, and its version joins risk's
    tokens = TokensStage(user_words)  # with the place names
    stages: list[Stage] = [NormalizeStage(), LanguageStage(), NgramStage(), sentiment, tokens,
                           RiskStage(sentiment=sentiment, tokens=tokens), PlacesStage()]
    stages += [SegmentStage(segmenter=tokens.segmenter), DedupStage(window_hours=window_hours), ClusterStage()]
    return stages


def build_pipeline(user_words: Iterable[str] = (), window_hours: float = 72.0) -> Pipeline:
    pipeline = Pipeline(default_stages(user_words, window_hours))
    pipeline.warm()
    # The start-up tables (gazetteer, dictionaries, models) live for the whole process: moving
    # them out of the collector's sight saves about a third of normalize's CPU (bench/normalize_segment.py --freeze).
    gc.freeze()
    return pipeline


def stage(pipeline: Pipeline, name: str) -> Stage:
    for candidate in pipeline.stages:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
