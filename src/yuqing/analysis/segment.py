"""The segment stage: words of a post (stop words removed) and its keywords.

Segmentation is jieba's dictionary and HMM, run by rjieba when it is installed and by jieba when
not. Before either sees the text, everything that is not a run of Han characters, Latin letters
or digits becomes a space: the two differ in how they split `san-ko` or `a_b`, and agree on the
rest. Runs of three or more of one Han character (赞赞赞) are kept whole, because the route
breaks them at ties that the two resolve differently. Links and @names are dropped (they are in
`urls` and `mentions`); [emoticons] stay, as one token each.

User words (place names, the terms of monitoring rules) are added to the dictionary with a
frequency high enough to keep them whole, but put in match form first, like the text.
"""

from __future__ import annotations

import hashlib
import logging
import re
from functools import cache
from itertools import filterfalse
from importlib.resources import files
from typing import Iterable

from yuqing.analysis.accel import JiebaEngine, jieba_engine
from yuqing.analysis.keywords import IdfTable, top_keywords
from yuqing.analysis.pipeline import Post
from yuqing.analysis.t2s import to_match_form
from yuqing.analysis.weibo_text import EMOTICON_RE, NAME, URL_RE

log = logging.getLogger(__name__)

_NOT_WORD_RE = re.compile(r"[^\u4e00-\u9fd5a-z0-9]+")  # jieba's Han range, lower-case text
_REPEAT_RE = re.compile(r"(([\u4e00-\u9fd5])\2{2,})")
_EMOTICON_SPLIT_RE = re.compile(f"({EMOTICON_RE.pattern})")
_NAME_RE = re.compile(rf"(?:回复\s?)?@{NAME}:?")  # match form: ＠ and ： are @ and : already
# About 漂亮's frequency, the 99th percentile of jieba's dictionary: enough to keep 新冠疫苗 or
# 武汉协和医院 whole in context, not so much that a user word eats its neighbours' characters.
USER_WORD_FREQUENCY = 2_000
STOP_WORD_FILES = ("stopwords_zh.txt", "stopwords_weibo.txt")


