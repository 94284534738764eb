"""One alert per (scheme, story): the rules that fired become the alert's reasons.

Existing alerts keep their kind, rule, severity and evidence as a reason; alerts of one scheme
about the same story (same group key) are merged into the oldest, which takes the others'
posts, log and reasons, the highest severity and the furthest state.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SEVERITIES = ["info", "low", "medium", "high", "critical"]
STATES = ["new", "acknowledged", "taken"]


def to_reasons(apps, schema_editor):
    Alert, AlertReason = apps.get_model("monitoring", "Alert"), apps.get_model("monitoring", "AlertReason")
    AlertReason.objects.bulk_create([
        AlertReason(alert_id=a.pk, rule_id=a.rule_id, kind=a.kind, severity=a.severity, at=a.created_at, evidence=a.evidence or {})
        for a in Alert.objects.all().iterator()])


def merge_duplicates(apps, schema_editor):
    Alert = apps.get_model("monitoring", "Alert")
    seen: dict[tuple, object] = {}
    for alert in Alert.objects.order_by("created_at", "id"):
        keeper = seen.setdefault((alert.scheme_id, alert.group_key), alert)
        if keeper.pk != alert.pk:
            _merge(apps, keeper, alert)


def _merge(apps, keeper, other) -> None:
    AlertDocument, AlertReason = apps.get_model("monitoring", "AlertDocument"), apps.get_model("monitoring", "AlertReason")
    known = set(AlertDocument.objects.filter(alert=keeper).values_list("document_id", flat=True))
    AlertDocument.objects.filter(alert=other).exclude(document_id__in=known).update(alert=keeper)
    apps.get_model("monitoring", "AlertStep").objects.filter(alert=other).update(alert=keeper)
    kinds = set(AlertReason.objects.filter(alert=keeper).values_list("kind", flat=True))
    AlertReason.objects.filter(alert=other).exclude(kind__in=kinds).update(alert=keeper)
    keeper.document_count = AlertDocument.objects.filter(alert=keeper).count()
    keeper.sites = sorted(set(keeper.sites) | set(other.sites))
    keeper.severity = max(keeper.severity, other.severity, key=SEVERITIES.index)
    if STATES.index(other.status) > STATES.index(keeper.status):
        for field in ("status", "acknowledged_by_id", "acknowledged_at", "taken_by_id", "taken_at", "incident_url"):
            setattr(keeper, field, getattr(other, field))
        keeper.next_escalation_at = None
    keeper.updated_at = max(keeper.updated_at, other.updated_at)
    keeper.save()
    other.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="AlertReason",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("every", "Every new match"), ("negative", "Negative matches only"), ("spike", "Volume spike"), ("spread", "Spread to several sites"), ("event_place", "New event in a watched place")], max_length=12, verbose_name="reason")),
                ("severity", models.CharField(choices=[("info", "Info"), ("low", "Minor"), ("medium", "Serious"), ("high", "Major"), ("critical", "Critical")], max_length=10, verbose_name="severity")),
                ("at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, help_text="when this reason last fired")),
                ("evidence", models.JSONField(blank=True, default=dict)),
                ("alert", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reasons", to="monitoring.alert")),
                ("rule", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="reasons", to="monitoring.alertrule")),
            ],
            options={
                "ordering": ["at", "id"],
            },
        ),
        migrations.RunPython(to_reasons, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="alert", name="alert_rule_group_unique"),
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
    ]
