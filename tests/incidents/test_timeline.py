"""Timelines built on a slice of the real Weibo stream (CED): 4,000 records, eight cascades.

The slice is imported through the real store and analysed by the real pipeline; the set under
test is the biggest cascade (an original and its 820 reposts and comments, as an incident would
gather them by hand), and every figure of its timeline is checked against what the test computes
itself from the raw JSON lines.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from datetime import datetime, timedelta, timezone as dt_timezone
from itertools import islice

import pytest
from django.utils import timezone

from tests.shared_data import shared_path
from yuqing.collect.files import read_records
from yuqing.documents.analysis import AnalysisService
from yuqing.documents.models import Document, Event
from yuqing.documents.store import store_batch
from yuqing.incidents import stats, timeline
from yuqing.incidents.models import Incident, LinkedEvent

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]
SLICE = 4000


@pytest.fixture
def stream():
    path = shared_path("stream/ced_weibo_dev.jsonl.gz")
    items = list(islice(read_records(path), SLICE))
    for item in items:
        item.site = "weibo.com"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = {r["id"]: r for r in map(json.loads, islice(handle, SLICE))}
    store_batch(items, None, None)
    assert AnalysisService().analyze_pending() == SLICE
    return raw


def _cascade(raw: dict) -> list[dict]:
    biggest = Counter(r["cascade"] for r in raw.values()).most_common(1)[0][0]
    return [r for r in raw.values() if r["cascade"] == biggest]


def _docs(members: list[dict]):
    return Document.objects.filter(external_id__in=[r["id"] for r in members])


def _events(docs) -> list[Event]:
    return list(Event.objects.filter(key__in=docs.exclude(event_id="").values("event_id")))


def _hour(seconds: int) -> datetime:
    local = timezone.localtime(datetime.fromtimestamp(seconds, dt_timezone.utc))
    return local.replace(minute=0, second=0, microsecond=0)


def test_volume_first_post_and_peak_match_the_raw_lines(stream):
    members = _cascade(stream)
    docs = _docs(members)
    built = timeline.build(docs, _events(docs))

    assert built.total == len(members) > 500
    earliest = min(members, key=lambda r: (r["created_at"], r["id"]))
    assert built.first.published_at == datetime.fromtimestamp(earliest["created_at"], dt_timezone.utc)
    per_hour = Counter(_hour(r["created_at"]) for r in members)
    assert {b.start: b.count for b in built.hourly if b.count} == dict(per_hour)
    span_hours = (max(per_hour) - min(per_hour)) / timedelta(hours=1)
    assert len(built.hourly) == span_hours + 1  # empty hours are filled, so the chart's axis is true time
    assert built.peak.count == max(per_hour.values())
    assert built.peak.start == min(h for h, n in per_hour.items() if n == built.peak.count)


def test_key_posts_and_spread(stream):
    members = _cascade(stream)
    docs = _docs(members)
    built = timeline.build(docs)

    most = max(r.get("reposts", 0) for r in members)
    if most:
        assert built.most_reposted[0].reposts == most
    assert [s.key for s in built.sites] == ["weibo.com"] and built.sites[0].count == len(members)
    assert built.first_by_site[0].pk == built.first.pk
    for official in built.official:
        assert any(marker in official.author for marker in stats.OFFICIAL_MARKERS)
    places = Counter(code[:2] for d in docs for code in {p["code"][:2] for p in d.places if p.get("code")})
    assert {s.key: s.count for s in built.provinces} == dict(places)


def test_fading_is_the_first_hour_after_the_peak_that_stays_low(stream):
    built = timeline.build(_docs(_cascade(stream)))
    if built.fading is None:
        after = [b for b in built.hourly if b.start > built.peak.start]
        assert not after or after[-1].count >= built.peak.count * 0.25
        return
    later = [b for b in built.hourly if b.start >= built.fading.start]
    assert all(b.count < built.peak.count * 0.25 for b in later)
    before = [b for b in built.hourly if built.peak.start < b.start < built.fading.start]
    assert not before or before[-1].count >= built.peak.count * 0.25


def test_every_item_cites_documents_of_the_set_in_time_order(stream):
    docs = _docs(_cascade(stream))
    ids = set(docs.values_list("pk", flat=True))
    built = timeline.build(docs, _events(docs))
    assert [i.at for i in built.items] == sorted(i.at for i in built.items)
    assert {"first", "peak", "event"} <= {i.kind for i in built.items}
    for item in built.items:
        assert set(item.ids) <= ids, item


def test_an_incident_timeline_merges_data_with_people(stream, admin_user):
    from yuqing.incidents import actions

    docs = _docs(_cascade(stream))
    root = docs.order_by("published_at", "id").first()
    incident = actions.open_incident(admin_user, title="CED cascade", event_keys=[root.event_id],
                                     document_ids=list(docs.values_list("pk", flat=True)))
    actions.add_entry(admin_user, incident, kind="action", text="called the platform's press office")
    excluded = root
    actions.set_document(admin_user, incident, document_id=excluded.pk, included=False)
    data, items = timeline.for_incident(incident)
    in_event = Document.objects.filter(event_id=root.event_id)
    assert data.total == (docs | in_event).distinct().count() - 1
    assert data.first.pk != excluded.pk
    kinds = [i.kind for i in items]
    assert "opened" in kinds and "action" in kinds and "first" in kinds
    assert LinkedEvent.objects.filter(incident=incident).count() == 1
    assert Incident.objects.get().state == Incident.State.WATCHING
