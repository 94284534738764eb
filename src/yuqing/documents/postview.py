"""A stored document seen as an analysis post (the dict the matcher and stages read)."""

from __future__ import annotations

from typing import Any

from yuqing.analysis.textindex import normalizer


# What base_post and posts_for read of a document: the analysis loads only these (a Document has
# some forty columns; building them all took half the time of loading a batch).
POST_FIELDS = ("id", "text", "title", "published_at", "url", "site", "author", "source_id", "source__name",
               "language", "ip_location", "parent_ref")


def base_post(doc) -> dict[str, Any]:
    return {
        "id": str(doc.pk),  # unique across sources; duplicate_of / story / event refer to it
        "doc_pk": doc.pk,
        "text": doc.text or "",
        "title": doc.title or "",
        "created_at": doc.published_at.timestamp() if doc.published_at else None,
        "url": doc.url or "",
        "site": doc.site or "",
        "author": doc.author or "",
        "source": doc.source.name if doc.source_id and doc.source else "",
        "lang": doc.language or "",  # the source's declared language wins over the guess
        "ip_location": doc.ip_location or "",
    }


def posts_for(docs) -> list[dict[str, Any]]:
    """Posts for a batch of documents, with `parent_id` resolved to the parent's post id.

    Post ids are document primary keys; a parent named by the source's id is looked up in the
    same scope the store de-duplicates by (site and id), or, for a parent stored under its URL
    (a platform post whose comments name it by id), by site and id. A parent not stored (yet)
    keeps a stable placeholder id, so replies to it still share one story."""
    posts = [base_post(doc) for doc in docs]
    refs = {doc.pk: parent_ref(doc) for doc in docs if doc.parent_ref}
    found = parent_ids(list(refs.values()))
    for doc, post in zip(docs, posts):
        if doc.pk in refs:
            key = refs[doc.pk][2]
            post["parent_id"] = str(found[key]) if found.get(key) else f"ref:{key[2:14]}"
    return posts


def parent_ref(doc) -> tuple[str, str, str]:
    """(site, external id, id key) of the parent a document names, as parent_ids looks it up."""
    from yuqing.documents.store import id_key

    return doc.site, doc.parent_ref, id_key(doc.site, doc.parent_ref, doc.source)


def parent_ids(refs: list[tuple[str, str, str]]) -> dict[str, int]:
    """(site, external id, id key) of parents -> their document pk, by key first, then by site and id."""
    from yuqing.documents.models import Document

    found = dict(Document.objects.filter(dedup_key__in={key for _, _, key in refs}).values_list("dedup_key", "id"))
    missing: dict[str, dict[str, str]] = {}  # site -> {ref: key}
    for site, ref, key in refs:
        if key not in found and site:
            missing.setdefault(site, {})[ref] = key
    for site, wanted in missing.items():  # one IN per site: a long OR chain would pass SQLite's expression depth
        rows = Document.objects.filter(site=site, external_id__in=list(wanted)).values_list("external_id", "id")
        found.update({wanted[ref]: pk for ref, pk in rows})
    return found


def post_for_matching(doc) -> dict[str, Any]:
    norm = normalizer()
    post = base_post(doc)
    post.update(
        text_norm=norm(post["text"]),
        title_norm=norm(post["title"]),
        places=doc.places or [],
        sentiment={"label": doc.sentiment} if doc.sentiment else None,
        platform=doc.platform or "",
        ip_place={"code": doc.ip_province} if doc.ip_province else None,
        risk={"label": doc.risk, "type": doc.risk_type or None} if doc.risk is not None else None,
    )
    return post
