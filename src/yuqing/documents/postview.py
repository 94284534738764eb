"""A stored document seen as an analysis post (the dict the matcher and stages read)."""

from __future__ import annotations

from typing import Any

from yuqing.analysis.textindex import normalizer


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
    }


def posts_for(docs) -> list[dict[str, Any]]:
    """Posts for a batch of documents, with `parent_id` resolved to the parent's post id.

    Post ids are document primary keys; a parent named by the source's id is looked up in the
    same scope the store de-duplicates by (site and id). A parent not stored (yet) keeps a
    stable placeholder id, so reposts of it still share one story."""
    from yuqing.documents.models import Document
    from yuqing.documents.store import id_key

    posts = [base_post(doc) for doc in docs]
    keys = {doc.pk: id_key(doc.site, doc.parent_ref, doc.source) for doc in docs if doc.parent_ref}
    found = dict(Document.objects.filter(dedup_key__in=set(keys.values())).values_list("dedup_key", "id"))
    for doc, post in zip(docs, posts):
        if doc.pk in keys:
            pk = found.get(keys[doc.pk])
            post["parent_id"] = str(pk) if pk else f"ref:{keys[doc.pk][2:14]}"
    return posts


def post_for_matching(doc) -> dict[str, Any]:
    norm = normalizer()
    post = base_post(doc)
    post.update(
        text_norm=norm(post["text"]),
        title_norm=norm(post["title"]),
        places=doc.places or [],
        sentiment={"label": doc.sentiment} if doc.sentiment else None,
    )
    return post
