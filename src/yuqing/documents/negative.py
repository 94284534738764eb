"""What "negative" means where the office counts and alerts: the default is a post with negative
emotion *or* a risk post (负面舆情 as an office means it: a calm report of a fire is written calmly,
and is the post a duty officer most needs).

YUQING_NEGATIVE_MEANS chooses (yuqing.config): `sentiment_or_risk` (default), `sentiment` (the
emotion model alone, as before the risk stage) or `risk` (the risk stage alone). The "negative
matches" alert rule, the dashboard's negative series and the briefings' negative counts all ask
this module, and a briefing's count links to the search `negative_query()` that finds the same posts.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _


def meaning() -> str:
    return getattr(settings.YUQING, "negative_means", "sentiment_or_risk")


def negative_filter(means: str | None = None) -> Q:
    """The documents that count as negative, for a queryset filter."""
    means = means or meaning()
    emotion, risk = Q(sentiment="negative"), Q(risk=1)
    return emotion if means == "sentiment" else risk if means == "risk" else emotion | risk


def is_negative(doc, means: str | None = None) -> bool:
    """The same test on one document."""
    means = means or meaning()
    emotion, risk = doc.sentiment == "negative", doc.risk == 1
    return emotion if means == "sentiment" else risk if means == "risk" else emotion or risk


def negative_query(means: str | None = None) -> str:
    """The rule-language query that finds the same documents (for links to the search page)."""
    means = means or meaning()
    return {"sentiment": "sentiment:negative", "risk": "risk:1"}.get(means, "(sentiment:negative OR risk:1)")


def description(means: str | None = None) -> str:
    """What negative means here, in words for people (translated)."""
    means = means or meaning()
    if means == "sentiment":
        return _("negative emotion")
    if means == "risk":
        return _("risk posts")
    return _("negative emotion or a risk post")


REASON_TERMS = 5


def reasons(doc, means: str | None = None) -> list[str]:
    """Why a document counts as negative: its risk terms (stored by the risk stage), then the words
    that pushed its sentiment toward negative (analysis.explain), each once; [] when it is not negative."""
    means = means or meaning()
    terms: list[str] = []
    if means != "sentiment" and doc.risk == 1:
        terms += list(doc.risk_why or [])
    if means != "risk" and doc.sentiment == "negative":
        from yuqing.analysis.explain import negative_terms

        terms += negative_terms(doc.title or "", doc.text or "")
    chosen: list[str] = []
    for term in terms:
        if not any(term in kept or kept in term for kept in chosen):
            chosen.append(term)
    return chosen[:REASON_TERMS]


def common_reasons(docs, limit: int = 3, look_at: int = 20) -> list[str]:
    """The reasons most of a group's negative documents share (an alert's), most frequent first."""
    counts: dict[str, int] = {}
    for doc in list(docs)[:look_at]:
        for term in reasons(doc):
            counts[term] = counts.get(term, 0) + 1
    return sorted(counts, key=lambda term: -counts[term])[:limit]


def joined(terms: list[str]) -> str:
    """Terms joined the way the interface's language lists words (、 in Chinese)."""
    from django.utils.translation import get_language

    return ("、" if (get_language() or "").startswith("zh") else ", ").join(terms)
