"""What the public may read of a release, and nothing else.

Every public output (the page, the Atom feed, the JSON feed) is built from `PublicRelease`, which
carries only signed versions and the fields meant for the public: the public title, the issuing
body, times, texts and the reasons of corrections and withdrawals. No drafts, no internal notes,
no incident details, no names of staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from yuqing.releases.access import public_releases
from yuqing.releases.models import Release, Version


@dataclass
class PublicVersion:
    number: int
    kind: str
    kind_label: str
    text: str
    reason: str
    at: datetime


@dataclass
class PublicRelease:
    id: int
    title: str
    issuer: str
    withdrawn: bool
    published_at: datetime
    updated_at: datetime
    text: str  # the text in force (for a withdrawn release: the last one published)
    versions: list[PublicVersion] = field(default_factory=list)  # newest first

    @property
    def changes(self) -> list[PublicVersion]:
        """Corrections and the withdrawal, newest first: the public notes."""
        return [v for v in self.versions if v.kind != Version.Kind.ORIGINAL]

    @property
    def corrected(self) -> bool:
        return any(v.kind == Version.Kind.CORRECTION for v in self.versions)


def _signed() -> Prefetch:
    return Prefetch("versions", queryset=Version.objects.exclude(signed_at=None).order_by("-number"), to_attr="signed")


def view(release: Release) -> PublicRelease:
    versions = [PublicVersion(v.number, v.kind, str(v.get_kind_display()), v.text, v.reason, v.signed_at)
                for v in release.signed]
    texts = [v.text for v in versions if v.kind != Version.Kind.WITHDRAWAL]
    return PublicRelease(id=release.pk, title=release.title, issuer=release.issuer,
                         withdrawn=release.state == Release.State.WITHDRAWN, published_at=release.published_at,
                         updated_at=release.updated_at, text=texts[0] if texts else "", versions=versions)


def published(limit: int = 200) -> list[PublicRelease]:
    """Newest first (by first publication)."""
    return [view(r) for r in public_releases().prefetch_related(_signed()).order_by("-published_at", "-id")[:limit]]


def one(pk: int) -> PublicRelease | None:
    release = public_releases().prefetch_related(_signed()).filter(pk=pk).first()
    return view(release) if release else None
