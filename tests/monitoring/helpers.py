"""Stored documents as the pipeline would leave them (event, sentiment, places), on a test clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yuqing.collect.items import CollectedItem
from yuqing.documents.models import Document
from yuqing.documents.store import store_batch
from yuqing.monitoring.schemes import RuleSpec, SchemeSpec, save_scheme

BASE = datetime(2026, 11, 2, 2, 0, tzinfo=timezone.utc)  # 10:00 in Asia/Shanghai
YONGCHENG = {"code": "411481", "name": "永城市", "level": "county", "mention": "永城"}
ZHENGZHOU = {"code": "410100", "name": "郑州市", "level": "city", "mention": "郑州"}
_counter = iter(range(1, 10**9))


def at(minutes: float) -> datetime:
    return BASE + timedelta(minutes=minutes)


def posts(*specs: dict) -> list[Document]:
    """Store one post per spec: text, minutes, site, author (one of its own by default), event, sentiment,
    places, risk (label, type, why)."""
    keys = []
    items = []
    for spec in specs:
        key = f"p{next(_counter)}"
        keys.append(key)
        items.append(CollectedItem(external_id=key, text=spec["text"], site=spec.get("site", "weibo.example"),
                                   author=spec.get("author", f"网友{key}"),
                                   published_at=at(spec.get("minutes", 0)), url=f"https://{spec.get('site', 'weibo.example')}/{key}"))
    store_batch(items, None, None)
    docs = {doc.external_id: doc for doc in Document.objects.filter(external_id__in=keys)}
    for key, spec in zip(keys, specs):
        doc = docs[key]
        doc.event_id, doc.sentiment = spec.get("event", ""), spec.get("sentiment", "")
        doc.places = spec.get("places", [])
        doc.risk, doc.risk_type, doc.risk_why = spec.get("risk", (None, "", []))
        doc.save(update_fields=["event_id", "sentiment", "places", "risk", "risk_type", "risk_why"])
    return [docs[key] for key in keys]


def scheme(actor, expression: str = "", rules: list[RuleSpec] | None = None, now: datetime = BASE, **spec) -> object:
    mode = "advanced" if expression else "simple"
    return save_scheme(actor, None, SchemeSpec(name=spec.pop("name", "测试方案"), mode=mode, expression=expression,
                                               rules=rules if rules is not None else [RuleSpec(kind="every")], **spec), now=now)
