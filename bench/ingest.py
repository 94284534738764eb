"""Ingest throughput: the push API (batches of 500) and MediaCrawler import, against the plain
JSONL import of the same posts, measured in the same run on a fresh workspace each.

Posts are synthetic (Chinese text with ids, times, counts, IP 属地), so no data set is needed.
Analysis is switched off (YUQING_ANALYZE_ON_STORE=0): this measures taking posts in (parse, map,
de-duplicate, store, index), not the pipeline. The push API is called in-process through Django's
test client (the whole view: auth, size check, parsing, per-record results), without an HTTP hop.

    .venv/bin/python bench/ingest.py [--posts 20000] [--database-url postgresql://…/db]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

WORDS = "暴雨 积水 道路 停电 学校 医院 通报 县城 村民 转移 河堤 管涌 救援 物资 交通 管制 恢复 排查 安置 值班".split()


def posts(count: int) -> list[dict]:
    rnd = random.Random(13)
    return [{"note_id": str(5_100_000_000_000_000 + n), "content": "演示：" + "".join(rnd.choices(WORDS, k=24)) + f"（{n}）",
             "create_time": 1_763_600_000 + n * 7, "liked_count": f"{rnd.randint(1, 99)}.{rnd.randint(0, 9)}万",
             "comments_count": str(rnd.randint(0, 900)), "shared_count": str(rnd.randint(0, 300)),
             "ip_location": rnd.choice(["发布于 广东", "发布于 河南", "发布于 北京"]), "nickname": f"演示用户{n % 500}"}
            for n in range(count)]


def as_plain(row: dict) -> dict:
    return {"id": row["note_id"], "text": row["content"], "created_at": row["create_time"], "site": "weibo.com",
            "url": f"https://m.weibo.cn/detail/{row['note_id']}", "likes": row["liked_count"],
            "comments": row["comments_count"], "reposts": row["shared_count"], "ip_location": row["ip_location"],
            "author": row["nickname"]}


def plain_import(path: Path) -> int:
    from yuqing.sources.collecting import import_into
    from yuqing.sources.models import Source

    source = Source.objects.create(name="plain", kind="file", url=str(path), enabled=False)
    return import_into(source, any_folder=True).items_new


def mediacrawler_import(folder: Path) -> int:
    from yuqing.sources.mediacrawler import import_path

    return sum(run.items_new for run in import_path(folder, any_folder=True))


def push_api(rows: list[dict], batch: int = 500) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from yuqing.accounts.models import ApiToken

    user = get_user_model().objects.create_user("bench-collector")
    token = ApiToken.issue(user, "bench", scope="ingest")[1]
    client, stored = Client(), 0
    for start in range(0, len(rows), batch):
        body = json.dumps(rows[start : start + batch], ensure_ascii=False)
        response = client.post("/api/documents?format=mediacrawler&platform=weibo&kind=contents", body,
                               content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200, response.content[:300]
        stored += response.json()["stored"]
    return stored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=20_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (a scratch database: it is flushed)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="yuqing-bench-ingest-"))
    os.environ.update(YUQING_HOME=str(work / "home"), YUQING_ANALYZE_ON_STORE="0", YUQING_ALLOWED_HOSTS="testserver",
                      YUQING_INGEST_MAX_BACKLOG=str(10 * args.posts))
    if args.database_url:
        os.environ["YUQING_DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("YUQING_DATABASE_URL", None)
    from yuqing.commands.setup import django_setup, migrate

    django_setup(str(work / "home"), create=True)
    migrate()
    rows = posts(args.posts)
    plain = work / "plain.jsonl"
    plain.write_text("".join(json.dumps(as_plain(r), ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    crawler = work / "data" / "weibo" / "jsonl"
    crawler.mkdir(parents=True)
    (crawler / "search_contents_2026-11-20.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{args.posts:,} posts, {'PostgreSQL' if args.database_url else 'SQLite'}, Python {sys.version.split()[0]}")
    runs = [("plain JSONL import (baseline)", plain_import, plain), ("MediaCrawler JSONL import", mediacrawler_import, work / "data"),
            ("push API, batches of 500", push_api, rows)]
    baseline = None
    for label, run, argument in runs:
        _reset(args.database_url)
        start = time.perf_counter()
        stored = run(argument)
        seconds = time.perf_counter() - start
        rate = stored / seconds
        baseline = baseline or rate
        print(f"{label:<32} {stored:>8,} stored  {seconds:6.2f} s  {rate:>8,.0f} posts/s  {rate / baseline:5.2f}x")
    shutil.rmtree(work, ignore_errors=True)


def _reset(database_url: str) -> None:
    from django.contrib.auth import get_user_model

    from yuqing.documents.index import rebuild
    from yuqing.documents.models import Document
    from yuqing.sources.models import Source

    Document.objects.all().delete()
    Source.objects.all().delete()
    get_user_model().objects.filter(username="bench-collector").delete()
    rebuild()


if __name__ == "__main__":
    main()
