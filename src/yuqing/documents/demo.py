"""Fictional demo posts and news: a few storylines over the last ten days, plus everyday noise."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from yuqing.collect.items import CollectedItem
from yuqing.documents.demo_texts import NOISE, SITE_NAMES, SITES, STORYLINES

DEMO_SOURCE = "演示数据（虚构）Demo data (fictional)"


def _time(rng: random.Random, now: datetime, day_from: float, day_to: float) -> datetime:
    return now - timedelta(days=rng.uniform(day_from, day_to))


def demo_items(now: datetime | None = None, seed: int = 7) -> list[CollectedItem]:
    rng = random.Random(seed)
    now = (now or datetime.now(timezone.utc)).replace(microsecond=0)
    items: list[CollectedItem] = []
    for story_no, story in enumerate(STORYLINES):
        start = story["days_ago"]
        for n in range(story["count"]):
            # posts crowd into the first hours of a story, then thin out (how incidents spread)
            age = max(0.02, start - story["span"] * (n / story["count"]) ** 2)
            line = rng.choice(story["lines"])
            items.append(_item(rng, f"s{story_no}-{n}", line, story.get("title", ""), _time(rng, now, age, age + 0.05)))
    for n in range(260):
        # everyday chatter: each line is one account's on one site, posted again and again (one author: no event)
        line = rng.choice(NOISE)
        items.append(_item(rng, f"n{n}", line, "", _time(rng, now, 0.01, 10), (f"生活随手记{NOISE.index(line) + 1}号", SITES[0])))
    return items


def _item(rng: random.Random, key: str, line: str, title: str, when: datetime,
          who: tuple[str, tuple[str, str]] | None = None) -> CollectedItem:
    site, kind = rng.choice(SITES)
    author = rng.choice(["示例市发布", "示例日报", "网友A", "网友B", "本地生活号", "城市观察员", "路人甲", "示例晚报"])
    if who:
        author, (site, kind) = who
    return CollectedItem(
        external_id=f"demo-{key}",
        url=f"https://{site}/demo/{key}",
        title=title if kind == "news" and title else "",
        text=line,
        author=author,
        site=site,
        published_at=when,
        language="zh",
        engagement={"reposts": rng.randint(0, 300), "comments": rng.randint(0, 80), "likes": rng.randint(0, 900)},
        raw={"fictional": True, "note": "演示用虚构内容 / invented demo content", "key": key},
    )


def seed() -> str:
    from yuqing.documents.store import store_batch
    from yuqing.sources.models import Source

    source, _ = Source.objects.get_or_create(
        kind=Source.Kind.FILE, url="demo://documents",
        defaults={"name": DEMO_SOURCE, "site": "demo.example", "enabled": False},
    )
    stats = store_batch(demo_items(), source, None)
    _demo_web_sources()
    _demo_site_names()
    return f"{stats.new} fictional documents added ({stats.duplicate} already present)"


def _demo_site_names() -> None:
    from yuqing.sources.models import SiteName

    for domain, name in SITE_NAMES.items():
        SiteName.objects.get_or_create(domain=domain, defaults={"name": name})


def _demo_web_sources() -> None:
    """Two web sources on reserved .invalid names: they fail, which shows how failures look."""
    from yuqing.sources.models import Source

    for name, url in (("示例新闻网 RSS（演示，将失败）", "https://news.demo.invalid/rss.xml"),
                      ("示例论坛（演示，将失败）", "https://bbs.demo.invalid/list.html")):
        kind = Source.Kind.FEED if url.endswith(".xml") else Source.Kind.SITE
        Source.objects.get_or_create(kind=kind, url=url, defaults={"name": name, "site": url.split("/")[2], "schedule_minutes": 60})
