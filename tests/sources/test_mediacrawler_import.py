"""`yuqing import --from mediacrawler`: a whole output folder stored, comments threaded under their
posts, engagement kept per collection, the poster's IP province analysed apart from places, and a
followed folder picked up as it grows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from yuqing.cli import main
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.models import Document, EngagementSnapshot
from yuqing.sources.mediacrawler import FolderFollower
from yuqing.sources.models import QuarantinedRecord, Source

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parents[1] / "collect" / "mediacrawler" / "data"


@pytest.fixture
def output(tmp_path) -> Path:
    folder = tmp_path / "MediaCrawler" / "data"
    shutil.copytree(DATA, folder)
    return folder


def _weibo_post() -> Document:
    return Document.objects.get(site="weibo.com", external_id="5100000000000001")


def test_whole_folder_imported_once_with_comments_threaded(output, capsys):
    assert main(["import", "--from", "mediacrawler", str(output)]) == 0  # quarantined rows are no failure
    posts = Document.objects.exclude(kind="comment")
    assert posts.count() == 8 and set(posts.values_list("platform", flat=True)) == {
        "weibo", "douyin", "kuaishou", "xhs", "bilibili", "zhihu", "tieba"}
    assert Document.objects.filter(kind="comment").count() == 9
    assert QuarantinedRecord.objects.get().reason.startswith("BadTime: line 3: bad created_at")
    assert main(["import", "--from", "mediacrawler", str(output)]) == 0
    assert Document.objects.count() == 17  # importing again adds nothing
    assert "(weibo comments): 0 new, 2 already stored, 1 quarantined" in capsys.readouterr().out
    assert QuarantinedRecord.objects.count() == 1

    AnalysisService().analyze_pending()
    post = _weibo_post()
    assert (post.likes, post.comments, post.reposts, post.ip_location, post.ip_province) == (12000, 356, 88, "广东", "44")
    assert not any(p["code"].startswith("44") for p in post.places)  # the poster's province is not a place talked about
    reply = Document.objects.get(external_id="comment:5100000000009002")
    assert reply.ip_province == "41" and reply.analyzed_at is not None and reply.sentiment  # analysed like a post
    _search_by_platform_and_ip_location()


def _search_by_platform_and_ip_location() -> None:
    from yuqing.analysis.query.parser import parse
    from yuqing.analysis.query.evaluate import matches
    from yuqing.documents.postview import post_for_matching
    from yuqing.documents.search import count

    expected = {  # query -> documents (search and the alert matcher agree)
        "platform:douyin": {"7300000000000000001", "comment:7300000000000009001"},
        "平台:抖音": {"7300000000000000001", "comment:7300000000000009001"},
        "ip:广东": {"5100000000000001"},
        "ip:永城 AND 堤坝": {"comment:5100000000009001"},  # ip: is the province: 永城 is in Henan
        "platform:weibo -ip:河南": {"5100000000000001", "5100000000000002"},
    }
    docs = list(Document.objects.all())
    for query, ids in expected.items():
        assert count(query) == len(ids), query
        assert {d.external_id for d in docs if matches(parse(query), post_for_matching(d))} == ids, query


def test_post_page_shows_its_thread_and_event_page_its_comments(output, logged_client):
    main(["import", "--from", "mediacrawler", str(output / "weibo")])
    post = _weibo_post()
    page = logged_client.get(reverse("documents:detail", args=[post.pk])).content.decode()
    top, reply = page.index("钱都去哪了"), page.index("要求公开维修账目")
    assert 0 < top < reply and "margin-left: 1em" in page[top:reply + 200]
    comment = Document.objects.get(external_id="comment:5100000000009001")
    assert post.display_title in logged_client.get(reverse("documents:detail", args=[comment.pk])).content.decode()

    from yuqing.documents.models import Event
    from yuqing.documents.threads import comment_timeline

    Event.objects.create(key="ev1", title="演示事件", first_seen=post.published_at, last_seen=post.published_at)
    Document.objects.filter(pk=post.pk).update(event_id="ev1")
    Document.objects.filter(kind="comment").update(sentiment="neutral")
    Document.objects.filter(external_id="comment:5100000000009001").update(sentiment="negative")
    rows = comment_timeline("ev1")
    assert sum(r["posts"] for r in rows) == 1 and sum(r["comments"] for r in rows) == 2
    assert [r["share"] for r in rows if r["comments"]] == [0.5]
    event_page = logged_client.get(reverse("documents:event", args=["ev1"]))
    assert event_page.status_code == 200 and "50%" in event_page.content.decode()


def test_collected_again_with_new_counts_keeps_the_history(output):
    path = output / "weibo/jsonl/search_contents_2026-11-20.jsonl"
    main(["import", "--from", "mediacrawler", str(path)])
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["liked_count"], rows[0]["comments_count"] = "2.5万", "900"
    later = output / "weibo/jsonl/search_contents_2026-11-21.jsonl"
    later.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    main(["import", "--from", "mediacrawler", str(later)])
    post = _weibo_post()
    assert (post.likes, post.comments) == (25000, 900)
    history = list(EngagementSnapshot.objects.filter(document=post).values_list("likes", "comments"))
    assert history == [(12000, 356), (25000, 900)]
    main(["import", "--from", "mediacrawler", str(later)])  # same counts again: no new snapshot
    assert EngagementSnapshot.objects.filter(document=post).count() == 2


def test_followed_folder_continues_where_the_file_grew(output):
    follower = FolderFollower(output / "weibo", any_folder=True)
    first = follower.poll()
    assert sum(run.items_new for run in first) == 4 and follower.poll() == []  # nothing changed, nothing read
    comments = output / "weibo/jsonl/search_comments_2026-11-20.jsonl"
    with comments.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps({"comment_id": "5100000000009004", "note_id": "5100000000000001", "content": "新来的评论",
                                 "create_time": 1763602000, "parent_comment_id": "0"}, ensure_ascii=False) + "\n")
    (run,) = follower.poll()
    assert (run.items_new, run.items_duplicate, run.items_rejected) == (1, 0, 0)  # only the new line was read
    new_day = output / "weibo/jsonl/search_contents_2026-11-22.jsonl"
    new_day.write_text(json.dumps({"note_id": "5100000000000003", "content": "演示：第二天的新微博", "create_time": 1763700000}) + "\n")
    assert [r.items_new for r in follower.poll()] == [1]
    assert Source.objects.filter(options__format="mediacrawler").count() == 3