@cache
def stop_words() -> frozenset[str]:
    """The shipped stop-word lists (written for yuqing, Apache-2.0), in match form, plus a space."""
    words = {" "}
    for name in STOP_WORD_FILES:
        text = files("yuqing.analysis").joinpath("data", name).read_text(encoding="utf-8")
        words.update(to_match_form(line.strip()) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(words)


class Segmenter:
    """Text in match form → words, with user words kept whole and stop words removed."""

    def __init__(self, user_words: Iterable[str] = (), engine: JiebaEngine | None = None):
        self.engine = engine or jieba_engine()
        self.stop_words = stop_words()
        self.user_words: set[str] = set()
        self._digest = ""
        self.add_user_words(user_words)

    def add_user_words(self, words: Iterable[str]) -> int:
        """Add words to the dictionary; returns how many were new. Spaces and punctuation split a
        word into parts, which are added instead (they could never reach the segmenter whole)."""
        added = 0
        for word in words:
            for part in _NOT_WORD_RE.split(to_match_form(word)):
                if len(part) > 1 and not part.isascii() and part not in self.user_words:
                    self.user_words.add(part)
                    if self.engine.frequency(part) < USER_WORD_FREQUENCY:
                        self.engine.add_word(part, USER_WORD_FREQUENCY)
                    added += 1
        if added:
            self._digest = ""
        return added

    def tokenize(self, text: str) -> list[str]:
        """Words of text already in match form (text_norm), in order, stop words removed."""
        if not text:
            return []
        if "@" in text:
            text = _NAME_RE.sub(" ", text)
        if "://" in text:
            text = URL_RE.sub(" ", text)
        if "[" not in text:
            return self._words(text)
        tokens: list[str] = []
        for index, piece in enumerate(_EMOTICON_SPLIT_RE.split(text)):
            if index % 2:
                tokens.append(piece)
            elif piece:
                tokens += self._words(piece)
        return tokens

    def _words(self, text: str) -> list[str]:
        text = _NOT_WORD_RE.sub(" ", text)
        is_stop = self.stop_words.__contains__
        if not _REPEAT_RE.search(text):
            return list(filterfalse(is_stop, self.engine.cut(text)))
        parts = _REPEAT_RE.split(text)  # text, run, its character, text, run, ...
        words: list[str] = []
        for index in range(0, len(parts), 3):
            words += filterfalse(is_stop, self.engine.cut(parts[index]))
            if index + 1 < len(parts):
                words.append(parts[index + 1])
        return words

    def digest(self) -> str:
        """Short hash of the user words: the stage's version changes with them."""
        if not self._digest:
            self._digest = hashlib.sha1("\n".join(sorted(self.user_words)).encode()).hexdigest()[:8]
        return self._digest


def place_segmenter(user_words: Iterable[str] = (), engine: JiebaEngine | None = None,
                    with_place_names: bool = True) -> Segmenter:
    """A Segmenter with the user words and, when `with_place_names`, the gazetteer's place names."""
    segmenter = Segmenter(user_words, engine)
    places = _place_names() if with_place_names else []
    segmenter.add_user_words(places)
    log.info("segment: %s, %d user words (%d place names), %d stop words",
             segmenter.engine.name, len(segmenter.user_words), len(places), len(segmenter.stop_words))
    return segmenter


@cache
def default_segmenter() -> Segmenter:
    """The pipeline's segmenter without user words (build_pipeline's default): jieba's dictionary
    and the place names. The risk model's words are cut by it outside the pipeline and in training."""
    return place_segmenter()


def tokens_version(segmenter: Segmenter) -> str:
    """The version of the words a segmenter cuts: it changes with the user words."""
    return f"1.{segmenter.digest()}"


def set_tokens(segmenter: Segmenter, post: Post) -> tuple[list[str], list[str]]:
    """Set the post's tokens (the title's words, then the text's); return (title words, text words)."""
    title, text = segmenter.tokenize(post.get("title_norm") or ""), segmenter.tokenize(post.get("text_norm") or "")
    post["tokens"] = title + text if title else text
    return title, text


class TokensStage:
    """Pipeline stage "tokens": reads text_norm and title_norm, writes tokens (the title's words
    then the text's). One post at a time, no state: it runs in the part of the pipeline any worker
    may run, before the risk stage, whose word model reads the tokens; the segment stage, given the
    same segmenter, keeps them instead of cutting the text again."""

    name = "tokens"
    reads = ("text_norm", "title_norm")
    writes = ("tokens",)

    def __init__(self, user_words: Iterable[str] = (), *, segmenter: Segmenter | None = None):
        self.segmenter = segmenter or place_segmenter(user_words)  # (its own: user words may be added to it)

    @property
    def version(self) -> str:
        return tokens_version(self.segmenter)

    def __call__(self, batch: list[Post]) -> None:
        for post in batch:
            set_tokens(self.segmenter, post)


class SegmentStage:
    """Pipeline stage "segment": reads text_norm and title_norm, writes tokens and keywords.

    tokens are the title's words then the text's. keywords are the `keyword_count` best by
    tf × idf (see keywords.py); the IDF learns from the posts it sees unless learn_idf is False.
    Place names from the gazetteer join the user words when `with_place_names` is True. Given the
    tokens stage's `segmenter` (the default pipeline), a post that already has tokens keeps them:
    the tokens stage cut them with that segmenter.
    """

    name = "segment"
    reads = ("text_norm", "title_norm")
    writes = ("tokens", "keywords")

    def __init__(
        self,
        user_words: Iterable[str] = (),
        keyword_count: int = 8,
        *,
        learn_idf: bool = True,
        with_place_names: bool = True,
        idf: IdfTable | None = None,
        engine: JiebaEngine | None = None,
        segmenter: Segmenter | None = None,
    ):
        self.keyword_count = keyword_count
        self.idf = idf or IdfTable(learn=learn_idf)
        self.reuse_tokens = segmenter is not None
        self.segmenter = segmenter or place_segmenter(user_words, engine, with_place_names)

    @property
    def version(self) -> str:
        return tokens_version(self.segmenter)

    def tokenize(self, text: str) -> list[str]:
        return self.segmenter.tokenize(text)

    def state_dict(self) -> dict:
        """The IDF learnt from the stream: keywords depend on it (picklable builtins)."""
        return {"idf": self.idf.state_dict()}

    def load_state(self, state: dict) -> None:
        self.idf.load_state(state["idf"])

    def add_user_words(self, words: Iterable[str]) -> int:
        return self.segmenter.add_user_words(words)

    def __call__(self, batch: list[Post]) -> None:
        self.add_keywords(batch, self.add_tokens(batch))

    def add_tokens(self, batch: list[Post]) -> list[tuple[list[str], list[str]]]:
        """Set tokens on each post (or keep the tokens stage's); return each post's (title words, text words)."""
        tokenize = self.segmenter.tokenize
        parts = []
        for post in batch:
            if self.reuse_tokens and "tokens" in post:
                title = tokenize(post.get("title_norm") or "")
                parts.append((title, post["tokens"][len(title):]))
                continue
            parts.append(set_tokens(self.segmenter, post))
        return parts

    def add_keywords(self, batch: list[Post], parts: list[tuple[list[str], list[str]]]) -> None:
        """Learn the batch's document frequencies, then set keywords on each post."""
        for post in batch:  # the whole batch first, so that its first posts gain too
            if post["tokens"]:
                self.idf.add_document(post["tokens"])
        count, idf = self.keyword_count, self.idf
        for post, (title, text) in zip(batch, parts):
            post["keywords"] = top_keywords(text, idf, count, boosted=title) if post["tokens"] else []


def _place_names() -> list[str]:
    """The gazetteer's place names, or none when the places module is not part of this build."""
    try:
        from yuqing.analysis.places import place_names
    except ImportError:
        log.info("segment: no places module; segmenting without place names")
        return []
    return place_names()
