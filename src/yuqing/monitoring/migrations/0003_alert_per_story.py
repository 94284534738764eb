"""The alert's kind, rule and evidence now live in its reasons (0002): drop them, one alert per (scheme, group)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_alert_reasons"),
    ]

    operations = [
        migrations.RemoveField(model_name="alert", name="evidence"),
        migrations.RemoveField(model_name="alert", name="kind"),
        migrations.RemoveField(model_name="alert", name="rule"),
        migrations.AddConstraint(
            model_name="alert",
            constraint=models.UniqueConstraint(fields=("scheme", "group_key"), name="alert_scheme_group_unique"),
        ),
        migrations.AddConstraint(
            model_name="alertreason",
            constraint=models.UniqueConstraint(fields=("alert", "kind"), name="alert_reason_kind_unique"),
        ),
    ]
