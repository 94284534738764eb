"""Official releases (权威发布): what the office says publicly, published in signed versions.

A release is one statement of the office under a public title, attributed to the issuing body.
Its text is never edited once public: a correction is a new version with its reason, shown
publicly; a withdrawal is a last version with its reason, and the release stays listed. A version
becomes public when someone who may speak for the office signs it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

USER = settings.AUTH_USER_MODEL


class Release(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft, awaiting sign-off")
        PUBLISHED = "published", pgettext_lazy("release state", "Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    title = models.CharField(_("public title"), max_length=300,
                             help_text=_("the incident's title as the public may read it"))
    issuer = models.CharField(_("issued by"), max_length=200, help_text=_("the office or spokesperson it is attributed to"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True)
    incident = models.ForeignKey("incidents.Incident", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="releases", verbose_name=_("incident"))
    statement = models.ForeignKey("incidents.Statement", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="releases", verbose_name=_("statement"))
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("official release")
        verbose_name_plural = _("official releases")

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.state != self.State.DRAFT


class Version(models.Model):
    """One text of a release. Public once signed; an unsigned version is the pending draft."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", _("First release")
        CORRECTION = "correction", _("Correction")
        WITHDRAWAL = "withdrawal", _("Withdrawal")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.ORIGINAL)
    text = models.TextField(_("text"), blank=True)
    reason = models.TextField(_("reason (shown publicly)"), blank=True)
    drafted_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    drafted_at = models.DateTimeField(default=timezone.now)
    signed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("signed by"))
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["release", "number"], name="release_version_unique")]

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None
