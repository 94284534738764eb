"""An incident's timeline, built from the stored data, plus what people wrote down.

From the data: the first appearance, volume per hour with its peak and the hour it faded, the
key posts (most reposted, the first from each site, posts of official-looking accounts), the
spread across sites and places, and the linked events' growth and fading. From people: manual
timeline entries, the action log and the office's statements. Every item carries the ids of
the documents it rests on (none for what people wrote).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yuqing.accounts.people import person_name
from yuqing.documents.models import Document, Event
from yuqing.incidents import evidence, stats
from yuqing.incidents.models import Incident


@dataclass
class Item:
    at: datetime
    kind: str
    text: str
    ids: list[int] = field(default_factory=list)
    author: str = ""


@dataclass
class DataTimeline:
    total: int
    first: Document | None
    hourly: list[stats.Bucket]
    peak: stats.Bucket | None
    fading: stats.Bucket | None
    most_reposted: list[Document]
    first_by_site: list[Document]
    official: list[Document]
    sites: list[stats.Share]
    provinces: list[stats.Share]
    cities: list[stats.Share]
    events: list[Event]
    items: list[Item]


def snippet(doc: Document, length: int = 60) -> str:
    text = " ".join((doc.title or doc.text).split())
    return text[:length] + ("…" if len(text) > length else "")


def build(docs: QuerySet[Document], events: list[Event] | None = None) -> DataTimeline:
    """The data side of a timeline over any set of documents (an incident's, or a test slice)."""
    hourly = stats.series(docs)
    timeline = DataTimeline(
        total=docs.count(), first=docs.order_by("published_at", "id").first(), hourly=hourly,
        peak=stats.peak(hourly), fading=stats.fading_since(hourly), most_reposted=stats.most_reposted(docs, 5),
        first_by_site=stats.first_by_site(docs), official=stats.official_posts(docs), sites=stats.sites(docs),
        provinces=stats.places(docs, "province"), cities=stats.places(docs, "city"), events=events or [], items=[])
    timeline.items = sorted(_data_items(timeline, docs), key=lambda item: item.at)
    return timeline


def _data_items(t: DataTimeline, docs: QuerySet[Document]) -> list[Item]:
    if t.first is None:
        return []
    items = [Item(t.first.published_at, "first", _("First appearance: %(author)s on %(site)s: %(text)s") % {
        "author": t.first.author or "—", "site": t.first.site or "—", "text": snippet(t.first)}, [t.first.pk])]
    items += [Item(d.published_at, "site", _("First post on %(site)s: %(text)s") % {"site": d.site or "—", "text": snippet(d)},
                   [d.pk]) for d in t.first_by_site if d.pk != t.first.pk]
    items += [Item(d.published_at, "reposted", _("Most reposted (%(n)d reposts): %(author)s: %(text)s") % {
        "n": d.reposts, "author": d.author or "—", "text": snippet(d)}, [d.pk]) for d in t.most_reposted[:3]]
    items += [Item(d.published_at, "official", _("Official-looking account %(author)s: %(text)s") % {
        "author": d.author, "text": snippet(d)}, [d.pk]) for d in t.official]
    items += [Item(p.first_at, "place", _("First mention of %(place)s (%(n)d posts in all)") % {"place": p.label, "n": p.count},
                   p.ids[:1]) for p in (t.provinces[:5] + t.cities[:5])]
    items += _volume_items(t)
    items += [_event_item(e, docs) for e in t.events]
    return items


def _volume_items(t: DataTimeline) -> list[Item]:
    items = []
    if t.peak:
        items.append(Item(t.peak.start, "peak", _("Peak: %(n)d posts in the hour from %(hour)s") % {
            "n": t.peak.count, "hour": timezone.localtime(t.peak.start).strftime("%m-%d %H:00")}, t.peak.ids))
    if t.fading:
        later = [pk for b in t.hourly if b.start >= t.fading.start for pk in b.ids][: stats.SAMPLE]
        items.append(Item(t.fading.start, "fading", _("Fading: under a quarter of the peak from %(hour)s on") % {
            "hour": timezone.localtime(t.fading.start).strftime("%m-%d %H:00")}, later))
    return items


def _event_item(event: Event, docs: QuerySet[Document]) -> Item:
    ids = list(docs.filter(event_id=event.key).order_by("published_at", "id").values_list("id", flat=True)[: stats.SAMPLE])
    return Item(event.first_seen, "event", _("Event %(title)s: %(size)d posts, %(growth).0f in its last hour, now %(state)s") % {
        "title": event.title or event.key, "size": event.size, "growth": event.growth_per_hour,
        "state": event.get_lifecycle_display()}, ids)


def for_incident(incident: Incident) -> tuple[DataTimeline, list[Item]]:
    """The data timeline and the full list (data, manual entries, actions, statements, state)."""
    data = build(evidence.documents(incident), evidence.events(incident))
    return data, sorted(data.items + people_items(incident), key=lambda item: item.at)


def people_items(incident: Incident) -> list[Item]:
    items = [Item(incident.opened_at, "opened", _("Incident opened (%(origin)s)") % {"origin": incident.get_origin_display()},
                  author=person_name(incident.opened_by))]
    if incident.responding_at:
        items.append(Item(incident.responding_at, "responding", _("Response started")))
    items += [Item(e.at, e.kind, e.text, author=person_name(e.author)) for e in incident.entries.select_related("author")]
    items += [Item(s.published_at, "statement", _("Statement by %(issuer)s on %(channel)s: %(text)s") % {
        "issuer": s.issuer, "channel": s.channel, "text": s.text}, author=person_name(s.recorded_by))
        for s in incident.statements.select_related("recorded_by")]
    if incident.closed_at:
        items.append(Item(incident.closed_at, "closed", _("Incident closed"), author=person_name(incident.closed_by)))
    return items

