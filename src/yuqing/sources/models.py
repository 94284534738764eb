"""Sources of public content, their collection runs, and the quarantine of refused records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuqing.failures import Failure, explain


class Source(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", _("RSS / Atom feed")
        PAGE = "page", _("Article page")
        SITE = "site", _("News site (list page)")
        FILE = "file", _("File import (JSONL / CSV / Excel)")
        RSSHUB = "rsshub", _("RSSHub route")
        UPLOAD = "upload", _("Uploaded file")
        PUSH = "push", _("Push API")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    url = models.CharField(_("URL or file path"), max_length=2000)
    site = models.CharField(_("site"), max_length=200, blank=True)
    schedule_minutes = models.PositiveIntegerField(_("collect every (minutes)"), default=30)
    enabled = models.BooleanField(_("enabled"), default=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    # Health, updated after every run.
    last_run_at = models.DateTimeField(null=True, blank=True)
    next_run_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("consecutive failures"), default=0)
    items_seen = models.PositiveBigIntegerField(_("items seen"), default=0)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.UniqueConstraint(fields=["kind", "url"], name="source_kind_url_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_server_file(self) -> bool:
        """Its URL is a path on the server (a file source, an upload): shown only to administrators."""
        return self.kind in (self.Kind.FILE, self.Kind.UPLOAD)

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0

    @property
    def health(self) -> str:
        if not self.enabled:
            return "disabled"
        if self.last_run_at is None:
            return "pending"
        return "ok" if self.consecutive_failures == 0 else "failing"

    @property
    def failure(self) -> Failure | None:
        """The last error, explained in the reader's language (yuqing.failures)."""
        return explain(self.last_error)

    @property
    def health_label(self) -> str:
        return str({"disabled": _("Disabled"), "pending": _("Not yet run"), "ok": _("OK"), "failing": _("Failing")}[self.health])


WEB_KINDS = ("feed", "page", "site", "rsshub")  # fetched over HTTP on a schedule
ADDED_BY_HAND = ("feed", "page", "site", "rsshub", "file")  # uploads and push sources are made by yuqing itself


class CollectionRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        OK = "ok", _("succeeded")
        FAILED = "failed", _("failed")
        INTERRUPTED = "interrupted", _("interrupted")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.RUNNING)
    items_new = models.PositiveIntegerField(default=0)
    items_duplicate = models.PositiveIntegerField(default=0)
    items_rejected = models.PositiveIntegerField(default=0)
    position = models.PositiveBigIntegerField(default=0, help_text="last input position committed")
    error = models.TextField(blank=True)

    @property
    def failure(self) -> Failure | None:
        return explain(self.error)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("collection run")
        verbose_name_plural = _("collection runs")


class QuarantinedRecord(models.Model):
    """An input record that could not be taken, kept with its reason for a person to see."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="quarantine")
    run = models.ForeignKey(CollectionRun, null=True, blank=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("reason"))
    where = models.CharField(_("where"), max_length=2000, blank=True)
    raw = models.TextField(_("raw input"))
    fingerprint = models.CharField(max_length=40, db_index=True, help_text="same record seen again is not added twice")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    @property
    def failure(self) -> Failure | None:
        """Why it was refused, in the reader's language (yuqing.failures)."""
        return explain(self.reason)

    @property
    def place(self) -> str:
        """Where in its input, in the reader's language: "line 3" is stored, 第 3 行 is shown in Chinese."""
        kind, _space, number = self.where.partition(" ")
        words = {"line": _("line %(n)s"), "item": _("item %(n)s"), "record": _("record %(n)s")}
        if kind in words and number.isdigit():
            return str(words[kind] % {"n": number})
        return str(_("the whole file")) if self.where == "file" else self.where

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quarantined record")
        verbose_name_plural = _("quarantine")


class ImportMapping(models.Model):
    """A named column mapping ({their header: our field}), saved on the import page for the next
    export of the same kind (`yuqing import --mapping NAME` uses it too)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    mapping = models.JSONField(_("mapping"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    """One import started on the import page: queued, run by the background worker, summarised."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("choosing columns")
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("finished")
        FAILED = "failed", _("failed")

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(_("file"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    run = models.ForeignKey(CollectionRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    total_rows = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    @property
    def failure(self) -> Failure | None:
        return explain(self.error)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")


class SiteName(models.Model):
    """The office's name for a site (人民网 for people.com.cn); it also names the site's subdomains."""

    domain = models.CharField(_("domain"), max_length=200, unique=True,
                              help_text=_("e.g. people.com.cn (covers www.people.com.cn and its other subdomains)"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("site name")
        verbose_name_plural = _("site names")

    def __str__(self) -> str:
        return f"{self.name} ({self.domain})"

    def save(self, *args, **kwargs) -> None:
        self.domain = self.domain.lower().strip().rstrip(".").removeprefix("www.")
        super().save(*args, **kwargs)
