"""The public pages: /releases/ (no login), one release, the Atom feed and the JSON feed."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from yuqing.releases import public
from yuqing.releases.public import PublicRelease

PUBLIC_CACHE = {"public": True, "max_age": 60}


@cache_control(**PUBLIC_CACHE)
def release_list(request: HttpRequest) -> HttpResponse:
    return render(request, "releases/public_list.html", {"releases": public.published()})


@cache_control(**PUBLIC_CACHE)
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = public.one(pk)
    if release is None:
        raise Http404
    return render(request, "releases/public_detail.html", {"release": release})


def _title(release: PublicRelease) -> str:
    if release.withdrawn:
        return _("%(title)s (withdrawn)") % {"title": release.title}
    return _("%(title)s (corrected)") % {"title": release.title} if release.corrected else release.title


def _notes(release: PublicRelease) -> list[str]:
    """The public notes of a release, newest first, as plain sentences."""
    notes = []
    for version in release.changes:
        values = {"n": version.number, "at": f"{timezone.localtime(version.at):%Y-%m-%d %H:%M}", "reason": version.reason}
        if version.kind == "withdrawal":
            notes.append(_("Withdrawn on %(at)s. Reason: %(reason)s") % values)
        else:
            notes.append(_("Corrected on %(at)s (version %(n)s). Reason: %(reason)s") % values)
    return notes


def _html(release: PublicRelease) -> str:
    notes = "".join(f"<p><strong>{escape(note)}</strong></p>" for note in _notes(release))
    return notes + linebreaks(release.text, autoescape=True)


@cache_control(**PUBLIC_CACHE)
def atom_feed(request: HttpRequest) -> HttpResponse:
    releases = public.published(limit=50)
    feed = Atom1Feed(title=_("Official releases"), link=request.build_absolute_uri(reverse("releases:list")),
                     description="", language=request.LANGUAGE_CODE,
                     feed_url=request.build_absolute_uri(reverse("releases:feed")))
    for release in releases:
        url = request.build_absolute_uri(reverse("releases:detail", args=[release.id]))
        feed.add_item(title=_title(release), link=url, unique_id=url, description=_html(release),
                      pubdate=release.published_at, updateddate=release.updated_at, author_name=release.issuer)
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@cache_control(**PUBLIC_CACHE)
def json_feed(request: HttpRequest) -> JsonResponse:
    """JSON Feed 1.1 (jsonfeed.org), with the versions and their public reasons under `_yuqing`."""
    items = []
    for release in public.published(limit=50):
        url = request.build_absolute_uri(reverse("releases:detail", args=[release.id]))
        items.append({
            "id": url, "url": url, "title": _title(release), "content_text": release.text,
            "summary": " ".join(_notes(release)), "date_published": release.published_at.isoformat(),
            "date_modified": release.updated_at.isoformat(), "authors": [{"name": release.issuer}],
            "_yuqing": {"withdrawn": release.withdrawn, "versions": [
                {"number": v.number, "kind": v.kind, "text": v.text, "reason": v.reason, "at": v.at.isoformat()}
                for v in release.versions]}})
    return JsonResponse({"version": "https://jsonfeed.org/version/1.1", "title": _("Official releases"),
                         "home_page_url": request.build_absolute_uri(reverse("releases:list")),
                         "feed_url": request.build_absolute_uri(reverse("releases:json")), "language": request.LANGUAGE_CODE,
                         "items": items}, json_dumps_params={"ensure_ascii": False})
