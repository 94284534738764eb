"""From documents to a submission: the writing form opens with their text and links filled in."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from yuqing.units.access import member_units

MAX_DOCUMENTS = 10


def can_write(user) -> bool:
    return member_units(user).exists()


def start(actor, documents: list, target: str) -> tuple[str, str]:
    ids = ",".join(str(doc.pk) for doc in documents[:MAX_DOCUMENTS])
    return "", reverse("submissions:create") + "?" + urlencode({"documents": ids})


def from_documents(user, param: str) -> list:
    """The documents named in ?documents=1,2,3 (as many as a start may carry)."""
    from yuqing.documents.models import Document

    ids = [int(i) for i in param.split(",") if i.strip().isdigit()][:MAX_DOCUMENTS]
    found = Document.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def initial(documents: list) -> dict:
    """The writing form filled from the documents: the first one's title, each text with where it came from."""
    from django.utils import timezone
    from django.utils.translation import gettext as _

    from yuqing.sources.site_names import office_names, site_name

    names, parts = office_names(), []
    for doc in documents:
        when = timezone.localtime(doc.published_at).strftime("%Y-%m-%d %H:%M")
        origin = _("Source: %(site)s, %(author)s, %(time)s") % {"site": site_name(doc.site, names) or "—",
                                                                  "author": doc.author or "—", "time": when}
        parts.append("\n".join(p for p in (doc.title, doc.text.strip(), origin, doc.url) if p))
    first = documents[0]
    places = [p.get("name", "") for p in first.places or [] if p.get("name")]
    return {"title": first.display_title[:300], "body": "\n\n".join(parts), "event_place": places[0] if places else ""}


def link_documents(actor, item, documents: list) -> None:
    from yuqing.submissions.links import add_link

    for doc in documents:
        add_link(actor, item, kind="document", ref=str(doc.pk))
