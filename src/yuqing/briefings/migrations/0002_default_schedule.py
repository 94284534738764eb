"""The default schedule: the daily briefing of the previous day at 08:00, to leaders, analysts and
duty officers. Offices change or disable it in the admin."""

from django.db import migrations


def create(apps, schema_editor):
    Schedule = apps.get_model("briefings", "Schedule")
    if not Schedule.objects.exists():
        Schedule.objects.create(kind="daily", hour=8, minute=0, roles="leader,analyst,duty_officer", enabled=True)


class Migration(migrations.Migration):
    dependencies = [("briefings", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
