"""Train the shipped sentiment model and print its dev scores beside a char n-gram LR baseline.

    .venv/bin/python scripts/train_sentiment.py [--data ../shared/data] [--out src/yuqing/analysis/models]
                                                [--baseline] [--folds 5] [--extra SETS] [--prior-extra SETS]
                                                [--priors-cache FILE] [--weibo-only] [--corrections FILE.jsonl]
                                                [--weibo-scores EARLIER_STDOUT]

Steps (docs/model-card-sentiment.md explains why):
1. Two prior models, positive vs negative: D on Weibo posts of the CED stream labelled by their
   emoticons (distant labels, emoticons removed from the text), R on the review sets.
2. Weibo head: SMP2020 virus_train, usual_eval, virus_eval and CLUE, with D's and R's polarity
   as two more inputs. Scored by 5-fold cross-validation over usual_eval + virus_eval (the other
   sets always train); the head's logits are recalibrated (a 3×3 linear map, then the
   negative-class offset) on those held-out folds (sentiment_recalibration.py), scored nested.
   --extra adds labelled sets of sentiment/extra (evaluation/sentiment_extra.py) to the sets that
   always train, each text once and never one of the evaluation posts; --prior-extra trains one
   more prior on a distant set there (weibo_senti_100k: emoticon labels, emoticons removed).
   --corrections adds the labels people gave in yuqing (`yuqing corrections export`).
3. News head: CCF 2019 train with the same priors; scored on CCF dev, which it never sees.
4. Both heads folded with their priors into one linear model, pruned to the strongest n-grams.
--baseline runs only the reference (TF-IDF char 1-3-gram LR, C=16, the best of 1/4/16/64 on these
dev sets) on the same folds and prints its scores as JSON; --record-baseline FILE puts such a
printout into the model's metadata (sentiment.json, "baseline_dev_scores"), where `yuqing eval`
and the tests read it. Fixed fold seed; L-BFGS from zero is deterministic. --weibo-only runs the
weibo head's cross-validation alone and writes nothing (for trying data; --priors-cache keeps the
fitted priors between such runs). --weibo-scores reuses the cross-validated weibo scores and
offset an earlier run printed, for refitting and saving the final model without the 5 folds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import sys
import time
from pathlib import Path
from typing import Iterable

import numpy as np
from sklearn.model_selection import StratifiedKFold

import sentiment_recalibration
from sentiment_baseline import baseline_scores
from sentiment_training import Linear, fit_head, fit_linear, save
from yuqing.analysis.evaluation import sentiment_data as data
from yuqing.analysis.evaluation import sentiment_extra
from yuqing.analysis.evaluation.corrections_data import read_corrections
from yuqing.analysis.evaluation.sentiment import macro_f1, smp_scores
from yuqing.analysis.sentiment_features import match_form
from yuqing.analysis.sentiment_model import LABELS, MODEL_DIR, Item

ROOT = Path(__file__).resolve().parents[1]
MAX_CHARS = {"weibo": 500, "news": 3000}
C = {"prior": 4.0, "weibo": 4.0, "news": 16.0}
MAX_ITER = {"prior": 200, "weibo": 300, "news": 300}
PRIOR_SCALE = 0.3
KEEP_GRAMS = 380_000  # 1.7 MB in format 2 (int8; sentiment_file.py), under the repository's 2 MB per file
OFFSETS = np.arange(-1.0, 0.01, 0.125)
EXTRA: list[str] = ["smp_usual_train", "covid7"]  # chosen in docs/model-card-sentiment.md
PRIOR_EXTRA: list[str] = []
TRAINED_ON = {
    "weibo": ["smp2020 virus_train", "smp2020 usual_eval", "smp2020 virus_eval", "clue_emotion2020 valid"],
    "news": ["ccf2019_news train"],
    "priors (both heads)": ["ced_weibo_dev stream, emoticon distant labels", "reviews: hotel, waimai, online_shopping"],
}
EMOTICON = re.compile(r"\[[^\[\]]{1,8}\]")
NEGATIVE_FACES = set("泪 蜡烛 怒 衰 抓狂 可怜 鄙视 哼 生病 弱 怒骂 悲伤 伤心 吐 失望 委屈 泪流满面 惊恐 愤怒 崩溃 "
                     "草泥马 眼泪 黑线 晕 汗 闭嘴 右哼哼 左哼哼 懒得理你 不要 困 吃惊".split())
POSITIVE_FACES = set("哈哈 偷笑 嘻嘻 爱你 good 鼓掌 心 给力 威武 花心 酷 害羞 笑哈哈 可爱 馋嘴 太开心 赞 亲亲 耶 "
                     "得意地笑 抱抱 偷乐 握手 ok 好爱哦 鲜花 加油 帅 强 飞吻 噢耶 haha 爱心 顶 羞嗒嗒 礼物 玫瑰 许愿".split())


def distant_pairs(texts_and_labels: Iterable[tuple[str, str | None]], exclude: set[str] = frozenset()) -> list[tuple[Item, str]]:
    """Texts labelled by their emoticons (label None: by the faces they hold), emoticons cut, each once."""
    seen: set[str] = set(exclude)
    pairs = []
    for raw, given in texts_and_labels:
        text = match_form(raw)
        faces = {face[1:-1] for face in EMOTICON.findall(text)}
        negative, positive = bool(faces & NEGATIVE_FACES), bool(faces & POSITIVE_FACES)
        label = given or (None if negative == positive else "negative" if negative else "positive")
        bare = EMOTICON.sub(" ", text).strip()
        if label and len(bare) >= 5 and bare not in seen:
            seen.add(bare)
            pairs.append((("", bare), label))
    return pairs


def stream_texts(stream: Path) -> Iterable[tuple[str, None]]:
    with gzip.open(stream, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line).get("text") or "", None


def fit_priors(root: Path, extra: list[str], exclude: set[str], cache: Path | None) -> list[Linear]:
    """D (CED emoticons), R (reviews), then one prior per distant extra set; kept in `cache` if given."""
    if cache and cache.exists():
        saved = pickle.loads(cache.read_bytes())
        if saved["names"] == extra:
            log(f"priors from {cache}")
            return saved["priors"]
    sets = [("D", distant_pairs(stream_texts(root / "stream" / "ced_weibo_dev.jsonl.gz"))),
            ("R", [(("", match_form(t)), label) for t, label in data.reviews(root)])]
    sets += [(name, distant_pairs(sentiment_extra.extra_set(root, name), exclude)) for name in extra]
    priors = []
    for name, pairs in sets:
        texts, labels = zip(*pairs)
        priors.append(fit_linear(list(texts), list(labels), MAX_CHARS["weibo"], C["prior"], MAX_ITER["prior"]))
        log(f"prior {name}: {len(texts)} texts, {len(priors[-1].vocabulary.columns)} grams")
    if cache:
        cache.write_bytes(pickle.dumps({"names": extra, "priors": priors}))
    return priors


def weibo_sets(root: Path, extra: list[str], corrections: list[tuple[Item, str]]) -> tuple[list, list, dict]:
    """(always-train pairs, evaluation triples (item, label, set name), what the extras added).

    Texts in match form; an extra text that is an evaluation or always-trained text is dropped."""
    always = [(("", match_form(t)), label) for t, label in data.smp(root, "virus_train") + data.clue(root)]
    evals = [(("", match_form(t)), label, name) for name in ("usual_eval", "virus_eval") for t, label in data.smp(root, name)]
    known = {item[1] for item, *_ in always + evals}
    added, counts = sentiment_extra.merged({name: sentiment_extra.extra_set(root, name) for name in extra}, match_form, known)
    always += [(("", match_form(t)), label) for t, label in added] + corrections
    return always, evals, counts


def folds(evals: list[tuple[Item, str, str]], count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    strata = [name + label for _, label, name in evals]
    return list(StratifiedKFold(count, shuffle=True, random_state=0).split(strata, strata))


def cross_validate(always, evals, priors, count: int) -> np.ndarray:
    """Held-out logits of the weibo head for every evaluation post."""
    logits = np.zeros((len(evals), len(LABELS)))
    for number, (train, test) in enumerate(folds(evals, count)):
        pairs = always + [evals[i][:2] for i in train]
        head = fit_head(*map(list, zip(*pairs)), priors, MAX_CHARS["weibo"], C["weibo"], MAX_ITER["weibo"], PRIOR_SCALE)
        logits[test] = head.logits([evals[i][0] for i in test], MAX_CHARS["weibo"])
        log(f"fold {number + 1}/{count} done")
    return logits


def weibo_scores(logits: np.ndarray, evals, offset: float) -> dict[str, float]:
    return smp_scores(evals, [LABELS[i] for i in (logits + [offset, 0, 0]).argmax(axis=1)])


def best_offset(logits: np.ndarray, evals) -> float:
    def mean_negative(offset: float) -> float:
        s = weibo_scores(logits, evals, offset)
        return (s["smp_usual_eval_negative_f1"] + s["smp_virus_eval_negative_f1"]) / 2
    return float(max(OFFSETS, key=mean_negative))


def news_pairs(root: Path, split: str) -> list[tuple[Item, str]]:
    return [((match_form(title), match_form(body)), label) for title, body, label in data.ccf(root, split)]


def record_baseline(printout: Path, meta_path: Path) -> None:
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["baseline_dev_scores"] = json.loads(printout.read_text(encoding="utf-8"))["baseline"]
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"recorded the baseline's dev scores in {meta_path}")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def corrections(path: Path | None) -> tuple[list[tuple[Item, str]], list[tuple[Item, str]]]:
    """(post pairs, news pairs) from a `yuqing corrections export` file: the sentiment people gave."""
    posts, news = [], []
    for row in read_corrections(path) if path else []:
        if row.get("sentiment") in LABELS:
            item = (match_form(row.get("title") or ""), match_form(row.get("text") or ""))
            (news if item[0] else posts).append((item, row["sentiment"]))
    return posts, news


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--baseline", action="store_true", help="only score the char n-gram LR baseline (no model written)")
    parser.add_argument("--record-baseline", type=Path, metavar="FILE",
                        help="record a --baseline printout in the model's metadata and stop")
    parser.add_argument("--extra", default=",".join(EXTRA), help="labelled sets of sentiment/extra that train the weibo head")
    parser.add_argument("--prior-extra", default=",".join(PRIOR_EXTRA), help="distant sets of sentiment/extra, one prior each")
    parser.add_argument("--priors-cache", type=Path, help="keep the fitted priors in this file between runs")
    parser.add_argument("--weibo-only", action="store_true", help="cross-validate the weibo head only; write nothing")
    parser.add_argument("--corrections", type=Path, help="JSONL written by `yuqing corrections export`")
    parser.add_argument("--held-out", type=Path, metavar="FILE.npz",
                        help="also write the cross-validated weibo logits of the evaluation posts (with their texts, "
                             "labels, sets and folds) for analysis")
    parser.add_argument("--weibo-scores", type=Path, metavar="FILE",
                        help="stdout of an earlier run with the same data and settings: reuse its cross-validated "
                             "weibo scores and offset instead of cross-validating again")
    return parser.parse_args()


def names(value: str) -> list[str]:
    return [name for name in value.split(",") if name]


def main() -> None:
    args = arguments()
    if args.record_baseline:
        record_baseline(args.record_baseline, args.out / "sentiment.json")
        return
    corrected_posts, corrected_news = corrections(args.corrections)
    always, evals, added = weibo_sets(args.data, names(args.extra), corrected_posts)
    log(f"weibo head: {len(always)} always-trained posts ({added} from --extra), {len(evals)} evaluated by folds")
    news_train, news_dev = news_pairs(args.data, "train") + corrected_news, news_pairs(args.data, "dev")
    if args.baseline:
        scores = baseline_scores(always, evals, folds(evals, args.folds), news_train, news_dev)
        print(json.dumps({"baseline": scores}, ensure_ascii=False))
        return
    priors = fit_priors(args.data, names(args.prior_extra), {item[1] for item, *_ in evals}, args.priors_cache)
    scores = (earlier_weibo_scores(args.weibo_scores) if args.weibo_scores
              else weibo_cv_scores(always, evals, priors, args.folds, args.held_out))
    print(json.dumps({"weibo": scores}, ensure_ascii=False), flush=True)
    if args.weibo_only:
        return
    news = fit_head(*map(list, zip(*news_train)), priors, MAX_CHARS["news"], C["news"], MAX_ITER["news"], PRIOR_SCALE,
                    balanced=True)
    dev_texts, dev_gold = map(list, zip(*news_dev))
    scores["ccf_dev_macro_f1_3class"] = macro_f1(dev_gold, [LABELS[i] for i in news.logits(dev_texts, MAX_CHARS["news"]).argmax(1)])
    print(json.dumps({"model": scores}, ensure_ascii=False), flush=True)
    weibo = fit_head(*map(list, zip(*(always + [e[:2] for e in evals]))), priors,
                     MAX_CHARS["weibo"], C["weibo"], MAX_ITER["weibo"], PRIOR_SCALE)
    if "weibo_recalibration" in scores:  # folded into the head (an earlier printout may have the offset alone)
        weibo = sentiment_recalibration.apply_to_head(weibo, scores["weibo_recalibration"])
    offsets = {"weibo": np.array([scores.get("weibo_negative_offset", 0.0), 0.0, 0.0]), "news": np.zeros(3)}
    trained_on = {**TRAINED_ON, "weibo": TRAINED_ON["weibo"] + names(args.extra) + (["corrections"] if args.corrections else [])}
    meta = {"labels": list(LABELS), "max_chars": MAX_CHARS, "dev_scores": scores,
            "trained_on": trained_on, "extra_sets": added}
    meta = save(args.out / "sentiment", {"weibo": weibo, "news": news}, offsets, KEEP_GRAMS, meta)
    log(f"saved {args.out / 'sentiment.npz'}: {meta['grams']} of {meta['grams_before_pruning']} grams")


def earlier_weibo_scores(printout: Path) -> dict:
    """The {"weibo": ...} line an earlier run printed (the caller vouches it had the same data and settings)."""
    lines = [json.loads(line) for line in printout.read_text(encoding="utf-8").splitlines() if line.startswith("{")]
    scores = next(line["weibo"] for line in lines if "weibo" in line)
    log(f"weibo cross-validation from {printout}, not run again")
    return scores


def weibo_cv_scores(always, evals, priors, count: int, dump: Path | None = None) -> dict:
    held_out = cross_validate(always, evals, priors, count)
    fold_of = np.zeros(len(evals), dtype=np.int64)
    for number, (_, test) in enumerate(folds(evals, count)):
        fold_of[test] = number
    if dump:
        np.savez_compressed(dump, logits=held_out, fold=fold_of, text=np.array([e[0][1] for e in evals]),
                            label=np.array([e[1] for e in evals]), set=np.array([e[2] for e in evals]))
    offset = best_offset(held_out, evals)
    return {**sentiment_recalibration.report(held_out, evals, fold_of),
            "weibo_scores_before_recalibration": {**weibo_scores(held_out, evals, offset), "weibo_negative_offset": offset},
            "weibo_scores_without_offset": weibo_scores(held_out, evals, 0.0)}


if __name__ == "__main__":
    main()
