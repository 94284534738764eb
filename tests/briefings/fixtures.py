"""A small day of stored posts, as the pipeline would leave them, on a fixed date (Asia/Shanghai).

2026-11-03 (local): eight posts of the 永城 fire (event ev-fire, four negative, on two sites, one
by an official account, one much reposted; three risk posts of type 事故灾难, one of them written
calmly), three about a bus line (ev-bus, positive), one unrelated (positive); plus one post the day
before and one the day after, which a daily briefing must leave out. Every other post is not a risk post.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from yuqing.collect.items import CollectedItem
from yuqing.documents.models import Document, DocumentPlace
from yuqing.documents.store import store_batch

DAY_START = datetime(2026, 11, 2, 16, 0, tzinfo=timezone.utc)  # 2026-11-03 00:00 in Asia/Shanghai
YONGCHENG = {"code": "411481", "name": "永城市", "level": "county", "mention": "永城", "path": ["41", "4114", "411481"]}
SHANGQIU = {"code": "4114", "name": "商丘市", "level": "city", "mention": "商丘", "path": ["41", "4114"]}

POSTS = [  # (hour, site, author, text, event, sentiment, reposts, places)
    (1, "weibo.example", "网友甲", "永城化工厂冒出浓烟，听到爆炸声", "ev-fire", "negative", 30, [YONGCHENG]),
    (1, "weibo.example", "网友乙", "永城东城区化工厂起火，大家注意安全", "ev-fire", "negative", 520, [YONGCHENG]),
    (2, "news.example", "示例日报", "永城一化工厂起火 消防赶赴现场", "ev-fire", "neutral", 80, [YONGCHENG]),
    (2, "weibo.example", "网友丙", "化工厂离居民区这么近，必须给个说法", "ev-fire", "negative", 12, [YONGCHENG]),
    (3, "weibo.example", "永城市应急管理局", "永城市应急管理局：火情已得到控制，无人员伤亡", "ev-fire", "neutral", 260, [YONGCHENG]),
    (3, "news.example", "网友丁", "空气里有刺鼻味道，担心有毒气体", "ev-fire", "negative", 5, [YONGCHENG]),
    (4, "weibo.example", "网友戊", "感谢消防员连夜奋战", "ev-fire", "positive", 40, [YONGCHENG]),
    (9, "weibo.example", "网友己", "永城化工厂周边学校正常上课", "ev-fire", "neutral", 3, [YONGCHENG]),
    (10, "news.example", "示例晚报", "商丘城际公交今天开通", "ev-bus", "positive", 20, [SHANGQIU]),
    (11, "weibo.example", "网友庚", "城际公交票价实惠，点赞", "ev-bus", "positive", 2, [SHANGQIU]),
    (12, "weibo.example", "网友辛", "城际公交每半小时一班", "ev-bus", "positive", 1, [SHANGQIU]),
    (15, "weibo.example", "网友壬", "今天天气不错", "", "positive", 0, []),
    (-5, "weibo.example", "网友癸", "昨天的帖子", "", "neutral", 0, []),
    (30, "weibo.example", "网友子", "明天的帖子", "", "neutral", 0, []),
]


RISK = {0: "事故灾难", 1: "事故灾难", 2: "事故灾难"}  # post number → type; b2 is the calm news report


def store_day() -> list[Document]:
    items = [CollectedItem(external_id=f"b{n}", url=f"https://{site}/p/{n}", text=text, author=author, site=site,
                           published_at=DAY_START + timedelta(hours=hour, minutes=n), engagement={"reposts": reposts})
             for n, (hour, site, author, text, _e, _s, reposts, _p) in enumerate(POSTS)]
    store_batch(items, None, None)
    docs = []
    for n, (_h, _site, _a, _t, event, sentiment, _r, places) in enumerate(POSTS):
        doc = Document.objects.get(external_id=f"b{n}")
        doc.event_id, doc.sentiment, doc.places = event, sentiment, places
        doc.risk, doc.risk_type, doc.risk_why = int(n in RISK), RISK.get(n, ""), ["起火"] if n in RISK else []
        doc.save(update_fields=["event_id", "sentiment", "places", "risk", "risk_type", "risk_why"])
        DocumentPlace.objects.filter(document=doc).delete()  # the pipeline may have run on store already
        DocumentPlace.objects.bulk_create([DocumentPlace(document=doc, code=p["code"], level=p["level"]) for p in places])
        docs.append(doc)
    return docs
