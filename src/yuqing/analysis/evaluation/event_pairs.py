"""Same-event pairs built from the shared news data, for `yuqing eval` (section "events").

Nothing here is labelled by a person: the pairs come from the structure of real articles.

- positives: an article's title (a short post) with its own lead (short–short) or its own body
  (short–long). The body is fed without its title and without a leading copy of it
  (「原标题：…」), as a post with text only, so the pair shares what two reports of one incident
  share: the place, the names, the numbers, the incident's words, each told in other words.
- negatives: the same title with the lead or the body of the article that looks most like it
  (character-bigram TF-IDF of the other article's title and lead) among those that are not the
  same story: titles sharing a run of six characters or a quarter of their bigrams are skipped,
  so near-copies of one incident (and its rumours) do not become negatives, and so are the
  pairs listed in event_pairs_same.txt: negatives that some version of the clustering merged,
  read and found to be two reports of one incident after all. These are hard negatives on
  purpose: another fire, another complaint against the same company, another meeting of the
  same court.

Articles: the CCF 2019 news set (title and full text) and the GeneralNewsExtractor pages (title
and body as yuqing's own extractor finds them), kept when they read like a news report: a title
of 6 to 40 Han characters and a body of 200 or more characters that is mostly Han, in sentences,
and dated or sourced near its start (日, 记者, 通讯员, 近日 ...). Articles fall into a development
half and a test half by a hash of their id; pairs never cross halves, and tuning uses only the
development half.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable, Iterator

CCF_FILES = ("sentiment/ccf2019_news/train.jsonl", "sentiment/ccf2019_news/dev.jsonl")
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜–—]| - |-\s).*$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NEWS_MARK = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}日(?:上午|下午|晚|凌晨|早|中午|讯|电|，|,)|记者|通讯员|近日|日前|昨[天日]|今[天日]|讯[)）】]?")
_ORIGINAL_TITLE = re.compile(r"^\s*原标题[:：][^\n]*\n?")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n+")


@dataclass(frozen=True)
class Article:
    key: str
    title: str
    body: str


@dataclass(frozen=True)
class Pair:
    kind: str  # "short-short" or "short-long"
    first: str  # fed first; the other follows two minutes later
    second: str
    label: int  # 1: same incident
    key: str  # the article, or "article~other article" for a negative
    sources: tuple[str, str] = ("", "")  # the article each text comes from, first and second


def clean_title(title: str) -> str:
    """The headline without a site or channel suffix (「…_消费投诉_华声在线」)."""
    title = " ".join((title or "").split())
    cut = _SITE_SUFFIX.search(title)
    if cut and _han(title[: cut.start()]) >= 6:
        title = title[: cut.start()]
    return title.strip()


def body_without_title(title: str, body: str) -> str:
    body = _ORIGINAL_TITLE.sub("", (body or "").strip()).strip()
    return body[len(title):].lstrip(" \u3000:：,，.。") if title and body.startswith(title) else body


def lead(body: str, min_chars: int = 40, max_chars: int = 160) -> str:
    """The body's first sentences: at least `min_chars` characters when there are, at most `max_chars`."""
    taken = ""
    for sentence in _SENTENCE_END.split(body):
        sentence = sentence.strip()
        if not sentence:
            continue
        taken += sentence
        if len(taken) >= min_chars:
            break
    return taken[:max_chars]


def news_like(article: Article) -> bool:
    body, han_title = article.body, _han(article.title)
    if not 6 <= han_title <= 40 or len(body) < 200 or _han(body) < 0.5 * len(body) or body.count("。") < 2:
        return False
    return bool(_NEWS_MARK.search(body[:200]))


def split_of(key: str) -> str:
    return "dev" if hashlib.blake2b(key.encode(), digest_size=2).digest()[0] % 2 == 0 else "test"


def load_articles(data_root: Path, pages: Iterable[tuple[str, str, str]] = ()) -> list[Article]:
    """News-like articles of the shared data, in a stable order. `pages` are (key, title, text)
    of the news pages as the collector's extractor reads them (collect.evaluation.article_pages:
    analysis does not import collect, so the caller passes them)."""
    found = list(_ccf_articles(data_root)) + list(_page_articles(pages))
    return [a for a in found if news_like(a)]


