"""The reference the sentiment model must beat: a character 1-3-gram TF-IDF logistic regression.

Same training data, same folds, same texts (match form) as the shipped model; whole texts, no
truncation; a news item is its title, a space and its body, as one text. C=16 was the best of 1, 4, 16, 64 on these dev sets (a fair, tuned baseline).
"""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from yuqing.analysis.evaluation.sentiment import macro_f1, smp_scores

BASELINE_C = 16.0


def one_text(item: tuple[str, str]) -> str:
    title, text = item
    return f"{title} {text}" if title else text


def fit_baseline(texts: list[str], labels: list[str]) -> Pipeline:
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
    model = LogisticRegression(C=BASELINE_C, solver="saga", max_iter=1000, random_state=0)
    return make_pipeline(vectorizer, model).fit(texts, labels)


def baseline_scores(always, evals, folds, news_train, news_dev) -> dict[str, float]:
    """Held-out scores of the baseline on the folds and sets the shipped model is scored on."""
    predicted = np.empty(len(evals), dtype=object)
    for train, test in folds:
        pairs = always + [evals[i][:2] for i in train]
        model = fit_baseline([one_text(t) for t, _ in pairs], [label for _, label in pairs])
        predicted[test] = model.predict([one_text(evals[i][0]) for i in test])
    scores = smp_scores(evals, list(predicted))
    news = fit_baseline([one_text(t) for t, _ in news_train], [label for _, label in news_train])
    scores["ccf_dev_macro_f1_3class"] = macro_f1([label for _, label in news_dev], list(news.predict([one_text(t) for t, _ in news_dev])))
    return scores
