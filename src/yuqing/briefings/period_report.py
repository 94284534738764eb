"""Daily, weekly and monthly briefings over a period, for everything, a scheme, or a place.

Sections: overview, volume trend, sentiment split, risk posts by 突发事件 type, top events (those
shown, ranked by documents.event_rank: the office's area, its schemes, risk posts, size), sources, places, key posts, incidents and their
state. "Negative" is what the office counts as negative (documents.negative: by default negative
emotion or a risk post). Each sentence and table row cites stored documents; each count also
links to the document search that lists exactly what was counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from yuqing.briefings.citations import search_link
from yuqing.briefings.content import Builder, percent
from yuqing.analysis.risk_features import TYPES
from yuqing.documents.labels import SENTIMENTS
from yuqing.documents.event_rank import min_authors, ranked
from yuqing.documents.models import Document, DocumentPlace, Event
from yuqing.documents.negative import description, negative_filter, negative_query
from yuqing.incidents import stats
from yuqing.incidents.timeline import snippet
from yuqing.sources.site_names import office_names, site_name


@dataclass
class Scope:
    kind: str
    since: datetime
    until: datetime
    label: str
    scheme_id: int | None = None
    place_code: str = ""

    def documents(self) -> tuple[QuerySet[Document], str]:
        """The documents in scope, and the rule-language query that finds the same set."""
        docs = Document.objects.filter(published_at__gte=self.since, published_at__lt=self.until)
        parts = []
        if self.scheme_id:
            expression = _scheme_expression(self.scheme_id)
            from yuqing.documents.search import SearchFilters, search

            found = search(expression, SearchFilters(self.since, self.until), limit=1_000_000).documents
            docs = docs.filter(pk__in=[d.pk for d in found])
            parts.append(f"({expression})")
        if self.place_code:
            docs = docs.filter(pk__in=DocumentPlace.objects.filter(code__startswith=self.place_code).values("document_id"))
            parts.append(f"place:{self.place_code}")
        return docs, " AND ".join(parts)


def _scheme_expression(scheme_id: int) -> str:
    from yuqing.monitoring.models import Scheme

    return Scheme.objects.get(pk=scheme_id).expression


def _and(query: str, extra: str) -> str:
    return f"{query} AND {extra}" if query else extra


def build(scope: Scope, base_url: str, title: str) -> dict:
    docs, query = scope.documents()
    b = Builder(base_url)
    link = search_link(base_url, query, scope.since, scope.until)
    shares = stats.sentiments(docs)
    events = _top_events(docs)
    _overview(b, docs, scope, query, events)
    _volume(b, docs, scope, link)
    _sentiment(b, docs, shares, query, scope)
    _risk(b, docs, query, scope)
    _events(b, docs, events)
    _sources(b, docs, query, scope)
    _places(b, docs, query, scope)
    _key_posts(b, docs)
    _incidents(b, scope)
    return b.finish(title=title, kind=scope.kind, generated_at=timezone.now().isoformat(),
                    period={"since": scope.since.isoformat(), "until": scope.until.isoformat(), "label": scope.label},
                    scope={"scheme_id": scope.scheme_id, "place_code": scope.place_code, "query": query})


def _sample(docs: QuerySet[Document]) -> list[int]:
    return list(docs.order_by("-reposts", "-comments", "published_at").values_list("id", flat=True)[:3])


def _overview(b: Builder, docs, scope: Scope, query: str, events: list[dict]) -> None:
    reach = stats.reach(docs)
    link = search_link(b.base_url, query, scope.since, scope.until)
    paras = [b.para(_("%(n)d posts were collected in the period, on %(sites)d sites, by %(authors)d authors.") % {
        "n": reach["documents"], "sites": reach["sites"], "authors": reach["authors"]}, _sample(docs), link)]
    negative = docs.filter(negative_filter())
    count = negative.count()
    if count:
        paras.append(b.para(_("%(n)d of them (%(share)s) were negative (%(means)s).") % {
            "n": count, "share": percent(count, reach["documents"]), "means": description()}, _sample(negative),
            search_link(b.base_url, _and(query, negative_query()), scope.since, scope.until)))
    if events:
        top = events[0]
        paras.append(b.para(_("The first of the period's events was %(title)s, with %(n)d posts.") % {
            "title": f"“{top['title']}”", "n": top["count"]}, top["ids"]))
    if not reach["documents"]:
        paras = [b.para(_("No posts were collected in the period."), [], link)]
    b.section("overview", pgettext("a briefing section", "Overview"), paras)


def _volume(b: Builder, docs, scope: Scope, link: str) -> None:
    step = timedelta(hours=1) if scope.kind == "daily" else timedelta(days=1)
    buckets = stats.series(docs, step, scope.since, scope.until)
    fmt = "%H:00" if scope.kind == "daily" else "%m-%d"
    labels = [timezone.localtime(x.start).strftime(fmt) for x in buckets]
    chart = b.chart("volume", "line", _("Posts per hour") if scope.kind == "daily" else _("Posts per day"),
                    labels, [x.count for x in buckets])
    top = stats.peak(buckets)
    paras = []
    if top:
        paras.append(b.para(_("Volume peaked at %(when)s with %(n)d posts.") % {
            "when": timezone.localtime(top.start).strftime("%m-%d %H:00" if scope.kind == "daily" else "%m-%d"),
            "n": top.count}, top.ids, link))
    b.section("volume", _("Volume trend"), paras, chart=chart)


def _sentiment(b: Builder, docs, shares: list[stats.Share], query: str, scope: Scope) -> None:
    total = sum(s.count for s in shares)
    words = {**{key: str(label) for key, label in SENTIMENTS.items()}, "unknown": _("not analysed")}
    rows = [b.row([words[s.key], s.count, percent(s.count, total)], s.ids,
                  search_link(b.base_url, _and(query, f"sentiment:{s.key}"), scope.since, scope.until) if s.key != "unknown" else "")
            for s in shares]
    chart = b.chart("sentiment", "pie", _("Sentiment split"), [words[s.key] for s in shares], [s.count for s in shares],
                    [s.key for s in shares])
    b.section("sentiment", _("Sentiment split"), [], {"columns": [_("Sentiment"), _("Posts"), _("Share")], "rows": rows},
              chart=chart if any(s.key != "unknown" for s in shares) else None)


def _risk(b: Builder, docs, query: str, scope: Scope) -> None:
    """Risk posts (the risk stage's label) per 突发事件 type, each count linked to its search."""
    risky = docs.filter(risk=1)
    counts = dict(risky.values_list("risk_type").annotate(n=Count("id")).values_list("risk_type", "n"))
    total, everything = sum(counts.values()), docs.count()
    if not total:
        b.section("risk", _("Risk posts"), [b.para(_("No risk post in the period."))])
        return
    paras = [b.para(_("%(n)d risk posts (%(share)s): accidents, disasters, public health, public security and other matters the office watches.") % {
        "n": total, "share": percent(total, everything)}, _sample(risky),
        search_link(b.base_url, _and(query, "risk:1"), scope.since, scope.until))]
    rows = [b.row([kind, counts[kind], percent(counts[kind], total)], _sample(risky.filter(risk_type=kind)),
                  search_link(b.base_url, _and(query, f"risk:1 type:{kind}"), scope.since, scope.until))
            for kind in TYPES if counts.get(kind)]
    chart = b.chart("risk", "pie", _("Risk posts by type"), [kind for kind in TYPES if counts.get(kind)],
                    [counts[kind] for kind in TYPES if counts.get(kind)])
    b.section("risk", _("Risk posts"), paras, {"columns": [_("Incident type"), _("Posts"), _("Share")], "rows": rows}, chart=chart)


def _top_events(docs, limit: int = 8) -> list[dict]:
    """The period's events that are shown, ranked (documents.event_rank: the office's area and schemes first)."""
    found = ranked(docs, limit)
    info = {e.key: e for e in Event.objects.filter(key__in=[f.key for f in found])}
    out = []
    for f in found:
        in_event = docs.filter(event_id=f.key)
        event = info.get(f.key)
        first = in_event.order_by("published_at", "id").values_list("id", flat=True).first()
        out.append({"key": f.key, "title": (event.title if event else "") or snippet(in_event.first()), "count": f.posts,
                    "risk": f.risk_posts, "authors": f.authors,
                    "first": f.first, "lifecycle": event.get_lifecycle_display() if event else "—",
                    "ids": [first] + _sample(in_event)})
    return out


def _events(b: Builder, docs, events: list[dict]) -> None:
    rows = [b.row([e["title"], e["count"], e["authors"], e["risk"], timezone.localtime(e["first"]).strftime("%m-%d %H:%M"),
                   e["lifecycle"]], e["ids"]) for e in events]
    empty = ngettext("No event told by at least %(n)d author in the period.",
                     "No event told by at least %(n)d authors in the period.", min_authors()) % {"n": min_authors()}
    b.section("events", _("Top events"), [] if rows else [b.para(empty)],
              {"columns": [_("Event"), _("Posts"), _("Authors"), _("Risk posts"), _("First post"), _("Lifecycle")],
               "rows": rows} if rows else None)


def _sources(b: Builder, docs, query: str, scope: Scope) -> None:
    total, names = docs.count(), office_names()
    rows = [b.row([site_name(s.label, names), s.count, percent(s.count, total)], s.ids,
                  search_link(b.base_url, _and(query, f"site:{s.key}"), scope.since, scope.until) if s.key else "")
            for s in stats.sites(docs, 10)]
    b.section("sources", pgettext("a briefing section", "Sources"), [], {"columns": [_("Site"), _("Posts"), _("Share")], "rows": rows} if rows else None)


def _places(b: Builder, docs, query: str, scope: Scope) -> None:
    rows = []
    for level, word in (("province", _("province")), ("city", _("city"))):
        rows += [b.row([s.label, word, s.count], s.ids,
                       search_link(b.base_url, _and(query, f"place:{s.key}"), scope.since, scope.until))
                 for s in stats.places(docs, level, 8)]
    b.section("places", _("Places"), [] if rows else [b.para(_("No place was named in the period's posts."))],
              {"columns": [_("Place"), _("Level"), _("Posts")], "rows": rows} if rows else None)


def _key_posts(b: Builder, docs) -> None:
    chosen = {d.pk: (d, _("most reposted")) for d in stats.most_reposted(docs, 5)}
    for d in docs.filter(negative_filter()).order_by("-reposts", "-comments", "published_at")[:3]:
        chosen.setdefault(d.pk, (d, _("negative, much shared")))
    for d in stats.official_posts(docs, 3):
        chosen.setdefault(d.pk, (d, _("official-looking account")))
    paras = [b.para(_("%(why)s: %(author)s on %(site)s at %(time)s (%(reposts)d reposts): %(text)s") % {
        "why": why, "author": d.author or "—", "site": site_name(d.site) or "—", "reposts": d.reposts,
        "time": timezone.localtime(d.published_at).strftime("%m-%d %H:%M"), "text": snippet(d, 80)}, [d.pk])
        for d, why in chosen.values()]
    b.section("key_posts", _("Key posts"), paras or [b.para(_("None."))])


def _incidents(b: Builder, scope: Scope) -> None:
    from yuqing.incidents import evidence
    from yuqing.incidents.models import Incident

    open_then = Incident.objects.filter(opened_at__lt=scope.until).exclude(closed_at__lt=scope.since)
    rows = []
    for incident in open_then.order_by("-opened_at")[:20]:
        docs = evidence.documents(incident)
        link = f"{b.base_url.rstrip('/')}/incidents/{incident.pk}/"
        rows.append(b.row([incident.title, incident.get_severity_display(), incident.get_state_display(),
                           timezone.localtime(incident.opened_at).strftime("%m-%d %H:%M"), docs.count()],
                          list(docs.order_by("published_at", "id").values_list("id", flat=True)[:1]) + _sample(docs), link))
    b.section("incidents", _("Incidents"), [] if rows else [b.para(_("No incident was open in the period."))],
              {"columns": [_("Incident"), _("Severity"), _("State"), _("Opened"), _("Posts")], "rows": rows} if rows else None)
