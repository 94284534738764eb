"""The special report (专报) of one incident: facts, volume, timeline, spread, key posts, the office's
statements and actions, and the closing summary. Data sentences cite stored documents; what people
recorded (statements, actions, lessons) links to the incident's record instead.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from yuqing.accounts.people import person_name
from yuqing.briefings.content import Builder
from yuqing.incidents import evidence, stats, timeline
from yuqing.incidents.models import Incident
from yuqing.sources.site_names import office_names, site_name


def _when(value) -> str:
    return timezone.localtime(value).strftime("%m-%d %H:%M") if value else "—"


def build(incident: Incident, base_url: str, title: str) -> dict:
    data, items = timeline.for_incident(incident)
    docs = evidence.documents(incident)
    record = f"{base_url.rstrip('/')}/incidents/{incident.pk}/"
    b = Builder(base_url)
    _facts(b, incident, data, docs, record)
    _volume(b, data)
    _timeline(b, items, record)
    _spread(b, data)
    _key_posts(b, data)
    _people(b, incident, record)
    if incident.summary:
        _summary(b, incident.summary, record)
    since = data.first.published_at if data.first else incident.opened_at
    until = incident.closed_at or timezone.now()
    return b.finish(title=title, kind="special", generated_at=timezone.now().isoformat(),
                    period={"since": since.isoformat(), "until": until.isoformat(),
                            "label": f"{_when(since)} – {_when(until)}"},
                    scope={"incident": incident.pk, "incident_title": incident.title, "record": record})


def _facts(b: Builder, incident: Incident, data: timeline.DataTimeline, docs, record: str) -> None:
    reach = stats.reach(docs)
    paras = [b.para(_("Incident %(title)s, severity %(severity)s, %(state)s; opened %(origin)s at %(opened)s.") % {
        "title": f"“{incident.title}”", "severity": incident.get_severity_display(), "state": incident.get_state_display(),
        "origin": incident.get_origin_display(), "opened": _when(incident.opened_at)}, [], record)]
    if data.first:
        paras.append(b.para(_("It first appeared at %(time)s on %(site)s (%(author)s): %(text)s") % {
            "time": _when(data.first.published_at), "site": site_name(data.first.site) or "—", "author": data.first.author or "—",
            "text": timeline.snippet(data.first, 80)}, [data.first.pk]))
        paras.append(b.para(_("%(n)d posts on %(sites)d sites by %(authors)d authors, reposted %(reposts)d times and commented %(comments)d times.") % {
            "n": reach["documents"], "sites": reach["sites"], "authors": reach["authors"], "reposts": reach["reposts"],
            "comments": reach["comments"]}, [d.pk for d in data.most_reposted], record))
    if incident.description:
        paras.append(b.para(incident.description, [], record))
    b.section("facts", _("The incident"), paras)


def _volume(b: Builder, data: timeline.DataTimeline) -> None:
    chart = b.chart("volume", "bar", _("Posts per hour"), [timezone.localtime(x.start).strftime("%m-%d %H:00") for x in data.hourly],
                    [x.count for x in data.hourly]) if data.hourly else None
    paras = []
    if data.peak:
        paras.append(b.para(_("Volume peaked at %(when)s with %(n)d posts in one hour.") % {
            "when": timezone.localtime(data.peak.start).strftime("%m-%d %H:00"), "n": data.peak.count}, data.peak.ids))
    if data.fading:
        paras.append(b.para(_("From %(when)s on it stayed under a quarter of the peak.") % {
            "when": timezone.localtime(data.fading.start).strftime("%m-%d %H:00")}, data.fading.ids))
    b.section("volume", _("Volume per hour"), paras, chart=chart)


def _timeline(b: Builder, items: list[timeline.Item], record: str) -> None:
    rows = [b.row([_when(item.at), item.text + (f" ({item.author})" if item.author else "")], item.ids, "" if item.ids else record)
            for item in items]
    b.section("timeline", _("Timeline"), [], {"columns": [_("Time"), _("What happened")], "rows": rows})


def _spread(b: Builder, data: timeline.DataTimeline) -> None:
    names = office_names()
    rows = [b.row([site_name(s.label, names), _("site"), s.count, _when(s.first_at)], s.ids[:1]) for s in data.sites[:10]]
    rows += [b.row([s.label, _("place"), s.count, _when(s.first_at)], s.ids[:1]) for s in (data.provinces[:6] + data.cities[:6])]
    b.section("spread", _("Spread across sites and places"), [],
              {"columns": [pgettext("a report column", "Where"), _("Kind"), _("Posts"), _("First post")], "rows": rows} if rows else None)


def _key_posts(b: Builder, data: timeline.DataTimeline) -> None:
    chosen = {d.pk: (d, _("most reposted")) for d in data.most_reposted}
    for d in data.official:
        chosen.setdefault(d.pk, (d, _("official-looking account")))
    paras = [b.para(_("%(why)s: %(author)s on %(site)s at %(time)s (%(reposts)d reposts): %(text)s") % {
        "why": why, "author": d.author or "—", "site": site_name(d.site) or "—", "time": _when(d.published_at),
        "reposts": d.reposts, "text": timeline.snippet(d, 80)}, [d.pk]) for d, why in chosen.values()]
    b.section("key_posts", _("Key posts"), paras or [b.para(_("None."))])


def _people(b: Builder, incident: Incident, record: str) -> None:
    statements = [b.para(_("%(time)s, %(issuer)s (%(channel)s): %(text)s") % {
        "time": _when(s.published_at), "issuer": s.issuer, "channel": s.channel, "text": s.text}, [], record)
        for s in incident.statements.all()]
    b.section("statements", _("Official statements"), statements or [b.para(_("None."), [], record)])
    tasks = [b.row([t.title, person_name(t.owner) or "—", _when(t.due_at), _when(t.done_at)], [], record)
             for t in incident.tasks.select_related("owner")]
    actions = [b.para(f"{_when(e.at)} {e.text} ({person_name(e.author) or '—'})", [], record)
               for e in incident.entries.filter(kind="action").select_related("author")]
    b.section("response", _("Response: tasks and actions"), actions,
              {"columns": [_("Task"), pgettext("a task", "Owner"), _("Due"), _("Done")], "rows": tasks} if tasks else None)


def _summary(b: Builder, s: dict, record: str) -> None:
    reach, peak = s.get("reach") or {}, s.get("peak") or {}
    paras = [b.para(_("Open for %(hours)s hours; %(span)s hours from the first post to the close.") % {
        "hours": s.get("duration_hours"), "span": s.get("span_hours")}, [s["first_post_id"]] if s.get("first_post_id") else [], record)]
    if peak:
        paras.append(b.para(_("Peak: %(n)d posts in the hour from %(when)s.") % {"n": peak["count"], "when": peak.get("label", "")},
                            peak.get("ids", [])))
    paras.append(b.para(_("Reach: %(n)d posts on %(sites)d sites in %(provinces)d provinces; %(reposts)d reposts.") % {
        "n": reach.get("documents", 0), "sites": reach.get("sites", 0), "provinces": reach.get("provinces", 0),
        "reposts": reach.get("reposts", 0)}, s.get("sample_ids", []), record))
    if s.get("lessons"):
        paras.append(b.para(_("Lessons: %(text)s") % {"text": s["lessons"]}, [], record))
    b.section("summary", _("Summary at the close"), paras)
