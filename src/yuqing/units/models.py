"""The office's organisation: units in a tree, who belongs where, the officer roster, trainings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Unit(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        COUNTY = "county", _("County / district")
        TOWNSHIP = "township", _("Township / street")
        DEPARTMENT = "department", _("City department")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent unit"))
    # "/<id>/<id>/" from the root: a unit's subtree is one indexed prefix query.
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    head = models.CharField(_("head"), max_length=100, blank=True)
    head_phone = models.CharField(_("head's phone"), max_length=50, blank=True)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["path", "position", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(0, self.path.count("/") - 2)

    def subtree(self) -> models.QuerySet["Unit"]:
        return Unit.objects.filter(path__startswith=self.path)


class Membership(models.Model):
    """Which unit a user works for: the one link that unit-scoped visibility reads."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="unit_membership")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="members", verbose_name=_("unit"))

    class Meta:
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit}"


class Officer(models.Model):
    """An information officer's file (档案)."""

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("officer status", "Active")
        SUSPENDED = "suspended", _("Suspended")
        LEFT = "left", _("Left the post")

    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officers", verbose_name=_("unit"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="officer", verbose_name=_("login account"))
    post = models.CharField(_("post"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    full_time = models.BooleanField(_("full-time officer"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("information officer")
        verbose_name_plural = _("information officers")

    def __str__(self) -> str:
        return self.name


class OfficerChange(models.Model):
    """One change to an officer's file: {field: [old, new]}, who and when."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]


class Training(models.Model):
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("organiser"))
    materials = models.TextField(_("materials"), blank=True, help_text=_("Titles or links of the handouts, one a line"))
    attendees = models.ManyToManyField(Officer, through="Attendance", related_name="trainings")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training meeting")
        verbose_name_plural = _("training meetings")

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        PRESENT = "present", _("Present")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices, default=Status.INVITED)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["training", "officer"], name="attendance_unique")]
