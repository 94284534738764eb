"""Collected documents. The search index lives beside this table (see documents.index)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    source = models.ForeignKey(
        "sources.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    # One row per item: "u:<sha1 of canonical url>" or "i:<sha1 of site|external id>".
    dedup_key = models.CharField(max_length=42, unique=True)
    external_id = models.CharField(max_length=200, blank=True)
    url = models.CharField(_("URL"), max_length=2000, blank=True)
    site = models.CharField(_("site"), max_length=200, blank=True, db_index=True)
    title = models.TextField(_("title"), blank=True)
    text = models.TextField(_("text"), blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    published_known = models.BooleanField(default=True)
    collected_at = models.DateTimeField(_("collected"), default=timezone.now)
    language = models.CharField(_("language"), max_length=16, blank=True)
    content_hash = models.CharField(max_length=40, blank=True, db_index=True)
    reposts = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    likes = models.PositiveIntegerField(default=0)
    raw = models.JSONField(default=dict, blank=True)
    # Place in a conversation (Weibo reposts/comments): the source's ids of the post answered
    # and of the thread's original.
    kind = models.CharField(max_length=10, blank=True)
    parent_ref = models.CharField(max_length=200, blank=True)
    root_ref = models.CharField(max_length=200, blank=True)

    # Written by the analysis pipeline.
    analyzed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    analysis_versions = models.JSONField(default=dict, blank=True)
    sentiment = models.CharField(_("sentiment"), max_length=10, blank=True, db_index=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    places = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    event_id = models.CharField(max_length=64, blank=True, db_index=True)
    duplicate_of = models.CharField(max_length=200, blank=True)
    story_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["source", "-published_at"], name="doc_source_time")]

    def __str__(self) -> str:
        return self.title or self.text[:40]

    @property
    def display_title(self) -> str:
        return self.title or (self.text[:60] + ("…" if len(self.text) > 60 else ""))


class DocumentPlace(models.Model):
    """One resolved place of a document, so `place:` filters use an index on the code prefix."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="place_rows")
    code = models.CharField(max_length=12, db_index=True)
    level = models.CharField(max_length=10)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="document_place_unique")]


class Event(models.Model):
    """An event (cluster of posts about one happening), as the clustering stage last saw it."""

    class Lifecycle(models.TextChoices):
        EMERGING = "emerging", _("emerging")
        PEAKING = "peaking", _("peaking")
        FADING = "fading", _("fading")

    key = models.CharField(max_length=64, unique=True)
    title = models.TextField(_("title"), blank=True)
    keywords = models.JSONField(default=list, blank=True)
    first_seen = models.DateTimeField(_("first seen"), db_index=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)
    size = models.PositiveIntegerField(_("posts"), default=0)
    growth_per_hour = models.FloatField(_("posts in the last hour"), default=0)
    lifecycle = models.CharField(_("lifecycle"), max_length=10, choices=Lifecycle.choices, default=Lifecycle.EMERGING)
    merged_into = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title or self.key