def _ccf_articles(data_root: Path) -> Iterator[Article]:
    for name in CCF_FILES:
        path = data_root / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                title = clean_title(row.get("title") or "")
                yield Article(f"ccf:{row['id']}", title, body_without_title(title, row.get("content") or ""))


def _page_articles(pages: Iterable[tuple[str, str, str]]) -> Iterator[Article]:
    for key, raw_title, text in pages:
        title = clean_title(raw_title)
        yield Article(f"page:{key}", title, body_without_title(title, text))


def build_pairs(articles: Iterable[Article], split: str) -> list[Pair]:
    """Four pairs per article of `split` that has a hard negative: SS+, SL+, SS-, SL-."""
    chosen = [a for a in articles if split_of(a.key) == split]
    leads = [lead(a.body) for a in chosen]
    nearest = _hard_negatives(chosen, leads)
    pairs: list[Pair] = []
    for index, (article, own_lead) in enumerate(zip(chosen, leads)):
        other = nearest[index]
        if other is None or len(own_lead) < 20:
            continue
        negative = chosen[other].key
        for kind, same, different in (("short-short", own_lead, leads[other]), ("short-long", article.body, chosen[other].body)):
            pairs.append(_ordered(kind, article.title, same, 1, article.key, (article.key, article.key)))
            pairs.append(_ordered(kind, article.title, different, 0, f"{article.key}~{negative}", (article.key, negative)))
    return pairs


def _ordered(kind: str, short: str, other: str, label: int, key: str, sources: tuple[str, str]) -> Pair:
    """Half the pairs (by a hash of the key) put the title second, so both orders are measured."""
    title_first = hashlib.blake2b(f"{kind}|{key}".encode(), digest_size=1).digest()[0] % 2 == 0
    if title_first:
        return Pair(kind, short, other, label, key, sources)
    return Pair(kind, other, short, label, key, (sources[1], sources[0]))


def _hard_negatives(articles: list[Article], leads: list[str]) -> list[int | None]:
    """For each article, the most similar other article that is not a copy of its story."""
    titles = [_bigrams(a.title) for a in articles]
    idf, postings = bigram_index([_bigrams(a.title + l) for a, l in zip(articles, leads)])
    result: list[int | None] = []
    for index, grams in enumerate(titles):
        scores: dict[int, float] = {}
        for gram in grams:
            for other in postings.get(gram, ()):
                scores[other] = scores.get(other, 0.0) + idf[gram]
        ranked = sorted(scores, key=lambda o: (-scores[o], articles[o].key))
        result.append(next((o for o in ranked if o != index and not _same_story(articles[index], articles[o])), None))
    return result


def bigram_index(docs: list[set[str]]) -> tuple[dict[str, float], dict[str, list[int]]]:
    """IDF (log n / document frequency) of every bigram of `docs`, and the documents holding each
    bigram found in at most max(2, n / 20) of them: a commoner one is too common to say what a
    story is about, so it finds no neighbour."""
    df = Counter(gram for grams in docs for gram in grams)
    n = len(docs)
    idf = {gram: math.log(n / count) for gram, count in df.items()}
    postings: dict[str, list[int]] = defaultdict(list)
    for index, grams in enumerate(docs):
        for gram in grams:
            if df[gram] <= max(2, n // 20):
                postings[gram].append(index)
    return idf, dict(postings)


def _same_story(a: Article, b: Article) -> bool:
    if frozenset((a.key, b.key)) in read_as_same():
        return True
    ta, tb = _bigrams(a.title), _bigrams(b.title)
    if ta and tb and len(ta & tb) / len(ta | tb) >= 0.25:
        return True
    short, other = sorted((a.title, b.title), key=len)
    return any(short[i: i + 6] in other for i in range(max(0, len(short) - 5)))


@cache
def read_as_same() -> frozenset[frozenset[str]]:
    """Article pairs a reader found to be about one incident (event_pairs_same.txt)."""
    text = files("yuqing.analysis.evaluation").joinpath("event_pairs_same.txt").read_text(encoding="utf-8")
    pairs = (line.split()[:2] for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(frozenset(pair) for pair in pairs)


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i: i + 2] for i in range(len(han) - 1)}


def _han(text: str) -> int:
    return len(_HAN.findall(text))

