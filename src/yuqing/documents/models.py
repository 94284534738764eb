"""Collected documents. The search index lives beside this table (see documents.index)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    GOVERNMENT = "government", _("government")
    MEDIA = "media", _("media")
    ENTERPRISE = "enterprise", _("enterprise or organisation")
    INDIVIDUAL = "individual", _("individual")


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
    views = models.PositiveBigIntegerField(default=0)
    # Who posted where, when the platform says so (see yuqing.text.fields).
    platform = models.CharField(_("platform"), max_length=20, blank=True, db_index=True)
    account_kind = models.CharField(_("account kind"), max_length=12, blank=True, choices=AccountKind.choices)
    ip_location = models.CharField(_("IP location"), max_length=50, blank=True)
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
    # The risk stage (docs/model-card-risk.md): 1 a negative public matter an office watches, 0 not,
    # null before analysis; its 突发事件 type; the terms that weighed most toward risk.
    risk = models.PositiveSmallIntegerField(_("risk"), null=True, blank=True, db_index=True)
    risk_score = models.FloatField(null=True, blank=True)
    risk_type = models.CharField(_("incident type"), max_length=8, blank=True, db_index=True)
    risk_why = models.JSONField(default=list, blank=True)
    places = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    event_id = models.CharField(max_length=64, blank=True, db_index=True)
    duplicate_of = models.CharField(max_length=200, blank=True)
    story_id = models.CharField(max_length=200, blank=True)  # empty: the document is its own story
    # The province of the poster's IP 属地 (division code), a signal apart from `places`.
    ip_province = models.CharField(max_length=12, blank=True, db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(fields=["source", "-published_at"], name="doc_source_time"),
            models.Index(fields=["site", "root_ref"], name="doc_thread"),  # a post's comments
            models.Index(fields=["site", "external_id"], name="doc_site_id"),  # a comment's parent
            # a story's copies and reposts, for search's folding (documents.folding); originals have none
            models.Index(fields=["story_id"], name="doc_story", condition=Q(story_id__gt="")),
        ]

    def __str__(self) -> str:
        return self.title or self.text[:40]

    @property
    def display_title(self) -> str:
        return self.title or (self.text[:60] + ("…" if len(self.text) > 60 else ""))


class EngagementSnapshot(models.Model):
    """A document's counts as seen at one collection time, so growth can be charted.

    A snapshot is written when a document is first stored with counts, and whenever it is
    collected again with different counts."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="engagement_history")
    at = models.DateTimeField(_("collected"), default=timezone.now)
    likes = models.PositiveBigIntegerField(default=0)
    comments = models.PositiveBigIntegerField(default=0)
    reposts = models.PositiveBigIntegerField(default=0)
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["document", "at"]
        indexes = [models.Index(fields=["document", "at"], name="engagement_doc_time")]


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
    merged_into = models.CharField(max_length=64, blank=True, db_index=True)  # an incident gathers its merged events

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title or self.key


class LabelCorrection(models.Model):
    """A person's correction of a document's sentiment, risk or 突发事件 type (documents.corrections).

    Empty / null fields were not corrected. The latest correction of each label wins over the
    pipeline's, also when the document is analysed again; `was` keeps what it replaced."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="corrections")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    sentiment = models.CharField(_("sentiment"), max_length=10, blank=True)
    risk = models.PositiveSmallIntegerField(_("risk"), null=True, blank=True)
    risk_type = models.CharField(_("incident type"), max_length=8, blank=True)
    note = models.TextField(_("note"), blank=True)
    was = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("label correction")
        verbose_name_plural = _("label corrections")


class DocumentMark(models.Model):
    """One person's marks on a document: read (when), important (starred). Private to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_marks")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="marks")
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    important = models.BooleanField(_("important"), default=False, db_index=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "document"], name="document_mark_unique")]


class AnalysisBatch(models.Model):
    """One batch the analysis owner wrote, in order: with the latest checkpoint, the batches after
    it are replayed (same posts, same order, same boundaries) to rebuild the owner's state exactly."""

    epoch = models.PositiveBigIntegerField()
    document_ids = models.JSONField()
    parents = models.JSONField(default=dict)  # post id -> the parent id it was given then (its parent may be stored since)
    created_at = models.DateTimeField(default=timezone.now)


class AnalysisCheckpoint(models.Model):
    """The analysis owner's state (dedup and event windows, learnt frequencies) after batch `batch_id`,
    pickled and compressed; written in that batch's transaction, so the two always agree."""

    batch_id = models.PositiveBigIntegerField()
    versions = models.JSONField()
    state = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)


class PreparedPosts(models.Model):
    """The stateless stages' results for documents the analysis owner will take next, computed by
    another worker (documents.ahead): pickled and compressed, keyed by the task that asked for them.
    The owner uses a post's results only if its stage versions and text are those it would run on."""

    key = models.CharField(max_length=80, unique=True)
    versions = models.JSONField()
    posts = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
