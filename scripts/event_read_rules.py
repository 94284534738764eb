#!/usr/bin/env python
"""Ways to find more of two reports' shared words, tried against cluster version 4 on the read pairs (issue 14).

    PYTHONPATH=src .venv/bin/python scripts/event_read_rules.py compare [--data ../shared/data] [--split dev]
        [--rules base,sub-words,names,...] [--vectors V.npz] [--counts C.json.gz]
    PYTHONPATH=src .venv/bin/python scripts/event_read_rules.py corpus [--data ...] --out corpus.txt --counts C.json.gz
    PYTHONPATH=/tmp/lib:src .venv/bin/python scripts/event_read_rules.py vectors --corpus corpus.txt --out V.npz

Each rule is version 4 with one change (a subclass of EventStore, never in the cluster stage):

- sub-words: a term of three or more characters that the other side lacks counts when its longest
  sub-word that jieba's dictionary knows is found there (枪击案 as 枪击); `sub-words-half` at half
  weight in coverage, `sub-words-rare` only sub-words of IDF 7 or more;
- names: two sides that each hold a word the prior does not know (a name), none of them found in
  the other side, do not join; `names3` looks at names of three or more characters only;
- vectors (needs --vectors): a term of the shorter side that the other side lacks counts when a
  term of the other side is near it in the word vectors: `vectors-shared` (cosine 0.8) as a shared
  word, `vectors-cover` (cosine 0.7) in coverage only, the evidence from exact words;
- taught (needs --counts): the store's IDF table starts from the corpus's document frequencies
  (`taught`), or from them scaled to 50,000 documents (`taught-50k`), on top of jieba's prior.

Each is scored as event_short_rules.py scores its rules: on the read pairs of two articles
(event_pairs_read.py, three kinds), on the headline-and-own-lead pairs (event_pairs.py), alone,
crowded and fresh, and on 10,000 THUCNews titles one second apart.

`corpus` writes the segmented texts the vectors and the counts come from: the CCF news less the
articles of both pair sets' test halves, THUCNews titles, the CED stream's distinct texts and the
Weibo sets of sentiment/extra. `vectors` trains word2vec on it (gensim, a training-only library:
`pip install --target /tmp/lib gensim`). The numbers and what they showed: docs/model-card-events.md
("Pairs of two articles, read"). None of these rules is in the cluster stage.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

import event_short_rules as short  # noqa: E402

from yuqing.analysis.clustering import EventStore  # noqa: E402
from yuqing.analysis.evaluation import event_pairs as ep  # noqa: E402
from yuqing.analysis.evaluation import event_pairs_read as read  # noqa: E402
from yuqing.analysis.evaluation.events import KINDS  # noqa: E402
from yuqing.analysis.event_signature import COVER_TERMS, _strongest  # noqa: E402

NAME = re.compile(r"^[\u4e00-\u9fff]{2,}$")
TAUGHT_SCALE = 50_000
MIN_CHARS = 8  # a corpus text this long at least


class LookFurther(EventStore):
    """Coverage that may find a term the other side lacks some other way (`found_otherwise`)."""

    def _coverage(self, weights: dict[str, float], text: str, known: dict[str, float]) -> tuple[float, list[str]]:
        total = found = 0.0
        hits: list[str] = []
        other_side = self.other_side(text, known)
        for term, weight in _strongest(weights, COVER_TERMS):
            total += weight
            if term in known or term in text:
                found, hits = found + weight, hits + [term]
                continue
            share, stand_in = self.found_otherwise(term, other_side, hits)
            found += weight * share
            hits += [stand_in] if stand_in else []
        return (found / total if total else 0.0), hits

    def other_side(self, text: str, known: dict[str, float]) -> Any:
        """What found_otherwise looks in, prepared once per comparison: the text by default."""
        return text

    def found_otherwise(self, term: str, other_side: Any, hits: list[str]) -> tuple[float, str | None]:
        """(share of the term's weight found, the word that counts as shared or None)."""
        return 0.0, None


class SubWords(LookFurther):
    share, min_idf = 1.0, 0.0

    def found_otherwise(self, term: str, other_side: Any, hits: list[str]) -> tuple[float, str | None]:
        part = self._sub_word(term, other_side) if len(term) >= 3 else None
        if part and part not in hits and self.idf.weight(part) >= self.min_idf:
            return self.share, part
        return 0.0, None

    def _sub_word(self, term: str, text: str) -> str | None:
        for size in range(len(term) - 1, 1, -1):
            for start in range(len(term) - size + 1):
                part = term[start: start + size]
                if part in text and self.idf.in_prior(part):
                    return part
        return None


class SubWordsHalf(SubWords):
    share = 0.5


class SubWordsRare(SubWords):
    min_idf = 7.0


class Names(EventStore):
    min_chars = 2

    def _score(self, state: Any, vector: dict[str, float], text: str, places: tuple[str, ...],
               floor: float = 0.0) -> tuple[float, float]:
        result = super()._score(state, vector, text, places, floor)
        mine, theirs = self._names(vector), self._names(state.centroid)
        if result[0] >= 0 and mine and theirs and not any(n in state.text for n in mine) \
                and not any(n in text for n in theirs):
            return -1.0, result[1]
        return result

    def _names(self, terms: dict[str, float]) -> set[str]:
        return {t for t in terms if len(t) >= self.min_chars and NAME.match(t) and not self.idf.in_prior(t)}


class Names3(Names):
    min_chars = 3


class Vectors(LookFurther):
    """Word vectors from --vectors (set on the class before use)."""
    table: dict[str, Any] = {}
    near, as_shared = 0.8, True

    def other_side(self, text: str, known: dict[str, float]) -> Any:
        """The other side's terms that have vectors, and their vectors as the rows of a matrix."""
        import numpy as np

        others = [t for t in known if t in self.table]
        return others, np.array([self.table[t] for t in others]) if others else None

    def found_otherwise(self, term: str, other_side: Any, hits: list[str]) -> tuple[float, str | None]:
        others, matrix = other_side
        if matrix is None or term not in self.table:
            return 0.0, None
        similarity = matrix @ self.table[term]
        best = int(similarity.argmax())
        if similarity[best] < self.near or (self.as_shared and others[best] in hits):
            return 0.0, None
        return 1.0, others[best] if self.as_shared else None


class VectorsCover(Vectors):
    near, as_shared = 0.7, False


class Taught(EventStore):
    """The IDF table taught by --counts (set on the class before use) before the first post."""
    documents, counts = 0, {}
    scale: int | None = None
    _state: dict[str, Any]  # set by taught_state()

    def __init__(self) -> None:
        super().__init__()
        self.idf.load_state(self.taught_state())  # load_state copies: the stores never share counts

    @classmethod
    def taught_state(cls) -> dict[str, Any]:
        """The counts, scaled to `scale` documents, worked out once per class (a fresh run makes
        a store for every pair)."""
        if "_state" not in cls.__dict__:
            factor = cls.scale / cls.documents if cls.scale else 1.0
            counts = {t: c * factor for t, c in cls.counts.items() if c * factor >= 0.5}
            cls._state = {"documents": round(cls.documents * factor), "counts": counts}
        return cls._state


class Taught50k(Taught):
    scale = TAUGHT_SCALE


RULES: dict[str, type[EventStore]] = {
    "base": EventStore, "sub-words": SubWords, "sub-words-half": SubWordsHalf, "sub-words-rare": SubWordsRare,
    "names": Names, "names3": Names3, "vectors-shared": Vectors, "vectors-cover": VectorsCover,
    "taught": Taught, "taught-50k": Taught50k}


def compare(args: argparse.Namespace) -> int:
    from yuqing.collect.evaluation import article_pages

    chosen = [name for name in args.rules.split(",") if name]
    unknown = [name for name in chosen if name not in RULES]
    if unknown:
        raise SystemExit(f"unknown rules: {', '.join(unknown)} (known: {', '.join(RULES)})")
    if any(name.startswith("vectors") for name in chosen):
        Vectors.table = _load_vectors(args.vectors)
    if any(name.startswith("taught") for name in chosen):
        Taught.documents, Taught.counts = _load_counts(args.counts)
    pairs = short.prepare_pairs(read.build_pairs(read.articles(args.data), args.split))
    articles = ep.load_articles(args.data, pages=article_pages(args.data / "html" / "chinese_news_pages" / "articles"))
    own = short.prepare_pairs(ep.build_pairs(articles, args.split))
    titles, labels = short.prepare_titles(args.data)
    print(f"{args.split} half, alone / crowded / fresh: F1 (false merges); read pairs' three kinds, then "
          "headline-and-own-lead short-short and short-long; THUCNews titles")
    for name in chosen:
        store = RULES[name]
        on_read, on_own = short.pair_scores(pairs, store), short.pair_scores(own, store)
        on_titles = short.title_scores(titles, labels, store)
        print(f"## {name}")
        for way in ("alone", "crowded", "fresh"):
            cells = [_cell(on_read[way][kind]) for kind in read.KINDS] + [_cell(on_own[way][kind]) for kind in KINDS]
            joins = f" | foreign joins {on_read[way]['foreign_joins']} / {on_own[way]['foreign_joins']}" \
                if way == "crowded" else ""
            print(f"  {way:8} " + " | ".join(cells) + joins)
        print(f"  titles in events of 2+ {on_titles['in_events_of_2+']:,}, purity {on_titles['purity']:.4f}", flush=True)
    return 0


def _cell(result: dict[str, Any]) -> str:
    return f"{result['f1']:.3f} ({result['false_merges']})"


def _load_vectors(path: Path | None) -> dict[str, Any]:
    import numpy as np

    if path is None:
        raise SystemExit("the vectors rules need --vectors (made by the vectors command)")
    stored = np.load(path)
    matrix = stored["vectors"] / np.linalg.norm(stored["vectors"], axis=1, keepdims=True)
    return dict(zip(stored["words"].tolist(), matrix))


def _load_counts(path: Path | None) -> tuple[int, dict[str, int]]:
    if path is None:
        raise SystemExit("the taught rules need --counts (made by the corpus command)")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        stored = json.load(handle)
    return stored["documents"], stored["counts"]


def corpus(args: argparse.Namespace) -> int:
    from yuqing.analysis.segment import Segmenter
    from yuqing.analysis.t2s import to_match_form

    segmenter, documents, counts = Segmenter(), 0, Counter()
    with open(args.out, "w", encoding="utf-8") as out:
        for text in map(to_match_form, _corpus_texts(args.data)):
            tokens = segmenter.tokenize(text) if len(text) >= MIN_CHARS else []
            if len(tokens) >= 3:
                out.write(" ".join(tokens) + "\n")
                documents += 1
                counts.update({t for t in tokens if len(t) > 1})
    with gzip.open(args.counts, "wt", encoding="utf-8") as handle:
        json.dump({"documents": documents, "counts": {t: c for t, c in counts.items() if c >= 2}}, handle,
                  ensure_ascii=False)
    print(f"{documents:,} texts to {args.out}; document frequencies to {args.counts}")
    return 0


def _corpus_texts(data: Path) -> Iterator[str]:
    left_out = _test_articles(data)
    for name in ep.CCF_FILES:
        for line in (data / name).open(encoding="utf-8"):
            row = json.loads(line)
            if f"ccf:{row['id']}" not in left_out:
                yield row.get("title") or ""
                yield from (row.get("content") or "").replace("\\n", "\n").split("\n")
    for line in (data / "topics" / "thucnews_titles_dev.jsonl").open(encoding="utf-8"):
        yield json.loads(line)["title"]
    seen: set[str] = set()
    with gzip.open(data / "stream" / "ced_weibo_dev.jsonl.gz", "rt", encoding="utf-8") as rows:
        for line in rows:
            text = json.loads(line).get("text") or ""
            if len(text) >= 10 and text not in seen:
                seen.add(text)
                yield text
    for path in sorted((data / "sentiment" / "extra").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as rows:
            for line in rows:
                row = json.loads(line)
                yield row.get("title") or ""
                yield row.get("text") or ""


def _test_articles(data: Path) -> set[str]:
    """The articles of the test halves of both pair sets: never in the corpus."""
    left_out = {a.key for a in ep.load_articles(data) if ep.split_of(a.key) == "test"}
    keyed = [tuple(sorted(pair)) for pair in read.read_labels()]
    return left_out | {key for key, half in read.split_of_pairs(keyed).items() if half == "test"}


def vectors(args: argparse.Namespace) -> int:
    import numpy as np
    from gensim.models import Word2Vec
    from gensim.models.word2vec import LineSentence

    model = Word2Vec(LineSentence(str(args.corpus)), vector_size=64, window=5, min_count=5, sg=1,
                     workers=os.cpu_count() or 1, epochs=5, seed=1)
    words = model.wv.index_to_key
    np.savez_compressed(args.out, words=np.array(words), vectors=np.array([model.wv[w] for w in words]))
    print(f"{len(words):,} word vectors to {args.out}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    data = Path(os.environ.get("YUQING_SHARED_DATA", "../shared/data"))
    run = commands.add_parser("compare", help="score the rules")
    run.add_argument("--data", type=Path, default=data)
    run.add_argument("--split", choices=("dev", "test"), default="dev")
    run.add_argument("--rules", default="base,sub-words,names")
    run.add_argument("--vectors", type=Path)
    run.add_argument("--counts", type=Path)
    build = commands.add_parser("corpus", help="the segmented corpus and its document frequencies")
    build.add_argument("--data", type=Path, default=data)
    build.add_argument("--out", type=Path, required=True)
    build.add_argument("--counts", type=Path, required=True)
    train = commands.add_parser("vectors", help="word2vec on the corpus (gensim)")
    train.add_argument("--corpus", type=Path, required=True)
    train.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    return {"compare": compare, "corpus": corpus, "vectors": vectors}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
