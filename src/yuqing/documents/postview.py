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
